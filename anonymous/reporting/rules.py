"""Counts of the anonymous services for reporting: pure functions, no ORM, no personal data.

The municipality reports how its anonymous services are used (contacts, decisions, courses
started and finished) without anything about a person: a count per month and service is all the
page and the CSV carry (SEL §101a(7): the anonymous treatment is kept apart in a way that protects
anonymity; DOMAIN.md §2.10). The database aggregates (``selectors``); these functions turn its
``(measure, service, month, count)`` tuples into a year's table with totals.

What each measure counts (the date it counts by):
- ``contacts``: first contacts in the month (``first_contact_on``), whoever made them;
- ``relatives``: of those, the contacts made by a relative (SEL §10(2): advice also to relatives);
- ``eligible`` / ``not_eligible``: decisions after the clarifying conversation (``decided_on``;
  SEL §101a(3)-(4));
- ``started``: courses started (``started_on``; the group course, SEL §101a(8), or alcohol
  treatment, SUL §141(7));
- ``completed``: courses that ran to their end (``ended_on`` with the reason "completed");
- ``ended_otherwise``: courses that ended for another reason (``ended_on``; withdrew, stopped
  coming, referred, no further action), not counting those found outside the target group, who
  are counted under ``not_eligible``.

Small numbers are shown as they are: whether to hide counts below 3 is the municipality's choice
(a doubt noted in docs/architecture.md).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from anonymous import rules as anonymous_rules

MEASURES: tuple[str, ...] = (
    "contacts",
    "relatives",
    "eligible",
    "not_eligible",
    "started",
    "completed",
    "ended_otherwise",
)

MEASURE_LABELS = {
    "contacts": _("Contacts"),
    "relatives": _("Of these by a relative"),
    "eligible": _("In the target group"),
    "not_eligible": _("Not in the target group"),
    "started": _("Started"),
    "completed": _("Completed"),
    "ended_otherwise": _("Ended for another reason"),
}

SERVICES: tuple[str, ...] = (anonymous_rules.DRUG_TREATMENT, anonymous_rules.ADVICE_SERVICE, anonymous_rules.ALCOHOL)

MONTHS = tuple(range(1, 13))

# The earliest year the page offers: the anonymous service (SEL §101a) dates from 2018.
FIRST_YEAR = 2018


@dataclass(frozen=True)
class MonthRow:
    """One month of one service: ``counts[measure]`` for every measure in ``MEASURES``."""

    month: int
    counts: dict[str, int]

    @property
    def first_day(self) -> date:
        return date(2000, self.month, 1)

    def values(self) -> list[int]:
        return [self.counts[m] for m in MEASURES]


@dataclass(frozen=True)
class ServiceYear:
    """A service's twelve months and the year's totals."""

    service: str
    rows: list[MonthRow]
    totals: dict[str, int] = field(default_factory=dict)

    def total_values(self) -> list[int]:
        return [self.totals[m] for m in MEASURES]

    @property
    def is_empty(self) -> bool:
        return not any(self.totals.values())


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(MEASURES, 0)


def year_table(aggregated: Iterable[tuple[str, str, int, int]]) -> list[ServiceYear]:
    """The year per service (in ``SERVICES`` order), every month present, from ``(measure,
    service, month, count)`` tuples as the database aggregated them.

    A tuple may come more than once for the same cell (several centres, several queries): the
    counts add up. An unknown measure, service or month is a programming error (ValueError), not
    something to drop silently from a report.
    """
    cells: dict[str, dict[int, dict[str, int]]] = {s: {m: empty_counts() for m in MONTHS} for s in SERVICES}
    for measure, service, month, count in aggregated:
        if measure not in MEASURES or service not in cells or month not in MONTHS:
            raise ValueError(f"Unknown cell: {measure!r}, {service!r}, {month!r}")
        cells[service][month][measure] += int(count or 0)
    table = []
    for service in SERVICES:
        rows = [MonthRow(month, cells[service][month]) for month in MONTHS]
        table.append(ServiceYear(service, rows, totals(rows)))
    return table


def totals(rows: Iterable[MonthRow]) -> dict[str, int]:
    """The sum of each measure over ``rows`` (a year's total is the sum of its months)."""
    result = empty_counts()
    for row in rows:
        for measure in MEASURES:
            result[measure] += row.counts[measure]
    return result


def all_services(table: list[ServiceYear]) -> ServiceYear:
    """Every service together, month by month (the chart and the summary use it)."""
    rows = []
    for month in MONTHS:
        counts = empty_counts()
        for service_year in table:
            for measure in MEASURES:
                counts[measure] += service_year.rows[month - 1].counts[measure]
        rows.append(MonthRow(month, counts))
    return ServiceYear("all", rows, totals(rows))


def year_choice(typed: str | None, *, today: date) -> int | None:
    """The year asked for (``?aar=2026``), this year when nothing was asked, None when it cannot be
    one: not a number, before ``FIRST_YEAR`` or after this year (no counts exist yet)."""
    if typed is None or not str(typed).strip():
        return today.year
    text = str(typed).strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= today.year else None


@dataclass(frozen=True)
class Bar:
    month: int
    value: int
    x: int
    y: int
    height: int


CHART_WIDTH, CHART_HEIGHT, BAR_WIDTH, BAR_GAP = 480, 160, 30, 10


def bars(values: list[int], *, height: int = CHART_HEIGHT) -> list[Bar]:
    """Bars for a server-drawn chart of twelve monthly values: the tallest bar fills ``height``;
    a month with no contacts has no bar (height 0), one with any has at least 1 unit."""
    if len(values) != 12:
        raise ValueError("Twelve months expected.")
    top = max(values) or 1
    result = []
    for index, value in enumerate(values):
        bar_height = 0 if value <= 0 else max(1, round(value * height / top))
        result.append(
            Bar(index + 1, value, index * (BAR_WIDTH + BAR_GAP) + BAR_GAP // 2, height - bar_height, bar_height)
        )
    return result
