"""Second-factor steps: verify a code at login, reset, and enrol an app with a one-time enrolment code.

A user without an authenticator app can enrol one only with an enrolment code that was sent to
them alone (``second_factor_reset``, by e-mail) or that the operator issued on the command line
(``operator_enrolment_code``). The code is kept only as a keyed hash and is never shown to, or
returned to, whoever asked for it; an administrator who knows the user's password still cannot
complete the enrolment.
"""

import base64
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from audit.models import AuditEvent
from audit.services import audit_record

from .crypto import enrolment_code_hash
from .models import AuthenticatorDevice, EnrolmentCode

# No 0/O, 1/I/L: a code read from an e-mail on a phone and typed on a PC must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
COMMAND_LINE = "command line"
SESSION_ENROLMENT = "forlob_enrolment"  # {"code": EnrolmentCode.pk, "device": AuthenticatorDevice.pk}


@dataclass(frozen=True)
class TokenCheck:
    accepted: bool
    throttled: bool = False
    enrolment_lapsed: bool = False


@dataclass(frozen=True)
class CodeCheck:
    accepted: bool
    exhausted: bool = False


class SecondFactorResetRefused(Exception):
    """The reset could not be done (no e-mail address, no reason, the e-mail failed); nothing changed.

    ``str(error)`` is a message for the person who asked, in their language.
    """


# --- Pure helpers ------------------------------------------------------------------------------


def new_enrolment_code() -> str:
    """Eight random characters from an unambiguous alphabet (31**8, about 2**40)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_enrolment_code(typed: str) -> str:
    """What the user typed, without spaces or dashes, in capitals (``abcd-efgh`` → ``ABCDEFGH``)."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def format_enrolment_code(code: str) -> str:
    """``ABCDEFGH`` → ``ABCD-EFGH`` for reading."""
    return f"{code[:4]}-{code[4:]}"


# --- Login -------------------------------------------------------------------------------------


def confirmed_device(user) -> AuthenticatorDevice | None:
    return AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def second_factor_verify(*, request, device: AuthenticatorDevice, token: str) -> TokenCheck:
    """Check ``token`` against ``device``; on success mark the session verified with a new key.

    The device row is locked, so one code cannot be accepted twice by concurrent requests; a
    wrong code throttles the device (the wait doubles each time).
    """
    device = AuthenticatorDevice.objects.select_for_update().get(pk=device.pk)
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


# --- Reset and enrolment codes -----------------------------------------------------------------


def _issue_enrolment_code(*, user, by, reason: str, delivery: str) -> tuple[str, EnrolmentCode]:
    """Delete the user's devices, invalidate earlier codes, store a new code's hash and audit it all.

    Returns the code in clear for its one delivery, and its row.
    """
    now = timezone.now()
    had_device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).exists()
    AuthenticatorDevice.objects.filter(user=user).delete()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, invalidated_at__isnull=True).update(
        invalidated_at=now
    )
    code = new_enrolment_code()
    record = EnrolmentCode.objects.create(
        user=user,
        code_hash=enrolment_code_hash(code, user_id=user.pk),
        created_at=now,
        expires_at=now + timedelta(hours=settings.FORLOB_ENROLMENT_CODE_HOURS),
        issued_by=by,
        issued_by_username=by.get_username() if by is not None else COMMAND_LINE,
        reason=reason,
    )
    audit_record(
        actor=by,
        username=COMMAND_LINE,
        action=AuditEvent.Action.UPDATE,
        obj=user,
        changes={
            "second_factor": ["set" if had_device else "none", "reset"],
            "reason": reason,
            "enrolment_code": delivery,
        },
    )
    return code, record


def _enrolment_mail(user, code: str, expires_at) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your enrolment code for Forløb")
        body = _(
            "Hello %(name)s\n\n"
            "Your second factor in Forløb has been reset. Log in with your username %(username)s and your "
            "password, and enter this one-time enrolment code when asked. Then set up your authenticator app.\n\n"
            "    %(code)s\n\n"
            "The code can be used once and expires %(expires)s.\n\n"
            "Never give the code to anyone, not even your administrator. If you did not expect this e-mail, "
            "tell your administrator at once."
        ) % {
            "name": user.get_full_name() or user.get_username(),
            "username": user.get_username(),
            "code": format_enrolment_code(code),
            "expires": date_format(timezone.localtime(expires_at), "DATETIME_FORMAT"),
        }
    return subject, body


def second_factor_reset(*, user, by, reason: str) -> None:
    """Remove the user's authenticator apps and e-mail them (only them) a new one-time enrolment code.

    Earlier codes stop working. The code is never returned or shown to ``by``, nor written to
    the audit log (which records who, why and to which address). Raises
    ``SecondFactorResetRefused`` (and changes nothing) without a reason, without an e-mail
    address, or when the e-mail cannot be sent.
    """
    reason = reason.strip()
    if not reason:
        raise SecondFactorResetRefused(_("Give a reason for resetting the second factor."))
    if not user.email:
        raise SecondFactorResetRefused(
            _("%(user)s has no e-mail address, so the enrolment code cannot be sent. Add one first.")
            % {"user": user.get_username()}
        )
    with transaction.atomic():
        code, record = _issue_enrolment_code(user=user, by=by, reason=reason, delivery=f"e-mailed to {user.email}")
        subject, body = _enrolment_mail(user, code, record.expires_at)
        try:
            # Last, inside the transaction: if the mail server refuses, nothing is changed.
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except OSError as error:
            raise SecondFactorResetRefused(
                _("The e-mail with the enrolment code could not be sent, so nothing was changed. Try again later.")
            ) from error


def operator_enrolment_code(*, user, reason: str) -> str:
    """The operator's break-glass path (``manage.py issue_enrolment_code``): reset and return the code.

    Audited with the actor "command line". Never call this from a view.
    """
    with transaction.atomic():
        code, _record = _issue_enrolment_code(
            user=user, by=None, reason=reason.strip() or COMMAND_LINE, delivery="shown to the operator"
        )
    return code


@transaction.atomic
def enrolment_code_check(*, request, code: str) -> CodeCheck:
    """Accept the user's current enrolment code and start an enrolment: a new unconfirmed device.

    A wrong, expired, used or invalidated code is refused and audited; after
    ``FORLOB_ENROLMENT_CODE_ATTEMPTS`` wrong tries the code is invalidated.
    """
    user = request.user
    record = EnrolmentCode.objects.select_for_update().filter(user=user).usable().first()
    typed = normalise_enrolment_code(code)
    if record is None or not hmac.compare_digest(record.code_hash, enrolment_code_hash(typed, user_id=user.pk)):
        exhausted = False
        if record is not None:
            record.failed_attempts += 1
            exhausted = record.failed_attempts >= settings.FORLOB_ENROLMENT_CODE_ATTEMPTS
            if exhausted:
                record.invalidated_at = timezone.now()
            record.save(update_fields=["failed_attempts", "invalidated_at"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.OTP_FAILED,
            obj=user,
            changes={"enrolment_code": "no usable code"}
            if record is None
            else {"enrolment_code": "wrong", "attempt": record.failed_attempts},
        )
        return CodeCheck(accepted=False, exhausted=exhausted)
    AuthenticatorDevice.objects.filter(user=user, confirmed=False).delete()
    device = AuthenticatorDevice.create_for(user, name="Forløb", confirmed=False)
    request.session[SESSION_ENROLMENT] = {"code": record.pk, "device": device.pk}
    return CodeCheck(accepted=True)


def enrolment_device(request) -> AuthenticatorDevice | None:
    """The unconfirmed device of the enrolment this session started with a still usable code, if any."""
    pending = request.session.get(SESSION_ENROLMENT) or {}
    code_ok = EnrolmentCode.objects.usable().filter(pk=pending.get("code"), user=request.user).exists()
    device = AuthenticatorDevice.objects.filter(pk=pending.get("device"), user=request.user, confirmed=False).first()
    if not (code_ok and device):
        request.session.pop(SESSION_ENROLMENT, None)
        return None
    return device


@transaction.atomic
def second_factor_enrol(*, request, device: AuthenticatorDevice, token: str) -> TokenCheck:
    """Confirm a new authenticator app with its first code, use up the enrolment code, log the session in."""
    pending = request.session.get(SESSION_ENROLMENT) or {}
    record = (
        EnrolmentCode.objects.select_for_update().usable().filter(pk=pending.get("code"), user=request.user).first()
    )
    if record is None or pending.get("device") != device.pk:
        request.session.pop(SESSION_ENROLMENT, None)
        return TokenCheck(accepted=False, enrolment_lapsed=True)
    if not device.verify_token(token):
        audit_record(actor=request.user, action=AuditEvent.Action.OTP_FAILED, obj=request.user)
        return TokenCheck(accepted=False)
    record.used_at = timezone.now()
    record.save(update_fields=["used_at"])
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    AuthenticatorDevice.objects.filter(user=request.user, confirmed=False).delete()
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.OTP_ENROLLED,
        obj=request.user,
        changes={"enrolment_code": "used", "issued_by": record.issued_by_username},
    )
    request.session.pop(SESSION_ENROLMENT, None)
    request.session.cycle_key()
    otp_login(request, device)
    return TokenCheck(accepted=True)


# --- Showing the new key to the user -----------------------------------------------------------


def device_secret(device: AuthenticatorDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def device_qr_svg(device: AuthenticatorDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def demo_current_code(device: AuthenticatorDevice) -> str:
    """The code the app would show now. Used only when settings.FORLOB_DEMO is on (``make run``)."""
    return f"{device.totp().token():0{device.digits}d}"


@dataclass(frozen=True)
class DemoCode:
    """The demo code page's view of the app: the code now, whether it was already used (a code
    is accepted once: ``AuthenticatorDevice.last_t``), and the seconds until the next code."""

    code: str
    used: bool
    seconds_left: int


def demo_code(device: AuthenticatorDevice, *, now: float | None = None) -> DemoCode:
    """The current code as the demo code page shows it. Demo installations only (FORLOB_DEMO)."""
    totp = device.totp()
    totp.time = time.time() if now is None else now
    seconds_left = device.step - int(totp.time - device.t0) % device.step
    return DemoCode(
        code=f"{totp.token():0{device.digits}d}",
        used=totp.t() <= device.last_t,
        seconds_left=seconds_left,
    )
