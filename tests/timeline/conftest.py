"""A citizen with a course in treatment at Randers. Time stands still on 16 March 2026 at noon in
Copenhagen; the request is of 14 February 2026, the assessment completed on 15 February, the grant
of 17 February and treatment started on 18 February (``tests.pathway``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.pathway import course_in_treatment

TODAY = datetime.date(2026, 3, 16)
NOON = datetime.datetime(2026, 3, 16, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(NOON, tick=False):
        yield TODAY


@pytest.fixture
def course(randers_centre, randers_therapist):
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)
