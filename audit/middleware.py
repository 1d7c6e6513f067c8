import uuid

from django.core.exceptions import PermissionDenied

from .context import RequestContext, current
from .models import AuditEvent
from .services import audit_record


class RequestContextMiddleware:
    """Gives each request an id, remembers the client address, and logs refused access."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = current.set(RequestContext(request.request_id, request.META.get("REMOTE_ADDR") or None))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.ACCESS_DENIED,
                changes={"path": request.path, "method": request.method},
            )
        return None
