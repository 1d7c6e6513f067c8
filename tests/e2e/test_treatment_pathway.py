"""A therapist carries a citizen from treatment start to discharge, as a person clicks through it:
writes the plan, books a session and records the no-show (an outreach task follows), records a
lapse, tries to discharge without the register's fields (one error per field), discharges as
completed and finds both follow-ups after discharge on the worklist (BEK 1477 §4(2))."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.pathway import course_in_treatment


def test_a_therapist_takes_a_citizen_from_plan_to_the_follow_ups(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=20)
    today = timezone.localdate()
    started = course.treatment_started_on
    log_in(page, live_server, randers_therapist)
    course_url = f"{live_server.url}/forloeb/{course.pk}/"

    # The plan, made with the citizen on the day treatment started.
    page.goto(course_url)
    page.get_by_role("link", name="Skriv behandlingsplanen").click()
    page.locator("#id_made_on").fill(started.isoformat())
    page.locator("#id_goal-0-description").fill("Stoppe med at ryge hash i hverdagen")
    page.locator("#id_goal-0-measure").fill("Ingen hash mandag til fredag")
    page.locator("#id_goal-0-target_on").fill((started + timedelta(days=60)).isoformat())
    page.locator("#id_goal-0-actions").fill("Samtale hver uge")
    page.locator("#id_problems_resources_needs").fill("Dagligt forbrug; god kontakt til søster.")
    page.locator("#id_citizen_wishes").fill("Vil tilbage i arbejde.")
    page.locator("#id_substance_goal").select_option("stop")
    page.locator("#id_content").fill("Individuelle samtaler hver uge.")
    page.locator("#id_offer_kind").select_option("outpatient")
    page.locator("#id_expected_duration_months").fill("4")
    page.locator("#id_follow_up_after_discharge").fill("Behandleren ringer efter 1 og 6 måneder.")
    page.get_by_role("button", name="Gem behandlingsplanen").click()
    expect(page.locator("main")).to_contain_text("Stoppe med at ryge hash i hverdagen")

    # A session yesterday that the citizen did not come to.
    page.goto(course_url)
    page.get_by_role("link", name="Book en aftale").click()
    page.locator("#id_starts_on").fill((today - timedelta(days=1)).isoformat())
    page.locator("#id_starts_time").fill("10:00")
    page.locator("#id_place").fill("Lokale 2")
    page.locator("main form button[type=submit]").click()
    page.goto(course_url)
    page.locator("[data-appointment] a").first.click()
    page.locator("#id_attendance").select_option("no_show")
    page.get_by_role("button", name="Gem fremmødet").click()
    page.goto(course_url)
    expect(page.locator("main")).to_contain_text("Opsøg borgeren efter udeblivelse")

    # A lapse, recorded without judgement.
    page.get_by_role("link", name="Registrér slip eller tilbagefald").click()
    page.locator("#id_occurred_on").fill((today - timedelta(days=2)).isoformat())
    page.locator("#id_kind").select_option("lapse")
    page.locator("#id_substances").fill("Hash")
    page.locator("#id_account").fill("Røg hash en aften med venner.")
    page.locator("#id_offer_change").select_option("keep")
    page.locator("main form button[type=submit]").click()
    page.goto(course_url)
    expect(page.locator("[data-lapses]")).to_contain_text("Slip")

    # Discharge without the register's fields: one error on each, nothing typed lost.
    page.get_by_role("link", name="Udskriv borgeren").click()
    page.locator("#id_discharged_on").fill(today.isoformat())
    page.locator("#id_reason").select_option("completed")
    page.locator("#id_goal_attainment").fill("Målet er nået.")
    page.get_by_role("button", name="Udskriv og afslut forløbet").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    for field in ("drug_use_status", "self_help_contact", "drug_free_partner", "housing", "income"):
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_goal_attainment")).to_have_value("Målet er nået.")
    assert_accessible(page)

    # Completed, with every field: the course closes and both follow-ups arise.
    page.locator("#id_drug_use_status").select_option("abstinent")
    page.locator("#id_self_help_contact").select_option("yes")
    page.locator("#id_drug_free_partner").select_option("no")
    page.locator("#id_housing").select_option("own_home")
    page.locator("#id_income").select_option("wages")
    page.locator("#id_told_about_follow_up").check()
    page.get_by_role("button", name="Udskriv og afslut forløbet").click()
    expect(page.locator("main")).to_contain_text("Færdigbehandlet")

    page.get_by_role("link", name="Arbejdsliste").click()
    coming = page.locator("[data-coming-follow-ups] tr[data-deadline=follow_up]")
    expect(coming).to_have_count(2)
    expect(coming.nth(0)).to_contain_text(course.citizen.first_name)
    assert_accessible(page)
