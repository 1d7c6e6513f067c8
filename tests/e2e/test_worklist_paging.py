"""A long worklist and caseload go a page at a time (issue 12, "Scale"): each section has its own
next/previous links that keep the others where they were, lead back to the section, and pass axe
(WCAG 2.1 A/AA); at 390 px nothing scrolls sideways."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from courses import services as course_services
from organisations.models import Role
from tests.conftest import staff
from tests.e2e.conftest import PHONE, log_in
from tests.factories import CitizenFactory


def test_a_long_worklist_pages_section_by_section(page, live_server, randers_centre, assert_accessible):
    visitator = staff(randers_centre, Role.VISITATOR, username="e2e-paging")
    today = timezone.localdate()
    for n in range(30):  # 30 requests whose guarantee, assessment and decision are overdue: pages of overdue rows
        course = course_services.course_open(
            citizen=CitizenFactory(centre=randers_centre),
            by=visitator,
            kind="drug",
            first_contact_on=today - timedelta(days=20 + n),
        )
        course_services.treatment_request_register(
            course=course,
            by=visitator,
            expressed_on=today - timedelta(days=20 + n),
            channel="phone",
            expressed_by="Borgeren",
        )
    log_in(page, live_server, visitator)
    page.goto(live_server.url + "/opgaver/?vis=centre")
    overdue = page.locator("#forsinket")
    expect(overdue.locator("caption")).to_contain_text("25 af")
    expect(overdue.locator("tbody tr")).to_have_count(25)
    new_requests = page.locator("#nye tbody tr").all_inner_texts()
    first_rows = overdue.locator("tbody tr").all_inner_texts()
    assert_accessible(page)
    pager = page.locator("#forsinket + nav")  # the overdue section's own pager, right below its table
    pager.locator("a[rel=next]").click()
    expect(pager.locator("a[rel=prev]")).to_have_text("Forrige side")
    assert overdue.locator("tbody tr").all_inner_texts() != first_rows  # the next rows
    assert "vis=centre" in page.url and page.url.endswith("#forsinket")
    assert page.locator("#nye tbody tr").all_inner_texts() == new_requests  # the other sections stay put
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(live_server.url + "/sagsstammer/")
    expect(page.locator("[data-caseload] caption")).to_contain_text("30")
    expect(page.locator("[data-caseload] tbody tr")).to_have_count(30)
    assert_accessible(page)
