"""The deadline engine's rules: a course's facts and its standard in, deadlines out. Pure.

Calendar choices (ARCHITECTURE.md §Deadlines): dates are local calendar dates in
Europe/Copenhagen; "14 days" are 14 calendar days (a deadline on a weekend or holiday is not
moved: the law's day count has no such rule); "4 weeks" are 28 days.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Terms:
    """The settings of the quality standard in force on the request date."""

    guarantee_days: int = 14
    guarantee_start_event: str = "first_expressed_wish"
    assessment_days: int = 14
    complaint_reassessment_weeks: int | None = None


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


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    due_on: date
    source: str
    ref: str = ""
    met_on: date | None = None
    waived_on: date | None = None
    waiver_reason: str = ""
    local_due_on: date | None = None


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
    return DeadlineSpec(kind="physician", due_on=due, met_on=facts.physician_held_on, source="SUL §142(1–2); G3.4.5")


def written_reasons_deadline(facts: CourseFacts) -> DeadlineSpec | None:
    """A citizen told a decision orally may ask for written reasons within 14 days (FVL §23(1)); the
    authority answers within 14 days of the request (FVL §23(2))."""
    if facts.written_reasons_requested_on is None:
        return None
    return DeadlineSpec(
        kind="written_reasons",
        due_on=facts.written_reasons_requested_on + timedelta(days=WRITTEN_REASONS_DAYS),
        met_on=facts.written_reasons_sent_on,
        source="FVL §23",
    )


def complaint_deadlines(facts: CourseFacts, terms: Terms) -> list[DeadlineSpec]:
    """Re-assessment of each complaint within 4 weeks of receipt (RSL §66(1); Odsherred: 4 weeks)."""
    weeks = terms.complaint_reassessment_weeks or LAW_REASSESSMENT_WEEKS
    return [
        DeadlineSpec(
            kind="complaint_reassessment",
            ref=c.ref,
            due_on=c.received_on + timedelta(weeks=min(weeks, LAW_REASSESSMENT_WEEKS)),
            met_on=c.reassessed_on,
            source="RSL §66(1)",
        )
        for c in facts.complaints
    ]


def notification_deadlines(facts: CourseFacts) -> list[DeadlineSpec]:
    """A child-welfare notification is sent without delay, on the day the duty arises (SEL §153)."""
    return [
        DeadlineSpec(kind="child_notification", ref=n.ref, due_on=n.created_on, met_on=n.sent_on, source="SEL §153")
        for n in facts.notifications
    ]


def course_deadlines(facts: CourseFacts, terms: Terms) -> list[DeadlineSpec]:
    """Every deadline of one course."""
    single = [
        guarantee_deadline(facts, terms),
        assessment_deadline(facts, terms),
        decision_deadline(facts, terms),
        physician_deadline(facts, terms),
        written_reasons_deadline(facts),
    ]
    return [d for d in single if d is not None] + complaint_deadlines(facts, terms) + notification_deadlines(facts)


def status(*, due_on: date, met_on: date | None, waived_on: date | None, today: date, soon_days: int = 7) -> str:
    """How a deadline stands today: met, waived (start as soon as possible), overdue, due_soon or open."""
    if met_on is not None:
        return "met"
    if waived_on is not None:
        return "waived"
    if due_on < today:
        return "overdue"
    if due_on <= today + timedelta(days=soon_days):
        return "due_soon"
    return "open"
