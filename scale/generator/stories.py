"""Each citizen's history as plain data (no ORM): the courses, their stage and every date.

``citizen_story(i, ...)`` depends only on the citizen's number, the seed, today and the citizen's
centre, so a run of N and a run of M < N topped up to N tell the same stories. Proportions are
rough but realistic for a Danish drug-treatment centre; every stage and every discharge reason
occurs. The dates obey the services' rules (an assessment before the decision, treatment after a
grant, a discharge after the start, nothing recorded in the future) and most deadlines are kept.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from deadlines.rules import PlanVersionFacts, add_months, follow_up_months, next_review_due
from discharges.rules import DRUG_USE_STATUSES, HOUSING, INCOME, YES_NO_UNKNOWN, follow_up_required

from .organisations import CentrePlan

HISTORY_DAYS = 5 * 365

# Where a citizen's latest course stands (weights).
FINAL_STAGES = {
    "advice": 3,
    "advice_closed": 4,
    "requested": 3,
    "assessed": 2,
    "decided": 2,
    "refused": 3,
    "withdrawn": 4,
    "in_treatment": 19,
    "discharged": 60,
}
EARLIER_STAGES = {"discharged": 80, "withdrawn": 10, "refused": 5, "advice_closed": 5}
DISCHARGE_REASONS = {
    "completed": 34,
    "other_offer": 8,
    "moved": 5,
    "wished_to_stop": 14,
    "expelled": 4,
    "no_show": 22,
    "hospital": 3,
    "other": 6,
    "died": 2,
}
WAIVER_REASONS = {"free_choice": 4, "declined": 3, "no_show": 2, "no_cooperation": 1}
KIND_WEIGHTS = {"drug": 70, "alcohol": 25, "medical": 5}


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Appt:
    starts_at: datetime
    kind: str
    attendance: str
    outreach_done_on: date | None = None  # a no-show's outreach task: done on (None: still open)


@dataclass
class CourseStory:
    kind: str
    stage: str
    opened_on: date
    advice_talks: list[date] = field(default_factory=list)
    expressed_on: date | None = None
    channel: str = "in_person"
    attended_in_person_on: date | None = None
    waiver: tuple[str, date] | None = None
    assessment_started_on: date | None = None
    assessment_completed_on: date | None = None
    child_concern: bool = False
    opioid_use: bool = False
    physician: tuple[date, str, date | None] | None = None  # informed, response, held
    decided_on: date | None = None
    outcome: str = ""
    form: str = "written"
    offer_kind: str = "outpatient"
    written_reasons: tuple[date, date | None] | None = None
    complaint: tuple[date, date | None, str] | None = None  # received, reassessed, outcome
    started_on: date | None = None
    plans: list[PlanVersionFacts] = field(default_factory=list)
    appointments: list[Appt] = field(default_factory=list)
    notifications: list[tuple[date, date | None]] = field(default_factory=list)  # created, sent
    naloxone: tuple[date, date | None] | None = None
    discharge: dict | None = None
    follow_ups: list[tuple[int, date, bool]] = field(default_factory=list)  # months, held, reached
    closed_on: date | None = None
    closed_kind: str = ""
    notes: list[tuple[date, str]] = field(default_factory=list)
    reassigned_on: date | None = None

    @property
    def state(self) -> str:
        if self.closed_on:
            return "closed"
        if self.started_on:
            return "in_treatment"
        if self.decided_on:
            return "decided"
        if self.assessment_completed_on:
            return "assessed"
        if self.expressed_on:
            return "requested"
        return "advice"

    @property
    def end_on(self) -> date | None:
        return self.closed_on


@dataclass
class CitizenStory:
    courses: list[CourseStory]
    died_on: date | None = None


def at(day: date, rng: random.Random, tz, *, start_hour: int = 8, end_hour: int = 16) -> datetime:
    """A time of the working day on ``day`` (aware, Copenhagen)."""
    minutes = rng.randrange(start_hour * 60, end_hour * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=tz)


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def citizen_story(rng: random.Random, today: date, centre: CentrePlan, tz) -> CitizenStory:
    kinds = {k: w for k, w in KIND_WEIGHTS.items() if k in centre.kinds} or {"drug": 1}
    kind = pick(rng, kinds)
    count = rng.choices((1, 2, 3), weights=(72, 22, 6))[0]
    stages = [pick(rng, FINAL_STAGES)] + [pick(rng, EARLIER_STAGES) for _ in range(count - 1)]
    window_start = today - timedelta(days=HISTORY_DAYS)
    courses: list[CourseStory] = []
    limit = today
    for n, stage in enumerate(stages):  # the latest course first, then backwards in time
        course = _course(rng, kind, stage, limit, window_start)
        if course is None or course.opened_on < window_start:
            break
        _fill(course, rng, today, limit, centre, tz)
        if n and course.closed_on is None:
            break  # an earlier course must have ended before the next one opened
        courses.append(course)
        limit = course.opened_on - _days(rng, 30, 500)
    courses.reverse()
    for c in courses[:-1]:  # only the latest course can end in death
        if c.discharge and c.discharge["reason"] == "died":
            c.discharge["reason"] = "wished_to_stop"
    last = courses[-1].discharge if courses else None
    return CitizenStory(courses, last["discharged_on"] if last and last["reason"] == "died" else None)


def _course(rng, kind, stage, latest, window_start) -> CourseStory | None:
    """The course's stage and opening date; ``latest`` is the last day it may end (or today)."""
    span = max((latest - window_start).days, 1)
    if stage == "advice":
        return CourseStory(kind, stage, latest - _days(rng, 0, 45))
    if stage in ("requested", "assessed", "decided"):
        ages = {"requested": (0, 18), "assessed": (3, 20), "decided": (5, 24)}[stage]
        return CourseStory(kind, stage, latest - _days(rng, *ages) - _days(rng, 0, 2))
    if stage == "in_treatment":
        return CourseStory(kind, stage, latest - _days(rng, 10, min(760, span)))
    # Closed stages end before ``latest``: leave room for the course's length.
    length = {"advice_closed": 60, "refused": 45, "withdrawn": 45}.get(stage, 620)
    if span <= length + 10:
        return None
    return CourseStory(kind, stage, window_start + _days(rng, 0, span - length - 10))


def _fill(c: CourseStory, rng: random.Random, real_today: date, today: date, centre: CentrePlan, tz) -> None:
    """Fill the course up to ``today`` (for an earlier course: the last day before the next one); the
    follow-ups after a discharge run up to ``real_today``."""
    c.notes.append((c.opened_on, "phone"))
    if c.stage.startswith("advice") or rng.random() < 0.15:
        c.advice_talks = [c.opened_on + _days(rng, 0, 3)]
        if c.stage == "advice":
            return
        if c.stage == "advice_closed":
            c.closed_on = min(c.advice_talks[0] + _days(rng, 0, 40), today)
            c.closed_kind = rng.choice(("no_action", "referral"))
            return
    c.expressed_on = min(c.opened_on + _days(rng, 0, 5) if c.advice_talks else c.opened_on, today)
    c.channel = rng.choices(("in_person", "phone", "digital", "letter", "representative"), (50, 35, 10, 3, 2))[0]
    if centre.terms.guarantee_start_event == "attendance_in_person":
        c.attended_in_person_on = min(c.expressed_on + _days(rng, 0, 6), today)
    c.notes.append((c.expressed_on, "meeting"))
    late = rng.random() < 0.1
    c.assessment_started_on = c.expressed_on + _days(rng, 0, 2)
    completed = c.expressed_on + (_days(rng, 15, 28) if late else _days(rng, 2, 13))
    if c.stage == "requested" or completed > today:
        if c.assessment_started_on > today:
            c.assessment_started_on = None
        return
    if c.stage == "withdrawn" and rng.random() < 0.5:
        c.closed_on, c.closed_kind = min(c.expressed_on + _days(rng, 1, 12), today), "withdrawn"
        c.assessment_started_on = None if c.assessment_started_on > c.closed_on else c.assessment_started_on
        return
    c.assessment_completed_on = completed
    c.child_concern = rng.random() < 0.08
    c.opioid_use = c.kind != "alcohol" and rng.random() < 0.2
    if c.child_concern:
        sent = completed + (timedelta(0) if rng.random() < 0.85 else _days(rng, 1, 5))
        c.notifications.append((completed, sent if sent <= today else None))
    if c.opioid_use:
        done = completed + _days(rng, 3, 40)
        c.naloxone = (completed, done if done <= today and rng.random() < 0.8 else None)
    response = rng.choices(("accepted", "declined", "undecided"), (35, 55, 10))[0]
    c.physician = (c.expressed_on, response, None)
    if c.stage == "assessed":
        return
    if c.stage == "withdrawn":
        c.closed_on, c.closed_kind = min(completed + _days(rng, 0, 10), today), "withdrawn"
        return
    decided = completed + _days(rng, 0, 3)
    if decided > today:
        c.assessment_completed_on = None if completed > today else completed
        return
    c.decided_on = decided
    c.form = "oral" if rng.random() < 0.1 else "written"
    if c.form == "oral" and rng.random() < 0.3:
        asked = decided + _days(rng, 1, 10)
        sent = asked + _days(rng, 2, 16)
        if asked <= today:
            c.written_reasons = (asked, sent if sent <= today else None)
    if c.stage == "refused":
        c.outcome = "refusal"
        c.closed_on, c.closed_kind = decided, "refused"
        if rng.random() < 0.25:
            received = decided + _days(rng, 3, 25)
            if received <= today:
                reassessed = received + _days(rng, 5, 30)
                c.complaint = (received, reassessed if reassessed <= today else None, "upheld")
        return
    c.outcome = "partial" if rng.random() < 0.06 else "grant"
    c.offer_kind = rng.choices(("outpatient", "day", "residential"), (80, 14, 6))[0]
    if rng.random() < 0.05:
        c.waiver = (pick(rng, WAIVER_REASONS), c.expressed_on + _days(rng, 2, 16))
    start = decided + (_days(rng, 5, 30) if c.waiver or rng.random() < 0.08 else _days(rng, 1, 4))
    if c.stage == "decided" or start > today:
        if c.waiver and c.waiver[1] > today:
            c.waiver = None
        return
    c.started_on = start
    if response == "accepted":
        held = start - _days(rng, 0, 3)
        c.physician = (c.expressed_on, response, max(held, c.expressed_on))
    _treatment(c, rng, real_today, today, centre, tz)


def _treatment(c: CourseStory, rng: random.Random, real_today: date, today: date, centre: CentrePlan, tz) -> None:
    if c.stage == "discharged":
        reason = pick(rng, DISCHARGE_REASONS)
        short = reason in ("no_show", "wished_to_stop", "expelled", "hospital", "died")
        end = c.started_on + (_days(rng, 14, 200) if short else _days(rng, 60, 540))
        if end > today - timedelta(days=1):
            end = max(c.started_on, today - _days(rng, 1, 20))
    else:
        end = None
    last = end or today
    # The plan: made at the start (mostly on the day), reviewed when the standard says.
    made = c.started_on + (timedelta(0) if rng.random() < 0.85 else _days(rng, 1, 12))
    if made <= last:
        period = None
        if centre.terms.plan_review_at_period_end:
            period = add_months(made, 3)
        c.plans.append(PlanVersionFacts(1, made, period))
    while c.plans:
        previous = c.plans[-1]
        due = next_review_due(previous=previous, treatment_started_on=c.started_on, terms=centre.terms)
        due = due or add_months(previous.made_on, 6)
        review = due - _days(rng, 0, 20) if rng.random() < 0.88 else due + _days(rng, 1, 35)
        review = max(review, previous.made_on + timedelta(days=1))
        if review > last or review > today:
            break
        period = add_months(review, 3) if centre.terms.plan_review_at_period_end else None
        c.plans.append(PlanVersionFacts(previous.number + 1, review, period))
    # Sessions every one to three weeks; a few planned ahead while treatment goes on.
    day = c.started_on + _days(rng, 0, 3)
    stop = end or today + timedelta(days=28)
    while day <= stop and len(c.appointments) < 40:
        starts_at = at(day, rng, tz, end_hour=15)
        kind = rng.choices(("individual", "group", "family", "physician", "home_visit"), (70, 18, 4, 4, 4))[0]
        if day < today:
            attendance = rng.choices(
                ("attended", "no_show", "cancelled_by_citizen", "cancelled_by_centre"), (80, 10, 7, 3)
            )[0]
        else:
            attendance = "planned"
        appt = Appt(starts_at, kind, attendance)
        if attendance == "no_show":
            done = day + _days(rng, 0, 4)
            appt.outreach_done_on = done if done < today else None
        c.appointments.append(appt)
        if rng.random() < 0.35 and day < today:
            c.notes.append((day, rng.choice(("meeting", "phone", "internal"))))
        day += _days(rng, 7, 21)
    if rng.random() < 0.08 and c.started_on + timedelta(days=40) < last:
        c.reassigned_on = c.started_on + _days(rng, 20, 40)
    if end is None:
        return
    use = rng.choices(DRUG_USE_STATUSES, (28, 36, 20, 6, 10))[0]
    if reason in ("no_show", "expelled"):
        use = rng.choice(("unchanged", "increased", "unknown"))
    eligible = follow_up_required(reason)
    opted_out = end if (eligible and rng.random() < 0.08) else None
    c.discharge = {
        "discharged_on": end,
        "reason": reason,
        "follow_up_opted_out_on": opted_out,
        "drug_use_status": use,
        "self_help_contact": rng.choices(YES_NO_UNKNOWN, (30, 55, 15))[0],
        "drug_free_partner": rng.choices(YES_NO_UNKNOWN, (15, 65, 20))[0],
        "housing": rng.choices(
            HOUSING,
            (60, 14, 8, 6, 2, 3, 7),
        )[0],
        "income": rng.choices(
            INCOME,
            (22, 6, 8, 30, 10, 12, 4, 3, 5),
        )[0],
        "outreach": rng.choice(("contacted", "considered", "not_considered"))
        if reason in ("no_show", "expelled")
        else "",
        "told_about_follow_up": eligible,
    }
    c.closed_on, c.closed_kind = end, "discharged"
    c.notes.append((end, "meeting"))
    if eligible and not opted_out:
        for months in follow_up_months(centre.terms.follow_up_months):
            due = add_months(end, months)
            roll = rng.random()
            held = due - _days(rng, 0, 10) if roll < 0.86 else due + _days(rng, 1, 20) if roll < 0.95 else None
            if held is not None and end < held <= real_today:
                c.follow_ups.append((months, held, rng.random() < 0.8))
