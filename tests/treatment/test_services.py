"""The workflow steps: preconditions, Danish-translatable refusals on the right field, the audit
trail without free text, and the aftercare task made once when a stay ends."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from courses import services as course_services
from tests.pathway import course_in_treatment
from treatment import services
from treatment.models import GiftCard, Lapse, StatusMeeting

from .conftest import STARTED_ON, TODAY

pytestmark = pytest.mark.django_db


def card(course, by, **overrides):
    values = {"issued_on": TODAY, "amount": 200, "kind": "electronic", "reason": "Fremmøde hele måneden"}
    return services.gift_card_issue(course=course, by=by, **{**values, **overrides})


def _events(obj):
    return AuditEvent.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk))


def test_a_gift_card_is_recorded_and_audited_without_its_reason(course, randers_therapist):
    gift = card(course, randers_therapist)
    assert (gift.amount, gift.centre_id, gift.issued_by) == (200, course.centre_id, randers_therapist)
    event = _events(gift).get()
    assert event.action == AuditEvent.Action.CREATE and event.citizen_id == course.citizen_id
    assert "Fremmøde" not in str(event.changes)


def test_a_gift_card_may_be_given_once_treatment_is_granted(randers_centre, randers_therapist):
    granted = course_in_treatment(randers_centre, days_ago=10, started=False)
    assert card(granted, randers_therapist).pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": 0}, "amount"),
        ({"amount": 2001}, "amount"),
        ({"issued_on": TODAY + timedelta(days=1)}, "issued_on"),
        ({"issued_on": date(2025, 1, 1)}, "issued_on"),
        ({"reason": "  "}, "reason"),
    ],
)
def test_a_wrong_gift_card_is_refused_on_its_field(course, randers_therapist, overrides, field):
    with pytest.raises(ValidationError) as refused:
        card(course, randers_therapist, **overrides)
    assert field in refused.value.message_dict
    assert not GiftCard.objects.exists()


def test_no_gift_card_on_a_closed_course(randers_centre, randers_visitator):
    granted = course_in_treatment(randers_centre, days_ago=10, started=False)
    course_services.course_close(course=granted, by=randers_visitator, closed_on=TODAY, kind="withdrawn")
    with pytest.raises(ValidationError):
        card(granted, randers_visitator)


def lapse(course, by, **overrides):
    values = {
        "occurred_on": TODAY - timedelta(days=2),
        "kind": Lapse.Kind.LAPSE,
        "substances": "Alkohol",
        "account": "Drak til en fest.",
        "offer_change": Lapse.OfferChange.KEEP,
    }
    return services.lapse_record(course=course, by=by, **{**values, **overrides})


def test_a_lapse_is_recorded_and_its_text_stays_out_of_the_audit(course, randers_therapist):
    recorded = lapse(course, randers_therapist, triggers="Fest med gamle venner")
    event = _events(recorded).get()
    assert event.changes == {"occurred_on": str(TODAY - timedelta(days=2)), "kind": "lapse", "offer_change": "keep"}


def test_changing_the_offer_needs_a_note(course, randers_therapist):
    with pytest.raises(ValidationError) as refused:
        lapse(course, randers_therapist, kind="relapse", offer_change="change")
    assert "offer_change_note" in refused.value.message_dict
    assert lapse(course, randers_therapist, offer_change="change", offer_change_note="Dagbehandling").pk


@pytest.mark.parametrize("occurred_on", [STARTED_ON - timedelta(days=1), TODAY + timedelta(days=1)])
def test_a_lapse_is_dated_during_treatment_and_not_in_the_future(course, randers_therapist, occurred_on):
    with pytest.raises(ValidationError) as refused:
        lapse(course, randers_therapist, occurred_on=occurred_on)
    assert "occurred_on" in refused.value.message_dict


def test_a_lapse_is_recorded_only_in_treatment(randers_centre, randers_therapist):
    granted = course_in_treatment(randers_centre, days_ago=10, started=False)
    with pytest.raises(ValidationError):
        lapse(granted, randers_therapist)


PLAN = {"warning_signs": "Sover dårligt", "high_risk_situations": "Fester", "strategies": "Ring", "contacts": "Søster"}


def test_the_relapse_plan_keeps_its_earlier_versions(course, randers_therapist):
    first = services.relapse_plan_save(course=course, by=randers_therapist, made_on=STARTED_ON, **PLAN)
    second = services.relapse_plan_save(
        course=course, by=randers_therapist, made_on=TODAY, **{**PLAN, "contacts": "Søster og behandler"}
    )
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.contacts == "Søster"
    event = _events(second).get()
    assert event.action == AuditEvent.Action.UPDATE and event.changes["changed"] == ["contacts"]
    assert "Søster" not in str(event.changes)


def test_an_unchanged_plan_is_not_saved_again(course, randers_therapist):
    services.relapse_plan_save(course=course, by=randers_therapist, made_on=STARTED_ON, **PLAN)
    with pytest.raises(ValidationError):
        services.relapse_plan_save(course=course, by=randers_therapist, made_on=TODAY, **PLAN)


def stay(course, by, provider, **overrides):
    values = {"provider": provider, "starts_on": date(2026, 3, 1), "planned_end_on": date(2026, 5, 31)}
    return services.stay_start(course=course, by=by, **{**values, **overrides})


def test_a_stay_proposes_its_three_status_meetings(course, randers_therapist, provider):
    started = stay(course, randers_therapist, provider)
    planned = dict(started.meetings.values_list("kind", "planned_on"))
    assert planned == {"start": date(2026, 3, 1), "midway": date(2026, 4, 15), "end": date(2026, 5, 31)}
    assert _events(started).get().changes["provider"] == provider.pk


def test_one_stay_at_a_time(course, randers_therapist, provider):
    stay(course, randers_therapist, provider)
    with pytest.raises(ValidationError):
        stay(course, randers_therapist, provider, starts_on=date(2026, 3, 10))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"planned_end_on": date(2026, 3, 1)}, "planned_end_on"),
        ({"starts_on": STARTED_ON - timedelta(days=1)}, "starts_on"),
    ],
)
def test_a_wrong_stay_is_refused_on_its_field(course, randers_therapist, provider, overrides, field):
    with pytest.raises(ValidationError) as refused:
        stay(course, randers_therapist, provider, **overrides)
    assert field in refused.value.message_dict


def test_a_meeting_is_moved_then_held_once(course, randers_therapist, provider):
    started = stay(course, randers_therapist, provider)
    services.stay_meeting_record(stay=started, by=randers_therapist, kind="start", planned_on=date(2026, 2, 27))
    held = services.stay_meeting_record(
        stay=started, by=randers_therapist, kind="start", planned_on=date(2026, 2, 27), held_on=date(2026, 2, 27)
    )
    assert held.held_on == date(2026, 2, 27)
    with pytest.raises(ValidationError) as refused:
        services.stay_meeting_record(
            stay=started, by=randers_therapist, kind="start", planned_on=date(2026, 2, 27), held_on=TODAY
        )
    assert "kind" in refused.value.message_dict


def test_a_meeting_cannot_be_held_in_the_future(course, randers_therapist, provider):
    started = stay(course, randers_therapist, provider)
    with pytest.raises(ValidationError) as refused:
        services.stay_meeting_record(
            stay=started, by=randers_therapist, kind="midway", planned_on=TODAY, held_on=TODAY + timedelta(days=1)
        )
    assert "held_on" in refused.value.message_dict


def test_each_written_status_is_recorded_once(course, randers_therapist, provider):
    started = stay(course, randers_therapist, provider)
    services.provider_status_record(
        stay=started, by=randers_therapist, kind="midway", received_on=TODAY, summary="Går godt"
    )
    with pytest.raises(ValidationError) as refused:
        services.provider_status_record(
            stay=started, by=randers_therapist, kind="midway", received_on=TODAY, summary="x"
        )
    assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.provider_status_record(
            stay=started, by=randers_therapist, kind="final", received_on=date(2026, 2, 28), summary="x"
        )
    assert "received_on" in refused.value.message_dict


def test_ending_a_stay_makes_the_aftercare_task_once(course, randers_therapist, provider):
    started = stay(course, randers_therapist, provider)
    task = services.stay_end(stay=started, by=randers_therapist, ended_on=date(2026, 3, 10))
    assert (task.kind, task.created_on, task.done_on) == (TaskKind.AFTERCARE, date(2026, 3, 10), None)
    # The final meeting moves to the early end; the mid-way meeting stays where it was.
    planned = dict(StatusMeeting.objects.filter(stay=started).values_list("kind", "planned_on"))
    assert planned["end"] == date(2026, 3, 10) and planned["midway"] == date(2026, 4, 15)
    with pytest.raises(ValidationError):
        services.stay_end(stay=started, by=randers_therapist, ended_on=TODAY)
    assert Task.objects.filter(course=course, kind=TaskKind.AFTERCARE).count() == 1
    assert _events(task).get().action == AuditEvent.Action.CREATE


@pytest.mark.parametrize("ended_on", [date(2026, 2, 28), TODAY + timedelta(days=1)])
def test_a_stay_ends_between_its_start_and_today(course, randers_therapist, provider, ended_on):
    started = stay(course, randers_therapist, provider)
    with pytest.raises(ValidationError) as refused:
        services.stay_end(stay=started, by=randers_therapist, ended_on=ended_on)
    assert "ended_on" in refused.value.message_dict
    assert not Task.objects.filter(kind=TaskKind.AFTERCARE).exists()


def test_a_new_stay_may_follow_an_ended_one(course, randers_therapist, provider):
    first = stay(course, randers_therapist, provider)
    services.stay_end(stay=first, by=randers_therapist, ended_on=date(2026, 3, 5))
    assert stay(course, randers_therapist, provider, starts_on=date(2026, 3, 6)).pk
