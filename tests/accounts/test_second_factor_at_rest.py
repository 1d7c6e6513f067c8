"""Authenticator keys are encrypted at rest under FORLOB_TOTP_KEY, which is not in the database."""

import base64
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuthenticatorDevice
from tests.factories import PASSWORD, UserFactory, current_code

pytestmark = pytest.mark.django_db

OTHER_KEY = base64.b64encode(b"another-32-byte-key-for-tests!!!").decode()


def raw_row(device) -> str:
    """Everything the database holds for the device, as a dump or a DBA would see it."""
    table = AuthenticatorDevice._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [device.pk])  # noqa: S608  # nosec B608
        return " ".join(str(value) for value in cursor.fetchone())


def clear_forms(key: bytes) -> list[str]:
    return [key.hex(), key.hex().upper(), base64.b32encode(key).decode().rstrip("="), base64.b64encode(key).decode()]


def test_the_database_never_holds_the_key_in_clear(randers_therapist):
    device = randers_therapist.authenticatordevice_set.get()
    row = raw_row(device)
    assert len(device.bin_key) == 20
    for form in clear_forms(device.bin_key):
        assert form not in row


def test_a_wrong_totp_key_cannot_verify_a_code(randers_therapist, settings):
    device = randers_therapist.authenticatordevice_set.get()
    code = current_code(device)
    settings.FORLOB_TOTP_KEY = OTHER_KEY
    assert not device.verify_token(code)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_login_with_a_wrong_totp_key_is_refused_not_a_500(randers_therapist, settings):
    device = randers_therapist.authenticatordevice_set.get()
    client = Client()
    client.post(reverse("accounts:login"), {"username": randers_therapist.username, "password": PASSWORD})
    code = current_code(device)
    settings.FORLOB_TOTP_KEY = OTHER_KEY
    response = client.post(reverse("accounts:verify"), {"otp_token": code})
    assert response.status_code == 200
    assert client.get(reverse("home:index")).status_code == 302


def test_a_sealed_key_copied_to_another_users_row_does_not_open(randers_therapist, randers_manager):
    """With write access to the table, one's own known key cannot be planted on a colleague."""
    mine = randers_therapist.authenticatordevice_set.get()
    theirs = randers_manager.authenticatordevice_set.get()
    AuthenticatorDevice.objects.filter(pk=theirs.pk).update(encrypted_key=mine.encrypted_key)
    theirs.refresh_from_db()
    assert not theirs.verify_token(current_code(mine))


def test_a_code_is_accepted_once_only(randers_therapist):
    device = randers_therapist.authenticatordevice_set.get()
    code = current_code(device)
    assert device.verify_token(code)
    assert not device.verify_token(code)


def test_the_migration_encrypts_existing_clear_keys_and_deletes_them():
    user = UserFactory()
    clear = TOTPDevice.objects.create(user=user, name="Gammel", confirmed=True, last_t=5)
    key = clear.bin_key
    migration = importlib.import_module("accounts.migrations.0002_move_totp_devices")
    migration.move_totp_devices(apps, None)
    assert not TOTPDevice.objects.exists()
    moved = AuthenticatorDevice.objects.get(user=user)
    assert moved.bin_key == key and moved.confirmed and moved.name == "Gammel" and moved.last_t == 5
    for form in clear_forms(key):
        assert form not in raw_row(moved)
    code = TOTP(key, drift=0).token()
    assert moved.verify_token(f"{code:06d}")
