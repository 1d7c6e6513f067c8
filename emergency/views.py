"""Break-the-glass: ask for access with a reason; managers review the accesses to their citizens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forlob.forms import add_service_errors
from organisations.access import centre_ids_of, get_or_404, role_required
from organisations.models import CASEWORK_ROLES, Role

from . import services
from .forms import EmergencyAccessForm, ReviewForm
from .models import EmergencyAccess


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
    return EmergencyAccess.objects.filter(citizen__centre_id__in=centre_ids_of(user))


@role_required(Role.MANAGER)
def review_list(request: HttpRequest) -> HttpResponse:
    accesses = (
        _reviewable(request.user)
        .select_related("user", "citizen", "reviewed_by")
        .order_by("reviewed_at", "-granted_at")[:200]
    )
    return render(request, "emergency/review_list.html", {"accesses": accesses, "form": ReviewForm()})


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
