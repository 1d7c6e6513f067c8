"""Discharged courses for the follow-up tests, on a fixed clock (15 June 2026, noon in Copenhagen).

Eva Opfølgsen was treated in Randers from January 2026 and discharged as completed on 1 May 2026:
her 1-month follow-up fell due on 1 June, her 6-month follow-up falls due on 1 November.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from discharges import services as discharge_services
from tests.discharges.conftest import register_answers
from tests.factories import CitizenFactory
from tests.pathway import course_in_treatment

TODAY = date(2026, 6, 15)
DISCHARGED_ON = date(2026, 5, 1)
OUTREACH = "considered"  # after a discharge for lack of contact (G3.11.6)


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 6, 15, 12, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False):
        yield TODAY


def discharge(course, by, *, on=DISCHARGED_ON, reason="completed", opted_out_on=None):
    """Discharge the course through the discharges stage's service (it closes the course), and
    record the citizen's opt-out of follow-up (G3.12.3) on ``opted_out_on``."""
    answers = register_answers(discharged_on=on, reason=reason)
    if reason == "no_show":
        answers["outreach"] = OUTREACH
    discharge_services.discharge_record(course=course, by=by, **answers)
    course.refresh_from_db()
    if opted_out_on is not None:
        discharge_services.follow_up_opt_out(course=course, by=by, opted_out_on=opted_out_on)
    course.refresh_from_db()
    return course


@pytest.fixture
def treated(clock, randers_centre, randers_therapist):
    """Eva's course in treatment since January 2026."""
    citizen = CitizenFactory(centre=randers_centre, first_name="Eva", last_name="Opfølgsen")
    return course_in_treatment(randers_centre, therapist=randers_therapist, citizen=citizen, days_ago=150)


@pytest.fixture
def discharged(treated, randers_therapist):
    """Eva's course, discharged as completed on 1 May 2026."""
    return discharge(treated, randers_therapist)


def reached(**overrides) -> dict:
    """A follow-up where Eva was reached and the result holds."""
    values = {
        "months": 1,
        "held_on": date(2026, 6, 1),
        "reached": True,
        "how": "phone",
        "status": "keeps_goal",
        "situation": "Eva har det godt og holder sit mål.",
        "goal_holds": True,
        "needs": ["housing"],
        "needs_note": "Søger egen bolig.",
    }
    return values | overrides


def not_reached(**overrides) -> dict:
    values = {
        "months": 1,
        "held_on": date(2026, 6, 1),
        "reached": False,
        "how": "phone",
        "attempts": "Ringet tre gange og sendt sms.",
    }
    return values | overrides


def relapsed(**overrides) -> dict:
    return (
        reached(
            status="relapsed",
            situation="Eva er begyndt at bruge igen.",
            goal_holds=False,
            offer_response="accepted",
            offer="MOVE",
        )
        | overrides
    )
