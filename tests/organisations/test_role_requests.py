"""No role without a second person: an administrator requests it, a manager of the centre decides."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from organisations.models import Membership, Role, RoleRequest
from tests.conftest import verified_client
from tests.factories import UserFactory, totp_device

from .admin_helpers import change_form_data, member, user_change_url

pytestmark = pytest.mark.django_db
REQUESTS = reverse("organisations:role_requests")


def filed(user, centre, role, by) -> RoleRequest:
    return RoleRequest.objects.create(user=user, centre=centre, role=role, reason="Ny opgave", requested_by=by)


def test_the_administrator_cannot_grant_a_role_in_the_admin(as_user, randers_admin, randers_centre):
    """Not to anyone else, and not to themselves: a crafted Membership row creates nothing."""
    client = as_user(randers_admin)
    for user in [member(randers_centre, Role.THERAPIST, username="kollega"), randers_admin]:
        data = change_form_data(client.get(user_change_url(user)))
        total = int(data["memberships-TOTAL_FORMS"])
        data.update(
            {
                "memberships-TOTAL_FORMS": total + 1,
                f"memberships-{total}-centre": randers_centre.pk,
                f"memberships-{total}-role": Role.VISITATOR,
                f"memberships-{total}-user": user.pk,
            }
        )
        client.post(user_change_url(user), data)
        assert not Membership.objects.filter(user=user, role=Role.VISITATOR).exists()


def test_the_administrator_files_a_request_that_grants_nothing_yet(as_user, randers_admin, randers_centre):
    colleague = member(randers_centre, Role.THERAPIST, username="kollega")
    client = as_user(randers_admin)
    data = change_form_data(client.get(user_change_url(colleague)))
    data.update(
        {
            "role_requests-TOTAL_FORMS": 1,
            "role_requests-0-centre": randers_centre.pk,
            "role_requests-0-role": Role.VISITATOR,
            "role_requests-0-reason": "Dækker visitationen i sommerferien",
        }
    )
    response = client.post(user_change_url(colleague), data)
    assert response.status_code == 302
    role_request = RoleRequest.objects.get(user=colleague)
    assert (role_request.status, role_request.requested_by) == (RoleRequest.Status.PENDING, randers_admin)
    assert not Membership.objects.filter(user=colleague, role=Role.VISITATOR).exists()
    event = AuditEvent.objects.get(object_type="organisations.RoleRequest", action="create")
    assert (event.actor, event.changes["role_requested"]) == (randers_admin, Role.VISITATOR)


def test_a_manager_of_the_centre_approves_and_only_then_the_role_exists(
    as_user, randers_admin, randers_manager, randers_centre
):
    colleague = member(randers_centre, Role.THERAPIST, username="kollega")
    role_request = filed(colleague, randers_centre, Role.VISITATOR, randers_admin)
    client = as_user(randers_manager)
    assert role_request in [row[0] for row in client.get(REQUESTS).context["rows"]]

    response = client.post(REQUESTS, {"request": role_request.pk, "decision": "approve", "note": "Godkendt"})

    assert response.status_code == 302
    assert Membership.objects.filter(user=colleague, centre=randers_centre, role=Role.VISITATOR).exists()
    role_request.refresh_from_db()
    assert (role_request.status, role_request.decided_by) == (RoleRequest.Status.APPROVED, randers_manager)
    grant = AuditEvent.objects.get(object_type="organisations.Membership", action="create")
    assert grant.actor == randers_manager
    assert grant.changes["requested_by"] == randers_admin.username


def test_a_refusal_grants_nothing_and_is_audited(as_user, randers_admin, randers_manager, randers_centre):
    colleague = member(randers_centre, Role.THERAPIST, username="kollega")
    role_request = filed(colleague, randers_centre, Role.PHYSICIAN, randers_admin)
    as_user(randers_manager).post(REQUESTS, {"request": role_request.pk, "decision": "refuse", "note": "Ikke læge"})
    assert not Membership.objects.filter(user=colleague, role=Role.PHYSICIAN).exists()
    role_request.refresh_from_db()
    assert role_request.status == RoleRequest.Status.REFUSED
    event = AuditEvent.objects.get(object_type="organisations.RoleRequest", action="update")
    assert event.changes["status"] == ["pending", "refused"]


def test_a_manager_who_asked_or_is_asked_for_cannot_decide(as_user, randers_centre, randers_admin):
    """Four eyes: the requester and the grantee are never the second person, even as managers."""
    manager_admin = member(randers_centre, Role.MANAGER, username="leder-og-admin")
    Membership.objects.create(user=manager_admin, centre=randers_centre, role=Role.ADMINISTRATOR)
    own_request = filed(UserFactory(), randers_centre, Role.THERAPIST, manager_admin)
    for_themselves = filed(manager_admin, randers_centre, Role.VISITATOR, randers_admin)
    client = as_user(manager_admin)
    for role_request in [own_request, for_themselves]:
        response = client.post(REQUESTS, {"request": role_request.pk, "decision": "approve"}, follow=True)
        assert any(message.level_tag == "error" for message in response.context["messages"])
        role_request.refresh_from_db()
        assert role_request.status == RoleRequest.Status.PENDING
    assert not Membership.objects.filter(role__in=[Role.THERAPIST, Role.VISITATOR], centre=randers_centre).exists()


def test_a_manager_of_another_centre_gets_not_found(as_user, randers_admin, odsherred_manager, randers_centre):
    role_request = filed(UserFactory(), randers_centre, Role.VISITATOR, randers_admin)
    client = as_user(odsherred_manager)
    assert role_request not in [row[0] for row in client.get(REQUESTS).context["rows"]]
    assert client.post(REQUESTS, {"request": role_request.pk, "decision": "approve"}).status_code == 404
    assert not Membership.objects.filter(role=Role.VISITATOR, centre=randers_centre).exists()


def test_the_administrator_and_the_therapist_cannot_open_the_decision_page(as_user, randers_admin, randers_therapist):
    for user in [randers_admin, randers_therapist]:
        assert as_user(user).get(REQUESTS).status_code == 403


def test_junk_in_the_decision_gives_a_message_not_an_error(as_user, randers_manager):
    response = as_user(randers_manager).post(REQUESTS, {"request": "x", "decision": "grant"}, follow=True)
    assert response.status_code == 200
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_the_request_page_is_paged_with_a_bounded_number_of_queries(
    as_user, randers_admin, randers_manager, randers_centre, django_assert_max_num_queries
):
    for _ in range(30):
        filed(UserFactory(), randers_centre, Role.THERAPIST, randers_admin)
    client = as_user(randers_manager)
    with django_assert_max_num_queries(12):
        response = client.get(REQUESTS)
    assert len(response.context["rows"]) == 25
    assert response.context["page"].paginator.count == 30


def test_revoking_a_role_is_direct_and_audited(as_user, randers_admin, randers_centre):
    colleague = member(randers_centre, Role.THERAPIST, username="kollega")
    Membership.objects.create(user=colleague, centre=randers_centre, role=Role.VISITATOR)
    client = as_user(randers_admin)
    data = change_form_data(client.get(user_change_url(colleague)))
    index = next(i for i in range(2) if Membership.objects.get(pk=data[f"memberships-{i}-id"]).role == Role.VISITATOR)
    data[f"memberships-{index}-DELETE"] = "on"
    assert client.post(user_change_url(colleague), data).status_code == 302
    assert list(colleague.memberships.values_list("role", flat=True)) == [Role.THERAPIST]
    event = AuditEvent.objects.get(object_type="organisations.Membership", action="delete")
    assert (event.actor, event.changes["role_revoked"]) == (randers_admin, Role.VISITATOR)


def test_an_operator_approves_only_where_the_centre_has_no_manager(randers_admin, randers_centre, odsherred_centre):
    """The bootstrap of a new centre: a superuser (not the requester) may approve its first manager."""
    operator = UserFactory(is_superuser=True)
    totp_device(operator)
    at_new_centre = filed(UserFactory(), odsherred_centre, Role.MANAGER, randers_admin)
    where_a_manager_decides = filed(UserFactory(), randers_centre, Role.MANAGER, randers_admin)
    member(randers_centre, Role.MANAGER, username="randers-leder")
    verified_client(operator).post(
        reverse("admin:organisations_rolerequest_changelist"),
        {"action": "approve_as_operator", "_selected_action": [at_new_centre.pk, where_a_manager_decides.pk]},
    )
    assert Membership.objects.filter(user=at_new_centre.user, centre=odsherred_centre, role=Role.MANAGER).exists()
    assert not Membership.objects.filter(user=where_a_manager_decides.user).exists()
    grant = AuditEvent.objects.get(object_type="organisations.Membership", action="create")
    assert grant.changes["decided_as"] == "operator"
