"""The course's own steps (courses/services.py): opening, waivers, treatment start and closing, and
what they do to the deadlines. Requests and advice are in test_intake.py.

Time stands still on 15 April 2026; Bo asked for treatment on 2 March 2026, so his 14 days ran
out on 16 March (SEL §101(4)).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from courses import services
from courses.forms import CloseForm, WaiverForm
from courses.models import Course, CourseState
from deadlines.models import Deadline
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 15)
CONTACT = date(2026, 3, 2)
GUARANTEE_DUE = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime(2026, 4, 15, 12, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False):
        yield


def a_course(centre, by, *, kind="drug", contact=CONTACT, citizen=None):
    citizen = citizen or CitizenFactory(centre=centre, first_name="Bo", last_name="Fiktivsen")
    return services.course_open(citizen=citizen, by=by, kind=kind, first_contact_on=contact)


def requested(centre, by, expressed=CONTACT):
    course = a_course(centre, by)
    services.treatment_request_register(
        course=course, by=by, expressed_on=expressed, channel="phone", expressed_by="Borgeren"
    )
    return course


def deadline(course, kind):
    return Deadline.objects.get(course=course, kind=kind)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict if hasattr(raised.value, "error_dict") else {"__all__": raised.value.messages}


def test_a_request_sets_the_guarantee_from_the_day_the_wish_was_expressed(randers_centre, randers_visitator):
    course = requested(randers_centre, randers_visitator, expressed=date(2026, 3, 4))
    course.refresh_from_db()
    assert course.state == CourseState.REQUESTED
    assert deadline(course, "guarantee").due_on == date(2026, 3, 18)
    assert deadline(course, "assessment").due_on == date(2026, 3, 18)
    assert course.request.standard.municipality.code == "730"  # the standard in force that day is kept


def test_odsherred_shows_its_attendance_date_beside_the_laws(odsherred_centre, odsherred_manager):
    course = a_course(odsherred_centre, odsherred_manager)
    services.treatment_request_register(
        course=course,
        by=odsherred_manager,
        expressed_on=CONTACT,
        channel="phone",
        expressed_by="Borgeren",
        attended_in_person_on=date(2026, 3, 9),
    )
    guarantee = deadline(course, "guarantee")
    assert (guarantee.due_on, guarantee.local_due_on) == (GUARANTEE_DUE, date(2026, 3, 23))


class TestOpening:
    already_open = "The citizen already has an open course of this kind. Close it before opening a new one."

    def test_a_second_open_course_of_the_same_kind_is_refused_on_the_kind(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refusal(lambda: a_course(randers_centre, randers_visitator, citizen=course.citizen))
        assert errors == {"kind": [_(self.already_open)]}

    def test_another_kind_may_run_alongside(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        alcohol = a_course(randers_centre, randers_visitator, kind="alcohol", citizen=course.citizen)
        assert alcohol.citizen == course.citizen

    def test_a_closed_course_makes_way_for_a_new_one(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        services.course_close(course=course, by=randers_visitator, closed_on=TODAY, kind="withdrawn")
        assert a_course(randers_centre, randers_visitator, citizen=course.citizen).state == CourseState.ADVICE

    def test_a_concurrent_second_opening_meets_the_database_constraint_with_the_same_message(
        self, randers_centre, randers_visitator, monkeypatch
    ):
        course = a_course(randers_centre, randers_visitator)
        monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # the other request passed its check
        errors = refusal(lambda: a_course(randers_centre, randers_visitator, citizen=course.citizen))
        assert errors == {"kind": [_(self.already_open)]}
        monkeypatch.undo()
        assert Course.objects.filter(citizen=course.citizen).count() == 1


class TestClosing:
    def test_closing_closes_the_pending_deadlines_with_the_reason(self, randers_centre, randers_visitator):
        course = requested(randers_centre, randers_visitator)
        services.course_close(
            course=course, by=randers_visitator, closed_on=date(2026, 3, 10), kind="moved", reason="Til Aarhus"
        )
        course.refresh_from_db()
        assert (course.state, course.closed_kind, course.closed_reason) == ("closed", "moved", "Til Aarhus")
        rows = Deadline.objects.filter(course=course)
        assert {(d.kind, d.closed_on, d.closed_reason) for d in rows} == {
            (kind, date(2026, 3, 10), "moved") for kind in ("guarantee", "assessment", "decision")
        }
        assert not Deadline.objects.open().filter(course=course).exists()
        assert {d.status_on(TODAY).code for d in rows} == {"closed"}  # closed before 16.3: no breach
        assert AuditEvent.objects.filter(object_type="courses.Course", action="update", object_id=str(course.pk))

    def test_a_guarantee_overdue_when_the_course_closed_stays_a_breach(self, randers_centre, randers_visitator):
        course = requested(randers_centre, randers_visitator)
        services.course_close(course=course, by=randers_visitator, closed_on=date(2026, 3, 20), kind="died")
        status = deadline(course, "guarantee").status_on(TODAY)
        assert (status.code, status.overdue_from, status.ended_on, status.is_breach) == (
            "closed_late",
            date(2026, 3, 17),
            date(2026, 3, 20),
            True,
        )

    def test_other_needs_a_text(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refusal(
            lambda: services.course_close(course=course, by=randers_visitator, closed_on=TODAY, kind="other")
        )
        assert errors == {"reason": [_("Write why the course is closed.")]}

    def test_an_unknown_reason_is_refused_on_its_field(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refusal(
            lambda: services.course_close(course=course, by=randers_visitator, closed_on=TODAY, kind="bored")
        )
        assert errors == {"kind": [_("Choose why the course is closed.")]}

    @pytest.mark.parametrize(
        ("closed_on", "message"),
        [
            (date(2026, 3, 1), "The course cannot be closed before the first contact."),
            (date(2026, 3, 4), "The course cannot be closed before the treatment request."),
            (date(2026, 4, 16), "The date cannot be in the future."),
        ],
    )
    def test_the_date_lies_between_the_request_and_today(self, randers_centre, randers_visitator, closed_on, message):
        course = requested(randers_centre, randers_visitator, expressed=date(2026, 3, 5))
        errors = refusal(
            lambda: services.course_close(course=course, by=randers_visitator, closed_on=closed_on, kind="withdrawn")
        )
        assert errors == {"closed_on": [_(message)]}
        assert Course.objects.get(pk=course.pk).state == CourseState.REQUESTED

    def test_a_closed_course_is_not_closed_again(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        services.course_close(course=course, by=randers_visitator, closed_on=TODAY, kind="withdrawn")
        errors = refusal(
            lambda: services.course_close(course=course, by=randers_visitator, closed_on=TODAY, kind="moved")
        )
        assert errors == {"__all__": [_("The course is already closed.")]}

    def test_a_step_on_a_stale_copy_sees_the_course_as_it_is_now(self, randers_centre, randers_visitator):
        """Each step re-reads (and on PostgreSQL locks) the course row before checking it."""
        course = requested(randers_centre, randers_visitator)
        stale = Course.objects.get(pk=course.pk)
        services.course_close(course=course, by=randers_visitator, closed_on=TODAY, kind="withdrawn")
        errors = refusal(
            lambda: services.course_close(course=stale, by=randers_visitator, closed_on=TODAY, kind="moved")
        )
        assert errors == {"__all__": [_("The course is already closed.")]}

    def test_the_close_form_offers_the_four_reasons_a_worker_chooses(self):
        assert [value for value, _label in CloseForm().fields["kind"].choices] == [
            "withdrawn",
            "moved",
            "died",
            "other",
        ]


class TestWaivers:
    def test_free_choice_is_not_a_reason_on_the_general_form_or_service(self, randers_centre, randers_visitator):
        assert "free_choice" not in {value for value, _label in WaiverForm().fields["reason"].choices}
        course = requested(randers_centre, randers_visitator)
        errors = refusal(
            lambda: services.guarantee_waive(
                course=course, by=randers_visitator, reason="free_choice", waived_on=date(2026, 3, 6)
            )
        )
        message = "Free choice sets the guarantee aside only when it is recorded after the decision (SEL §101(6))."
        assert errors == {"reason": [_(message)]}

    def test_a_no_show_waiver_is_refused_where_the_standard_has_none(self, randers_centre, randers_visitator):
        course = requested(randers_centre, randers_visitator)
        errors = refusal(
            lambda: services.guarantee_waive(
                course=course, by=randers_visitator, reason="no_show", waived_on=date(2026, 3, 6)
            )
        )
        assert errors == {"reason": [_("Neither the law nor the municipality's standard allows this reason.")]}

    def test_mariagerfjord_waives_for_a_no_show_in_time(self, mariagerfjord_centre, mariagerfjord_visitator):
        course = requested(mariagerfjord_centre, mariagerfjord_visitator)
        services.guarantee_waive(
            course=course, by=mariagerfjord_visitator, reason="no_show", waived_on=date(2026, 3, 9)
        )
        guarantee = deadline(course, "guarantee")
        assert (guarantee.waived_on, guarantee.waiver_reason) == (date(2026, 3, 9), "no_show")
        assert guarantee.status_on(TODAY).code == "waived" and not guarantee.status_on(TODAY).is_breach

    def test_a_waiver_after_the_due_date_is_recorded_as_a_breach(self, mariagerfjord_centre, mariagerfjord_visitator):
        course = requested(mariagerfjord_centre, mariagerfjord_visitator)
        services.guarantee_waive(
            course=course, by=mariagerfjord_visitator, reason="declined", waived_on=date(2026, 3, 20)
        )
        status = deadline(course, "guarantee").status_on(TODAY)
        assert (status.code, status.overdue_from, status.ended_on, status.is_breach) == (
            "waived_late",
            date(2026, 3, 17),
            date(2026, 3, 20),
            True,
        )

    @pytest.mark.parametrize(
        ("waived_on", "message"),
        [
            (date(2026, 3, 1), "The guarantee cannot be set aside before the treatment request."),
            (date(2026, 4, 16), "The date cannot be in the future."),
        ],
    )
    def test_the_date_lies_between_the_request_and_today(
        self, mariagerfjord_centre, mariagerfjord_visitator, waived_on, message
    ):
        course = requested(mariagerfjord_centre, mariagerfjord_visitator)
        errors = refusal(
            lambda: services.guarantee_waive(
                course=course, by=mariagerfjord_visitator, reason="no_show", waived_on=waived_on
            )
        )
        assert errors == {"waived_on": [_(message)]}

    def test_no_waiver_on_a_closed_course(self, mariagerfjord_centre, mariagerfjord_visitator):
        course = requested(mariagerfjord_centre, mariagerfjord_visitator)
        services.course_close(course=course, by=mariagerfjord_visitator, closed_on=date(2026, 3, 10), kind="withdrawn")
        errors = refusal(
            lambda: services.guarantee_waive(
                course=course, by=mariagerfjord_visitator, reason="no_show", waived_on=date(2026, 3, 12)
            )
        )
        assert errors == {"__all__": [_("The course is closed: its guarantee can no longer be set aside.")]}
        assert not hasattr(Course.objects.get(pk=course.pk), "waiver")


class TestTreatmentStart:
    def test_treatment_cannot_start_without_a_grant(self, randers_centre, randers_visitator):
        course = requested(randers_centre, randers_visitator)
        errors = refusal(
            lambda: services.treatment_start(course=course, by=randers_visitator, started_on=date(2026, 3, 10))
        )
        assert errors == {"__all__": [_("Treatment can start only after a grant or a partial grant.")]}
