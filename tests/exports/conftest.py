"""Bo Fiktivsen's whole story at Rusmiddelcenter Randers, built through the services.

A first course in November 2025 ended after one advice talk. The second: advice on 26 January
2026, the wish for treatment on 2 February, the assessment (uses opioids: a naloxone task), the
physician consultation, a partial grant on 9 February with its letter, free choice of a private
provider (which sets the guarantee aside) and a complaint. Time stands still on 16 March 2026
at 11:00 Danish time.
"""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from assessments import services as assessment_services
from citizens import services as citizen_services
from citizens.models import Citizen
from citizens.selectors import citizen_for_user
from courses import services as course_services
from courses.models import Course
from decisions import services as decision_services
from journal import services as journal_services
from organisations.models import Centre, Role
from tests.assessments.conftest import full_answers
from tests.conftest import staff
from tests.decisions.conftest import decide
from tests.factories import CentreFactory, CitizenFactory

TODAY = datetime.date(2026, 3, 16)
FIRST_CONTACT = datetime.date(2026, 1, 26)
REQUESTED_ON = datetime.date(2026, 2, 2)


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 16, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield TODAY


@pytest.fixture
def randers_authority(randers_centre):
    return staff(randers_centre, Role.AUTHORITY, username="randers-myndighed")


@pytest.fixture
def randers_physician(randers_centre):
    return staff(randers_centre, Role.PHYSICIAN, username="randers-laege")


@pytest.fixture
def private_outpatient(randers_centre) -> Centre:
    return CentreFactory(
        municipality=randers_centre.municipality,
        name="Privat Ambulant Behandling",
        kind=Centre.Kind.EXTERNAL_PRIVATE,
        approved_on_tilbudsportalen=True,
        offer_kinds=["outpatient"],
    )


@dataclass
class Story:
    citizen: Citizen
    first_course: Course
    course: Course


def bo_story(centre: Centre, visitator, authority, provider: Centre, *, name: str = "Bo") -> Story:
    citizen = CitizenFactory(
        centre=centre, first_name=name, last_name="Fiktivsen", address="Vestergade 1", postcode="8900", city="Randers C"
    )
    citizen_services.related_person_add(
        citizen=citizen, by=visitator, kind="child_elsewhere", name="Lise Fiktivsen", relation="datter", birth_year=2015
    )
    citizen_services.consent_give(
        citizen=citizen, by=visitator, recipient="Egen læge", scope="Behandlingsplan", given_on=REQUESTED_ON
    )

    first = course_services.course_open(
        citizen=citizen, by=visitator, kind="alcohol", first_contact_on=datetime.date(2025, 11, 3)
    )
    course_services.advice_talk_record(
        course=first,
        by=visitator,
        held_on=datetime.date(2025, 11, 3),
        summary="Rådgivning om alkohol.",
        other_help_needed=False,
        other_help_assessment="Ingen anden hjælp nødvendig.",
        outcome="no_action",
    )

    course = course_services.course_open(citizen=citizen, by=visitator, kind="drug", first_contact_on=FIRST_CONTACT)
    course_services.advice_talk_record(
        course=course,
        by=visitator,
        held_on=FIRST_CONTACT,
        summary="Ønsker hjælp til at stoppe med heroin.",
        other_help_needed=True,
        other_help_assessment="Kontakt til jobcentret.",
        outcome="continue",
    )
    course_services.treatment_request_register(
        course=course, by=visitator, expressed_on=REQUESTED_ON, channel="in_person", expressed_by="Borgeren"
    )
    assessment_services.assessment_save(
        course=course,
        by=visitator,
        **full_answers(started_on=datetime.date(2026, 2, 3), drug_use="Dagligt forbrug af heroin.", opioid_use=True),
    )
    assessment_services.assessment_complete(course=course, by=visitator, completed_on=datetime.date(2026, 2, 6))
    assessment_services.physician_consultation_record(
        course=course,
        by=visitator,
        informed_on=datetime.date(2026, 2, 3),
        response="accepted",
        held_on=datetime.date(2026, 2, 5),
    )
    course.refresh_from_db()
    decision = decide(course, authority, "partial")
    decision_services.letter_generate(decision=decision, by=authority)
    decision_services.free_choice_record(
        course=course, by=authority, chosen_provider=provider, chosen_on=datetime.date(2026, 2, 12)
    )
    decision_services.complaint_register(
        decision=decision,
        by=visitator,
        received_on=datetime.date(2026, 2, 20),
        decision_received_on=datetime.date(2026, 2, 10),
        form="written",
        summary="Jeg ønsker døgnbehandling.",
    )
    task = course.tasks.get(kind="naloxone")
    assessment_services.task_done(task=task, by=visitator, done_on=datetime.date(2026, 2, 10))
    note = journal_services.journal_note_add(
        citizen=citizen, by=visitator, course=course, event_on=FIRST_CONTACT, kind="phone", text="Ringede om hjælp."
    )
    journal_services.journal_note_correct(
        note=note, by=visitator, text="Ringede selv om hjælp.", reason="Præcisering.", based_on=1
    )
    citizen_for_user(authority, citizen.pk)  # a read of the record, for the access log
    citizen.refresh_from_db()
    first.refresh_from_db()
    course.refresh_from_db()
    return Story(citizen=citizen, first_course=first, course=course)


@pytest.fixture
def story(frozen_today, randers_centre, randers_visitator, randers_authority, private_outpatient) -> Story:
    return bo_story(randers_centre, randers_visitator, randers_authority, private_outpatient)


@pytest.fixture
def bo(story) -> Citizen:
    return story.citizen
