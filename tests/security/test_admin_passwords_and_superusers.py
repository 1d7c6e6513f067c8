"""A password an administrator sets forces a new second factor the administrator cannot complete;
superusers are made on the command line only, and every use of one is audited."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEvent
from organisations.models import Role, RoleRequest, User
from tests.factories import PASSWORD, UserFactory, totp_device
from tests.organisations.admin_helpers import member

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Helt-nyt-kodeord-77"


def new_user_form(centre) -> dict:
    """The admin's add-user form as an administrator fills it in: a therapist at ``centre``."""
    return {
        "username": "ny-kollega",
        "first_name": "Nanna",
        "last_name": "Nyansat",
        "email": "nanna@example.invalid",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "centre": centre.pk,
        "role": Role.THERAPIST,
        "reason": "Ny behandler fra 1. marts",
    }


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def test_a_password_set_by_the_administrator_forces_a_new_second_factor(as_user, randers_admin, randers_centre):
    colleague = member(randers_centre, Role.THERAPIST, username="kollega", email="kollega@example.invalid")
    response = as_user(randers_admin).post(
        password_url(colleague), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password(NEW_PASSWORD)
    assert not colleague.authenticatordevice_set.exists()
    assert [message.to for message in mail.outbox] == [["kollega@example.invalid"]]
    events = AuditEvent.objects.filter(object_id=str(colleague.pk), actor=randers_admin)
    assert events.filter(changes__password="set by an administrator").exists()
    assert NEW_PASSWORD not in json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_a_password_is_not_set_when_the_enrolment_code_cannot_be_sent(as_user, randers_admin, randers_therapist):
    response = as_user(randers_admin).post(
        password_url(randers_therapist), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    randers_therapist.refresh_from_db()
    assert randers_therapist.check_password(PASSWORD)
    assert randers_therapist.authenticatordevice_set.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_a_new_user_comes_with_a_role_request_and_an_enrolment_code_by_email(as_user, randers_admin, randers_centre):
    response = as_user(randers_admin).post(reverse("admin:organisations_user_add"), new_user_form(randers_centre))
    assert response.status_code == 302
    created = User.objects.get(username="ny-kollega")
    assert not created.memberships.exists()
    role_request = RoleRequest.objects.get(user=created)
    assert (role_request.centre, role_request.status) == (randers_centre, RoleRequest.Status.PENDING)
    assert [message.to for message in mail.outbox] == [["nanna@example.invalid"]]
    changelist = as_user(randers_admin).get(reverse("admin:organisations_user_changelist"))
    assert created in changelist.context["cl"].queryset


def test_a_new_user_is_not_created_when_the_enrolment_code_cannot_be_sent(
    as_user, randers_admin, randers_centre, settings
):
    settings.EMAIL_BACKEND = "tests.security.test_admin_passwords_and_superusers.BrokenMailBackend"
    response = as_user(randers_admin).post(
        reverse("admin:organisations_user_add"), new_user_form(randers_centre), follow=True
    )
    assert response.status_code == 200
    assert any(message.level_tag == "error" for message in response.context["messages"])
    assert not User.objects.filter(username="ny-kollega").exists()
    assert not RoleRequest.objects.exists()


class BrokenMailBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_a_new_user_cannot_be_placed_at_another_municipalitys_centre(as_user, randers_admin, fredericia_centre):
    response = as_user(randers_admin).post(
        reverse("admin:organisations_user_add"),
        {
            "username": "ny-kollega",
            "email": "ny@example.invalid",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "centre": fredericia_centre.pk,
            "role": Role.MANAGER,
            "reason": "Snigvej",
        },
    )
    assert response.status_code == 200
    assert "centre" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="ny-kollega").exists()


def test_createsuperuser_is_audited_as_from_the_command_line(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW_PASSWORD)
    call_command("createsuperuser", username="drift", email="drift@example.invalid", interactive=False, verbosity=0)
    event = AuditEvent.objects.get(object_id=str(User.objects.get(username="drift").pk))
    assert (event.actor, event.actor_username, event.changes) == (None, "command line", {"is_superuser": [False, True]})


def test_becoming_a_superuser_later_is_audited(randers_therapist):
    user = User.objects.get(pk=randers_therapist.pk)
    user.is_superuser = True
    user.save()
    event = AuditEvent.objects.get(object_id=str(user.pk), action="update")
    assert event.changes == {"is_superuser": [False, True]}


def test_every_request_of_a_superuser_is_audited_without_the_query_string(as_user):
    operator = UserFactory(username="drift", is_superuser=True)
    totp_device(operator)
    as_user(operator).get(reverse("admin:organisations_centre_changelist") + "?q=0101801234")
    event = AuditEvent.objects.filter(actor=operator, action="view").latest("id")
    assert event.changes == {
        "superuser": True,
        "path": reverse("admin:organisations_centre_changelist"),
        "method": "GET",
    }
    assert "0101801234" not in json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_a_normal_users_requests_are_not_flagged_as_superuser_use(as_user, randers_admin):
    as_user(randers_admin).get(reverse("admin:index"))
    assert not AuditEvent.objects.filter(changes__superuser=True).exists()
