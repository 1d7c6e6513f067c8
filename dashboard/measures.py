"""The manager's key figures (G2.7; DOMAIN.md §4) as pure definitions over plain rows.

No ORM, no request: ``dashboard.selectors`` reads the rows, these functions count them, and the
definitions page and ``docs/measures.md`` say the same in words. Each function's docstring is its
definition and source.

Choices that hold for every figure:

- A *share* is ``numerator / denominator``; with no denominator it has no value (None), never 0.
- A deadline's standing is the one status rule of the deadline engine
  (``deadlines.rules.deadline_status``): kept on or before its due date, a breach when met late,
  waived or closed after it fell due, or overdue today. A waiver or a closing in time is counted
  apart, never as a breach and never as kept; a deadline not yet due is *pending*, not counted.
- Deadline figures are counted by the month the deadline fell due; discharge figures by the month
  of discharge; the physician offer by the month treatment started.
- Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at rank
  ``ceil(p/100 * n)`` (1-based). The median is the 50th percentile by the same method, so it is
  always a real course's number of days (with an even count, the lower of the two middle values).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from deadlines.rules import add_months, deadline_status
from discharges import rules as discharge_rules

# --- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    """One stored deadline (``deadlines.Deadline``) of a course."""

    course_id: int
    due_on: date
    met_on: date | None = None
    waived_on: date | None = None
    closed_on: date | None = None
    ref: str = ""


@dataclass(frozen=True)
class GuaranteeRow:
    """One treatment guarantee: the request, its due date and how it ended.

    ``met_on`` is the deadline's met date: the treatment start, or the decision date of a refusal
    (a refusal answers the request, ``deadlines.rules.guarantee_deadline``).
    """

    course_id: int
    expressed_on: date
    due_on: date
    started_on: date | None = None
    met_on: date | None = None
    waived_on: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True)
class StartRow:
    """A course whose treatment started: when, and when the citizen was told of the right to a
    free physician consultation (None: not recorded)."""

    course_id: int
    started_on: date
    physician_informed_on: date | None = None


@dataclass(frozen=True)
class DischargeRow:
    """One discharge, with what the outcome, re-admission, drop-out and time figures need.

    ``next_request_on`` is the first later treatment request by the same citizen (another course),
    on or after the discharge date; None when there is none.
    """

    course_id: int
    discharged_on: date
    reason: str
    drug_use_status: str = discharge_rules.UNKNOWN
    started_on: date | None = None
    next_request_on: date | None = None


@dataclass(frozen=True)
class CaseloadRow:
    """Open courses one responsible worker has today."""

    worker_id: int
    worker_name: str
    open_courses: int


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """A share with what it was made of: kept / (kept + breached), and the rows counted apart."""

    numerator: int = 0
    denominator: int = 0
    apart: dict[str, int] = field(default_factory=dict)

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> float | None:
        return None if self.value is None else 100 * self.value

    def __add__(self, other: "Share") -> "Share":
        apart = Counter(self.apart)
        apart.update(other.apart)
        return Share(self.numerator + other.numerator, self.denominator + other.denominator, dict(apart))


# --- calendar -----------------------------------------------------------------------------------

Month = tuple[int, int]  # (year, month)


def month_of(day: date) -> Month:
    """The calendar month a date belongs to (the dashboard's trend buckets)."""
    return (day.year, day.month)


def months_between(first: date, last: date) -> list[Month]:
    """Every calendar month from ``first``'s to ``last``'s, both included, in order."""
    months, (year, month) = [], month_of(first)
    while (year, month) <= month_of(last):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def by_month(rows: Iterable, date_of: Callable, months: Sequence[Month]) -> dict[Month, list]:
    """Rows grouped by the month of ``date_of(row)``; every month of ``months`` present (maybe empty),
    rows outside them left out."""
    buckets: dict[Month, list] = {month: [] for month in months}
    for row in rows:
        day = date_of(row)
        if day is not None and month_of(day) in buckets:
            buckets[month_of(day)].append(row)
    return buckets


# --- percentiles --------------------------------------------------------------------------------


def percentile(values: Iterable[int], p: float) -> int | None:
    """The nearest-rank ``p``-th percentile (0 < p <= 100): the value at rank ceil(p/100 * n) of the
    n values sorted ascending. None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Iterable[int]) -> int | None:
    """The nearest-rank median (the 50th percentile): with an even count, the lower middle value."""
    return percentile(values, 50)


# --- deadlines ----------------------------------------------------------------------------------

KEPT, BREACH, PENDING, WAIVED, CLOSED, REFUSED = "kept", "breach", "pending", "waived", "closed", "refused"


def deadline_outcome(row: DeadlineRow, today: date) -> str:
    """How one deadline counts: ``kept``, ``breach``, ``waived`` (in time), ``closed`` (the course
    closed before it fell due) or ``pending`` (not yet due, or due today and still open).

    The deadline engine's status rule decides (``deadlines.rules.deadline_status``): a waiver or a
    closing after the due date is a breach.
    """
    status = deadline_status(
        due_on=row.due_on, met_on=row.met_on, waived_on=row.waived_on, closed_on=row.closed_on, today=today
    )
    if status.is_breach:
        return BREACH
    return {"kept": KEPT, "waived": WAIVED, "closed": CLOSED}.get(status.code, PENDING)


def deadline_share(rows: Iterable[DeadlineRow], today: date) -> Share:
    """Deadlines kept in time: kept / (kept + breached). Waived and closed in time and pending are
    counted apart, never in the denominator.

    Used for the assessment within 14 days (G3.4.3, G3.5.2), the plan made by treatment start
    (SEL §101(8); G3.7.1), plan reviews in time (G3.7.4), child-welfare notifications sent the same
    day (barnets lov §133) and follow-ups after discharge (BEK 1477 §4(2); G3.12.1).
    """
    counts = Counter(deadline_outcome(row, today) for row in rows)
    return Share(
        numerator=counts[KEPT],
        denominator=counts[KEPT] + counts[BREACH],
        apart={key: counts[key] for key in (WAIVED, CLOSED, PENDING) if counts[key]},
    )


def overdue_count(rows: Iterable[DeadlineRow], today: date) -> int:
    """Deadlines open (not met, waived or closed) and past their due date today: for plan reviews,
    the reviews overdue now (SEL §101(8); G3.7.4, G3.9.1)."""
    return sum(
        1
        for row in rows
        if row.met_on is None and row.waived_on is None and row.closed_on is None and row.due_on < today
    )


def guarantee_outcome(row: GuaranteeRow, today: date) -> str:
    """How one treatment guarantee counts (SEL §101(4); G3.4.1; waivers SEL §101(6), G3.6.4).

    - ``kept``: treatment started on or before the due date (14 days after the request);
    - ``breach``: started late, or still waiting after the due date, or waived or closed after it
      was already overdue, or refused after the due date;
    - ``waived``: set aside (free choice, or a local reason) before it fell due - counted apart,
      never a breach;
    - ``refused``: the request was refused in time - answered, but no treatment to start;
    - ``closed``: the course closed in time (withdrawn, moved, died) - counted apart;
    - ``pending``: still running and not yet due.
    """
    outcome = deadline_outcome(DeadlineRow(row.course_id, row.due_on, row.met_on, row.waived_on, row.closed_on), today)
    if outcome == KEPT and (row.started_on is None or row.started_on > row.due_on):
        return REFUSED
    return outcome


def guarantee_share(rows: Iterable[GuaranteeRow], today: date) -> Share:
    """The guarantee kept: kept / (kept + breached) (SEL §101(4); G3.4.1; G2.7).

    Waivers in time, refusals in time, courses closed in time and guarantees not yet due are
    counted apart and never enter the denominator; a waiver made after the guarantee was already
    overdue is a breach.
    """
    counts = Counter(guarantee_outcome(row, today) for row in rows)
    return Share(
        numerator=counts[KEPT],
        denominator=counts[KEPT] + counts[BREACH],
        apart={key: counts[key] for key in (WAIVED, REFUSED, CLOSED, PENDING) if counts[key]},
    )


def days_to_start(rows: Iterable[GuaranteeRow]) -> list[int]:
    """Days from the request to treatment start, for every guarantee whose treatment has started
    (waived ones included: the figure is the citizen's wait)."""
    return [(row.started_on - row.expressed_on).days for row in rows if row.started_on is not None]


# --- treatment start ------------------------------------------------------------------------------


def physician_offered(row: StartRow) -> bool:
    """The citizen was told of the right to a free physician consultation no later than the day
    treatment started (SUL §142(1-2); G3.4.5)."""
    return row.physician_informed_on is not None and row.physician_informed_on <= row.started_on


def physician_share(rows: Iterable[StartRow]) -> Share:
    """Treatment starts where the physician consultation was offered in time / all treatment starts."""
    rows = list(rows)
    return Share(numerator=sum(1 for row in rows if physician_offered(row)), denominator=len(rows))


# --- discharge ------------------------------------------------------------------------------------

OUTCOME_GOOD = {
    "abstinent": frozenset({"abstinent"}),
    "reduced": frozenset({"reduced"}),
    "abstinent_or_reduced": frozenset({"abstinent", "reduced"}),
}


def outcome_counted(row: DischargeRow) -> bool:
    """A discharge enters the outcome figures when its drug-use status at discharge is known and the
    citizen did not die: "unknown / not stated" says nothing about the result (counted apart)."""
    return row.reason != discharge_rules.DIED and row.drug_use_status != discharge_rules.UNKNOWN


def outcome_share(rows: Iterable[DischargeRow], measure: str) -> Share:
    """Share of discharged citizens with a known drug-use status who are abstinent, have reduced,
    or either (``measure``: ``abstinent``, ``reduced``, ``abstinent_or_reduced``) at discharge
    (G3.11.1; G2.7; the standard's outcome target, BEK 1477 §4). Every reason for discharge counts,
    planned or not; deaths and an unknown status are counted apart."""
    good = OUTCOME_GOOD[measure]
    rows = list(rows)
    counted = [row for row in rows if outcome_counted(row)]
    unknown = sum(1 for row in rows if row.reason != discharge_rules.DIED and not outcome_counted(row))
    return Share(
        numerator=sum(1 for row in counted if row.drug_use_status in good),
        denominator=len(counted),
        apart={"unknown": unknown} if unknown else {},
    )


def readmission_complete(row: DischargeRow, today: date, months: int = 12) -> bool:
    """A completed discharge's re-admission is known once ``months`` have passed since it: only
    then can it be counted (``deadlines.rules.add_months``)."""
    return add_months(row.discharged_on, months) < today


def readmitted(row: DischargeRow, months: int = 12) -> bool:
    """A new treatment request by the same citizen no later than ``months`` after discharge."""
    return row.next_request_on is not None and row.next_request_on <= add_months(row.discharged_on, months)


def readmission_share(rows: Iterable[DischargeRow], today: date, months: int = 12) -> Share:
    """Re-admission within 12 months of completed treatment (G2.7; DOMAIN.md §4; the standard's
    re-admission target): of the citizens discharged as having completed treatment at least
    ``months`` ago, the share who asked for treatment again within ``months`` of the discharge.
    Discharges for other reasons do not count; completed discharges less than ``months`` old are
    not complete yet and are counted apart (``incomplete``)."""
    completed = [row for row in rows if row.reason == discharge_rules.COMPLETED]
    complete = [row for row in completed if readmission_complete(row, today, months)]
    incomplete = len(completed) - len(complete)
    return Share(
        numerator=sum(1 for row in complete if readmitted(row, months)),
        denominator=len(complete),
        apart={"incomplete": incomplete} if incomplete else {},
    )


def dropped_out(row: DischargeRow) -> bool:
    """An unplanned discharge (G3.11): expelled, or no-show / no contact."""
    return row.reason in discharge_rules.UNPLANNED


def dropout_share(rows: Iterable[DischargeRow]) -> Share:
    """Drop-out (G2.7.4): unplanned discharges (expelled, no-show / no contact) / all discharges
    except deaths (a death is neither a drop-out nor a completion; counted apart)."""
    rows = list(rows)
    died = sum(1 for row in rows if row.reason == discharge_rules.DIED)
    counted = [row for row in rows if row.reason != discharge_rules.DIED]
    return Share(
        numerator=sum(1 for row in counted if dropped_out(row)),
        denominator=len(counted),
        apart={"died": died} if died else {},
    )


def days_in_treatment(rows: Iterable[DischargeRow]) -> list[int]:
    """Days from treatment start to discharge, for every discharge whose course has a start date
    (G2.7 "time in treatment")."""
    return [(row.discharged_on - row.started_on).days for row in rows if row.started_on is not None]


# --- caseload -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caseload:
    workers: int
    courses: int
    median: int | None
    highest: int | None


def caseload(rows: Iterable[CaseloadRow]) -> Caseload:
    """Open courses per responsible worker today: the number of workers with at least one, their
    courses, the median (nearest rank) and the highest. Courses without a responsible worker are
    not in it (the worklists show them)."""
    counts = [row.open_courses for row in rows if row.open_courses > 0]
    return Caseload(workers=len(counts), courses=sum(counts), median=median(counts), highest=max(counts, default=None))


# --- targets --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetCheck:
    """A figure against the standard's target: ``met`` is None when the figure has no value."""

    limit: float
    at_least: bool  # True: the figure must be at least the limit; False: at most
    text: str
    met: bool | None


def check_target(percent: float | None, *, limit: float, at_least: bool, text: str = "") -> TargetCheck:
    """Whether a figure in percent meets the target (at least / at most ``limit`` percent)."""
    met = None if percent is None else (percent >= limit if at_least else percent <= limit)
    return TargetCheck(limit=limit, at_least=at_least, text=text, met=met)


def outcome_targets(targets: Sequence[dict]) -> dict[str, dict]:
    """The standard's ``outcome_targets`` (a list of ``{"measure", "min_percent", "text"}``) by
    measure; unknown measures and targets without a number are left out."""
    return {
        t["measure"]: t
        for t in targets or ()
        if isinstance(t, dict) and t.get("measure") in OUTCOME_GOOD and isinstance(t.get("min_percent"), int | float)
    }


def readmission_target(target: dict | None) -> tuple[float, int] | None:
    """The standard's ``readmission_target`` as (max percent, months), or None when it sets none."""
    if not isinstance(target, dict) or not isinstance(target.get("max_percent"), int | float):
        return None
    months = target.get("within_months")
    return float(target["max_percent"]), months if isinstance(months, int) and months > 0 else 12


def group_shares(buckets: dict[Month, list], count: Callable[[list], Share]) -> dict[Month, Share]:
    """A share per month from rows already grouped by month."""
    return {month: count(rows) for month, rows in buckets.items()}


def group_by(rows: Iterable, key: Callable) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped
