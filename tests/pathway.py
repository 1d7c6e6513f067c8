"""Courses brought to treatment through the services, as staff would: for the tests of the
treatment stages (plans, appointments, treatment, discharge, follow-up).

``course_in_treatment`` registers a fictional citizen at ``centre``, opens a drug course with a
request ``days_ago`` days before today (or before ``today``), completes an assessment the next
day, grants outpatient treatment at the centre two days later and starts it the day after, with
``therapist`` as the responsible worker. Pass ``started=False`` for a granted course not yet started.
"""

from datetime import date, timedelta

from django.utils import timezone

from assessments import services as assessment_services
from courses import services as course_services
from courses.models import Course
from decisions import services as decision_services
from organisations.models import Role
from tests.assessments.conftest import full_answers
from tests.conftest import staff
from tests.decisions.conftest import decision_fields
from tests.factories import CitizenFactory


def course_in_treatment(
    centre,
    *,
    therapist=None,
    citizen=None,
    days_ago: int = 30,
    today: date | None = None,
    started: bool = True,
    answers: dict | None = None,
    username_prefix: str = "forloeb",
) -> Course:
    today = today or timezone.localdate()
    requested = today - timedelta(days=days_ago)
    worker = staff(
        centre,
        Role.VISITATOR,
        Role.AUTHORITY,
        username=f"{username_prefix}-{centre.pk}-{requested:%Y%m%d}-{Course.objects.count()}",
    )
    citizen = citizen or CitizenFactory(centre=centre)
    course = course_services.course_open(citizen=citizen, by=worker, kind="drug", first_contact_on=requested)
    course_services.treatment_request_register(
        course=course, by=worker, expressed_on=requested, channel="in_person", expressed_by="Borgeren"
    )
    course.refresh_from_db()
    assessed = requested + timedelta(days=1)
    assessment_services.assessment_save(
        course=course, by=worker, **full_answers(started_on=requested, **(answers or {}))
    )
    assessment_services.assessment_complete(course=course, by=worker, completed_on=assessed)
    course.refresh_from_db()
    decided = requested + timedelta(days=3)
    decision_services.decision_issue(course=course, by=worker, **decision_fields("grant", centre, decided_on=decided))
    course.refresh_from_db()
    if started:
        course_services.treatment_start(
            course=course, by=worker, started_on=requested + timedelta(days=4), therapist=therapist
        )
        course.refresh_from_db()
    return course
