"""Producing the citizen's own copy: one step, audited as an export (GDPR art. 15)."""

from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from citizens.models import Citizen

from . import documents

FORMATS = {
    "pdf": (documents.export_pdf, "application/pdf"),
    "json": (documents.export_json, "application/json"),
}


def file_name(citizen: Citizen, fmt: str) -> str:
    """A neutral name: the internal id and the date, never the name or the CPR number."""
    return f"indsigt-{citizen.pk}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def citizen_copy(*, citizen: Citizen, by, fmt: str) -> tuple[bytes, str]:
    """The copy in ``fmt`` ("pdf" or "json") and its content type; the export is logged.

    The copy is rendered first and logged last: writing an audit event takes the log's chain
    lock until the transaction ends (``AuditEvent.save``), which must not be held while a PDF
    renders. Should the log entry fail, the error reaches the view and no file is handed out.
    The export therefore appears in the access log of every later copy, not in its own.
    """
    render, content_type = FORMATS[fmt]
    content = render(citizen)
    audit_record(
        actor=by,
        action=AuditEvent.Action.EXPORT,
        obj=citizen,
        citizen_id=citizen.pk,
        centre_id=citizen.centre_id,
        changes={"format": fmt},
    )
    return content, content_type
