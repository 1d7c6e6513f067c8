"""Centres and their staff, for managers and administrators of those centres."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import get_or_404, role_required, scope_to_centres
from .models import Centre, Membership, Role

CENTRE_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)


@role_required(*CENTRE_ROLES)
def centre_list(request: HttpRequest) -> HttpResponse:
    centres = scope_to_centres(
        Centre.objects.select_related("municipality"), request.user, roles=CENTRE_ROLES, centre_path=""
    )
    return render(request, "organisations/centre_list.html", {"centres": centres})


@role_required(*CENTRE_ROLES)
def centre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    centres = scope_to_centres(
        Centre.objects.select_related("municipality"), request.user, roles=CENTRE_ROLES, centre_path=""
    )
    centre = get_or_404(
        centres.prefetch_related(
            "teams",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user", "team").order_by("user__last_name", "role"),
            ),
        ),
        pk=pk,
    )
    staff: dict = {}
    for membership in centre.memberships.all():
        entry = staff.setdefault(membership.user, {"roles": [], "teams": []})
        entry["roles"].append(membership.get_role_display())
        if membership.team and membership.team.name not in entry["teams"]:
            entry["teams"].append(membership.team.name)
    return render(request, "organisations/centre_detail.html", {"centre": centre, "staff": staff})
