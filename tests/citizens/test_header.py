"""The citizen at a glance: the header on every citizen, course, assessment and decision page."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.models import Assessment, Task, TaskKind
from citizens.models import RelatedPerson
from citizens.selectors import citizen_header
from courses.models import Course, CourseKind, CourseState
from deadlines.models import Deadline, DeadlineKind
from demo.cpr import fictional_cpr
from tests.conftest import staff
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def course(citizen, kind=CourseKind.DRUG, state=CourseState.REQUESTED, responsible=None, opened=TODAY):
    return Course.objects.create(
        citizen=citizen,
        centre=citizen.centre,
        kind=kind,
        state=state,
        opened_on=opened,
        first_contact_on=opened,
        responsible=responsible,
    )


def deadline(course, kind, due_on, **extra):
    return Deadline.objects.create(course=course, centre=course.centre, kind=kind, due_on=due_on, source="X", **extra)


def render(citizen, course=None) -> str:
    template = Template("{% load citizen_header %}{% citizen_header citizen course %}")
    return template.render(Context({"citizen": citizen, "course": course}))


def test_name_masked_cpr_age_worker_state_and_the_soonest_open_deadline(randers_centre):
    worker = staff(randers_centre, "visitator", username="sagsbehandler")
    worker.first_name, worker.last_name = "Sanne", "Sagsbehandler"
    worker.save()
    citizen = CitizenFactory(
        centre=randers_centre, first_name="Karla", last_name="Prøvesen", cpr=fictional_cpr(date(1985, 6, 15))
    )
    drug = course(citizen, responsible=worker)
    deadline(drug, DeadlineKind.ASSESSMENT, TODAY + timedelta(days=3))
    deadline(drug, DeadlineKind.GUARANTEE, TODAY + timedelta(days=1), met_on=TODAY)  # met: not open
    deadline(drug, DeadlineKind.DECISION, TODAY + timedelta(days=9))
    html = render(citizen)
    assert "Karla Prøvesen" in html and "150685-XXXX" in html and citizen.cpr[6:] not in html
    assert "41" in html  # years old on 23 November 2026
    assert "Sanne Sagsbehandler" in html
    assert str(CourseState.REQUESTED.label) in html
    assert str(DeadlineKind.ASSESSMENT.label) in html
    assert date_format(TODAY + timedelta(days=3), "SHORT_DATE_FORMAT") in html
    assert str(DeadlineKind.GUARANTEE.label) not in html
    assert 'aria-label="' in html and "<section" in html


def test_on_a_course_page_the_header_names_that_course(randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    drug = course(citizen, state=CourseState.IN_TREATMENT)
    alcohol = course(citizen, kind=CourseKind.ALCOHOL, state=CourseState.REQUESTED)
    deadline(alcohol, DeadlineKind.ASSESSMENT, TODAY + timedelta(days=1))
    facts = citizen_header(citizen, drug, today=TODAY)
    assert facts.courses == [drug] and facts.next_deadline is None
    facts = citizen_header(citizen, None, today=TODAY)
    assert set(facts.courses) == {drug, alcohol} and facts.next_deadline.course == alcohol


def alerts(citizen, course=None):
    return dict(citizen_header(citizen, course, today=TODAY).alerts)


def test_alerts_children_at_home_from_a_related_person_or_the_assessment(randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    assert "children" not in alerts(citizen)
    child = RelatedPerson.objects.create(citizen=citizen, kind=RelatedPerson.Kind.CHILD_AT_HOME, name="Barn")
    assert "children" in alerts(citizen)
    child.ended_on = TODAY  # moved away today
    child.save()
    assert "children" not in alerts(citizen)
    drug = course(citizen)
    Assessment.objects.create(
        course=drug,
        started_on=TODAY,
        children_at_home_count=2,
        recorded_by=staff(randers_centre, "visitator", username="v"),
    )
    assert alerts(citizen)["children"] == {"count": 2}


def test_alerts_pregnancy_protection_notification_and_death(randers_centre):
    citizen = CitizenFactory(
        centre=randers_centre,
        expecting_child_on=TODAY + timedelta(days=60),
        address_protected=True,
        died_on=TODAY - timedelta(days=2),
    )
    drug = course(citizen)
    Task.objects.create(course=drug, kind=TaskKind.CHILD_NOTIFICATION, created_on=TODAY - timedelta(days=5))
    found = alerts(citizen)
    assert {"expecting", "protected", "deceased"} <= set(found) and "notified" not in found
    Task.objects.filter(course=drug).update(done_on=TODAY - timedelta(days=3))
    assert alerts(citizen)["notified"] == {"on": TODAY - timedelta(days=3)}
    html = render(citizen)
    for text in ("Navne- og adressebeskyttelse", "Død", "Underretning sendt", "Venter barn"):
        assert text in html  # alerts are text, not colour only


def test_a_pregnancy_from_the_open_courses_assessment(randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    drug = course(citizen)
    Assessment.objects.create(
        course=drug,
        started_on=TODAY,
        pregnancy="partner_expecting",
        recorded_by=staff(randers_centre, "visitator", username="v"),
    )
    assert "expecting" in alerts(citizen)


def queries_for(citizen, course=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        render(citizen, course)
    return len(captured)


def test_the_header_makes_the_same_number_of_queries_for_one_course_and_five(randers_centre):
    worker = staff(randers_centre, "visitator", username="w")
    one = CitizenFactory(centre=randers_centre)
    deadline(course(one, responsible=worker), DeadlineKind.ASSESSMENT, TODAY)
    five = CitizenFactory(centre=randers_centre)
    for index, kind in enumerate(CourseKind.values):
        other = staff(randers_centre, "therapist", username=f"t{index}")
        made = course(five, kind=kind, responsible=other)
        deadline(made, DeadlineKind.ASSESSMENT, TODAY + timedelta(days=index))
        Task.objects.create(course=made, kind=TaskKind.CHILD_NOTIFICATION, created_on=TODAY, done_on=TODAY)
    for year in (2020, 2021):
        course(five, state=CourseState.CLOSED, opened=date(year, 1, 1))
    RelatedPerson.objects.create(citizen=five, kind=RelatedPerson.Kind.CHILD_AT_HOME, name="Barn")
    assert five.courses.count() == 5
    assert queries_for(one) == queries_for(five) <= 6


def test_the_citizen_page_shows_the_header(as_user, randers_therapist, randers_centre):
    citizen = CitizenFactory(centre=randers_centre, address_protected=True)
    html = as_user(randers_therapist).get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    with translation.override("da"):
        protected = _("Name and address protection")
    assert 'class="citizen-header"' in html and protected in html
