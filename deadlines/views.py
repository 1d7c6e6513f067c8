"""Worklists: the user's, the team's and the centre's open deadlines (overdue first, then the coming 7
days), the guarantees set aside, the open duties of the courses in scope and the courses whose
citizen has missed appointments repeatedly; and, for the roles that act on them, the courses
awaiting a decision (the authority) and the new requests (the visitator), at once.

Open means not met, not waived and not closed with its course (``Deadline.objects.open()``); how
a row stands is the one status rule (``Deadline.status_on``). The list names citizens, so each
showing is logged with the citizens it showed (``audit_list_read``), every section included."""

from datetime import timedelta

from django.db.models import Count, Q, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.selectors import repeated_no_shows
from assessments.models import Task, TaskKind
from audit.services import audit_list_read
from courses.models import Course, CourseState, OutsideStandard
from decisions.selectors import drafts_waiting
from organisations.access import centre_ids_with_role, has_role, memberships_of, role_required, scope_to_centres
from organisations.models import CASE_READ_ROLES, Role

from . import rules
from .models import Deadline, DeadlineKind

FOLLOW_UPS_SHOWN = 50
SCOPES = {"mine": _("Mine"), "team": _("My team"), "centre": _("The centre")}

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

NO_SHOWS_SHOWN = 50  # the courses with repeated no-shows listed, latest no-show first
DUTIES_SHOWN = 50  # the open duties listed; the page says how many there are in all
# Duties listed as open duties: every task but the child-welfare notification, already a deadline (SEL §153).
DUTY_KINDS = [kind for kind in TaskKind.values if kind != TaskKind.CHILD_NOTIFICATION]


QUEUE_SHOWN = 50  # the courses listed in each role's queue, oldest request first
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


def _queue(courses, today) -> tuple[list[Course], int]:
    """The first ``QUEUE_SHOWN`` of ``courses`` with their citizen and request, and how many there
    are in all, in one query."""
    rows = list(
        courses.select_related("citizen", "request", "responsible").annotate(total=Window(expression=Count("id")))[
            :QUEUE_SHOWN
        ]
    )
    for course in rows:
        course.days_waiting = (today - course.request.expressed_on).days
    return rows, (rows[0].total if rows else 0)


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


def _first_duties(user, scope: str, today) -> tuple[list[Task], int]:
    """The oldest ``DUTIES_SHOWN`` open duties and how many there are in all, in one query."""
    duties = list(
        open_duties(user, scope)
        .select_related("course__citizen")
        .annotate(total=Window(expression=Count("id")))
        .order_by("created_on", "id")[:DUTIES_SHOWN]
    )
    for duty in duties:
        duty.days_open = (today - duty.created_on).days
    return duties, (duties[0].total if duties else 0)


def _coming_follow_ups(rows, today) -> tuple[list[Deadline], int]:
    """The follow-ups after discharge due later than the coming 7 days, soonest first (at most
    ``FOLLOW_UPS_SHOWN``) and how many there are, in one query: so the worker plans the calls
    the law sets at 1 and 6 months (BEK 1477 §4(2); G3.12.1) long before they fall due."""
    coming = list(
        rows.open()
        .filter(kind=DeadlineKind.FOLLOW_UP, due_on__gt=today + timedelta(days=rules.SOON_DAYS))
        .select_related("provider")
        .annotate(total=Window(expression=Count("id")))
        .order_by("due_on", "id")[:FOLLOW_UPS_SHOWN]
    )
    return coming, (coming[0].total if coming else 0)


@role_required(*CASE_READ_ROLES)
def worklist(request: HttpRequest) -> HttpResponse:
    scope = request.GET.get("vis", "mine")
    scope = scope if scope in SCOPES else "mine"
    today = timezone.localdate()
    rows = _scoped(request, scope)
    due = list(rows.open().filter(due_on__lte=today + timedelta(days=rules.SOON_DAYS)).order_by("due_on", "id"))
    waived = list(
        rows.filter(kind=DeadlineKind.GUARANTEE, met_on=None, closed_on=None)
        .exclude(waived_on=None)
        .order_by("waived_on", "id")
    )
    follow_ups, follow_ups_total = _coming_follow_ups(rows, today)
    deciding_centres = centre_ids_with_role(request.user, DECIDE_ROLES)
    for row in due + waived + follow_ups:
        row.step_url = step_url(row.kind, row.course_id, may_decide=row.course.centre_id in deciding_centres)
        row.carried_out_by = row.provider if row.provider_id and row.provider_id != row.course.centre_id else None
    duties, duties_total = _first_duties(request.user, scope, today)
    # The queues of the roles that act on them, centre-wide whatever the tab: nobody is the
    # authority's "own" course, and a new request waits for whichever visitator takes it.
    deciding = has_role(request.user, DECIDE_ROLES)
    intake = has_role(request.user, INTAKE_ROLES)
    to_decide, to_decide_total = _queue(awaiting_decision(request.user), today) if deciding else ([], 0)
    to_take, to_take_total = _queue(new_requests(request.user), today) if intake else ([], 0)
    drafts = drafts_waiting(course.pk for course in to_decide) if to_decide else {}
    for course in to_decide:
        course.draft = drafts.get(course.pk)
    # G3.10.3: reach out actively when the citizen misses appointments (appointments.selectors).
    no_shows = repeated_no_shows(_scoped_courses(request.user, scope), limit=NO_SHOWS_SHOWN)
    audit_list_read(
        actor=request.user,
        citizen_ids=[row.course.citizen_id for row in due + waived + follow_ups]
        + [duty.course.citizen_id for duty in duties]
        + [row.course.citizen_id for row in no_shows]
        + [course.citizen_id for course in to_decide + to_take],
        what=f"deadlines:worklist?vis={scope}",
    )
    context = {
        "scope": scope,
        "scopes": [(key, label, f"{reverse('deadlines:worklist')}?vis={key}") for key, label in SCOPES.items()],
        "overdue": [d for d in due if d.status_on(today).code == "overdue"],
        "soon": [d for d in due if d.status_on(today).code == "due_soon"],
        "waived": waived,
        "follow_ups": follow_ups,
        "follow_ups_total": follow_ups_total,
        "duties": duties,
        "duties_total": duties_total,
        "no_shows": no_shows,
        "no_shows_shown": NO_SHOWS_SHOWN,
        "deciding": deciding,
        "to_decide": to_decide,
        "to_decide_total": to_decide_total,
        "intake": intake,
        "to_take": to_take,
        "to_take_total": to_take_total,
        "today": today,
    }
    return render(request, "deadlines/worklist.html", context)
