"""The anonymous services' counts page passes axe (WCAG 2.1 A/AA), also with a year of junk and on
a phone-sized screen (no sideways scrolling)."""

from datetime import date

from django.utils import timezone

from anonymous.models import State
from organisations.models import Role
from tests.anonymous.reporting.helpers import anonymous_client
from tests.conftest import staff
from tests.e2e.conftest import log_in


def test_the_counts_page_is_accessible(page, live_server, randers_centre, assert_accessible):
    this_year = timezone.localdate().year
    for month in (1, 2, 2, 5):
        anonymous_client(
            randers_centre,
            first_contact_on=date(this_year, month, 3),
            state=State.ELIGIBLE,
            decided_on=date(this_year, month, 4),
        )
    manager = staff(randers_centre, Role.MANAGER, username="randers-leder-tal")
    log_in(page, live_server, manager)
    page.goto(live_server.url + "/anonym/tal/")
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img]").count() == 1
    assert_accessible(page)
    page.goto(live_server.url + "/anonym/tal/?aar=to+tusind")
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/anonym/tal/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
