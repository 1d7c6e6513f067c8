"""The citizen's own copy (GDPR art. 15): a page that explains it, and the two exports. Thin.

Who may make it: the visitator, the authority and the physician of the citizen's centre (they
handle the case and already see the full CPR number, which their copy carries), and the manager,
who answers for the centre's handling of requests for access (their copy shows the CPR number
masked, as every page does for them). Not the therapist (treatment, not
case handling of requests) nor the administrator (no access to records).

Another centre's citizen is not found (404); a user without one of these roles at the
citizen's centre is refused (403, logged by the audit middleware). The exports change state
(they are logged), so they are POST only (405 on GET), and the file comes as an attachment
with a neutral name.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from audit.models import AuditEvent
from audit.services import audit_record
from citizens.models import Citizen
from citizens.selectors import citizen_for_user
from organisations.access import has_role, role_required
from organisations.models import Role

from . import services

EXPORT_ROLES = (Role.VISITATOR, Role.AUTHORITY, Role.PHYSICIAN, Role.MANAGER)


def _citizen(request: HttpRequest, citizen_pk: int) -> Citizen:
    """The citizen in the user's scope (else 404), for a user with an export role at their centre (else 403)."""
    citizen = citizen_for_user(request.user, citizen_pk, audit=False)
    if not has_role(request.user, EXPORT_ROLES, centre_id=citizen.centre_id):
        raise PermissionDenied
    return citizen


@require_GET
@role_required(*EXPORT_ROLES)
def overview(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    citizen = _citizen(request, citizen_pk)
    audit_record(actor=request.user, action=AuditEvent.Action.VIEW, obj=citizen, citizen_id=citizen.pk)
    context = {"citizen": citizen, "full_cpr": services.full_cpr_for(request.user, citizen)}
    return render(request, "exports/overview.html", context)


def _export(request: HttpRequest, citizen_pk: int, fmt: str) -> HttpResponse:
    citizen = _citizen(request, citizen_pk)
    content, content_type = services.citizen_copy(citizen=citizen, by=request.user, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=services.file_name(citizen, fmt)
    )
    return response


@never_cache
@require_POST
@role_required(*EXPORT_ROLES)
def pdf(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    return _export(request, citizen_pk, "pdf")


@never_cache
@require_POST
@role_required(*EXPORT_ROLES)
def json(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    return _export(request, citizen_pk, "json")
