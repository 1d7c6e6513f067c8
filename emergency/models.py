"""Break-the-glass: time-limited, reasoned access to a citizen outside the user's centres."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import Citizen


class EmergencyAccessQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=EmergencyAccess.State.GRANTED, expires_at__gt=timezone.now())


class EmergencyAccess(models.Model):
    """One break-the-glass access, or a request for one that waits for a manager's approval.

    A renewal within a day of the last access (``rules.renewal_needs_approval``) is stored as
    PENDING without an end; only approval by a manager of the citizen's centre starts the time.
    """

    class State(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PENDING = "pending", _("Awaiting approval")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+", verbose_name=_("citizen"))
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.GRANTED)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [
            models.Index(fields=["user", "citizen", "expires_at"], name="emergency_active_idx"),
            # The review list: unreviewed (NULL) first, then newest (emergency.views.review_list).
            models.Index(fields=["-reviewed_at", "-granted_at", "-id"], name="emergency_review_idx"),
        ]
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.granted_at:%d.%m.%Y %H:%M}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING
