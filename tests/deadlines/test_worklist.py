"""The worklists and the home page: open deadlines only (not met, waived or closed), overdue first,
then the coming 7 days; waived guarantees apart; scoped; bounded."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
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
    assert response.content.decode().count('data-status="overdue"') == 3  # its guarantee, assessment, decision


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_a_waived_guarantee_leaves_the_overdue_list_but_stays_visible(
    as_user, mariagerfjord_centre, mariagerfjord_visitator
):
    course = requested_course(mariagerfjord_centre, mariagerfjord_visitator, date(2026, 3, 20))
    services.guarantee_waive(course=course, by=mariagerfjord_visitator, reason="no_show", waived_on=date(2026, 3, 25))
    response = as_user(mariagerfjord_visitator).get(reverse("deadlines:worklist"))
    assert "guarantee" not in {d.kind for d in response.context["soon"]}
    assert [d.course_id for d in response.context["waived"]] == [course.pk]
    assert "så hurtigt som muligt" in response.content.decode()


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_a_closed_course_leaves_every_list_and_the_home_page_count(
    as_user, mariagerfjord_centre, mariagerfjord_visitator
):
    centre = mariagerfjord_centre
    waived = requested_course(centre, mariagerfjord_visitator, date(2026, 3, 10))
    services.guarantee_waive(course=waived, by=mariagerfjord_visitator, reason="no_show", waived_on=date(2026, 3, 12))
    for course in (waived, requested_course(centre, mariagerfjord_visitator, date(2026, 3, 10))):
        services.course_close(course=course, by=mariagerfjord_visitator, closed_on=date(2026, 3, 30), kind="moved")
    client = as_user(mariagerfjord_visitator)
    worklist = client.get(reverse("deadlines:worklist") + "?vis=centre").context
    assert (worklist["overdue"], worklist["soon"], worklist["waived"]) == ([], [], [])
    assert client.get(reverse("home:index")).context["my_work"] == {"overdue": 0, "soon": 0, "duties": 0}


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_the_home_page_counts_what_the_worklist_shows(as_user, randers_visitator, randers_centre):
    requested_course(randers_centre, randers_visitator, date(2026, 3, 10))  # 3 deadlines overdue
    requested_course(randers_centre, randers_visitator, date(2026, 3, 20))  # 3 due soon
    client = as_user(randers_visitator)
    worklist = client.get(reverse("deadlines:worklist")).context
    home = client.get(reverse("home:index")).context["my_work"]
    assert (
        {"overdue": len(worklist["overdue"]), "soon": len(worklist["soon"]), "duties": len(worklist["duties"])}
        == (home)
        == {"overdue": 3, "soon": 3, "duties": 0}
    )


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
    # Includes the audited read: the event, PostgreSQL's chain lock and the citizens it names; two
    # queries (a page and its total) for each section: overdue, due soon, waived, coming follow-ups,
    # duties, no-shows and the visitator's queue of new requests.
    with django_assert_max_num_queries(25):
        response = client.get(reverse("deadlines:worklist") + "?vis=centre")
    context = response.context
    assert context["overdue_page"].total + context["soon_page"].total == 60
    assert len(context["overdue"]) == 25 and context["overdue_page"].has_next  # a page at a time


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_the_worklist_logs_which_citizens_it_showed_in_one_event(
    as_user, randers_visitator, randers_therapist, randers_centre
):
    # A therapist: a visitator's list also shows every new request (tests/deadlines/test_queues.py).
    shown = requested_course(randers_centre, randers_visitator, date(2026, 3, 10))  # overdue: on the list
    not_shown = requested_course(randers_centre, randers_visitator, date(2026, 3, 31))  # due 14.4: not yet
    as_user(randers_therapist).get(reverse("deadlines:worklist") + "?vis=centre")
    (read,) = AuditEvent.objects.filter(action="view", actor=randers_therapist)
    assert read.changes["citizens"] == [shown.citizen_id]
    assert not_shown.citizen_id not in read.changes["citizens"]
    assert read.changes["list"] == "deadlines:worklist?vis=centre"


@time_machine.travel(date(2026, 4, 1), tick=False)
def test_an_empty_worklist_logs_no_read(as_user, fredericia_outsider, randers_visitator, randers_centre):
    requested_course(randers_centre, randers_visitator, date(2026, 3, 10))
    as_user(fredericia_outsider).get(reverse("deadlines:worklist") + "?vis=centre")
    assert not AuditEvent.objects.filter(action="view", actor=fredericia_outsider).exists()
