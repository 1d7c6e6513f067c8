"""The counts page and its CSV: counts only, for the anonymous service and the service centre's
managers, 404 for everyone else; the CSV is a logged export (SEL §101a; DOMAIN.md §2.10)."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from anonymous import rules as anonymous_rules
from anonymous.models import ContactBy, EndReason, State
from anonymous.reporting import selectors
from anonymous.reporting.views import counts_centre_ids
from audit.models import AuditEvent
from organisations.models import Centre, Role
from tests.conftest import staff, verified_client

from .helpers import anonymous_client

pytestmark = pytest.mark.django_db
DRUG, ADVICE, ALCOHOL = anonymous_rules.DRUG_TREATMENT, anonymous_rules.ADVICE_SERVICE, anonymous_rules.ALCOHOL
NOON = "2026-11-15 12:00 +01:00"


def _year_2026(centre):
    """Known answers: drug treatment Jan 2 contacts (1 by a relative), Feb 1 eligible + 1 not,
    Mar 1 started, Jun 1 completed, Jul 1 ended early; advice Mar 1 by a relative; alcohol Apr 1,
    started in Apr; and a client of 2025 and one of 2027 that the year must leave out."""
    anonymous_client(
        centre,
        first_contact_on=date(2026, 1, 5),
        nickname="Blåbær",
        state=State.COMPLETED,
        decided_on=date(2026, 2, 2),
        started_on=date(2026, 3, 1),
        ended_on=date(2026, 6, 30),
        end_reason=EndReason.COMPLETED,
    )
    anonymous_client(
        centre,
        first_contact_on=date(2026, 1, 20),
        contact_by=ContactBy.RELATIVE,
        state=State.NOT_ELIGIBLE,
        decided_on=date(2026, 2, 10),
        ended_on=date(2026, 2, 10),
        end_reason=EndReason.REFERRED,
    )
    anonymous_client(
        centre,
        first_contact_on=date(2025, 12, 30),
        state=State.ENDED,
        decided_on=date(2026, 1, 3),
        ended_on=date(2026, 7, 1),
        end_reason=EndReason.DROPPED_OUT,
    )
    anonymous_client(centre, first_contact_on=date(2026, 3, 3), service=ADVICE, contact_by=ContactBy.RELATIVE)
    anonymous_client(
        centre,
        first_contact_on=date(2026, 4, 4),
        service=ALCOHOL,
        state=State.IN_TREATMENT,
        started_on=date(2026, 4, 4),
    )
    anonymous_client(centre, first_contact_on=date(2027, 1, 1))


def test_the_database_counts_each_measure_in_its_month(randers_centre):
    _year_2026(randers_centre)
    cells = sorted(selectors.year_counts([randers_centre.pk], 2026))
    assert cells == sorted(
        [
            ("contacts", DRUG, 1, 2),
            ("relatives", DRUG, 1, 1),
            ("eligible", DRUG, 1, 1),  # the 2025 contact, decided in January
            ("eligible", DRUG, 2, 1),
            ("not_eligible", DRUG, 2, 1),
            ("started", DRUG, 3, 1),
            ("completed", DRUG, 6, 1),
            ("ended_otherwise", DRUG, 7, 1),  # the one not in the target group is not counted here
            ("contacts", ADVICE, 3, 1),
            ("relatives", ADVICE, 3, 1),
            ("contacts", ALCOHOL, 4, 1),
            ("started", ALCOHOL, 4, 1),
        ]
    )


def test_another_centres_clients_are_not_counted(randers_centre, odsherred_centre):
    _year_2026(odsherred_centre)
    assert selectors.year_counts([randers_centre.pk], 2026) == []
    assert selectors.year_counts([], 2026) == []


def test_the_counts_take_a_fixed_number_of_queries(randers_centre, django_assert_max_num_queries):
    counsellor = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym")
    client = verified_client(counsellor)
    url = reverse("anonymous:counts") + "?aar=2026"
    with time_machine.travel(NOON):
        client.get(url)  # warm the session and the caches
        with django_assert_max_num_queries(12) as few:
            assert client.get(url).status_code == 200
        for day in range(1, 28):
            _year_2026(randers_centre) if day < 4 else None
            anonymous_client(randers_centre, first_contact_on=date(2026, 5, day), decided_on=date(2026, 5, day))
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(url).status_code == 200


@time_machine.travel(NOON)
def test_the_page_shows_counts_and_nothing_about_anyone(randers_centre):
    _year_2026(randers_centre)
    counsellor = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym")
    response = verified_client(counsellor).get(reverse("anonymous:counts"))
    assert response.status_code == 200
    assert response.context["year"] == 2026  # this year when none is asked for
    html = response.content.decode()
    assert "Blåbær" not in html and "Ræven" not in html
    from anonymous.models import AnonymousClient

    for code in AnonymousClient.objects.values_list("reference_code", flat=True):
        assert code not in html
    drug = response.context["services"][0][1]
    assert drug.totals["contacts"] == 2 and drug.totals["completed"] == 1
    assert response.context["together"].totals["contacts"] == 4
    assert "<svg" in html and "<table" in html


@time_machine.travel(NOON)
def test_a_year_of_junk_gets_a_clear_message_and_keeps_what_was_typed(randers_centre):
    counsellor = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym")
    client = verified_client(counsellor)
    for typed in ["to tusind", "1999", "2031", "x" * 5000, "2026\x00"]:
        response = client.get(reverse("anonymous:counts"), {"aar": typed})
        assert response.status_code == 200, typed
        assert response.context["year"] is None
        assert response.context["form"].errors["aar"]
    response = client.get(reverse("anonymous:counts"), {"aar": "to tusind"})
    assert 'value="to tusind"' in response.content.decode()
    assert client.get(reverse("anonymous:counts"), {"aar": "2025"}).context["year"] == 2025


@time_machine.travel(NOON)
def test_the_csv_carries_counts_only_and_is_logged_as_an_export(randers_centre):
    _year_2026(randers_centre)
    counsellor = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym")
    client = verified_client(counsellor)
    assert client.get(reverse("anonymous:counts_csv")).status_code == 405
    response = client.post(reverse("anonymous:counts_csv"), {"aar": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "2026" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 3 * 13
    for row in rows[1:]:
        assert row[0] == "2026"
        assert all(cell.isdigit() for cell in row[3:]), row
    drug_total = rows[13]
    assert drug_total[3:] == ["2", "1", "2", "1", "1", "1", "1"]
    from anonymous.models import AnonymousClient

    for client_row in AnonymousClient.objects.all():
        assert client_row.reference_code not in text and client_row.nickname not in text
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == counsellor and event.citizen_id is None
    assert event.changes == {"anonymous": True, "what": "counts", "year": 2026, "centres": [randers_centre.pk]}
    assert event.object_label == "" and event.object_id == ""


@time_machine.travel(NOON)
def test_a_csv_for_a_year_of_junk_is_refused_with_the_message(randers_centre):
    counsellor = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym")
    response = verified_client(counsellor).post(reverse("anonymous:counts_csv"), {"aar": "nope"})
    assert response.status_code == 400
    assert response.context["form"].errors["aar"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@time_machine.travel(NOON)
def test_the_service_centres_manager_sees_the_counts(randers_centre):
    _year_2026(randers_centre)
    manager = staff(randers_centre, Role.MANAGER, username="leder")
    client = verified_client(manager)
    response = client.get(reverse("anonymous:counts"))
    assert response.status_code == 200
    assert response.context["services"][0][1].totals["contacts"] == 2
    assert client.post(reverse("anonymous:counts_csv"), {"aar": "2026"}).status_code == 200


@time_machine.travel(NOON)
@pytest.mark.parametrize("role", [Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.ADMINISTRATOR])
def test_every_other_role_finds_no_counts_page(randers_centre, role):
    user = staff(randers_centre, role, username=f"someone-{role}")
    client = verified_client(user)
    assert client.get(reverse("anonymous:counts")).status_code == 404
    assert client.post(reverse("anonymous:counts_csv"), {"aar": "2026"}).status_code == 404
    assert client.get(reverse("anonymous:counts_csv")).status_code == 404


def test_a_manager_of_another_kind_of_centre_finds_no_counts_page(randers_centre):
    provider = Centre.objects.create(
        municipality=randers_centre.municipality, name="Privat udbyder (test)", kind=Centre.Kind.EXTERNAL_PRIVATE
    )
    manager = staff(provider, Role.MANAGER, username="udbyder-leder")
    assert counts_centre_ids(manager) == set()
    assert verified_client(manager).get(reverse("anonymous:counts")).status_code == 404


def test_a_manager_sees_only_their_own_centres_counts(randers_centre, odsherred_centre):
    _year_2026(odsherred_centre)
    manager = staff(randers_centre, Role.MANAGER, username="leder")
    assert counts_centre_ids(manager) == {randers_centre.pk}
    with time_machine.travel(NOON):
        response = verified_client(manager).get(reverse("anonymous:counts"))
    assert response.context["together"].totals["contacts"] == 0


def test_the_logged_out_visitor_is_sent_to_the_login(client):
    response = client.get(reverse("anonymous:counts"))
    assert response.status_code in (302, 404)
