"""The audit log is append-only and hash-chained, and records who, in what role, did what, with what outcome."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from audit import chain
from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_record
from organisations.models import Role
from tests.audit.rows import insert_unhashed_events
from tests.conftest import staff
from tests.factories import PASSWORD, CitizenFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no trigger to stop the tampering")


def an_event(actor=None, **kwargs) -> AuditEvent:
    return audit_record(actor=actor, action=AuditEvent.Action.VIEW, username="someone", **kwargs)


def verify(*args) -> str:
    out = StringIO()
    call_command("verify_audit_chain", "--no-anchors", *args, stdout=out)  # the chain alone (anchors: test_anchors)
    return out.getvalue()


def test_an_event_cannot_be_changed_through_the_app():
    event = an_event()
    event.action = AuditEvent.Action.DELETE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")


def test_an_event_cannot_be_deleted_through_the_app():
    event = an_event()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_events_cannot_be_written_in_bulk_past_the_chain():
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action="view")])


@pytest.mark.postgres
@on_postgresql
@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET action = 'delete'", "DELETE FROM audit_auditevent"])
def test_postgresql_refuses_update_and_delete(statement):
    an_event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action="view").count() == 1
    assert verify().startswith("OK: 1 events, chain intact")


def test_an_event_records_who_what_and_from_where(client, randers_therapist):
    client.post("/", {"username": randers_therapist.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.7")
    event = AuditEvent.objects.get(action="login")
    assert event.actor == randers_therapist
    assert event.actor_username == randers_therapist.username
    assert event.role == Role.THERAPIST
    assert event.outcome == AuditEvent.Outcome.SUCCESS
    assert event.client_address == "192.0.2.7"
    assert len(event.request_id) == 32
    assert event.occurred_at.utcoffset().total_seconds() == 0  # stored and read back in UTC


# --- role and outcome ----------------------------------------------------------------------


def test_the_role_is_the_actors_roles_at_the_centre_concerned(randers_centre, odsherred_centre):
    user = staff(randers_centre, Role.THERAPIST, Role.MANAGER, username="to-roller")
    staff_elsewhere = staff(odsherred_centre, Role.VISITATOR, username="anden")
    citizen = CitizenFactory(centre=randers_centre)

    assert an_event(user, centre_id=randers_centre.pk).role == "manager,therapist"
    assert an_event(user, centre_id=odsherred_centre.pk).role == ""  # no role there
    assert audit_record(actor=user, action="view", obj=citizen).role == "manager,therapist"  # the object's centre
    assert audit_record(actor=staff_elsewhere, action="view", obj=citizen).role == ""


def test_without_a_centre_the_role_is_all_the_actors_roles(randers_centre, odsherred_centre):
    user = staff(randers_centre, Role.THERAPIST, username="to-centre")
    staff(odsherred_centre, Role.VISITATOR, username="x")  # someone else
    from tests.factories import MembershipFactory

    MembershipFactory(user=user, centre=odsherred_centre, role=Role.VISITATOR)
    user._forlob_memberships = None  # memberships are cached per request
    assert an_event(user).role == "therapist,visitator"
    assert an_event(None).role == ""


@pytest.mark.parametrize(
    ("action", "outcome"),
    [
        (AuditEvent.Action.VIEW, "success"),
        (AuditEvent.Action.LOGIN_FAILED, "failed"),
        (AuditEvent.Action.OTP_FAILED, "failed"),
        (AuditEvent.Action.ACCESS_DENIED, "denied"),
    ],
)
def test_the_outcome_follows_from_the_action(action, outcome):
    assert audit_record(actor=None, action=action, username="x").outcome == outcome


def test_the_outcome_can_be_given_but_must_be_known():
    assert an_event(outcome="denied").outcome == "denied"
    with pytest.raises(ValueError, match="outcome"):
        an_event(outcome="maybe")


def test_a_failed_login_is_logged_as_failed_without_the_password(randers_therapist):
    Client().post("/", {"username": randers_therapist.username, "password": "forkert-kodeord-1"})
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.actor_username, event.outcome, event.role) == (randers_therapist.username, "failed", "")
    assert "forkert-kodeord-1" not in str(event.changes)


def test_a_wrong_second_factor_is_logged_as_failed(randers_therapist):
    client = Client()
    client.post("/", {"username": randers_therapist.username, "password": PASSWORD})
    client.post(reverse("accounts:verify"), {"otp_token": "000000"})
    event = AuditEvent.objects.get(action="otp_failed")
    assert (event.outcome, event.role) == ("failed", Role.THERAPIST)


# --- the chain -----------------------------------------------------------------------------


def test_each_event_links_to_the_one_before_and_hashes_its_content():
    first, second, third = an_event(), an_event(), an_event()
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    for event in AuditEvent.objects.filter(pk__in=[first.pk, second.pk, third.pk]):  # as stored
        assert len(event.hash) == 64
        assert chain.event_hash(event.chain_values, event.prev_hash) == event.hash


def test_awkward_values_survive_the_round_trip_through_the_database(randers_therapist):
    from audit.context import RequestContext, current

    token = current.set(RequestContext("b" * 32, "::ffff:192.0.2.7"))
    try:
        an_event(
            randers_therapist,
            changes={
                "big": 1e16,
                "minus_zero": -0.0,
                "tiny": 1e-7,
                "huge": 1.5e300,
                "nested": {"z": [1, 2.5, None, True], "a": 'æøå ✓ "quoted" \\ back'},
                "when": ["2026-03-29", "2026-10-25"],
                7: "a number as key",
            },
        )
    finally:
        current.reset(token)
    an_event()
    assert verify().startswith("OK: 2 events, chain intact")


def test_verify_reports_an_intact_chain_and_its_head():
    events = [an_event() for _ in range(3)]
    output = verify()
    assert output.splitlines()[0] == "OK: 3 events, chain intact"
    assert f"Head: event id {events[-1].pk}, hash {events[-1].hash}" in output


def test_verify_with_an_empty_log():
    assert verify().splitlines() == ["OK: 0 events, chain intact"]


@on_sqlite
@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE audit_auditevent SET object_label = 'Someone else' WHERE id = {id}",
        "UPDATE audit_auditevent SET outcome = 'success', action = 'view' WHERE id = {id}",
        "UPDATE audit_auditevent SET occurred_at = '2020-01-01 00:00:00' WHERE id = {id}",
        'UPDATE audit_auditevent SET changes = \'{{"path": "/"}}\' WHERE id = {id}',
    ],
)
def test_a_changed_event_is_named_as_the_first_broken_link(tampering):
    before = an_event()
    tampered = an_event(outcome="denied")
    an_event()
    with connection.cursor() as cursor:  # past the app, as someone with database access
        cursor.execute(tampering.format(id=tampered.pk))
    with pytest.raises(CommandError) as broken:
        verify()
    assert broken.value.returncode == 1
    assert f"breaks at event id {tampered.pk}:" in str(broken.value)
    assert "changed" in str(broken.value)
    assert before.pk < tampered.pk


@on_sqlite
def test_a_removed_event_is_found_at_the_next_one():
    events = [an_event() for _ in range(4)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"breaks at event id {events[2].pk}:") as broken:
        verify()
    assert broken.value.returncode == 1


@on_sqlite
def test_a_recomputed_hash_still_breaks_the_link_to_the_next_event():
    events = [an_event() for _ in range(3)]
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.object_label = "forged"
    new_hash = chain.event_hash(forged.chain_values, forged.prev_hash)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_label = 'forged', hash = %s WHERE id = %s", [new_hash, events[1].pk]
        )
    with pytest.raises(CommandError, match=f"breaks at event id {events[2].pk}:"):
        verify()


def test_events_from_before_the_chain_are_reported_apart():
    insert_unhashed_events(2)  # as after migration audit 0003
    first_chained = an_event()
    assert first_chained.prev_hash == ""
    an_event()
    lines = verify().splitlines()
    assert lines[0] == "OK: 2 events, chain intact"
    assert lines[1].startswith("2 earlier events were written before the chain began")
    old = AuditEvent.objects.filter(actor_username="old", hash="").first()
    # Not stored before the chain; implied by the action, as it was then.
    assert old.outcome == "" and old.outcome_label == "Gennemført"


def test_an_anchor_proves_the_chain_still_holds_an_earlier_head():
    head = an_event().hash
    an_event()
    assert verify("--anchor", head).startswith("OK: 2 events")
    with pytest.raises(CommandError, match="anchor hash") as missing:
        verify("--anchor", "0" * 64)
    assert missing.value.returncode == 1


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_never_fork_the_chain():
    """Writers in their own connections and transactions, all at once: one chain, no fork."""
    writers, per_writer = 6, 15
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            start.wait()
            for i in range(per_writer):
                with transaction.atomic():  # a service's transaction: other work after the event
                    audit_record(actor=None, action=AuditEvent.Action.VIEW, username=f"writer-{number}-{i}")
                    AuditEvent.objects.filter(actor_username="nobody").exists()
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    hashes = list(AuditEvent.objects.order_by("id").values_list("prev_hash", "hash"))
    assert len(hashes) == writers * per_writer
    assert len({prev for prev, _ in hashes}) == len(hashes)  # no two events share a predecessor
    assert verify().startswith(f"OK: {writers * per_writer} events, chain intact")


def test_a_cpr_number_typed_into_any_logged_text_is_masked(randers_therapist):
    """Reasons, notes and changed fields reach the log as typed; a CPR number in them never does."""
    event = audit_record(
        actor=randers_therapist,
        action=AuditEvent.Action.UPDATE,
        changes={"reason": "Borger 010203-1234 ringede", "fields": {"note": ["", "cpr 0102031234"]}, "count": 3},
    )
    stored = AuditEvent.objects.get(pk=event.pk).changes
    assert stored == {
        "reason": "Borger XXXXXX-XXXX ringede",
        "fields": {"note": ["", "cpr XXXXXX-XXXX"]},
        "count": 3,
    }


@pytest.mark.django_db(transaction=True)  # committed or not: no test transaction around it
def test_a_list_read_and_the_citizens_it_names_are_written_together_or_not_at_all(monkeypatch):
    from audit.models import AuditEventCitizen

    # Citizens of a centre of their own: a transactional test cannot rely on the seeded centres.
    shown = [CitizenFactory().pk, CitizenFactory().pk]
    before = AuditEvent.objects.count()

    def fail(*args, **kwargs):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(AuditEventCitizen.objects, "bulk_create", fail)
    with pytest.raises(DatabaseError):
        an_event(changes={"list": "x", "citizens": shown})
    assert AuditEvent.objects.count() == before  # no read logged without the citizens it showed
    monkeypatch.undo()
    event = an_event(changes={"list": "x", "citizens": shown})
    assert sorted(AuditEventCitizen.objects.filter(event=event).values_list("citizen_id", flat=True)) == sorted(shown)
