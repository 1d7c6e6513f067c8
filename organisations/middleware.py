"""Every use of a superuser account is audited: superusers are the operator's break-glass account."""

from audit.models import AuditEvent
from audit.services import audit_record


class SuperuserAuditMiddleware:
    """Writes an audit event for every request a superuser makes: the path and the method only.

    Never the query string (it may carry personal data); the path holds ids, not names or CPR.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_superuser:
            audit_record(
                actor=user,
                action=AuditEvent.Action.VIEW,
                changes={"superuser": True, "path": request.path, "method": request.method},
            )
        return self.get_response(request)
