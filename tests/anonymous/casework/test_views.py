"""The casework pages: 404 for everyone without the role (and for another centre's counsellor),
bounded lists, the call-back erasing the phone, and a decision without complaint guidance."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.urls import reverse
from django.utils import timezone

from anonymous.models import AnonymousClient, ContactRequest, Talk
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff, verified_client

from .helpers import assert_anonymous_audit, counsellor, make_callback, make_client, make_slot

pytestmark = [pytest.mark.django_db]

OTHER_ROLES = [Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.MANAGER, Role.ADMINISTRATOR]


@pytest.fixture
def worker(randers_centre):
    return counsellor(randers_centre)


@pytest.fixture
def web(worker):
    return verified_client(worker)


def _pages(client, request):
    pk = client.pk
    return [
        ("get", reverse("anonymous:index")),
        ("get", reverse("anonymous:clients")),
        ("get", reverse("anonymous:client_new")),
        ("get", reverse("anonymous:client", args=[pk])),
        ("get", reverse("anonymous:client_edit", args=[pk])),
        ("get", reverse("anonymous:conversation", args=[pk])),
        ("get", reverse("anonymous:advice_talk", args=[pk])),
        ("get", reverse("anonymous:alcohol_start", args=[pk])),
        ("get", reverse("anonymous:client_end", args=[pk])),
        ("post", reverse("anonymous:callback_done", args=[request.pk])),
        ("post", reverse("anonymous:request_cancel", args=[request.pk])),
    ]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_page_is_missing_for_staff_without_the_role(randers_centre, role):
    client = make_client(randers_centre)
    request = make_callback(client)
    web = verified_client(staff(randers_centre, role, username=f"randers-{role}"))
    for method, url in _pages(client, request):
        assert getattr(web, method)(url).status_code == 404, url
    request.refresh_from_db()
    assert request.phone == "23456789" and request.cancelled_at is None


def test_another_centres_counsellor_finds_nothing(randers_centre, fredericia_centre):
    client = make_client(randers_centre)
    request = make_callback(client)
    web = verified_client(counsellor(fredericia_centre, "fredericia-anon"))
    for method, url in _pages(client, request)[3:]:
        assert getattr(web, method)(url).status_code == 404, url
    html = web.get(reverse("anonymous:index")).content.decode() + web.get(reverse("anonymous:clients")).content.decode()
    assert client.reference_code not in html and "23456789" not in html


def _fill(centre, n, creator):
    for i in range(n):
        client = make_client(centre, service=["drug_treatment", "advice", "alcohol"][i % 3], state="requested")
        if i % 3 == 0:
            make_callback(client)
        elif i % 3 == 2:
            ContactRequest.objects.create(client=client, way="slot", slot=make_slot(centre, creator))


@pytest.mark.parametrize("name", ["anonymous:index", "anonymous:clients"])
def test_the_lists_take_the_same_number_of_queries_with_3_and_30_clients(
    randers_centre, worker, web, name, django_assert_max_num_queries
):
    _fill(randers_centre, 3, worker)
    web.get(reverse(name))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert web.get(reverse(name)).status_code == 200
    _fill(randers_centre, 27, worker)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = web.get(reverse(name))
    assert response.status_code == 200


def test_the_front_page_shows_call_backs_oldest_first_with_the_phone(randers_centre, web):
    late = make_client(randers_centre, nickname="Sen")
    make_callback(late, phone="87654321")
    early = make_client(randers_centre, nickname="Tidlig")
    request = make_callback(early, phone="23456789")
    ContactRequest.objects.filter(pk=request.pk).update(submitted_at=timezone.now() - timedelta(days=1))
    html = web.get(reverse("anonymous:index")).content.decode()
    assert html.index(early.reference_code) < html.index(late.reference_code)
    assert "23456789" in html and "87654321" in html
    assert AuditEvent.objects.filter(changes__list="anonymous:index").exists()


def test_the_call_back_erases_the_phone_number(randers_centre, web, worker):
    client = make_client(randers_centre)
    request = make_callback(client)
    response = web.post(reverse("anonymous:callback_done", args=[request.pk]), {"reached": "no"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.phone == "23456789"
    web.post(reverse("anonymous:callback_done", args=[request.pk]), {"reached": "yes"})
    request.refresh_from_db()
    assert request.phone == "" and request.handled_by == worker
    html = web.get(reverse("anonymous:client", args=[client.pk])).content.decode()
    assert "23456789" not in html
    assert_anonymous_audit(client, "23456789")


def test_the_clients_list_finds_by_reference_code_and_filters(randers_centre, web):
    wanted = make_client(randers_centre, nickname="Ugle")
    other = make_client(randers_centre, service="advice", state="advice", nickname="Mus")
    closed = make_client(randers_centre, state="ended", nickname="Lukket")
    typed = wanted.reference_code.lower().replace("-", " ")
    html = web.get(reverse("anonymous:clients"), {"code": typed}).content.decode()
    assert wanted.reference_code in html and other.reference_code not in html
    html = web.get(reverse("anonymous:clients"), {"service": "advice"}).content.decode()
    assert other.reference_code in html and wanted.reference_code not in html
    html = web.get(reverse("anonymous:clients")).content.decode()
    assert closed.reference_code not in html
    html = web.get(reverse("anonymous:clients"), {"state": "all"}).content.decode()
    assert closed.reference_code in html
    response = web.get(reverse("anonymous:clients"), {"code": "010190-1234"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()


def test_a_contact_is_recorded_without_a_cpr_number(randers_centre, web):
    slot = make_slot(randers_centre, counsellor(randers_centre, "slotter"))
    data = {
        "centre": randers_centre.pk,
        "service": "drug_treatment",
        "contact_by": "self",
        "channel": "phone",
        "first_contact_on": timezone.localdate().isoformat(),
        "nickname": "Kragen",
        "birth_year": "1994",
        "gender": "male",
        "substance": "cannabis",
        "wish": "slot",
        "slot": slot.pk,
        "phone": "",
        "callback_time": "any",
    }
    response = web.post(reverse("anonymous:client_new"), data)
    client = AnonymousClient.objects.get()
    assert response.status_code == 302 and response.url == reverse("anonymous:client", args=[client.pk])
    assert client.contact_request.slot == slot and client.created_by is not None


def test_a_wrong_contact_keeps_what_was_typed(randers_centre, web):
    data = {
        "centre": randers_centre.pk,
        "service": "drug_treatment",
        "contact_by": "self",
        "channel": "phone",
        "first_contact_on": timezone.localdate().isoformat(),
        "nickname": "Kragen 0101901234",
        "birth_year": "1994",
        "gender": "male",
        "substance": "cannabis",
        "wish": "callback",
        "phone": "12",
        "callback_time": "any",
    }
    response = web.post(reverse("anonymous:client_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "data-error-summary" in html
    assert 'aria-invalid="true"' in html and 'value="1994"' in html
    assert not AnonymousClient.objects.exists()


def test_an_advice_contact_goes_straight_to_the_first_talk(randers_centre, web):
    data = {
        "centre": randers_centre.pk,
        "service": "advice",
        "contact_by": "relative",
        "channel": "phone",
        "first_contact_on": timezone.localdate().isoformat(),
        "nickname": "",
        "birth_year": "",
        "gender": "not_stated",
        "substance": "not_stated",
        "wish": "none",
        "callback_time": "any",
    }
    response = web.post(reverse("anonymous:client_new"), data)
    client = AnonymousClient.objects.get()
    assert response.url == reverse("anonymous:advice_talk", args=[client.pk])
    html = web.get(response.url).content.decode()
    assert "Advice talk 1" in html or "Rådgivningssamtale 1" in html
    web.post(response.url, {"held_on": timezone.localdate().isoformat(), "with_relative": "on"})
    assert Talk.objects.get(client=client).with_relative
    html = web.get(response.url).content.decode()
    assert "Advice talk 2" in html or "Rådgivningssamtale 2" in html


def _without_the_no_appeal_sentence(html: str) -> str:
    return re.sub(r"<p data-no-appeal>.*?</p>", "", html, flags=re.S)


def test_the_decision_carries_no_complaint_guidance(randers_centre, web):
    client = make_client(randers_centre)
    url = reverse("anonymous:conversation", args=[client.pk])
    html = web.get(url).content.decode()
    assert "data-no-appeal" in html and "101 a, stk. 6" in html and "data-criteria" in html
    for text in (
        _without_the_no_appeal_sentence(html),
        _without_the_no_appeal_sentence(
            web.post(url, {"held_on": timezone.localdate().isoformat(), "decision": "no"}).content.decode()
        ),
    ):
        assert "klage" not in text.lower() and "ankestyrelsen" not in text.lower()
    response = web.post(
        url,
        {
            "held_on": timezone.localdate().isoformat(),
            "decision": "no",
            "not_eligible_reason": "other_social_problems",
            "referral": "sel_101",
        },
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.state == "not_eligible"
    html = web.get(reverse("anonymous:client", args=[client.pk])).content.decode()
    assert "101 a, stk. 6" in html
    text = _without_the_no_appeal_sentence(html).lower()
    assert "klage" not in text and "ankestyrelsen" not in text
    # the step is gone once decided
    assert web.get(url).status_code == 302


def test_the_criteria_of_fredericias_standard_are_shown(fredericia_centre):
    from standards.selectors import standard_in_force

    standard = standard_in_force(fredericia_centre.municipality_id)
    # Set here: standards/migrations/0006 compares the name with "Fredericia", the seed's is "Fredericia Kommune".
    standard.anonymous_criteria = import_module(
        "standards.migrations.0006_anonymous_providers_and_criteria"
    ).FREDERICIA_CRITERIA
    standard.save()
    web = verified_client(counsellor(fredericia_centre, "fredericia-anon"))
    client = make_client(fredericia_centre)
    html = web.get(reverse("anonymous:conversation", args=[client.pk])).content.decode()
    assert len(standard.anonymous_criteria) == 5
    for criterion in standard.anonymous_criteria:
        assert criterion in html


def test_the_client_page_is_an_audited_read_without_identifying_data(randers_centre, web):
    client = make_client(randers_centre, service="alcohol")
    html = web.get(reverse("anonymous:client", args=[client.pk])).content.decode()
    assert client.reference_code in html and reverse("anonymous:alcohol_start", args=[client.pk]) in html
    assert reverse("anonymous:conversation", args=[client.pk]) not in html
    assert AuditEvent.objects.filter(action="view", object_id=str(client.pk)).exists()
    web.post(reverse("anonymous:alcohol_start", args=[client.pk]), {"started_on": timezone.localdate().isoformat()})
    client.refresh_from_db()
    assert client.state == "in_treatment"
    web.post(
        reverse("anonymous:client_end", args=[client.pk]),
        {"ended_on": timezone.localdate().isoformat(), "end_reason": "dropped_out"},
    )
    client.refresh_from_db()
    assert client.state == "ended"
    assert_anonymous_audit(client)
