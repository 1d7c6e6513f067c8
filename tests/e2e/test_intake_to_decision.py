"""The pathway through the browser: a visitator registers a citizen, records an advice talk
where the citizen asks for treatment (which registers the request) and completes the
assessment; the authority refuses, and the letter downloads as a PDF with the complaint
guidance and its concrete deadline in it."""

import io
import re
from datetime import date, timedelta

from django.utils import formats, timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader

from demo.cpr import fictional_cpr
from forlob.dates import next_working_day
from organisations.models import Role
from tests.conftest import staff
from tests.e2e.conftest import log_in


def open_section_of(page, field: str) -> None:
    """The assessment's areas are sections that open and close (<details>): open the field's."""
    section = page.locator(f"details:has(#id_{field})")
    if section.get_attribute("open") is None:
        section.locator("> summary").click()


def submit(page, value: str | None = None) -> None:
    selector = f'main form button[type=submit][value="{value}"]' if value else "main form button[type=submit]"
    page.locator(selector).last.click()


def test_from_first_contact_to_a_refusal_letter(
    page, live_server, randers_centre, randers_visitator, assert_accessible
):
    today = timezone.localdate()
    authority = staff(randers_centre, Role.AUTHORITY, username="randers-myndighed")
    log_in(page, live_server, randers_visitator)

    # 1. Register the citizen.
    page.goto(f"{live_server.url}/borgere/ny/")
    page.locator("#id_cpr").fill(fictional_cpr(date(1988, 9, 14)))
    page.locator("#id_first_name").fill("Esther")
    page.locator("#id_last_name").fill("Prøvesen")
    page.locator("#id_contact_channel").select_option("sms")
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Esther Prøvesen")
    assert_accessible(page)

    # 2. Open a course at the first contact; the advice talk where she asks for treatment
    #    registers the request in the same step.
    page.locator("form.inline-open button").click()  # on the citizen's page, no page of its own
    expect(page.locator("[data-course-state]")).to_have_attribute("data-course-state", "advice")
    page.locator("a[href$='/raadgivning/']").click()
    expect(page.locator("fieldset[data-request-details]")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_summary").fill("Ønsker behandling for sit forbrug af kokain.")
    page.locator("#id_other_help_assessment").fill("Ingen anden hjælp nødvendig.")
    page.locator("#id_outcome").select_option("request")
    page.locator("#id_channel").select_option("phone")
    submit(page)
    expect(page.locator("[data-course-state]")).to_have_attribute("data-course-state", "requested")
    guarantee = page.locator('tr[data-deadline="guarantee"]')
    expect(guarantee).to_contain_text((today + timedelta(days=14)).strftime("%d.%m.%Y"))
    assert_accessible(page)
    course_url = page.url

    # 3. The assessment, with every mandatory area.
    page.locator("a[href*='/afdaekning/']").first.click()
    page.locator("#id_started_on").fill(today.isoformat())
    for area in ["drug_use", "social_conditions", "health", "work_education", "other_matters", "other_help_needed"]:
        open_section_of(page, area)
        page.locator(f"#id_{area}").fill("Beskrevet sammen med borgeren.")
    page.locator("#id_instrument").select_option("ASI")
    page.locator("#id_told_how_it_works").check()
    page.locator("#id_children_at_home_asked").check()
    page.locator("#id_children_at_home_count").fill("0")
    page.locator("#id_pregnancy").select_option("none")
    submit(page, "complete")
    page.goto(course_url)
    expect(page.locator("[data-course-state]")).to_have_attribute("data-course-state", "assessed")

    # 4. The authority refuses, in writing, and generates the letter.
    page.locator("header form[data-logout] button").click()
    log_in(page, live_server, authority)
    page.goto(course_url)
    page.locator("a[href*='/afgoerelser/'][href$='/ny/']").click()
    page.locator("#id_outcome").select_option("refusal")
    page.locator("#id_form").select_option("written")
    page.locator("#id_decided_on").fill(today.isoformat())
    page.locator("#id_reasons").fill("Forbruget er ikke behandlingskrævende.")
    page.locator("#id_legal_basis").fill("Serviceloven § 101, stk. 1.")
    page.locator("#id_considerations").fill("Lavt og stabilt forbrug.")
    page.locator("#id_key_facts").fill("Afdækningen viser et lavt forbrug.")
    page.locator("#id_other_help").fill("Rådgivning efter serviceloven § 10.")
    page.locator("#id_not_dual_diagnosis").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/afgoerelser/forloeb/\d+/$"))
    assert_accessible(page)
    page.locator("main form[action$='/brev/'] button").click()

    # 5. The letter downloads as a PDF with the complaint guidance and its concrete date.
    with page.expect_download() as download:
        page.locator("[data-letter-download]").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Esther Prøvesen" in text
    assert "klage" in text.lower()
    deadline = next_working_day(today + timedelta(weeks=4))  # counted from the letter, moved off a holiday
    with translation.override("da"):
        assert f"senest den {formats.date_format(deadline, 'j. F Y')}" in text
    assert "Klagevejledning" in text and "Ankestyrelsen" in text
    assert "88-99" not in text and fictional_cpr(date(1988, 9, 14)) not in text  # no CPR number in the letter

    # 6. Sending is a recorded step: the decision page shows when, how and by whom.
    page.locator("main form[action$='/brev/sendt/'] button").click()
    expect(page.locator("[data-dispatches]")).to_contain_text(today.strftime("%d.%m.%Y"))
    assert_accessible(page)
