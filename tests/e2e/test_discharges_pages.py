"""The discharge form (also with errors), the status page and the course page's panel pass axe
(WCAG 2.1 A/AA)."""

from django.utils import timezone
from playwright.sync_api import expect

from discharges import services
from tests.discharges.conftest import register_answers
from tests.e2e.conftest import log_in
from tests.pathway import course_in_treatment


def test_the_discharge_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=40)
    done = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=50)
    services.discharge_record(
        course=done,
        by=randers_therapist,
        **register_answers(discharged_on=timezone.localdate()),
        background="Borgeren har gennemført behandlingen.",
    )
    log_in(page, live_server, randers_therapist)
    for path in [
        f"/forloeb/{course.pk}/",
        f"/udskrivning/{course.pk}/udskriv/",
        f"/udskrivning/{done.pk}/",
        f"/forloeb/{done.pk}/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)

    # Every register field left empty but one: each gets its own error, tied to its field.
    page.goto(f"{live_server.url}/udskrivning/{course.pk}/udskriv/")
    page.locator("#id_reason").select_option("no_show")
    page.locator("#id_plan_forward").fill("Kontakt igen efter sommerferien.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    for field in ("drug_use_status", "self_help_contact", "drug_free_partner", "housing", "income", "outreach"):
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_plan_forward")).to_have_value("Kontakt igen efter sommerferien.")
    expect(page.locator("#id_reason")).to_have_value("no_show")
    assert_accessible(page)
