"""The manager's page /indberetning/: role, scope, counts, the error list, the file, marking a month."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent, AuditEventCitizen
from organisations.models import Role
from smdb import rules, selectors
from smdb.models import MonthlyReport
from tests.conftest import staff, verified_client

URL = "/indberetning/"


@pytest.fixture
def manager(world, randers_centre):
    return staff(randers_centre, Role.MANAGER, username="smdb-leder")


def test_the_page_shows_counts_and_the_errors_without_cpr(world, manager):
    response = verified_client(manager).get(URL, {"kommune": "730", "aar": "2027", "maaned": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("courses:detail", args=[world.incomplete.pk])}"' in html
    assert world.incomplete.citizen.cpr_masked in html
    for course in (world.requested, world.started, world.discharged, world.incomplete):
        cpr = course.citizen.cpr
        assert cpr not in html and cpr.replace("-", "") not in html
    assert response.context["export"].counts[rules.REQUEST] == 3
    read = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, changes__list="smdb:index").get()
    assert read.changes["citizens"] == [world.incomplete.citizen_id]
    assert AuditEventCitizen.objects.filter(event=read, citizen_id=world.incomplete.citizen_id).exists()


def test_without_a_choice_the_page_shows_last_month(world, manager):
    response = verified_client(manager).get(URL)
    assert response.status_code == 200
    assert (response.context["year"], response.context["month"]) == (2027, 2)


def test_only_managers_see_the_page(world, randers_centre, randers_visitator):
    assert verified_client(randers_visitator).get(URL).status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED).exists()


def test_another_municipality_looks_missing(world, manager, odsherred_manager):
    client = verified_client(manager)
    assert client.get(URL, {"kommune": "306", "aar": "2027"}).status_code == 404
    assert client.post("/indberetning/fil/", {"kommune": "306", "aar": "2027"}).status_code == 404
    response = verified_client(odsherred_manager).get(URL, {"kommune": "730", "aar": "2027"})
    assert response.status_code == 404


def test_a_bad_year_gets_a_danish_message_and_keeps_what_was_typed(world, manager):
    response = verified_client(manager).get(URL, {"kommune": "730", "aar": "to tusind", "maaned": "3"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and response.context["form"].errors["aar"]
    assert 'value="to tusind"' in html


def test_the_download_is_an_audited_attachment_no_cache_keeps(world, manager):
    client = verified_client(manager)
    assert client.get("/indberetning/fil/").status_code == 405
    response = client.post("/indberetning/fil/", {"kommune": "730", "aar": "2027", "maaned": "2"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="smdb-730-2027-02.csv"'
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert world.requested.citizen.cpr.replace("-", "") in text
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).get()
    assert event.actor == manager
    assert event.changes["first"] == "2027-02-01" and event.changes["errors"] == 1
    assert event.centre_id == world.requested.centre_id


def test_a_month_is_marked_as_reported_once_and_leaves_the_worklist(world, manager, today):
    client = verified_client(manager)
    due = selectors.reports_due(manager, today)
    assert (due[-1].year, due[-1].month, due[-1].overdue) == (2027, 1, True)  # due 15 February
    assert all(d.municipality_code == "730" for d in due)
    response = client.post("/indberetning/indberettet/", {"kommune": "730", "aar": "2027", "maaned": "1"})
    assert response.status_code == 302
    report = MonthlyReport.objects.get()
    assert (report.year, report.month, report.reported_on, report.reported_by) == (2027, 1, today, manager)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type="smdb.MonthlyReport").count() == 1
    assert (2027, 1) not in {(d.year, d.month) for d in selectors.reports_due(manager, today)}
    again = client.post("/indberetning/indberettet/", {"kommune": "730", "aar": "2027", "maaned": "1"}, follow=True)
    assert MonthlyReport.objects.count() == 1
    assert "allerede" in again.content.decode() or "already" in again.content.decode()
    # February has not been due for a week yet on 1 March; it cannot be marked before it ends either.
    assert (2027, 2) not in {(d.year, d.month) for d in selectors.reports_due(manager, today)}
    client.post("/indberetning/indberettet/", {"kommune": "730", "aar": "2027", "maaned": "3"})
    assert MonthlyReport.objects.count() == 1


def test_the_worklist_include_lists_the_months_due(world, manager, today):
    from django.template.loader import render_to_string

    html = render_to_string("smdb/includes/reports_due.html", {"reports_due": selectors.reports_due(manager, today)})
    assert "kommune=730&amp;aar=2027&amp;maaned=1" in html
    assert "15.02.2027" in html or "15-02-2027" in html or "15.2.2027" in html
    assert selectors.reports_due(staff(world.requested.centre, Role.THERAPIST, username="x"), today) == []
    assert render_to_string("smdb/includes/reports_due.html", {"reports_due": []}).strip() == ""


def test_reports_due_reads_one_query(world, manager, today, django_assert_num_queries):
    selectors.reports_due(manager, today)  # the memberships, once per request
    with django_assert_num_queries(1):
        selectors.reports_due(manager, today)
    assert date(2027, 1, 1) == selectors.reports_due(manager, today)[-1].first_day
