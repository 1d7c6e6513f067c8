"""The dashboard's figures: each measure's words (title, definition, source) and its numbers.

``MEASURES`` is the one list the page, the definitions page, the downloads and ``docs/measures.md``
follow; ``compute()`` turns ``selectors.DashboardData`` into ``Figure``s with ``measures``' pure
counting; ``behind()`` names the courses behind a figure for the drill-down.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from deadlines.models import DeadlineKind

from . import measures as m
from .selectors import DashboardData

PERCENT, DAYS, COUNT = "percent", "days", "count"


@dataclass(frozen=True)
class Measure:
    key: str  # the URL slug: /ledelse/<key>/forloeb/ and the anchor on the definitions page
    title: Promise
    definition: Promise  # what is counted, in plain words
    counting: Promise  # the denominator and what is counted apart
    dated_by: Promise  # which date puts a row in a month
    behind: Promise  # what the drill-down lists
    source: str  # compact legal source (shown in Danish notation)
    unit: str


MEASURES = (
    Measure(
        "behandlingsgaranti",
        gettext_lazy("Treatment guarantee kept"),
        gettext_lazy(
            "The share of treatment requests where treatment started no later than 14 days after the wish "
            "for treatment was first expressed."
        ),
        gettext_lazy(
            "Kept / (kept + breached). A breach is a start after the 14 days, a request still waiting after "
            "them, or a waiver or closing made after the guarantee was already overdue. Waivers made in time "
            "(free choice or a local reason), refusals in time, courses closed in time and guarantees not yet "
            "due are counted apart and never as breaches."
        ),
        gettext_lazy("The month the guarantee fell due."),
        gettext_lazy("The breached guarantees."),
        "SEL §101(4); SEL §101(6); G3.4.1; G3.6.4",
        PERCENT,
    ),
    Measure(
        "ventetid",
        gettext_lazy("Days from request to treatment start"),
        gettext_lazy(
            "The median and the 90th percentile of the days from the request to the start of treatment, for "
            "every request whose treatment has started (waived guarantees included: it is the citizen's wait)."
        ),
        gettext_lazy(
            "Percentiles by nearest rank: the p-th percentile of n values sorted ascending is the value at "
            "rank p/100 × n rounded up; the median is the 50th percentile, so with an even count it is the "
            "lower of the two middle values."
        ),
        gettext_lazy("The month the guarantee fell due."),
        gettext_lazy("The courses whose treatment started."),
        "SEL §101(4); G3.4.1",
        DAYS,
    ),
    Measure(
        "afdaekning",
        gettext_lazy("Assessment within the deadline"),
        gettext_lazy("The share of assessments completed no later than 14 days after the request."),
        gettext_lazy(
            "Kept / (kept + breached); assessments of courses closed in time and those not yet due are counted apart."
        ),
        gettext_lazy("The month the assessment fell due."),
        gettext_lazy("The assessments completed late or still overdue."),
        "G3.4.3; G3.5.2",
        PERCENT,
    ),
    Measure(
        "behandlingsplan",
        gettext_lazy("Treatment plan made by treatment start"),
        gettext_lazy("The share of treatment starts where the first treatment plan was made no later than the start."),
        gettext_lazy(
            "Kept / (kept + breached); plans of courses closed the same day and those not yet due are counted apart."
        ),
        gettext_lazy("The month treatment started."),
        gettext_lazy("The courses whose plan was made late or is missing."),
        "SEL §101(8); G3.7.1",
        PERCENT,
    ),
    Measure(
        "planrevision",
        gettext_lazy("Plan reviews overdue"),
        gettext_lazy(
            "The number of treatment plans whose review, at the standard's longest interval, is overdue "
            "today; the trend is the share of reviews falling due each month that were made in time."
        ),
        gettext_lazy(
            "The count is today's, whatever the period. The share: kept / (kept + breached); reviews of "
            "courses closed in time and those not yet due are counted apart. No figure where the standard "
            "sets no interval."
        ),
        gettext_lazy("The month the review fell due."),
        gettext_lazy("The courses whose plan review is overdue today."),
        "SEL §101(8); G3.7.4; G3.9.1",
        COUNT,
    ),
    Measure(
        "underretning",
        gettext_lazy("Child-welfare notifications on time"),
        gettext_lazy("The share of child-welfare notifications sent on the day the duty arose."),
        gettext_lazy("Kept / (kept + breached); notifications of courses closed the same day are counted apart."),
        gettext_lazy("The month the duty arose."),
        gettext_lazy("The courses with a notification sent late or not yet sent."),
        "Barnets lov §133",
        PERCENT,
    ),
    Measure(
        "laegesamtale",
        gettext_lazy("Physician consultation offered"),
        gettext_lazy(
            "The share of treatment starts where the citizen was told of the right to a free physician "
            "consultation no later than the day treatment started."
        ),
        gettext_lazy("Offered in time / all treatment starts in the month."),
        gettext_lazy("The month treatment started."),
        gettext_lazy("The treatment starts without a timely offer."),
        "SUL §142(1-2); G3.4.5",
        PERCENT,
    ),
    Measure(
        "resultat",
        gettext_lazy("Outcome at discharge"),
        gettext_lazy(
            "Of the citizens discharged with a known drug-use status, the share who were abstinent, the share "
            "who had reduced their use, and the two together, against the quality standard's targets."
        ),
        gettext_lazy(
            "Every reason for discharge counts, planned or not: the target speaks of all citizens in "
            "treatment. Discharges with the status »unknown / not stated« and deaths are counted apart."
        ),
        gettext_lazy("The month of discharge."),
        gettext_lazy("The discharges with neither abstinence nor reduced use."),
        "G3.11.1; G2.7; BEK 1477 §4",
        PERCENT,
    ),
    Measure(
        "genindskrivning",
        gettext_lazy("Re-admission within 12 months"),
        gettext_lazy(
            "Of the citizens discharged as having completed treatment, the share who asked for treatment "
            "again within 12 months of the discharge (a new course's request), against the standard's target."
        ),
        gettext_lazy(
            "Only discharges at least 12 months old are complete and counted; younger ones are counted apart, "
            "so the latest 12 months of a period have no figure yet. Other discharge reasons do not count."
        ),
        gettext_lazy("The month of discharge."),
        gettext_lazy("The completed discharges followed by a new request within 12 months."),
        "G2.7; BEK 1477 §4",
        PERCENT,
    ),
    Measure(
        "opfoelgning",
        gettext_lazy("Follow-up after discharge on time"),
        gettext_lazy(
            "The share of follow-ups 1 month and 6 months after discharge held no later than their due date, "
            "for the four discharge reasons the law names."
        ),
        gettext_lazy(
            "Kept / (kept + breached), each follow-up apart; follow-ups the citizen opted out of in time and "
            "those not yet due are counted apart."
        ),
        gettext_lazy("The month the follow-up fell due."),
        gettext_lazy("The follow-ups held late or overdue."),
        "BEK 1477 §4(2); G3.12.1",
        PERCENT,
    ),
    Measure(
        "frafald",
        gettext_lazy("Drop-out"),
        gettext_lazy(
            "The share of discharges that were unplanned: the citizen was expelled, or stopped showing up "
            "(no-show / no contact)."
        ),
        gettext_lazy("Unplanned discharges / all discharges; deaths are counted apart."),
        gettext_lazy("The month of discharge."),
        gettext_lazy("The unplanned discharges."),
        "G2.7.4; G3.11",
        PERCENT,
    ),
    Measure(
        "behandlingstid",
        gettext_lazy("Time in treatment"),
        gettext_lazy("The median and the 90th percentile of the days from treatment start to discharge."),
        gettext_lazy(
            "Every discharge whose course has a treatment start; percentiles by nearest rank as for the waiting time."
        ),
        gettext_lazy("The month of discharge."),
        gettext_lazy("The discharges."),
        "G2.7",
        DAYS,
    ),
    Measure(
        "sagsstamme",
        gettext_lazy("Caseload per worker"),
        gettext_lazy(
            "Open courses per responsible worker today: the median and the highest, and each worker's number."
        ),
        gettext_lazy(
            "Today's figure, whatever the period (the caseload of past months is not kept). Courses without "
            "a responsible worker are not in it."
        ),
        gettext_lazy("Today."),
        gettext_lazy("The open courses with a responsible worker."),
        "G2.7",
        COUNT,
    ),
)

BY_KEY = {measure.key: measure for measure in MEASURES}


@dataclass
class Point:
    month: m.Month
    value: float | int | None
    detail: str = ""  # "12 of 15", or the number of courses


@dataclass
class Series:
    label: str
    unit: str
    value: float | int | None
    detail: str
    points: list[Point]
    target: m.TargetCheck | None = None
    target_label: str = ""


@dataclass
class Figure:
    measure: Measure
    series: list[Series]
    note: str = ""
    workers: list[m.CaseloadRow] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def has_trend(self) -> bool:
        return any(series.points for series in self.series)


def _of(share: m.Share) -> str:
    return _("%(numerator)s of %(denominator)s") % {"numerator": share.numerator, "denominator": share.denominator}


APART_LABELS = {
    m.WAIVED: gettext_lazy("waived in time"),
    m.REFUSED: gettext_lazy("refused in time"),
    m.CLOSED: gettext_lazy("closed in time"),
    m.PENDING: gettext_lazy("not yet due"),
    "unknown": gettext_lazy("status unknown"),
    "incomplete": gettext_lazy("less than 12 months ago"),
    "died": gettext_lazy("died"),
}


def apart_note(share: m.Share) -> str:
    """What the figure counted apart, in words ("not counted: 3 waived in time, 2 not yet due")."""
    parts = [f"{count} {APART_LABELS.get(key, key)}" for key, count in share.apart.items() if count]
    return _("Not counted: %(parts)s.") % {"parts": ", ".join(parts)} if parts else ""


def share_series(label, buckets, count: Callable[[list], m.Share], overall: m.Share, target=None, target_label=""):
    points = []
    for month, rows in buckets.items():
        share = count(rows)
        points.append(Point(month, share.percent, _of(share) if share.denominator else ""))
    return Series(label, PERCENT, overall.percent, _of(overall), points, target, target_label)


def days_series(label, buckets, days: Callable[[list], list[int]], p: float):
    points = []
    for month, rows in buckets.items():
        values = days(rows)
        points.append(Point(month, m.percentile(values, p), _n_courses(len(values)) if values else ""))
    values = [v for rows in buckets.values() for v in days(rows)]
    return Series(label, DAYS, m.percentile(values, p), _n_courses(len(values)), points)


def _n_courses(n: int) -> str:
    return ngettext("%(count)s course", "%(count)s courses", n) % {"count": n}


def _law(percent) -> m.TargetCheck:
    return m.check_target(percent, limit=100, at_least=True)


def compute(data: DashboardData, months: list[m.Month], today: date, standard=None) -> list[Figure]:
    """Every figure of ``MEASURES`` for the rows of one selection and period."""
    law_label = _("The law: every time")
    figures = []

    def deadline_figure(key, rows, date_of=lambda r: r.due_on, label=None):
        overall = m.deadline_share(rows, today)
        buckets = m.by_month(rows, date_of, months)
        series = share_series(
            label or _("On time"),
            buckets,
            lambda rs: m.deadline_share(rs, today),
            overall,
            _law(overall.percent),
            law_label,
        )
        return series, overall

    guarantees = data.guarantees
    overall = m.guarantee_share(guarantees, today)
    buckets = m.by_month(guarantees, lambda r: r.due_on, months)
    figures.append(
        Figure(
            BY_KEY["behandlingsgaranti"],
            [
                share_series(
                    _("Kept"),
                    buckets,
                    lambda rs: m.guarantee_share(rs, today),
                    overall,
                    _law(overall.percent),
                    law_label,
                )
            ],
            apart_note(overall),
        )
    )
    figures.append(
        Figure(
            BY_KEY["ventetid"],
            [
                days_series(_("Median"), buckets, m.days_to_start, 50),
                days_series(_("90th percentile"), buckets, m.days_to_start, 90),
            ],
        )
    )
    for key, kind in (
        ("afdaekning", DeadlineKind.ASSESSMENT),
        ("behandlingsplan", DeadlineKind.TREATMENT_PLAN),
    ):
        series, overall = deadline_figure(key, data.deadlines.get(kind, []))
        figures.append(Figure(BY_KEY[key], [series], apart_note(overall)))

    reviews, overall = deadline_figure("planrevision", data.deadlines.get(DeadlineKind.PLAN_REVIEW, []))
    overdue = m.overdue_count(data.reviews_open, today)
    figures.append(
        Figure(
            BY_KEY["planrevision"],
            [
                Series(_("Overdue today"), COUNT, overdue, "", []),
                reviews,
            ],
            apart_note(overall),
        )
    )
    series, overall = deadline_figure("underretning", data.deadlines.get(DeadlineKind.CHILD_NOTIFICATION, []))
    figures.append(Figure(BY_KEY["underretning"], [series], apart_note(overall)))

    overall = m.physician_share(data.starts)
    figures.append(
        Figure(
            BY_KEY["laegesamtale"],
            [
                share_series(
                    _("Offered in time"),
                    m.by_month(data.starts, lambda r: r.started_on, months),
                    m.physician_share,
                    overall,
                    _law(overall.percent),
                    law_label,
                )
            ],
        )
    )

    discharges = data.discharges
    discharge_buckets = m.by_month(discharges, lambda r: r.discharged_on, months)
    targets = m.outcome_targets(getattr(standard, "outcome_targets", None) or [])
    outcome_series = []
    for measure, label in (
        ("abstinent_or_reduced", _("Abstinent or reduced")),
        ("abstinent", _("Abstinent")),
        ("reduced", _("Reduced")),
    ):
        overall = m.outcome_share(discharges, measure)
        target = targets.get(measure)
        outcome_series.append(
            share_series(
                label,
                discharge_buckets,
                lambda rs, measure=measure: m.outcome_share(rs, measure),
                overall,
                m.check_target(overall.percent, limit=target["min_percent"], at_least=True, text=target.get("text", ""))
                if target
                else None,
                _("The quality standard") if target else "",
            )
        )
    figures.append(
        Figure(BY_KEY["resultat"], outcome_series, apart_note(m.outcome_share(discharges, "abstinent_or_reduced")))
    )

    readmission = m.readmission_target(getattr(standard, "readmission_target", None))
    months_limit = readmission[1] if readmission else 12
    overall = m.readmission_share(discharges, today, months_limit)
    figures.append(
        Figure(
            BY_KEY["genindskrivning"],
            [
                share_series(
                    _("Re-admitted"),
                    discharge_buckets,
                    lambda rs: m.readmission_share(rs, today, months_limit),
                    overall,
                    m.check_target(
                        overall.percent,
                        limit=readmission[0],
                        at_least=False,
                        text=(standard.readmission_target or {}).get("text", ""),
                    )
                    if readmission
                    else None,
                    _("The quality standard") if readmission else "",
                )
            ],
            apart_note(overall),
        )
    )

    follow_ups = data.deadlines.get(DeadlineKind.FOLLOW_UP, [])
    one, one_overall = deadline_figure("opfoelgning", [r for r in follow_ups if r.ref == "1"], label=_("1 month"))
    six, six_overall = deadline_figure("opfoelgning", [r for r in follow_ups if r.ref == "6"], label=_("6 months"))
    figures.append(Figure(BY_KEY["opfoelgning"], [one, six], apart_note(one_overall + six_overall)))

    overall = m.dropout_share(discharges)
    figures.append(
        Figure(
            BY_KEY["frafald"],
            [share_series(_("Unplanned"), discharge_buckets, m.dropout_share, overall)],
            apart_note(overall),
        )
    )
    figures.append(
        Figure(
            BY_KEY["behandlingstid"],
            [
                days_series(_("Median"), discharge_buckets, m.days_in_treatment, 50),
                days_series(_("90th percentile"), discharge_buckets, m.days_in_treatment, 90),
            ],
        )
    )
    load = m.caseload(data.caseloads)
    figures.append(
        Figure(
            BY_KEY["sagsstamme"],
            [
                Series(_("Median per worker"), COUNT, load.median, _n_courses(load.courses), []),
                Series(_("Highest"), COUNT, load.highest, "", []),
            ],
            ngettext("%(count)s worker with open courses.", "%(count)s workers with open courses.", load.workers)
            % {"count": load.workers},
            workers=data.caseloads,
        )
    )
    return figures


# --- drill-down ------------------------------------------------------------------------------------

BREACHES, ALL = "brud", "alle"


def behind(key: str, data: DashboardData, today: date, selection: str = BREACHES, months: int = 12) -> set[int]:
    """The ids of the courses behind figure ``key``: those that pull it down (``brud``), or every
    course it counted (``alle``)."""
    everything = selection == ALL

    def deadlines(rows):
        wanted = {m.KEPT, m.BREACH} if everything else {m.BREACH}
        return {r.course_id for r in rows if m.deadline_outcome(r, today) in wanted}

    if key == "behandlingsgaranti":
        wanted = {m.KEPT, m.BREACH} if everything else {m.BREACH}
        return {r.course_id for r in data.guarantees if m.guarantee_outcome(r, today) in wanted}
    if key == "ventetid":
        return {r.course_id for r in data.guarantees if r.started_on is not None}
    if key in ("afdaekning", "behandlingsplan", "underretning", "opfoelgning"):
        kind = {
            "afdaekning": DeadlineKind.ASSESSMENT,
            "behandlingsplan": DeadlineKind.TREATMENT_PLAN,
            "underretning": DeadlineKind.CHILD_NOTIFICATION,
            "opfoelgning": DeadlineKind.FOLLOW_UP,
        }[key]
        return deadlines(data.deadlines.get(kind, []))
    if key == "planrevision":
        if everything:
            return deadlines(data.deadlines.get(DeadlineKind.PLAN_REVIEW, []))
        return {r.course_id for r in data.reviews_open if r.due_on < today}
    if key == "laegesamtale":
        return {r.course_id for r in data.starts if everything or not m.physician_offered(r)}
    if key == "resultat":
        good = m.OUTCOME_GOOD["abstinent_or_reduced"]
        return {
            r.course_id
            for r in data.discharges
            if m.outcome_counted(r) and (everything or r.drug_use_status not in good)
        }
    if key == "genindskrivning":
        return {
            r.course_id
            for r in data.discharges
            if r.reason == m.discharge_rules.COMPLETED
            and m.readmission_complete(r, today, months)
            and (everything or m.readmitted(r, months))
        }
    if key == "frafald":
        return {r.course_id for r in data.discharges if everything or m.dropped_out(r)}
    if key == "behandlingstid":
        return {r.course_id for r in data.discharges if r.started_on is not None}
    return set()


def month_label(month: m.Month) -> str:
    """ "januar 2026": the month in Danish (or the user's language)."""
    return date_format(date(month[0], month[1], 1), "F Y")
