"""Quality-standard pages: scoped to the user's municipality, warnings for managers, public page."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from standards.models import QualityStandard

pytestmark = pytest.mark.django_db


def odsherred_standard() -> QualityStandard:
    return QualityStandard.objects.get(municipality__code="306")


def test_odsherreds_manager_sees_the_law_warnings_on_the_standard(as_user, odsherred_manager):
    response = as_user(odsherred_manager).get(reverse("standards:detail", args=[odsherred_standard().pk]))
    assert response.status_code == 200
    codes = [s.code for s in response.context["shortfalls"]]
    assert "guarantee_start" in codes and "follow_up_second" in codes
    assert b'data-shortfall="guarantee_start"' in response.content


def test_a_therapist_reads_the_standard_without_the_law_check(as_user, randers_therapist):
    standard = QualityStandard.objects.get(municipality__code="730")
    response = as_user(randers_therapist).get(reverse("standards:detail", args=[standard.pk]))
    assert response.status_code == 200
    assert response.context["shortfalls"] is None


def test_another_municipalitys_standard_is_not_found(as_user, fredericia_outsider):
    response = as_user(fredericia_outsider).get(reverse("standards:detail", args=[odsherred_standard().pk]))
    assert response.status_code == 404


def test_the_list_shows_only_the_users_municipality(as_user, randers_manager):
    response = as_user(randers_manager).get(reverse("standards:index"))
    assert [s.municipality.code for s in response.context["standards"]] == ["730"]


def test_the_list_does_a_bounded_number_of_queries(as_user, randers_manager, django_assert_max_num_queries):
    municipality = QualityStandard.objects.get(municipality__code="730").municipality
    for year in range(2000, 2020):
        QualityStandard.objects.create(
            municipality=municipality,
            title=f"Standard {year}",
            follow_up_months=[1, 6],
            valid_from=f"{year}-01-01",
            valid_to=f"{year}-12-31",
        )
    client = as_user(randers_manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("standards:index"))
    assert len(response.context["standards"]) == 21


def test_the_public_page_needs_no_login_and_shows_the_standard_in_force():
    response = Client().get(reverse("public:public", args=["306"]))
    assert response.status_code == 200
    assert "Odsherred" in response.content.decode()
    assert response.context["standard"] == odsherred_standard()


def test_the_public_page_of_an_unknown_municipality_is_not_found():
    assert Client().get(reverse("public:public", args=["999"])).status_code == 404


def test_after_its_validity_the_standard_still_applies_and_the_manager_is_told_to_revise_it(as_user, odsherred_manager):
    """Odsherred's standard is valid until December 2026; in February 2027 nothing has replaced it."""
    with time_machine.travel(datetime(2027, 2, 1, 12, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False):
        client = as_user(odsherred_manager)
        detail = client.get(reverse("standards:detail", args=[odsherred_standard().pk]))
        home = client.get(reverse("home:index"))
        public = Client().get(reverse("public:public", args=["306"]))
    codes = [s.code for s in detail.context["shortfalls"]]
    assert "validity_ended" in codes and "revision_overdue" in codes
    assert b'data-shortfall="validity_ended"' in home.content
    assert home.context["municipalities"][0]["standard"] == odsherred_standard()
    assert public.status_code == 200 and public.context["standard"] == odsherred_standard()
