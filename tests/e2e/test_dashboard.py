"""The manager's key figures, their definitions and a drill-down pass axe (WCAG 2.1 A/AA), also
with a filter error, and the chart is an image with a name and its numbers in a table."""

from datetime import date

from playwright.sync_api import expect

from organisations.models import Role
from tests.conftest import staff
from tests.dashboard.conftest import guaranteed_course
from tests.e2e.conftest import log_in


def test_the_dashboard_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_manager, assert_accessible
):
    worker = staff(randers_centre, Role.VISITATOR, Role.THERAPIST, username="randers-e2e-arbejder")
    guaranteed_course(randers_centre, worker, requested=date(2026, 3, 2), started=date(2026, 3, 10), responsible=worker)
    guaranteed_course(randers_centre, worker, requested=date(2026, 4, 1), started=date(2026, 4, 25), responsible=worker)
    log_in(page, live_server, randers_manager)
    query = f"?enhed=c{randers_centre.pk}&aar=2026"
    for path in [
        "/ledelse/" + query,
        "/ledelse/definitioner/",
        "/ledelse/behandlingsgaranti/forloeb/" + query,
        "/ledelse/" + query.replace("aar=2026", "fra=2026-13&til=2026-01"),
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
    page.goto(live_server.url + "/ledelse/" + query)
    chart = page.locator("#behandlingsgaranti svg[role=img]")
    expect(chart).to_have_count(1)
    page.locator("#behandlingsgaranti details summary").first.click()
    expect(page.locator("#behandlingsgaranti table")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
