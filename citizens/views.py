"""Citizens: search, register, the citizen's page, related people and consents."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from forlob.forms import submit
from organisations.access import centre_ids_with_role, get_or_404, has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES, FULL_CPR_ROLES, Centre, Role

from . import services
from .forms import CitizenForm, CitizenRegisterForm, ConsentForm, RelatedPersonForm, SearchForm, WithdrawForm
from .models import Consent
from .selectors import citizen_for_user, citizens_for

PAGE_SIZE = 50


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*CASE_READ_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    """The list of citizens; a search is a POST, so a CPR number never reaches a URL or a log.

    A GET shows the most recently changed citizens and ignores any query string.
    """
    form = SearchForm(request.POST if request.method == "POST" else None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    refused = False
    if query:
        result = services.citizen_search(by=request.user, query=query, limit=PAGE_SIZE)
        citizens, refused = result.citizens, result.refused
        if refused:
            form.add_error("q", _("You have made too many searches by CPR number. Try again later, or search by name."))
    else:
        citizens = services.citizens_list(by=request.user, limit=PAGE_SIZE)
    context = {
        "form": form,
        "query": query,
        "refused": refused,
        "citizens": citizens,
        "can_register": has_role(request.user, CASEWORK_ROLES),
    }
    return render(request, "citizens/index.html", context)


@role_required(*CASEWORK_ROLES)
def register(request: HttpRequest) -> HttpResponse:
    centres = Centre.objects.filter(pk__in=centre_ids_with_role(request.user, CASEWORK_ROLES))
    form = CitizenRegisterForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {name: data[name] for name in CitizenForm.Meta.fields}
        citizen, created = services.citizen_register(centre=data["centre"], by=request.user, cpr=data["cpr"], **details)
        if created:
            messages.success(request, _("The citizen is registered."))
        else:
            messages.info(request, _("A citizen with this CPR number is already registered; here is the record."))
        return redirect("citizens:detail", citizen.pk)
    return render(
        request,
        "form_page.html",
        {
            "title": _("Register a citizen"),
            "form": form,
            "submit_label": _("Register"),
            "back_url": reverse("citizens:index"),
            "back_label": _("Back to citizens"),
        },
    )


@role_required(*CASE_READ_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = citizen_for_user(request.user, pk, allow_emergency=True)
    context = {
        "citizen": citizen,
        "cpr_shown": citizen.cpr if has_role(request.user, FULL_CPR_ROLES, centre_id=citizen.centre_id) else None,
        "people": citizen.related_people.all(),
        "consents": citizen.consents.all(),
        "courses": citizen.courses.all(),
        "can_write": has_role(request.user, CASEWORK_ROLES, centre_id=citizen.centre_id),
        "can_see_access_log": has_role(request.user, [Role.MANAGER], centre_id=citizen.centre_id),
        "can_export": has_role(request.user, [*FULL_CPR_ROLES, Role.MANAGER], centre_id=citizen.centre_id),
        "today": timezone.localdate(),
    }
    return render(request, "citizens/detail.html", context)


@role_required(*CASEWORK_ROLES)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = _writable(request, pk)
    form = CitizenForm(request.POST or None, instance=citizen)
    if request.method == "POST" and form.is_valid():
        services.citizen_update(citizen=citizen, by=request.user, **form.cleaned_data)
        messages.success(request, _("The details are saved."))
        return redirect("citizens:detail", citizen.pk)
    return _form_page(request, citizen, form, _("Change details"), _("Save"))


@role_required(*CASEWORK_ROLES)
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = _writable(request, pk)
    form = RelatedPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.related_person_add(citizen=citizen, by=request.user, **form.cleaned_data)
        messages.success(request, _("The person is added."))
        return redirect("citizens:detail", citizen.pk)
    return _form_page(request, citizen, form, _("Add a related person"), _("Add"))


@role_required(*CASEWORK_ROLES)
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = _writable(request, pk)
    form = ConsentForm(request.POST or None)
    step = partial(services.consent_give, citizen=citizen, by=request.user)
    if submit(request, form, step, saved=_("The consent is recorded.")).done:
        return redirect("citizens:detail", citizen.pk)
    return _form_page(request, citizen, form, _("Record a consent"), _("Record"))


@role_required(*CASEWORK_ROLES)
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_or_404(Consent.objects.filter(citizen__in=citizens_for(request.user)), pk=pk)
    _writable(request, consent.citizen_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.consent_withdraw(consent=consent, by=request.user, **form.cleaned_data)
            messages.success(request, _("The consent is withdrawn."))
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
    else:
        messages.error(request, _("Enter the date the consent was withdrawn."))
    return redirect("citizens:detail", consent.citizen_id)


def _writable(request: HttpRequest, pk: int):
    """The citizen, if the user may change the record: a case role at the citizen's own centre."""
    citizen = citizen_for_user(request.user, pk)
    if not has_role(request.user, CASEWORK_ROLES, centre_id=citizen.centre_id):
        raise PermissionDenied
    return citizen


def _form_page(request, citizen, form, title, submit_label) -> HttpResponse:
    return render(
        request,
        "form_page.html",
        {
            "title": title,
            "intro": str(citizen),
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("citizens:detail", args=[citizen.pk]),
            "back_label": _("Back to the citizen"),
        },
    )
