import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from forlob.net import request_client_address

from .context import RequestContext, current
from .models import AuditEvent
from .owners import record_owner
from .services import audit_record

# The apps whose pages show (part of) one citizen's record. A 404 raised by one of their views is
# a refused access: organisations.access.get_or_404() makes another centre's record look missing,
# so a probe for it ends here. Matched by URL namespace rather than path so that it follows the
# URL configuration: /borgere/, /forloeb/, /afdaekning/, /afgoerelser/, and also /indsigt/ (the
# citizen's own copy) and /logning/ (who read the record), which take a citizen's id too. A path
# that matches no URL never reaches a view, and 404s elsewhere (e.g. /centre/) are not logged.
RECORD_NAMESPACES = frozenset(
    {
        "citizens",
        "courses",
        "assessments",
        "decisions",
        "exports",
        "audit",
        "plans",
        "appointments",
        "treatment",
        "discharges",
        "followups",
        "journal",
        "timeline",
        "caseloads",
    }
)


class RequestContextMiddleware:
    """Gives each request an id, remembers the client address, and logs refused access.

    A refusal on a record page is logged with the record's citizen and centre (``audit.owners``):
    it shows on the citizen's access log and on the centre's list of refused attempts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = current.set(RequestContext(request.request_id, request_client_address(request)))  # forlob.net
        try:
            return self.get_response(request)
        finally:
            current.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            status = 403
        elif isinstance(exception, Http404) and _is_record_page(request):
            status = 404
        else:
            return None
        match = getattr(request, "resolver_match", None)
        # The record's citizen and centre, so that its centre's manager sees the refusal.
        owner = record_owner(match)
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.ACCESS_DENIED,
            outcome=AuditEvent.Outcome.DENIED,
            citizen_id=owner.citizen_id,
            centre_id=owner.centre_id,
            changes={
                "path": request.path,
                "method": request.method,
                "status": status,
                "view": match.view_name if match else "",
            },
        )
        return None


def _is_record_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and bool(RECORD_NAMESPACES & set(match.namespaces))
