"""The anonymous service's casework pages (/anonym/): the team's front page, the clients, a client's
record, and the steps (contact, call-back, conversation and decision, advice, alcohol start, end).

Only for the anonymous-service role (``anonymous_role_required``: 404 otherwise), every record read
through ``scoped`` at the user's service centres (another centre's record: 404), every read and
change audited without anything that identifies the person (``anonymous.audit``).
"""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forlob.forms import submit
from organisations.access import get_or_404
from organisations.models import Centre
from standards.selectors import standard_in_force

from .. import rules as shared
from ..access import anonymous_role_required, clients_for, scoped, service_centre_ids
from ..audit import audit_anonymous_list, audit_client_read
from ..models import Attendance, ContactRequest, ConversationSlot, Enrolment, Service, State, Talk
from . import forms, rules, services

SECTION_SIZE = 20
PAGE_SIZE = 50
BOOKED_DAYS = 14


def _client(request: HttpRequest, pk: int):
    return get_or_404(clients_for(request.user).select_related("centre"), pk=pk)


def _not_now(request: HttpRequest, client) -> HttpResponse:
    """A step the client's state no longer offers (another tab, a colleague): back to the record."""
    messages.info(request, _("This step is not possible in the client's present state."))
    return redirect("anonymous:client", client.pk)


def _section(queryset, size: int = SECTION_SIZE) -> dict:
    rows = list(queryset[: size + 1])
    total = len(rows) if len(rows) <= size else queryset.count()
    return {"rows": rows[:size], "total": total, "more": total > size}


@anonymous_role_required
def index(request: HttpRequest) -> HttpResponse:
    """The team's front page: call-backs to make (oldest first), booked conversations in the next
    14 days, clients awaiting a decision, eligible clients awaiting a group, open advice."""
    now = timezone.now()
    requests = scoped(ContactRequest.objects.all(), request.user, centre_path="client__centre").filter(
        cancelled_at__isnull=True, client__state=State.REQUESTED
    )
    clients = clients_for(request.user)
    callbacks = _section(
        requests.filter(way=ContactRequest.Way.CALLBACK, callback_done_at__isnull=True)
        .select_related("client")
        .order_by("submitted_at", "id")
    )
    booked = _section(
        requests.filter(
            way=ContactRequest.Way.SLOT, slot__starts_at__gte=now, slot__starts_at__lt=now + timedelta(days=BOOKED_DAYS)
        )
        .select_related("client", "slot")
        .order_by("slot__starts_at", "id")
    )
    awaiting = _section(
        clients.filter(service=Service.DRUG_TREATMENT, state=State.REQUESTED)
        .select_related("contact_request__slot")
        .order_by("first_contact_on", "id")
    )
    eligible = _section(clients.filter(state=State.ELIGIBLE).order_by("decided_on", "id"))
    advice = _section(
        clients.filter(service=Service.ADVICE, state__in=[State.REQUESTED, State.ADVICE]).order_by(
            "first_contact_on", "id"
        )
    )
    shown = {r.client_id for section in (callbacks, booked) for r in section["rows"]}
    shown |= {c.pk for section in (awaiting, eligible, advice) for c in section["rows"]}
    audit_anonymous_list(by=request.user, what="anonymous:index", client_ids=shown)
    return render(
        request,
        "anonymous/casework/index.html",
        {
            "callbacks": callbacks,
            "booked": booked,
            "awaiting": awaiting,
            "eligible": eligible,
            "advice": advice,
            "booked_days": BOOKED_DAYS,
            "State": State,
            "Service": Service,
        },
    )


@anonymous_role_required
def clients(request: HttpRequest) -> HttpResponse:
    """Every client of the user's service centre(s), newest contact first, 50 a page; filter by
    service and state, find one by reference code (exact)."""
    form = forms.ClientFilterForm(request.GET or None)
    rows = clients_for(request.user).order_by("-first_contact_on", "-id")
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["service"]:
            rows = rows.filter(service=data["service"])
        if data["state"] == "all":
            pass
        elif data["state"]:
            rows = rows.filter(state=data["state"])
        else:
            rows = rows.filter(state__in=[State.REQUESTED, State.ADVICE, State.ELIGIBLE, State.IN_TREATMENT])
        if data["code"]:
            rows = rows.filter(reference_code=data["code"])
        filtered = any(data.values())
    elif form.is_bound:
        rows = rows.none()
    else:
        rows = rows.filter(state__in=[State.REQUESTED, State.ADVICE, State.ELIGIBLE, State.IN_TREATMENT])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    audit_anonymous_list(by=request.user, what="anonymous:clients", client_ids=[c.pk for c in page])
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "anonymous/casework/clients.html",
        {"form": form, "page": page, "filtered": filtered, "query": query.urlencode()},
    )


def _recorded(client) -> str:
    return _("The contact is recorded. Reference code: %(code)s") % {"code": client.reference_code}


@anonymous_role_required
def client_new(request: HttpRequest) -> HttpResponse:
    """Record a contact by phone or in person, without a CPR number and without a citizen."""
    centres = Centre.objects.filter(pk__in=service_centre_ids(request.user)).order_by("name", "id")
    free_slots = (
        scoped(ConversationSlot.objects.all(), request.user)
        .filter(starts_at__gt=timezone.now(), request__isnull=True)
        .order_by("starts_at", "id")
    )
    form = forms.ClientNewForm(
        request.POST or None,
        centres=centres,
        free_slots=free_slots,
        initial={"first_contact_on": timezone.localdate()},
    )
    step = partial(services.client_register, by=request.user)
    done = submit(request, form, step, saved=_recorded)
    if done.done:
        client = done.result
        if client.service == Service.ADVICE:
            return redirect("anonymous:advice_talk", client.pk)
        return redirect("anonymous:client", client.pk)
    return render(
        request,
        "anonymous/casework/client_new.html",
        {
            "title": _("Record a contact"),
            "form": form,
            "submit_label": _("Record the contact"),
            "back_url": reverse("anonymous:index"),
            "back_label": _("Back to the anonymous service"),
        },
    )


@anonymous_role_required
def client(request: HttpRequest, pk: int) -> HttpResponse:
    """The client's record, with the next steps for the state."""
    client = get_or_404(
        clients_for(request.user).select_related("centre", "created_by", "decided_by"),
        pk=pk,
    )
    contact_request = ContactRequest.objects.filter(client=client).select_related("slot", "handled_by").first()
    talks = list(Talk.objects.filter(client=client).select_related("by").order_by("held_on", "id"))
    enrolments = list(
        Enrolment.objects.filter(client=client).select_related("group", "group__provider").order_by("joined_on", "id")
    )
    attendance = Attendance.objects.filter(client=client).aggregate(
        attended=Count("id", filter=Q(status=Attendance.Status.ATTENDED)),
        absent=Count("id", filter=Q(status=Attendance.Status.ABSENT)),
        excused=Count("id", filter=Q(status=Attendance.Status.EXCUSED)),
    )
    audit_client_read(by=request.user, client=client)
    steps = rules.next_steps(client.service, client.state)
    pending_callback = bool(
        contact_request
        and contact_request.way == ContactRequest.Way.CALLBACK
        and contact_request.callback_done_at is None
        and contact_request.cancelled_at is None
        and client.state == State.REQUESTED
    )
    cancellable = bool(
        contact_request
        and contact_request.cancelled_at is None
        and contact_request.callback_done_at is None
        and client.state == State.REQUESTED
    )
    return render(
        request,
        "anonymous/casework/client.html",
        {
            "client": client,
            "contact_request": contact_request,
            "talks": talks,
            "enrolments": enrolments,
            "attendance": attendance,
            "steps": steps,
            "pending_callback": pending_callback,
            "cancellable": cancellable,
            "is_drug_treatment": client.service == Service.DRUG_TREATMENT,
            "decided": client.decided_on is not None,
            "may_be_appealed": shared.may_be_appealed(),
            "guarantee_applies": shared.guarantee_applies(),
            "no_appeal_source": rules.NO_APPEAL_SOURCE,
            "decision_source": rules.DECISION_SOURCE,
        },
    )


@require_POST
@anonymous_role_required
def callback_done(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_or_404(scoped(ContactRequest.objects.all(), request.user, centre_path="client__centre"), pk=pk)
    reached = request.POST.get("reached") != "no"
    try:
        services.callback_done(request=contact, by=request.user, reached=reached)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("The call-back is recorded and the phone number erased.")
            if reached
            else _("The attempt is noted. The call-back stays on the list with the phone number."),
        )
    if request.POST.get("next") == "index":
        return redirect("anonymous:index")
    return redirect("anonymous:client", contact.client_id)


@require_POST
@anonymous_role_required
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_or_404(scoped(ContactRequest.objects.all(), request.user, centre_path="client__centre"), pk=pk)
    try:
        services.request_cancel(request=contact, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("The request is cancelled. A booked time is free again; a phone number is erased."))
    return redirect("anonymous:client", contact.client_id)


def _form_page(request, client, form, *, title: str, submit_label: str, template: str = "", **extra) -> HttpResponse:
    return render(
        request,
        template or "anonymous/casework/step.html",
        {
            "title": title,
            "client": client,
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("anonymous:client", args=[client.pk]),
            "back_label": _("Back to the client"),
            **extra,
        },
    )


def _step_page(request: HttpRequest, pk: int, *, offered_by, make_form, service, describe) -> HttpResponse:
    """One step on a client's record, the same way for every step: the record is read (audited);
    a step the state no longer offers (``offered_by``: step codes, None = always) leads back to
    the record; the form runs ``service``; ``describe(client)`` gives the page's title, button,
    message on success (``saved``) and anything else its template shows."""
    client = _client(request, pk)
    audit_client_read(by=request.user, client=client)
    if offered_by is not None and not set(offered_by) & set(rules.next_steps(client.service, client.state)):
        return _not_now(request, client)
    page = describe(client)
    form = make_form(client, request.POST or None)
    step = partial(service, client=client, by=request.user)
    if submit(request, form, step, saved=page.pop("saved")).done:
        return redirect("anonymous:client", client.pk)
    return _form_page(request, client, form, **page)


def _dated(form_class, field: str):
    """A step's form, its date field set to today."""
    return lambda client, data: form_class(data, initial={field: timezone.localdate()})


@anonymous_role_required
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    def make_form(client, data):
        form = forms.ClientFactsForm(data, instance=client)
        form.fields["nickname"].required = False
        return form

    return _step_page(
        request,
        pk,
        offered_by=None,
        make_form=make_form,
        service=services.client_update,
        describe=lambda client: {
            "saved": _("The client's facts are saved."),
            "title": _("Correct the client's facts"),
            "submit_label": _("Save"),
        },
    )


@anonymous_role_required
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    """The clarifying conversation and the decision (SEL §101a(3)-(4)), the criteria beside it."""

    def describe(client):
        standard = standard_in_force(client.centre.municipality_id)
        return {
            "saved": _("The conversation and the decision are recorded."),
            "title": _("Clarifying conversation and decision"),
            "submit_label": _("Record the conversation and the decision"),
            "template": "anonymous/casework/conversation.html",
            "criteria": rules.criteria_for(standard.anonymous_criteria if standard else []),
            "no_appeal_source": rules.NO_APPEAL_SOURCE,
            "decision_source": rules.DECISION_SOURCE,
        }

    return _step_page(
        request,
        pk,
        offered_by={rules.CONVERSATION},
        make_form=_dated(forms.ConversationForm, "held_on"),
        service=services.conversation_record,
        describe=describe,
    )


@anonymous_role_required
def advice_talk(request: HttpRequest, pk: int) -> HttpResponse:
    """An anonymous advice talk (SEL §10(2)), numbered ("talk 3"); in anonymous alcohol treatment
    (SUL §141(7)) an individual talk."""

    def describe(client):
        treatment = rules.TREATMENT_TALK in rules.next_steps(client.service, client.state)
        kind = Talk.Kind.INDIVIDUAL if treatment else Talk.Kind.ADVICE
        number = rules.advice_talk_number(Talk.objects.filter(client=client, kind=kind).count())
        title = _("Talk %(number)s") if treatment else _("Advice talk %(number)s")
        return {
            "saved": _("The talk is recorded.") if treatment else _("The advice talk is recorded."),
            "title": title % {"number": number},
            "submit_label": _("Record the talk"),
            "source": rules.ALCOHOL_SOURCE if treatment else rules.ADVICE_SOURCE,
        }

    return _step_page(
        request,
        pk,
        offered_by={rules.ADVICE_TALK, rules.TREATMENT_TALK},
        make_form=_dated(forms.AdviceTalkForm, "held_on"),
        service=services.advice_talk_record,
        describe=describe,
    )


@anonymous_role_required
def alcohol_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Anonymous alcohol treatment starts (SUL §141(7))."""
    return _step_page(
        request,
        pk,
        offered_by={rules.ALCOHOL_START},
        make_form=_dated(forms.AlcoholStartForm, "started_on"),
        service=services.alcohol_start,
        describe=lambda client: {
            "saved": _("The treatment has started."),
            "title": _("Start anonymous alcohol treatment"),
            "submit_label": _("Start the treatment"),
            "source": rules.ALCOHOL_SOURCE,
        },
    )


@anonymous_role_required
def client_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a course early, with the reason (and, for advice, its outcome)."""
    return _step_page(
        request,
        pk,
        offered_by={rules.END},
        make_form=_dated(forms.EndForm, "ended_on"),
        service=services.client_end,
        describe=lambda client: {
            "saved": _("The course has ended."),
            "title": _("End the course"),
            "submit_label": _("End the course"),
        },
    )
