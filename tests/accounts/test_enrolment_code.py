"""A new authenticator app needs a one-time enrolment code that only the user receives.

An administrator who resets a user's second factor (and may know the password they set) cannot
complete the enrolment: the code goes by e-mail to the user, never to the administrator's
screen, the audit log or the database in clear.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import EnrolmentCode
from accounts.services import SecondFactorResetRefused, second_factor_reset
from accounts.views import NO_CODE_MESSAGE
from audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory, current_code

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def refused() -> str:
    """The refusal as the (Danish) user reads it: ask the administrator for a new code."""
    with translation.override("da"):
        return str(NO_CODE_MESSAGE)


def reset(user, by, mailoutbox) -> str:
    """Reset the user's second factor as ``by``; the code as the user reads it in their e-mail."""
    second_factor_reset(user=user, by=by, reason="Mistet telefon")
    mail = mailoutbox[-1]
    assert mail.to == [user.email]
    return CODE.search(mail.body).group()


def logged_in_by_password(user) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.url.startswith(reverse("accounts:enrol"))
    return client


def enrol_with(client: Client, code: str):
    return client.post(reverse("accounts:enrol"), {"enrolment_code": code})


@pytest.fixture
def newcomer(randers_centre):
    user = UserFactory(username="randers-ny", email="randers-ny@example.invalid")
    user.memberships.create(centre=randers_centre, role="therapist")
    return user


def test_without_a_code_a_user_without_an_app_cannot_enrol(newcomer):
    client = logged_in_by_password(newcomer)
    page = client.get(reverse("accounts:enrol"))
    html = page.content.decode()
    assert "<svg" not in html and "administrator" in html
    response = enrol_with(client, "ABCD-EFGH")
    assert response.context["form"].errors["enrolment_code"] == [refused()]
    assert "<svg" not in response.content.decode()
    assert not newcomer.authenticatordevice_set.exists()
    assert AuditEvent.objects.filter(action="otp_failed", actor=newcomer).exists()
    # Posting a code from an app straight away does not enrol anything either.
    client.post(reverse("accounts:enrol"), {"otp_token": "123456"})
    assert not newcomer.authenticatordevice_set.exists()
    assert client.get(reverse("home:index")).status_code == 302


def test_the_code_from_the_e_mail_enrols_the_app_once(newcomer, randers_admin, mailoutbox):
    code = reset(newcomer, randers_admin, mailoutbox)
    client = logged_in_by_password(newcomer)
    assert enrol_with(client, code.lower().replace("-", " ")).status_code == 302
    page = client.get(reverse("accounts:enrol"))
    assert "<svg" in page.content.decode()
    device = newcomer.authenticatordevice_set.get(confirmed=False)
    assert client.post(reverse("accounts:enrol"), {"otp_token": current_code(device)}).status_code == 302
    assert client.get(reverse("home:index")).status_code == 200
    assert EnrolmentCode.objects.get(user=newcomer).used_at is not None
    enrolled = AuditEvent.objects.get(action="otp_enrolled", actor=newcomer)
    assert enrolled.changes["issued_by"] == randers_admin.username


def test_a_used_code_cannot_enrol_again(newcomer, randers_admin, mailoutbox):
    code = reset(newcomer, randers_admin, mailoutbox)
    client = logged_in_by_password(newcomer)
    enrol_with(client, code)
    device = newcomer.authenticatordevice_set.get(confirmed=False)
    client.post(reverse("accounts:enrol"), {"otp_token": current_code(device)})
    # Even with the app gone (deleted behind the application's back), the used code opens nothing.
    newcomer.authenticatordevice_set.all().delete()
    other = logged_in_by_password(newcomer)
    assert enrol_with(other, code).context["form"].errors["enrolment_code"] == [refused()]


def test_an_expired_code_is_refused(newcomer, randers_admin, mailoutbox):
    code = reset(newcomer, randers_admin, mailoutbox)
    with time_machine.travel(timezone.now() + timedelta(hours=72, minutes=1)):
        client = logged_in_by_password(newcomer)
        assert enrol_with(client, code).context["form"].errors["enrolment_code"] == [refused()]
    assert not newcomer.authenticatordevice_set.exists()


def test_a_code_expiring_between_the_steps_does_not_enrol(newcomer, randers_admin, mailoutbox):
    code = reset(newcomer, randers_admin, mailoutbox)
    client = logged_in_by_password(newcomer)
    enrol_with(client, code)
    device = newcomer.authenticatordevice_set.get(confirmed=False)
    EnrolmentCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.post(reverse("accounts:enrol"), {"otp_token": current_code(device)})
    assert not newcomer.authenticatordevice_set.filter(confirmed=True).exists()
    assert client.get(reverse("home:index")).status_code == 302


def test_another_users_code_is_refused(newcomer, randers_admin, mailoutbox):
    colleague = UserFactory(username="randers-kollega", email="randers-kollega@example.invalid")
    reset(newcomer, randers_admin, mailoutbox)
    colleagues_code = reset(colleague, randers_admin, mailoutbox)
    client = logged_in_by_password(newcomer)
    assert enrol_with(client, colleagues_code).context["form"].errors["enrolment_code"] == [refused()]


def test_an_earlier_code_stops_working_when_a_new_one_is_sent(newcomer, randers_admin, mailoutbox):
    first = reset(newcomer, randers_admin, mailoutbox)
    second = reset(newcomer, randers_admin, mailoutbox)
    client = logged_in_by_password(newcomer)
    assert enrol_with(client, first).status_code == 200
    assert enrol_with(client, second).status_code == 302


def test_wrong_tries_are_limited_and_audited(newcomer, randers_admin, mailoutbox):
    code = reset(newcomer, randers_admin, mailoutbox)
    client = logged_in_by_password(newcomer)
    for _attempt in range(5):
        response = enrol_with(client, "ZZZZ-ZZZZ")
    with translation.override("da"):
        exhausted = gettext(
            "Too many wrong tries: the enrolment code no longer works. Ask your administrator for a new code."
        )
    assert response.context["form"].errors["enrolment_code"] == [exhausted]
    assert enrol_with(client, code).status_code == 200  # the right code no longer works either
    assert AuditEvent.objects.filter(action="otp_failed", actor=newcomer).count() == 6


def test_the_code_is_nowhere_but_in_the_users_e_mail(newcomer, randers_admin, mailoutbox, as_user):
    response = as_user(randers_admin).post(
        reverse("admin:organisations_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [newcomer.pk]},
        follow=True,
    )
    code = CODE.search(mailoutbox[-1].body).group()
    assert mailoutbox[-1].to == [newcomer.email]
    for form in (code, code.replace("-", "")):
        assert form not in response.content.decode()
        assert not any(form in str(event.changes) for event in AuditEvent.objects.all())
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM accounts_enrolmentcode")
            assert form not in str(cursor.fetchall())
    event = AuditEvent.objects.filter(action="update", object_id=str(newcomer.pk), actor=randers_admin).last()
    assert event.changes["second_factor"][1] == "reset"


def test_a_reset_removes_the_app_and_the_next_login_goes_to_enrolment(randers_therapist, randers_admin, mailoutbox):
    randers_therapist.email = "randers-behandler@example.invalid"
    randers_therapist.save()
    assert randers_therapist.authenticatordevice_set.exists()
    second_factor_reset(user=randers_therapist, by=randers_admin, reason="Ny telefon")
    assert not randers_therapist.authenticatordevice_set.exists()
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": randers_therapist.username, "password": PASSWORD})
    assert response.url.startswith(reverse("accounts:enrol"))
    event = AuditEvent.objects.get(action="update", actor=randers_admin, object_id=str(randers_therapist.pk))
    assert event.changes["second_factor"] == ["set", "reset"] and event.changes["reason"] == "Ny telefon"


def test_a_reset_without_an_e_mail_address_changes_nothing(randers_therapist, randers_admin, mailoutbox):
    with pytest.raises(SecondFactorResetRefused):
        second_factor_reset(user=randers_therapist, by=randers_admin, reason="Ny telefon")
    assert randers_therapist.authenticatordevice_set.exists()
    assert not mailoutbox and not EnrolmentCode.objects.exists()


def test_the_operator_issues_a_code_on_the_command_line(newcomer):
    out = StringIO()
    call_command("issue_enrolment_code", newcomer.username, "--reason", "Superbruger oprettet", stdout=out)
    code = CODE.search(out.getvalue()).group()
    event = AuditEvent.objects.get(action="update", object_id=str(newcomer.pk))
    assert event.actor is None and event.actor_username == "command line"
    assert code not in str(event.changes)
    client = logged_in_by_password(newcomer)
    assert enrol_with(client, code).status_code == 302


def test_a_reset_whose_e_mail_fails_changes_nothing(randers_therapist, randers_admin, monkeypatch):
    import accounts.services

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(accounts.services, "send_mail", refuse)
    randers_therapist.email = "randers-behandler@example.invalid"
    randers_therapist.save()
    with pytest.raises(SecondFactorResetRefused):
        second_factor_reset(user=randers_therapist, by=randers_admin, reason="Ny telefon")
    assert randers_therapist.authenticatordevice_set.filter(confirmed=True).exists()
    assert not EnrolmentCode.objects.exists()
    assert not AuditEvent.objects.filter(action="update", object_id=str(randers_therapist.pk)).exists()
