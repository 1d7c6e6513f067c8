"""The deadline engine's rules: a course's facts and its standard in, deadlines out. Pure.

Calendar choices (ARCHITECTURE.md §Deadlines): dates are local calendar dates in
Europe/Copenhagen; "14 days" are 14 calendar days (a deadline on a weekend or holiday is not
moved: the law's day count has no such rule); "4 weeks" are 28 days.
"""

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from discharges.rules import follow_up_required


@dataclass(frozen=True)
class Terms:
    """The settings of the quality standard in force on the request date."""

    guarantee_days: int = 14
    guarantee_start_event: str = "first_expressed_wish"
    assessment_days: int = 14
    complaint_reassessment_weeks: int | None = None
    plan_first_review_months: int | None = None
    plan_review_interval_months: int | None = None
    plan_review_at_period_end: bool = False
    follow_up_months: tuple[int, ...] = ()


@dataclass(frozen=True)
class ComplaintFacts:
    ref: str
    received_on: date
    reassessed_on: date | None = None


@dataclass(frozen=True)
class NotificationFacts:
    ref: str
    created_on: date
    sent_on: date | None = None


@dataclass(frozen=True)
class PlanVersionFacts:
    """One version of the treatment plan: the first (number 1) or a review."""

    number: int
    made_on: date
    period_ends_on: date | None = None


@dataclass(frozen=True)
class FollowUpFacts:
    months: int
    held_on: date | None = None


@dataclass(frozen=True)
class CourseFacts:
    request_expressed_on: date | None = None
    first_contact_on: date | None = None
    attended_in_person_on: date | None = None
    guarantee_applies: bool = True
    waived_on: date | None = None
    waiver_reason: str = ""
    assessment_completed_on: date | None = None
    decided_on: date | None = None
    decision_outcome: str = ""
    written_reasons_requested_on: date | None = None
    written_reasons_sent_on: date | None = None
    treatment_started_on: date | None = None
    physician_accepted: bool = False
    physician_held_on: date | None = None
    complaints: tuple[ComplaintFacts, ...] = field(default_factory=tuple)
    notifications: tuple[NotificationFacts, ...] = field(default_factory=tuple)
    closed_on: date | None = None
    closed_kind: str = ""
    plan_versions: tuple[PlanVersionFacts, ...] = field(default_factory=tuple)
    discharged_on: date | None = None
    discharge_reason: str = ""
    follow_up_opted_out_on: date | None = None
    follow_ups: tuple[FollowUpFacts, ...] = field(default_factory=tuple)
    treating_provider_id: int | None = None


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    due_on: date
    source: str
    arose_on: date
    ref: str = ""
    met_on: date | None = None
    waived_on: date | None = None
    waiver_reason: str = ""
    local_due_on: date | None = None
    closed_on: date | None = None
    closed_reason: str = ""
    provider_id: int | None = None  # who carries it out, where not the course's own centre


LAW_REASSESSMENT_WEEKS = 4  # RSL §66(1): re-assess, and forward an upheld decision, within 4 weeks
WRITTEN_REASONS_DAYS = 14  # FVL §23(2): answer a request for written reasons within 14 days


def guarantee_due(expressed_on: date, days: int) -> date:
    """Treatment initiated no later than ``days`` after the wish was first expressed (SEL §101(4); G3.4.1)."""
    return expressed_on + timedelta(days=days)


def local_guarantee_due(facts: CourseFacts, terms: Terms) -> date | None:
    """The local standard's own date, shown beside the law's where it counts from another event.

    Odsherred counts from attendance in person (later than the law: the law's date governs);
    Randers and Fredericia from the first contact (no later than the law).
    """
    if terms.guarantee_start_event == "attendance_in_person" and facts.attended_in_person_on:
        return guarantee_due(facts.attended_in_person_on, terms.guarantee_days)
    if terms.guarantee_start_event == "first_contact" and facts.first_contact_on:
        return guarantee_due(facts.first_contact_on, terms.guarantee_days)
    return None


def guarantee_deadline(facts: CourseFacts, terms: Terms) -> DeadlineSpec | None:
    """The guarantee: met when treatment starts; a refusal answers the request and ends it.

    A waiver (free choice, SEL §101(6); or a local reason) takes it off the overdue list, but
    treatment must still start as soon as possible (G3.6.4).
    """
    if facts.request_expressed_on is None or not facts.guarantee_applies:
        return None
    met_on = facts.treatment_started_on
    if met_on is None and facts.decision_outcome == "refusal":
        met_on = facts.decided_on
    local = local_guarantee_due(facts, terms)
    law_due = guarantee_due(facts.request_expressed_on, min(terms.guarantee_days, 14))
    return DeadlineSpec(
        kind="guarantee",
        due_on=law_due,
        arose_on=facts.request_expressed_on,
        local_due_on=local if local != law_due else None,
        met_on=met_on,
        waived_on=facts.waived_on,
        waiver_reason=facts.waiver_reason,
        source="SEL §101(4); G3.4.1",
    )


def assessment_deadline(facts: CourseFacts, terms: Terms) -> DeadlineSpec | None:
    """The assessment within the same 14 days, before the decision (G3.4.3, G3.5.2)."""
    if facts.request_expressed_on is None:
        return None
    return DeadlineSpec(
        kind="assessment",
        due_on=facts.request_expressed_on + timedelta(days=min(terms.assessment_days, 14)),
        arose_on=facts.request_expressed_on,
        met_on=facts.assessment_completed_on,
        source="G3.4.3; G3.5.2",
    )


def decision_deadline(facts: CourseFacts, terms: Terms) -> DeadlineSpec | None:
    """Every request ends in a decision (G3.6.2), in time for treatment to start within the guarantee."""
    if facts.request_expressed_on is None:
        return None
    return DeadlineSpec(
        kind="decision",
        due_on=guarantee_due(facts.request_expressed_on, min(terms.guarantee_days, 14)),
        arose_on=facts.request_expressed_on,
        met_on=facts.decided_on,
        source="G3.6.2; SEL §101(4)",
    )


def physician_deadline(facts: CourseFacts, terms: Terms) -> DeadlineSpec | None:
    """An accepted free physician consultation takes place no later than treatment starts (SUL §142(1–2); G3.4.5).

    Due on the day treatment started, or, before that, on the latest day it may start.
    """
    if not facts.physician_accepted or facts.request_expressed_on is None:
        return None
    due = facts.treatment_started_on or guarantee_due(facts.request_expressed_on, min(terms.guarantee_days, 14))
    return DeadlineSpec(
        kind="physician",
        due_on=due,
        arose_on=facts.request_expressed_on,
        met_on=facts.physician_held_on,
        source="SUL §142(1–2); G3.4.5",
    )


def written_reasons_deadline(facts: CourseFacts) -> DeadlineSpec | None:
    """A citizen told a decision orally may ask for written reasons within 14 days (FVL §23(1)); the
    authority answers within 14 days of the request (FVL §23(2))."""
    if facts.written_reasons_requested_on is None:
        return None
    return DeadlineSpec(
        kind="written_reasons",
        due_on=facts.written_reasons_requested_on + timedelta(days=WRITTEN_REASONS_DAYS),
        arose_on=facts.written_reasons_requested_on,
        met_on=facts.written_reasons_sent_on,
        source="FVL §23",
    )


def reassessment_weeks(standard_weeks: int | None) -> int:
    """Weeks to re-assess a complaint: the law's 4 (RSL §66(1)), or the standard's if faster
    (Odsherred: 4 weeks). The decision letter promises the same period (``decisions.rules``)."""
    return min(standard_weeks or LAW_REASSESSMENT_WEEKS, LAW_REASSESSMENT_WEEKS)


def complaint_deadlines(facts: CourseFacts, terms: Terms) -> list[DeadlineSpec]:
    """Re-assessment of each complaint within 4 weeks of receipt (RSL §66(1); Odsherred: 4 weeks)."""
    weeks = reassessment_weeks(terms.complaint_reassessment_weeks)
    return [
        DeadlineSpec(
            kind="complaint_reassessment",
            ref=c.ref,
            due_on=c.received_on + timedelta(weeks=weeks),
            arose_on=c.received_on,
            met_on=c.reassessed_on,
            source="RSL §66(1)",
        )
        for c in facts.complaints
    ]


def notification_deadlines(facts: CourseFacts) -> list[DeadlineSpec]:
    """A child-welfare notification is sent without delay, on the day the duty arises (Barnets lov §133,
    formerly SEL §153; in force 1 January 2024)."""
    return [
        DeadlineSpec(
            kind="child_notification",
            ref=n.ref,
            due_on=n.created_on,
            arose_on=n.created_on,
            met_on=n.sent_on,
            source="Barnets lov §133, formerly SEL §153",
        )
        for n in facts.notifications
    ]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later; a day the month lacks falls on its last day.

    "Senest 1 måned ... efter" (BEK 1477 §4(2)) read as the calendar month: a discharge on 15
    March is followed up no later than 15 April. A discharge on 31 January has no 31 February:
    the follow-up is due on the last day of February (28th, or 29th in a leap year), never in
    March, so the date is never later than one month (the citizen's side of the doubt). The same
    rule gives 31 August + 6 months = 28/29 February, and 30 September + 1 month = 30 October.
    """
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_deadline(facts: CourseFacts) -> DeadlineSpec | None:
    """The treatment plan is made with the citizen when treatment starts (SEL §101(8); G3.7.1):
    due on the day treatment started, met by the plan's first version."""
    if facts.treatment_started_on is None:
        return None
    first = min((v.made_on for v in facts.plan_versions if v.number == 1), default=None)
    return DeadlineSpec(
        kind="treatment_plan",
        due_on=facts.treatment_started_on,
        arose_on=facts.treatment_started_on,
        met_on=first,
        source="SEL §101(8); G3.7.1",
    )


def next_review_due(*, previous: PlanVersionFacts, treatment_started_on: date | None, terms: Terms) -> date | None:
    """When the plan must next be reviewed, after ``previous`` (G3.7.4, G3.9.1: continuously, with
    the standard's maximum interval, BEK 1477 §4(1) nr. 8). The earliest of:

    - the standard's months: the first review counted from treatment start (Mariagerfjord "senest
      efter 5 måneders behandling"), later ones from the last version (Randers "senest hver 6.
      måned"); where the standard gives a first review only, it repeats (DOMAIN.md §2.5);
    - the end of the plan's period, where the standard reviews at each period's end (Odsherred).

    None where the standard sets neither (Fredericia): reviews are still due continuously, but
    no date can be computed.
    """
    candidates = []
    if previous.number == 1:
        months = terms.plan_first_review_months or terms.plan_review_interval_months
        base = treatment_started_on or previous.made_on
    else:
        months = terms.plan_review_interval_months or terms.plan_first_review_months
        base = previous.made_on
    if months:
        candidates.append(add_months(base, months))
    if terms.plan_review_at_period_end and previous.period_ends_on:
        candidates.append(previous.period_ends_on)
    return min(candidates, default=None)


def plan_review_deadlines(facts: CourseFacts, terms: Terms) -> list[DeadlineSpec]:
    """One review deadline after each version of the plan: met by the next version, open for the
    latest (``ref`` is the number of the version that meets it)."""
    versions = sorted(facts.plan_versions, key=lambda v: v.number)
    if not versions:
        return []
    specs = []
    for previous, following in zip(versions, [*versions[1:], None], strict=True):
        due = next_review_due(previous=previous, treatment_started_on=facts.treatment_started_on, terms=terms)
        if due is None:
            continue
        specs.append(
            DeadlineSpec(
                kind="plan_review",
                ref=str(previous.number + 1),
                due_on=due,
                arose_on=previous.made_on,
                met_on=following.made_on if following else None,
                source="SEL §101(8); G3.7.4; BEK 1477 §4(1) nr. 8",
            )
        )
    return specs


LAW_FOLLOW_UP_MONTHS = (1, 6)  # BEK 1477 §4(2); G3.12.1


def follow_up_months(standard_months: tuple[int, ...]) -> list[int]:
    """The law's 1 and 6 months, plus any other month the standard sets (Odsherred: 3)."""
    return sorted(set(LAW_FOLLOW_UP_MONTHS) | {m for m in standard_months if m > 0})


def follow_up_deadlines(facts: CourseFacts, terms: Terms) -> list[DeadlineSpec]:
    """Follow-up after discharge, no later than 1 month and again 6 months after the course ended,
    for the four reasons the law names (BEK 1477 §4(2); G3.12.1; ``discharges.rules``), by the
    provider that treated the citizen (G3.12.2). The citizen may opt out (G3.12.3): the follow-ups
    not yet held are then waived from that day. ``ref`` is the number of months.
    """
    if facts.discharged_on is None or not follow_up_required(facts.discharge_reason):
        return []
    held = {f.months: f.held_on for f in facts.follow_ups}
    return [
        DeadlineSpec(
            kind="follow_up",
            ref=str(months),
            due_on=add_months(facts.discharged_on, months),
            arose_on=facts.discharged_on,
            met_on=held.get(months),
            waived_on=facts.follow_up_opted_out_on,
            waiver_reason="opted_out" if facts.follow_up_opted_out_on else "",
            source="BEK 1477 §4(2); G3.12.1" if months in LAW_FOLLOW_UP_MONTHS else "kvalitetsstandard",
            provider_id=facts.treating_provider_id,
        )
        for months in follow_up_months(terms.follow_up_months)
    ]


def course_deadlines(facts: CourseFacts, terms: Terms) -> list[DeadlineSpec]:
    """Every deadline of one course. A closed (or discharged) course's pending deadlines are closed
    with it; the follow-ups after discharge arise with the discharge and are not."""
    single = [
        guarantee_deadline(facts, terms),
        assessment_deadline(facts, terms),
        decision_deadline(facts, terms),
        physician_deadline(facts, terms),
        written_reasons_deadline(facts),
        plan_deadline(facts),
    ]
    specs = (
        [d for d in single if d is not None]
        + complaint_deadlines(facts, terms)
        + notification_deadlines(facts)
        + plan_review_deadlines(facts, terms)
    )
    if facts.closed_on is not None:
        specs = [close_if_pending(spec, facts.closed_on, facts.closed_kind) for spec in specs]
    return specs + follow_up_deadlines(facts, terms)


def close_if_pending(spec: DeadlineSpec, closed_on: date, reason: str) -> DeadlineSpec:
    """Closing a course ends what was still pending on that day, with the course's reason.

    A met deadline stays met. A waived one keeps its waiver (its status does not change) but
    leaves the list of guarantees waiting for a start. A duty that arose after the course was
    closed (a complaint about a refusal, received later) is not closed by it.
    """
    if spec.met_on is not None or spec.arose_on > closed_on:
        return spec
    return replace(spec, closed_on=closed_on, closed_reason=reason)


SOON_DAYS = 7  # the worklists' "coming 7 days"


@dataclass(frozen=True)
class DeadlineStatus:
    """How a deadline stands on a day: exactly one ``code``, with the dates behind it.

    Codes: ``kept`` (met on or before the due date), ``late`` (met after it), ``waived`` (set
    aside on or before the due date: start as soon as possible), ``waived_late`` (overdue until
    it was set aside), ``closed`` (the course closed before it fell due), ``closed_late`` (overdue
    until the course closed), ``overdue``, ``due_soon`` and ``open``.
    """

    code: str
    due_on: date
    ended_on: date | None = None  # the day it was met, waived or closed
    days_late: int = 0  # days past the due date when it ended
    days_overdue: int = 0  # days past the due date today, while it is still open

    @property
    def overdue_from(self) -> date:
        """The first day the deadline was overdue."""
        return self.due_on + timedelta(days=1)

    @property
    def is_breach(self) -> bool:
        return self.code in BREACH_CODES


BREACH_CODES = frozenset({"late", "waived_late", "closed_late", "overdue"})


def deadline_status(
    *,
    due_on: date,
    met_on: date | None,
    waived_on: date | None,
    closed_on: date | None,
    today: date,
    soon_days: int = SOON_DAYS,
) -> DeadlineStatus:
    """How a deadline stands ``today``. The first of meeting, waiving and closing ends it.

    The law's deadline is the last day allowed ("no later than 14 days", SEL §101(4); G3.4.1):
    met on the due date is kept, met a day later is late. A waiver sets the guarantee aside
    (SEL §101(6); G3.6.4) only from the day it is recorded: a guarantee already overdue then
    stays a breach. Every page shows this status; none derives its own.
    """
    endings = [(on, code) for on, code in ((met_on, "kept"), (waived_on, "waived"), (closed_on, "closed")) if on]
    if endings:
        ended_on, code = min(endings, key=lambda ending: ending[0])
        days_late = max((ended_on - due_on).days, 0)
        if days_late:
            code = {"kept": "late", "waived": "waived_late", "closed": "closed_late"}[code]
        return DeadlineStatus(code=code, due_on=due_on, ended_on=ended_on, days_late=days_late)
    if due_on < today:
        return DeadlineStatus(code="overdue", due_on=due_on, days_overdue=(today - due_on).days)
    return DeadlineStatus(code="due_soon" if due_on <= today + timedelta(days=soon_days) else "open", due_on=due_on)


def is_breach(
    *, due_on: date, met_on: date | None, waived_on: date | None, closed_on: date | None, today: date
) -> bool:
    """A breach of a deadline (for the guarantee: G2.7 "guarantee kept"): met late, waived or closed
    after it fell due, or overdue today. Waived or closed in time, or still in time, is not."""
    return deadline_status(
        due_on=due_on, met_on=met_on, waived_on=waived_on, closed_on=closed_on, today=today
    ).is_breach
