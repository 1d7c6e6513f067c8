"""Intake: every wish for treatment is registered, advice leads to a request in one step, and
under-18s follow the law of each course kind and the municipality's standard (issue 7)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from hypothesis import given
from hypothesis import strategies as st

from audit.models import AuditEvent
from courses import rules, services
from courses.models import AdviceTalk, CourseState, TreatmentRequest
from deadlines.models import Deadline
from demo.cpr import fictional_cpr
from forlob.dates import add_years
from organisations.models import Centre, Role
from tests.conftest import staff
from tests.factories import CentreFactory, CitizenFactory

CONSENT = "The municipality's standard requires this consent for a young person under 18."
REQUIRED = "Required when the citizen asks for treatment."
FUTURE = "The date cannot be in the future."


def today():
    return timezone.localdate()


def born_aged(years: int):
    """A birth date that makes the citizen ``years`` old ten days ago and still today."""
    return add_years(today(), -years) - timedelta(days=30)


def a_course(centre, by, *, age: int | None = None, kind="drug"):
    citizen = CitizenFactory(centre=centre, **({"cpr": fictional_cpr(born_aged(age))} if age else {}))
    return services.course_open(citizen=citizen, by=by, kind=kind, first_contact_on=today() - timedelta(days=10))


def register(course, by, expressed_on=None, **extra):
    return services.treatment_request_register(
        course=course,
        by=by,
        expressed_on=expressed_on or today() - timedelta(days=10),
        channel="phone",
        expressed_by="Borgeren",
        **extra,
    )


def talk(course, by, outcome, **extra):
    return services.advice_talk_record(
        course=course,
        by=by,
        held_on=extra.pop("held_on", today() - timedelta(days=3)),
        summary="Samtale om forbrug.",
        other_help_needed=False,
        other_help_assessment="Ingen anden hjælp.",
        outcome=outcome,
        **extra,
    )


def refused(call) -> dict:
    """The refusal's messages by field ("__all__" for the form as a whole)."""
    with pytest.raises(ValidationError) as refusal:
        call()
    error = refusal.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


@pytest.fixture
def mariagerfjord_centre(db):
    return Centre.objects.get(municipality__code="846", kind="municipal")


@pytest.fixture
def mariagerfjord_visitator(mariagerfjord_centre):
    return staff(mariagerfjord_centre, Role.VISITATOR, username="mariagerfjord-visitator")


class TestOutsideTheStandardRule:
    def test_a_kind_the_standard_does_not_cover(self):
        outside = rules.request_outside_standard(
            kind_law="SUL_141", laws_covered=["SEL_101"], age_at_request=30, minimum_age=None
        )
        assert outside == "kind_not_covered"

    def test_under_the_minimum_age(self):
        outside = rules.request_outside_standard(
            kind_law="SEL_101", laws_covered=["SEL_101"], age_at_request=14, minimum_age=15
        )
        assert outside == "under_minimum_age"

    def test_the_kind_is_named_before_the_age(self):
        outside = rules.request_outside_standard(
            kind_law="SUL_142", laws_covered=["SEL_101"], age_at_request=10, minimum_age=15
        )
        assert outside == "kind_not_covered"

    @given(age=st.integers(0, 120), minimum=st.one_of(st.none(), st.integers(0, 120)))
    def test_a_covered_kind_is_inside_exactly_from_the_minimum_age(self, age, minimum):
        outside = rules.request_outside_standard(
            kind_law="SEL_101", laws_covered=["SEL_101", "SUL_141"], age_at_request=age, minimum_age=minimum
        )
        assert (outside == "") == (minimum is None or age >= minimum)

    def test_a_request_may_be_refused_straight_from_requested(self):
        assert rules.can_move(CourseState.REQUESTED, CourseState.DECIDED)
        assert not rules.can_move(CourseState.ADVICE, CourseState.DECIDED)


class TestGuaranteeBasisRule:
    @pytest.mark.parametrize(
        ("kind", "age", "special_case", "standard", "expected"),
        [
            ("drug", 18, False, "special_cases", (True, "adult", "SEL §101(4)")),
            ("alcohol", 40, False, "special_cases", (True, "adult", "SUL §141(2)")),
            ("medical", 40, False, "special_cases", (True, "adult", "SUL §142(6)")),
            ("drug", 16, True, "special_cases", (True, "special_case", "SEL §101(12)")),
            ("drug", 16, False, "all_ages", (True, "standard_all_ages", "SEL §101(12); kvalitetsstandard")),
            ("drug", 17, False, "special_cases", (False, "no_special_case", "SEL §101(12)")),
            ("alcohol", 16, False, "special_cases", (True, "alcohol_no_age_limit", "SUL §141(2)")),
            ("medical", 16, False, "special_cases", (True, "medical_no_age_limit", "SUL §142(6)")),
        ],
    )
    def test_the_guarantee_and_its_source(self, kind, age, special_case, standard, expected):
        basis = rules.guarantee_basis(
            kind=kind, age_at_request=age, special_case=special_case, standard_under_18=standard
        )
        assert (basis.applies, basis.code, basis.citation) == expected

    @given(
        kind=st.sampled_from(["drug", "alcohol", "medical"]),
        age=st.integers(0, 120),
        special_case=st.booleans(),
        standard=st.sampled_from(["special_cases", "all_ages"]),
    )
    def test_only_an_under_18_in_drug_treatment_without_a_special_case_can_lack_the_guarantee(
        self, kind, age, special_case, standard
    ):
        applies = rules.guarantee_applies(
            kind=kind, age_at_request=age, special_case=special_case, standard_under_18=standard
        )
        assert applies != (kind == "drug" and age < 18 and not special_case and standard == "special_cases")


class TestConsentRule:
    def test_both_are_missing_where_the_standard_asks(self):
        missing = rules.missing_under_18_consents(
            age_at_request=16, consents_required=True, young_person=False, custody_holder=False
        )
        assert missing == ["young_person_consents", "custody_holder_consents"]

    def test_the_one_not_given_is_missing(self):
        missing = rules.missing_under_18_consents(
            age_at_request=16, consents_required=True, young_person=True, custody_holder=False
        )
        assert missing == ["custody_holder_consents"]

    def test_none_where_the_standard_does_not_ask(self):
        assert not rules.missing_under_18_consents(
            age_at_request=16, consents_required=False, young_person=False, custody_holder=False
        )

    def test_none_for_an_adult(self):
        assert not rules.missing_under_18_consents(
            age_at_request=18, consents_required=True, young_person=False, custody_holder=False
        )


@pytest.mark.django_db
class TestEveryWishIsRegistered:
    def test_alcohol_outside_randers_standard_starts_the_clock_and_needs_a_decision(
        self, randers_centre, randers_visitator
    ):
        course = a_course(randers_centre, randers_visitator, kind="alcohol")
        request = register(course, randers_visitator)
        course.refresh_from_db()
        assert (course.state, request.outside_standard) == (CourseState.REQUESTED, "kind_not_covered")
        guarantee = Deadline.objects.get(course=course, kind="guarantee")
        assert guarantee.due_on == request.expressed_on + timedelta(days=14)
        assert Deadline.objects.filter(course=course, kind="decision").exists()
        event = AuditEvent.objects.get(action="create", object_type="courses.TreatmentRequest")
        assert event.changes == {"outside_standard": "kind_not_covered"}

    def test_under_mariagerfjords_minimum_age_is_registered_without_consents(
        self, mariagerfjord_centre, mariagerfjord_visitator
    ):
        course = a_course(mariagerfjord_centre, mariagerfjord_visitator, age=14)
        request = register(course, mariagerfjord_visitator)
        assert request.outside_standard == "under_minimum_age"
        assert Deadline.objects.filter(course=course, kind="decision").exists()

    def test_inside_the_standard_nothing_is_marked(self, fredericia_centre, fredericia_outsider):
        course = a_course(fredericia_centre, fredericia_outsider, kind="alcohol")
        assert register(course, fredericia_outsider).outside_standard == ""

    def test_a_future_date_is_refused(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refused(lambda: register(course, randers_visitator, expressed_on=today() + timedelta(days=1)))
        assert errors == {"expressed_on": [_(FUTURE)]}

    def test_a_date_before_the_first_contact_is_refused(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refused(lambda: register(course, randers_visitator, expressed_on=today() - timedelta(days=11)))
        assert errors == {"expressed_on": [_("The wish cannot be expressed before the first contact.")]}

    def test_no_standard_at_all_is_refused(self, randers_visitator):
        centre = CentreFactory()
        course = a_course(centre, staff(centre, Role.VISITATOR, username="uden-standard"))
        errors = refused(lambda: register(course, randers_visitator))
        assert errors == {
            "__all__": [_("No quality standard was in force on that date. An administrator must add one.")]
        }

    def test_attendance_before_the_wish_is_refused_on_its_field(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refused(
            lambda: register(course, randers_visitator, attended_in_person_on=today() - timedelta(days=11))
        )
        assert errors == {"attended_in_person_on": [_("Attendance cannot be before the wish was expressed.")]}

    def test_a_second_request_is_refused_not_a_crash(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        register(course, randers_visitator)
        errors = refused(lambda: register(course, randers_visitator))
        assert errors == {"__all__": [_("A treatment request can be registered only on a course at the advice stage.")]}
        assert TreatmentRequest.objects.filter(course=course).count() == 1


@pytest.mark.django_db
class TestUnderEighteen:
    def test_mariagerfjord_needs_both_consents_on_their_fields(self, mariagerfjord_centre, mariagerfjord_visitator):
        course = a_course(mariagerfjord_centre, mariagerfjord_visitator, age=16)
        errors = refused(lambda: register(course, mariagerfjord_visitator, young_person_consents=True))
        assert errors == {"custody_holder_consents": [_(CONSENT)]}
        assert not TreatmentRequest.objects.filter(course=course).exists()

    def test_mariagerfjord_registers_with_both_consents(self, mariagerfjord_centre, mariagerfjord_visitator):
        course = a_course(mariagerfjord_centre, mariagerfjord_visitator, age=16)
        register(course, mariagerfjord_visitator, young_person_consents=True, custody_holder_consents=True)
        assert not Deadline.objects.filter(course=course, kind="guarantee").exists()

    def test_randers_does_not_ask_for_the_consents(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator, age=16)
        register(course, randers_visitator, under_18_special_case=True)
        assert Deadline.objects.filter(course=course, kind="guarantee").exists()

    def test_alcohol_treatment_of_a_16_year_old_has_the_guarantee(self, fredericia_centre, fredericia_outsider):
        course = a_course(fredericia_centre, fredericia_outsider, age=16, kind="alcohol")
        register(course, fredericia_outsider)
        assert Deadline.objects.filter(course=course, kind="guarantee").exists()

    def test_the_seed_standards_ask_for_consents_only_in_mariagerfjord(self):
        from standards.models import QualityStandard

        asking = QualityStandard.objects.filter(under_18_consents_required=True)
        assert [s.municipality.code for s in asking] == ["846"]
        assert "seed 003 lines 186-187" in asking.get().citations["under_18_consents_required"]


@pytest.mark.django_db
class TestAdviceLeadsToARequestInOneStep:
    def test_asking_for_treatment_registers_the_request_dated_the_talk(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        advice = talk(course, randers_visitator, "request", channel="in_person", expressed_by="Borgeren")
        course.refresh_from_db()
        assert course.state == CourseState.REQUESTED
        assert course.request.expressed_on == advice.held_on
        assert Deadline.objects.get(course=course, kind="guarantee").due_on == advice.held_on + timedelta(days=14)

    def test_how_and_by_whom_are_required_and_nothing_is_saved_without_them(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refused(lambda: talk(course, randers_visitator, "request", channel="", expressed_by=""))
        assert errors == {"channel": [_(REQUIRED)], "expressed_by": [_(REQUIRED)]}
        assert not AdviceTalk.objects.filter(course=course).exists()

    def test_a_missing_consent_keeps_the_talk_unsaved_too(self, mariagerfjord_centre, mariagerfjord_visitator):
        course = a_course(mariagerfjord_centre, mariagerfjord_visitator, age=16)
        errors = refused(lambda: talk(course, mariagerfjord_visitator, "request", channel="phone", expressed_by="Mor"))
        assert errors == {"young_person_consents": [_(CONSENT)], "custody_holder_consents": [_(CONSENT)]}
        assert not AdviceTalk.objects.filter(course=course).exists()

    def test_more_advice_registers_nothing(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        talk(course, randers_visitator, "continue", channel="phone", expressed_by="Borgeren")
        course.refresh_from_db()
        assert course.state == CourseState.ADVICE
        assert not TreatmentRequest.objects.filter(course=course).exists()

    @pytest.mark.parametrize("outcome", ["no_action", "referral"])
    def test_advice_that_ends_closes_the_course_with_its_kind(self, randers_centre, randers_visitator, outcome):
        course = a_course(randers_centre, randers_visitator)
        advice = talk(course, randers_visitator, outcome)
        course.refresh_from_db()
        assert (course.state, course.closed_kind, course.closed_on) == (CourseState.CLOSED, outcome, advice.held_on)

    def test_a_talk_in_the_future_is_refused(self, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        errors = refused(lambda: talk(course, randers_visitator, "continue", held_on=today() + timedelta(days=1)))
        assert errors == {"held_on": [_(FUTURE)]}


@pytest.mark.django_db
class TestPages:
    def test_the_advice_form_registers_the_request_in_one_submit(self, as_user, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        client = as_user(randers_visitator)
        url = reverse("courses:advice", args=[course.pk])
        page = client.get(url)
        assert b"data-request-details" in page.content and b'id="id_channel"' in page.content
        form = {
            "held_on": today().isoformat(),
            "summary": "Ønsker behandling.",
            "other_help_assessment": "Ingen.",
            "outcome": "request",
            "channel": "in_person",
            "expressed_by": "Borgeren",
        }
        assert client.post(url, form).status_code == 302
        course.refresh_from_db()
        assert (course.state, course.request.expressed_on) == (CourseState.REQUESTED, today())

    def test_a_missing_channel_lands_on_its_field(self, as_user, randers_centre, randers_visitator):
        course = a_course(randers_centre, randers_visitator)
        form = {
            "held_on": today().isoformat(),
            "summary": "Ønsker behandling.",
            "other_help_assessment": "Ingen.",
            "outcome": "request",
            "expressed_by": "Borgeren",
        }
        page = as_user(randers_visitator).post(reverse("courses:advice", args=[course.pk]), form)
        assert page.status_code == 200
        assert page.context["form"].errors == {"channel": [_(REQUIRED)]}

    def test_the_course_page_says_a_request_outside_the_standard_needs_a_decision(
        self, as_user, randers_centre, randers_visitator
    ):
        course = a_course(randers_centre, randers_visitator, kind="alcohol")
        register(course, randers_visitator)
        page = as_user(randers_visitator).get(reverse("courses:detail", args=[course.pk])).content.decode()
        assert 'data-outside-standard="kind_not_covered"' in page
        assert reverse("decisions:issue", args=[course.pk]) not in page  # the authority decides
        assert "data-awaits-authority" in page

    def test_an_under_18s_page_shows_the_consents_and_the_guarantee_basis(
        self, as_user, randers_centre, randers_visitator
    ):
        course = a_course(randers_centre, randers_visitator, age=16)
        register(course, randers_visitator, under_18_special_case=True, young_person_consents=True)
        page = as_user(randers_visitator).get(reverse("courses:detail", args=[course.pk]))
        assert 'data-guarantee-basis="special_case"' in page.content.decode()
        assert page.context["treatment_request"].guarantee_basis.applies
