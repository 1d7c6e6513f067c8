"""Centres and staff pages: managers and administrators of the centre only."""

import pytest
from django.urls import reverse

from organisations.models import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_manager_sees_the_staff_of_their_centre(as_user, randers_manager, randers_therapist, randers_centre):
    response = as_user(randers_manager).get(reverse("organisations:centre_detail", args=[randers_centre.pk]))
    assert response.status_code == 200
    assert randers_therapist in response.context["staff"]


def test_a_manager_of_another_municipality_gets_not_found(as_user, fredericia_outsider, randers_centre):
    response = as_user(fredericia_outsider).get(reverse("organisations:centre_detail", args=[randers_centre.pk]))
    assert response.status_code == 404


def test_a_therapist_may_not_see_the_staff_pages(as_user, randers_therapist, randers_centre):
    client = as_user(randers_therapist)
    assert client.get(reverse("organisations:centre_list")).status_code == 403
    assert client.get(reverse("organisations:centre_detail", args=[randers_centre.pk])).status_code == 403


def test_the_staff_page_does_a_bounded_number_of_queries(
    as_user, randers_manager, randers_centre, django_assert_max_num_queries
):
    client = as_user(randers_manager)
    for _ in range(30):
        MembershipFactory(user=UserFactory(), centre=randers_centre, role=Role.THERAPIST)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("organisations:centre_detail", args=[randers_centre.pk]))
    assert len(response.context["staff"]) == 31


def test_a_refused_page_is_in_the_audit_log(as_user, randers_therapist):
    from audit.models import AuditEvent

    as_user(randers_therapist).get(reverse("organisations:centre_list"))
    event = AuditEvent.objects.get(action="access_denied")
    assert event.actor == randers_therapist
    assert event.changes["path"] == reverse("organisations:centre_list")
