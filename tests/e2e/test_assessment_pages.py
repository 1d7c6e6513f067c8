"""The assessment pages pass axe (WCAG 2.1 A/AA), also when a submit failed: the form in its
sections, the addenda of a completed assessment, the tasks and the notification template.

Buttons are found by their values, not their text, so the test holds whatever the language.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.models import Task
from citizens.models import RelatedPerson
from tests.assessments.conftest import full_answers, requested_course
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
    expect(page.locator("details.area")).to_have_count(6)
    expect(page.locator("details#section-start")).to_have_attribute("open", "")
    assert_accessible(page)

    page.locator('button[value="complete"]').click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_drug_use_error")).to_be_visible()  # its area is opened
    expect(page.locator("details#section-work_education[open]")).to_have_count(1)
    assert_accessible(page)

    # Nothing typed is lost; after a save the first area still missing opens, and a closed one opens
    # on a click (no script).
    page.locator("#id_drug_use").fill("Dagligt forbrug af hash.")
    page.locator('button[value="save"]').click()
    expect(page.locator('details#section-drug_use[data-state="filled"]')).to_have_count(1)
    expect(page.locator("#id_drug_use")).to_be_hidden()
    page.locator("details#section-drug_use > summary").click()
    expect(page.locator("#id_drug_use")).to_have_value("Dagligt forbrug af hash.")

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/laegesamtale/")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/opgaver/")
    page.locator('form[action*="/udfoert/"] button[type="submit"]').click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)


def test_the_addenda_and_the_notification_template_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_visitator, assert_accessible
):
    course = requested_course(randers_centre, randers_visitator)
    RelatedPerson.objects.create(citizen=course.citizen, kind="child_at_home", name="Lille Testbarn", birth_year=2016)
    answers = full_answers(children_at_home_count=1, child_concern=True, child_concern_details="Bekymring for barnet.")
    services.assessment_save(course=course, by=randers_visitator, **answers)
    services.assessment_complete(course=course, by=randers_visitator, completed_on=date(2025, 3, 10))
    log_in(page, live_server, randers_visitator)

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/")
    expect(page.locator("[data-summary-section]")).to_have_count(7)
    expect(page.locator('button[value="correction"]')).to_be_hidden()  # folded away until asked for
    page.locator('[data-addendum-form="correction"] > summary').click()
    page.locator('button[value="correction"]').click()
    expect(page.locator("#id_correction-section_error")).to_be_visible()
    assert_accessible(page)

    page.locator("#id_correction-section").select_option("health")
    page.locator("#id_correction-text").fill("Diagnosticeret med ADHD i 2019.")
    page.locator("#id_correction-reason").fill("Borgeren huskede det efterfølgende.")
    page.locator('button[value="correction"]').click()
    expect(page.locator('[data-addendum="correction"]')).to_have_count(1)
    expect(page.locator('[data-summary-section="health"] [data-correction-note]')).to_have_count(1)
    assert_accessible(page)

    page.goto(f"{live_server.url}/afdaekning/{course.pk}/opgaver/")
    expect(page.locator('[data-task="child_notification"] [data-status]')).to_have_count(1)
    assert_accessible(page)
    page.locator("[data-notification-link]").click()
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("[data-notification-text]")).to_contain_text("Lille Testbarn")
    assert_accessible(page)
