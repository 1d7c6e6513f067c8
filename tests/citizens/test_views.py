"""Citizens' pages: register, find, read — scoped, masked and audited."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from citizens.models import Citizen
from demo.cpr import fictional_cpr
from organisations.models import Role
from tests.conftest import staff
from tests.factories import CitizenFactory, MembershipFactory

pytestmark = pytest.mark.django_db
CPR = "150685-9900"


def register(client, **extra):
    data = {
        "cpr": CPR,
        "first_name": "Alma",
        "last_name": "Fiktivsen",
        "address": "Prøvevej 1",
        "postcode": "8900",
        "city": "Randers",
        "phone": "",
        "email": "",
        "contact_channel": "phone",
        "expecting_child_on": "",
        **extra,
    }
    return client.post(reverse("citizens:register"), data)


def test_a_visitator_registers_a_citizen_and_lands_on_the_page(as_user, randers_visitator):
    response = register(as_user(randers_visitator))
    citizen = Citizen.objects.get()
    assert response.url == reverse("citizens:detail", args=[citizen.pk])
    assert citizen.cpr == "1506859900"
    assert citizen.centre.municipality.code == "730"
    assert AuditEvent.objects.filter(action="create", citizen_id=citizen.pk).exists()


def test_a_known_cpr_opens_that_citizen_instead_of_a_twin(as_user, randers_visitator):
    client = as_user(randers_visitator)
    register(client)
    response = register(client, first_name="Anden")
    assert Citizen.objects.count() == 1
    assert response.url == reverse("citizens:detail", args=[Citizen.objects.get().pk])


@pytest.mark.parametrize(
    ("cpr", "message"), [("1234", "10 cifre"), ("3102859900", "fødselsdato"), ("0101309000", "fremtiden")]
)
def test_an_invalid_cpr_gets_a_danish_message_and_keeps_what_was_typed(as_user, randers_visitator, cpr, message):
    response = register(as_user(randers_visitator), cpr=cpr)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Prøvevej 1"' in html
    assert not Citizen.objects.exists()


def test_the_cpr_is_unreadable_in_the_database(as_user, randers_visitator):
    register(as_user(randers_visitator))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM citizens_citizen")
        rows = cursor.fetchall()
    dump = " ".join(str(value) for row in rows for value in row)
    assert "1506859900" not in dump and "150685-9900" not in dump


def test_a_therapist_sees_the_cpr_masked_and_a_visitator_in_full(
    as_user, randers_visitator, randers_therapist, randers_centre
):
    citizen = CitizenFactory(centre=randers_centre, cpr=fictional_cpr(__import__("datetime").date(1985, 6, 15)))
    url = reverse("citizens:detail", args=[citizen.pk])
    assert "150685-XXXX" in as_user(randers_therapist).get(url).content.decode()
    assert "150685-9900" in as_user(randers_visitator).get(url).content.decode()


def test_every_read_of_a_citizen_is_logged(as_user, randers_therapist, randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    as_user(randers_therapist).get(reverse("citizens:detail", args=[citizen.pk]))
    assert AuditEvent.objects.filter(action="view", citizen_id=citizen.pk, actor=randers_therapist).exists()


def test_another_centres_citizen_is_not_found(as_user, fredericia_outsider, randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    assert as_user(fredericia_outsider).get(reverse("citizens:detail", args=[citizen.pk])).status_code == 404


def test_search_by_cpr_finds_only_the_users_own_centres(as_user, randers_visitator, randers_centre, fredericia_centre):
    cpr = fictional_cpr(__import__("datetime").date(1990, 1, 2))
    mine = CitizenFactory(centre=randers_centre, cpr=cpr)
    CitizenFactory(centre=fredericia_centre, cpr=cpr)
    response = as_user(randers_visitator).post(reverse("citizens:index"), {"q": cpr})
    assert [c.pk for c in response.context["citizens"]] == [mine.pk]
    search = AuditEvent.objects.get(action="search")
    assert search.changes == {"query": "CPR", "cpr_search": True, "citizens": [mine.pk]}


def test_search_by_name(as_user, randers_visitator, randers_centre):
    CitizenFactory(centre=randers_centre, first_name="Vilhelm", last_name="Prøvesen")
    CitizenFactory(centre=randers_centre, first_name="Olga", last_name="Prøvesen")
    response = as_user(randers_visitator).post(reverse("citizens:index"), {"q": "vilhelm prøv"})
    assert [c.first_name for c in response.context["citizens"]] == ["Vilhelm"]


def test_the_list_does_a_bounded_number_of_queries(
    as_user, randers_visitator, randers_centre, django_assert_max_num_queries
):
    client = as_user(randers_visitator)
    for _citizen in range(25):
        CitizenFactory(centre=randers_centre)
    with django_assert_max_num_queries(13):  # PostgreSQL: + the audit chain's lane lock
        response = client.get(reverse("citizens:index"))
    assert len(response.context["citizens"]) == 25


def test_an_administrator_cannot_read_citizens(as_user, randers_admin, randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    assert as_user(randers_admin).get(reverse("citizens:detail", args=[citizen.pk])).status_code == 403


def test_consents_are_given_and_withdrawn(as_user, randers_visitator, randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    client = as_user(randers_visitator)
    response = client.post(
        reverse("citizens:consent_add", args=[citizen.pk]),
        {"recipient": "Egen læge", "scope": "Medicin", "given_on": "2026-03-01", "valid_until": ""},
    )
    assert response.status_code == 302
    consent = citizen.consents.get()
    client.post(reverse("citizens:consent_withdraw", args=[consent.pk]), {"withdrawn_on": "2026-04-01"})
    consent.refresh_from_db()
    assert str(consent.withdrawn_on) == "2026-04-01"


def test_a_consent_ending_before_it_starts_is_refused_on_the_form(as_user, randers_visitator, randers_centre):
    citizen = CitizenFactory(centre=randers_centre)
    response = as_user(randers_visitator).post(
        reverse("citizens:consent_add", args=[citizen.pk]),
        {"recipient": "Jobcenter", "scope": "Alt", "given_on": "2026-03-01", "valid_until": "2026-02-01"},
    )
    assert response.status_code == 200
    assert not citizen.consents.exists()


# --- registering: only at a centre where the user does casework ---------------------------------


@pytest.fixture
def admin_here_therapist_there(randers_centre, odsherred_centre):
    """ADMINISTRATOR in Randers (no casework there), THERAPIST in Odsherred."""
    user = staff(randers_centre, Role.ADMINISTRATOR, username="admin-og-behandler")
    MembershipFactory(user=user, centre=odsherred_centre, role=Role.THERAPIST)
    return user


def test_registering_offers_only_the_centre_where_the_user_does_casework(
    as_user, admin_here_therapist_there, odsherred_centre
):
    client = as_user(admin_here_therapist_there)
    form = client.get(reverse("citizens:register")).context["form"]
    assert form.only_centre == odsherred_centre  # the one centre: no choice to make
    response = register(client)
    assert Citizen.objects.get().centre == odsherred_centre
    assert response.status_code == 302


def test_a_post_naming_the_administrators_centre_is_refused_on_the_form(
    as_user, admin_here_therapist_there, randers_centre
):
    response = register(as_user(admin_here_therapist_there), centre=str(randers_centre.pk))
    assert response.status_code == 200
    with translation.override("da"):
        message = _("You can register a citizen only at a centre where you do casework.")
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert not Citizen.objects.exists()


def test_with_case_roles_at_two_centres_a_third_is_refused(
    as_user, admin_here_therapist_there, randers_centre, odsherred_centre, fredericia_centre
):
    MembershipFactory(user=admin_here_therapist_there, centre=fredericia_centre, role=Role.VISITATOR)
    client = as_user(admin_here_therapist_there)
    offered = client.get(reverse("citizens:register")).context["form"].fields["centre"].queryset
    assert set(offered) == {odsherred_centre, fredericia_centre}
    response = register(client, centre=str(randers_centre.pk))
    assert response.status_code == 200 and response.context["form"].errors["centre"]
    assert not Citizen.objects.exists()


# --- every page that shows a citizen's name logs the read ----------------------------------------


@pytest.mark.parametrize("name", ["detail", "edit", "person_add", "consent_add"])
def test_every_citizen_page_and_form_page_logs_the_read(as_user, randers_visitator, randers_centre, name):
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla")
    response = as_user(randers_visitator).get(reverse(f"citizens:{name}", args=[citizen.pk]))
    assert response.status_code == 200 and "Karla" in response.content.decode()
    read = AuditEvent.objects.get(action="view", citizen_id=citizen.pk)
    assert read.actor == randers_visitator and read.object_id == str(citizen.pk)
