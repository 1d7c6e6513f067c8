"""The anonymous services' demo (demo/anonymous.py): every state, fictional, idempotent."""

from datetime import date

import pytest

from anonymous.models import AnonymousClient, Attendance, ContactRequest, ConversationSlot, Group, State, Talk
from demo.anonymous import MARIAGERFJORD_PROVIDER, load_demo_anonymous
from demo.staff import load_demo_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [date(2026, 3, 2), date(2027, 2, 1), date(2028, 6, 30)])
def test_the_demo_has_every_state_at_each_service_centre_and_a_second_run_adds_nothing(today):
    load_demo_staff()
    assert load_demo_anonymous(today) == 4
    counts = [m.objects.count() for m in (AnonymousClient, Talk, ContactRequest, ConversationSlot, Group, Attendance)]
    assert load_demo_anonymous(today) == 0
    assert [
        m.objects.count() for m in (AnonymousClient, Talk, ContactRequest, ConversationSlot, Group, Attendance)
    ] == counts
    for centre_id in AnonymousClient.objects.values_list("centre", flat=True).distinct():
        states = set(AnonymousClient.objects.filter(centre_id=centre_id).values_list("state", flat=True))
        assert states == set(State.values), centre_id
    assert AnonymousClient.objects.values("centre").distinct().count() == 4
    slots = ConversationSlot.objects.all()
    assert all(today < s.starts_at.date() <= date.fromordinal(today.toordinal() + 14) for s in slots)
    assert ContactRequest.objects.filter(way="slot").exists()


def test_every_demo_record_passes_the_models_own_checks_and_the_phones_are_fake():
    load_demo_staff()
    load_demo_anonymous(date(2026, 3, 2))
    for model in (AnonymousClient, Talk, ContactRequest, ConversationSlot, Group, Attendance):
        for row in model.objects.all():
            row.full_clean()
    phones = set(ContactRequest.objects.exclude(phone="").values_list("phone", flat=True))
    assert phones and all(p.startswith("200000") for p in phones)


def test_mariagerfjord_runs_a_group_of_eight_at_the_provider_in_aalborg_with_attendance_and_a_closing_talk():
    load_demo_staff()
    today = date(2026, 3, 2)
    load_demo_anonymous(today)
    group = Group.objects.get(centre__municipality__code="846", closed_on=None)
    assert group.provider.name == MARIAGERFJORD_PROVIDER
    assert group.sessions.count() == 8
    past = group.sessions.filter(starts_at__date__lt=today)
    assert past.exists() and group.sessions.filter(starts_at__date__gte=today).exists()
    assert all(session.attendance.exists() for session in past)
    assert not Attendance.objects.filter(session__group=group, session__starts_at__date__gte=today).exists()
    assert Talk.objects.filter(client__centre=group.centre, kind=Talk.Kind.CLOSING).exists()
    assert group.enrolments.filter(left_on=None).count() >= 2


def test_the_alcohol_client_only_where_the_standard_covers_sul_141():
    from standards.selectors import standard_in_force

    load_demo_staff()
    load_demo_anonymous(date(2026, 3, 2))
    for client in AnonymousClient.objects.filter(service="alcohol").select_related("centre"):
        standard = standard_in_force(client.centre.municipality_id)
        assert "SUL_141" in standard.laws_covered
