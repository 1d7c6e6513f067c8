"""The rows behind the dashboard, for a set of centres and a period, in a fixed number of queries.

Every read is one ``values()`` query (no per-row queries), so the dashboard's query count is the
same at 10 and at 100,000 citizens: deadlines due in the period (one query, every kind the
figures use), plan reviews overdue today, treatment starts, discharges (with the citizen's next
request as a subquery), and open courses per responsible worker. The counting is in
``dashboard.measures``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Subquery

from courses.models import Course, CourseState, TreatmentRequest
from deadlines.models import Deadline, DeadlineKind
from discharges.models import Discharge

from . import measures

DEADLINE_KINDS = (
    DeadlineKind.GUARANTEE,
    DeadlineKind.ASSESSMENT,
    DeadlineKind.TREATMENT_PLAN,
    DeadlineKind.PLAN_REVIEW,
    DeadlineKind.CHILD_NOTIFICATION,
    DeadlineKind.FOLLOW_UP,
)


@dataclass
class DashboardData:
    """Plain rows for ``measures``: deadlines by kind, guarantees, starts, discharges, caseloads."""

    deadlines: dict[str, list[measures.DeadlineRow]] = field(default_factory=dict)
    guarantees: list[measures.GuaranteeRow] = field(default_factory=list)
    reviews_open: list[measures.DeadlineRow] = field(default_factory=list)
    starts: list[measures.StartRow] = field(default_factory=list)
    discharges: list[measures.DischargeRow] = field(default_factory=list)
    caseloads: list[measures.CaseloadRow] = field(default_factory=list)


def deadline_rows(centre_ids, first: date, last: date) -> tuple[dict, list]:
    """Deadlines of the figures' kinds that fall due in the period: one query (index: centre,
    kind, due date). A deadline's centre is its course's (``deadlines.services.stored_fields``);
    saying so again on the course lets the database join only the centres' courses, not every
    course of the installation."""
    rows = Deadline.objects.filter(
        centre_id__in=centre_ids,
        course__centre_id__in=centre_ids,
        kind__in=DEADLINE_KINDS,
        due_on__gte=first,
        due_on__lte=last,
    ).values_list(
        "kind",
        "course_id",
        "ref",
        "due_on",
        "met_on",
        "waived_on",
        "closed_on",
        "course__request__expressed_on",
        "course__treatment_started_on",
    )
    by_kind: dict[str, list] = {kind: [] for kind in DEADLINE_KINDS}
    guarantees = []
    for kind, course_id, ref, due_on, met_on, waived_on, closed_on, expressed_on, started_on in rows.order_by():
        by_kind[kind].append(measures.DeadlineRow(course_id, due_on, met_on, waived_on, closed_on, ref))
        if kind == DeadlineKind.GUARANTEE and expressed_on is not None:
            guarantees.append(
                measures.GuaranteeRow(course_id, expressed_on, due_on, started_on, met_on, waived_on, closed_on)
            )
    return by_kind, guarantees


def open_review_rows(centre_ids, today: date) -> list[measures.DeadlineRow]:
    """Plan reviews open and overdue today, whatever the period (the open-deadline index)."""
    rows = Deadline.objects.open().filter(centre_id__in=centre_ids, kind=DeadlineKind.PLAN_REVIEW, due_on__lt=today)
    return [
        measures.DeadlineRow(course_id, due_on, ref=ref)
        for course_id, due_on, ref in rows.order_by().values_list("course_id", "due_on", "ref")
    ]


def start_rows(centre_ids, first: date, last: date) -> list[measures.StartRow]:
    """Courses whose treatment started in the period, with the physician information date."""
    rows = Course.objects.filter(
        centre_id__in=centre_ids, treatment_started_on__gte=first, treatment_started_on__lte=last
    ).values_list("id", "treatment_started_on", "physician_consultation__informed_on")
    return [measures.StartRow(*row) for row in rows.order_by()]


def discharge_rows(centre_ids, first: date, last: date) -> list[measures.DischargeRow]:
    """Discharges in the period, each with the citizen's first later request (another course).
    A discharge closes its course on the discharge date (``discharges.services.discharge_record``):
    the same period on the course's closing date lets the database start from the centres'
    courses, not from every discharge of the installation in the period."""
    later_request = TreatmentRequest.objects.filter(
        course__citizen_id=OuterRef("course__citizen_id"), expressed_on__gte=OuterRef("discharged_on")
    ).exclude(course_id=OuterRef("course_id"))
    rows = Discharge.objects.filter(
        course__centre_id__in=centre_ids,
        course__closed_on__gte=first,
        course__closed_on__lte=last,
        discharged_on__gte=first,
        discharged_on__lte=last,
    ).values_list(
        "course_id",
        "discharged_on",
        "reason",
        "drug_use_status",
        "course__treatment_started_on",
    )
    rows = rows.annotate(next_request_on=Subquery(later_request.order_by("expressed_on").values("expressed_on")[:1]))
    return [measures.DischargeRow(*row) for row in rows.order_by()]


def caseload_rows(centre_ids) -> list[measures.CaseloadRow]:
    """Open courses per responsible worker today (index: centre, state)."""
    rows = (
        Course.objects.filter(centre_id__in=centre_ids, responsible__isnull=False)
        .exclude(state=CourseState.CLOSED)
        .values("responsible_id", "responsible__first_name", "responsible__last_name", "responsible__username")
        .annotate(n=Count("id"))
        .order_by()
    )
    result = []
    for row in rows:
        name = f"{row['responsible__first_name']} {row['responsible__last_name']}".strip()
        result.append(measures.CaseloadRow(row["responsible_id"], name or row["responsible__username"], row["n"]))
    return sorted(result, key=lambda r: (-r.open_courses, r.worker_name))


def dashboard_data(centre_ids, first: date, last: date, today: date) -> DashboardData:
    """Every row the dashboard counts: five queries, whatever the size of the data."""
    centre_ids = list(centre_ids)
    deadlines, guarantees = deadline_rows(centre_ids, first, last)
    return DashboardData(
        deadlines=deadlines,
        guarantees=guarantees,
        reviews_open=open_review_rows(centre_ids, today),
        starts=start_rows(centre_ids, first, last),
        discharges=discharge_rows(centre_ids, first, last),
        caseloads=caseload_rows(centre_ids),
    )
