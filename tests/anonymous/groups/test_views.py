"""The group pages: only for the anonymous-service role at the record's centre (404 otherwise),
bounded queries, and the forms doing what they say."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from anonymous.groups import services
from anonymous.models import Enrolment, Group, Service, State
from audit.models import AuditEvent
from organisations.models import Centre, Role
from tests.conftest import staff, verified_client

from .helpers import NICKNAME, at, client, counsellor

pytestmark = pytest.mark.django_db

NOW = at(2027, 2, 15, 12)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def aalborg(mariagerfjord_centre):
    return Centre.objects.get(municipality=mariagerfjord_centre.municipality, name="Rusmiddelafsnittet i Aalborg")


@pytest.fixture
def worker(mariagerfjord_centre):
    return counsellor(mariagerfjord_centre)


def make_group(worker, centre, provider, *, sessions=8, first=None):
    return services.group_create(
        by=worker,
        centre=centre,
        provider=provider,
        service=Service.DRUG_TREATMENT,
        name="Gruppe 1. kvartal 2027",
        first_session=first or at(2027, 1, 11),
        every_days=7,
        sessions=sessions,
        minutes=90,
        closing_talk=True,
    )


def urls(group, person):
    session = group.sessions.get(number=1)
    place = Enrolment.objects.get(client=person, group=group)
    return [
        ("get", reverse("anonymous:groups")),
        ("get", reverse("anonymous:group_new")),
        ("get", reverse("anonymous:group", args=[group.pk])),
        ("post", reverse("anonymous:group_enrol", args=[group.pk])),
        ("get", reverse("anonymous:session", args=[session.pk])),
        ("get", reverse("anonymous:group_leave", args=[place.pk])),
        ("get", reverse("anonymous:closing_talk", args=[person.pk])),
        ("post", reverse("anonymous:group_close", args=[group.pk])),
    ]


@pytest.mark.parametrize(
    "role", [Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.MANAGER, Role.ADMINISTRATOR]
)
def test_every_page_is_missing_without_the_role(role, worker, mariagerfjord_centre, aalborg):
    group = make_group(worker, mariagerfjord_centre, aalborg)
    person = client(mariagerfjord_centre)
    services.enrol(by=worker, group=group, client=person, joined_on=date(2027, 1, 11))
    browser = verified_client(staff(mariagerfjord_centre, role, username=f"u-{role}"))
    for method, url in urls(group, person):
        assert getattr(browser, method)(url).status_code == 404, url


def test_another_centres_counsellor_finds_nothing(worker, mariagerfjord_centre, aalborg, randers_centre):
    group = make_group(worker, mariagerfjord_centre, aalborg)
    person = client(mariagerfjord_centre)
    services.enrol(by=worker, group=group, client=person, joined_on=date(2027, 1, 11))
    browser = verified_client(counsellor(randers_centre, username="randers-anonym"))
    for method, url in urls(group, person)[2:]:
        assert getattr(browser, method)(url).status_code == 404, url
    page = browser.get(reverse("anonymous:groups"))
    assert page.status_code == 200 and "Gruppe 1. kvartal 2027" not in page.content.decode()


def test_the_list_shows_groups_waiting_clients_and_the_quarterly_intake(worker, mariagerfjord_centre, aalborg):
    make_group(worker, mariagerfjord_centre, aalborg)
    waiting = client(mariagerfjord_centre)
    page = verified_client(worker).get(reverse("anonymous:groups"))
    text = page.content.decode()
    assert "Gruppe 1. kvartal 2027" in text and "Rusmiddelafsnittet i Aalborg" in text
    assert waiting.reference_code in text
    intake = page.context["intakes"][0]["intake"]
    assert intake.current_has_group and not intake.next_has_group  # the next quarter has no group yet
    assert "1. april 2027" in text or "1 April 2027" in text
    event = AuditEvent.objects.filter(changes__list="anonymous:groups").get()
    assert event.changes["clients"] == [waiting.pk]
    assert NICKNAME not in str(event.changes)


def _rows(worker, centre, provider, n):
    for i in range(n):
        group = make_group(worker, centre, provider, sessions=n, first=at(2027, 1, 4 + i))
        services.enrol(by=worker, group=group, client=client(centre, nickname=f"Klient {chr(65 + i)}"))
        client(centre, nickname=f"Venter {chr(65 + i)}")
    return group


def _count(django_assert_max_num_queries, browser, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_the_lists_queries_do_not_grow_with_rows(worker, mariagerfjord_centre, aalborg, django_assert_max_num_queries):
    browser = verified_client(worker)
    _rows(worker, mariagerfjord_centre, aalborg, 2)
    few = _count(django_assert_max_num_queries, browser, reverse("anonymous:groups"))
    _rows(worker, mariagerfjord_centre, aalborg, 12)
    with django_assert_max_num_queries(few):
        browser.get(reverse("anonymous:groups"))


def test_the_group_pages_queries_do_not_grow_with_members_and_sessions(
    worker, mariagerfjord_centre, aalborg, django_assert_max_num_queries
):
    browser = verified_client(worker)

    def group_with(n):
        group = make_group(worker, mariagerfjord_centre, aalborg, sessions=n)
        for i in range(n):
            person = client(mariagerfjord_centre, nickname=f"Medlem {chr(65 + i)}")
            services.enrol(by=worker, group=group, client=person, joined_on=date(2027, 1, 11))
            client(mariagerfjord_centre, nickname=f"Venter {chr(65 + i)}")
        for session in group.sessions.filter(starts_at__lte=NOW):
            services.attendance_record(
                by=worker, session=session, statuses={e.client_id: "attended" for e in services.members_on(session)}
            )
        return group

    small, large = group_with(2), group_with(12)
    few = _count(django_assert_max_num_queries, browser, reverse("anonymous:group", args=[small.pk]))
    with django_assert_max_num_queries(few):
        page = browser.get(reverse("anonymous:group", args=[large.pk]))
    assert page.content.decode().count("Medlem ") == 12


def test_creating_a_group_with_the_standards_defaults(worker, mariagerfjord_centre, aalborg):
    make_group(worker, mariagerfjord_centre, aalborg)
    browser = verified_client(worker)
    form = browser.get(reverse("anonymous:group_new")).context["form"]
    assert form.initial["sessions"] == 8 and form.initial["closing_talk"] is True
    assert form.initial["provider"] == aalborg
    # A group exists for the current quarter: the default is the next one (Danish once the PO is in).
    assert form.initial["name"] in {"Gruppe 2. kvartal 2027", "Group 2. quarter 2027"}
    assert form.initial["first_date"] == date(2027, 4, 1)
    response = browser.post(
        reverse("anonymous:group_new"),
        {
            "centre": mariagerfjord_centre.pk,
            "provider": aalborg.pk,
            "service": Service.DRUG_TREATMENT,
            "name": "Gruppe 2. kvartal 2027",
            "first_date": "2027-04-05",
            "first_time": "17:00",
            "every_days": "7",
            "sessions": "8",
            "minutes": "90",
            "closing_talk": "on",
        },
    )
    group = Group.objects.get(name="Gruppe 2. kvartal 2027")
    assert response.status_code == 302 and group.sessions.count() == 8
    assert group.sessions.get(number=8).starts_at == at(2027, 5, 24)


def test_a_bad_group_form_keeps_what_was_typed(worker, mariagerfjord_centre, aalborg):
    response = verified_client(worker).post(
        reverse("anonymous:group_new"),
        {"centre": mariagerfjord_centre.pk, "provider": mariagerfjord_centre.pk, "name": "Gruppe 1234567890"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"provider", "name", "first_date", "sessions"} <= set(form.errors)
    assert "Gruppe 1234567890" in response.content.decode()


def test_enrol_attendance_and_closing_talk_through_the_pages(worker, mariagerfjord_centre, aalborg):
    browser = verified_client(worker)
    group = make_group(worker, mariagerfjord_centre, aalborg, sessions=2, first=at(2027, 2, 1))
    person = client(mariagerfjord_centre)
    page = browser.get(reverse("anonymous:group", args=[group.pk]))
    assert person.reference_code in page.content.decode()
    response = browser.post(
        reverse("anonymous:group_enrol", args=[group.pk]), {"client": person.pk, "joined_on": "2027-02-01"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.state == State.IN_TREATMENT
    for session in group.sessions.order_by("number"):
        url = reverse("anonymous:session", args=[session.pk])
        missing = browser.post(url, {})
        assert missing.status_code == 200 and f"client_{person.pk}" in missing.context["form"].errors
        assert browser.post(url, {f"client_{person.pk}": "attended"}).status_code == 302
    page = browser.get(reverse("anonymous:group", args=[group.pk]))
    assert reverse("anonymous:closing_talk", args=[person.pk]) in page.content.decode()
    response = browser.post(
        reverse("anonymous:closing_talk", args=[person.pk]),
        {"outcome": "held", "held_on": "2027-02-15", "note": "Godt forløb"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.state == State.COMPLETED


def test_a_future_session_asks_no_attendance_but_can_be_cancelled(worker, mariagerfjord_centre, aalborg):
    browser = verified_client(worker)
    group = make_group(worker, mariagerfjord_centre, aalborg, sessions=2, first=at(2027, 3, 1))
    session = group.sessions.get(number=1)
    url = reverse("anonymous:session", args=[session.pk])
    assert browser.get(url).context["form"].members == []
    assert browser.post(url, {}).status_code == 200  # nothing to save before it has begun
    assert browser.post(url, {"cancelled": "on"}).status_code == 302
    session.refresh_from_db()
    assert session.cancelled


def test_closing_talk_page_refuses_before_the_course_is_ready(worker, mariagerfjord_centre, aalborg):
    browser = verified_client(worker)
    group = make_group(worker, mariagerfjord_centre, aalborg)
    person = client(mariagerfjord_centre)
    services.enrol(by=worker, group=group, client=person, joined_on=date(2027, 2, 15))
    response = browser.post(
        reverse("anonymous:closing_talk", args=[person.pk]), {"outcome": "held", "held_on": "2027-02-15"}
    )
    assert response.status_code == 200 and not response.context["ready"]
    person.refresh_from_db()
    assert person.state == State.IN_TREATMENT


def test_leaving_and_moving_on_to_the_next_group(worker, mariagerfjord_centre, aalborg):
    browser = verified_client(worker)
    group = make_group(worker, mariagerfjord_centre, aalborg)
    following = make_group(worker, mariagerfjord_centre, aalborg, first=at(2027, 4, 5))
    person = client(mariagerfjord_centre)
    place = services.enrol(by=worker, group=group, client=person, joined_on=date(2027, 1, 11))
    url = reverse("anonymous:group_leave", args=[place.pk])
    assert browser.get(url).context["form"].initial["next_group"] == following
    assert browser.post(url, {"left_on": "2027-02-15", "next_group": following.pk}).status_code == 302
    assert Enrolment.objects.get(client=person, group=following).joined_on == date(2027, 2, 15)
