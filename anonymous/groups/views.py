"""The group course's pages (SEL §101a(8)): the groups and the clients waiting for one, a new group,
a group with its sessions and members, a session's attendance, leaving or moving on, the closing
talk, closing a group.

Every view needs the anonymous-service role (404 otherwise) and reads its objects through
``anonymous.access.scoped``: another centre's group, session, place or client is missing (404).
Lists of clients are logged with their internal numbers only (``audit_anonymous_list``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Min, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from anonymous.access import anonymous_role_required, clients_for, scoped, service_centre_ids
from anonymous.audit import audit_anonymous_list, audit_client_read
from anonymous.models import AnonymousClient, Attendance, Enrolment, Group, GroupSession, Service, State, Talk
from forlob.forms import submit
from organisations.access import get_or_404
from organisations.models import Centre
from standards.selectors import standard_in_force

from . import forms, rules, services

PAGE_SIZE = 50
WAITING_SHOWN = 50


def _posted(request: HttpRequest):
    """The posted data (also an empty POST: a form without answers is bound and shows its errors)."""
    return request.POST if request.method == "POST" else None


def _waiting(user, *, centre_id=None, service=None):
    """Clients waiting for a group: drug-treatment clients found eligible (SEL §101a(4)), alcohol
    clients who asked, and clients in treatment between groups — none with an open place."""
    clients = (
        clients_for(user)
        .filter(
            Q(service=Service.DRUG_TREATMENT, state=State.ELIGIBLE)
            | Q(service=Service.ALCOHOL, state=State.REQUESTED)
            | Q(service__in=[Service.DRUG_TREATMENT, Service.ALCOHOL], state=State.IN_TREATMENT)
        )
        .exclude(pk__in=Enrolment.objects.filter(left_on__isnull=True).values("client_id"))
    )
    if centre_id is not None:
        clients = clients.filter(centre_id=centre_id)
    if service is not None:
        clients = clients.filter(service=service)
    return clients.order_by("first_contact_on", "id")


def _intake_for(centre: Centre, today):
    standard = standard_in_force(centre.municipality_id, today)
    rhythm = standard.anonymous_intake_rhythm if standard else ""
    current_start = rules.quarter_start(*rules.quarter_of(today))
    after_next = rules.next_quarter_start(rules.next_quarter_start(today))
    starts = list(
        Group.objects.filter(centre=centre, starts_on__gte=current_start, starts_on__lt=after_next).values_list(
            "starts_on", flat=True
        )
    )
    return {"centre": centre, "rhythm": rhythm, "intake": rules.intake(rhythm, today, starts)}


@anonymous_role_required
def group_list(request: HttpRequest) -> HttpResponse:
    """The service's groups (running, then planned, then closed) and the clients waiting for one."""
    today, now = timezone.localdate(), timezone.now()
    groups = (
        scoped(Group.objects.all(), request.user)
        .select_related("provider")
        .annotate(
            phase=Case(
                When(closed_on__isnull=False, then=Value(2)),
                When(starts_on__gt=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            first_session=Min("sessions__starts_at"),
            **services.group_rows_annotations(now),
        )
        .order_by("phase", "-starts_on", "-id")
    )
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("side"))
    waiting = _waiting(request.user)
    waiting_total = waiting.count()
    waiting_shown = list(waiting[:WAITING_SHOWN])
    audit_anonymous_list(by=request.user, what="anonymous:groups", client_ids=[c.pk for c in waiting_shown])
    centres = Centre.objects.filter(pk__in=service_centre_ids(request.user)).order_by("name")
    return render(
        request,
        "anonymous/groups/list.html",
        {
            "page": page,
            "waiting": waiting_shown,
            "waiting_total": waiting_total,
            "intakes": [_intake_for(centre, today) for centre in centres],
        },
    )


def _providers(centres):
    """The contracted providers of the standards in force for the centres' municipalities
    (SEL §101a(2)); the centres themselves when no standard names any."""
    ids = set()
    standards = {}
    for centre in centres:
        standard = standard_in_force(centre.municipality_id)
        standards[centre.pk] = standard
        if standard is not None:
            ids |= set(standard.anonymous_provider_centres.values_list("pk", flat=True))
    named = bool(ids)
    if not named:
        ids = {centre.pk for centre in centres}
    return Centre.objects.filter(pk__in=ids).order_by("name"), named, standards


@anonymous_role_required
def group_new(request: HttpRequest) -> HttpResponse:
    """A new group with its sessions; defaults from the standard in force (sessions, closing talk,
    the next quarter's group when the intake is quarterly)."""
    today = timezone.localdate()
    centres = Centre.objects.filter(pk__in=service_centre_ids(request.user)).order_by("name")
    providers, named, standards = _providers(centres)
    first = centres[0]
    standard = standards.get(first.pk)
    intake = _intake_for(first, today)["intake"]
    year, quarter = intake.current if not intake.current_has_group else intake.next
    first_date = today if not intake.current_has_group else intake.next_starts_on
    initial = {
        "centre": first,
        "provider": providers[0] if len(providers) == 1 else None,
        "service": Service.DRUG_TREATMENT,
        "name": _("Group %(quarter)s. quarter %(year)s") % {"quarter": quarter, "year": year},
        "first_date": first_date,
        "sessions": standard.anonymous_sessions if standard else None,
        "closing_talk": standard.anonymous_closing_talk if standard else True,
    }
    form = forms.GroupForm(_posted(request), centres=centres, providers=providers, initial=initial)

    def step(**_data):
        return services.group_create(by=request.user, providers=list(providers), **form.step_data())

    done = submit(request, form, step, saved=_("The group and its sessions are created."))
    if done.done:
        return redirect("anonymous:group", done.result.pk)
    return render(
        request,
        "anonymous/groups/new.html",
        {"form": form, "providers_named": named, "standard": standard},
    )


def _status_of(client: AnonymousClient, course: rules.Progress, last_closed: bool, closing_held: bool) -> str:
    if client.state == State.COMPLETED:
        return _("Completed, closing talk held") if closing_held else _("Completed without a closing talk")
    if rules.ready_for_closing_talk(
        state=client.state, course=course, last_group_closed=last_closed, service=client.service
    ):
        return _("Ready for the closing talk")
    if client.state == State.IN_TREATMENT:
        return ngettext("%(n)s session left", "%(n)s sessions left", course.remaining) % {"n": course.remaining}
    return client.get_state_display()


@anonymous_role_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The group: sessions with attendance counts, members with their course, the enrol form."""
    group = get_or_404(scoped(Group.objects.select_related("provider", "centre"), request.user), pk=pk)
    now = timezone.now()
    sessions = list(
        group.sessions.annotate(
            attended=Count("attendance", filter=Q(attendance__status=Attendance.Status.ATTENDED)),
            recorded=Count("attendance"),
        ).order_by("number")
    )
    for session in sessions:
        session.begun = session.starts_at <= now
    enrolments = list(group.enrolments.select_related("client").order_by("left_on", "joined_on", "id"))
    client_ids = [e.client_id for e in enrolments]
    progress = services.progress_for(client_ids, now=now)
    closing_held = set(
        Talk.objects.filter(client_id__in=client_ids, kind=Talk.Kind.CLOSING).values_list("client_id", flat=True)
    )
    members = []
    for enrolment in enrolments:
        course, last_closed = progress[enrolment.client_id]
        client = enrolment.client
        members.append(
            {
                "enrolment": enrolment,
                "client": client,
                "course": course,
                "status": _status_of(client, course, last_closed, client.pk in closing_held),
                "may_close": enrolment.left_on is None
                and rules.ready_for_closing_talk(
                    state=client.state, course=course, last_group_closed=last_closed, service=client.service
                ),
                "may_leave": enrolment.left_on is None,
            }
        )
    enrol_form = None
    if group.closed_on is None:
        waiting = _waiting(request.user, centre_id=group.centre_id, service=group.service)
        enrol_form = forms.EnrolForm(clients=waiting, initial={"joined_on": timezone.localdate()})
        enrol_form.waiting_count = waiting.count()
    last = max((s.starts_at for s in sessions if not s.cancelled), default=None)
    audit_anonymous_list(by=request.user, what="anonymous:group", client_ids=client_ids)
    return render(
        request,
        "anonymous/groups/detail.html",
        {
            "group": group,
            "sessions": sessions,
            "members": members,
            "open_members": [m for m in members if m["enrolment"].left_on is None],
            "enrol_form": enrol_form,
            "may_close_group": rules.may_close_group(last, now, group.closed_on is not None),
        },
    )


@require_POST
@anonymous_role_required
def group_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_or_404(scoped(Group.objects.select_related("provider", "centre"), request.user), pk=pk)
    waiting = _waiting(request.user, centre_id=group.centre_id, service=group.service)
    form = forms.EnrolForm(request.POST, clients=waiting)
    if submit(
        request,
        form,
        lambda **data: services.enrol(by=request.user, group=group, **data),
        saved=_("The client has joined the group."),
    ).done:
        return redirect("anonymous:group", group.pk)
    form.waiting_count = waiting.count()
    return render(request, "anonymous/groups/enrol.html", {"group": group, "form": form})


@anonymous_role_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One session's attendance: a row per member on that day, saved at once; or the session cancelled."""
    session = get_or_404(
        scoped(GroupSession.objects.select_related("group"), request.user, centre_path="group__centre"), pk=pk
    )
    now = timezone.now()
    begun = rules.may_record_attendance(session.starts_at, now, session.cancelled)
    members = services.members_on(session) if begun else []
    recorded = dict(session.attendance.values_list("client_id", "status"))
    form = None
    if not session.cancelled:
        form = forms.AttendanceForm(_posted(request), members=members, recorded=recorded)
        if submit(
            request,
            form,
            lambda **_data: services.attendance_record(by=request.user, session=session, **form.step_data()),
            saved=_("The attendance is saved."),
        ).done:
            return redirect("anonymous:group", session.group_id)
    audit_anonymous_list(by=request.user, what="anonymous:session", client_ids=[e.client_id for e in members])
    return render(
        request,
        "anonymous/groups/session.html",
        {"session": session, "group": session.group, "form": form, "begun": begun, "recorded": recorded},
    )


@anonymous_role_required
def group_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """The client leaves the group (a form; POST does it), optionally going on in another group."""
    enrolment = get_or_404(
        scoped(Enrolment.objects.select_related("client", "group"), request.user, centre_path="group__centre"), pk=pk
    )
    group = enrolment.group
    next_groups = (
        scoped(Group.objects.all(), request.user)
        .filter(centre_id=group.centre_id, service=group.service, closed_on__isnull=True)
        .exclude(enrolments__client_id=enrolment.client_id)
        .order_by("starts_on", "id")
    )
    today = timezone.localdate()
    following = next_groups.filter(starts_on__gte=group.starts_on).first()
    form = forms.LeaveForm(_posted(request), groups=next_groups, initial={"left_on": today, "next_group": following})
    if (
        enrolment.left_on is None
        and submit(
            request,
            form,
            lambda **data: services.enrolment_leave(by=request.user, enrolment=enrolment, **data),
            saved=_("The client has left the group."),
        ).done
    ):
        return redirect("anonymous:group", group.pk)
    audit_client_read(by=request.user, client=enrolment.client)
    return render(request, "anonymous/groups/leave.html", {"enrolment": enrolment, "group": group, "form": form})


@anonymous_role_required
def closing_talk(request: HttpRequest, pk: int) -> HttpResponse:
    """The individual closing talk (SEL §101a(8)) and the course completed; or completed without it."""
    client = get_or_404(clients_for(request.user), pk=pk)
    course, last_closed = services.client_progress(client)
    ready = rules.ready_for_closing_talk(
        state=client.state, course=course, last_group_closed=last_closed, service=client.service
    )
    place = client.enrolments.select_related("group").filter(left_on__isnull=True).first()
    form = forms.ClosingTalkForm(_posted(request), initial={"held_on": timezone.localdate()})
    if (
        ready
        and submit(
            request,
            form,
            lambda **_data: services.closing_talk_record(by=request.user, client=client, **form.step_data()),
            saved=_("The course is completed."),
        ).done
    ):
        return redirect("anonymous:group", place.group_id) if place else redirect("anonymous:groups")
    audit_client_read(by=request.user, client=client)
    return render(
        request,
        "anonymous/groups/closing_talk.html",
        {"client": client, "course": course, "ready": ready, "form": form, "place": place},
    )


@require_POST
@anonymous_role_required
def group_close(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_or_404(scoped(Group.objects.all(), request.user), pk=pk)
    try:
        services.group_close(by=request.user, group=group)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("The group is closed."))
    return redirect("anonymous:group", group.pk)
