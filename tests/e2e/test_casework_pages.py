"""Citizens, course and worklist pages pass axe (WCAG 2.1 A/AA), also with form errors."""

from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from audit.models import AuditEvent
from audit.services import audit_record
from courses import services
from tests.e2e.conftest import log_in
from tests.factories import CitizenFactory


def test_the_casework_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_visitator, assert_accessible
):
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen")
    course = services.course_open(citizen=citizen, by=randers_visitator, kind="drug", first_contact_on=date(2026, 1, 5))
    services.treatment_request_register(
        course=course, by=randers_visitator, expressed_on=date(2026, 1, 5), channel="phone", expressed_by="Borgeren"
    )
    log_in(page, live_server, randers_visitator)
    for path in [
        "/borgere/",
        "/borgere/?q=karla",
        f"/borgere/{citizen.pk}/",
        f"/borgere/{citizen.pk}/oplysninger/",
        f"/borgere/{citizen.pk}/personer/ny/",
        f"/borgere/{citizen.pk}/samtykker/ny/",
        f"/forloeb/{course.pk}/",
        f"/forloeb/{course.pk}/fravalg-af-garanti/",
        f"/forloeb/{course.pk}/afslut/",
        f"/indsigt/borger/{citizen.pk}/",
        "/noedadgang/",
        "/opgaver/",
        "/opgaver/?vis=centre",
        "/forside/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)

    page.goto(f"{live_server.url}/borgere/ny/")
    page.locator("#id_cpr").fill("3102859900")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_cpr")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.goto(f"{live_server.url}/forloeb/{course.pk}/afslut/")
    page.locator("#id_closed_on").fill(timezone.localdate().isoformat())
    page.locator("#id_kind").select_option("other")  # "other reason" needs a text
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_the_managers_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, randers_manager, assert_accessible
):
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen")
    audit_record(  # a refused probe, shown on the access log and the list of refused attempts
        actor=None,
        username="fredericia-visitator",
        action=AuditEvent.Action.ACCESS_DENIED,
        citizen_id=citizen.pk,
        centre_id=randers_centre.pk,
        changes={"path": f"/borgere/{citizen.pk}/", "status": 404},
    )
    log_in(page, live_server, randers_manager)
    for path in [
        f"/borgere/{citizen.pk}/",
        f"/logning/borger/{citizen.pk}/",
        "/noedadgang/gennemgang/",
        "/logning/afviste-forsoeg/",
        f"/indsigt/borger/{citizen.pk}/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
