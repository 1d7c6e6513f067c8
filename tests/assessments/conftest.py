"""Courses at the seed municipalities' centres, ready for an assessment (state "requested")."""

from datetime import date

import pytest

from courses.models import Course
from courses.services import course_open, treatment_request_register
from organisations.models import Centre, Role
from tests.conftest import staff
from tests.factories import CitizenFactory

FIRST_CONTACT = date(2025, 3, 3)
REQUESTED_ON = date(2025, 3, 4)


def requested_course(centre: Centre, by, *, expressed_on: date = REQUESTED_ON) -> Course:
    """A citizen of ``centre`` who asked for drug treatment on ``expressed_on``."""
    citizen = CitizenFactory(centre=centre)
    course = course_open(citizen=citizen, by=by, kind="drug", first_contact_on=FIRST_CONTACT)
    treatment_request_register(
        course=course, by=by, expressed_on=expressed_on, channel="in_person", expressed_by="Borgeren"
    )
    course.refresh_from_db()
    return course


def full_answers(**overrides) -> dict:
    """Answers that make an assessment complete and call for no task."""
    answers = {
        "started_on": date(2025, 3, 5),
        "drug_use": "Dagligt forbrug af hash.",
        "social_conditions": "Bor alene i lejlighed; kontakt med søster.",
        "health": "Søvnproblemer; ingen kendt psykisk lidelse.",
        "work_education": "Ledig, tidligere tømrer.",
        "other_matters": "Ingen.",
        "other_help_needed": "Hjælp til jobsøgning via jobcentret.",
        "instrument": "ASI",
        "instrument_results": {"Stoffer": "Dagligt forbrug"},
        "told_how_it_works": True,
        "children_at_home_asked": True,
        "children_at_home_count": 0,
        "pregnancy": "none",
    }
    answers.update(overrides)
    return answers


@pytest.fixture
def mariagerfjord_centre(db) -> Centre:
    return Centre.objects.get(municipality__code="846", kind=Centre.Kind.MUNICIPAL)


@pytest.fixture
def mariagerfjord_visitator(mariagerfjord_centre):
    return staff(mariagerfjord_centre, Role.VISITATOR, username="mariagerfjord-visitator")


@pytest.fixture
def randers_physician(randers_centre):
    return staff(randers_centre, Role.PHYSICIAN, username="randers-laege")


@pytest.fixture
def fredericia_therapist(fredericia_centre):
    return staff(fredericia_centre, Role.THERAPIST, username="fredericia-behandler")


@pytest.fixture
def randers_course(randers_centre, randers_visitator) -> Course:
    return requested_course(randers_centre, randers_visitator)
