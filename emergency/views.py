"""Break-the-glass: ask for access with a reason; managers review the accesses to their citizens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
            messages.warning(request, _("Break-the-glass access granted. It is logged and will be reviewed."))
            return redirect("citizens:detail", granted[0].citizen_id)
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
        .select_related("user", "citizen", "reviewed_by")
        .order_by(F("reviewed_at").desc(nulls_first=True), "-granted_at", "-id")
    )
    page = Paginator(accesses, PAGE_SIZE).get_page(request.GET.get("side"))
    unreviewed = _reviewable(request.user).filter(reviewed_at__isnull=True).count()
    return render(request, "emergency/review_list.html", {"page": page, "unreviewed": unreviewed, "form": ReviewForm()})


@role_required(Role.MANAGER)
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_or_404(_reviewable(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.emergency_access_review(access=access, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The access is reviewed."))
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
    else:
        messages.error(request, _("Write a review note."))
    return redirect("emergency:review_list")
