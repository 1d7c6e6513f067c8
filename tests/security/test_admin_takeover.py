"""An administrator cannot reach beyond their municipality: not a superuser, not a user without a
role, not a user who also works elsewhere. Probed as an attacker would, with crafted ids."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from organisations.models import Role, RoleRequest, User
from tests.factories import PASSWORD, MembershipFactory, UserFactory, totp_device
from tests.organisations.admin_helpers import change_form_data, member, user_change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def out_of_reach(randers_centre, fredericia_centre):
    """Users the Randers administrator must never see, by the reason they are out of reach."""
    superuser = UserFactory(username="operator", is_superuser=True, is_staff=True, email="op@example.invalid")
    totp_device(superuser)
    without_role = UserFactory(username="ingen-rolle", email="ingen@example.invalid")
    totp_device(without_role)
    both = member(randers_centre, Role.THERAPIST, username="begge-steder")
    MembershipFactory(user=both, centre=fredericia_centre, role=Role.THERAPIST)
    pending_elsewhere = member(randers_centre, Role.THERAPIST, username="anmodet-andetsteds")
    RoleRequest.objects.create(user=pending_elsewhere, centre=fredericia_centre, role=Role.MANAGER, reason="x")
    superuser_with_role = member(randers_centre, Role.THERAPIST, username="operator-med-rolle")
    User.objects.filter(pk=superuser_with_role.pk).update(is_superuser=True)
    return [superuser, without_role, both, pending_elsewhere, superuser_with_role]


def test_the_user_list_shows_only_users_wholly_of_the_municipality(
    as_user, randers_admin, randers_therapist, out_of_reach
):
    response = as_user(randers_admin).get(reverse("admin:organisations_user_changelist"))
    shown = {user.username for user in response.context["cl"].queryset}
    assert randers_therapist.username in shown
    assert not shown & {user.username for user in out_of_reach}


def test_no_page_of_a_user_out_of_reach_opens(as_user, randers_admin, out_of_reach):
    client = as_user(randers_admin)
    for user in out_of_reach:
        change = client.get(user_change_url(user))
        assert change.status_code == 302 and change.url == reverse("admin:index"), user.username
        password_url = reverse("admin:auth_user_password_change", args=[user.pk])
        assert client.get(password_url).status_code == 404, user.username
        posted = client.post(password_url, {"password1": "Helt-nyt-kodeord-77", "password2": "Helt-nyt-kodeord-77"})
        assert posted.status_code == 404
        assert User.objects.get(pk=user.pk).check_password(PASSWORD)
        posted = client.post(user_change_url(user), {"username": user.username, "email": "mig@example.invalid"})
        assert User.objects.get(pk=user.pk).email == user.email


@pytest.mark.parametrize("action", ["reset_second_factor", "unlock"])
def test_actions_with_crafted_ids_change_nothing(as_user, randers_admin, out_of_reach, action):
    devices = {user.pk: user.authenticatordevice_set.count() for user in out_of_reach}
    as_user(randers_admin).post(
        reverse("admin:organisations_user_changelist"),
        {"action": action, "_selected_action": list(devices)},
    )
    assert {user.pk: user.authenticatordevice_set.count() for user in out_of_reach} == devices
    ids = [str(pk) for pk in devices]
    assert not AuditEvent.objects.filter(object_type="organisations.User", object_id__in=ids, action="update").exists()
    assert not mail.outbox


def test_an_administrator_cannot_point_a_users_email_at_themselves(as_user, randers_admin, randers_centre):
    victim = member(randers_centre, Role.THERAPIST, username="offer", email="offer@example.invalid")
    client = as_user(randers_admin)
    data = change_form_data(client.get(user_change_url(victim)))
    data.update({"email": "angriber@example.invalid", "username": "angriber", "first_name": "Ændret"})
    client.post(user_change_url(victim), data)
    victim.refresh_from_db()
    assert (victim.username, victim.email, victim.first_name) == ("offer", "offer@example.invalid", "Ændret")


@pytest.mark.parametrize("as_superuser", [False, True])
def test_the_admin_never_offers_the_superuser_staff_or_permission_fields(as_user, randers_admin, as_superuser):
    viewer = randers_admin
    if as_superuser:
        viewer = UserFactory(is_superuser=True)
        totp_device(viewer)
    client = as_user(viewer)
    for url in [reverse("admin:organisations_user_add"), user_change_url(randers_admin)]:
        form = client.get(url).context["adminform"].form
        assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(form.fields), url


def test_an_administrator_cannot_create_a_superuser_by_crafting_the_form(as_user, randers_admin, randers_centre):
    response = as_user(randers_admin).post(
        reverse("admin:organisations_user_add"),
        {
            "username": "ny-kollega",
            "email": "ny@example.invalid",
            "password1": "Helt-nyt-kodeord-77",
            "password2": "Helt-nyt-kodeord-77",
            "centre": randers_centre.pk,
            "role": Role.THERAPIST,
            "reason": "Ny behandler fra 1. marts",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="ny-kollega")
    assert not created.is_superuser and not created.is_staff
