"""The report to Stofmisbrugsdatabasen: the file, its audit, and marking a month as reported.

The file: CSV, UTF-8 with a byte-order mark (so a Danish spreadsheet reads æ, ø and å), fields
separated by semicolons (as Danish spreadsheets expect), CRLF line ends, one header line with the
column names of ``rules.COLUMNS``, then one row per record, dates as ISO 8601 (YYYY-MM-DD). Rows that
lack a required field are NOT in the file: they are listed as errors (command output, page) to
be fixed in Forløb, and the next export carries them. Every export is an audit event naming the
municipality, the period and the counts, never a CPR number.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from organisations.models import Municipality

from . import rules
from .models import MonthlyReport
from .selectors import Export

BOM = "\ufeff"


def csv_text(export: Export) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(rules.COLUMNS)
    for record in export.records:
        writer.writerow(rules.row(record))
    return BOM + out.getvalue()


def file_name(export: Export) -> str:
    """E.g. "smdb-730-2027.csv" or "smdb-730-2027-03.csv" (no personal data in the name)."""
    first = export.first
    month = f"-{first.month:02d}" if export.first.month == export.last.month else ""
    return f"smdb-{export.municipality.code}-{first.year}{month}.csv"


def audit_export(export: Export, *, actor=None, username: str = "", centre_id: int | None = None) -> AuditEvent:
    """The export as an audit event: who, which municipality and period, how many records and errors."""
    return audit_record(
        actor=actor,
        username=username,
        action=AuditEvent.Action.EXPORT,
        centre_id=centre_id,
        changes={
            "what": "smdb",
            "municipality": export.municipality.code,
            "first": export.first.isoformat(),
            "last": export.last.isoformat(),
            "records": export.counts,
            "errors": len(export.errors),
        },
    )


@transaction.atomic
def month_mark_reported(*, municipality: Municipality, year: int, month: int, by, reported_on) -> MonthlyReport:
    """Record that the month's report was made (audited). A month is marked once; the month must
    have ended."""
    if not 1 <= month <= 12:
        raise ValidationError({"maaned": _("Choose a month.")})
    if rules.month_end(year, month) >= reported_on:
        raise ValidationError({"maaned": _("A month can be marked as reported only after it has ended.")})
    if MonthlyReport.objects.filter(municipality=municipality, year=year, month=month).exists():
        raise ValidationError({"maaned": _("This month is already marked as reported.")})
    try:
        with transaction.atomic():
            report = MonthlyReport.objects.create(
                municipality=municipality, year=year, month=month, reported_on=reported_on, reported_by=by
            )
    except IntegrityError as twice:  # two managers at once
        raise ValidationError({"maaned": _("This month is already marked as reported.")}) from twice
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=report,
        changes={
            "municipality": municipality.code,
            "year": year,
            "month": month,
            "reported_on": reported_on.isoformat(),
            "due_on": rules.report_due_on(year, month).isoformat(),
        },
    )
    return report
