"""Granting and reviewing break-the-glass access. Every step is flagged in the audit log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from citizens import crypto
from citizens.models import Citizen
from organisations.access import centre_ids_with_role
from organisations.models import CASE_READ_ROLES

from . import rules
from .models import EmergencyAccess


@transaction.atomic
def emergency_access_grant(*, user, cpr: str, reason: str) -> list[EmergencyAccess]:
    """Open the citizen(s) with this CPR number outside the user's centres, for a limited time.

    Refused without a sufficient reason, or when no such citizen is held in another centre.
    """
    if not rules.reason_is_sufficient(reason):
        raise ValidationError({"reason": _("Describe the urgent need in a sentence (at least 20 characters).")})
    citizens = Citizen.objects.filter(cpr_index=crypto.cpr_index(cpr)).exclude(
        centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES)
    )
    if not citizens:
        raise ValidationError({"cpr": _("No citizen with this CPR number is held by another centre.")})
    now = timezone.now()
    granted = []
    for citizen in citizens:
        access = EmergencyAccess.objects.create(
            user=user,
            citizen=citizen,
            reason=reason.strip(),
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
        granted.append(access)
    return granted


def active_access(user, citizen_pk: int) -> EmergencyAccess | None:
    return EmergencyAccess.objects.active().filter(user=user, citizen_id=citizen_pk).first()


@transaction.atomic
def emergency_access_review(*, access: EmergencyAccess, by, note: str) -> EmergencyAccess:
    """The manager of the citizen's centre reviews the access afterwards."""
    if access.reviewed_at:
        raise ValidationError(_("This access is already reviewed."))
    access.reviewed_by, access.reviewed_at, access.review_note = by, timezone.now(), note.strip()
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=access,
        citizen_id=access.citizen_id,
        centre_id=access.citizen.centre_id,
        changes={"break_the_glass_reviewed": True},
    )
    return access
