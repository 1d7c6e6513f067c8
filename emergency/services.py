"""Granting, approving and reviewing break-the-glass access. Every step, and every refusal, is audited.

A refusal is written to the audit log in its own transaction before the ``ValidationError`` is
raised, so that undoing the step does not undo the record of the attempt. Text the user types
(the reason, the manager's note) is masked for CPR-like runs before it is stored or logged.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from citizens import crypto
from citizens.models import Citizen
from citizens.rules import mask_cpr_like
from citizens.selectors import cpr_lookup_allowed
from organisations.access import centre_ids_with_role, has_role
from organisations.models import CASE_READ_ROLES, Role

from . import rules
from .models import EmergencyAccess

# Codes for refused steps, as the audit log records them (``changes["break_the_glass_refused"]``).
REFUSED_REASON, REFUSED_NO_CITIZEN, REFUSED_APPROVAL_REQUIRED, REFUSED_ALREADY_PENDING = (
    "insufficient_reason",
    "no_citizen_elsewhere",
    "approval_required",
    "already_pending",
)
REFUSED_REVIEWED, REFUSED_EMPTY_NOTE, REFUSED_PENDING, REFUSED_NOT_PENDING = (
    "already_reviewed",
    "empty_note",
    "awaiting_approval",
    "already_decided",
)
REFUSED_NOT_MANAGER, REFUSED_OWN_REQUEST = "not_manager_of_centre", "own_request"
REFUSED_LOOKUP_LIMIT = "cpr_lookup_limit"


def clean_text(text: str) -> str:
    """Typed text as it may be stored: CPR-like runs masked, surrounding whitespace gone."""
    return mask_cpr_like(text or "").strip()


def _audit_refusal(*, actor, refusal: str, access=None, citizen=None, review: bool = False, **changes) -> AuditEvent:
    """A denied event; ``path`` is the page the attempt came through, as on other refused attempts."""
    path = reverse("emergency:review", args=[access.pk]) if review else reverse("emergency:request")
    citizen_id = access.citizen_id if access is not None else getattr(citizen, "pk", None)
    centre_id = access.citizen.centre_id if access is not None else getattr(citizen, "centre_id", None)
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.ACCESS_DENIED,
        outcome=AuditEvent.Outcome.DENIED,
        obj=access,
        citizen_id=citizen_id,
        centre_id=centre_id,
        changes={"break_the_glass_refused": refusal, "path": path, **changes},
    )


def _refuse_grant(*, user, citizens: list[Citizen], refusal: str, reason: str) -> None:
    """One denied event per citizen the attempt was aimed at (their centre sees it), or one without."""
    for citizen in citizens or [None]:
        _audit_refusal(actor=user, refusal=refusal, citizen=citizen, reason=reason)


def emergency_access_grant(*, user, cpr: str, reason: str) -> list[EmergencyAccess]:
    """Open the citizen(s) with this CPR number outside the user's centres, for a limited time.

    1. The reason is masked for CPR-like runs; refused (audited) unless ``rules.reason_problem`` passes it.
    2. Refused (audited) when no citizen with the number is held by a centre where the user has no case role.
    3. Per citizen: an access still running is kept as it is (not extended); a request awaiting
       approval stays so (audited as refused again); a renewal within a day after the last access
       ended becomes a PENDING request (audited as refused: approval required); otherwise granted.

    Returns the granted and the pending accesses; the CPR number itself is never logged.
    """
    reason = clean_text(reason)
    # Each attempt tells whether a number is a citizen's elsewhere: it counts as a CPR search, at
    # the limit of a role that sees CPR numbers masked (the user has no role at that centre).
    if not cpr_lookup_allowed(user, full_cpr_role=False):
        _refuse_grant(user=user, citizens=[], refusal=REFUSED_LOOKUP_LIMIT, reason=reason)
        raise ValidationError({"cpr": _("You have looked up too many CPR numbers in a short time. Try again later.")})
    audit_record(
        actor=user,
        action=AuditEvent.Action.SEARCH,
        changes={"query": "CPR", "cpr_search": True, "break_the_glass": True},
    )
    citizens = list(
        Citizen.objects.filter(cpr_index=crypto.cpr_index(cpr)).exclude(
            centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES)
        )
    )
    problem = rules.reason_problem(reason)
    if problem:
        _refuse_grant(user=user, citizens=citizens, refusal=REFUSED_REASON, reason=reason)
        raise ValidationError({"reason": rules.REASON_MESSAGES[problem]})
    if not citizens:
        _refuse_grant(user=user, citizens=[], refusal=REFUSED_NO_CITIZEN, reason=reason)
        raise ValidationError({"cpr": _("No citizen with this CPR number is held by another centre.")})
    with transaction.atomic():
        return [_grant_one(user=user, citizen=citizen, reason=reason) for citizen in citizens]


def _grant_one(*, user, citizen: Citizen, reason: str) -> EmergencyAccess:
    Citizen.objects.select_for_update().filter(pk=citizen.pk).first()  # one decision at a time per citizen
    now = timezone.now()
    mine = EmergencyAccess.objects.filter(user=user, citizen=citizen)
    running = mine.active().first()
    if running:
        return running
    pending = mine.filter(state=EmergencyAccess.State.PENDING).first()
    if pending:
        _audit_refusal(actor=user, refusal=REFUSED_ALREADY_PENDING, access=pending, reason=reason)
        return pending
    last_ended = mine.filter(state=EmergencyAccess.State.GRANTED).aggregate(last=Max("expires_at"))["last"]
    if rules.renewal_needs_approval(last_ended=last_ended, now=now):
        request = EmergencyAccess.objects.create(
            user=user, citizen=citizen, reason=reason, state=EmergencyAccess.State.PENDING, expires_at=None
        )
        _audit_refusal(actor=user, refusal=REFUSED_APPROVAL_REQUIRED, access=request, reason=reason)
        return request
    access = EmergencyAccess.objects.create(
        user=user,
        citizen=citizen,
        reason=reason,
        expires_at=rules.expires_at(now, settings.FORLOB_BREAK_GLASS_MINUTES),
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.CREATE,
        obj=access,
        citizen_id=citizen.pk,
        centre_id=citizen.centre_id,
        changes={"break_the_glass": True, "reason": access.reason},
    )
    return access


def active_access(user, citizen_pk: int) -> EmergencyAccess | None:
    return EmergencyAccess.objects.active().filter(user=user, citizen_id=citizen_pk).first()


def _manages(user, access: EmergencyAccess) -> bool:
    return has_role(user, [Role.MANAGER], centre_id=access.citizen.centre_id)


def emergency_access_review(*, access: EmergencyAccess, by, note: str) -> EmergencyAccess:
    """A manager of the citizen's centre reviews a granted access afterwards, with a note.

    Refused (and audited) when ``by`` does not manage that centre, when the access is a request
    still awaiting approval, when it is already reviewed, or when the note is empty.
    """
    note = clean_text(note)
    with transaction.atomic():
        access = EmergencyAccess.objects.select_for_update().select_related("citizen").get(pk=access.pk)
        if not _manages(by, access):
            refusal, message = REFUSED_NOT_MANAGER, _("Only a manager of the citizen's centre can do this.")
        elif access.is_pending:
            refusal, message = REFUSED_PENDING, _("This request awaits approval: approve or refuse it.")
        elif access.reviewed_at:
            refusal, message = REFUSED_REVIEWED, _("This access is already reviewed.")
        elif not note:
            refusal, message = REFUSED_EMPTY_NOTE, _("Write a review note.")
        else:
            access.reviewed_by, access.reviewed_at, access.review_note = by, timezone.now(), note
            access.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
            _audit_update(by=by, access=access, changes={"break_the_glass_reviewed": True, "review_note": note})
            return access
    _audit_refusal(actor=by, refusal=refusal, access=access, review=True, note=note)
    raise ValidationError(message)


def emergency_access_decide(*, access: EmergencyAccess, by, approve: bool) -> EmergencyAccess:
    """A manager of the citizen's centre, not the requester, approves or refuses a renewal request.

    Only approval starts the access: it runs ``FORLOB_BREAK_GLASS_MINUTES`` from the approval. A
    refusal counts as the request's review. Refused (and audited) when ``by`` does not manage the
    citizen's centre, is the requester, or the request is already decided.
    """
    with transaction.atomic():
        access = EmergencyAccess.objects.select_for_update().select_related("citizen").get(pk=access.pk)
        if not _manages(by, access):
            refusal, message = REFUSED_NOT_MANAGER, _("Only a manager of the citizen's centre can do this.")
        elif access.user_id == by.pk:
            refusal, message = REFUSED_OWN_REQUEST, _("You cannot approve or refuse your own request.")
        elif not access.is_pending:
            refusal, message = REFUSED_NOT_PENDING, _("This request is already decided.")
        else:
            now = timezone.now()
            if approve:
                access.state, access.approved_by, access.approved_at = EmergencyAccess.State.GRANTED, by, now
                access.expires_at = rules.expires_at(now, settings.FORLOB_BREAK_GLASS_MINUTES)
                fields, changes = (
                    ["state", "approved_by", "approved_at", "expires_at"],
                    {"break_the_glass_approved": True},
                )
            else:
                access.state, access.reviewed_by, access.reviewed_at = EmergencyAccess.State.REFUSED, by, now
                fields, changes = ["state", "reviewed_by", "reviewed_at"], {"break_the_glass_request_refused": True}
            access.save(update_fields=fields)
            _audit_update(by=by, access=access, changes=changes)
            return access
    _audit_refusal(actor=by, refusal=refusal, access=access, review=True, decision="approve" if approve else "refuse")
    raise ValidationError(message)


def emergency_access_out_of_scope(*, by, pk: int) -> AuditEvent:
    """Audit a review or decision posted for an access ``by`` may not act on (or that does not exist).

    The event names the access's citizen and centre when it exists, so that centre's managers see
    the attempt among their refused attempts; the answer to the user is a 404 either way.
    """
    in_range = 0 <= pk <= 2**63 - 1
    target = (
        in_range and EmergencyAccess.objects.filter(pk=pk).values("citizen_id", "citizen__centre_id").first()
    ) or {}
    return audit_record(
        actor=by,
        action=AuditEvent.Action.ACCESS_DENIED,
        outcome=AuditEvent.Outcome.DENIED,
        citizen_id=target.get("citizen_id"),
        centre_id=target.get("citizen__centre_id"),
        changes={
            "break_the_glass_refused": REFUSED_NOT_MANAGER,
            "path": reverse("emergency:review", args=[pk]) if in_range else "",
            "access_id": str(pk)[:32],
        },
    )


def _audit_update(*, by, access: EmergencyAccess, changes: dict) -> None:
    """A manager's step on an access (review, approval, refusal), under the citizen and their centre."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=access,
        citizen_id=access.citizen_id,
        centre_id=access.citizen.centre_id,
        changes=changes,
    )
