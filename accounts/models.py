"""The second factor: an authenticator app whose key is encrypted at rest, and one-time enrolment codes."""

import logging
import os
import time
from base64 import b32encode
from urllib.parse import quote, urlencode

from cryptography.exceptions import InvalidTag
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP

from .crypto import open_totp_key, seal_totp_key

logger = logging.getLogger(__name__)

KEY_BYTES = 20  # 160 bits, as RFC 4226 recommends for HMAC-SHA1


class AuthenticatorDevice(TimestampMixin, ThrottlingMixin, Device):
    """A TOTP authenticator app (as django-otp's TOTPDevice), with the key sealed by ``FORLOB_TOTP_KEY``.

    ``tolerance`` steps either side are accepted, ``drift`` follows the app's clock, and
    ``last_t`` refuses a code of the same or an earlier step (replay); wrong codes throttle.
    """

    encrypted_key = models.TextField(_("encrypted key"), editable=False)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    @classmethod
    def create_for(cls, user, *, key: bytes | None = None, **fields) -> "AuthenticatorDevice":
        """A new device for ``user`` with ``key`` (a fresh random key by default), sealed before saving."""
        key = os.urandom(KEY_BYTES) if key is None else key
        return cls.objects.create(user=user, encrypted_key=seal_totp_key(key, user_id=user.pk), **fields)

    @property
    def bin_key(self) -> bytes:
        return open_totp_key(self.encrypted_key, user_id=self.user_id)

    def totp(self, key: bytes | None = None) -> TOTP:
        return TOTP(self.bin_key if key is None else key, self.step, self.t0, self.digits, self.drift)

    def verify_token(self, token) -> bool:
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            number = int(token)
            key = self.bin_key
        except (TypeError, ValueError):
            verified = False
        except InvalidTag:
            # Not the key it was sealed with: FORLOB_TOTP_KEY is wrong (or the row was tampered with).
            logger.error("Authenticator key of device %s does not open; check FORLOB_TOTP_KEY.", self.pk)
            verified = False
        else:
            totp = self.totp(key)
            totp.time = time.time()
            verified = totp.verify(number, self.tolerance, self.last_t + 1)
            if verified:
                self.last_t = totp.t()
                self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
        if not verified:
            self.throttle_increment(commit=True)
        return verified

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    @property
    def config_url(self) -> str:
        """The otpauth:// URI an authenticator app reads from the QR code."""
        issuer = str(getattr(settings, "OTP_TOTP_ISSUER", "Forløb")).replace(":", "")
        label = f"{issuer}:{self.user.get_username()}"
        params = urlencode(
            {
                "secret": b32encode(self.bin_key).decode(),
                "algorithm": "SHA1",
                "digits": self.digits,
                "period": self.step,
            }
        )
        return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(issuer)}"


class EnrolmentCodeQuerySet(models.QuerySet):
    def usable(self):
        """Codes not used, not invalidated and not expired."""
        return self.filter(used_at__isnull=True, invalidated_at__isnull=True, expires_at__gt=timezone.now())


class EnrolmentCode(models.Model):
    """A one-time code that lets a user enrol a new authenticator app; only its keyed hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes", verbose_name=_("user")
    )
    code_hash = models.CharField(_("code (keyed hash)"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    invalidated_at = models.DateTimeField(_("invalidated"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    # Null for the operator's command line; the name is kept as it was.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_by_username = models.CharField(_("issued by (username)"), max_length=150)
    reason = models.TextField(_("reason"))

    objects = EnrolmentCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
