"""The audit log is append-only, and changes made in the app land in it (audit app)."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db


def an_event(actor=None) -> AuditEvent:
    return audit_record(actor=actor, action=AuditEvent.Action.VIEW, username="someone")


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


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET action = 'delete'", "DELETE FROM audit_auditevent"])
def test_postgresql_refuses_update_and_delete(statement):
    an_event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_an_event_records_who_what_and_from_where(client, randers_therapist):
    from tests.factories import PASSWORD

    client.post("/", {"username": randers_therapist.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.7")
    event = AuditEvent.objects.get(action="login")
    assert event.actor == randers_therapist
    assert event.actor_username == randers_therapist.username
    assert event.client_address == "192.0.2.7"
    assert len(event.request_id) == 32
    assert event.occurred_at is not None
