"""Every decision page passes axe (WCAG 2.1 A/AA), with and without form errors."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from decisions import services
from organisations.models import Centre, Role
from tests.conftest import staff
from tests.decisions.conftest import assessed_course, decide
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_authority_issues_a_refusal_and_every_page_passes_axe(page, live_server, assert_accessible):
    randers = Centre.objects.get(municipality__code="730", kind="municipal")
    authority = staff(randers, Role.AUTHORITY, username="randers-myndighed")
    course = assessed_course(randers, authority)
    log_in(page, live_server, authority)
    expect(page).to_have_url(re.compile(r"/forside/$"))

    page.goto(f"{live_server.url}/afgoerelser/forloeb/{course.pk}/ny/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_outcome").select_option("refusal")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)

    decision = decide(course, authority, "refusal", decided_on=timezone.localdate())
    services.letter_generate(decision=decision, by=authority)
    complaint = services.complaint_register(
        decision=decision,
        by=authority,
        received_on=decision.decided_on,
        decision_received_on=decision.decided_on,
        form="written",
    )
    for path in [
        f"/afgoerelser/forloeb/{course.pk}/",
        f"/afgoerelser/forloeb/{course.pk}/klager/ny/",
        f"/afgoerelser/klager/{complaint.pk}/genvurdering/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)


def test_the_free_choice_page_passes_axe(page, live_server, assert_accessible):
    randers = Centre.objects.get(municipality__code="730", kind="municipal")
    authority = staff(randers, Role.AUTHORITY, username="randers-myndighed")
    course = assessed_course(randers, authority)
    decide(course, authority, "grant", decided_on=timezone.localdate())
    log_in(page, live_server, authority)
    page.goto(f"{live_server.url}/afgoerelser/forloeb/{course.pk}/frit-valg/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_the_managers_review_list_of_refusals_mentioning_mental_illness_passes_axe(
    page, live_server, assert_accessible
):
    randers = Centre.objects.get(municipality__code="730", kind="municipal")
    authority = staff(randers, Role.AUTHORITY, username="randers-myndighed")
    manager = staff(randers, Role.MANAGER, username="randers-leder")
    course = assessed_course(randers, authority)
    decide(
        course,
        authority,
        "refusal",
        decided_on=timezone.localdate(),
        reasons="Borgeren har en psykose.",
        mental_illness_explanation="Afslaget bygger alene på, at forbruget ikke er behandlingskrævende.",
    )
    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}/afgoerelser/afslag-psykisk-sygdom/")
    expect(page.locator("[data-review-list]")).to_contain_text("psykose")
    assert_accessible(page)


def test_a_visitator_drafts_the_decision_and_the_authority_issues_it_from_the_draft(
    page, browser, live_server, assert_accessible
):
    """Draft → preview with the letter → issue, and the form shows only what the outcome needs."""
    randers = Centre.objects.get(municipality__code="730", kind="municipal")
    visitator = staff(randers, Role.VISITATOR, username="randers-visitator")
    authority = staff(randers, Role.AUTHORITY, username="randers-myndighed")
    course = assessed_course(randers, visitator)
    log_in(page, live_server, visitator)
    expect(page).to_have_url(re.compile(r"/forside/$"))

    page.goto(f"{live_server.url}/afgoerelser/forloeb/{course.pk}/udkast/")
    offer, reasons, refusal = (page.locator(f"[data-fieldset={name}]") for name in ("offer", "reasons", "refusal"))
    for part in (offer, reasons, refusal):  # nothing chosen yet: only the decision's own fields
        expect(part).to_be_hidden()
    page.locator("#id_outcome").select_option("refusal")
    expect(reasons).to_be_visible()
    expect(refusal).to_be_visible()
    expect(offer).to_be_hidden()
    assert_accessible(page)
    page.locator("#id_outcome").select_option("grant")
    expect(offer).to_be_visible()
    expect(refusal).to_be_hidden()
    page.locator("#id_outcome").select_option("refusal")
    page.locator("#id_form").select_option("written")
    for name, text in [
        ("reasons", "Forbruget er ikke behandlingskrævende."),
        ("legal_basis", "Serviceloven § 101."),
        ("considerations", "Hovedhensyn."),
        ("key_facts", "Oplysninger."),
        ("other_help", "Åben Rådgivning."),
    ]:
        page.locator(f"#id_{name}").fill(text)
    page.locator("#id_not_dual_diagnosis").check()
    page.locator("[data-send-draft]").click()
    expect(page.locator("[data-letter-preview]")).to_be_visible()
    expect(page.locator("[data-section=draft_mark]")).to_be_visible()
    expect(page.locator("[data-draft-complete]")).to_be_visible()
    expect(page.locator("[data-issue-from-draft]")).to_have_count(0)  # a visitator does not issue
    assert_accessible(page)

    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    authority_page = context.new_page()
    log_in(authority_page, live_server, authority)
    authority_page.goto(f"{live_server.url}/afgoerelser/forloeb/{course.pk}/udkast/vis/")
    authority_page.locator("[data-issue-from-draft]").click()
    expect(authority_page.locator("#id_reasons")).to_have_value("Forbruget er ikke behandlingskrævende.")
    expect(authority_page.locator("[data-fieldset=offer]")).to_be_hidden()
    assert_accessible(authority_page)
    authority_page.locator("main form button[type=submit]").click()
    expect(authority_page.locator("[data-outcome=refusal]")).to_be_visible()

    authority_page.goto(f"{live_server.url}/afgoerelser/forloeb/{course.pk}/ny/")  # a new decision replaces it
    expect(authority_page.locator("#id_reason")).to_be_visible()
    assert_accessible(authority_page)
    context.close()
