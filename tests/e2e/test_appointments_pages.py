"""The booking form (also with an error), the week calendar (also at 390 px) and the attendance
page pass axe (WCAG 2.1 A/AA)."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from appointments.models import Appointment
from tests.e2e.conftest import log_in
from tests.pathway import course_in_treatment


def test_the_appointment_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)
    now = timezone.now()
    past = Appointment.objects.create(
        course=course, worker=randers_therapist, booked_by=randers_therapist, starts_at=now - timedelta(hours=1)
    )
    Appointment.objects.create(
        course=course, worker=randers_therapist, booked_by=randers_therapist, starts_at=now, place="Lokale 2"
    )
    log_in(page, live_server, randers_therapist)
    for path in [
        f"/forloeb/{course.pk}/",
        f"/aftaler/forloeb/{course.pk}/ny/",
        f"/aftaler/forloeb/{course.pk}/samtykke/",
        f"/aftaler/{past.pk}/fremmoede/",
        "/aftaler/uge/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)

    # The booking form with an error: the summary takes focus, the field is marked invalid.
    page.goto(f"{live_server.url}/aftaler/forloeb/{course.pk}/ny/")
    page.locator("#id_starts_time").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_starts_time")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    # The calendar on a phone: no sideways scrolling, and it is reached by keyboard from the menu.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/aftaler/uge/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.goto(f"{live_server.url}/aftaler/uge/?vis=team")
    expect(page.locator("h1")).to_have_count(1)
    page.locator(".sub-nav a").nth(2).focus()  # the next week (named in Danish once translated)
    page.keyboard.press("Enter")
    page.wait_for_url("**uge=*")
    expect(page.locator("h1")).to_have_count(1)
