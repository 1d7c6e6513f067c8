"""Worklists: the user's, the team's and the centre's open deadlines (overdue first, then the coming 7 days).

Open means not met, not waived and not closed with its course (``Deadline.objects.open()``); how
a row stands is the one status rule (``Deadline.status_on``). The list names citizens, so each
showing is logged with the citizens it showed (``audit_list_read``)."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_list_read
from organisations.access import centre_ids_with_role, memberships_of, role_required
from organisations.models import CASE_READ_ROLES

from . import rules
from .models import Deadline, DeadlineKind

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
    DeadlineKind.TREATMENT_PLAN: "courses:detail",
    DeadlineKind.PLAN_REVIEW: "courses:detail",
    DeadlineKind.FOLLOW_UP: "courses:detail",
}


def _scoped(request: HttpRequest, scope: str):
    case_centres = centre_ids_with_role(request.user, CASE_READ_ROLES)
    deadlines = Deadline.objects.filter(centre_id__in=case_centres).select_related("course__citizen")
    if scope == "mine":
        return deadlines.filter(responsible=request.user)
    if scope == "team":
        teams = {m.team_id for m in memberships_of(request.user) if m.team_id}
        return deadlines.filter(team_id__in=teams)
    return deadlines


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
    for row in due + waived:
        row.step_url = reverse(STEP_FOR_KIND[row.kind], args=[row.course_id])
    audit_list_read(
        actor=request.user,
        citizen_ids=[row.course.citizen_id for row in due + waived],
        what=f"deadlines:worklist?vis={scope}",
    )
    context = {
        "scope": scope,
        "scopes": [(key, label, f"{reverse('deadlines:worklist')}?vis={key}") for key, label in SCOPES.items()],
        "overdue": [d for d in due if d.status_on(today).code == "overdue"],
        "soon": [d for d in due if d.status_on(today).code == "due_soon"],
        "waived": waived,
        "today": today,
    }
    return render(request, "deadlines/worklist.html", context)
