"""The follow-up pages pass axe (WCAG 2.1 A/AA), also with form errors."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from discharges.services import discharge_record
from followups.services import follow_up_record
from tests.discharges.conftest import register_answers
from tests.e2e.conftest import log_in
from tests.factories import CitizenFactory
from tests.pathway import course_in_treatment


def test_the_follow_up_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    today = timezone.localdate()
    citizen = CitizenFactory(centre=randers_centre, first_name="Eva", last_name="Opfølgsen")
    course = course_in_treatment(randers_centre, therapist=randers_therapist, citizen=citizen, days_ago=150)
    discharged_on = today - timedelta(days=40)
    discharge_record(course=course, by=randers_therapist, **register_answers(discharged_on=discharged_on))
    follow_up_record(
        course=course,
        by=randers_therapist,
        months=1,
        held_on=today - timedelta(days=5),
        reached=True,
        how="phone",
        status="relapsed",
        situation="Samtale om situationen.",
        goal_holds=False,
        needs=["housing", "other"],
        needs_note="Gæld.",
        offer_response="accepted",
        offer="MOVE",
    )
    log_in(page, live_server, randers_therapist)
    for path in [f"/opfoelgning/forloeb/{course.pk}/", f"/opfoelgning/forloeb/{course.pk}/registrer/?maaneder=6"]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)

    # Reached, with nothing about the situation: the errors are tied to their fields.
    page.locator("#id_reached").select_option("yes")
    page.locator("#id_how").select_option("phone")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_situation")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.locator("#id_status").select_option("keeps_goal")
    page.locator("#id_situation").fill("Har det godt.")
    page.locator("#id_goal_holds").select_option("yes")
    page.locator("#id_needs_1").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-recorded='6']")).to_be_visible()
    assert_accessible(page)
