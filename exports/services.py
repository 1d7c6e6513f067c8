"""Producing the citizen's own copy: one step, audited as an export (GDPR art. 15)."""

from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from citizens.models import Citizen
from organisations.access import has_role
from organisations.models import FULL_CPR_ROLES

from . import documents

FORMATS = {
    "pdf": (documents.export_pdf, "application/pdf"),
    "json": (documents.export_json, "application/json"),
}


def file_name(citizen: Citizen, fmt: str) -> str:
    """A neutral name: the internal id and the date, never the name or the CPR number."""
    return f"indsigt-{citizen.pk}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def full_cpr_for(user, citizen: Citizen) -> bool:
    """May ``user`` see the citizen's full CPR number (a ``FULL_CPR_ROLES`` role at their centre)?"""
    return has_role(user, FULL_CPR_ROLES, centre_id=citizen.centre_id)


def citizen_copy(*, citizen: Citizen, by, fmt: str) -> tuple[bytes, str]:
    """The copy in ``fmt`` ("pdf" or "json") and its content type; the export is logged.

    The copy shows the CPR number as ``by`` may see it: in full for a visitator, an authority or a
    physician, masked for a manager (``full_cpr_for``); the log says which ("cpr": "full"/"masked").

    The copy is rendered first and logged last: writing an audit event takes the log's chain
    lock until the transaction ends (``AuditEvent.save``), which must not be held while a PDF
    renders. Should the log entry fail, the error reaches the view and no file is handed out.
    The export therefore appears in the access log of every later copy, not in its own.
    """
    render, content_type = FORMATS[fmt]
    full_cpr = full_cpr_for(by, citizen)
    content = render(citizen, full_cpr=full_cpr)
    audit_record(
        actor=by,
        action=AuditEvent.Action.EXPORT,
        obj=citizen,
        citizen_id=citizen.pk,
        centre_id=citizen.centre_id,
        changes={"format": fmt, "cpr": "full" if full_cpr else "masked"},
    )
    return content, content_type
