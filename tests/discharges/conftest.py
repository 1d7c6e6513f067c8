"""A course in treatment at Randers, and complete register answers, for the discharge tests."""

from datetime import date

import pytest
import time_machine

from tests.decisions.conftest import private_outpatient  # noqa: F401  (the free-choice provider)
from tests.pathway import course_in_treatment

# A fixed "today" for the tests that do not move the clock themselves: 1 March 2027, noon.
TODAY = date(2027, 3, 1)


def register_answers(**overrides) -> dict:
    """Every field of Stofmisbrugsdatabasen (G3.11.1) answered, for a completed treatment."""
    return {
        "discharged_on": TODAY,
        "reason": "completed",
        "drug_use_status": "abstinent",
        "self_help_contact": "yes",
        "drug_free_partner": "unknown",
        "housing": "own_home",
        "income": "wages",
    } | overrides


@pytest.fixture
def today():
    with time_machine.travel("2027-03-01 12:00 +01:00", tick=False):
        yield TODAY


@pytest.fixture
def treated(today, randers_centre, randers_therapist):
    """A drug course at Randers in treatment since 4 days after a request 60 days ago."""
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=60)
