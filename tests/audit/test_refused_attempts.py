"""A refused access to a centre's record is shown to that centre's manager, and to no other."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from audit.services import audit_record
from organisations.models import Role
from tests.conftest import staff
from tests.factories import CitizenFactory, MembershipFactory

pytestmark = pytest.mark.django_db
REFUSED_LIST = reverse("audit:refused_attempts")


@pytest.fixture
def randers_citizen(randers_centre):
    return CitizenFactory(centre=randers_centre, first_name="Alma", last_name="Fiktivsen")


@pytest.fixture
def fredericia_visitator(fredericia_centre):
    return staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")


def danish(msgid: str) -> str:
    """The Danish of a new text (pages are in Danish; the translation test checks the catalogue)."""
    with translation.override("da"):
        return translation.gettext(msgid)


def probe(as_user, user, citizen) -> str:
    path = reverse("citizens:detail", args=[citizen.pk])
    assert as_user(user).get(path).status_code == 404
    return path


def test_the_url():
    assert REFUSED_LIST == "/logning/afviste-forsoeg/"


def test_randers_manager_sees_a_fredericia_users_probe_of_a_randers_citizen(
    as_user, fredericia_visitator, randers_manager, randers_citizen
):
    path = probe(as_user, fredericia_visitator, randers_citizen)

    response = as_user(randers_manager).get(REFUSED_LIST)

    assert response.status_code == 200
    (event,) = response.context["page"]
    assert (event.actor, event.citizen) == (fredericia_visitator, randers_citizen)
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", response.content.decode(), re.S).group(0)
    assert fredericia_visitator.username in row
    assert f"<td>{danish('none')}</td>" in row  # no role at Randers
    assert f'href="{reverse("audit:citizen_access", args=[randers_citizen.pk])}">Alma Fiktivsen</a>' in row
    assert f"<code>{path}</code>" in row
    assert danish("Shown as not found") in row


def test_fredericias_manager_does_not_see_randers_list(
    as_user, fredericia_visitator, fredericia_outsider, randers_citizen
):
    probe(as_user, fredericia_visitator, randers_citizen)

    response = as_user(fredericia_outsider).get(REFUSED_LIST)

    assert list(response.context["page"]) == []
    assert "Alma" not in response.content.decode()
    assert danish("No refused attempts at the centres you manage.") in response.content.decode()


def test_a_manager_who_only_treats_at_randers_does_not_see_randers_list(
    as_user, odsherred_centre, randers_centre, fredericia_visitator, randers_citizen
):
    manager_elsewhere = staff(odsherred_centre, Role.MANAGER, username="leder-og-behandler")
    MembershipFactory(user=manager_elsewhere, centre=randers_centre, role=Role.THERAPIST)
    probe(as_user, fredericia_visitator, randers_citizen)

    assert list(as_user(manager_elsewhere).get(REFUSED_LIST).context["page"]) == []


def test_only_managers_open_the_list(as_user, randers_therapist):
    assert as_user(randers_therapist).get(REFUSED_LIST).status_code == 403


def test_the_citizens_access_log_shows_the_probe_marked_as_refused(
    as_user, fredericia_visitator, randers_manager, randers_citizen
):
    path = probe(as_user, fredericia_visitator, randers_citizen)

    html = as_user(randers_manager).get(reverse("audit:citizen_access", args=[randers_citizen.pk])).content.decode()

    row = next(r for r in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.S) if "fredericia-visitator" in r)
    assert "Adgang nægtet" in row  # the action
    assert f"<code>{path}</code>" in row
    assert '<strong class="outcome--denied">Afvist</strong>' in row
    assert f'href="{REFUSED_LIST}"' in html


def test_the_list_is_paged_newest_first_with_a_bounded_number_of_queries(
    as_user, randers_manager, randers_centre, fredericia_centre, django_assert_max_num_queries
):
    citizens = [CitizenFactory(centre=randers_centre) for _ in range(3)]
    for number in range(130):
        audit_record(
            actor=None,
            username=f"prober{number}",
            action=AuditEvent.Action.ACCESS_DENIED,
            citizen_id=citizens[number % 3].pk,
            centre_id=randers_centre.pk,
            changes={"path": f"/borgere/{citizens[number % 3].pk}/", "status": 404},
        )
    audit_record(
        actor=None, username="elsewhere", action=AuditEvent.Action.ACCESS_DENIED, centre_id=fredericia_centre.pk
    )
    client = as_user(randers_manager)
    client.get(REFUSED_LIST)  # warm up the session

    with django_assert_max_num_queries(14):
        first = client.get(REFUSED_LIST)
    with django_assert_max_num_queries(15):  # + the cursor's row (forlob.paging)
        second = client.get(f"{REFUSED_LIST}?efter={first.context['page'].next_after}")  # keyset: an event id

    assert first.context["page"].total == 130
    assert [e.actor_username for e in first.context["page"]][:2] == ["prober129", "prober128"]
    assert [e.actor_username for e in second.context["page"]][-1] == "prober0"
    assert len(second.context["page"]) == 30
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()
