"""The citizen's pages (header, search, corrections, protected address) pass axe and work in a browser."""

from datetime import date

from playwright.sync_api import expect

from citizens import services
from citizens.models import Consent, RelatedPerson
from courses import services as course_services
from demo.cpr import fictional_cpr
from tests.e2e.conftest import log_in
from tests.factories import CitizenFactory


def search(page, live_server, query):
    page.goto(f"{live_server.url}/borgere/")
    page.locator("#id_q").fill(query)
    page.locator("main form.search button[type=submit]").click()


def test_search_correct_and_end_as_a_visitator(page, live_server, randers_centre, randers_visitator, assert_accessible):
    cpr = fictional_cpr(date(1985, 6, 15))
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen", cpr=cpr)
    course_services.course_open(citizen=citizen, by=randers_visitator, kind="drug", first_contact_on=date(2026, 1, 5))
    child = RelatedPerson.objects.create(citizen=citizen, kind="child_at_home", name="Lille Prøvesen")
    consent = services.consent_give(
        citizen=citizen, by=randers_visitator, recipient="Egen læge", scope="Medicin", given_on=date(2026, 1, 5)
    )
    log_in(page, live_server, randers_visitator)

    for query in ("PRØVESEN karla", f"{cpr[:6]}-{cpr[6:]}", cpr[:6]):
        search(page, live_server, query)
        expect(page.locator("table.list tbody a", has_text="Karla Prøvesen")).to_have_count(1)
        assert query not in page.url
        assert_accessible(page)
    search(page, live_server, "Ingensinde Fundet")
    expect(page.locator("main a[href='/borgere/ny/']").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/borgere/{citizen.pk}/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("section.citizen-header")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/borgere/personer/{child.pk}/ret/")
    assert_accessible(page)
    page.locator("#id_relation").fill("datter")
    page.locator("#id_ended_on").fill("2026-01-10")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/borgere/{citizen.pk}/")
    page.locator("details.history summary").first.click()
    expect(page.locator("details.history").first).to_contain_text("»datter«")
    assert_accessible(page)

    page.goto(f"{live_server.url}/samtykker/{consent.pk}/ret/".replace("/samtykker", "/borgere/samtykker"))
    page.locator("#id_withdrawn_on").fill("2025-01-01")  # before it was given: refused on the form
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_withdrawn_on")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.locator("#id_scope").fill("Medicin og prøvesvar")
    page.locator("#id_withdrawn_on").fill("2026-02-01")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/borgere/{citizen.pk}/")
    assert Consent.objects.get().withdrawn_on == date(2026, 2, 1)
    assert_accessible(page)

    page.goto(f"{live_server.url}/borgere/{citizen.pk}/oplysninger/")
    assert_accessible(page)


def test_a_therapist_does_not_see_a_protected_address(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    citizen = CitizenFactory(
        centre=randers_centre,
        first_name="Karla",
        last_name="Prøvesen",
        address="Hemmelig Allé 7",
        address_protected=True,
    )
    log_in(page, live_server, randers_therapist)
    for path in (f"/borgere/{citizen.pk}/", f"/borgere/{citizen.pk}/oplysninger/"):
        page.goto(live_server.url + path)
        expect(page.locator("main")).not_to_contain_text("Hemmelig Allé")
        assert_accessible(page)
    page.goto(f"{live_server.url}/borgere/{citizen.pk}/")
    expect(page.locator("section.citizen-header .citizen-alert--protected")).to_be_visible()
