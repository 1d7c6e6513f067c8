"""Finding a citizen: a POST, never a URL; no oracle for completing a masked CPR number; every
search and every list logged with the citizens it showed, never with the CPR number."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from citizens.rules import CPR_SEARCH_LIMITS
from demo.cpr import fictional_cpr
from organisations.models import Role
from tests.conftest import staff, verified_client
from tests.factories import CitizenFactory, MembershipFactory

pytestmark = pytest.mark.django_db

BORN = datetime.date(1985, 6, 15)
NOON = datetime.datetime(2026, 3, 16, 11, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def karla(randers_centre):
    return CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen", cpr=fictional_cpr(BORN))


def search(client, query):
    return client.post(reverse("citizens:index"), {"q": query})


def other_numbers(count: int) -> list[str]:
    """``count`` valid, fictional CPR numbers of nobody (the probes an attacker would send)."""
    return [fictional_cpr(datetime.date(1970, 1, 1) + datetime.timedelta(days=day)) for day in range(count)]


def audit_dump() -> str:
    with connection.cursor() as cursor:  # every column of every row, as stored
        cursor.execute("SELECT * FROM audit_auditevent")
        return repr(cursor.fetchall())


def refusal_message() -> str:
    with translation.override("da"):
        return _("You have made too many searches by CPR number. Try again later, or search by name.")


# --- a POST, never a URL ------------------------------------------------------------------------


def test_the_search_form_is_a_post_with_csrf_and_no_remembered_entries(as_user, randers_visitator):
    html = as_user(randers_visitator).get(reverse("citizens:index")).content.decode()
    form = html.split('role="search"', 1)[0].rsplit("<form", 1)[1]
    assert 'method="post"' in form
    search_form = html.split('role="search"', 1)[1].split("</form>", 1)[0]
    assert 'name="csrfmiddlewaretoken"' in search_form
    assert 'autocomplete="off"' in search_form
    assert "data-no-draft" in search_form.split(">", 1)[0]  # not kept in the tab's drafts either
    assert 'method="get"' not in html


def test_the_results_are_on_the_post_response_itself(as_user, randers_visitator, karla):
    response = search(as_user(randers_visitator), karla.cpr)
    assert response.status_code == 200  # no redirect to a URL carrying the query
    assert [c.pk for c in response.context["citizens"]] == [karla.pk]
    assert "Karla Prøvesen" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_cpr_number_in_the_query_string_is_neither_searched_nor_logged(as_user, randers_visitator, karla):
    CitizenFactory(centre=karla.centre, first_name="Anden")  # the default list shows both
    response = as_user(randers_visitator).get(reverse("citizens:index"), {"q": karla.cpr})
    assert response.status_code == 200
    assert response.context["query"] == ""
    assert len(response.context["citizens"]) == 2  # the default list, not a search
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).exists()
    assert karla.cpr not in audit_dump()


def test_a_search_without_the_csrf_token_is_refused(randers_visitator, karla):
    client = verified_client(randers_visitator)
    client.handler.enforce_csrf_checks = True
    response = search(client, karla.cpr)
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).exists()


# --- not an oracle --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "partial",
    [
        # (the birth date alone, ddmmåå, finds by birth date: tests/citizens/test_search_more.py)
        "{d}{s3}",  # nine digits
        "{d}-{s3}",
        "{s}",  # the serial number alone
        "{d}{s}0",  # eleven digits
        "Karla {d}",  # a name with digits
        "Karla {s}",
    ],
)
def test_partial_digits_never_find_a_citizen(as_user, randers_manager, karla, partial):
    query = partial.format(d=karla.cpr[:6], s=karla.cpr[6:], s3=karla.cpr[6:9])
    response = search(as_user(randers_manager), query)
    assert response.context["citizens"] == []
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH)
    assert event.changes["cpr_search"] is True and event.changes["citizens"] == []
    assert not any(digit in event.changes["query"] for digit in "0123456789")


def test_only_the_full_number_finds_the_citizen_and_the_name_search_still_works(as_user, randers_manager, karla):
    client = as_user(randers_manager)
    assert [c.pk for c in search(client, f"{karla.cpr[:6]}-{karla.cpr[6:]}").context["citizens"]] == [karla.pk]
    assert [c.pk for c in search(client, "karla prøv").context["citizens"]] == [karla.pk]
    name_search = AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).first()
    assert name_search.changes == {"query": "karla prøv", "citizens": [karla.pk]}  # not a CPR search


def test_a_role_that_sees_masked_numbers_is_stopped_after_the_limit(clock, as_user, randers_manager, karla):
    """An attacker with a manager's login tries serial numbers: the 11th try in 15 minutes is refused."""
    limit = CPR_SEARCH_LIMITS[False].in_window
    client = as_user(randers_manager)
    for number in other_numbers(limit):
        assert search(client, number).context["form"].errors == {}
    response = search(client, karla.cpr)  # the right number, but one too many
    assert response.status_code == 200
    assert response.context["citizens"] == [] and "Karla" not in response.content.decode()
    assert response.context["form"].errors["q"] == [refusal_message()]
    assert refusal_message() in response.content.decode()

    refused = AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH, outcome=AuditEvent.Outcome.DENIED).get()
    assert refused.actor == randers_manager
    assert refused.changes == {"query": "CPR", "cpr_search": True, "refused": "cpr_search_limit"}
    assert karla.cpr not in audit_dump()

    # A name is still found; and after the window, the number again.
    assert [c.pk for c in search(client, "Karla").context["citizens"]] == [karla.pk]
    clock.shift(datetime.timedelta(minutes=15, seconds=1))
    client = as_user(randers_manager)  # a new login: the old session has timed out meanwhile
    assert [c.pk for c in search(client, karla.cpr).context["citizens"]] == [karla.pk]


def test_refused_attempts_do_not_count_but_a_day_has_a_ceiling_too(clock, as_user, randers_manager, karla):
    limit = CPR_SEARCH_LIMITS[False]
    client = as_user(randers_manager)
    numbers = iter(other_numbers(limit.in_day + 1))
    done = 0
    while done < limit.in_day:
        client = as_user(randers_manager)  # a new login after each pause (sessions time out after 15 minutes)
        for _attempt in range(limit.in_window):
            assert search(client, next(numbers)).context["form"].errors == {}
            done += 1
        assert search(client, karla.cpr).context["form"].errors["q"] == [refusal_message()]  # refused: not counted
        clock.shift(datetime.timedelta(minutes=16))
    client = as_user(randers_manager)
    assert search(client, karla.cpr).context["form"].errors["q"] == [refusal_message()]  # the day's ceiling
    clock.shift(datetime.timedelta(hours=24))
    client = as_user(randers_manager)
    assert [c.pk for c in search(client, karla.cpr).context["citizens"]] == [karla.pk]


def test_a_visitator_who_sees_full_numbers_has_a_higher_limit(clock, as_user, randers_visitator, karla):
    limit = CPR_SEARCH_LIMITS[True].in_window
    assert limit > CPR_SEARCH_LIMITS[False].in_window
    client = as_user(randers_visitator)
    for number in other_numbers(limit - 1):
        search(client, number)
    assert [c.pk for c in search(client, karla.cpr).context["citizens"]] == [karla.pk]
    assert search(client, karla.cpr).context["form"].errors["q"] == [refusal_message()]


def test_a_user_who_sees_masked_numbers_at_one_centre_gets_the_lower_limit(
    clock, as_user, randers_centre, odsherred_centre, karla
):
    user = staff(odsherred_centre, Role.VISITATOR, username="visitator-og-leder")
    MembershipFactory(user=user, centre=randers_centre, role=Role.MANAGER)
    client = as_user(user)
    for number in other_numbers(CPR_SEARCH_LIMITS[False].in_window):
        search(client, number)
    assert search(client, karla.cpr).context["form"].errors["q"] == [refusal_message()]


def test_the_limit_is_per_user(clock, as_user, randers_manager, randers_therapist, karla):
    for number in other_numbers(CPR_SEARCH_LIMITS[False].in_window + 1):
        search(as_user(randers_manager), number)
    assert [c.pk for c in search(as_user(randers_therapist), karla.cpr).context["citizens"]] == [karla.pk]


# --- lists are logged with the citizens they showed -----------------------------------------------


def test_the_default_list_logs_which_citizens_were_shown(as_user, randers_therapist, randers_centre, karla):
    other = CitizenFactory(centre=randers_centre)
    CitizenFactory(centre=CitizenFactory().centre)  # another centre's citizen: neither shown nor logged
    response = as_user(randers_therapist).get(reverse("citizens:index"))
    shown = [c.pk for c in response.context["citizens"]]
    assert set(shown) == {karla.pk, other.pk}
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW)
    assert event.actor == randers_therapist and event.changes == {"citizens": shown}


def test_an_empty_list_shows_no_one_and_logs_no_read(as_user, randers_therapist):
    as_user(randers_therapist).get(reverse("citizens:index"))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_search_results_are_logged_with_the_citizens_shown_and_the_user(as_user, randers_therapist, karla):
    search(as_user(randers_therapist), "Prøvesen")
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH)
    assert event.actor == randers_therapist and event.outcome == AuditEvent.Outcome.SUCCESS
    assert event.changes == {"query": "Prøvesen", "citizens": [karla.pk]}
