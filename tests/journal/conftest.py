"""Journal notes at Randers. Time stands still on 16 March 2026 at noon in Copenhagen; the course
in treatment has its request of 14 February 2026 (``tests.pathway``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from journal import services
from tests.pathway import course_in_treatment

TODAY = datetime.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def frozen_today():
    noon = datetime.datetime(2026, 3, 16, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


@pytest.fixture
def course(randers_centre, randers_therapist):
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)


@pytest.fixture
def note(course, randers_therapist):
    return services.journal_note_add(
        citizen=course.citizen,
        by=randers_therapist,
        course=course,
        event_on=TODAY,
        kind="phone",
        text="Borgeren ringede og aflyste tirsdag.",
    )
