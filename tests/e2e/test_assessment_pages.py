"""The assessment pages pass axe (WCAG 2.1 A/AA), also when a submit failed.

Buttons are found by their values, not their text, so the test holds whatever the language.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.models import Task
from tests.assessments.conftest import requested_course
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_assessment_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_visitator, assert_accessible
):
    course = requested_course(randers_centre, randers_visitator)
    Task.objects.create(course=course, kind="child_notification", created_on=date(2025, 3, 10))
    log_in(page, live_server, randers_visitator)

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    page.locator('button[value="complete"]').click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_drug_use_error")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/laegesamtale/")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/opgaver/")
    page.locator('form[action*="/udfoert/"] button[type="submit"]').click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
