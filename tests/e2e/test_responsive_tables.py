"""At 390 × 844 (a phone) the pages never scroll sideways, and a table that is wider than the
screen scrolls inside its own region, which a keyboard can reach (issue 10)."""

from django.urls import reverse

from organisations.models import Role
from standards.models import QualityStandard
from tests.conftest import staff
from tests.e2e.conftest import PHONE, log_in
from tests.pathway import course_in_treatment

# The page's own width against the screen's; and every scroll container of a table: focusable and named.
MEASURE = """() => {
  const regions = [...document.querySelectorAll('.table-scroll')].map(r => ({
    role: r.getAttribute('role'), name: r.getAttribute('aria-label') || r.getAttribute('aria-labelledby'),
    tabindex: r.getAttribute('tabindex'),
  }));
  const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391)
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40));
  return {scrollWidth: document.documentElement.scrollWidth, regions, wide};
}"""


OWN_PAGES = ("/kvalitetsstandarder/", "/offentlig/", "/centre/", "/logning/", "/noedadgang/")


def test_no_page_scrolls_sideways_on_a_phone(phone, live_server, randers_centre, assert_accessible):
    worker = staff(randers_centre, Role.VISITATOR, Role.AUTHORITY, Role.MANAGER, username="telefon-bruger")
    course = course_in_treatment(randers_centre, days_ago=40)
    standard = QualityStandard.objects.get(municipality__code="730")
    paths = [
        reverse("deadlines:worklist"),
        reverse("deadlines:worklist") + "?vis=centre",
        reverse("citizens:index"),
        reverse("citizens:detail", args=[course.citizen_id]),
        reverse("courses:detail", args=[course.pk]),
        reverse("standards:index"),
        reverse("standards:detail", args=[standard.pk]),
        reverse("public:public", args=["730"]),
        reverse("organisations:centre_list"),
        reverse("organisations:centre_detail", args=[randers_centre.pk]),
        reverse("organisations:role_requests"),
        reverse("audit:citizen_access", args=[course.citizen_id]),
        reverse("audit:refused_attempts"),
        reverse("emergency:review_list"),
    ]
    log_in(phone, live_server, worker)
    for path in paths:
        phone.goto(live_server.url + path)
        measured = phone.evaluate(MEASURE)
        assert measured["scrollWidth"] <= PHONE["width"], (path, measured)
        for region in measured["regions"]:
            assert region == {**region, "role": "region", "tabindex": "0"} and region["name"], (path, region)
        if path.startswith(OWN_PAGES):  # the pages this change wrapped: axe at phone width too
            assert_accessible(phone)


def test_a_wide_table_scrolls_inside_its_region_with_the_keyboard(phone, live_server, randers_centre):
    manager = staff(randers_centre, Role.MANAGER, username="telefon-leder")
    standard = QualityStandard.objects.get(municipality__code="730")
    log_in(phone, live_server, manager)
    phone.goto(live_server.url + reverse("standards:detail", args=[standard.pk]))
    region = phone.locator(".table-scroll").first
    region.focus()
    assert phone.evaluate("document.activeElement.classList.contains('table-scroll')")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
