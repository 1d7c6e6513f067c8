"""Worklists: the user's, the team's and the centre's open deadlines (overdue first, then the coming 7
days), the guarantees set aside, the open duties of the courses in scope and the courses whose
citizen has missed appointments repeatedly; and, for the roles that act on them, the courses
awaiting a decision (the authority) and the new requests (the visitator), at once.

Open means not met, not waived and not closed with its course (``Deadline.objects.open()``); how
a row stands is the one status rule (``Deadline.status_on``). Every section is a page of
``SECTION_SIZE`` rows (``forlob.paging.keyset_page``, its own cursor ``?<section>_efter=``) with its
total, read by a range scan of a partial index on the open rows (``deadlines.models``), so neither
the closed history nor the length of a list changes what a page costs: a query a section for its
rows, and one query for every section's total (``forlob.paging.count_each``). The
list names citizens, so each showing is logged with the citizens the page showed
(``audit_list_read``), every section included."""

from datetime import timedelta

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.selectors import as_repeated_no_show, repeated_no_show_courses
from assessments.models import Task, TaskKind
from audit.services import audit_list_read
from courses.models import Course, CourseState, OutsideStandard
from decisions.selectors import drafts_waiting
from forlob.paging import AFTER, BEFORE, KeysetPage, count_each, keyset_page
from organisations.access import centre_ids_with_role, has_role, memberships_of, role_required, scope_to_centres
from organisations.models import CASE_READ_ROLES, Role
from smdb.selectors import reports_due

from . import rules
from .models import Deadline, DeadlineKind

SCOPES = {"mine": _("Mine"), "team": _("My team"), "centre": _("The centre")}
# Rows per section of the worklist; each section is keyset paged (forlob.paging) with its own
# cursor, ``?<section>_efter=<id>`` / ``?<section>_foer=<id>``, and says how many it holds in all.
SECTION_SIZE = 25

# The step that meets each deadline (URL name, taking the course's id).
STEP_FOR_KIND = {
    DeadlineKind.GUARANTEE: "courses:detail",
    DeadlineKind.ASSESSMENT: "assessments:edit",
    DeadlineKind.DECISION: "decisions:issue",
    DeadlineKind.PHYSICIAN: "assessments:physician",
    DeadlineKind.WRITTEN_REASONS: "decisions:detail",
    DeadlineKind.COMPLAINT_REASSESSMENT: "decisions:detail",
    DeadlineKind.CHILD_NOTIFICATION: "assessments:tasks",
    DeadlineKind.TREATMENT_PLAN: "plans:plan",
    DeadlineKind.PLAN_REVIEW: "plans:plan",
    DeadlineKind.FOLLOW_UP: "followups:course",
}

# Duties listed as open duties: every task but the child-welfare notification, already a deadline (SEL §153).
DUTY_KINDS = [kind for kind in TaskKind.values if kind != TaskKind.CHILD_NOTIFICATION]


# Who acts on each queue: the authority decides (G3.6.2); the visitator takes a new request and
# starts its assessment (G3.5). decisions.views and assessments.views require the same roles.
DECIDE_ROLES = (Role.AUTHORITY,)
INTAKE_ROLES = (Role.VISITATOR,)


def awaiting_decision(user):
    """Courses ready for a decision at the centres where the user is an authority: assessed, or a
    request outside the law or the standard, which may be refused at once
    (``decisions.services.decision_issue``; G3.5.3). Oldest request first: its guarantee runs
    from the day it was expressed (SEL §101(4))."""
    outside = Q(state=CourseState.REQUESTED, request__outside_standard__in=OutsideStandard.values)
    ready = Q(state=CourseState.ASSESSED) | outside
    return (
        Course.objects.filter(centre_id__in=centre_ids_with_role(user, DECIDE_ROLES))
        .filter(ready)
        .order_by("request__expressed_on", "id")
    )


def new_requests(user):
    """Requests whose assessment has not started, at the centres where the user is a visitator,
    from the day they are registered (not only when a deadline nears). Oldest first."""
    return (
        Course.objects.filter(centre_id__in=centre_ids_with_role(user, INTAKE_ROLES), state=CourseState.REQUESTED)
        .filter(assessment__isnull=True)
        .order_by("request__expressed_on", "id")
    )


def step_url(kind: str, course_id: int, *, may_decide: bool = True) -> str:
    """The page of the step that meets a deadline of ``kind``. Issuing the decision is the
    authority's: anyone else goes to the course page, whose decision panel offers the draft."""
    name = "courses:detail" if kind == DeadlineKind.DECISION and not may_decide else STEP_FOR_KIND[kind]
    return reverse(name, args=[course_id])


def _team_ids(user) -> set[int]:
    return {m.team_id for m in memberships_of(user) if m.team_id}


def _scoped(request: HttpRequest, scope: str):
    case_centres = centre_ids_with_role(request.user, CASE_READ_ROLES)
    deadlines = Deadline.objects.filter(centre_id__in=case_centres).select_related("course__citizen", "provider")
    if scope == "mine":
        return deadlines.filter(responsible=request.user)
    if scope == "team":
        return deadlines.filter(team_id__in=_team_ids(request.user))
    return deadlines


def _scoped_courses(user, scope: str):
    """The courses in ``scope``, as the deadlines: the user's own, their teams', their case centres'."""
    courses = scope_to_centres(Course.objects.all(), user, roles=CASE_READ_ROLES)
    if scope == "mine":
        return courses.filter(responsible=user)
    if scope == "team":
        return courses.filter(team_id__in=_team_ids(user))
    return courses


def open_duties(user, scope: str):
    """The open tasks (not done) of the courses in ``scope`` that are not closed, oldest first:
    naloxone (G2.3.12), dual treatment (G2.3.13), contraception (G2.3.11), screening, outreach
    after a no-show (G3.10.3), aftercare after a residential stay (G2.3.8)."""
    tasks = scope_to_centres(
        Task.objects.filter(done_on__isnull=True, kind__in=DUTY_KINDS).exclude(course__state=CourseState.CLOSED),
        user,
        roles=CASE_READ_ROLES,
        centre_path="course__centre",
    )
    if scope == "mine":
        return tasks.filter(course__responsible=user)
    if scope == "team":
        return tasks.filter(course__team_id__in=_team_ids(user))
    return tasks


def _section(request: HttpRequest, name: str, queryset, order: tuple[str, ...]) -> KeysetPage:
    """One paged section of the worklist: ``SECTION_SIZE`` rows of ``queryset`` in ``order`` (an
    index's order), from the section's own cursor (``?<name>_efter=`` / ``?<name>_foer=``), with
    the links to the neighbouring pages in ``page.extra`` (the other sections' cursors and the tab
    are kept; the link leads back to the section, ``#<name>``). Its total is counted with the other
    sections' in one query (``_count_sections``); ``page.extra["counted"]`` is the list counted."""
    after, before = f"{name}_{AFTER}", f"{name}_{BEFORE}"
    params = {AFTER: request.GET.get(after), BEFORE: request.GET.get(before)}
    page = keyset_page(queryset, order=order, params=params, size=SECTION_SIZE, count=False)

    def link(key: str | None = None, value: int | None = None) -> str:
        query = request.GET.copy()
        query.pop(after, None)
        query.pop(before, None)
        if key:
            query[key] = str(value)
        encoded = query.urlencode()
        return f"{request.path}?{encoded}#{name}" if encoded else f"{request.path}#{name}"

    page.extra = {
        "name": name,
        "counted": queryset,
        "previous_url": link(before, page.previous_before) if page.has_previous else None,
        "first_url": link() if page.has_previous else None,
        "next_url": link(after, page.next_after) if page.has_next else None,
    }
    return page


def _count_sections(*pages: KeysetPage | None) -> None:
    """Every section's total, in one query (``forlob.paging.count_each``)."""
    shown = [page for page in pages if page is not None]
    for page, total in zip(shown, count_each([page.extra.pop("counted") for page in shown]), strict=True):
        page.total = total


@role_required(*CASE_READ_ROLES)
def worklist(request: HttpRequest) -> HttpResponse:
    scope = request.GET.get("vis", "mine")
    scope = scope if scope in SCOPES else "mine"
    today = timezone.localdate()
    soon_until = today + timedelta(days=rules.SOON_DAYS)
    rows = _scoped(request, scope)
    by_due = ("due_on", "id")  # the order of the partial indexes on the open rows (deadlines.models)
    # The one status rule (rules.deadline_status) on an open row: overdue before today, due soon up
    # to the coming 7 days; each is its own range of the same index.
    overdue = _section(request, "forsinket", rows.open().filter(due_on__lt=today), by_due)
    soon = _section(request, "snart", rows.open().filter(due_on__gte=today, due_on__lte=soon_until), by_due)
    waived = _section(request, "udsat", rows.waived_waiting(), ("waived_on", "id"))
    # Follow-ups after discharge due later, soonest first: so the worker plans the calls the law
    # sets at 1 and 6 months (BEK 1477 §4(2); G3.12.1) long before they fall due.
    follow_ups = _section(
        request,
        "opfoelgning",
        rows.open().filter(kind=DeadlineKind.FOLLOW_UP, due_on__gt=soon_until),
        by_due,
    )
    deciding_centres = centre_ids_with_role(request.user, DECIDE_ROLES)
    deadlines = [*overdue, *soon, *waived, *follow_ups]
    for row in deadlines:
        row.step_url = step_url(row.kind, row.course_id, may_decide=row.course.centre_id in deciding_centres)
        row.carried_out_by = row.provider if row.provider_id and row.provider_id != row.course.centre_id else None
    duties = _section(
        request, "pligter", open_duties(request.user, scope).select_related("course__citizen"), ("created_on", "id")
    )
    for duty in duties:
        duty.days_open = (today - duty.created_on).days
    # The queues of the roles that act on them, centre-wide whatever the tab: nobody is the
    # authority's "own" course, and a new request waits for whichever visitator takes it.
    deciding = has_role(request.user, DECIDE_ROLES)
    intake = has_role(request.user, INTAKE_ROLES)
    by_request = ("request__expressed_on", "id")
    queued = ("citizen", "request", "responsible")
    to_decide = (
        _section(request, "afgoerelse", awaiting_decision(request.user).select_related(*queued), by_request)
        if deciding
        else None
    )
    to_take = (
        _section(request, "nye", new_requests(request.user).select_related(*queued), by_request) if intake else None
    )
    drafts = drafts_waiting(course.pk for course in to_decide) if to_decide else {}
    for course in [*(to_decide or []), *(to_take or [])]:
        course.days_waiting = (today - course.request.expressed_on).days
        course.draft = drafts.get(course.pk)
    # G3.10.3: reach out actively when the citizen misses appointments (appointments.selectors).
    no_shows = _section(
        request,
        "udeblivelser",
        repeated_no_show_courses(_scoped_courses(request.user, scope)),
        ("-last_no_show_at", "id"),
    )
    no_shows.rows = [as_repeated_no_show(course) for course in no_shows.rows]
    _count_sections(overdue, soon, waived, follow_ups, duties, to_decide, to_take, no_shows)
    audit_list_read(
        actor=request.user,
        citizen_ids=[row.course.citizen_id for row in deadlines]
        + [duty.course.citizen_id for duty in duties]
        + [row.course.citizen_id for row in no_shows]
        + [course.citizen_id for course in [*(to_decide or []), *(to_take or [])]],
        what=f"deadlines:worklist?vis={scope}",
    )
    context = {
        "scope": scope,
        "scopes": [(key, label, f"{reverse('deadlines:worklist')}?vis={key}") for key, label in SCOPES.items()],
        # Each section as its page (rows, total, links) and, for callers that only read the rows, as a list.
        "overdue_page": overdue,
        "overdue": overdue.rows,
        "soon_page": soon,
        "soon": soon.rows,
        "waived_page": waived,
        "waived": waived.rows,
        "follow_ups_page": follow_ups,
        "follow_ups": follow_ups.rows,
        "follow_ups_total": follow_ups.total,
        "duties_page": duties,
        "duties": duties.rows,
        "duties_total": duties.total,
        "no_shows_page": no_shows,
        "no_shows": no_shows.rows,
        "deciding": deciding,
        "to_decide_page": to_decide,
        "to_decide": to_decide.rows if to_decide else [],
        "to_decide_total": to_decide.total if to_decide else 0,
        "intake": intake,
        "to_take_page": to_take,
        "to_take": to_take.rows if to_take else [],
        "to_take_total": to_take.total if to_take else 0,
        "today": today,
        # The month's report to Stofmisbrugsdatabasen (managers; no query for anyone else).
        "reports_due": reports_due(request.user, today),
    }
    return render(request, "deadlines/worklist.html", context)
