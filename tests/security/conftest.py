"""One world for the security tests, built through the services as staff would build it.

Rusmiddelcenter Randers holds Sigurd Hemmeligsen: a drug course through request, assessment
(with a naloxone task), physician consultation, a written refusal with its letter, a complaint,
a consent, and a break-the-glass access by a counsellor in Odsherred for the manager to review.
Randers has one user of every role; Fredericia has a manager who is also a visitator, and its
own citizen with the same last name and the same CPR number (a centre only ever finds its own).
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Task
from citizens import services as citizen_services
from citizens.models import Citizen, Consent, RelatedPerson
from courses import services as course_services
from courses.models import Course
from decisions import services as decision_services
from decisions.models import Complaint, Decision
from emergency import services as emergency_services
from emergency.models import EmergencyAccess
from organisations.models import Centre, Role
from standards.models import QualityStandard
from tests.assessments.conftest import full_answers
from tests.conftest import staff, verified_client
from tests.decisions.conftest import decision_fields

# Names that appear nowhere else in the pages, so a page that shows them shows the citizen.
RANDERS_CITIZEN = ("Sigurd", "Hemmeligsen")
FREDERICIA_CITIZEN = ("Frida", "Hemmeligsen")
# Fictional: 1 May 1980, century digit 1 (demo.cpr's scheme is not needed for a fixed number).
SHARED_CPR = "0105801234"

RANDERS_ROLES = (
    Role.VISITATOR,
    Role.AUTHORITY,
    Role.THERAPIST,
    Role.PHYSICIAN,
    Role.MANAGER,
    Role.ADMINISTRATOR,
    Role.ANONYMOUS_COUNSELLOR,
)
OTHER_CENTRE = "fredericia_manager_visitator"


@dataclass
class World:
    randers: Centre
    fredericia: Centre
    users: dict = field(default_factory=dict)  # role (or OTHER_CENTRE) -> user
    citizen: Citizen | None = None
    other_citizen: Citizen | None = None
    course: Course | None = None
    consent: Consent | None = None
    person: RelatedPerson | None = None
    task: Task | None = None
    decision: Decision | None = None
    complaint: Complaint | None = None
    standard: QualityStandard | None = None
    emergency_access: EmergencyAccess | None = None

    def client(self, who):
        return verified_client(self.users[who])


def _centre(code: str) -> Centre:
    return Centre.objects.get(municipality__code=code, kind=Centre.Kind.MUNICIPAL)


def build_world() -> World:
    today = timezone.localdate()
    first_contact = today - datetime.timedelta(days=40)
    requested = today - datetime.timedelta(days=38)
    randers, fredericia = _centre("730"), _centre("607")
    world = World(randers=randers, fredericia=fredericia)
    for role in RANDERS_ROLES:
        world.users[role] = staff(randers, role, username=f"randers-{role}")
    world.users[OTHER_CENTRE] = staff(fredericia, Role.MANAGER, Role.VISITATOR, username="fredericia-leder-visitator")
    visitator, authority = world.users[Role.VISITATOR], world.users[Role.AUTHORITY]

    first, last = RANDERS_CITIZEN
    world.citizen, _ = citizen_services.citizen_register(
        centre=randers, by=visitator, cpr=SHARED_CPR, first_name=first, last_name=last, contact_channel="phone"
    )
    first, last = FREDERICIA_CITIZEN
    world.other_citizen, _ = citizen_services.citizen_register(
        centre=fredericia,
        by=world.users[OTHER_CENTRE],
        cpr=SHARED_CPR,
        first_name=first,
        last_name=last,
        contact_channel="phone",
    )
    world.person = RelatedPerson.objects.create(citizen=world.citizen, kind="child_at_home", name="Barn")
    world.consent = citizen_services.consent_give(
        citizen=world.citizen, by=visitator, recipient="Egen læge", scope="Medicin", given_on=first_contact
    )

    course = course_services.course_open(
        citizen=world.citizen, by=visitator, kind="drug", first_contact_on=first_contact
    )
    course_services.treatment_request_register(
        course=course, by=visitator, expressed_on=requested, channel="in_person", expressed_by="Borgeren"
    )
    course.refresh_from_db()
    assessment_services.assessment_save(
        course=course, by=visitator, **full_answers(started_on=requested, opioid_use=True)
    )
    assessment_services.assessment_complete(course=course, by=visitator, completed_on=requested)
    assessment_services.physician_consultation_record(
        course=course, by=visitator, informed_on=requested, response="declined"
    )
    course.refresh_from_db()
    world.decision = decision_services.decision_issue(
        course=course, by=authority, **decision_fields("refusal", randers, decided_on=requested)
    )
    world.decision = decision_services.letter_generate(decision=world.decision, by=authority)
    world.complaint = decision_services.complaint_register(
        decision=world.decision,
        by=visitator,
        received_on=today - datetime.timedelta(days=5),
        decision_received_on=requested,
        form="written",
        summary="Borgeren er uenig.",
    )
    course.refresh_from_db()
    world.course = course
    world.task = course.tasks.get()
    world.standard = course.request.standard

    odsherred_counsellor = staff(_centre("306"), Role.VISITATOR, username="odsherred-visitator")
    granted = emergency_services.emergency_access_grant(
        user=odsherred_counsellor,
        cpr=SHARED_CPR,
        reason="Borgeren er indlagt akut, og afdelingen spørger til medicin.",
    )
    world.emergency_access = next(access for access in granted if access.citizen_id == world.citizen.pk)
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def rollback():
    """Run a block in a savepoint that is always rolled back, so one request cannot change the
    world the next one sees (the test's own transaction holds the world)."""

    class Savepoint:
        def __enter__(self):
            self.sid = transaction.savepoint()
            return self

        def __exit__(self, *exc):
            transaction.savepoint_rollback(self.sid)
            return False

    return Savepoint
