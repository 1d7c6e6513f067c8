"""Writing audit events. Every workflow step calls ``audit_record`` inside its transaction, late.

Each event extends the hash chain under a lock held until the transaction ends (see
``AuditEvent.save``), so call ``audit_record`` after the service's own row locks and work, not
before them.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model

from citizens.rules import mask_cpr_like
from organisations.access import memberships_of

from .context import current
from .models import AuditEvent, AuditEventCitizen
from .rules import typed_username_for_log


def audit_record(
    *,
    actor,
    action: str,
    obj: Model | None = None,
    citizen_id: int | None = None,
    centre_id: int | None = None,
    changes: dict[str, Any] | None = None,
    username: str = "",
    outcome: str | None = None,
) -> AuditEvent:
    """Append one event. ``username`` names an actor who is not (or not yet) a known user.

    ``changes["citizens"]`` (the ids a list or search showed) is also written to ``AuditEventCitizen``.

    The centre is ``centre_id`` or else the object's centre; the role is the actor's roles there
    (all their roles when there is no centre). ``outcome`` defaults to what the action implies:
    failed logins and second factors "failed", refused access "denied", anything else "success".
    """
    if outcome is None:
        outcome = AuditEvent.implied_outcome(action)
    elif outcome not in AuditEvent.Outcome.values:
        raise ValueError(f"Unknown audit outcome: {outcome!r}")
    context = current.get()
    known_actor = actor if getattr(actor, "pk", None) else None
    centre_id = centre_id if centre_id is not None else getattr(obj, "centre_id", None)
    shown = {pk for pk in (changes or {}).get("citizens") or () if isinstance(pk, int) and pk != citizen_id}
    # The event and the citizens it names in one transaction: written together or not at all (no
    # savepoint inside a workflow step's transaction: the step's own rollback takes both).
    with transaction.atomic(savepoint=False):
        event = AuditEvent.objects.create(
            actor=known_actor,
            actor_username=(known_actor.get_username() if known_actor else username)[:150],
            role=roles_at(known_actor, centre_id),
            action=action,
            outcome=outcome,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_label=mask_cpr_like(str(obj))[:200] if obj is not None else "",
            citizen_id=citizen_id,
            centre_id=centre_id,
            changes=without_cpr(changes or {}),
            request_id=context.request_id,
            client_address=context.client_address,
        )
        if shown:  # a list or search page: each citizen it showed finds the read on their access log
            AuditEventCitizen.objects.bulk_create(AuditEventCitizen(event=event, citizen_id=pk) for pk in sorted(shown))
    return event


def without_cpr(value: Any) -> Any:
    """``value`` with every CPR-like run in its texts masked: a CPR number typed into a reason, a
    note or a name field must not be kept in a log that can never be changed afterwards."""
    if isinstance(value, str):
        return mask_cpr_like(value)
    if isinstance(value, dict):
        return {key: without_cpr(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_cpr(item) for item in value]
    return value


def roles_at(actor, centre_id: int | None) -> str:
    """The actor's roles at the centre (all their roles without one), sorted, comma-separated."""
    if actor is None:
        return ""
    roles = {m.role for m in memberships_of(actor) if centre_id is None or m.centre_id == centre_id}
    return ",".join(sorted(roles))[:200]


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value differs (values as text)."""
    return {
        name: [_plain(before.get(name)), _plain(value)] for name, value in after.items() if before.get(name) != value
    }


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)


def audit_read(
    *, actor, obj: Model, citizen_id: int, centre_id: int | None = None, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """One page's read of one citizen's record (``obj`` is what the page shows: the course, the
    assessment, the decision ...). Call it after the role check, so a refusal is not logged as a read."""
    return audit_record(
        actor=actor, action=AuditEvent.Action.VIEW, obj=obj, citizen_id=citizen_id, centre_id=centre_id, changes=changes
    )


def audit_list_read(*, actor, citizen_ids, what: str) -> AuditEvent | None:
    """One event for a page that lists citizens: which ones it showed (``changes["citizens"]``, the
    internal ids, sorted) and which list it was (``what``, the URL name). A list that showed no
    citizen writes nothing: nobody's data was read. One insert, however long the list."""
    shown = sorted({int(pk) for pk in citizen_ids if pk is not None})
    if not shown:
        return None
    return audit_record(actor=actor, action=AuditEvent.Action.VIEW, changes={"list": what, "citizens": shown})


def username_as_logged(typed: str) -> str:
    """A username typed at a failed login as logs may keep it (``audit.rules.typed_username_for_log``):
    also django-axes' failure records use this, so no log keeps a password or CPR number typed there."""
    return typed_username_for_log(typed, known=_is_known_username(typed))


def _is_known_username(username: str) -> bool:
    """An account by exactly this name exists (never true for junk no username can hold, such as NUL)."""
    if not username or len(username) > 150 or "\x00" in username:
        return False
    User = get_user_model()  # noqa: N806
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists()
