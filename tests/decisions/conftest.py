"""Named people and a course ready for its decision, for the decision tests.

Sanne is the authority (myndighed) at Rusmiddelcenter Randers; Bo Fiktivsen asked for treatment
on 2 February 2026, was assessed from 3 to 6 February, and is decided on 9 February 2026. Time
stands still on 16 March 2026.
"""

import datetime

import pytest
import time_machine

from assessments import services as assessment_services
from courses import services as course_services
from courses.models import Course
from decisions import services
from decisions.models import Decision
from organisations.models import Centre, Role
from tests.assessments.conftest import full_answers
from tests.conftest import staff
from tests.factories import CentreFactory, CitizenFactory

TODAY = datetime.date(2026, 3, 16)
REQUESTED_ON = datetime.date(2026, 2, 2)
ASSESSED_ON = datetime.date(2026, 2, 6)
DECIDED_ON = datetime.date(2026, 2, 9)


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 16, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield TODAY


@pytest.fixture
def randers_authority(randers_centre):
    return staff(randers_centre, Role.AUTHORITY, username="randers-myndighed")


def requested_course(centre: Centre, by, *, kind: str = "drug") -> Course:
    """Bo Fiktivsen's course with his treatment request of 2 February 2026."""
    citizen = CitizenFactory(
        centre=centre, first_name="Bo", last_name="Fiktivsen", address="Vestergade 1", postcode="8900", city="Randers C"
    )
    course = course_services.course_open(citizen=citizen, by=by, kind=kind, first_contact_on=REQUESTED_ON)
    course_services.treatment_request_register(
        course=course, by=by, expressed_on=REQUESTED_ON, channel="in_person", expressed_by="Borgeren"
    )
    course.refresh_from_db()
    return course


def assessed_course(centre: Centre, by, *, kind: str = "drug") -> Course:
    """A course through request and a real assessment, completed on 6 February 2026."""
    course = requested_course(centre, by, kind=kind)
    answers = full_answers(started_on=datetime.date(2026, 2, 3))
    assessment_services.assessment_save(course=course, by=by, **answers)
    assessment_services.assessment_complete(course=course, by=by, completed_on=ASSESSED_ON)
    course.refresh_from_db()
    return course


@pytest.fixture
def course(frozen_today, randers_centre, randers_authority) -> Course:
    return assessed_course(randers_centre, randers_authority)


def decision_fields(outcome: str, centre: Centre, **overrides) -> dict:
    """Complete fields for each outcome, as an authority would write them."""
    fields = {"outcome": outcome, "form": "written", "decided_on": DECIDED_ON}
    if outcome in ("grant", "partial"):
        fields |= {
            "offer_kind": "outpatient",
            "provider": centre,
            "implementation": "Individuelle samtaler hver anden uge i centret.",
            "purpose": "At du mindsker dit forbrug og får en stabil hverdag.",
        }
    if outcome in ("partial", "refusal"):
        fields |= {
            "reasons": "Begrundelse X.",
            "legal_basis": "Serviceloven § 101, stk. 1.",
            "considerations": "Hovedhensyn Y.",
            "key_facts": "Oplysninger Z.",
        }
    if outcome == "refusal":
        fields |= {"other_help": "Åben Rådgivning kan hjælpe dig.", "not_dual_diagnosis": True}
    return fields | overrides


def decide(course: Course, by, outcome: str, **overrides) -> Decision:
    return services.decision_issue(course=course, by=by, **decision_fields(outcome, course.centre, **overrides))


@pytest.fixture
def private_outpatient(randers_centre) -> Centre:
    """An approved private outpatient provider registered for Randers."""
    return CentreFactory(
        municipality=randers_centre.municipality,
        name="Privat Ambulant Behandling",
        kind=Centre.Kind.EXTERNAL_PRIVATE,
        approved_on_tilbudsportalen=True,
        offer_kinds=["outpatient"],
    )


@pytest.fixture
def private_residential(randers_centre) -> Centre:
    return CentreFactory(
        municipality=randers_centre.municipality,
        name="Privat Døgnbehandling",
        kind=Centre.Kind.EXTERNAL_PRIVATE,
        approved_on_tilbudsportalen=True,
        offer_kinds=["residential"],
    )
