"""``manage.py verify_audit_chain``: check the audit log's hash chain from the first event to the last.

Exit status 0 and "OK: N events, chain intact" when every link holds; otherwise the id of the first
broken link on stderr and exit status 1. Run it nightly and keep the head hash it prints outside the
database; pass earlier head hashes back with ``--anchor`` to prove that nothing up to them was cut
off or rewritten since.
"""

from django.core.management.base import BaseCommand, CommandError

from audit import chain
from audit.models import AuditEvent

COLUMNS = ("id", "prev_hash", "hash", *chain.HASHED_FIELDS)


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; report the first broken link (exit status 1) if any."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help="A head hash recorded earlier; fail unless an intact event still carries it (repeatable).",
        )

    def handle(self, *args, anchor: list[str], **options):
        rows = AuditEvent.objects.order_by("id").values(*COLUMNS).iterator(chunk_size=2000)
        report = chain.verify(rows, anchors=anchor)
        if not report.intact:
            raise CommandError(
                f"BROKEN: the audit chain breaks at event id {report.broken_id}: {report.reason}. "
                f"{report.chained} events before it are intact.",
                returncode=1,
            )
        missing = sorted(set(anchor) - report.anchors_found)
        if missing:
            raise CommandError(
                f"BROKEN: no event in the chain carries the anchor hash {missing[0]}: "
                "events up to it were removed or rewritten.",
                returncode=1,
            )
        self.stdout.write(f"OK: {report.chained} events, chain intact")
        if report.before_chain:
            self.stdout.write(
                f"{report.before_chain} earlier events were written before the chain began (migration audit 0003) "
                "and are not covered by it."
            )
        if report.head_id is not None:
            self.stdout.write(f"Head: event id {report.head_id}, hash {report.head_hash}")
