"""Who an administrator may administer, and the four-eyes workflow for granting roles.

Rules (docs/security.md, "Administration"):
- an administrator administers only users who belong wholly to their municipalities: every
  membership and every pending role request there, at least one of them, and never a superuser;
- no one grants a role directly: an administrator (or an operator) files a role request, and a
  manager of the centre who is neither the requester nor the grantee approves or refuses it;
- a role is revoked directly (audited); changing a role is a revocation and a new request.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import second_factor_reset
from audit.models import AuditEvent
from audit.services import audit_record

from .access import memberships_of
from .models import Centre, Membership, Role, RoleRequest, User


def administered_municipality_ids(user) -> set[int]:
    """Municipalities where ``user`` holds the administrator role (at an active centre)."""
    return {m.centre.municipality_id for m in memberships_of(user) if m.role == Role.ADMINISTRATOR}


def administrable_users(by) -> QuerySet[User]:
    """The users ``by`` may see, change, reset and unlock in the admin.

    A superuser (operator) sees everyone. An administrator sees a user only when the user has a
    membership or a role request in the administrator's municipalities and none elsewhere (no
    membership, no pending request), and is not a superuser: taking over a user who also works
    in another municipality, or an operator, would reach beyond the administrator's own.
    """
    if by.is_superuser:
        return User.objects.all()
    ids = administered_municipality_ids(by)
    memberships = Membership.objects.filter(user=OuterRef("pk"))
    requests = RoleRequest.objects.filter(user=OuterRef("pk"))
    inside = Q(Exists(memberships.filter(centre__municipality_id__in=ids))) | Q(
        Exists(requests.filter(centre__municipality_id__in=ids))
    )
    outside = Q(Exists(memberships.exclude(centre__municipality_id__in=ids))) | Q(
        Exists(requests.filter(status=RoleRequest.Status.PENDING).exclude(centre__municipality_id__in=ids))
    )
    return User.objects.filter(inside, is_superuser=False).exclude(outside)


def may_request_for(by, centre: Centre) -> bool:
    return by.is_superuser or centre.municipality_id in administered_municipality_ids(by)


def may_decide(by, role_request: RoleRequest) -> bool:
    """A manager of the request's centre who is neither the requester nor the grantee.

    A superuser (operator) may decide only for a centre that has no manager yet, the bootstrap of
    a new centre; the requester must then be someone else too.
    """
    if by.pk in (role_request.requested_by_id, role_request.user_id):
        return False
    if _is_manager_of(by, role_request.centre_id):
        return True
    return by.is_superuser and not Membership.objects.filter(centre=role_request.centre, role=Role.MANAGER).exists()


def _is_manager_of(user, centre_id: int) -> bool:
    return any(m.role == Role.MANAGER and m.centre_id == centre_id for m in memberships_of(user))


@transaction.atomic
def role_request_file(*, role_request: RoleRequest, by, new_user: bool = False) -> RoleRequest:
    """File ``role_request`` (unsaved, with user, centre, role, team and reason) on behalf of ``by``.

    ``new_user``: the user was created with this request in the same step (the add form), so is
    not yet administrable by anyone but becomes so through the request.
    """
    if not may_request_for(by, role_request.centre):
        raise ValidationError(_("You may request roles only at centres of your own municipality."))
    if not new_user and not administrable_users(by).filter(pk=role_request.user_id).exists():
        raise ValidationError(_("You may request roles only for users of your own municipality."))
    role_request.requested_by = by
    role_request.requested_at = timezone.now()
    role_request.status = RoleRequest.Status.PENDING
    role_request.full_clean()
    role_request.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=role_request,
        centre_id=role_request.centre_id,
        changes={"role_requested": role_request.role, "user": role_request.user.get_username()},
    )
    return role_request


@transaction.atomic
def role_request_decide(*, role_request: RoleRequest, by, approve: bool, note: str = "") -> Membership | None:
    """Approve (creating the Membership) or refuse a pending request; both are audited."""
    role_request = RoleRequest.objects.select_for_update().get(pk=role_request.pk)
    if role_request.status != RoleRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not may_decide(by, role_request):
        raise ValidationError(_("A manager of the centre other than the requester and the user must decide this."))
    role_request.status = RoleRequest.Status.APPROVED if approve else RoleRequest.Status.REFUSED
    role_request.decided_by, role_request.decided_at, role_request.decision_note = by, timezone.now(), note
    role_request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    membership = None
    if approve:
        membership, _created = Membership.objects.get_or_create(
            user=role_request.user,
            centre=role_request.centre,
            role=role_request.role,
            defaults={"team": role_request.team},
        )
        audit_record(
            actor=by,
            action=AuditEvent.Action.CREATE,
            obj=membership,
            changes={
                "role_granted": role_request.role,
                "role_request": role_request.pk,
                "requested_by": role_request.requested_by.get_username() if role_request.requested_by else "",
                "decided_as": "manager" if _is_manager_of(by, role_request.centre_id) else "operator",
            },
        )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=role_request,
        centre_id=role_request.centre_id,
        changes={"status": [RoleRequest.Status.PENDING, role_request.status], "note": note},
    )
    return membership


def membership_revoke(*, membership: Membership, by) -> None:
    """Remove a role at once (no second person needed to take a right away), audited."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.DELETE,
        obj=membership,
        changes={"role_revoked": membership.role, "user": membership.user.get_username()},
    )
    membership.delete()


def password_set_by_administrator(*, user: User, by) -> None:
    """A password an administrator chose is known to them: audit it (never the password) and make
    the user enrol a new second factor with a code only the user receives.

    Raises ``accounts.services.SecondFactorResetRefused`` (no e-mail address, mail not sent); the
    caller's transaction then undoes the password too.
    """
    audit_record(actor=by, action=AuditEvent.Action.UPDATE, obj=user, changes={"password": "set by an administrator"})  # nosec B105  # a label, not a password
    second_factor_reset(user=user, by=by, reason="password set by an administrator")
