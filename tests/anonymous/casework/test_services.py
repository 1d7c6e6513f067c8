"""The casework's steps: preconditions, state, what is kept and erased, and an audit without
anything that identifies the person."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from anonymous.casework import services
from anonymous.models import AnonymousClient, ContactRequest, Enrolment, Group, Service, State, Talk
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff

from .helpers import NOON, assert_anonymous_audit, counsellor, make_callback, make_client, make_slot

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def worker(randers_centre):
    return counsellor(randers_centre)


def test_a_relative_calling_for_advice_is_recorded_without_a_nickname_or_a_citizen(randers_centre, worker):
    client = services.client_register(
        centre=randers_centre, by=worker, service="advice", contact_by="relative", nickname=""
    )
    assert client.state == "requested" and client.reference_code and client.contact_by == "relative"
    assert not hasattr(client, "citizen_id")
    event = AuditEvent.objects.get(action="create")
    assert event.changes["service"] == "advice" and "nickname" not in event.changes["fields"]
    assert_anonymous_audit(client)


def test_the_person_themselves_needs_a_nickname(randers_centre, worker):
    with pytest.raises(ValidationError) as refused:
        services.client_register(centre=randers_centre, by=worker, service="drug_treatment", contact_by="self")
    assert "nickname" in refused.value.message_dict
    assert not AnonymousClient.objects.exists()


def test_a_call_back_keeps_the_phone_until_the_call_is_made(randers_centre, worker):
    client = services.client_register(
        centre=randers_centre,
        by=worker,
        service="drug_treatment",
        nickname="Ræven",
        birth_year=1999,
        wish="callback",
        phone="+45 23 45 67 89",
    )
    request = client.contact_request
    assert request.phone == "23456789" and request.channel == "phone"
    services.callback_done(request=request, by=worker, reached=False)
    request.refresh_from_db()
    assert request.phone == "23456789" and request.callback_done_at is None
    services.callback_done(request=request, by=worker)
    request.refresh_from_db()
    assert request.phone == "" and request.callback_done_at == timezone.now() and request.handled_by == worker
    with pytest.raises(ValidationError):
        services.callback_done(request=request, by=worker)
    assert_anonymous_audit(client, "23456789", "+45 23 45 67 89")


def test_a_call_back_needs_a_danish_phone_number(randers_centre, worker):
    with pytest.raises(ValidationError) as refused:
        services.client_register(
            centre=randers_centre, by=worker, service="alcohol", nickname="X", wish="callback", phone="0101901234"
        )
    assert "phone" in refused.value.message_dict


def test_advice_is_not_booked(randers_centre, worker):
    slot = make_slot(randers_centre, worker)
    with pytest.raises(ValidationError) as refused:
        services.client_register(
            centre=randers_centre, by=worker, service="advice", nickname="X", wish="slot", slot=slot
        )
    assert "wish" in refused.value.message_dict


def test_a_booked_time_is_taken_once_and_freed_by_cancelling(randers_centre, worker):
    slot = make_slot(randers_centre, worker)
    first = services.client_register(
        centre=randers_centre, by=worker, service="drug_treatment", nickname="A", wish="slot", slot=slot
    )
    with pytest.raises(ValidationError) as refused:
        services.client_register(
            centre=randers_centre, by=worker, service="drug_treatment", nickname="B", wish="slot", slot=slot
        )
    assert "slot" in refused.value.message_dict
    services.request_cancel(request=first.contact_request, by=worker)
    request = ContactRequest.objects.get(client=first)
    assert request.slot is None and request.cancelled_at is not None
    services.client_register(
        centre=randers_centre, by=worker, service="drug_treatment", nickname="B", wish="slot", slot=slot
    )
    with pytest.raises(ValidationError):
        services.request_cancel(request=request, by=worker)


def test_another_centres_or_a_past_time_cannot_be_booked(randers_centre, fredericia_centre, worker):
    other = make_slot(fredericia_centre, counsellor(fredericia_centre, "f-anon"))
    past = make_slot(randers_centre, worker, starts_at=timezone.now() - timedelta(hours=1))
    for slot in (other, past):
        with pytest.raises(ValidationError) as refused:
            services.client_register(
                centre=randers_centre, by=worker, service="drug_treatment", nickname="A", wish="slot", slot=slot
            )
        assert "slot" in refused.value.message_dict


def test_cancelling_a_call_back_erases_the_phone(randers_centre, worker):
    client = make_client(randers_centre)
    request = make_callback(client)
    services.request_cancel(request=request, by=worker)
    request.refresh_from_db()
    assert request.phone == "" and request.cancelled_at
    client.refresh_from_db()
    assert client.state == "requested"
    assert_anonymous_audit(client, "23456789")


def test_eligible_after_the_clarifying_conversation(randers_centre, worker):
    client = make_client(randers_centre)
    request = make_callback(client)
    services.conversation_record(
        client=client, by=worker, held_on=timezone.localdate(), eligible=True, note="Arbejder, bor fast."
    )
    client.refresh_from_db()
    assert client.state == "eligible" and client.decided_on == timezone.localdate() and client.decided_by == worker
    assert client.not_eligible_reason == "" and client.referral == ""
    talk = Talk.objects.get(client=client)
    assert talk.kind == "clarifying" and talk.by == worker
    request.refresh_from_db()
    assert request.phone == "" and request.handled_by == worker and request.callback_done_at
    assert_anonymous_audit(client, "Arbejder", "23456789")


def test_not_eligible_needs_a_reason_and_a_referral(randers_centre, worker):
    client = make_client(randers_centre)
    with pytest.raises(ValidationError) as refused:
        services.conversation_record(client=client, by=worker, held_on=timezone.localdate(), eligible=False)
    assert set(refused.value.message_dict) == {"not_eligible_reason", "referral"}
    assert not Talk.objects.exists()
    services.conversation_record(
        client=client,
        by=worker,
        held_on=timezone.localdate(),
        eligible=False,
        not_eligible_reason="other_social_problems",
        referral="sel_101",
        referral_note="Henvendelse på centret",
    )
    client.refresh_from_db()
    assert client.state == "not_eligible" and client.referral == "sel_101"
    event = AuditEvent.objects.filter(action="update").get()
    assert event.changes["reason"] == "other_social_problems" and event.changes["referral"] == "sel_101"
    assert_anonymous_audit(client, "Henvendelse")


def test_an_eligible_person_is_not_referred(randers_centre, worker):
    client = make_client(randers_centre)
    with pytest.raises(ValidationError) as refused:
        services.conversation_record(
            client=client, by=worker, held_on=timezone.localdate(), eligible=True, referral="health"
        )
    assert "referral" in refused.value.message_dict


@pytest.mark.parametrize("days", [1, -31])  # tomorrow; the day before the first contact (30 days ago)
def test_the_conversation_is_not_in_the_future_nor_before_the_first_contact(randers_centre, worker, days):
    client = make_client(randers_centre)
    with pytest.raises(ValidationError) as refused:
        services.conversation_record(
            client=client, by=worker, held_on=timezone.localdate() + timedelta(days=days), eligible=True
        )
    assert "held_on" in refused.value.message_dict


@pytest.mark.parametrize(
    ("service", "state"),
    [("advice", "requested"), ("alcohol", "requested"), ("drug_treatment", "eligible"), ("drug_treatment", "ended")],
)
def test_the_conversation_only_for_drug_treatment_awaiting_it(randers_centre, worker, service, state):
    client = make_client(randers_centre, service=service, state=state)
    with pytest.raises(ValidationError):
        services.conversation_record(client=client, by=worker, held_on=timezone.localdate(), eligible=True)
    client.refresh_from_db()
    assert client.state == state


def test_advice_talks_are_counted_and_the_first_starts_the_advice(randers_centre, worker):
    client = make_client(randers_centre, service="advice", contact_by="relative", nickname="")
    services.advice_talk_record(client=client, by=worker, held_on=timezone.localdate(), with_relative=True)
    client.refresh_from_db()
    assert client.state == "advice"
    for _ in range(5):
        services.advice_talk_record(client=client, by=worker, held_on=timezone.localdate(), note="Samtale om søn")
    assert Talk.objects.filter(client=client, kind="advice").count() == 6
    services.client_end(
        client=client, by=worker, ended_on=timezone.localdate(), end_reason="referred", referral="sel_101"
    )
    with pytest.raises(ValidationError):
        services.advice_talk_record(client=client, by=worker, held_on=timezone.localdate())
    assert_anonymous_audit(client, "Samtale om søn")


def test_a_note_with_a_cpr_number_is_refused(randers_centre, worker):
    client = make_client(randers_centre, service="advice")
    with pytest.raises(ValidationError) as refused:
        services.advice_talk_record(client=client, by=worker, held_on=timezone.localdate(), note="CPR 010190-1234")
    assert "note" in refused.value.message_dict
    assert not Talk.objects.exists()


def test_anonymous_alcohol_treatment_starts(randers_centre, worker):
    client = make_client(randers_centre, service="alcohol")
    with pytest.raises(ValidationError) as refused:
        services.alcohol_start(client=client, by=worker, started_on=timezone.localdate() + timedelta(days=1))
    assert "started_on" in refused.value.message_dict
    services.alcohol_start(client=client, by=worker, started_on=timezone.localdate())
    client.refresh_from_db()
    assert client.state == "in_treatment" and client.started_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.alcohol_start(client=client, by=worker, started_on=timezone.localdate())
    drug = make_client(randers_centre)
    with pytest.raises(ValidationError):
        services.alcohol_start(client=drug, by=worker, started_on=timezone.localdate())
    assert_anonymous_audit(client)


def test_ending_early_frees_the_time_and_leaves_the_group(randers_centre, worker):
    slot = make_slot(randers_centre, worker)
    booked = services.client_register(
        centre=randers_centre, by=worker, service="drug_treatment", nickname="A", wish="slot", slot=slot
    )
    services.client_end(client=booked, by=worker, ended_on=timezone.localdate(), end_reason="withdrew")
    booked.refresh_from_db()
    assert booked.state == "ended" and booked.end_reason == "withdrew"
    assert ContactRequest.objects.get(client=booked).slot is None

    in_group = make_client(randers_centre, state="in_treatment", decided_on=timezone.localdate() - timedelta(days=20))
    group = Group.objects.create(
        centre=randers_centre,
        provider=randers_centre,
        name="Forår",
        starts_on=timezone.localdate() - timedelta(days=14),
        planned_sessions=8,
        created_by=worker,
    )
    Enrolment.objects.create(client=in_group, group=group, joined_on=timezone.localdate() - timedelta(days=14))
    with pytest.raises(ValidationError) as refused:
        services.client_end(
            client=in_group, by=worker, ended_on=timezone.localdate() - timedelta(days=25), end_reason="dropped_out"
        )
    assert "ended_on" in refused.value.message_dict
    services.client_end(client=in_group, by=worker, ended_on=timezone.localdate(), end_reason="dropped_out")
    assert Enrolment.objects.get(client=in_group).left_on == timezone.localdate()


@pytest.mark.parametrize(
    ("reason", "referral", "field"),
    [
        ("", "", "end_reason"),
        ("completed", "", "end_reason"),
        ("referred", "", "referral"),
        ("referred", "none", "referral"),
    ],
)
def test_an_early_end_needs_a_reason_and_not_completion(randers_centre, worker, reason, referral, field):
    client = make_client(randers_centre)
    with pytest.raises(ValidationError) as refused:
        services.client_end(
            client=client, by=worker, ended_on=timezone.localdate(), end_reason=reason, referral=referral
        )
    assert field in refused.value.message_dict


def test_a_closed_course_cannot_end_again(randers_centre, worker):
    client = make_client(randers_centre, state="not_eligible")
    with pytest.raises(ValidationError):
        services.client_end(client=client, by=worker, ended_on=timezone.localdate(), end_reason="other")


def test_correcting_the_facts_audits_field_names_only(randers_centre, worker):
    client = make_client(randers_centre, nickname="Fuglen")
    services.client_update(
        client=client, by=worker, nickname="Ørnen", birth_year=1988, gender="female", substance="cocaine"
    )
    client.refresh_from_db()
    assert (client.nickname, client.birth_year, client.substance) == ("Ørnen", 1988, "cocaine")
    event = AuditEvent.objects.get()
    assert event.changes["fields"] == ["birth_year", "gender", "nickname", "substance"]
    assert_anonymous_audit(client, "Fuglen", "1996")
    with pytest.raises(ValidationError):
        services.client_update(
            client=client, by=worker, nickname="Ørnen", birth_year=2090, gender="male", substance="other"
        )


CPH = ZoneInfo("Europe/Copenhagen")


def test_anonymous_alcohol_treatment_has_individual_talks_and_ends_with_its_closing_talk(fredericia_centre):
    """SUL §141(7): alcohol treatment kept anonymous runs to its end like any course: individual talks
    while in treatment, then the closing talk completes it (no group needed; not a bounded §101a course)."""
    from anonymous.groups.services import closing_talk_record

    worker = staff(fredericia_centre, Role.ANONYMOUS_COUNSELLOR, username="alkohol-anonym")
    with time_machine.travel(datetime(2027, 3, 1, 10, tzinfo=CPH), tick=False):
        client = services.client_register(
            by=worker, centre=fredericia_centre, service=Service.ALCOHOL, contact_by="self", nickname="Hjorten"
        )
        services.alcohol_start(client=client, by=worker, started_on=date(2027, 3, 1))
    with time_machine.travel(datetime(2027, 3, 8, 10, tzinfo=CPH), tick=False):
        talk = services.advice_talk_record(client=client, by=worker, held_on=date(2027, 3, 8))
        assert talk.kind == Talk.Kind.INDIVIDUAL
        with pytest.raises(ValidationError):
            services.advice_talk_record(client=client, by=worker, held_on=date(2027, 2, 27))  # before the start
        closing_talk_record(by=worker, client=client, held=True, held_on=date(2027, 3, 8))
    client.refresh_from_db()
    assert (client.state, client.end_reason, client.ended_on) == (State.COMPLETED, "completed", date(2027, 3, 8))
