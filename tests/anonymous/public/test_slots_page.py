"""The staff page of conversation times: only the anonymous team, only their centre, audited
without identifying anything, bounded queries, weekly times across summer time."""

from datetime import datetime

import pytest

from anonymous.models import ConversationSlot
from anonymous.public import services
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff, verified_client

from .helpers import CPH, counsellor, frozen, slot

pytestmark = pytest.mark.django_db
URL = "/anonym/tider/"


@pytest.fixture
def clock():
    with frozen() as traveller:
        yield traveller


def test_staff_without_the_role_get_404(clock, randers_centre, randers_manager):
    worker = counsellor(randers_centre)
    time = slot(randers_centre, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    manager = verified_client(randers_manager)
    assert manager.get(URL).status_code == 404
    assert manager.post(f"/anonym/tider/{time.pk}/slet/").status_code == 404
    assert ConversationSlot.objects.filter(pk=time.pk).exists()


def test_another_centres_time_is_not_found(clock, randers_centre, fredericia_centre):
    mine = counsellor(randers_centre)
    theirs = counsellor(fredericia_centre, username="fredericia-anonym")
    time = slot(fredericia_centre, theirs, datetime(2026, 3, 12, 10, 0, tzinfo=CPH), place="Fredericia-rummet")
    client = verified_client(mine)
    assert "Fredericia-rummet" not in client.get(URL).content.decode()
    assert client.post(f"/anonym/tider/{time.pk}/slet/").status_code == 404
    assert ConversationSlot.objects.filter(pk=time.pk).exists()


def test_a_counsellor_adds_weekly_times_across_summer_time(clock, randers_centre):
    worker = counsellor(randers_centre)
    client = verified_client(worker)
    before = AuditEvent.objects.count()
    answer = client.post(
        URL,
        {
            "centre": randers_centre.pk,
            "first_date": "2026-03-20",
            "start_time": "10:00",
            "minutes": "45",
            "place": "Sideindgangen",
            "repeat": "3",
        },
    )
    assert answer.status_code == 302
    starts = [s.starts_at.astimezone(CPH).strftime("%d/%m %H:%M") for s in ConversationSlot.objects.all()]
    assert starts == ["20/03 10:00", "27/03 10:00", "03/04 10:00"]
    events = AuditEvent.objects.order_by("id")[before:]
    assert len(events) == 3
    for event in events:
        assert event.changes["fields"] == ["minutes", "place", "starts_at"]
        assert "Sideindgangen" not in str(event.changes) and "Sideindgangen" not in str(event.__dict__)


@pytest.mark.parametrize(
    "bad",
    [
        {"first_date": "2026-03-01"},  # in the past
        {"place": "Ring 22334455"},
        {"place": "x\x00y"},
        {"repeat": "99"},
        {"minutes": "5"},
        {"start_time": "25:00"},
        {"first_date": "2026-03-29", "start_time": "02:30"},  # does not exist (summer time)
    ],
)
def test_invalid_times_give_a_message_and_keep_what_was_typed(clock, randers_centre, bad):
    client = verified_client(counsellor(randers_centre))
    data = {
        "centre": randers_centre.pk,
        "first_date": "2026-03-20",
        "start_time": "10:00",
        "minutes": "45",
        "place": "Sideindgangen",
        "repeat": "1",
        **bad,
    }
    answer = client.post(URL, data)
    assert answer.status_code == 200
    assert "error-summary" in answer.content.decode()
    assert not ConversationSlot.objects.exists()


def test_a_free_time_is_deleted_and_a_booked_one_is_not(clock, fredericia_centre):
    worker = counsellor(fredericia_centre)
    free = slot(fredericia_centre, worker, datetime(2026, 3, 12, 10, 0, tzinfo=CPH))
    booked = slot(fredericia_centre, worker, datetime(2026, 3, 13, 10, 0, tzinfo=CPH))
    services.request_contact(
        municipality=fredericia_centre.municipality,
        service="drug_treatment",
        nickname="Stjernen",
        birth_year=None,
        slot=booked,
        form_token="c" * 64,
    )
    client = verified_client(worker)
    assert client.get(f"/anonym/tider/{free.pk}/slet/").status_code == 405
    assert client.post(f"/anonym/tider/{free.pk}/slet/").status_code == 302
    assert client.post(f"/anonym/tider/{booked.pk}/slet/").status_code == 302
    assert list(ConversationSlot.objects.all()) == [booked]
    assert AuditEvent.objects.filter(action="delete", object_type__icontains="").exists()


def test_the_list_shows_booked_codes_audits_them_and_keeps_its_query_count(
    clock, fredericia_centre, django_assert_max_num_queries
):
    worker = counsellor(fredericia_centre)
    client = verified_client(worker)

    def add(n):
        for i in range(n):
            time = slot(fredericia_centre, worker, datetime(2026, 3, 12 + i % 10, 8 + i % 8, 0, tzinfo=CPH))
            if i % 2:
                services.request_contact(
                    municipality=fredericia_centre.municipality,
                    service="drug_treatment",
                    nickname="Stjernen",
                    birth_year=None,
                    slot=time,
                    form_token=f"{i:064d}",
                )

    add(2)
    client.get(URL)
    with django_assert_max_num_queries(20) as few:
        page = client.get(URL)
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL)
    text = page.content.decode()
    from anonymous.models import AnonymousClient

    codes = list(AnonymousClient.objects.values_list("reference_code", flat=True))
    assert all(code in text for code in codes)
    event = AuditEvent.objects.filter(changes__list="anonymous:slots").latest("id")
    assert sorted(event.changes["clients"]) == sorted(AnonymousClient.objects.values_list("pk", flat=True))
    assert not any(code in str(event.changes) for code in codes)


def test_the_list_is_paged(clock, fredericia_centre):
    worker = counsellor(fredericia_centre)
    for i in range(55):
        slot(fredericia_centre, worker, datetime(2026, 3, 12 + i % 15, 8 + i % 9, i % 60, tzinfo=CPH))
    client = verified_client(worker)
    text = client.get(URL).content.decode()
    assert 'rel="next"' in text
    assert client.get(URL + "?side=2").status_code == 200


def test_a_counsellor_at_two_centres_chooses_the_centre(clock, randers_centre, fredericia_centre):
    worker = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="to-centre")
    from tests.factories import MembershipFactory

    MembershipFactory(user=worker, centre=fredericia_centre, role=Role.ANONYMOUS_COUNSELLOR)
    text = verified_client(worker).get(URL).content.decode()
    assert 'name="centre"' in text and "<select" in text
