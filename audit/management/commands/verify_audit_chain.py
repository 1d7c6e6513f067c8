"""``manage.py verify_audit_chain``: check the audit log's hash chain and its anchors.

Walks the chain from the first event to the last, then checks every signed anchor in
``FORLOB_AUDIT_ANCHOR_FILE`` (``audit.anchors``, written by ``manage.py anchor_audit_chain``):
each anchored event must still be there with the same hash and the same number of events up to
it, which shows a log rewritten and re-hashed, or cut short, that the chain alone would pass.

Exit status 0 and "OK: N events, chain intact" when everything holds; otherwise "BROKEN: ..." on
stderr and exit status 1. No anchor file (or an empty one) is exit status 1 as well: a missing
anchor file is itself an incident, and a verification that passes without one proves much less.
``--no-anchors`` checks the chain alone (e.g. on a restored copy without the file) and says so.
``--anchor HASH`` (repeatable) also requires a head hash recorded by hand.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from audit.verification import MissingAnchors, VerificationError, check_log


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and its signed anchors; exit status 1 with the first problem if any."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help="A head hash recorded earlier; fail unless an intact event still carries it (repeatable).",
        )
        parser.add_argument(
            "--anchor-file",
            type=Path,
            default=None,
            metavar="PATH",
            help="The signed anchors to check against (default: FORLOB_AUDIT_ANCHOR_FILE).",
        )
        parser.add_argument(
            "--no-anchors",
            action="store_true",
            help="Do not read the anchor file: check the chain alone (a rewrite with re-hashing then passes).",
        )

    def handle(self, *args, anchor: list[str], anchor_file: Path | None, no_anchors: bool, **options):
        path = None if no_anchors else (anchor_file or Path(settings.FORLOB_AUDIT_ANCHOR_FILE))
        try:
            check = check_log(hand_anchors=anchor, anchor_path=path)
        except MissingAnchors as missing:
            raise CommandError(f"NO ANCHORS: {missing}", returncode=1) from None
        except VerificationError as broken:
            raise CommandError(f"BROKEN: {broken}", returncode=1) from None
        report = check.report
        self.stdout.write(f"OK: {report.chained} events, chain intact")
        if report.before_chain:
            self.stdout.write(
                f"{report.before_chain} earlier events were written before the chain began (migration audit 0003) "
                "and are not covered by it."
            )
        if report.head_id is not None:
            self.stdout.write(f"Head: event id {report.head_id}, hash {report.head_hash}")
        if no_anchors:
            self.stderr.write(
                "WARNING: anchors not checked (--no-anchors): a log rewritten and re-hashed, or cut short, "
                "would pass this check."
            )
        else:
            newest = max(check.anchors, key=lambda a: (a.count, a.line))
            self.stdout.write(
                f"Anchors: {len(check.anchors)} checked in {path}; the newest, {newest.anchored_at}, "
                f"covers {newest.count} events"
            )
