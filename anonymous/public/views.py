"""The public contact page (no login, no session, no cookie needed) and the staff's conversation times.

The public views are exempt from Django's CSRF check on purpose: they act on no logged-in user's
behalf (nothing a forged request could do that the forger cannot do directly), the status page
asks for the reference code itself, and a visitor who blocks cookies for their anonymity must
still get through. What protects the form instead is the signed one-time form token with its
time-trap, the honeypot and the rate limits (``guards``). Nothing here is audited, and no client
address is stored (the rate limits keep only an HMAC of it, in the cache, for an hour).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from anonymous.access import anonymous_role_required, scoped, service_centre, service_centre_ids
from anonymous.audit import audit_anonymous_list
from anonymous.models import ContactRequest, ConversationSlot
from forlob.forms import add_service_errors, submit
from organisations.access import get_or_404
from organisations.models import Centre, Municipality
from standards.selectors import standard_in_force

from . import guards, rules, services
from .forms import CALLBACK, ContactForm, SlotsForm, StatusForm, service_choices

PAGE_SIZE = 50


def _offering(code: str):
    """(municipality, standard in force, service centre) of a municipality offering the service; else 404."""
    if not (code.isdigit() and len(code) == 3):
        raise Http404
    municipality = get_object_or_404(Municipality, code=code)
    standard = standard_in_force(municipality.pk)
    if standard is None or not standard.anonymous_service:
        raise Http404
    return municipality, standard, service_centre(municipality.pk)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    offering = []
    for municipality in Municipality.objects.order_by("name"):
        standard = standard_in_force(municipality.pk)
        if standard is not None and standard.anonymous_service:
            offering.append(municipality)
    return render(request, "anonymous/public/index.html", {"municipalities": offering})


def _page_context(municipality, standard, centre, form, **extra):
    providers = list(standard.anonymous_provider_centres.order_by("name")) if standard else []
    return {
        "municipality": municipality,
        "standard": standard,
        "providers": providers,
        "criteria": [c for c in (standard.anonymous_criteria or []) if isinstance(c, str)],
        "contact_phone": standard.anonymous_contact_phone,
        "form": form,
        "max_body_kb": rules.MAX_BODY_BYTES // 1024,
        **extra,
    }


def _contact_form(data, standard, centre, *, token=None):
    slots = services.free_slots(centre, timezone.localdate()) if centre else []
    initial = {"token": token or guards.issue_token()}
    form = ContactForm(data, services=service_choices(standard), slots=slots, centre=centre, initial=initial)
    return form


def _render_book(request, municipality, standard, centre, form, *, status=200, **extra):
    return render(
        request,
        "anonymous/public/book.html",
        _page_context(municipality, standard, centre, form, **extra),
        status=status,
    )


def _fresh_token(form: ContactForm) -> None:
    """Give a re-shown form a new token (the old one was bad or too old); what was typed stays."""
    data = form.data.copy()
    data["token"] = guards.issue_token()
    form.data = data


def _receipt(request, municipality, standard, contact: ContactRequest) -> HttpResponse:
    # A POST answer, never a redirect: the reference code never appears in a URL or a browser history.
    return render(
        request,
        "anonymous/public/receipt.html",
        {
            "municipality": municipality,
            "contact": contact,
            "client": contact.client,
            "contact_phone": standard.anonymous_contact_phone,
        },
    )


def _limited(request, municipality, standard) -> HttpResponse:
    return render(
        request,
        "anonymous/public/limited.html",
        {"municipality": municipality, "contact_phone": standard.anonymous_contact_phone},
        status=429,
    )


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def book(request: HttpRequest, code: str) -> HttpResponse:
    municipality, standard, centre = _offering(code)
    if request.method != "POST":
        return _render_book(request, municipality, standard, centre, _contact_form(None, standard, centre))
    if guards.body_too_large(request):  # before request.POST is read
        form = _contact_form(None, standard, centre)
        return _render_book(request, municipality, standard, centre, form, status=413, too_large=True)
    if guards.address_over_limit(request):
        return _limited(request, municipality, standard)
    form = _contact_form(request.POST, standard, centre)
    try:
        rendered_at, token_hash = guards.read_token(request.POST.get("token", ""))
    except guards.BadToken:
        form.is_valid()
        form.add_error(None, _("The form had expired. Please check what you wrote and send it again."))
        _fresh_token(form)
        return _render_book(request, municipality, standard, centre, form, status=400)
    existing = ContactRequest.objects.filter(form_token_hash=token_hash).select_related("client", "slot").first()
    if existing is not None:  # the same form sent again: the same receipt
        return _receipt(request, municipality, standard, existing)
    valid = form.is_valid()
    if form.cleaned_data.get("website"):
        form.add_error(None, _("Leave the field “Leave this field empty” empty, and send the form again."))
        return _render_book(request, municipality, standard, centre, form, status=400)
    verdict = rules.time_trap(rendered_at, guards.now_seconds())
    if verdict == rules.TrapVerdict.TOO_FAST:
        form.add_error(None, _("That was very fast. Please check what you wrote and send the form again."))
        return _render_book(request, municipality, standard, centre, form, status=400)
    if verdict == rules.TrapVerdict.TOO_OLD:
        form.add_error(None, _("The form had been open a long time. Please check what you wrote and send it again."))
        _fresh_token(form)
        return _render_book(request, municipality, standard, centre, form, status=400)
    if not valid:
        return _render_book(request, municipality, standard, centre, form)
    if guards.municipality_over_limit(municipality.code, count=False):
        return _limited(request, municipality, standard)
    data = form.cleaned_data
    try:
        contact = services.request_contact(
            municipality=municipality,
            service=data["service"],
            nickname=data["nickname"],
            birth_year=data.get("birth_year"),
            slot=form.chosen_slot,
            phone=data["phone"] if data["slot"] in ("", CALLBACK) else "",
            callback_time=data.get("callback_time") or ContactRequest.CallbackTime.ANY,
            form_token=token_hash,
        )
    except ValidationError as refused:
        add_service_errors(form, refused)
        return _render_book(request, municipality, standard, centre, form)
    guards.municipality_over_limit(municipality.code, count=True)
    return _receipt(request, municipality, standard, contact)


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def status(request: HttpRequest, code: str) -> HttpResponse:
    municipality, standard, _centre = _offering(code)
    context = {"municipality": municipality, "contact_phone": standard.anonymous_contact_phone}
    if request.method != "POST":
        return render(request, "anonymous/public/status.html", {**context, "form": StatusForm()})
    if guards.body_too_large(request):
        context.update(form=StatusForm(), too_large=True)
        return render(request, "anonymous/public/status.html", context, status=413)
    if guards.address_over_limit(request):
        return _limited(request, municipality, standard)
    form = StatusForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "anonymous/public/status.html", context)
    typed = form.cleaned_data["code"]
    contact = services.find_by_code(municipality=municipality, code=typed)
    if contact is None:
        form.add_error("code", _("There is no request with that reference code. Check the code and try again."))
        return render(request, "anonymous/public/status.html", context)
    if request.POST.get("cancel"):
        try:
            contact = services.cancel_by_code(municipality=municipality, code=typed)
            context["cancelled_now"] = True
        except ValidationError as refused:
            add_service_errors(form, refused)
    context.update(contact=contact, client=contact.client, may_cancel=services.may_cancel(contact))
    return render(request, "anonymous/public/status.html", context)


# --- Staff: the conversation times --------------------------------------------------------


def _user_centres(user):
    return Centre.objects.filter(pk__in=service_centre_ids(user)).order_by("name")


@anonymous_role_required
@require_http_methods(["GET", "HEAD", "POST"])
def slots(request: HttpRequest) -> HttpResponse:
    centres = _user_centres(request.user)
    form = SlotsForm(request.POST if request.method == "POST" else None, centres=centres)
    done = submit(
        request,
        form,
        lambda **data: services.add_slots(by=request.user, **data),
        saved=lambda created: _("%(count)s conversation times added.") % {"count": len(created)},
    )
    if done.done:
        return redirect("anonymous:slots")
    coming = (
        scoped(ConversationSlot.objects.all(), request.user)
        .filter(starts_at__gte=timezone.now())
        .select_related("centre", "request__client")
        .order_by("starts_at", "id")
    )
    page = Paginator(coming, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = list(page.object_list)
    booked = [getattr(slot, "request", None) for slot in rows]
    audit_anonymous_list(
        by=request.user, what="anonymous:slots", client_ids=[r.client_id for r in booked if r is not None]
    )
    return render(
        request,
        "anonymous/public/slots.html",
        {"form": form, "page": page, "rows": rows, "several_centres": len(centres) > 1},
    )


@require_POST
@anonymous_role_required
def slot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_or_404(scoped(ConversationSlot.objects.all(), request.user), pk=pk)
    try:
        services.delete_slot(by=request.user, slot=slot)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("The conversation time was deleted."))
    return redirect("anonymous:slots")
