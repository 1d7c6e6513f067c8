"""Writing audit events. Every workflow step calls ``audit_record`` inside its transaction."""

from typing import Any

from django.db.models import Model

from .context import current
from .models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    obj: Model | None = None,
    citizen_id: int | None = None,
    centre_id: int | None = None,
    changes: dict[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    """Append one event. ``username`` names an actor who is not (or not yet) a known user."""
    context = current.get()
    known_actor = actor if getattr(actor, "pk", None) else None
    return AuditEvent.objects.create(
        actor=known_actor,
        actor_username=(known_actor.get_username() if known_actor else username)[:150],
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=str(obj)[:200] if obj is not None else "",
        citizen_id=citizen_id,
        centre_id=centre_id if centre_id is not None else getattr(obj, "centre_id", None),
        changes=changes or {},
        request_id=context.request_id,
        client_address=context.client_address,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value differs (values as text)."""
    return {
        name: [_plain(before.get(name)), _plain(value)] for name, value in after.items() if before.get(name) != value
    }


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)
