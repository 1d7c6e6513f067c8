"""The append-only audit log (ARCHITECTURE.md §Audit).

Rows are only ever inserted. The application refuses to change or delete them (below), and on
PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("Password accepted")
        SECOND_FACTOR = "second_factor", _("Second factor accepted")
        LOGIN_FAILED = "login_failed", _("Failed login")
        OTP_FAILED = "otp_failed", _("Failed second factor")
        OTP_ENROLLED = "otp_enrolled", _("Authenticator app enrolled")
        LOGOUT = "logout", _("Logout")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        VIEW = "view", _("Read")
        SEARCH = "search", _("Search")
        CREATE = "create", _("Create")
        UPDATE = "update", _("Change")
        DELETE = "delete", _("Delete")
        EXPORT = "export", _("Export")
        ACCESS_DENIED = "access_denied", _("Access refused")

    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No database constraint: users are deactivated, not deleted, and the log must never be
    # rewritten by an ON DELETE action. The username is kept as it was at the time.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    citizen_id = models.BigIntegerField(_("citizen (internal id)"), null=True, blank=True, db_index=True)
    centre_id = models.BigIntegerField(_("centre (internal id)"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
