"""What the course page and the status labels tell a caseworker: late is late, closed is closed,
and a waiver after the due date does not hide that the guarantee was overdue.

Time stands still on 15 April 2026; the request of 2 March 2026 fell due on 16 March.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import CloseReason
from deadlines.models import Deadline
from organisations.models import Centre, Role
from tests.conftest import staff
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 15)
DUE = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime(2026, 4, 15, 12, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False):
        yield


@pytest.fixture
def mariagerfjord_visitator(db):
    return staff(
        Centre.objects.get(municipality__code="846", kind=Centre.Kind.MUNICIPAL), Role.VISITATOR, username="mfj-vis"
    )


def requested(by):
    centre = by.memberships.get().centre
    course = services.course_open(
        citizen=CitizenFactory(centre=centre), by=by, kind="drug", first_contact_on=date(2026, 3, 2)
    )
    services.treatment_request_register(
        course=course, by=by, expressed_on=date(2026, 3, 2), channel="phone", expressed_by="Borgeren"
    )
    return course


def rendered(**dates) -> str:
    """The status label every page shows for a deadline due on 16 March 2026, in Danish."""
    row = Deadline(due_on=DUE, **dates)
    with translation.override("da"):
        return Template("{% load deadlines %}{% deadline_status row today %}").render(
            Context({"row": row, "today": TODAY})
        )


@pytest.mark.parametrize(
    ("dates", "text"),
    [
        ({"met_on": DUE}, "Overholdt 16.03.2026"),
        ({"met_on": date(2026, 3, 17)}, "Overskredet med 1 dag – opfyldt 17.03.2026"),
        ({"met_on": date(2026, 3, 19)}, "Overskredet med 3 dage – opfyldt 19.03.2026"),
        ({"waived_on": date(2026, 3, 10)}, "Fraveget – start så hurtigt som muligt"),
        ({"waived_on": date(2026, 3, 20)}, "Overskredet fra 17.03.2026, til garantien blev fraveget 20.03.2026"),
        (
            {"closed_on": date(2026, 3, 10), "closed_reason": "moved"},
            "Lukket 10.03.2026: {moved}",
        ),
        (
            {"closed_on": date(2026, 3, 20), "closed_reason": "died"},
            "Overskredet fra 17.03.2026, til forløbet blev afsluttet 20.03.2026: {died}",
        ),
        ({}, "Overskredet med 30 dage"),
    ],
)
def test_each_status_reads_as_what_happened(dates, text):
    with translation.override("da"):
        reasons = {"moved": CloseReason.MOVED.label, "died": CloseReason.DIED.label}
        assert text.format(**reasons) in rendered(**dates)


def test_a_breach_is_marked_for_the_eye_too():
    assert "status--breach" in rendered(met_on=date(2026, 3, 17))
    assert "status--breach" not in rendered(met_on=DUE)


def test_the_course_page_shows_a_late_waiver_as_overdue_until_waived(as_user, mariagerfjord_visitator):
    course = requested(mariagerfjord_visitator)
    services.guarantee_waive(course=course, by=mariagerfjord_visitator, reason="no_show", waived_on=date(2026, 3, 20))
    page = as_user(mariagerfjord_visitator).get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert 'data-status="waived_late"' in page
    assert "17.03.2026" in page and "20.03.2026" in page


def test_the_course_page_says_why_it_closed_and_its_deadlines_with_it(as_user, randers_visitator):
    course = requested(randers_visitator)
    services.course_close(course=course, by=randers_visitator, closed_on=date(2026, 3, 10), kind="moved")
    page = as_user(randers_visitator).get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert 'data-closed-kind="moved"' in page
    assert page.count('data-status="closed"') == 3 and 'data-status="overdue"' not in page


def test_the_close_form_closes_with_the_chosen_reason(as_user, randers_visitator):
    course = requested(randers_visitator)
    response = as_user(randers_visitator).post(
        reverse("courses:close", args=[course.pk]), {"closed_on": "2026-04-01", "kind": "withdrawn", "reason": ""}
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.closed_on, course.closed_kind) == (date(2026, 4, 1), "withdrawn")


def test_a_refused_closing_lands_on_the_form_field(as_user, randers_visitator):
    course = requested(randers_visitator)
    response = as_user(randers_visitator).post(
        reverse("courses:close", args=[course.pk]), {"closed_on": "2026-04-01", "kind": "other", "reason": " "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
