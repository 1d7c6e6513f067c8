"""Related people and consents are corrected and ended with history; protected addresses are hidden;
the search finds by name, CPR number and birth date; a course opens from the citizen's page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from citizens import services
from citizens.models import Citizen, ConsentVersion, RelatedPerson, RelatedPersonVersion
from courses.models import Course
from demo.cpr import fictional_cpr
from tests.conftest import staff
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def da(text: str) -> str:
    with translation.override("da"):
        return _(text)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def citizen(randers_centre):
    return CitizenFactory(
        centre=randers_centre,
        first_name="Karla",
        last_name="Prøvesen",
        address="Hemmelig Allé 7",
        phone="12345678",
        email="karla@example.org",
        cpr=fictional_cpr(date(1985, 6, 15)),
    )


@pytest.fixture
def child(citizen):
    return RelatedPerson.objects.create(citizen=citizen, kind="child_at_home", name="Lille Prøvesen", birth_year=2015)


@pytest.fixture
def consent(citizen, randers_visitator):
    return services.consent_give(
        citizen=citizen, by=randers_visitator, recipient="Egen læge", scope="Medicin", given_on=date(2026, 1, 5)
    )


def person_data(**extra):
    data = {"kind": "child_at_home", "name": "Lille Prøvesen", "relation": "", "birth_year": "2015"}
    return {"phone": "", "note": "", "ended_on": "", **data, **extra}


# --- related people ------------------------------------------------------------------------------


def test_a_child_who_moved_is_ended_and_shown_apart_with_history(as_user, randers_visitator, citizen, child):
    client = as_user(randers_visitator)
    url = reverse("citizens:person_edit", args=[child.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, person_data(relation="datter", ended_on="2026-11-20"))
    assert response.url == reverse("citizens:detail", args=[citizen.pk])
    child.refresh_from_db()
    assert child.ended_on == date(2026, 11, 20) and child.relation == "datter"
    version = RelatedPersonVersion.objects.get()
    assert version.values["relation"] == "" and version.values["ended_on"] is None
    assert version.changed == ["ended_on", "relation"] and version.changed_by == randers_visitator
    event = AuditEvent.objects.get(action="update", object_type="citizens.RelatedPerson")
    assert event.changes == {"fields": ["ended_on", "relation"], "ended_on": [None, "2026-11-20"]}
    assert "Prøvesen" not in str(event.changes)
    html = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    earlier = html.index("Tidligere") if "Tidligere" in html else -1
    assert earlier > 0 and html.index("Lille Prøvesen") > earlier  # under "Tidligere", not deleted
    assert "<details" in html and "»datter«" in html


def test_an_end_date_in_the_future_is_refused(as_user, randers_visitator, child):
    response = as_user(randers_visitator).post(
        reverse("citizens:person_edit", args=[child.pk]), person_data(ended_on="2026-12-01")
    )
    assert response.status_code == 200 and not RelatedPersonVersion.objects.exists()


def test_saving_without_a_change_keeps_no_version(randers_visitator, child):
    services.related_person_update(person=child, by=randers_visitator, name="Lille Prøvesen")
    assert not RelatedPersonVersion.objects.exists()


def test_every_correction_keeps_the_values_before_it(randers_visitator, randers_therapist, child):
    services.related_person_update(person=child, by=randers_visitator, phone="11111111")
    services.related_person_update(person=child, by=randers_therapist, phone="22222222")
    versions = list(RelatedPersonVersion.objects.order_by("id"))
    assert [v.values["phone"] for v in versions] == ["", "11111111"]
    assert [v.changed_by for v in versions] == [randers_visitator, randers_therapist]


# --- consents ------------------------------------------------------------------------------------


def consent_data(**extra):
    return {"recipient": "Egen læge", "scope": "Medicin", "valid_until": "", "withdrawn_on": "", **extra}


def test_a_consent_is_corrected_then_ended_and_its_history_read(as_user, randers_visitator, citizen, consent):
    client = as_user(randers_visitator)
    url = reverse("citizens:consent_edit", args=[consent.pk])
    assert 'value="Egen læge"' in client.get(url).content.decode()
    client.post(url, consent_data(scope="Medicin og prøvesvar", valid_until="2027-01-05"))
    client.post(url, consent_data(scope="Medicin og prøvesvar", valid_until="2027-01-05", withdrawn_on="2026-11-22"))
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 11, 22) and consent.scope == "Medicin og prøvesvar"
    assert [v.changed for v in ConsentVersion.objects.order_by("id")] == [["scope", "valid_until"], ["withdrawn_on"]]
    html = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert "»Medicin«" in html and "»Medicin og prøvesvar«" in html
    assert html.index("Tidligere") < html.index("Egen læge", html.index(da("Consents")))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"valid_until": "2025-12-31"}, "valid_until"),  # before it was given
        ({"withdrawn_on": "2026-01-01"}, "withdrawn_on"),  # before it was given
        ({"withdrawn_on": "2026-11-24"}, "withdrawn_on"),  # in the future
    ],
)
def test_impossible_consent_dates_are_refused_on_the_form(as_user, randers_visitator, consent, data, field):
    response = as_user(randers_visitator).post(
        reverse("citizens:consent_edit", args=[consent.pk]), consent_data(**data)
    )
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not ConsentVersion.objects.exists()


def test_a_withdrawn_consent_is_not_brought_back(randers_visitator, consent):
    services.consent_withdraw(consent=consent, by=randers_visitator, withdrawn_on=TODAY)
    with pytest.raises(Exception, match="tilbagekaldt samtykke"):
        services.consent_update(consent=consent, by=randers_visitator, withdrawn_on=None)


def test_withdraw_today_still_works_and_keeps_history(as_user, randers_visitator, consent):
    as_user(randers_visitator).post(
        reverse("citizens:consent_withdraw", args=[consent.pk]), {"withdrawn_on": TODAY.isoformat()}
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY and ConsentVersion.objects.get().changed == ["withdrawn_on"]


def test_a_manager_sees_no_correction_links_and_cannot_correct(as_user, randers_manager, citizen, child, consent):
    client = as_user(randers_manager)
    html = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert reverse("citizens:person_edit", args=[child.pk]) not in html
    assert reverse("citizens:consent_edit", args=[consent.pk]) not in html
    assert reverse("courses:open", args=[citizen.pk]) not in html
    assert client.get(reverse("citizens:person_edit", args=[child.pk])).status_code == 403
    assert client.post(reverse("citizens:consent_edit", args=[consent.pk]), consent_data()).status_code == 403


def test_another_centre_gets_404_for_the_correction_pages(as_user, fredericia_centre, child, consent):
    client = as_user(staff(fredericia_centre, "visitator", username="fredericia-visitator"))
    assert client.get(reverse("citizens:person_edit", args=[child.pk])).status_code == 404
    assert client.get(reverse("citizens:consent_edit", args=[consent.pk])).status_code == 404


def test_the_citizen_page_makes_a_bounded_number_of_queries(
    as_user, randers_visitator, citizen, django_assert_max_num_queries
):
    client = as_user(randers_visitator)
    url = reverse("citizens:detail", args=[citizen.pk])
    client.get(url)
    for index in range(8):
        person = RelatedPerson.objects.create(citizen=citizen, kind="relative", name=f"P{index}")
        services.related_person_update(person=person, by=randers_visitator, phone=str(index))
        given = services.consent_give(
            citizen=citizen, by=randers_visitator, recipient=f"R{index}", scope="S", given_on=date(2026, 1, 1)
        )
        services.consent_update(consent=given, by=randers_visitator, scope="T")
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    few = len(captured)
    for index in range(8, 16):
        person = RelatedPerson.objects.create(citizen=citizen, kind="relative", name=f"P{index}")
        services.related_person_update(person=person, by=randers_visitator, phone=str(index))
    with django_assert_max_num_queries(few):
        client.get(url)


# --- the citizen's details: protection and death ---------------------------------------------------


def test_a_protected_address_is_hidden_from_a_therapist_and_shown_to_a_visitator(
    as_user, randers_visitator, randers_therapist, citizen
):
    citizen.address_protected = True
    citizen.save()
    url = reverse("citizens:detail", args=[citizen.pk])
    therapist_html = as_user(randers_therapist).get(url).content.decode()
    for secret in ("Hemmelig Allé", "12345678", "karla@example.org"):
        assert secret not in therapist_html
    assert da("Address protected") in therapist_html
    edit = as_user(randers_therapist).get(reverse("citizens:edit", args=[citizen.pk])).content.decode()
    assert "Hemmelig Allé" not in edit and "12345678" not in edit and 'name="address_protected"' not in edit
    assert "Hemmelig Allé" in as_user(randers_visitator).get(url).content.decode()


def test_a_therapist_editing_a_protected_citizen_keeps_the_address(as_user, randers_therapist, citizen):
    citizen.address_protected = True
    citizen.save()
    response = as_user(randers_therapist).post(
        reverse("citizens:edit", args=[citizen.pk]),
        {"first_name": "Karla", "last_name": "Prøvesen", "contact_channel": "phone", "address": "Ny vej 1"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.address == "Hemmelig Allé 7" and citizen.address_protected


def edit_data(**extra):
    data = {"first_name": "Karla", "last_name": "Prøvesen", "address": "Hemmelig Allé 7", "postcode": "", "city": ""}
    return {**data, "phone": "", "email": "", "contact_channel": "phone", "expecting_child_on": "", **extra}


def test_the_edit_form_sets_protection_and_death_and_logs_no_address(as_user, randers_visitator, citizen):
    client = as_user(randers_visitator)
    response = client.post(
        reverse("citizens:edit", args=[citizen.pk]),
        edit_data(address="Skjult Vej 2", address_protected="on", died_on="2026-11-01"),
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.address_protected and citizen.died_on == date(2026, 11, 1)
    event = AuditEvent.objects.get(action="update", object_type="citizens.Citizen")
    assert event.changes["address_protected"] == [False, True] and event.changes["died_on"] == [None, "2026-11-01"]
    assert "Skjult" not in str(event.changes) and "Hemmelig" not in str(event.changes)


@pytest.mark.parametrize("died_on", ["2026-11-24", "1985-06-14"])
def test_a_date_of_death_in_the_future_or_before_birth_is_refused(as_user, randers_visitator, citizen, died_on):
    response = as_user(randers_visitator).post(reverse("citizens:edit", args=[citizen.pk]), edit_data(died_on=died_on))
    assert response.status_code == 200 and response.context["form"].errors["died_on"]
    assert Citizen.objects.get().died_on is None


# --- search ----------------------------------------------------------------------------------------


def search(client, query):
    return [c.pk for c in client.post(reverse("citizens:index"), {"q": query}).context["citizens"]]


def test_search_by_name_fragments_in_any_order_and_case(as_user, randers_visitator, citizen):
    client = as_user(randers_visitator)
    for query in ("karl", "PRØVESEN", "prøvesen karla", "Kar Prø", "øves", "KARLA prø"):
        assert search(client, query) == [citizen.pk], query
    assert search(client, "Karla Hansen") == []


def test_search_by_birth_date_ddmmyy(as_user, randers_visitator, randers_centre, citizen):
    born_2005 = CitizenFactory(centre=randers_centre, cpr=fictional_cpr(date(2005, 6, 15)))
    CitizenFactory(centre=randers_centre, cpr=fictional_cpr(date(1985, 6, 16)))
    client = as_user(randers_visitator)
    assert search(client, "150685") == [citizen.pk]
    assert search(client, "15.06.85") == [citizen.pk]
    assert search(client, "150605") == [born_2005.pk]
    event = AuditEvent.objects.filter(action="search").first()
    assert event.changes["citizens"] == [born_2005.pk] and "150605" not in str(event.changes)


def test_search_by_birth_date_is_scoped_to_the_users_centres(as_user, fredericia_outsider, citizen):
    assert search(as_user(fredericia_outsider), "150685") == []


def test_nothing_found_says_so_and_links_to_register_without_the_cpr(as_user, randers_visitator):
    cpr = fictional_cpr(date(1990, 1, 1))
    html = as_user(randers_visitator).post(reverse("citizens:index"), {"q": cpr}).content.decode()
    assert (
        da("No citizen was found. Check the spelling, or search by the full CPR number or the birth date (DDMMYY).")
        in html
    )
    assert (
        f'href="{reverse("citizens:register")}"' in html
        and cpr not in html.split("<form")[0] + html.split("</form>")[-1]
    )


def test_the_search_button_says_search(as_user, randers_visitator):
    html = as_user(randers_visitator).get(reverse("citizens:index")).content.decode()
    with translation.override("da"):
        label = translation.pgettext("button", "Search")
    assert f">{label}</button>" in html


# --- open a course from the citizen's page ----------------------------------------------------------


def test_a_course_opens_from_the_citizens_page(as_user, randers_visitator, citizen):
    client = as_user(randers_visitator)
    html = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert f'action="{reverse("courses:open", args=[citizen.pk])}"' in html
    response = client.post(
        reverse("courses:open", args=[citizen.pk]), {"kind": "alcohol", "first_contact_on": TODAY.isoformat()}
    )
    course = Course.objects.get()
    assert response.url == reverse("courses:detail", args=[course.pk]) and course.kind == "alcohol"
    again = client.post(
        reverse("courses:open", args=[citizen.pk]), {"kind": "alcohol", "first_contact_on": TODAY.isoformat()}
    )
    assert again.status_code == 200 and Course.objects.count() == 1  # refused; the separate page shows why
