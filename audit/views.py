"""Audit pages for a centre's manager: who has looked at a citizen, and who was refused."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from citizens.models import Citizen
from citizens.selectors import citizen_for_user
from forlob.paging import keyset_page
from organisations.access import centre_ids_with_role, has_role, role_required
from organisations.models import Role

from .models import AuditEvent
from .services import audit_record

PAGE_SIZE = 100
# Newest first, keyset-paged (``?efter=``/``?foer=``: an event id): the citizen's events by the index
# audit_citizen_time_idx, a centre's refused attempts by audit_refused_idx.
ORDER = ("-occurred_at", "-id")
ROLE_LABELS = dict(Role.choices)
ACCESS_COLUMNS = (_("time"), _("user"), _("role"), _("action"), _("object"), _("outcome"))
REFUSED_COLUMNS = (_("time"), _("user"), _("role here"), _("citizen"), _("page asked for"), _("answer"))


@role_required(Role.MANAGER)
def citizen_access(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    """Every audit event about one citizen, newest first, for a manager of the citizen's centre.

    Refused attempts to open the citizen's record are among them, marked as refused. Another
    centre's citizen is a 404 (and logged as a refused access by the middleware); a user who
    manages some other centre but not this citizen's is refused (403). Opening the page is itself
    a read of the citizen, logged once the role is checked, so a refusal is not logged as a read.
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
    events = AuditEvent.objects.about_citizen(citizen.pk).select_related("actor")
    page = _page_with_role_labels(events, request)
    return render(request, "audit/citizen_access.html", {"citizen": citizen, "page": page, "columns": ACCESS_COLUMNS})


@role_required(Role.MANAGER)
def refused_attempts(request: HttpRequest) -> HttpResponse:
    """Refused attempts to open a record of the centres the user manages, newest first.

    Only centres where the user is a manager: a manager here who treats elsewhere does not see
    the other centre's list. Opening the list is logged, with the citizens whose names it showed.
    """
    centre_ids = centre_ids_with_role(request.user, [Role.MANAGER])
    events = AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED, centre_id__in=centre_ids).select_related(
        "actor"
    )
    page = _page_with_role_labels(events, request)
    citizens = Citizen.objects.filter(centre_id__in=centre_ids).in_bulk({e.citizen_id for e in page if e.citizen_id})
    for event in page:
        event.citizen = citizens.get(event.citizen_id)
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        changes={"page": "audit:refused_attempts", "citizens": sorted(citizens)},
    )
    return render(request, "audit/refused_attempts.html", {"page": page, "columns": REFUSED_COLUMNS})


def _page_with_role_labels(events, request: HttpRequest):
    """A page of ``events``, newest first, with the total: three queries however long the log."""
    page = keyset_page(events, order=ORDER, params=request.GET, size=PAGE_SIZE)
    for event in page:
        event.role_labels = ", ".join(str(ROLE_LABELS.get(role, role)) for role in event.role.split(",") if role)
    return page
