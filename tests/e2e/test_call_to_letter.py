"""One case from the phone call to the letter sent, as staff click through it, in two
municipalities: the visitator registers the caller (and opens the course in the same step),
records the advice talk where she asks for treatment, and completes the assessment; the authority
finds the course on the home page's "awaits your decision", refuses in writing, produces the
letter and records it as sent.

Every page the browser loads is counted (logins apart): at most half of the 24 a first user
needed before the casework was streamlined."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.cpr import fictional_cpr
from organisations.models import Role
from tests.conftest import staff
from tests.e2e.conftest import log_in
from tests.e2e.test_intake_to_decision import open_section_of

MOST_PAGE_LOADS = 12  # half of the 24 of issue 10's walk-through

AREAS = ["drug_use", "social_conditions", "health", "work_education", "other_matters", "other_help_needed"]


class PageLoads:
    """Counts the pages the browser loads in its main frame (a download loads none)."""

    def __init__(self, page):
        self.count = 0
        page.on("load", self._loaded)

    def _loaded(self, _page) -> None:
        self.count += 1


def submit(page, value: str | None = None) -> None:
    selector = f'main form button[type=submit][value="{value}"]' if value else "main form button[type=submit]"
    page.locator(selector).last.click()


@pytest.mark.parametrize("centre_fixture", ["randers_centre", "mariagerfjord_centre"])
def test_a_case_from_phone_call_to_letter_sent_takes_at_most_twelve_page_loads(
    page, live_server, request, centre_fixture, assert_accessible
):
    centre = request.getfixturevalue(centre_fixture)
    code = centre.municipality.code
    visitator = staff(centre, Role.VISITATOR, username=f"visitator-{code}")
    authority = staff(centre, Role.AUTHORITY, username=f"myndighed-{code}")
    today = timezone.localdate()

    # The visitator takes the call.
    log_in(page, live_server, visitator)
    page.wait_for_load_state("load")  # the home page after the login is not the case's
    loads = PageLoads(page)
    page.get_by_role("link", name="Registrér en borger").first.click()
    page.locator("#id_cpr").fill(fictional_cpr(date(1991, 4, 2)))
    page.locator("#id_first_name").fill("Karla")
    page.locator("#id_last_name").fill("Opkaldsen")
    page.locator("#id_contact_channel").select_option("phone")
    page.locator("#id_open_course").select_option("drug")
    submit(page)
    expect(page.locator("[data-course-state]")).to_have_attribute("data-course-state", "advice")
    course_url = page.url

    page.locator("a[href$='/raadgivning/']").first.click()
    page.locator("#id_summary").fill("Ønsker behandling for sit forbrug af hash.")
    page.locator("#id_other_help_assessment").fill("Ingen anden hjælp nødvendig.")
    page.locator("#id_outcome").select_option("request")
    page.locator("#id_channel").select_option("phone")
    submit(page)
    expect(page.locator("[data-course-state]")).to_have_attribute("data-course-state", "requested")

    # The assessment: one page, its five areas each in a section of its own.
    page.locator("a[href*='/afdaekning/']").first.click()
    page.locator("#id_started_on").fill(today.isoformat())
    page.locator("#id_instrument").select_option(index=1)
    page.locator("#id_told_how_it_works").check()
    for area in AREAS:
        open_section_of(page, area)
        page.locator(f"#id_{area}").fill("Beskrevet sammen med borgeren.")
    page.locator("#id_children_at_home_asked").check()
    page.locator("#id_children_at_home_count").fill("0")
    page.locator("#id_pregnancy").select_option("none")
    submit(page, "complete")
    expect(page.locator("main")).to_contain_text("Afdækningen er afsluttet")
    visitator_loads = loads.count

    # The authority finds the course waiting, decides, produces and sends the letter.
    page.locator("header form[data-logout] button").click()
    log_in(page, live_server, authority)
    page.wait_for_load_state("load")
    loads.count = 0
    page.locator("[data-queue='awaiting_decision'] a").click()
    page.locator("#awaiting-decision a[href$='/ny/']").first.click()
    page.locator("#id_outcome").select_option("refusal")
    page.locator("#id_form").select_option("written")
    page.locator("#id_decided_on").fill(today.isoformat())
    page.locator("#id_reasons").fill("Forbruget er ikke behandlingskrævende.")
    page.locator("#id_legal_basis").fill("Servicelovens § 101, stk. 1.")
    page.locator("#id_considerations").fill("Lavt og stabilt forbrug.")
    page.locator("#id_key_facts").fill("Afdækningen viser et lavt forbrug.")
    page.locator("#id_other_help").fill("Rådgivning efter servicelovens § 10.")
    page.locator("#id_not_dual_diagnosis").check()
    submit(page)
    page.locator("main form[action$='/brev/'] button").click()
    page.locator("main form[action$='/brev/sendt/'] button").click()
    expect(page.locator("[data-dispatches]")).to_contain_text(today.strftime("%d.%m.%Y"))
    assert_accessible(page)
    authority_loads = loads.count

    total = visitator_loads + authority_loads
    assert total <= MOST_PAGE_LOADS, f"{visitator_loads} + {authority_loads} page loads from call to letter"
    page.goto(course_url)
    expect(page.locator("[data-course-state]")).to_have_attribute("data-course-state", "decided")
