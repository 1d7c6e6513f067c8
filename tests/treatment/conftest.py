"""A course in treatment at Randers, for the treatment-stage tests.

Time stands still on 16 March 2026 at noon in Copenhagen. With ``days_ago=30`` the request is of
14 February and treatment started on 18 February 2026 (``tests.pathway``).
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from organisations.models import Centre
from tests.factories import CentreFactory
from tests.pathway import course_in_treatment

TODAY = datetime.date(2026, 3, 16)
STARTED_ON = datetime.date(2026, 2, 18)


@pytest.fixture(autouse=True)
def frozen_today():
    noon = datetime.datetime(2026, 3, 16, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


@pytest.fixture
def course(randers_centre, randers_therapist):
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)


@pytest.fixture
def provider(randers_centre) -> Centre:
    return CentreFactory(
        municipality=randers_centre.municipality, name="Døgnbehandling Skovly", kind=Centre.Kind.EXTERNAL_PRIVATE
    )
