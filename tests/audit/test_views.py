"""Who looked at a citizen, and when: the manager's page; and refused access in the log."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record
from demo.cpr import fictional_cpr
from organisations.models import Role
from tests.conftest import staff
from tests.factories import CitizenFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(randers_centre):
    return CitizenFactory(centre=randers_centre, first_name="Alma", last_name="Fiktivsen")


def access_page(citizen, page: int | None = None) -> str:
    url = reverse("audit:citizen_access", args=[citizen.pk])
    return f"{url}?side={page}" if page else url


def test_the_url(citizen):
    assert access_page(citizen) == f"/logning/borger/{citizen.pk}/"


def test_a_manager_sees_who_read_the_citizen_and_when(as_user, randers_manager, randers_therapist, citizen):
    summer_noon_utc = datetime.datetime(2026, 7, 1, 10, 0, 5, tzinfo=datetime.UTC)
    with time_machine.travel(summer_noon_utc, tick=False):
        as_user(randers_therapist).get(reverse("citizens:detail", args=[citizen.pk]))

    response = as_user(randers_manager).get(access_page(citizen))

    assert response.status_code == 200
    html = response.content.decode()
    events = list(response.context["page"])
    assert events[0].actor == randers_manager  # opening this page is itself a read, and the newest
    read = events[-1]
    assert (read.actor_username, read.action, read.role, read.citizen_id) == (
        randers_therapist.username,
        "view",
        Role.THERAPIST,
        citizen.pk,
    )
    row = re.search(r"<tr>\s*<th scope=\"row\"><time datetime=\"2026-07-01T12:00:05\+02:00\">.*?</tr>", html, re.S)
    assert row, "the time is shown in Danish time"
    assert "01.07.2026 12:00:05" in row.group(0)
    assert randers_therapist.username in row.group(0)
    assert "Behandler" in row.group(0)  # the role, in Danish
    assert "Visning" in row.group(0)  # the action
    assert "Alma Fiktivsen" in row.group(0)  # the object


def test_a_list_or_search_that_showed_the_citizen_is_on_their_access_log(
    as_user, randers_manager, randers_visitator, citizen
):
    other = CitizenFactory(centre=citizen.centre, first_name="Bent", last_name="Andersen")
    visitator = as_user(randers_visitator)
    visitator.get(reverse("citizens:index"))  # the list shows both
    visitator.post(reverse("citizens:index"), {"q": "Fiktivsen"})  # the search shows Alma only

    response = as_user(randers_manager).get(access_page(citizen))

    seen = [e for e in response.context["page"] if e.actor_username == randers_visitator.username]
    assert [e.action for e in seen] == ["search", "view"]  # newest first
    assert "Vist i en liste eller et søgeresultat" in response.content.decode()
    others = AuditEvent.objects.about_citizen(other.pk).filter(actor=randers_visitator)
    assert [e.action for e in others] == ["view"]  # the search did not show Bent


def test_the_page_is_accessible_markup(as_user, randers_manager, citizen):
    html = as_user(randers_manager).get(access_page(citizen)).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert main.count("<h1") == 1
    assert "<caption>" in main
    assert main.count('<th scope="col">') == 6
    assert '<th scope="row">' in main
    template = (Path(settings.BASE_DIR) / "audit" / "templates" / "audit" / "citizen_access.html").read_text()
    assert "<script" not in template and "style=" not in template and "<style" not in template


def test_events_are_keyset_paged_100_a_page_newest_first(as_user, randers_manager, citizen):
    for number in range(249):
        audit_record(actor=None, action=AuditEvent.Action.VIEW, username=f"u{number}", citizen_id=citizen.pk)
    client = as_user(randers_manager)
    client.get(access_page(citizen))  # warm up the session (and read once: 250 events, then 251)

    first = client.get(access_page(citizen))
    second = client.get(access_page(citizen) + f"?efter={first.context['page'].next_after}")
    last = client.get(access_page(citizen) + f"?efter={second.context['page'].next_after}")

    assert len(first.context["page"]) == 100
    times = [(e.occurred_at, e.pk) for e in first.context["page"]]
    assert times == sorted(times, reverse=True)
    assert first.context["page"].total == 251
    # The reads made on the way are newer: the older pages do not shift (keyset, not offset).
    assert len(last.context["page"]) == 251 - 200
    seen = [e.pk for page in (first, second, last) for e in page.context["page"]]
    assert len(seen) == len(set(seen)) == 251
    assert [e.actor_username for e in last.context["page"]][-1] == "u0"
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in last.content.decode()
    assert not last.context["page"].has_next
    back = client.get(access_page(citizen) + f"?foer={last.context['page'].previous_before}")
    assert [e.pk for e in back.context["page"]] == [e.pk for e in second.context["page"]]


def test_the_queries_of_a_page_do_not_grow_with_the_log(as_user, randers_manager, randers_centre):
    few, many = (CitizenFactory(centre=randers_centre) for _ in range(2))
    for number in range(300):
        audit_record(actor=None, action=AuditEvent.Action.VIEW, username=f"u{number}", citizen_id=many.pk)
    client = as_user(randers_manager)
    client.get(access_page(few))  # warm up the session
    deep = client.get(access_page(many)).context["page"].next_after
    with CaptureQueriesContext(connection) as small:
        client.get(access_page(few))
    with CaptureQueriesContext(connection) as large:
        client.get(access_page(many))
    with CaptureQueriesContext(connection) as deeper:
        response = client.get(access_page(many) + f"?efter={deep}")
    assert len(response.context["page"]) == 100
    assert len(large) == len(small)
    assert len(deeper) == len(small) + 1  # the cursor's row


def test_a_therapist_is_refused_and_the_refusal_is_logged(as_user, randers_therapist, citizen):
    assert as_user(randers_therapist).get(access_page(citizen)).status_code == 403
    refused = AuditEvent.objects.get(action="access_denied")
    assert (refused.actor, refused.outcome, refused.changes["status"]) == (randers_therapist, "denied", 403)
    assert (refused.citizen_id, refused.centre_id, refused.role) == (citizen.pk, citizen.centre_id, Role.THERAPIST)
    assert not AuditEvent.objects.filter(action="view", citizen_id=citizen.pk).exists()


def test_another_centres_manager_gets_not_found_and_the_probe_is_logged(as_user, fredericia_outsider, citizen):
    assert as_user(fredericia_outsider).get(access_page(citizen)).status_code == 404
    probe = AuditEvent.objects.get(action="access_denied")
    assert (probe.actor, probe.outcome, probe.citizen_id) == (fredericia_outsider, "denied", citizen.pk)
    assert probe.changes == {
        "path": access_page(citizen),
        "method": "GET",
        "status": 404,
        "view": "audit:citizen_access",
    }
    assert not AuditEvent.objects.filter(action="view").exists()


def test_a_manager_elsewhere_who_only_treats_here_is_refused(as_user, randers_centre, odsherred_centre, citizen):
    user = staff(odsherred_centre, Role.MANAGER, username="leder-og-behandler")
    MembershipFactory(user=user, centre=randers_centre, role=Role.THERAPIST)
    assert as_user(user).get(access_page(citizen)).status_code == 403
    assert not AuditEvent.objects.filter(action="view", citizen_id=citizen.pk).exists()


# --- refused access in the log ---------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["citizens:detail", "citizens:edit"])
def test_a_probe_for_another_centres_record_is_logged_for_the_records_centre(
    as_user, odsherred_centre, citizen, url_name
):
    visitator_elsewhere = staff(odsherred_centre, Role.VISITATOR, username="odsherred-visitator")
    path = reverse(url_name, args=[citizen.pk])
    response = as_user(visitator_elsewhere).get(path)
    assert response.status_code == 404
    assert b"Alma" not in response.content  # the prober learns nothing
    probe = AuditEvent.objects.get(action="access_denied")
    assert (probe.actor, probe.outcome) == (visitator_elsewhere, "denied")
    assert (probe.changes["path"], probe.changes["status"], probe.changes["view"]) == (path, 404, url_name)
    # Whose record it is, so that Randers' manager sees it; the prober has no role there.
    assert (probe.citizen_id, probe.centre_id, probe.role) == (citizen.pk, citizen.centre_id, "")


@pytest.mark.parametrize("missing_id", [999999, 2**63])
def test_a_missing_record_under_the_record_pages_is_logged_without_an_owner(as_user, randers_visitator, missing_id):
    assert as_user(randers_visitator).get(reverse("citizens:detail", args=[missing_id])).status_code == 404
    probe = AuditEvent.objects.get(action="access_denied", outcome="denied")
    assert (probe.citizen_id, probe.centre_id) == (None, None)


def test_ordinary_not_found_pages_are_not_logged(as_user, fredericia_outsider, randers_centre):
    client = as_user(fredericia_outsider)
    assert client.get("/findes-ikke/").status_code == 404
    assert client.get("/borgere/findes-ikke/").status_code == 404  # no view: nothing was looked up
    assert client.get(reverse("organisations:centre_detail", args=[randers_centre.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="access_denied").exists()


# --- searches ----------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["{d}{s}", "{d}-{s}", " {d} {s} "])
def test_a_search_by_cpr_never_stores_the_cpr_number(as_user, randers_visitator, randers_centre, spelling):
    cpr = fictional_cpr(datetime.date(1985, 6, 15))
    CitizenFactory(centre=randers_centre, cpr=cpr)
    digits = cpr.replace("-", "")
    query = spelling.format(d=digits[:6], s=digits[6:])
    response = as_user(randers_visitator).post(reverse("citizens:index"), {"q": query})
    assert len(response.context["citizens"]) == 1

    assert AuditEvent.objects.get(action="search").changes["query"] == "CPR"
    with connection.cursor() as cursor:  # every column of every row, as stored
        cursor.execute("SELECT * FROM audit_auditevent")
        dump = repr(cursor.fetchall())
    for form in (digits, f"{digits[:6]}-{digits[6:]}", f"{digits[:6]} {digits[6:]}"):
        assert form not in dump


@pytest.mark.parametrize("query", ["{cpr} Alma", "{cpr}0"])
def test_a_cpr_number_inside_a_longer_search_is_not_stored_either(as_user, randers_visitator, query):
    cpr = fictional_cpr(datetime.date(1985, 6, 15))
    as_user(randers_visitator).post(reverse("citizens:index"), {"q": query.format(cpr=cpr)})
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditevent")
        dump = repr(cursor.fetchall())
    assert cpr not in dump and cpr.replace("-", "") not in dump
