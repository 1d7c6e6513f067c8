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

from courses import services as course_services
from courses.forms import CourseOpenForm
from forlob.forms import submit
from journal.panels import citizen_panel
from organisations.access import centre_ids_with_role, get_or_404, has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES, FULL_CPR_ROLES, Centre, Role

from . import selectors, services
from .forms import (
    CitizenForm,
    CitizenRegisterForm,
    ConsentEditForm,
    ConsentForm,
    RelatedPersonEditForm,
    RelatedPersonForm,
    SearchForm,
    WithdrawForm,
)
from .models import Consent, RelatedPerson
from .rules import is_current
from .selectors import citizen_for_user, citizens_for

PAGE_SIZE = 50


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*CASE_READ_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    """The list of citizens by name, a page at a time; a search is a POST, so a CPR number or a
    name never reaches a URL or a log.

    A GET shows the user's citizens by name and reads nothing from the query string but the page's
    cursor (``?efter=``/``?foer=``: a row id). A later page of a search is a POST again, with the
    query and the cursor as hidden fields: the search is made, limited and logged anew.
    """
    searching = request.method == "POST"
    form = SearchForm(request.POST if searching else None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    refused = False
    if query:
        result = services.citizen_search(by=request.user, query=query, size=PAGE_SIZE, params=request.POST)
        page, refused = result.page, result.refused
        if refused:
            form.add_error("q", _("You have made too many searches by CPR number. Try again later, or search by name."))
    else:
        page = services.citizens_list(by=request.user, size=PAGE_SIZE, params=None if searching else request.GET)
    context = {
        "form": form,
        "query": query,
        "refused": refused,
        "page": page,
        "citizens": page.rows if page else [],
        "can_register": has_role(request.user, CASEWORK_ROLES),
    }
    return render(request, "citizens/index.html", context)


@role_required(*CASEWORK_ROLES)
def register(request: HttpRequest) -> HttpResponse:
    centres = Centre.objects.filter(pk__in=centre_ids_with_role(request.user, CASEWORK_ROLES))
    form = CitizenRegisterForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {name: data[name] for name in CitizenForm.Meta.fields if name in data}
        citizen, created = services.citizen_register(centre=data["centre"], by=request.user, cpr=data["cpr"], **details)
        if created:
            messages.success(request, _("The citizen is registered."))
        else:
            messages.info(request, _("A citizen with this CPR number is already registered; here is the record."))
        if data.get("open_course"):
            return _open_first_course(request, citizen, data["open_course"])
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


def _open_first_course(request: HttpRequest, citizen, kind: str) -> HttpResponse:
    """Open the course the registration asked for, today; if it cannot open (the citizen was
    already registered with an open course of that kind), say why on the citizen's page."""
    try:
        course = course_services.course_open(
            citizen=citizen, by=request.user, kind=kind, first_contact_on=timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.warning(request, message)
        return redirect("citizens:detail", citizen.pk)
    return redirect("courses:detail", course.pk)


@role_required(*CASE_READ_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = citizen_for_user(request.user, pk, allow_emergency=True)
    today = timezone.localdate()
    writable = has_role(request.user, CASEWORK_ROLES, centre_id=citizen.centre_id) and not citizen.via_emergency
    people = selectors.with_history(
        list(citizen.related_people.prefetch_related("versions__changed_by")),
        services.PERSON_FIELDS,
        _labels(RelatedPerson, services.PERSON_FIELDS),
        {"kind": dict(RelatedPerson.Kind.choices)},
    )
    consents = selectors.with_history(
        list(citizen.consents.prefetch_related("versions__changed_by")),
        services.CONSENT_FIELDS,
        _labels(Consent, services.CONSENT_FIELDS),
    )
    context = {
        "citizen": citizen,
        "cpr_shown": citizen.cpr if sees_full_cpr(request.user, citizen) else None,
        "sees_contact": sees_contact(request.user, citizen),
        "people": [p for p in people if is_current(p.ended_on, today=today)],
        "people_earlier": [p for p in people if not is_current(p.ended_on, today=today)],
        "consents": [c for c in consents if not c.withdrawn_on and not (c.valid_until and c.valid_until < today)],
        "consents_earlier": [c for c in consents if c.withdrawn_on or (c.valid_until and c.valid_until < today)],
        "courses": citizen.courses.all(),
        "can_write": writable,
        "open_form": CourseOpenForm(initial={"first_contact_on": today}) if writable else None,
        "can_see_access_log": has_role(request.user, [Role.MANAGER], centre_id=citizen.centre_id),
        "can_export": has_role(request.user, [*FULL_CPR_ROLES, Role.MANAGER], centre_id=citizen.centre_id),
        "today": today,
        # Notes and the timeline are not part of a break-the-glass read (emergency.services).
        "journal_panel": None if citizen.via_emergency else citizen_panel(citizen, request.user),
    }
    return render(request, "citizens/detail.html", context)


def sees_full_cpr(user, citizen) -> bool:
    return has_role(user, FULL_CPR_ROLES, centre_id=citizen.centre_id)


def sees_contact(user, citizen) -> bool:
    """The address, phone and e-mail: to everyone with a case role, but with name and address
    protection only to those who need them (``FULL_CPR_ROLES`` at the citizen's centre, who also
    send the letters)."""
    return not citizen.address_protected or sees_full_cpr(user, citizen)


def _labels(model, fields) -> dict[str, str]:
    return {name: str(model._meta.get_field(name).verbose_name).capitalize() for name in fields}


@role_required(*CASEWORK_ROLES)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = _writable(request, pk)
    form = CitizenForm(request.POST or None, instance=citizen, sees_contact=sees_contact(request.user, citizen))
    if not sees_full_cpr(request.user, citizen):
        # Only those who may see a protected address set or lift the protection.
        form.fields.pop("address_protected", None)
    step = partial(services.citizen_update, citizen=citizen, by=request.user)
    if submit(request, form, step, saved=_("The details are saved.")).done:
        return redirect("citizens:detail", citizen.pk)
    if citizen.address_protected and not sees_contact(request.user, citizen):
        form_intro = _("Name and address protection: the address, phone and e-mail are not shown to you.")
        return _form_page(request, citizen, form, _("Change details"), _("Save"), note=form_intro)
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
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a related person or end them; the earlier values stay readable ("History")."""
    person = get_or_404(RelatedPerson.objects.filter(citizen__in=citizens_for(request.user)), pk=pk)
    citizen = _writable(request, person.citizen_id)
    form = RelatedPersonEditForm(request.POST or None, instance=person)
    step = partial(services.related_person_update, person=person, by=request.user)
    if submit(request, form, step, saved=_("The person is saved; the earlier details are kept.")).done:
        return redirect("citizens:detail", citizen.pk)
    return _form_page(request, citizen, form, _("Change or end a related person"), _("Save"))


@role_required(*CASEWORK_ROLES)
def consent_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a consent (recipient, scope, valid until) or end it; the earlier values stay readable."""
    consent = get_or_404(Consent.objects.filter(citizen__in=citizens_for(request.user)), pk=pk)
    citizen = _writable(request, consent.citizen_id)
    initial = {name: getattr(consent, name) for name in services.CONSENT_FIELDS}
    form = ConsentEditForm(request.POST or None, initial=initial)
    step = partial(services.consent_update, consent=consent, by=request.user)
    if submit(request, form, step, saved=_("The consent is saved; the earlier details are kept.")).done:
        return redirect("citizens:detail", citizen.pk)
    return _form_page(request, citizen, form, _("Change or end a consent"), _("Save"))


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


def _form_page(request, citizen, form, title, submit_label, *, note: str = "") -> HttpResponse:
    return render(
        request,
        "form_page.html",
        {
            "title": title,
            "intro": f"{citizen} – {note}" if note else str(citizen),
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("citizens:detail", args=[citizen.pk]),
            "back_label": _("Back to the citizen"),
        },
    )
