"""Treatment start: the guarantee kept or missed by so many days, the therapist made responsible,
a course in treatment ends only by discharge, and a new course is linked to the earlier one."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import services
from courses.models import CloseReason
from organisations.models import Role
from tests.conftest import staff, verified_client
from tests.factories import CitizenFactory
from tests.pathway import course_in_treatment

TODAY = date(2026, 3, 20)


@pytest.fixture
def granted(randers_centre, randers_therapist):
    with time_machine.travel(TODAY, tick=False):
        return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=10, started=False)


def _start(client, course, started_on, **extra):
    return client.post(reverse("courses:start", args=[course.pk]), {"started_on": started_on.isoformat(), **extra})


@time_machine.travel(TODAY, tick=False)
def test_the_start_form_names_the_guarantees_last_day(granted, randers_therapist):
    response = verified_client(randers_therapist).get(reverse("courses:start", args=[granted.pk]))
    last_day = granted.request.expressed_on + timedelta(days=14)
    assert f"{last_day:%d.%m.%Y}" in response.content.decode()
    assert "servicelovens § 101, stk. 4" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_a_start_within_the_guarantee_says_it_was_kept(granted, randers_therapist):
    client = verified_client(randers_therapist)
    response = _start(client, granted, TODAY)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "inden for behandlingsgarantien" in page


def test_a_late_start_says_by_how_many_days_the_guarantee_was_missed(granted, randers_therapist):
    late = granted.request.expressed_on + timedelta(days=17)
    with time_machine.travel(late, tick=False):
        client = verified_client(randers_therapist)
        response = _start(client, granted, late)
        page = client.get(response.url).content.decode()
    assert "3 dage efter garantiens sidste dag" in page


@time_machine.travel(TODAY, tick=False)
def test_the_chosen_therapist_becomes_responsible(granted, randers_centre):
    other = staff(randers_centre, Role.THERAPIST, username="randers-behandler-2")
    services.treatment_start(course=granted, by=other, started_on=TODAY, therapist=other)
    granted.refresh_from_db()
    assert granted.responsible == other
    assert all(d.responsible_id == other.pk for d in granted.deadlines.all())


@time_machine.travel(TODAY, tick=False)
def test_a_therapist_of_another_centre_is_refused(granted, fredericia_centre):
    outsider = staff(fredericia_centre, Role.THERAPIST, username="fredericia-behandler")
    with pytest.raises(ValidationError) as refused:
        services.treatment_start(course=granted, by=outsider, started_on=TODAY, therapist=outsider)
    assert "therapist" in refused.value.message_dict


@time_machine.travel(TODAY, tick=False)
def test_the_start_opens_the_plan_deadline_due_the_same_day(granted, randers_therapist):
    services.treatment_start(course=granted, by=randers_therapist, started_on=TODAY)
    plan = granted.deadlines.get(kind="treatment_plan")
    assert plan.due_on == TODAY and plan.met_on is None
    assert plan.source.startswith("SEL §101(8)")


def test_a_course_in_treatment_is_not_closed_but_discharged(randers_centre, randers_therapist):
    with time_machine.travel(TODAY, tick=False):
        course = course_in_treatment(randers_centre, therapist=randers_therapist)
        with pytest.raises(ValidationError, match="udskrivning|discharge"):
            services.course_close(course=course, by=randers_therapist, closed_on=TODAY, kind=CloseReason.MOVED)


def test_a_new_course_is_linked_to_the_last_closed_one_of_the_same_kind(randers_centre, randers_visitator):
    with time_machine.travel(TODAY, tick=False):
        first = services.course_open(
            citizen=CitizenFactory(centre=randers_centre),
            by=randers_visitator,
            kind="drug",
            first_contact_on=TODAY - timedelta(days=5),
        )
        services.course_close(course=first, by=randers_visitator, closed_on=TODAY, kind=CloseReason.WITHDRAWN)
        second = services.course_open(citizen=first.citizen, by=randers_visitator, kind="drug", first_contact_on=TODAY)
        alcohol = services.course_open(
            citizen=first.citizen, by=randers_visitator, kind="alcohol", first_contact_on=TODAY
        )
    assert second.previous_course == first
    assert alcohol.previous_course is None
    page = verified_client(randers_visitator).get(reverse("courses:detail", args=[second.pk])).content.decode()
    assert reverse("courses:detail", args=[first.pk]) in page
