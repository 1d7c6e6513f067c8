"""Move django-otp's TOTPDevice rows (keys in clear hex) to AuthenticatorDevice (keys sealed), and
delete the clear ones.

Reads FORLOB_TOTP_KEY from the settings (the environment in production). Not reversible: putting
the keys back in clear is exactly what this removes; going back means enrolling again.
"""

from binascii import unhexlify

from django.conf import settings
from django.db import migrations

from accounts.crypto import seal_totp_key

COPIED = (
    "name",
    "confirmed",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
    "last_t",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "last_used_at",
)


def move_totp_devices(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    AuthenticatorDevice = apps.get_model("accounts", "AuthenticatorDevice")
    clear = TOTPDevice.objects.all()
    if clear.exists() and not settings.FORLOB_TOTP_KEY:
        raise RuntimeError("Set FORLOB_TOTP_KEY (32 random bytes, base64) before migrating the TOTP devices.")
    for old in clear.order_by("pk"):
        new = AuthenticatorDevice.objects.create(
            user_id=old.user_id,
            encrypted_key=seal_totp_key(unhexlify(old.key), user_id=old.user_id),
            **{field: getattr(old, field) for field in COPIED},
        )
        AuthenticatorDevice.objects.filter(pk=new.pk).update(created_at=old.created_at)
    clear.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_second_factor"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(move_totp_devices, migrations.RunPython.noop)]
