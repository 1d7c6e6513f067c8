"""Logins, logouts and failed logins go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent
from .services import audit_record, username_as_logged


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, obj=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT, obj=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The password is never logged; the username as typed is, to see guessing, unless it looks
    # like a password or holds a CPR number typed by mistake (audit.rules).
    typed = str(credentials.get("username") or "")
    audit_record(actor=None, action=AuditEvent.Action.LOGIN_FAILED, username=username_as_logged(typed))
