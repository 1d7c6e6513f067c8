"""Break-the-glass: a reasoned, time-limited, read-only, flagged and reviewed way into another centre's record."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from emergency.models import EmergencyAccess
from emergency.rules import expires_at, reason_is_sufficient
from organisations.models import Role
from tests.conftest import staff
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db
REASON = "Borgeren er indlagt akut, og afdelingen spørger til hans medicin."


@pytest.fixture
def randers_citizen(randers_centre):
    return CitizenFactory(centre=randers_centre, first_name="Viggo", last_name="Prøvesen")


def ask(client, citizen, reason=REASON):
    return client.post(reverse("emergency:request"), {"cpr": citizen.cpr, "reason": reason, "confirm": "on"})


def test_the_rules():
    assert not reason_is_sufficient("akut")
    assert reason_is_sufficient(REASON)
    start = timezone.now()
    assert expires_at(start, 30) - start == timedelta(minutes=30)


def test_without_access_another_centres_citizen_is_not_found(as_user, fredericia_outsider, randers_citizen):
    assert as_user(fredericia_outsider).get(reverse("citizens:detail", args=[randers_citizen.pk])).status_code == 404


def test_with_a_reason_the_record_opens_read_only_and_flagged(as_user, fredericia_centre, randers_citizen):
    visitator = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    client = as_user(visitator)
    response = ask(client, randers_citizen)
    assert response.url == reverse("citizens:detail", args=[randers_citizen.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Nødadgang: borgeren hører til {randers_citizen.centre.name}." in html
    assert reverse("citizens:edit", args=[randers_citizen.pk]) not in html  # read-only
    assert client.get(reverse("citizens:edit", args=[randers_citizen.pk])).status_code == 404
    flagged = AuditEvent.objects.filter(citizen_id=randers_citizen.pk, actor=visitator, action="view")
    assert flagged.get().changes == {"break_the_glass": True}
    assert AuditEvent.objects.get(action="create", object_type="emergency.EmergencyAccess").changes["reason"] == REASON


def test_a_short_reason_is_refused_on_the_form(as_user, fredericia_outsider, randers_citizen):
    visitator = staff(fredericia_outsider.memberships.first().centre, Role.VISITATOR, username="f-visitator-2")
    response = ask(as_user(visitator), randers_citizen, reason="akut")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Beskriv det akutte behov i en sætning (mindst 20 tegn)."]
    assert not EmergencyAccess.objects.exists()


def test_a_citizen_held_only_by_the_users_own_centre_is_refused_on_the_cpr_field(as_user, fredericia_centre):
    own = CitizenFactory(centre=fredericia_centre)
    visitator = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    response = ask(as_user(visitator), own)
    assert response.context["form"].errors["cpr"] == ["Ingen andre centre har en borger med dette CPR-nummer."]
    assert not EmergencyAccess.objects.exists()


def test_the_access_ends_after_thirty_minutes(as_user, fredericia_centre, randers_citizen):
    visitator = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(visitator)
        ask(client, randers_citizen)
        for _ in range(2):  # the session itself stays alive: 15 minutes idle is its own limit
            clock.shift(timedelta(minutes=14))
            client.post(reverse("accounts:keepalive"))
        clock.shift(timedelta(minutes=1))
        assert client.get(reverse("citizens:detail", args=[randers_citizen.pk])).status_code == 200
        clock.shift(timedelta(minutes=2))
        client.post(reverse("accounts:keepalive"))
        assert client.get(reverse("citizens:detail", args=[randers_citizen.pk])).status_code == 404


def test_the_citizens_manager_reviews_it_and_no_other_manager_sees_it(
    as_user, fredericia_centre, randers_citizen, randers_manager, odsherred_manager
):
    visitator = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    ask(as_user(visitator), randers_citizen)
    access = EmergencyAccess.objects.get()
    assert list(as_user(odsherred_manager).get(reverse("emergency:review_list")).context["page"]) == []
    manager = as_user(randers_manager)
    assert list(manager.get(reverse("emergency:review_list")).context["page"]) == [access]
    manager.post(reverse("emergency:review", args=[access.pk]), {"note": "Berettiget: indlæggelse bekræftet."})
    access.refresh_from_db()
    assert access.reviewed_by == randers_manager and access.reviewed_at is not None


def test_the_review_list_does_a_bounded_number_of_queries(
    as_user, fredericia_centre, randers_centre, randers_manager, django_assert_max_num_queries
):
    visitator = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    for _ in range(15):  # made directly: one person asking 15 times in a row is refused (the CPR lookup limit)
        EmergencyAccess.objects.create(
            user=visitator, citizen=CitizenFactory(centre=randers_centre), reason=REASON, expires_at=timezone.now()
        )
    manager = as_user(randers_manager)
    # Session, user, memberships, the page and its count, the audit read (with PostgreSQL's chain
    # lock and the citizens it names): the same number for 15 accesses as for 1,500.
    with django_assert_max_num_queries(15):
        response = manager.get(reverse("emergency:review_list"))
    assert len(response.context["page"]) == 15
