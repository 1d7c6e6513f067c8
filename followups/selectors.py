"""A course's follow-ups after discharge, read in a fixed number of queries (page and panel)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import ngettext

from courses.models import Course
from deadlines.models import Deadline, DeadlineKind
from discharges.models import Discharge

from . import rules
from .models import FollowUp


def months_label(months: int) -> str:
    return ngettext(
        "The follow-up %(months)s month after discharge", "The follow-up %(months)s months after discharge", months
    ) % {"months": months}


@dataclass
class FollowUpRow:
    deadline: Deadline
    months: int
    label: str
    follow_up: FollowUp | None = None

    @property
    def open(self) -> bool:
        """Waiting to be recorded: not held, and the citizen has not opted out (the row not waived)."""
        return self.follow_up is None and self.deadline.is_open


@dataclass
class LaterCourse:
    course: Course
    requested_on: date
    readmission: bool


@dataclass
class FollowUps:
    discharge: object | None
    rows: list[FollowUpRow] = field(default_factory=list)
    later: list[LaterCourse] = field(default_factory=list)

    @property
    def open_rows(self) -> list[FollowUpRow]:
        return [row for row in self.rows if row.open]

    @property
    def unrecorded_months(self) -> list[int]:
        return [row.months for row in self.rows if row.follow_up is None]

    @property
    def did_not_hold(self) -> list[FollowUp]:
        return [row.follow_up for row in self.rows if row.follow_up and row.follow_up.result_did_not_hold]


def _months(ref: str) -> int:
    return int(ref) if ref.isdigit() else 0


def follow_ups_of(course: Course) -> FollowUps:
    """The discharge, one row per follow-up deadline (with the follow-up recorded for it), and the
    later courses of the citizen (G3.12.6) with whether each is a re-admission (G2.7).
    At most four queries whatever the course holds."""
    discharge = Discharge.objects.select_related("provider").filter(course=course).first()
    if discharge is None:
        return FollowUps(discharge=None)
    deadlines = Deadline.objects.filter(course=course, kind=DeadlineKind.FOLLOW_UP).select_related("provider")
    recorded = {f.months: f for f in FollowUp.objects.filter(course=course).select_related("recorded_by")}
    rows = [
        FollowUpRow(
            deadline=d,
            months=_months(d.ref),
            label=months_label(_months(d.ref)),
            follow_up=recorded.get(_months(d.ref)),
        )
        for d in deadlines
    ]
    rows.sort(key=lambda row: row.months)
    later = []
    for later_course in course.later_courses.select_related("request").order_by("opened_on", "id"):
        try:
            request = later_course.request
        except ObjectDoesNotExist:
            request = None
        requested_on = request.expressed_on if request else later_course.opened_on
        later.append(
            LaterCourse(
                course=later_course,
                requested_on=requested_on,
                readmission=rules.readmitted_within_12_months(discharge.discharged_on, discharge.reason, requested_on),
            )
        )
    return FollowUps(discharge=discharge, rows=rows, later=later)
