"""``manage.py smdb_export --municipality 730 --year 2027 [--month 3] [--out FILE]``: the report to
Stofmisbrugsdatabasen as a CSV file (``smdb.services``), a summary, and the records that lack a
required field (kept out of the file, listed here with the course and what is missing; never a
CPR number on the screen). Audited as an export by "manage.py smdb_export"."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from smdb import rules, selectors, services

USERNAME = "manage.py smdb_export"


class Command(BaseCommand):
    help = "Write the report to Stofmisbrugsdatabasen of one municipality for a year or a month (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="Municipality number (e.g. 730) or name.")
        parser.add_argument("--year", required=True, help="The year, YYYY.")
        parser.add_argument("--month", default="", help="Only this month, 1-12 (default: the whole year).")
        parser.add_argument("--out", default="", help="The file to write (default: standard output).")

    def handle(self, *args, municipality, year, month, out, **options):
        found = selectors.find_municipality(municipality)
        if found is None:
            raise CommandError(f"Unknown municipality: {municipality!r} (give its number, e.g. 730, or its name).")
        today = timezone.localdate()
        chosen_year = rules.year_choice(str(year), today)
        if chosen_year is None:
            raise CommandError(f"Bad year: {year!r} (four digits, {rules.FIRST_YEAR} to {today.year}).")
        chosen_month = rules.month_choice(str(month))
        if chosen_month is False:
            raise CommandError(f"Bad month: {month!r} (1 to 12, or leave it out for the whole year).")
        export = selectors.export_for(found, chosen_year, chosen_month or None)
        text = services.csv_text(export)
        if out:
            Path(out).write_text(text, encoding="utf-8", newline="")
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        services.audit_export(export, username=USERNAME)
        report = self.stderr if not out else self.stdout
        report.write(
            f"Stofmisbrugsdatabasen: {found.name} ({found.code}),"
            f" {export.first.isoformat()} to {export.last.isoformat()}"
        )
        for kind, count in export.counts.items():
            report.write(f"  {kind} ({rules.REGISTER_PART[kind]}): {count} in the file")
        report.write(f"  errors (kept out of the file): {len(export.errors)}")
        for error in export.errors:
            report.write(f"  ERROR course {error.course_id} {error.record_kind}: missing {', '.join(error.missing)}")
        if out:
            report.write(f"Written to {out}")
