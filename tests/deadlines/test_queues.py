"""Work that waits for a role reaches that role at once: a course ready for a decision on the
authority's worklist ("Afventer afgørelse"), a new request on the visitator's ("Nye anmodninger"),
each shown only to the role that acts on it, oldest first, bounded; the home page counts them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assessments import services as assessment_services
from audit.models import AuditEvent
from courses import services as course_services
from tests.caseloads.conftest import assessed, frozen_clock, requested  # noqa: F401 - the clock is autouse
from tests.conftest import staff
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority(randers_centre):
    return staff(randers_centre, "authority", username="randers-myndighed")


def worklist(client):
    return client.get(reverse("deadlines:worklist"))


def test_a_course_ready_for_decision_is_on_the_authoritys_list_at_once(
    as_user, randers_centre, randers_visitator, authority
):
    later = assessed(randers_centre, randers_visitator, date(2026, 3, 31))  # nothing due for days yet
    older = assessed(randers_centre, randers_visitator, date(2026, 3, 25))
    requested(randers_centre, randers_visitator, date(2026, 3, 20))  # not assessed: not yet for the authority
    response = worklist(as_user(authority))
    assert [c.pk for c in response.context["to_decide"]] == [older.pk, later.pk]  # oldest request first
    body = response.content.decode()
    assert reverse("decisions:issue", args=[later.pk]) in body
    with translation.override("da"):  # "Afventer afgørelse" once the lead merges /tmp/po10/caseloads.po
        assert translation.gettext("Awaiting decision") in body
    assert "data-new-requests" not in body  # the authority does not take new requests


def test_a_request_outside_the_standard_awaits_the_authority_without_an_assessment(
    as_user, randers_centre, randers_visitator, authority
):
    course = course_services.course_open(
        citizen=CitizenFactory(centre=randers_centre),
        by=randers_visitator,
        kind="alcohol",
        first_contact_on=date(2026, 3, 30),
    )
    course_services.treatment_request_register(
        course=course, by=randers_visitator, expressed_on=date(2026, 3, 30), channel="phone", expressed_by="Borgeren"
    )
    assert [c.pk for c in worklist(as_user(authority)).context["to_decide"]] == [course.pk]
    visitator = worklist(as_user(randers_visitator))
    assert [c.pk for c in visitator.context["to_take"]] == [course.pk]
    assert reverse("assessments:edit", args=[course.pk]) not in visitator.content.decode()


def test_a_new_request_is_on_every_visitators_list_at_once_until_its_assessment_starts(
    as_user, randers_centre, randers_visitator, authority
):
    colleague = staff(randers_centre, "visitator", username="randers-kollega")
    course = requested(randers_centre, randers_visitator, date(2026, 3, 31))  # due 14.4: not on the deadline lists
    for user in (randers_visitator, colleague):
        response = worklist(as_user(user))
        assert [c.pk for c in response.context["to_take"]] == [course.pk]
        assert reverse("assessments:edit", args=[course.pk]) in response.content.decode()
    assert "data-awaiting-decision" not in worklist(as_user(randers_visitator)).content.decode()
    assert not worklist(as_user(authority)).context["to_take"]
    from tests.assessments.conftest import full_answers

    assessment_services.assessment_save(
        course=course, by=randers_visitator, **full_answers(started_on=date(2026, 3, 31))
    )
    assert worklist(as_user(randers_visitator)).context["to_take"] == []


def test_the_queues_log_whom_they_showed(as_user, randers_centre, randers_visitator):
    course = requested(randers_centre, randers_visitator, date(2026, 3, 31))
    worklist(as_user(randers_visitator))
    read = AuditEvent.objects.filter(action="view", actor=randers_visitator).latest("id")
    assert course.citizen_id in read.changes["citizens"]


def test_another_centres_queues_stay_empty(as_user, randers_centre, randers_visitator, fredericia_centre):
    assessed(randers_centre, randers_visitator, date(2026, 3, 25))
    requested(randers_centre, randers_visitator, date(2026, 3, 30))
    outsider = staff(fredericia_centre, "authority", "visitator", username="fredericia-begge")
    response = worklist(as_user(outsider))
    assert response.context["to_decide"] == [] and response.context["to_take"] == []


def test_the_queues_do_not_grow_in_queries_with_their_rows(
    as_user, randers_centre, randers_visitator, django_assert_max_num_queries
):
    both = staff(randers_centre, "authority", "visitator", username="randers-begge")
    assessed(randers_centre, randers_visitator, date(2026, 3, 25))
    requested(randers_centre, randers_visitator, date(2026, 3, 26))
    client = as_user(both)
    worklist(client)
    with CaptureQueriesContext(connection) as few:
        worklist(client)
    for day in range(1, 20):
        assessed(randers_centre, randers_visitator, date(2026, 3, day))
        requested(randers_centre, randers_visitator, date(2026, 3, day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = worklist(client)
    assert (len(response.context["to_decide"]), len(response.context["to_take"])) == (20, 20)


def test_the_home_page_counts_the_queues_and_links_only_to_lists_with_something(
    as_user, randers_centre, randers_visitator, authority
):
    assessed(randers_centre, randers_visitator, date(2026, 3, 25))
    requested(randers_centre, randers_visitator, date(2026, 3, 30))
    home = as_user(authority).get(reverse("home:index"))
    assert home.context["queues"] == {"awaiting_decision": 1, "new_requests": None, "my_courses": 0}
    body = home.content.decode()
    assert reverse("deadlines:worklist") + "#awaiting-decision" in body
    assert reverse("caseloads:mine") not in body.split("data-queues")[1]  # nothing of the authority's own
    visitator = as_user(randers_visitator).get(reverse("home:index"))
    assert visitator.context["queues"] == {"awaiting_decision": None, "new_requests": 1, "my_courses": 2}
    assert reverse("deadlines:worklist") + "#new-requests" in visitator.content.decode()


def test_a_decision_deadline_leads_each_role_to_a_page_it_may_use(
    as_user, randers_centre, randers_visitator, authority
):
    """Nobody is sent to a page they cannot use: the decision's step is the authority's; the
    visitator's row leads to the course page, where the decision panel offers the draft."""
    course = assessed(randers_centre, randers_visitator, date(2026, 3, 20))  # decision due 03.04: due soon
    issue, course_page = reverse("decisions:issue", args=[course.pk]), reverse("courses:detail", args=[course.pk])
    for user, expected in ((authority, issue), (randers_visitator, course_page)):
        client = as_user(user)
        (row,) = [d for d in worklist_rows(client) if d.kind == "decision"]
        assert row.step_url == expected
        assert client.get(row.step_url).status_code == 200


def worklist_rows(client):
    context = client.get(reverse("deadlines:worklist") + "?vis=centre").context
    return context["overdue"] + context["soon"]
