"""Pure rules of the treatment stage: gift cards, residential stays and their supervision.

No ORM, no request: dates and numbers in, answers out. Each rule cites its source.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.rules import add_months

# --- gift cards --------------------------------------------------------------------------

GIFT_CARD_MIN_KRONER = 1
# Not a limit in the law: a sanity bound against typing errors (an extra zero). Gift cards are
# small vouchers for attendance (G3.10.1); a larger amount is not a gift card but another benefit.
GIFT_CARD_MAX_KRONER = 2000

GRANTED = "granted"  # decided with a grant or a partial grant, not yet started
IN_TREATMENT = "in_treatment"


def gift_card_amount_error(amount: int) -> str | None:
    """Why ``amount`` (whole kroner) cannot be a gift card, or None.

    A gift card is a voucher of a fixed amount (SEL §101(9); G3.10.1): a whole, positive number of
    kroner, at most ``GIFT_CARD_MAX_KRONER`` (the product's sanity bound, not the law's).
    """
    if amount < GIFT_CARD_MIN_KRONER:
        return "not_positive"
    if amount > GIFT_CARD_MAX_KRONER:
        return "too_large"
    return None


def gift_card_allowed(*, course_state: str, granted: bool) -> bool:
    """Gift cards are given "in connection with an offer of treatment and during the course of
    treatment" (SEL §101(9)): on a course in treatment, or granted treatment and not yet started.
    Not at advice, before the decision, after a refusal or after the course is closed."""
    return course_state == IN_TREATMENT or (course_state == "decided" and granted)


# --- residential stays -------------------------------------------------------------------

START, MIDWAY, END = "start", "midway", "end"
MEETING_KINDS = (START, MIDWAY, END)
STATUS_MIDWAY, STATUS_FINAL = "midway", "final"
# The written status the provider sends before each meeting that evaluates the stay.
STATUS_FOR_MEETING = {STATUS_MIDWAY: MIDWAY, STATUS_FINAL: END}


def midpoint(starts_on: date, ends_on: date) -> date:
    """The day halfway between the start and the planned end (rounded down): a residential stay is
    evaluated mid-way and at the end (DOMAIN.md §2.6; G2.3.8; Odsherred's mid-way status meeting)."""
    return starts_on + timedelta(days=(ends_on - starts_on).days // 2)


def planned_meetings(starts_on: date, planned_end_on: date) -> dict[str, date]:
    """Proposed dates of the status meetings of a stay at an external provider: the pre-talk on the
    first day, the mid-way meeting at the midpoint, the final meeting on the planned last day
    (Odsherred's supervision of residential stays; G2.3.8). The worker may move them."""
    return {START: starts_on, MIDWAY: midpoint(starts_on, planned_end_on), END: planned_end_on}


SHORTER, LONGER = "shorter", "longer"


def length_outside_standard(
    starts_on: date, planned_end_on: date, min_months: int | None, max_months: int | None
) -> str | None:
    """``SHORTER`` or ``LONGER`` when the planned stay is outside the standard's residential length
    (Randers, Fredericia, Odsherred 1–3 months; Mariagerfjord 2–4 months; DOMAIN.md §2.6), else None.
    A missing bound is not checked. A warning, not a refusal: the length is decided case by case."""
    if min_months is not None and planned_end_on < add_months(starts_on, min_months):
        return SHORTER
    if max_months is not None and planned_end_on > add_months(starts_on, max_months):
        return LONGER
    return None


DONE, OVERDUE, PENDING, NOT_NEEDED = "done", "overdue", "pending", "not_needed"


@dataclass(frozen=True)
class Checkpoint:
    """What the rule says of a status meeting or a written status: its status word and, when
    overdue, by how many days."""

    status: str
    days_overdue: int = 0


def checkpoint_status(*, due_on: date, done_on: date | None, today: date, lapsed: bool = False) -> Checkpoint:
    """The state of one meeting or written status of a stay: ``DONE`` once held or received,
    ``NOT_NEEDED`` when the stay ended before it was due (``lapsed``), ``OVERDUE`` the day after
    its date, else ``PENDING`` (supervision of external residential stays, DOMAIN.md §2.4; G2.3.8)."""
    if done_on is not None:
        return Checkpoint(DONE)
    if lapsed:
        return Checkpoint(NOT_NEEDED)
    if today > due_on:
        return Checkpoint(OVERDUE, (today - due_on).days)
    return Checkpoint(PENDING)


def lapsed_by_end(kind: str, due_on: date, ended_on: date | None) -> bool:
    """A mid-way meeting or status falls away when the stay ended before its date; the pre-talk and
    the final meeting and status never do (the final evaluation is due whenever the stay ends)."""
    return kind == MIDWAY and ended_on is not None and due_on > ended_on


def end_meeting_due(planned_end_on: date, ended_on: date | None) -> date:
    """The final status meeting is due at the end: the actual end when the stay ended early, else
    the planned end (G2.3.8: evaluated at the end)."""
    return min(planned_end_on, ended_on) if ended_on is not None else planned_end_on
