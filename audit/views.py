"""Audit pages: a centre's manager sees who has looked at a citizen, and when."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citizens.selectors import citizen_for_user
from organisations.access import has_role, role_required
from organisations.models import Role

from .models import AuditEvent
from .services import audit_record

PAGE_SIZE = 100
ROLE_LABELS = dict(Role.choices)


@role_required(Role.MANAGER)
def citizen_access(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    """Every audit event about one citizen, newest first, for a manager of the citizen's centre.

    Another centre's citizen is a 404 (and logged as a refused access by the middleware); a user
    who manages some other centre but not this citizen's is refused (403). Opening the page is
    itself a read of the citizen, logged once the role is checked, so a refusal is not logged
    as a read.
    """
    citizen = citizen_for_user(request.user, citizen_pk, audit=False)
    if not has_role(request.user, [Role.MANAGER], centre_id=citizen.centre_id):
        raise PermissionDenied
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=citizen,
        citizen_id=citizen.pk,
        changes={"page": "audit:citizen_access"},
    )
    events = AuditEvent.objects.filter(citizen_id=citizen.pk).select_related("actor").order_by("-occurred_at", "-id")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("side"))
    for event in page:
        event.role_labels = ", ".join(str(ROLE_LABELS.get(role, role)) for role in event.role.split(",") if role)
    return render(request, "audit/citizen_access.html", {"citizen": citizen, "page": page})
