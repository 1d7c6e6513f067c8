"""The caseload pages, the worklist's role queues and the course page pass axe (WCAG 2.1 A/AA),
also with form errors; a manager moves a leaver's caseload through the browser."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from courses import services
from courses.models import Course
from organisations.models import Membership, Role, Team
from tests.conftest import staff
from tests.e2e.conftest import log_in
from tests.factories import CitizenFactory


def _requested(centre, by, days_ago: int, first_name: str):
    day = timezone.localdate() - timedelta(days=days_ago)
    citizen = CitizenFactory(centre=centre, first_name=first_name, last_name="Prøvesen")
    course = services.course_open(citizen=citizen, by=by, kind="drug", first_contact_on=day)
    services.treatment_request_register(
        course=course, by=by, expressed_on=day, channel="phone", expressed_by="Borgeren"
    )
    return course


def _visit(page, live_server, assert_accessible, paths):
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)


def test_the_caseload_pages_pass_the_accessibility_check(page, live_server, randers_centre, assert_accessible):
    team = Team.objects.create(centre=randers_centre, name="Team Nord")
    visitator = staff(randers_centre, Role.VISITATOR, username="anna-visitator")
    Membership.objects.filter(user=visitator).update(team=team)
    course = _requested(randers_centre, visitator, 20, "Karla")
    _requested(randers_centre, visitator, 2, "Kurt")
    log_in(page, live_server, visitator)
    _visit(
        page,
        live_server,
        assert_accessible,
        [
            "/sagsstammer/",
            "/sagsstammer/team/",
            f"/sagsstammer/forloeb/{course.pk}/ansvarlig/",
            "/opgaver/",
            "/forside/",
        ],
    )
    # A hand-over to nobody: the error is tied to the field.
    page.goto(f"{live_server.url}/sagsstammer/forloeb/{course.pk}/ansvarlig/")
    page.locator("#id_responsible").select_option("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_responsible")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_a_manager_moves_a_leavers_caseload(page, live_server, randers_centre, assert_accessible):
    leaver = staff(randers_centre, Role.VISITATOR, username="leaver-visitator")
    successor = staff(randers_centre, Role.THERAPIST, username="successor-behandler")
    manager = staff(randers_centre, Role.MANAGER, username="lene-leder")
    stays = _requested(randers_centre, leaver, 10, "Karla")
    moves = _requested(randers_centre, leaver, 3, "Kurt")
    log_in(page, live_server, manager)
    _visit(page, live_server, assert_accessible, ["/sagsstammer/oversigt/", f"/sagsstammer/overfoersel/{leaver.pk}/"])
    page.locator("main form button[type=submit]").click()  # no new worker chosen
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    page.locator(f"tr[data-course='{stays.pk}'] input[type=checkbox]").uncheck()
    page.locator("#id_to_user").select_option(str(successor.pk))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_count(1)
    assert page.url.endswith("/sagsstammer/oversigt/")
    assert list(Course.objects.filter(responsible=successor).values_list("pk", flat=True)) == [moves.pk]
    assert_accessible(page)


def test_the_authoritys_queue_and_course_page_pass_the_accessibility_check(
    page, live_server, randers_centre, assert_accessible
):
    visitator = staff(randers_centre, Role.VISITATOR, username="anna-visitator")
    authority = staff(randers_centre, Role.AUTHORITY, username="randers-myndighed")
    course = _requested(randers_centre, visitator, 5, "Karla")
    log_in(page, live_server, authority)
    _visit(page, live_server, assert_accessible, ["/opgaver/", "/forside/", f"/forloeb/{course.pk}/"])
