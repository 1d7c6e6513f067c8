"""A small world at Randers on 1 March 2027, built through the real services (tests/pathway.py)."""

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine

from anonymous import rules as anonymous_rules
from courses import services as course_services
from courses.models import Course
from discharges import services as discharge_services
from discharges.models import Discharge
from organisations.models import Role
from tests.anonymous.reporting.helpers import anonymous_client
from tests.conftest import staff
from tests.factories import CitizenFactory
from tests.pathway import course_in_treatment

TODAY = date(2027, 3, 1)

FULL_DISCHARGE = {
    "reason": "completed",
    "drug_use_status": "reduced",
    "self_help_contact": "yes",
    "drug_free_partner": "no",
    "housing": "supported",
    "income": "cash_benefit",
}


@dataclass
class World:
    requested: Course  # request 19 February 2027, granted, not started
    started: Course  # request 20 January, started 24 January
    discharged: Course  # request 1 December 2026, started 5 December, discharged 20 February 2027
    incomplete: Course  # request 2 January, started 6 January, discharged 25 February, income lost
    alcohol: Course  # an alcohol course with a request: not §101
    elsewhere: Course  # Mariagerfjord: another municipality
    therapist: object


@pytest.fixture
def today():
    with time_machine.travel("2027-03-01 12:00 +01:00", tick=False):
        yield TODAY


@pytest.fixture
def world(today, randers_centre, mariagerfjord_centre) -> World:
    therapist = staff(randers_centre, Role.THERAPIST, username="smdb-behandler")
    requested = course_in_treatment(randers_centre, days_ago=10, started=False)
    started = course_in_treatment(randers_centre, therapist=therapist, days_ago=40)
    discharged = course_in_treatment(randers_centre, therapist=therapist, days_ago=90)
    discharge_services.discharge_record(
        course=discharged, by=therapist, discharged_on=date(2027, 2, 20), told_about_follow_up=True, **FULL_DISCHARGE
    )
    incomplete = course_in_treatment(randers_centre, therapist=therapist, days_ago=58)
    discharge_services.discharge_record(
        course=incomplete, by=therapist, discharged_on=date(2027, 2, 25), told_about_follow_up=True, **FULL_DISCHARGE
    )
    # A record moved over from an older system without the source of income.
    Discharge.objects.filter(course=incomplete).update(income="")
    visitator = staff(randers_centre, Role.VISITATOR, username="smdb-visitator")
    alcohol = course_services.course_open(
        citizen=CitizenFactory(centre=randers_centre), by=visitator, kind="alcohol", first_contact_on=date(2027, 2, 1)
    )
    course_services.treatment_request_register(
        course=alcohol, by=visitator, expressed_on=date(2027, 2, 1), channel="phone", expressed_by="Borgeren"
    )
    elsewhere = course_in_treatment(mariagerfjord_centre, days_ago=20, username_prefix="mf")
    # An anonymous client of the same centre, who asked and started in the same months.
    anonymous_client(
        randers_centre,
        first_contact_on=date(2027, 2, 1),
        service=anonymous_rules.DRUG_TREATMENT,
        nickname="Ugle",
    )
    for course in (requested, started, discharged, incomplete):
        course.refresh_from_db()
    return World(requested, started, discharged, incomplete, alcohol, elsewhere, therapist)
