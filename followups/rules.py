"""Follow-up after discharge and re-admission: what a follow-up must hold, and when a new course
counts as a re-admission. Pure rules (no ORM, no request).

Sources: BEK 1477 §4(2) and G3.12.1 (follow-up no later than 1 and 6 months after discharge, for
the four reasons of ``discharges.rules.FOLLOW_UP_REASONS``); G3.12.2 (by the provider that treated
the citizen); G3.12.3 (the citizen may opt out); G3.12.4 (at least a conversation about the
situation and whether the plan's goal holds); G3.12.5 (offer follow-up treatment when the result
did not hold); G3.12.6 (a new request, a new course and guarantee); G3.12.7 (needs beyond drugs);
G2.7 and DOMAIN.md §4 (re-admission within 12 months of completed treatment).
"""

from datetime import date

from deadlines.rules import add_months
from discharges.rules import COMPLETED

# How the follow-up was carried out or tried.
PHONE, MEETING, HOME_VISIT, LETTER, OTHER = "phone", "meeting", "home_visit", "letter_digital", "other"
# The citizen's status when reached.
KEEPS_GOAL, RELAPSED, MOVED = "keeps_goal", "relapsed", "moved"
# The offer of follow-up treatment.
OFFERED, ACCEPTED, DECLINED = "offered", "accepted", "declined"

READMISSION_MONTHS = 12


def offer_required(*, reached: bool, goal_holds: bool | None) -> bool:
    """Follow-up treatment must be offered when the citizen was reached and the result of the
    treatment did not hold (G3.12.5)."""
    return bool(reached) and goal_holds is False


def missing_fields(*, reached: bool, goal_holds: bool | None, status: str) -> list[str]:
    """The fields a follow-up must have, beyond its date and how it was carried out.

    Reached: the status, the conversation about the citizen's situation and whether the plan's
    goal holds (G3.12.4); when it does not hold, the offer of follow-up treatment, and which
    offer (G3.12.5). Not reached: what was tried, so the attempt shows as such (BEK 1477 §4(2):
    the duty is to follow up). A status "other" needs its note.
    """
    if not reached:
        return ["attempts"]
    wanted = ["status", "situation", "goal_holds"]
    if status == OTHER:
        wanted.append("status_note")
    if offer_required(reached=reached, goal_holds=goal_holds):
        wanted += ["offer_response", "offer"]
    return wanted


def status_contradicts_goal(status: str, goal_holds: bool | None) -> bool:
    """ "Keeps the goal" with a result that did not hold, or "relapsed" with one that holds (G3.12.4)."""
    return (status == KEEPS_GOAL and goal_holds is False) or (status == RELAPSED and goal_holds is True)


def may_follow_up_on(held_on: date, opted_out_on: date | None) -> bool:
    """The citizen may opt out of follow-up (G3.12.3): nothing is held from the day they declined.
    A follow-up held before that day may still be recorded."""
    return opted_out_on is None or held_on < opted_out_on


def readmission_ends_on(discharged_on: date) -> date:
    """The last day a new request counts as re-admission: 12 calendar months after the discharge
    (``deadlines.rules.add_months``: 29 February + 12 months is 28 February)."""
    return add_months(discharged_on, READMISSION_MONTHS)


def readmitted_within_12_months(discharged_on: date, discharge_reason: str, next_request_on: date | None) -> bool:
    """Re-admission within 12 months of completed treatment (G2.7; DOMAIN.md §4; the standards'
    re-admission targets, Randers ≤15 %, Odsherred ≤30 %).

    Completed discharges only. The new request counts from the day of discharge up to and
    including the same day 12 calendar months later (a request on 15 March 2027 after a discharge
    on 15 March 2026 counts; on 16 March it does not). A request before the discharge (another
    course running alongside) is not a re-admission.
    """
    if discharge_reason != COMPLETED or next_request_on is None:
        return False
    return discharged_on <= next_request_on <= readmission_ends_on(discharged_on)
