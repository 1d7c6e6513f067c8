"""The worklist: overdue first, then the coming 7 days; waived guarantees apart; scoped; bounded."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from courses import services
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def requested_course(centre, by, expressed):
    citizen = CitizenFactory(centre=centre)
    course = services.course_open(citizen=citizen, by=by, kind="drug", first_contact_on=expressed)
    services.treatment_request_register(
        course=course, by=by, expressed_on=expressed, channel="phone", expressed_by="Borgeren"
    )
    return course


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_overdue_comes_first_then_the_coming_week(as_user, randers_visitator, randers_centre):
    late = requested_course(randers_centre, randers_visitator, date(2026, 3, 10))  # due 24.3: overdue
    soon = requested_course(randers_centre, randers_visitator, date(2026, 3, 20))  # due 3.4: soon
    requested_course(randers_centre, randers_visitator, date(2026, 3, 31))  # due 14.4: not yet
    response = as_user(randers_visitator).get(reverse("deadlines:worklist"))
    assert {d.course_id for d in response.context["overdue"]} == {late.pk}
    assert {d.course_id for d in response.context["soon"]} == {soon.pk}
    assert response.context["overdue"][0].step_url


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_a_waived_guarantee_leaves_the_overdue_list_but_stays_visible(as_user, randers_visitator, randers_centre):
    course = requested_course(randers_centre, randers_visitator, date(2026, 3, 10))
    services.guarantee_waive(course=course, by=randers_visitator, reason="free_choice", waived_on=date(2026, 3, 12))
    response = as_user(randers_visitator).get(reverse("deadlines:worklist"))
    assert "guarantee" not in {d.kind for d in response.context["overdue"]}
    assert [d.course_id for d in response.context["waived"]] == [course.pk]
    assert "så hurtigt som muligt" in response.content.decode()


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_another_centres_deadlines_never_show(as_user, fredericia_outsider, randers_visitator, randers_centre):
    requested_course(randers_centre, randers_visitator, date(2026, 3, 10))
    response = as_user(fredericia_outsider).get(reverse("deadlines:worklist") + "?vis=centre")
    assert response.context["overdue"] == [] and response.context["soon"] == []


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_the_worklist_does_a_bounded_number_of_queries(
    as_user, randers_visitator, randers_centre, django_assert_max_num_queries
):
    for day in range(5, 25):
        requested_course(randers_centre, randers_visitator, date(2026, 3, day))
    client = as_user(randers_visitator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("deadlines:worklist") + "?vis=centre")
    assert len(response.context["overdue"]) + len(response.context["soon"]) == 60
