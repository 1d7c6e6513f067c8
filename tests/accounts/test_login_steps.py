"""The second login step as a person meets it: the code field has the focus, nobody is shown as
logged in before the code is accepted, and the demo code page explains that a used code must wait
for the next one (a TOTP code is accepted once; a new one comes every 30 seconds)."""

import re

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from accounts.services import demo_code
from tests.factories import PASSWORD, UserFactory, current_code, totp_device

pytestmark = pytest.mark.django_db

# A moment 15 seconds into a 30-second step (1_800_000_000 is a multiple of 30).
MID_STEP = 1_800_000_015


def password_step(client: Client, user) -> None:
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


def code_input(html: str) -> str:
    return re.search(r"<input[^>]*name=\"otp_token\"[^>]*>", html).group()


def test_the_code_step_starts_in_the_code_field(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    assert "autofocus" in code_input(client.get(reverse("accounts:verify")).content.decode())


def test_after_a_wrong_code_the_error_summary_takes_the_focus_not_the_field(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    html = client.post(reverse("accounts:verify"), {"otp_token": "000000"}).content.decode()
    assert "autofocus" not in code_input(html)
    assert 'aria-invalid="true"' in code_input(html)


def test_nobody_is_shown_as_logged_in_before_the_code_is_accepted(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    html = client.get(reverse("accounts:verify")).content.decode()
    header = html.split('<main id="main"', 1)[0]
    assert "Logget ind som" not in header and "user-box" not in header
    assert str(randers_therapist) not in header
    assert "Log ud" not in header
    # The way out is on the page itself.
    main = html.split('<main id="main"', 1)[1]
    assert f'action="{reverse("accounts:logout")}"' in main
    assert "Annuller og log ud" in main


def test_after_the_code_the_header_shows_who_is_logged_in(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    device = randers_therapist.authenticatordevice_set.get()
    client.post(reverse("accounts:verify"), {"otp_token": current_code(device)})
    header = client.get(reverse("home:index")).content.decode().split('<main id="main"', 1)[0]
    assert "Logget ind som" in header and str(randers_therapist) in header
    assert f'action="{reverse("accounts:logout")}"' in header


def test_the_enrolment_pages_show_no_login_either_and_offer_a_way_out(randers_admin):
    from accounts.services import operator_enrolment_code

    user = UserFactory(username="ny-medarbejder")
    code = operator_enrolment_code(user=user, reason="Ny medarbejder")
    client = Client()
    password_step(client, user)
    for step in ("code", "app"):
        html = client.get(reverse("accounts:enrol")).content.decode()
        header, main = html.split('<main id="main"', 1)
        assert "Logget ind som" not in header and "user-box" not in header, step
        assert f'action="{reverse("accounts:logout")}"' in main, step
        if step == "code":
            client.post(reverse("accounts:enrol"), {"enrolment_code": code})
    assert "<svg" in html  # the second page was the app's QR code


def test_cancel_on_the_code_page_logs_out(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home:index")).url.startswith(reverse("accounts:login"))


@override_settings(FORLOB_DEMO=True)
def test_the_demo_code_page_explains_that_a_code_is_used_once(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    html = client.get(reverse("accounts:verify")).content.decode()
    assert "data-demo-code" in html
    assert "Hver kode kan kun bruges én gang" in html
    assert "hvert 30. sekund" in html


@override_settings(FORLOB_DEMO=True)
def test_the_demo_page_does_not_offer_a_code_that_was_just_used(randers_therapist):
    device = randers_therapist.authenticatordevice_set.get()
    with time_machine.travel(MID_STEP, tick=False):
        client = Client()
        password_step(client, randers_therapist)
        first = client.get(reverse("accounts:verify")).content.decode()
        code = re.search(r"data-demo-code>(\d{6})<", first).group(1)
        client.post(reverse("accounts:verify"), {"otp_token": code})
        client.post(reverse("accounts:logout"))
        password_step(client, randers_therapist)
        again = client.get(reverse("accounts:verify")).content.decode()
        assert code not in again and "data-demo-code>" not in again
        assert "allerede brugt" in again and "15 sekunder" in again
        # The same code typed again is refused, as the page says it would be.
        response = client.post(reverse("accounts:verify"), {"otp_token": code})
        assert response.status_code == 200
    device.refresh_from_db()
    with time_machine.travel(MID_STEP + 30, tick=False):
        client.post(reverse("accounts:verify"), {"otp_token": current_code(device)})
        assert client.get(reverse("home:index")).status_code == 200


def test_the_demo_code_counts_the_seconds_to_the_next_code():
    user = UserFactory()
    device = totp_device(user)
    assert demo_code(device, now=1_800_000_000).seconds_left == 30
    assert demo_code(device, now=1_800_000_029.5).seconds_left == 1
    state = demo_code(device, now=MID_STEP)
    assert state.seconds_left == 15 and not state.used and re.fullmatch(r"\d{6}", state.code)


def test_a_code_is_marked_used_once_it_was_accepted_and_not_in_the_next_step():
    device = totp_device(UserFactory())
    with time_machine.travel(MID_STEP, tick=False):
        assert device.verify_token(demo_code(device).code)
        assert demo_code(device).used
    assert not demo_code(device, now=MID_STEP + 30).used


@override_settings(FORLOB_DEMO=False)
def test_a_real_installation_shows_neither_the_code_nor_the_demo_note(randers_therapist):
    client = Client()
    password_step(client, randers_therapist)
    html = client.get(reverse("accounts:verify")).content.decode()
    assert "data-demo-code" not in html and "data-demo-note" not in html
