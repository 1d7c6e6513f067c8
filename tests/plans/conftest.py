"""A course in treatment and a plan's content, for the plan tests.

Time stands still on 16 March 2026 at noon in Copenhagen. Treatment started 4 days after the
request (``tests.pathway``): with ``days_ago=30`` the request is of 14 February and the start of
18 February 2026.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.pathway import course_in_treatment

TODAY = datetime.date(2026, 3, 16)
STARTED_ON = datetime.date(2026, 2, 18)


@pytest.fixture(autouse=True)
def frozen_today():
    noon = datetime.datetime(2026, 3, 16, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


def goal(**overrides) -> dict:
    return {
        "description": "Stop med at ryge hash i hverdagene",
        "measure": "Ingen hash mandag til fredag, fortalt ved samtalerne",
        "target_on": datetime.date(2026, 6, 30),
        "sub_goals": "Færre dage med hash i april",
        "actions": "Borgeren fører dagbog; behandleren gennemgår den hver 14. dag",
        **overrides,
    }


def plan_fields(**overrides) -> dict:
    """What a therapist types for a plan (the service's keyword arguments, bar course and by)."""
    return {
        "based_on": 0,
        "made_on": STARTED_ON,
        "goals": [goal()],
        "problems_resources_needs": "Daglig hash; god kontakt til søster.",
        "citizen_wishes": "Vil kunne passe sit arbejde.",
        "content": "Individuelle samtaler hver anden uge.",
        "offer_kind": "outpatient",
        "expected_duration_months": 6,
        "follow_up_after_discharge": "Behandleren ringer efter 1 og 6 måneder.",
        **overrides,
    }


@pytest.fixture
def course(randers_centre, randers_therapist):
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)
