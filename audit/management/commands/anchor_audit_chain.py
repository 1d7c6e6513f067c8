"""``manage.py anchor_audit_chain``: append the audit chain's signed head to the anchor file.

Run it daily (or more often: events after the newest anchor are not yet covered) from a timer,
as described in docs/operations.md. It first checks the log as ``verify_audit_chain`` does and
refuses (exit status 1, nothing written) to anchor a log that fails: an anchor vouches for the log
as it was. The new anchor is appended to ``FORLOB_AUDIT_ANCHOR_FILE`` (``--anchor-file``),
created with mode 0600 in a directory with mode 0700, and printed as the last line of the output,
so the timer can also send it to the central log (``| logger -t forlob-anchor``).

With no anchor file yet, the first run starts it (and says so).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit import anchors
from audit.verification import MissingAnchors, VerificationError, check_log, signing_key


class Command(BaseCommand):
    help = "Check the audit log, then append its signed head (id, hash, count, time) to the anchor file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor-file",
            type=Path,
            default=None,
            metavar="PATH",
            help="Where the signed anchors are kept (default: FORLOB_AUDIT_ANCHOR_FILE).",
        )

    def handle(self, *args, anchor_file: Path | None, **options):
        path = anchor_file or Path(settings.FORLOB_AUDIT_ANCHOR_FILE)
        try:
            key = signing_key()
            try:
                check = check_log(anchor_path=path)
            except MissingAnchors:
                self.stdout.write(f"No anchor in {path} yet: this is the first.")
                check = check_log(anchor_path=None)
        except VerificationError as broken:
            raise CommandError(f"BROKEN, nothing anchored: {broken}", returncode=1) from None
        report = check.report
        line = anchors.anchor_line(
            event_id=report.head_id, hash=report.head_hash, count=check.total, at=timezone.now(), key=key
        )
        try:
            anchors.append_anchor(path, line)
        except OSError as error:
            raise CommandError(f"The anchor could not be written to {path}: {error}", returncode=1) from None
        self.stdout.write(f"Anchored: {check.total} events, head event id {report.head_id} -> {path}")
        self.stdout.write(line.rstrip("\n"))
