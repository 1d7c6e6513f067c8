"""The report page to Stofmisbrugsdatabasen: axe (WCAG 2.1 A/AA), the file downloads, no sideways
scrolling on a phone-sized screen."""

from pathlib import Path

from django.utils import timezone

from organisations.models import Role
from tests.conftest import staff
from tests.e2e.conftest import log_in
from tests.pathway import course_in_treatment


def test_the_report_page_is_accessible_and_downloads_the_file(page, live_server, randers_centre, assert_accessible):
    course = course_in_treatment(randers_centre, days_ago=40)
    year = course.treatment_started_on.year
    manager = staff(randers_centre, Role.MANAGER, username="randers-leder-smdb")
    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}/indberetning/?kommune=730&aar={year}&maaned=")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hent filen (CSV)").or_(
            page.get_by_role("button", name="Download the file (CSV)")
        ).click()
    download = download_info.value
    assert download.suggested_filename == f"smdb-730-{year}.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert course.citizen.cpr.replace("-", "") in text
    assert course.citizen.cpr not in page.content()
    page.goto(f"{live_server.url}/indberetning/?kommune=730&aar=to+tusind")
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/indberetning/?kommune=730&aar={timezone.localdate().year}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
