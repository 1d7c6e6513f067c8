"""The treatment stage's pages pass axe (WCAG 2.1 A/AA): each form, one with errors, the stay page,
the relapse-prevention plan, the course page with the panel, and the centre's gift cards."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from organisations.models import Centre
from tests.e2e.conftest import log_in
from tests.factories import CentreFactory, CitizenFactory
from tests.pathway import course_in_treatment
from treatment import services


def test_the_treatment_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_therapist, randers_manager, assert_accessible
):
    today = timezone.localdate()
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen")
    course = course_in_treatment(randers_centre, therapist=randers_therapist, citizen=citizen, days_ago=30)
    services.gift_card_issue(
        course=course, by=randers_therapist, issued_on=today, amount=200, kind="electronic", reason="Fremmøde"
    )
    services.lapse_record(
        course=course,
        by=randers_therapist,
        occurred_on=today,
        kind="lapse",
        substances="Alkohol",
        account="Drak til en fest.",
        offer_change="keep",
    )
    services.relapse_plan_save(
        course=course,
        by=randers_therapist,
        made_on=today,
        warning_signs="Sover dårligt",
        high_risk_situations="Fester",
        strategies="Ringer",
        contacts="Søster",
    )
    provider = CentreFactory(municipality=randers_centre.municipality, name="Skovly", kind=Centre.Kind.EXTERNAL_PRIVATE)
    stay = services.stay_start(
        course=course,
        by=randers_therapist,
        provider=provider,
        starts_on=today - timedelta(days=20),
        planned_end_on=today + timedelta(days=10),
    )
    services.provider_status_record(
        stay=stay, by=randers_therapist, kind="midway", received_on=today, summary="Går godt."
    )
    log_in(page, live_server, randers_therapist)
    for path in [
        f"/forloeb/{course.pk}/",
        f"/behandling/forloeb/{course.pk}/gavekort/",
        f"/behandling/forloeb/{course.pk}/tilbagefald/",
        f"/behandling/forloeb/{course.pk}/tilbagefaldsplan/",
        f"/behandling/forloeb/{course.pk}/doegnophold/",
        f"/behandling/doegnophold/{stay.pk}/",
        f"/behandling/doegnophold/{stay.pk}/statusmoede/",
        f"/behandling/doegnophold/{stay.pk}/status/",
        f"/behandling/doegnophold/{stay.pk}/afslut/",
        "/behandling/gavekort/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)

    page.goto(f"{live_server.url}/behandling/forloeb/{course.pk}/gavekort/")
    page.locator("#id_amount").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_amount")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.goto(f"{live_server.url}/behandling/forloeb/{course.pk}/tilbagefald/")
    page.locator("#id_offer_change").select_option("change")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_account")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.goto(f"{live_server.url}/behandling/doegnophold/{stay.pk}/afslut/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-stay-ended]")).to_have_count(1)
    page.goto(f"{live_server.url}/forloeb/{course.pk}/")
    expect(page.locator("[data-aftercare-prompt]")).to_have_count(1)
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, live_server, randers_manager)
    page.goto(f"{live_server.url}/behandling/gavekort/")
    expect(page.locator("[data-gift-card]")).to_have_count(1)
    assert_accessible(page)
