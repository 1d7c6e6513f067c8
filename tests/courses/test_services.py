"""From first contact to a request: the course's steps (courses/services.py) and their deadlines."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from courses import services
from courses.models import CourseState
from deadlines.models import Deadline
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def a_course(centre, by, *, born=None, kind="drug", contact=date(2026, 3, 2)):
    citizen = CitizenFactory(centre=centre, **({"cpr": born} if born else {}))
    return services.course_open(citizen=citizen, by=by, kind=kind, first_contact_on=contact)


def request(course, by, expressed=date(2026, 3, 2), **extra):
    return services.treatment_request_register(
        course=course, by=by, expressed_on=expressed, channel="phone", expressed_by="Borgeren", **extra
    )


def deadline(course, kind):
    return Deadline.objects.get(course=course, kind=kind)


def test_a_request_moves_the_course_and_sets_the_guarantee(randers_centre, randers_visitator):
    course = a_course(randers_centre, randers_visitator)
    request(course, randers_visitator, expressed=date(2026, 3, 4))
    course.refresh_from_db()
    assert course.state == CourseState.REQUESTED
    assert deadline(course, "guarantee").due_on == date(2026, 3, 18)
    assert deadline(course, "assessment").due_on == date(2026, 3, 18)
    assert AuditEvent.objects.filter(
        action="create", object_type="courses.TreatmentRequest", citizen_id=course.citizen_id
    ).exists()


def test_the_standard_in_force_on_the_request_date_is_kept(randers_centre, randers_visitator):
    course = a_course(randers_centre, randers_visitator)
    treatment_request = request(course, randers_visitator)
    assert treatment_request.standard.municipality.code == "730"


def test_odsherred_shows_its_attendance_date_beside_the_laws(odsherred_centre, odsherred_manager):
    course = a_course(odsherred_centre, odsherred_manager)
    request(course, odsherred_manager, expressed=date(2026, 3, 2), attended_in_person_on=date(2026, 3, 9))
    guarantee = deadline(course, "guarantee")
    assert (guarantee.due_on, guarantee.local_due_on) == (date(2026, 3, 16), date(2026, 3, 23))


def test_a_wish_before_the_first_contact_is_refused(randers_centre, randers_visitator):
    course = a_course(randers_centre, randers_visitator, contact=date(2026, 3, 5))
    with pytest.raises(ValidationError):
        request(course, randers_visitator, expressed=date(2026, 3, 4))


def test_alcohol_is_refused_where_the_standard_does_not_cover_it(randers_centre, randers_visitator):
    course = a_course(randers_centre, randers_visitator, kind="alcohol")
    with pytest.raises(ValidationError, match="omfatter ikke"):
        request(course, randers_visitator)


def test_fredericia_covers_alcohol_with_its_own_guarantee(fredericia_centre, fredericia_outsider):
    course = a_course(fredericia_centre, fredericia_outsider, kind="alcohol")
    request(course, fredericia_outsider, expressed=date(2026, 5, 1))
    assert deadline(course, "guarantee").due_on == date(2026, 5, 15)


class TestUnderEighteen:
    def sixteen_year_old(self, centre, by):
        from demo.cpr import fictional_cpr

        return a_course(centre, by, born=fictional_cpr(date(2010, 1, 10)))

    def test_both_consents_are_needed(self, randers_centre, randers_visitator):
        course = self.sixteen_year_old(randers_centre, randers_visitator)
        with pytest.raises(ValidationError):
            request(course, randers_visitator, custody_holder_consents=True)

    def test_no_guarantee_unless_a_special_case(self, randers_centre, randers_visitator):
        course = self.sixteen_year_old(randers_centre, randers_visitator)
        request(course, randers_visitator, custody_holder_consents=True, young_person_consents=True)
        assert not Deadline.objects.filter(course=course, kind="guarantee").exists()
        assert Deadline.objects.filter(course=course, kind="assessment").exists()

    def test_a_special_case_has_the_guarantee(self, randers_centre, randers_visitator):
        course = self.sixteen_year_old(randers_centre, randers_visitator)
        request(
            course,
            randers_visitator,
            custody_holder_consents=True,
            young_person_consents=True,
            under_18_special_case=True,
        )
        assert Deadline.objects.filter(course=course, kind="guarantee").exists()

    def test_fredericia_gives_the_guarantee_regardless_of_age(self, fredericia_centre, fredericia_outsider):
        course = self.sixteen_year_old(fredericia_centre, fredericia_outsider)
        request(course, fredericia_outsider, custody_holder_consents=True, young_person_consents=True)
        assert Deadline.objects.filter(course=course, kind="guarantee").exists()


class TestWaivers:
    def test_free_choice_waives_the_guarantee_everywhere(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        request(course, randers_visitator)
        services.guarantee_waive(course=course, by=randers_visitator, reason="free_choice", waived_on=date(2026, 3, 6))
        guarantee = deadline(course, "guarantee")
        assert (guarantee.waived_on, guarantee.waiver_reason) == (date(2026, 3, 6), "free_choice")

    def test_a_no_show_waiver_is_refused_where_the_standard_has_none(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        request(course, randers_visitator)
        with pytest.raises(ValidationError):
            services.guarantee_waive(course=course, by=randers_visitator, reason="no_show", waived_on=date(2026, 3, 6))

    def test_mariagerfjord_allows_a_no_show_waiver(self, randers_visitator):
        from organisations.models import Centre

        centre = Centre.objects.get(municipality__code="846", kind="municipal")
        course = a_course(centre, randers_visitator)
        request(course, randers_visitator)
        services.guarantee_waive(course=course, by=randers_visitator, reason="no_show", waived_on=date(2026, 3, 9))
        assert deadline(course, "guarantee").waiver_reason == "no_show"


class TestTransitions:
    def test_treatment_cannot_start_without_a_grant(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        request(course, randers_visitator)
        with pytest.raises(ValidationError):
            services.treatment_start(course=course, by=randers_visitator, started_on=date(2026, 3, 10))

    def test_a_second_open_course_is_refused(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        with pytest.raises(ValidationError):
            services.course_open(
                citizen=course.citizen, by=randers_visitator, kind="drug", first_contact_on=date(2026, 4, 1)
            )

    def test_advice_that_ends_with_no_action_closes_the_course(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        services.advice_talk_record(
            course=course,
            by=randers_visitator,
            held_on=date(2026, 3, 2),
            summary="Samtale",
            other_help_needed=False,
            other_help_assessment="Ingen",
            outcome="no_action",
        )
        course.refresh_from_db()
        assert course.state == CourseState.CLOSED

    def test_a_closed_course_cannot_be_requested(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        services.course_close(course=course, by=randers_visitator, closed_on=date(2026, 3, 3), reason="Flyttet")
        with pytest.raises(ValidationError):
            request(course, randers_visitator, expressed=date(2026, 3, 3))
