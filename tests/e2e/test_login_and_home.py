"""A person logs in with both factors, sees their centre, and every page passes axe."""

import re
import time

from playwright.sync_api import expect

from organisations.models import Centre
from standards.models import QualityStandard
from tests.e2e.conftest import log_in as e2e_log_in
from tests.factories import PASSWORD, current_code


def log_in(page, live_server, user):
    e2e_log_in(page, live_server, user)
    expect(page).to_have_url(re.compile(r"/forside/$"))


def test_a_therapist_logs_in_with_both_factors_and_sees_their_centre(
    page, live_server, randers_therapist, assert_accessible
):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind i Forløb")
    assert_accessible(page)
    page.get_by_label("Brugernavn").fill(randers_therapist.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()
    expect(page).to_have_url(re.compile(r"/log-ind/kode/"))
    code_field = page.get_by_label("Kode fra din godkendelsesapp")
    expect(code_field).to_be_focused()  # the second step starts in the code field
    # Not logged in yet: the header names nobody and has no logout; the page has its own way out.
    expect(page.locator(".site-header")).not_to_contain_text("Logget ind som")
    expect(page.locator(".site-header").get_by_role("button", name="Log ud")).to_have_count(0)
    expect(page.get_by_role("button", name="Annuller og log ud")).to_be_visible()
    assert_accessible(page)
    code_field.fill(current_code(randers_therapist.authenticatordevice_set.get()))
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Rusmiddelcenter Randers")).to_be_visible()
    expect(page.locator(".site-header")).to_contain_text(f"Logget ind som {randers_therapist}")
    expect(page.locator(".site-header").get_by_role("button", name="Log ud")).to_be_visible()
    expect(page.get_by_role("link", name="Centre og medarbejdere")).to_have_count(0)
    assert_accessible(page)


def test_odsherreds_manager_sees_the_two_law_warnings(page, live_server, odsherred_manager, assert_accessible):
    log_in(page, live_server, odsherred_manager)
    warnings = page.locator(".warnings")
    expect(warnings.locator('[data-shortfall="guarantee_start"]')).to_contain_text("personligt")
    expect(warnings.locator('[data-shortfall="follow_up_second"]')).to_contain_text("6 måneder")
    assert_accessible(page)


def test_every_staff_page_passes_the_accessibility_check(
    page, live_server, randers_manager, randers_centre, assert_accessible
):
    log_in(page, live_server, randers_manager)
    standard = QualityStandard.objects.get(municipality__code="730")
    for path in [
        "/kvalitetsstandarder/",
        f"/kvalitetsstandarder/{standard.pk}/",
        "/centre/",
        f"/centre/{randers_centre.pk}/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)


def test_the_public_standard_and_the_error_pages_pass_the_check(
    page, live_server, randers_therapist, assert_accessible
):
    page.goto(live_server.url + "/offentlig/kvalitetsstandard/306/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kvalitetsstandard")
    assert_accessible(page)
    log_in(page, live_server, randers_therapist)
    for path, heading in [("/centre/", "Du har ikke adgang"), ("/kvalitetsstandarder/999999/", "blev ikke fundet")]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page)


def test_a_user_of_another_municipality_cannot_reach_randers_pages(page, live_server, fredericia_outsider):
    log_in(page, live_server, fredericia_outsider)
    randers = Centre.objects.get(municipality__code="730", kind="municipal")
    response = page.goto(f"{live_server.url}/centre/{randers.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Rusmiddelcenter Randers")).to_have_count(0)


def test_login_and_navigation_work_with_the_keyboard_alone(page, live_server, randers_manager):
    page.goto(live_server.url + "/")
    expect(page.get_by_label("Brugernavn")).to_be_focused()  # the login form starts in the first field
    page.keyboard.type(randers_manager.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/log-ind/kode/"))
    expect(page.get_by_label("Kode fra din godkendelsesapp")).to_be_focused()  # no click needed
    page.keyboard.type(current_code(randers_manager.authenticatordevice_set.get()))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/forside/$"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    nav_link = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Centre og medarbejdere")
    nav_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/centre/$"))


def test_errors_are_announced_and_tied_to_their_fields(page, live_server, randers_therapist, assert_accessible):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Fortsæt").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Ret følgende")
    expect(summary).to_be_focused()
    field = page.get_by_label("Brugernavn")
    expect(field).to_have_attribute("aria-invalid", "true")
    described_by = field.get_attribute("aria-describedby")
    expect(page.locator(f"#{described_by}")).to_contain_text("Feltet skal udfyldes")
    assert_accessible(page)


def test_the_session_warns_before_the_idle_limit_and_can_be_extended(page, live_server, randers_therapist, settings):
    settings.FORLOB_SESSION_IDLE_SECONDS = 8
    settings.FORLOB_SESSION_WARNING_SECONDS = 6
    log_in(page, live_server, randers_therapist)
    page.goto(live_server.url + "/forside/")
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible(timeout=5_000)
    stay = page.get_by_role("button", name="Bliv logget ind")
    expect(stay).to_be_focused()
    stay.click()
    expect(dialog).to_be_hidden()
    time.sleep(0.5)
    expect(page).to_have_url(re.compile(r"/\?next=%2Fforside%2F"), timeout=15_000)
    expect(page.get_by_text("uden aktivitet")).to_be_visible()


def test_the_administration_pages_pass_the_accessibility_check(
    page, live_server, randers_admin, randers_centre, assert_accessible
):
    log_in(page, live_server, randers_admin)
    standard = QualityStandard.objects.get(municipality__code="730")
    for path in [
        "/admin/",
        "/admin/organisations/user/",
        f"/admin/organisations/user/{randers_admin.pk}/change/",
        "/admin/organisations/centre/",
        f"/admin/organisations/centre/{randers_centre.pk}/change/",
        "/admin/standards/qualitystandard/",
        f"/admin/standards/qualitystandard/{standard.pk}/change/",
        f"/admin/standards/qualitystandard/{standard.pk}/new-version/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_the_demo_code_page_explains_that_a_used_code_must_wait_for_the_next(
    page, live_server, randers_therapist, settings, assert_accessible
):
    settings.FORLOB_DEMO = True
    page.goto(live_server.url + "/")
    page.get_by_label("Brugernavn").fill(randers_therapist.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()
    note = page.locator("[data-demo-note]")
    expect(note).to_contain_text("Demoinstallation")
    expect(note).to_contain_text("Hver kode kan kun bruges én gang")
    expect(note).to_contain_text("hvert 30. sekund")
    assert_accessible(page)
    code = page.locator("[data-demo-code]").inner_text()
    page.get_by_label("Kode fra din godkendelsesapp").fill(code)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/forside/$"))
    page.locator(".site-header").get_by_role("button", name="Log ud").click()
    # Straight back in: unless a new 30-second step has begun, the page says the code is used.
    page.get_by_label("Brugernavn").fill(randers_therapist.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_label("Kode fra din godkendelsesapp")).to_be_focused()
    if page.locator("[data-demo-code]").count() == 0:
        expect(note).to_contain_text("allerede brugt")
    else:
        assert page.locator("[data-demo-code]").inner_text() != code
    assert_accessible(page)
