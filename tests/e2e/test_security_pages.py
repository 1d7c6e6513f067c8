"""The pages issue 8 added, clicked through and checked with axe: enrolment with a one-time code,
a manager deciding a role request and a break-the-glass renewal, and the citizen search by POST."""

import re

from playwright.sync_api import expect

from accounts.services import operator_enrolment_code
from emergency.models import EmergencyAccess
from organisations.models import Membership, Role, RoleRequest
from tests.conftest import staff
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, CitizenFactory, MembershipFactory, UserFactory


def test_a_newcomer_enrols_only_with_the_code_sent_to_them(page, live_server, randers_centre, assert_accessible):
    newcomer = UserFactory(username="randers-nyansat", email="ny@example.invalid")
    MembershipFactory(user=newcomer, centre=randers_centre, role=Role.THERAPIST)
    code = operator_enrolment_code(user=newcomer, reason="Ny medarbejder")
    page.goto(live_server.url + "/")
    page.get_by_label("Brugernavn").fill(newcomer.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()
    expect(page).to_have_url(re.compile(r"/log-ind/opsaet-app/"))
    assert_accessible(page)

    code_field = page.locator("[name=enrolment_code]")
    code_field.fill("FORKERT1")
    code_field.press("Enter")
    expect(code_field).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.locator("[name=enrolment_code]").fill(code)
    page.locator("[name=enrolment_code]").press("Enter")
    expect(page.locator("main svg").first).to_be_visible()  # only now the QR code
    assert_accessible(page)


def test_a_manager_approves_a_role_request_an_administrator_filed(
    page, live_server, randers_centre, randers_admin, randers_manager, assert_accessible
):
    newcomer = UserFactory(username="randers-kommende")
    RoleRequest.objects.create(
        user=newcomer,
        centre=randers_centre,
        role=Role.THERAPIST,
        reason="Ny behandler fra 1. marts",
        requested_by=randers_admin,
    )
    log_in(page, live_server, randers_manager)
    page.get_by_role("link", name="Rolleanmodninger").click()
    expect(page.locator("h1")).to_have_text("Rolleanmodninger")
    assert_accessible(page)
    page.get_by_role("button", name="Godkend").click()
    expect(page.get_by_role("status")).to_have_text("Rollen er tildelt.")
    expect(page.get_by_text("Ingen rolleanmodninger afventer beslutning.")).to_be_visible()
    assert_accessible(page)
    assert Membership.objects.filter(user=newcomer, centre=randers_centre, role=Role.THERAPIST).exists()


def test_a_manager_sees_a_pending_renewal_on_the_review_list(
    page, live_server, randers_centre, fredericia_centre, randers_manager, assert_accessible
):
    citizen = CitizenFactory(centre=randers_centre, first_name="Viggo", last_name="Prøvesen")
    visitator = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    EmergencyAccess.objects.create(
        user=visitator,
        citizen=citizen,
        reason="Borgeren er indlagt igen, og afdelingen spørger til dosis.",
        state=EmergencyAccess.State.PENDING,
    )
    log_in(page, live_server, randers_manager)
    page.goto(live_server.url + "/noedadgang/gennemgang/")
    expect(page.get_by_role("button", name="Godkend")).to_be_visible()
    assert_accessible(page)


def test_the_citizen_search_is_sent_by_post_and_keeps_the_cpr_out_of_the_address(
    page, live_server, randers_centre, randers_visitator, assert_accessible
):
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen")
    log_in(page, live_server, randers_visitator)
    page.goto(live_server.url + "/borgere/")
    search = page.get_by_label("Navn, CPR-nummer eller fødselsdato")
    search.fill(citizen.cpr)
    search.press("Enter")
    expect(page.get_by_role("link", name=re.compile("Karla Prøvesen"))).to_be_visible()
    assert citizen.cpr not in page.url and citizen.cpr[:6] not in page.url
    assert_accessible(page)
    history = page.evaluate("() => JSON.stringify(window.sessionStorage)")
    assert citizen.cpr not in history  # nothing of the search kept in the tab
