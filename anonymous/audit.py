"""Audit of staff actions on anonymous records, without anything that could identify the person.

The event names the action, the kind of record and its internal number, the centre, and which
fields changed (names only, never values): never a nickname, a reference code, a phone number,
a birth year or a note, and never a citizen. ``__str__`` of every anonymous model is "kind + number"
for the same reason (``audit_record`` stores it as the object's label).
"""

from collections.abc import Iterable

from audit.models import AuditEvent
from audit.services import audit_record

from .models import AnonymousClient

Action = AuditEvent.Action


def audit_anonymous(*, by, action: str, obj, centre_id: int, fields: Iterable[str] = (), **codes: str) -> AuditEvent:
    """One event for a staff action on ``obj``. ``fields`` are the names of the fields set;
    ``codes`` may carry choice codes (state, outcome), which say nothing about who the person is."""
    changes: dict = {"anonymous": True}
    if fields:
        changes["fields"] = sorted(set(fields))
    for key, value in codes.items():
        changes[key] = str(value)
    return audit_record(actor=by, action=action, obj=obj, centre_id=centre_id, changes=changes)


def audit_client_read(*, by, client: AnonymousClient) -> AuditEvent:
    """A staff member opened the client's record."""
    return audit_anonymous(by=by, action=Action.VIEW, obj=client, centre_id=client.centre_id)


def audit_anonymous_list(*, by, what: str, client_ids: Iterable[int]) -> AuditEvent | None:
    """A list of anonymous clients was shown: which list (the URL name) and the internal numbers
    of the records it showed (``changes["clients"]``; never under ``"citizens"``)."""
    shown = sorted({int(pk) for pk in client_ids})
    if not shown:
        return None
    return audit_record(actor=by, action=Action.VIEW, changes={"anonymous": True, "list": what, "clients": shown})
