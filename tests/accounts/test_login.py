"""Login in two steps, enrolment of the second factor, lockout and logout (accounts app)."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts.services import second_factor_reset
from audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory, current_code, totp_device

pytestmark = pytest.mark.django_db


def password_step(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def test_the_front_page_is_a_danish_login_page():
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Log ind" in html


def test_a_right_password_leads_to_the_code_step_not_into_the_app(randers_therapist):
    client = Client()
    response = password_step(client, randers_therapist.username)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:verify"))
    assert client.get(reverse("home:index")).url.startswith(reverse("accounts:verify"))


def test_the_right_code_logs_in_with_a_new_session(randers_therapist):
    client = Client()
    password_step(client, randers_therapist.username)
    key_after_password = client.session.session_key
    device = randers_therapist.authenticatordevice_set.get()
    response = client.post(reverse("accounts:verify"), {"otp_token": current_code(device)})
    assert response.status_code == 302 and response.url == reverse("home:index")
    assert client.session.session_key != key_after_password
    assert client.get(reverse("home:index")).status_code == 200
    actions = list(AuditEvent.objects.filter(actor=randers_therapist).values_list("action", flat=True))
    assert {"login", "second_factor"} <= set(actions)


def test_a_wrong_code_is_refused_with_a_danish_message_on_the_field(randers_therapist):
    client = Client()
    password_step(client, randers_therapist.username)
    response = client.post(reverse("accounts:verify"), {"otp_token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["otp_token"] == ["Koden er forkert eller udløbet. Prøv den nyeste kode."]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'id="id_otp_token_error"' in html
    assert AuditEvent.objects.filter(action="otp_failed", actor=randers_therapist).exists()


def test_a_code_with_letters_gets_a_clear_message(randers_therapist):
    client = Client()
    password_step(client, randers_therapist.username)
    response = client.post(reverse("accounts:verify"), {"otp_token": "12a456"})
    assert response.context["form"].errors["otp_token"] == ["Koden må kun indeholde cifre."]


def test_a_wrong_password_is_refused_in_danish_and_audited(randers_therapist):
    response = password_step(Client(), randers_therapist.username, "forkert-kodeord-123")
    assert response.status_code == 200
    assert "Brugernavnet eller adgangskoden er forkert" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed", actor_username=randers_therapist.username).exists()


def test_a_new_user_enrols_an_authenticator_app_before_getting_in(randers_admin, mailoutbox):
    user = UserFactory(username="ny-medarbejder", email="ny-medarbejder@example.invalid")
    second_factor_reset(user=user, by=randers_admin, reason="Ny medarbejder")
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", mailoutbox[0].body).group()
    client = Client()
    response = password_step(client, user.username)
    assert response.url.startswith(reverse("accounts:enrol"))
    client.post(reverse("accounts:enrol"), {"enrolment_code": code})
    page = client.get(reverse("accounts:enrol"))
    assert "<svg" in page.content.decode()
    device = user.authenticatordevice_set.get(confirmed=False)
    response = client.post(reverse("accounts:enrol"), {"otp_token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home:index")).status_code == 200
    assert AuditEvent.objects.filter(action="otp_enrolled", actor=user).exists()


def test_an_open_redirect_is_refused(randers_therapist):
    client = Client()
    password_step(client, randers_therapist.username)
    device = randers_therapist.authenticatordevice_set.get()
    response = client.post(
        reverse("accounts:verify") + "?next=https://evil.example/", {"otp_token": current_code(device)}
    )
    assert response.url == reverse("home:index")


# The lockout: tests/accounts/test_login_lockout.py.


def test_logout_ends_the_session_and_is_audited(as_user, randers_therapist):
    client = as_user(randers_therapist)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action="logout", actor=randers_therapist).exists()


def test_logout_is_not_possible_by_a_link(as_user, randers_therapist):
    assert as_user(randers_therapist).get(reverse("accounts:logout")).status_code == 405


def test_a_verified_user_on_the_front_page_goes_home(as_user, randers_therapist):
    assert as_user(randers_therapist).get("/").url == reverse("home:index")


def test_an_unconfirmed_device_is_not_a_way_in():
    user = UserFactory()
    totp_device(user, confirmed=False)
    client = Client()
    assert password_step(client, user.username).url.startswith(reverse("accounts:enrol"))


def test_the_login_page_is_danish_whatever_the_browser_asks_for():
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Log ind i Forløb" in response.content.decode()


def test_a_user_may_choose_english():
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in to Forløb" in client.get("/").content.decode()
