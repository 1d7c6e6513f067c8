"""The worklist with the treatment stages' rows (a follow-up carried out by another provider, an
open duty, a repeated no-show) and the home page's count pass axe (WCAG 2.1 A/AA)."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from appointments import services as appointment_services
from assessments.models import Task, TaskKind
from decisions.models import Decision
from discharges import services as discharge_services
from organisations.models import Centre
from tests.e2e.conftest import log_in
from tests.factories import CentreFactory
from tests.pathway import course_in_treatment


def test_the_worklist_with_follow_ups_duties_and_no_shows_passes_the_accessibility_check(
    page, live_server, randers_centre, randers_therapist, assert_accessible
):
    today = timezone.localdate()
    provider = CentreFactory(
        municipality=randers_centre.municipality, name="Privat Behandling ApS", kind=Centre.Kind.EXTERNAL_PRIVATE
    )
    discharged = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=150)
    Decision.objects.filter(course=discharged).update(provider=provider)
    discharge_services.discharge_record(
        course=discharged,
        by=randers_therapist,
        discharged_on=today - timedelta(days=40),  # the 1-month follow-up is overdue
        reason="completed",
        drug_use_status="unknown",
        self_help_contact="unknown",
        drug_free_partner="unknown",
        housing="unknown",
        income="unknown",
        told_about_follow_up=True,
    )
    in_treatment = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=150)
    Task.objects.create(course=in_treatment, kind=TaskKind.NALOXONE, created_on=today - timedelta(days=12))
    for days_ago in (20, 13):
        appointment = appointment_services.appointment_book(
            course=in_treatment,
            by=randers_therapist,
            kind="individual",
            starts_at=timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10))),
            worker=randers_therapist,
        )
        appointment_services.attendance_record(appointment=appointment, by=randers_therapist, attendance="no_show")

    log_in(page, live_server, randers_therapist)
    for path in ["/opgaver/", "/opgaver/?vis=team", "/opgaver/?vis=centre"]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
    page.goto(live_server.url + "/opgaver/")
    expect(page.locator("tr[data-deadline=follow_up] [data-provider]").first).to_contain_text("Privat Behandling ApS")
    expect(page.locator("tr[data-duty=naloxone]")).to_have_count(1)
    expect(page.locator(f"tr[data-no-show='{in_treatment.pk}']")).to_have_count(1)
    page.locator("tr[data-duty=naloxone] a").click()
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    page.goto(live_server.url + "/forside/")
    expect(page.locator("#my-work")).to_have_count(1)
    assert_accessible(page)
