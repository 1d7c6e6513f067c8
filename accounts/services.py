"""Second-factor steps: verify a code at login, and enrol an authenticator app."""

import base64
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from audit.services import audit_record


@dataclass(frozen=True)
class TokenCheck:
    accepted: bool
    throttled: bool = False


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_verify(*, request, device: TOTPDevice, token: str) -> TokenCheck:
    """Check ``token`` against ``device``; on success mark the session verified with a new key.

    django-otp throttles the device after a wrong code (the wait doubles each time).
    """
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        audit_record(actor=request.user, action=AuditEvent.Action.OTP_FAILED, obj=request.user)
        return TokenCheck(accepted=False, throttled=True)
    if not device.verify_token(token):
        audit_record(actor=request.user, action=AuditEvent.Action.OTP_FAILED, obj=request.user)
        return TokenCheck(accepted=False)
    request.session.cycle_key()
    otp_login(request, device)
    audit_record(actor=request.user, action=AuditEvent.Action.SECOND_FACTOR, obj=request.user)
    return TokenCheck(accepted=True)


def enrolment_device(user) -> TOTPDevice:
    """The user's unconfirmed device being enrolled (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Forløb", confirmed=False)


@transaction.atomic
def second_factor_enrol(*, request, device: TOTPDevice, token: str) -> TokenCheck:
    """Confirm a new authenticator app with its first code, then log the session in with it."""
    if not device.verify_token(token):
        audit_record(actor=request.user, action=AuditEvent.Action.OTP_FAILED, obj=request.user)
        return TokenCheck(accepted=False)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=request.user, action=AuditEvent.Action.OTP_ENROLLED, obj=request.user)
    request.session.cycle_key()
    otp_login(request, device)
    return TokenCheck(accepted=True)


def device_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def device_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def demo_current_code(device: TOTPDevice) -> str:
    """The code the app would show now. Used only when settings.FORLOB_DEMO is on (``make run``)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
