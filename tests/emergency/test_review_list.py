"""The manager's review list: unreviewed accesses on top on every database, and none hidden by a cap."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from emergency.models import EmergencyAccess
from organisations.models import Role
from tests.conftest import staff
from tests.emergency.test_break_the_glass import REASON
from tests.factories import CitizenFactory, MembershipFactory

pytestmark = pytest.mark.django_db
REVIEW_LIST = reverse("emergency:review_list")


@pytest.fixture
def visitator(fredericia_centre):
    return staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")


@pytest.fixture
def randers_citizen(randers_centre):
    return CitizenFactory(centre=randers_centre)


def access(visitator, citizen, *, granted_days_ago: int = 0, reviewed_by=None, reviewed_minutes_ago: int = 0):
    now = timezone.now()
    created = EmergencyAccess.objects.create(
        user=visitator,
        citizen=citizen,
        reason=REASON,
        expires_at=now,
        reviewed_by=reviewed_by,
        reviewed_at=now - timedelta(minutes=reviewed_minutes_ago) if reviewed_by else None,
        review_note="Berettiget." if reviewed_by else "",
    )
    EmergencyAccess.objects.filter(pk=created.pk).update(granted_at=now - timedelta(days=granted_days_ago))
    return created


def every_page(client) -> list[EmergencyAccess]:
    seen, number = [], 1
    while True:
        page = client.get(REVIEW_LIST, {"side": number}).context["page"]
        seen.extend(page)
        if not page.has_next():
            return seen
        number += 1


def test_an_old_unreviewed_access_is_first_above_201_reviewed_ones_and_none_is_hidden(
    as_user, visitator, randers_citizen, randers_manager
):
    unreviewed = access(visitator, randers_citizen, granted_days_ago=30)
    reviewed = [
        access(visitator, randers_citizen, reviewed_by=randers_manager, reviewed_minutes_ago=minutes)
        for minutes in range(201)
    ]
    client = as_user(randers_manager)

    first = client.get(REVIEW_LIST)

    assert first.context["unreviewed"] == 1
    assert list(first.context["page"])[:2] == [unreviewed, reviewed[0]]  # then the latest reviewed
    seen = every_page(client)
    assert len(seen) == 202 and set(seen) == {unreviewed, *reviewed}
    assert 'rel="next"' in first.content.decode()


def test_unreviewed_accesses_beyond_one_page_all_come_before_any_reviewed_one(
    as_user, visitator, randers_citizen, randers_manager
):
    reviewed = access(visitator, randers_citizen, granted_days_ago=0, reviewed_by=randers_manager)
    unreviewed = [access(visitator, randers_citizen, granted_days_ago=days) for days in range(1, 106)]

    seen = every_page(as_user(randers_manager))

    assert seen == [*unreviewed, reviewed]  # unreviewed newest first, the reviewed one last


def test_a_manager_who_only_treats_at_randers_neither_sees_nor_reviews_its_accesses(
    as_user, odsherred_centre, randers_centre, visitator, randers_citizen
):
    manager_elsewhere = staff(odsherred_centre, Role.MANAGER, username="leder-og-behandler")
    MembershipFactory(user=manager_elsewhere, centre=randers_centre, role=Role.THERAPIST)
    pending = access(visitator, randers_citizen)
    client = as_user(manager_elsewhere)

    assert list(client.get(REVIEW_LIST).context["page"]) == []
    response = client.post(reverse("emergency:review", args=[pending.pk]), {"note": "Berettiget."})

    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.reviewed_at is None
