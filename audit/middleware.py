import uuid

from .context import RequestContext, current


class RequestContextMiddleware:
    """Gives each request an id and remembers the client address for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = current.set(RequestContext(request.request_id, request.META.get("REMOTE_ADDR") or None))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
