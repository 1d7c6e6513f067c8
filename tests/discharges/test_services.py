"""Discharging through the service: preconditions, the course closed, its deadlines, the
follow-ups (BEK 1477 §4(2); G3.12.1–3.12.3) and the audit trail."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from courses.models import CourseState
from deadlines.models import Deadline
from deadlines.services import recompute_course_deadlines
from decisions import services as decision_services
from discharges import services
from discharges.models import Discharge
from organisations.models import Role
from plans.models import PlanVersion
from tests.conftest import staff
from tests.pathway import course_in_treatment

from .conftest import TODAY, register_answers


def discharge(course, by, **overrides):
    return services.discharge_record(course=course, by=by, **register_answers(**overrides))


def follow_ups(course) -> dict[str, Deadline]:
    return {d.ref: d for d in Deadline.objects.filter(course=course, kind="follow_up")}


@pytest.fixture(autouse=True)
def _english():
    """The services' messages compared in their English source text."""
    with translation.override("en"):
        yield


def plan_version(course, by) -> PlanVersion:
    """Version 1 of the plan, with whatever the plans app requires filled in plainly (this test is
    about the review deadline it creates, not about the plan's contents)."""
    from django.db import models

    values = {"course": course, "number": 1, "made_on": course.treatment_started_on, "made_by": by}
    for field in PlanVersion._meta.concrete_fields:
        if field.name in values or field.null or field.has_default() or field.primary_key or field.auto_created:
            continue
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            continue
        if field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.DateField):
            values[field.name] = course.treatment_started_on
        elif isinstance(field, (models.IntegerField,)):
            values[field.name] = 3
        elif isinstance(field, (models.CharField, models.TextField)):
            values[field.name] = "x"
    return PlanVersion.objects.create(**values)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


# --- preconditions ----------------------------------------------------------------------------


def test_only_a_course_in_treatment_can_be_discharged(today, randers_centre, randers_therapist):
    granted = course_in_treatment(randers_centre, therapist=randers_therapist, started=False)
    with pytest.raises(ValidationError, match="Only a course in treatment"):
        discharge(granted, randers_therapist)
    assert not Discharge.objects.exists()


def test_a_course_is_discharged_once(treated, randers_therapist):
    discharge(treated, randers_therapist)
    with pytest.raises(ValidationError, match="Only a course in treatment"):
        discharge(treated, randers_therapist)


def test_the_discharge_cannot_be_before_treatment_started(treated, randers_therapist):
    before = treated.treatment_started_on - timedelta(days=1)
    errors = refusal(lambda: discharge(treated, randers_therapist, discharged_on=before))
    assert errors == {"discharged_on": ["The discharge cannot be before treatment started."]}
    discharge(treated, randers_therapist, discharged_on=treated.treatment_started_on)  # the same day is fine


def test_the_discharge_cannot_be_in_the_future(treated, randers_therapist):
    errors = refusal(lambda: discharge(treated, randers_therapist, discharged_on=TODAY + timedelta(days=1)))
    assert errors == {"discharged_on": ["The date cannot be in the future."]}


@pytest.mark.parametrize(
    "field",
    ["discharged_on", "drug_use_status", "reason", "self_help_contact", "drug_free_partner", "housing", "income"],
)
def test_each_missing_register_field_has_its_own_message(treated, randers_therapist, field):
    with translation.override("da"):
        errors = refusal(
            lambda: discharge(treated, randers_therapist, **{field: None if field == "discharged_on" else ""})
        )
        assert errors == {field: [str(services.REGISTER_FIELD_MESSAGES[field])]}
    treated.refresh_from_db()
    assert treated.state == CourseState.IN_TREATMENT


def test_all_missing_register_fields_are_reported_at_once(treated, randers_therapist):
    empty = {name: "" for name in register_answers()} | {"discharged_on": None}
    errors = refusal(lambda: discharge(treated, randers_therapist, **empty))
    assert set(errors) == set(register_answers())
    assert len({message for messages in errors.values() for message in messages}) == 7


def test_a_code_outside_the_list_is_refused(treated, randers_therapist):
    errors = refusal(lambda: discharge(treated, randers_therapist, housing="castle"))
    assert set(errors) == {"housing"}


def test_a_status_not_made_with_the_citizen_says_why(treated, randers_therapist):
    errors = refusal(lambda: discharge(treated, randers_therapist, made_with_citizen=False))
    assert set(errors) == {"not_with_citizen_why"}
    record = discharge(treated, randers_therapist, made_with_citizen=False, not_with_citizen_why="Udeblev.")
    assert not record.made_with_citizen and record.not_with_citizen_why == "Udeblev."


def test_a_discharge_for_lack_of_contact_asks_about_outreach(treated, randers_therapist):
    errors = refusal(lambda: discharge(treated, randers_therapist, reason="no_show"))
    assert set(errors) == {"outreach"}
    record = discharge(treated, randers_therapist, reason="no_show", outreach="contacted", outreach_note="Gadeteam.")
    assert record.outreach == "contacted"


def test_outreach_is_not_kept_for_other_reasons(treated, randers_therapist):
    assert discharge(treated, randers_therapist, outreach="contacted").outreach == ""


# --- the course closes, its deadlines with it -------------------------------------------------


def test_the_discharge_closes_the_course_as_discharged(treated, randers_therapist):
    record = discharge(treated, randers_therapist, background="  Forløbet er afsluttet.  ")
    treated.refresh_from_db()
    assert treated.state == CourseState.CLOSED
    assert (treated.closed_on, treated.closed_kind, treated.closed_reason) == (
        TODAY,
        "discharged",
        "Completed treatment",
    )
    assert record.background == "Forløbet er afsluttet."
    assert record.recorded_by == randers_therapist


def test_pending_deadlines_close_with_reason_discharged_and_met_ones_stay_met(treated, randers_therapist):
    plan_version(treated, randers_therapist)
    recompute_course_deadlines(treated)
    assert Deadline.objects.get(course=treated, kind="plan_review").closed_on is None
    discharge(treated, randers_therapist)
    review = Deadline.objects.get(course=treated, kind="plan_review")
    assert (review.closed_on, review.closed_reason, review.met_on) == (TODAY, "discharged", None)
    guarantee = Deadline.objects.get(course=treated, kind="guarantee")
    assert guarantee.met_on == treated.treatment_started_on and guarantee.closed_on is None


def test_a_missing_plan_closes_with_the_discharge(treated, randers_therapist):
    discharge(treated, randers_therapist)
    plan = Deadline.objects.get(course=treated, kind="treatment_plan")
    assert plan.closed_reason == "discharged"


# --- follow-up after discharge ----------------------------------------------------------------


@pytest.mark.parametrize("reason", ["completed", "other_offer", "hospital", "other"])
def test_follow_ups_after_1_and_6_months_for_the_four_reasons(treated, randers_therapist, reason):
    discharge(treated, randers_therapist, reason=reason)
    due = {ref: d.due_on for ref, d in follow_ups(treated).items()}
    assert due == {"1": date(2027, 4, 1), "6": date(2027, 9, 1)}
    assert all(d.closed_on is None and d.waived_on is None for d in follow_ups(treated).values())


@pytest.mark.parametrize("reason", ["moved", "expelled", "no_show", "wished_to_stop", "died"])
def test_no_follow_up_for_the_other_reasons(treated, randers_therapist, reason):
    discharge(treated, randers_therapist, reason=reason, outreach="not_considered")
    assert follow_ups(treated) == {}


def test_odsherred_also_follows_up_after_3_months(today, odsherred_centre):
    therapist = staff(odsherred_centre, Role.THERAPIST, username="odsherred-behandler")
    course = course_in_treatment(odsherred_centre, therapist=therapist, days_ago=60)
    discharge(course, therapist)
    due = {ref: d.due_on for ref, d in follow_ups(course).items()}
    assert due == {"1": date(2027, 4, 1), "3": date(2027, 6, 1), "6": date(2027, 9, 1)}
    assert due["3"] and follow_ups(course)["3"].source == "kvalitetsstandard"


@pytest.mark.parametrize(("year", "last_day"), [(2027, 28), (2028, 29)])
def test_a_discharge_on_31_january_is_followed_up_by_the_last_day_of_february(
    randers_centre, randers_therapist, year, last_day
):
    with time_machine.travel(f"{year}-01-31 12:00 +01:00", tick=False):
        course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=40)
        discharge(course, randers_therapist, discharged_on=date(year, 1, 31))
    assert follow_ups(course)["1"].due_on == date(year, 2, last_day)
    assert follow_ups(course)["6"].due_on == date(year, 7, 31)


def test_the_follow_ups_belong_to_the_provider_the_decision_allocated(treated, randers_therapist, randers_centre):
    record = discharge(treated, randers_therapist)
    assert record.provider == randers_centre
    assert {d.provider_id for d in follow_ups(treated).values()} == {randers_centre.pk}


def test_after_free_choice_the_chosen_provider_follows_up(treated, randers_therapist, private_outpatient):
    worker = treated.decision.decided_by
    decision_services.free_choice_record(
        course=treated, by=worker, chosen_provider=private_outpatient, chosen_on=treated.treatment_started_on
    )
    record = discharge(treated, randers_therapist)
    assert record.provider == private_outpatient
    assert {d.provider_id for d in follow_ups(treated).values()} == {private_outpatient.pk}


def test_a_citizen_who_declines_at_discharge_waives_the_follow_ups(treated, randers_therapist):
    record = discharge(treated, randers_therapist, follow_up_declined=True, told_about_follow_up=True)
    assert record.follow_up_opted_out_on == TODAY and record.told_about_follow_up
    assert all(
        (d.waived_on, d.waiver_reason) == (TODAY, "opted_out")
        and d.status_on(TODAY + timedelta(days=400)).code == "waived"
        for d in follow_ups(treated).values()
    )


def test_declining_is_not_recorded_where_no_follow_up_is_due(treated, randers_therapist):
    record = discharge(treated, randers_therapist, reason="moved", follow_up_declined=True)
    assert record.follow_up_opted_out_on is None


def test_a_later_opt_out_waives_the_follow_ups_from_that_day(treated, randers_therapist):
    discharge(treated, randers_therapist)
    with time_machine.travel("2027-04-20 12:00 +02:00", tick=False):
        services.follow_up_opt_out(course=treated, by=randers_therapist, opted_out_on=date(2027, 4, 20))
    deadlines = follow_ups(treated)
    # The 1-month follow-up was overdue before the opt-out: it stays a breach; the 6-month is waived.
    assert deadlines["1"].status_on(date(2027, 4, 20)).code == "waived_late"
    assert deadlines["6"].status_on(date(2027, 4, 20)).code == "waived"
    event = AuditEvent.objects.filter(object_type="discharges.Discharge", action=AuditEvent.Action.UPDATE).get()
    assert event.changes == {"follow_up_opted_out_on": [None, "2027-04-20"]}


def test_an_opt_out_needs_a_discharge_with_follow_up_and_a_sensible_date(treated, randers_therapist):
    opt_out = lambda day: services.follow_up_opt_out(course=treated, by=randers_therapist, opted_out_on=day)  # noqa: E731
    with pytest.raises(ValidationError, match="not been discharged"):
        opt_out(TODAY)
    discharge(treated, randers_therapist, discharged_on=TODAY - timedelta(days=5))
    assert refusal(lambda: opt_out(TODAY - timedelta(days=6))) == {
        "opted_out_on": ["The opt-out cannot be before the discharge."]
    }
    assert refusal(lambda: opt_out(TODAY + timedelta(days=1))) == {
        "opted_out_on": ["The date cannot be in the future."]
    }
    opt_out(TODAY)
    with pytest.raises(ValidationError, match="already opted out"):
        opt_out(TODAY)


def test_no_opt_out_where_no_follow_up_is_due(treated, randers_therapist):
    discharge(treated, randers_therapist, reason="died")
    with pytest.raises(ValidationError, match="No follow-up is due"):
        services.follow_up_opt_out(course=treated, by=randers_therapist, opted_out_on=TODAY)


# --- audit ------------------------------------------------------------------------------------


def test_the_discharge_and_the_closing_are_audited_without_free_text(treated, randers_therapist):
    since = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    record = discharge(treated, randers_therapist, background="Borgeren har det godt.", citizen_view="Enig.")
    events = AuditEvent.objects.filter(id__gt=since, actor=randers_therapist).order_by("id")
    created = events.get(action=AuditEvent.Action.CREATE, object_type="discharges.Discharge")
    assert created.object_id == str(record.pk) and created.citizen_id == treated.citizen_id
    assert created.centre_id == treated.centre_id
    assert created.changes == {
        "discharged_on": "2027-03-01",
        "reason": "completed",
        "provider": treated.centre_id,
        "follow_up_opted_out_on": "",
        "appointments_cancelled": [],
    }
    closed = events.get(action=AuditEvent.Action.UPDATE, object_type="courses.Course")
    assert closed.changes["kind"] == "discharged"
    assert "Borgeren" not in str([e.changes for e in events])


def test_appointments_after_the_discharge_day_are_cancelled_and_earlier_ones_kept(treated, randers_therapist):
    """A discharged citizen gets no more reminders and leaves the calendars; the day's own session
    still waits for its attendance."""
    from datetime import datetime, time

    from django.utils import timezone

    from appointments import services as appointments

    def book(day):
        moment = timezone.make_aware(datetime.combine(day, time(10)))
        return appointments.appointment_book(
            course=treated, by=randers_therapist, kind="individual", starts_at=moment, worker=randers_therapist
        )

    same_day, tomorrow, later = book(TODAY), book(TODAY + timedelta(days=1)), book(TODAY + timedelta(days=8))
    discharge(treated, randers_therapist, discharged_on=TODAY)
    for appointment in (same_day, tomorrow, later):
        appointment.refresh_from_db()
    assert same_day.attendance == "planned"
    assert tomorrow.attendance == later.attendance == "cancelled_by_centre"
    event = AuditEvent.objects.get(object_type="discharges.Discharge")
    assert event.changes["appointments_cancelled"] == [tomorrow.pk, later.pk]
