"""The treatment plan's pages pass axe (WCAG 2.1 A/AA), also the form with errors."""

from playwright.sync_api import expect

from plans import services
from tests.e2e.conftest import log_in
from tests.pathway import course_in_treatment


def test_the_plan_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=20)
    log_in(page, live_server, randers_therapist)

    # No plan yet: the plan page, and the form with its errors.
    for path in [f"/behandlingsplaner/{course.pk}/", f"/behandlingsplaner/{course.pk}/ny/", f"/forloeb/{course.pk}/"]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
    page.goto(f"{live_server.url}/behandlingsplaner/{course.pk}/ny/")
    page.locator("#id_goal-0-description").fill("Stop med hash i hverdagene")
    page.locator("main form button[type=submit]:not([name])").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_goal-0-measure")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_content")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    started = course.treatment_started_on
    version = services.plan_version_save(
        course=course,
        by=randers_therapist,
        based_on=0,
        made_on=started,
        goals=[{"description": "Mål", "measure": "Målt", "target_on": started, "actions": "Handling"}],
        problems_resources_needs="Behov.",
        citizen_wishes="Ønsker.",
        content="Samtaler.",
        offer_kind="outpatient",
        expected_duration_months=3,
        follow_up_after_discharge="Telefon.",
    )
    for path in [
        f"/behandlingsplaner/{course.pk}/",
        f"/behandlingsplaner/{course.pk}/revision/",
        f"/behandlingsplaner/{course.pk}/versioner/",
        f"/behandlingsplaner/version/{version.pk}/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
    page.goto(f"{live_server.url}/behandlingsplaner/{course.pk}/revision/")
    page.locator("main form button[type=submit]:not([name])").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_changes_summary")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
