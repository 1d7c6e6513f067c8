"""Break-the-glass: ask for access with a reason; managers review the accesses to their citizens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.services import audit_record
from forlob.forms import add_service_errors
from organisations.access import centre_ids_with_role, get_or_404, role_required
from organisations.models import CASEWORK_ROLES, Role

from . import services
from .forms import EmergencyAccessForm, ReviewForm
from .models import EmergencyAccess

PAGE_SIZE = 100


@role_required(*CASEWORK_ROLES)
def request_access(request: HttpRequest) -> HttpResponse:
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            granted = services.emergency_access_grant(
                user=request.user, cpr=form.cleaned_data["cpr"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            opened = [access for access in granted if not access.is_pending]
            if len(opened) < len(granted):
                messages.warning(
                    request,
                    _(
                        "You had break-the-glass access to this citizen less than 24 hours ago. A new access "
                        "needs the approval of a manager of the citizen's centre; your request is sent to them. "
                        "When it is approved, fill in this form again: the 30 minutes start at the approval."
                    ),
                )
            if not opened:
                return redirect("emergency:request")
            messages.warning(request, _("Break-the-glass access granted. It is logged and will be reviewed."))
            return redirect("citizens:detail", opened[0].citizen_id)
    return render(
        request,
        "form_page.html",
        {
            "title": _("Break-the-glass access"),
            "intro": _(
                "Only when a citizen of another centre needs help now and the record is needed for it. "
                "The access lasts 30 minutes, is read-only, and the citizen's centre reviews it."
            ),
            "form": form,
            "submit_label": _("Open the record"),
            "back_url": reverse("citizens:index"),
            "back_label": _("Back to citizens"),
        },
    )


def _reviewable(user):
    """Accesses to citizens of the centres the user manages (a role elsewhere opens none)."""
    return EmergencyAccess.objects.filter(citizen__centre_id__in=centre_ids_with_role(user, [Role.MANAGER]))


@role_required(Role.MANAGER)
def review_list(request: HttpRequest) -> HttpResponse:
    """Every access, the unreviewed ones on top, then the most recently reviewed; paged, never capped.

    NULLS FIRST is explicit because databases differ: PostgreSQL sorts NULLs last in ascending
    order, SQLite first. On PostgreSQL the order is that of ``emergency_review_idx`` (DESC is NULLS FIRST).
    """
    accesses = (
        _reviewable(request.user)
        .select_related("user", "citizen", "reviewed_by", "approved_by")
        .order_by(F("reviewed_at").desc(nulls_first=True), "-granted_at", "-id")
    )
    page = Paginator(accesses, PAGE_SIZE).get_page(request.GET.get("side"))
    counts = _reviewable(request.user).aggregate(
        unreviewed=Count("pk", filter=Q(reviewed_at__isnull=True)),
        pending=Count("pk", filter=Q(state=EmergencyAccess.State.PENDING)),
    )
    # The page shows citizens' names: the read is logged, naming the citizens shown.
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        changes={"page": "emergency:review_list", "page_number": page.number, "citizens": _shown(page)},
    )
    return render(
        request,
        "emergency/review_list.html",
        {"page": page, **counts, "form": ReviewForm()},
    )


def _shown(page) -> list[int]:
    return sorted({access.citizen_id for access in page})


@role_required(Role.MANAGER)
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Review a granted access (with a note), or approve or refuse a renewal request."""
    try:
        access = get_or_404(_reviewable(request.user).select_related("citizen"), pk=pk)
    except Http404:
        services.emergency_access_out_of_scope(by=request.user, pk=pk)
        raise
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect("emergency:review_list")
    decision = form.cleaned_data["decision"]
    try:
        if access.is_pending and decision:
            access = services.emergency_access_decide(
                access=access, by=request.user, approve=decision == ReviewForm.APPROVE
            )
            approved = access.state == EmergencyAccess.State.GRANTED
            messages.success(request, _("The request is approved.") if approved else _("The request is refused."))
        else:
            services.emergency_access_review(access=access, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The access is reviewed."))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect("emergency:review_list")
