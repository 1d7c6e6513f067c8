"""Courses with their stored rows made directly (fast, and each date chosen by hand) for the
dashboard's page tests; the pathway through the real services is in test_pages (one course)."""

from datetime import date, timedelta

from courses.models import Course, CourseState, TreatmentRequest
from deadlines.models import Deadline, DeadlineKind
from discharges.models import Discharge
from standards.selectors import standard_in_force
from tests.factories import CitizenFactory


def guaranteed_course(
    centre,
    by,
    *,
    requested: date,
    started: date | None = None,
    responsible=None,
    discharged=None,
    reason="completed",
    status="abstinent",
    citizen=None,
) -> Course:
    """A drug course requested on ``requested``, started on ``started`` (if any), discharged (if
    any), with its guarantee and assessment deadlines as the engine stores them."""
    citizen = citizen or CitizenFactory(centre=centre)
    state = CourseState.CLOSED if discharged else CourseState.IN_TREATMENT if started else CourseState.REQUESTED
    course = Course.objects.create(
        citizen=citizen,
        centre=centre,
        kind="drug",
        state=state,
        opened_on=requested,
        first_contact_on=requested,
        treatment_started_on=started,
        responsible=responsible,
        closed_on=discharged,
        closed_kind="discharged" if discharged else "",
    )
    TreatmentRequest.objects.create(
        course=course,
        expressed_on=requested,
        channel="in_person",
        expressed_by="Borgeren",
        standard=standard_in_force(centre.municipality_id, requested),
        recorded_by=by,
    )
    due = requested + timedelta(days=14)
    Deadline.objects.create(
        course=course, centre=centre, kind=DeadlineKind.GUARANTEE, due_on=due, met_on=started, source="SEL §101(4)"
    )
    Deadline.objects.create(
        course=course,
        centre=centre,
        kind=DeadlineKind.ASSESSMENT,
        due_on=due,
        met_on=requested + timedelta(days=3),
        source="G3.4.3",
    )
    if discharged:
        Discharge.objects.create(
            course=course,
            discharged_on=discharged,
            reason=reason,
            provider=centre,
            drug_use_status=status,
            self_help_contact="yes",
            drug_free_partner="no",
            housing="own_home",
            income="wages",
            recorded_by=by,
        )
    return course
