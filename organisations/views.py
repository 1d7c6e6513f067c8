"""Centres and their staff, for managers and administrators of those centres; role requests for managers."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .access import get_or_404, has_role, role_required, scope_to_centres
from .models import Centre, Membership, Role, RoleRequest
from .services import may_decide, role_request_decide

CENTRE_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)


@role_required(*CENTRE_ROLES)
def centre_list(request: HttpRequest) -> HttpResponse:
    centres = scope_to_centres(
        Centre.objects.select_related("municipality"), request.user, roles=CENTRE_ROLES, centre_path=""
    )
    manages = has_role(request.user, [Role.MANAGER])
    return render(request, "organisations/centre_list.html", {"centres": centres, "manages": manages})


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


PAGE_SIZE = 25


class RoleRequestDecisionForm(forms.Form):
    request = forms.IntegerField()
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")])
    note = forms.CharField(max_length=500, required=False)


@role_required(Role.MANAGER)
def role_requests(request: HttpRequest) -> HttpResponse:
    """Pending role requests at the centres the user manages: approve (grants the role) or refuse."""
    pending = scope_to_centres(
        RoleRequest.objects.filter(status=RoleRequest.Status.PENDING), request.user, roles=[Role.MANAGER]
    ).select_related("user", "centre", "team", "requested_by")
    if request.method == "POST":
        form = RoleRequestDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to approve or refuse the request."))
            return redirect("organisations:role_requests")
        role_request = get_or_404(pending, pk=form.cleaned_data["request"])
        approve = form.cleaned_data["decision"] == "approve"
        try:
            role_request_decide(
                role_request=role_request, by=request.user, approve=approve, note=form.cleaned_data["note"]
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The role is granted.") if approve else _("The request is refused."))
        return redirect("organisations:role_requests")
    page = Paginator(pending.order_by("requested_at", "id"), PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [(role_request, may_decide(request.user, role_request)) for role_request in page]
    return render(request, "organisations/role_requests.html", {"page": page, "rows": rows})
