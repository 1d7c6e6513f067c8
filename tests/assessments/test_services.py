"""The assessment's workflow steps: drafts, completion and its tasks, the physician consultation."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from assessments import services
from assessments.models import Assessment, Task
from audit.models import AuditEvent
from courses.models import CourseState
from deadlines.models import Deadline

from .conftest import REQUESTED_ON, full_answers, requested_course

pytestmark = pytest.mark.django_db

COMPLETED_ON = date(2025, 3, 10)


def complete(course, by, **answers):
    services.assessment_save(course=course, by=by, **full_answers(**answers))
    return services.assessment_complete(course=course, by=by, completed_on=COMPLETED_ON)


def task_kinds(course) -> list[str]:
    return sorted(course.tasks.values_list("kind", flat=True))


# Drafts


def test_a_draft_is_saved_and_the_course_still_awaits_assessment(randers_course, randers_visitator):
    assessment = services.assessment_save(
        course=randers_course, by=randers_visitator, started_on=date(2025, 3, 5), drug_use="Hash"
    )
    assert assessment.completed_on is None
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.REQUESTED
    services.assessment_save(course=randers_course, by=randers_visitator, health="Sover dårligt")
    assessment.refresh_from_db()
    assert (assessment.drug_use, assessment.health) == ("Hash", "Sover dårligt")


def test_the_audit_trail_names_changed_text_but_never_repeats_it(randers_course, randers_visitator):
    services.assessment_save(course=randers_course, by=randers_visitator, started_on=date(2025, 3, 5))
    services.assessment_save(course=randers_course, by=randers_visitator, drug_use="Dagligt forbrug af heroin")
    event = AuditEvent.objects.filter(object_type="assessments.Assessment", action="update").get()
    assert event.citizen_id == randers_course.citizen_id
    assert event.centre_id == randers_course.centre_id
    assert event.changes == {"drug_use": "changed"}
    assert "heroin" not in str(event.changes)


def test_an_assessment_cannot_start_before_the_first_contact(randers_course, randers_visitator):
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(course=randers_course, by=randers_visitator, started_on=date(2025, 1, 1))
    assert "started_on" in refused.value.error_dict
    assert not Assessment.objects.exists()


def test_a_due_date_without_an_expected_child_is_refused(randers_course, randers_visitator):
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(
            course=randers_course, by=randers_visitator, **full_answers(pregnancy_due_on=date(2025, 9, 1))
        )
    assert "pregnancy_due_on" in refused.value.error_dict


def test_no_assessment_before_a_treatment_request(randers_centre, randers_visitator):
    from courses.services import course_open
    from tests.factories import CitizenFactory

    course = course_open(
        citizen=CitizenFactory(centre=randers_centre), by=randers_visitator, kind="drug", first_contact_on=REQUESTED_ON
    )
    with pytest.raises(ValidationError):
        services.assessment_save(course=course, by=randers_visitator, **full_answers())


# Completion


def test_completion_moves_the_course_on_and_meets_the_assessment_deadline(randers_course, randers_visitator):
    assessment = complete(randers_course, randers_visitator)
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.ASSESSED
    assert assessment.completed_on == COMPLETED_ON
    deadline = Deadline.objects.get(course=randers_course, kind="assessment")
    assert deadline.met_on == COMPLETED_ON
    assert deadline.due_on == date(2025, 3, 18)  # 14 days after the request (G3.5.2)


def test_an_incomplete_assessment_is_refused_with_what_is_missing(randers_course, randers_visitator):
    services.assessment_save(
        course=randers_course, by=randers_visitator, **full_answers(health="", pregnancy="not_asked")
    )
    with pytest.raises(ValidationError) as refused:
        services.assessment_complete(course=randers_course, by=randers_visitator, completed_on=COMPLETED_ON)
    assert set(refused.value.error_dict) == {"health", "pregnancy"}
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.REQUESTED
    assert Assessment.objects.get().completed_on is None


def test_the_completion_date_is_neither_before_the_start_nor_in_the_future(randers_course, randers_visitator):
    services.assessment_save(course=randers_course, by=randers_visitator, **full_answers())
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.assessment_complete(course=randers_course, by=randers_visitator, completed_on=date(2025, 3, 4))
    assert refused.value.message_dict == {"completed_on": ["The assessment cannot be completed before it started."]}
    tomorrow = timezone.localdate() + timedelta(days=1)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.assessment_complete(course=randers_course, by=randers_visitator, completed_on=tomorrow)
    assert refused.value.message_dict == {"completed_on": ["The date cannot be in the future."]}
    assert Assessment.objects.get().completed_on is None


def test_an_assessment_that_was_never_saved_cannot_be_completed(randers_course, randers_visitator):
    with pytest.raises(ValidationError):
        services.assessment_complete(course=randers_course, by=randers_visitator)


def test_a_completed_assessment_can_be_neither_changed_nor_completed_again(randers_course, randers_visitator):
    complete(randers_course, randers_visitator, opioid_use=True)
    with pytest.raises(ValidationError):
        services.assessment_save(course=randers_course, by=randers_visitator, drug_use="Ændret")
    with pytest.raises(ValidationError):
        services.assessment_complete(course=randers_course, by=randers_visitator)
    assert task_kinds(randers_course) == ["naloxone"]


def test_completion_creates_each_task_the_answers_call_for(randers_course, randers_visitator):
    complete(
        randers_course,
        randers_visitator,
        opioid_use=True,
        drugs_and_alcohol=True,
        fertile_age=True,
        specialised_screening_indicated=True,
        pregnancy="partner_expecting",
    )
    assert task_kinds(randers_course) == [
        "contraception",
        "dual_treatment",
        "family_clinic_referral",
        "naloxone",
        "screening",
    ]
    naloxone = randers_course.tasks.get(kind="naloxone")
    assert naloxone.created_on == COMPLETED_ON
    assert naloxone.source == "G2.3.12" and "G2.3.12" not in naloxone.reason  # the source apart, shown on demand


def test_a_task_the_course_already_has_is_not_created_again(randers_course, randers_visitator):
    Task.objects.create(course=randers_course, kind="naloxone", created_on=date(2025, 3, 6))
    complete(randers_course, randers_visitator, opioid_use=True)
    assert task_kinds(randers_course) == ["naloxone"]


def test_mariagerfjord_always_notifies_the_childs_municipality(mariagerfjord_centre, mariagerfjord_visitator):
    course = requested_course(mariagerfjord_centre, mariagerfjord_visitator)
    complete(course, mariagerfjord_visitator, children_at_home_count=1)
    notification = course.tasks.get(kind="child_notification")
    deadline = Deadline.objects.get(course=course, kind="child_notification", ref=str(notification.pk))
    assert deadline.due_on == COMPLETED_ON  # without delay (SEL §153)
    assert deadline.met_on is None


def test_randers_does_not_notify_for_a_child_at_home_without_a_judged_risk(randers_course, randers_visitator):
    complete(randers_course, randers_visitator, children_at_home_count=2)
    assert task_kinds(randers_course) == []
    assert not Deadline.objects.filter(course=randers_course, kind="child_notification").exists()


def test_randers_notifies_when_the_worker_judges_a_risk(randers_course, randers_visitator):
    complete(randers_course, randers_visitator, children_at_home_count=2, child_concern=True)
    assert task_kinds(randers_course) == ["child_notification"]


# Tasks


def test_a_notification_is_done_only_with_its_recipient_and_then_meets_its_deadline(
    mariagerfjord_centre, mariagerfjord_visitator
):
    course = requested_course(mariagerfjord_centre, mariagerfjord_visitator)
    complete(course, mariagerfjord_visitator, children_at_home_count=1)
    task = course.tasks.get()
    with pytest.raises(ValidationError) as refused:
        services.task_done(task=task, by=mariagerfjord_visitator, done_on=COMPLETED_ON, recipient=" ")
    assert "recipient" in refused.value.error_dict
    done = services.task_done(task=task, by=mariagerfjord_visitator, done_on=COMPLETED_ON, recipient="Aalborg Kommune")
    assert (done.done_on, done.recipient, done.done_by) == (COMPLETED_ON, "Aalborg Kommune", mariagerfjord_visitator)
    assert Deadline.objects.get(course=course, kind="child_notification").met_on == COMPLETED_ON
    with pytest.raises(ValidationError):
        services.task_done(task=task, by=mariagerfjord_visitator, done_on=COMPLETED_ON, recipient="Aalborg Kommune")


def test_a_task_cannot_be_done_before_it_arose(randers_course, randers_visitator):
    complete(randers_course, randers_visitator, fertile_age=True)
    with pytest.raises(ValidationError) as refused:
        services.task_done(task=randers_course.tasks.get(), by=randers_visitator, done_on=date(2025, 3, 1))
    assert "done_on" in refused.value.error_dict


# Physician consultation (SUL §142; G3.4.5)


def test_an_accepted_consultation_is_a_deadline_until_it_is_held(randers_course, randers_physician):
    services.physician_consultation_record(
        course=randers_course, by=randers_physician, informed_on=REQUESTED_ON, response="accepted"
    )
    deadline = Deadline.objects.get(course=randers_course, kind="physician")
    assert deadline.met_on is None
    services.physician_consultation_record(
        course=randers_course,
        by=randers_physician,
        informed_on=REQUESTED_ON,
        response="accepted",
        held_on=date(2025, 3, 12),
    )
    deadline.refresh_from_db()
    assert deadline.met_on == date(2025, 3, 12)


def test_a_declined_consultation_is_no_deadline_and_cannot_be_held(randers_course, randers_visitator):
    services.physician_consultation_record(
        course=randers_course, by=randers_visitator, informed_on=REQUESTED_ON, response="declined"
    )
    assert not Deadline.objects.filter(course=randers_course, kind="physician").exists()
    with pytest.raises(ValidationError) as refused:
        services.physician_consultation_record(
            course=randers_course,
            by=randers_visitator,
            informed_on=REQUESTED_ON,
            response="declined",
            held_on=date(2025, 3, 12),
        )
    assert "held_on" in refused.value.error_dict


def test_a_consultation_cannot_be_held_before_the_citizen_was_told(randers_course, randers_physician):
    with pytest.raises(ValidationError) as refused:
        services.physician_consultation_record(
            course=randers_course,
            by=randers_physician,
            informed_on=date(2025, 3, 10),
            response="accepted",
            held_on=date(2025, 3, 5),
        )
    assert "held_on" in refused.value.error_dict
