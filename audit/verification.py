"""Checking the audit log as stored: its hash chain, hand-given head hashes and the signed anchors.

Shared by ``manage.py verify_audit_chain`` and ``manage.py anchor_audit_chain`` (which refuses to
anchor a log that fails these checks).
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from . import anchors as anchor_file
from . import chain
from .models import AuditEvent

COLUMNS = ("id", "lane", "prev_hash", "hash", *chain.HASHED_FIELDS)


class VerificationError(Exception):
    """The log fails a check; the message says where and why."""


class MissingAnchors(VerificationError):
    """There is no anchor to check the log against."""


@dataclass
class LogCheck:
    report: chain.ChainReport
    total: int = 0  # every event, hashed or from before the chain
    last_id: int | None = None
    found: dict[int, tuple[str, int]] = field(default_factory=dict)  # anchored id -> (hash, position)
    anchors: list[anchor_file.Anchor] = field(default_factory=list)


def signing_key() -> bytes:
    """The anchor key from the settings; ``VerificationError`` with what to do when it is missing or weak."""
    if not settings.FORLOB_AUDIT_ANCHOR_KEY:
        raise VerificationError("FORLOB_AUDIT_ANCHOR_KEY is not set: anchors cannot be signed or checked.")
    try:
        return anchor_file.key_bytes(settings.FORLOB_AUDIT_ANCHOR_KEY)
    except ValueError as error:
        raise VerificationError(str(error)) from None


def check_log(*, hand_anchors: Iterable[str] = (), anchor_path: Path | None) -> LogCheck:
    """Walk the log once and check it; ``VerificationError`` at the first thing that does not hold.

    ``anchor_path`` None: the anchor file is not read (``--no-anchors``). A missing file, or one
    without an anchor, is ``MissingAnchors`` (after the chain itself was checked).
    """
    hand_anchors = list(hand_anchors)
    anchors = None
    if anchor_path is not None:
        try:
            anchors = anchor_file.read_anchor_file(anchor_path, signing_key())
        except (anchor_file.AnchorError, OSError) as error:
            raise VerificationError(f"the anchor file {anchor_path} cannot be trusted: {error}") from None
    wanted = {anchor.event_id for anchor in anchors or () if anchor.event_id is not None}
    check = LogCheck(report=chain.ChainReport())
    rows = AuditEvent.objects.order_by("id").values(*COLUMNS).iterator(chunk_size=2000)
    check.report = chain.verify(_counted(rows, check, wanted), anchors=hand_anchors, watch=wanted)
    report = check.report
    # An anchor keeps the log's head as of its event: every lane's head then (chain.combined_head).
    check.found = {
        event_id: (report.heads_at.get(event_id, hash_then), position)
        for event_id, (hash_then, position) in check.found.items()
    }
    if not report.intact:
        raise VerificationError(
            f"the audit chain breaks at event id {report.broken_id}: {report.reason}. "
            f"{report.chained} events before it are intact."
        )
    missing = sorted(set(hand_anchors) - report.anchors_found)
    if missing:
        raise VerificationError(
            f"no event in the chain carries the anchor hash {missing[0]}: events up to it were removed or rewritten."
        )
    if anchor_path is None:
        return check
    if not anchors:
        raise MissingAnchors(
            f"there is no anchor in {anchor_path}. Without a head kept outside the database, a log that was "
            "rewritten and re-hashed, or cut short, passes the chain check. Run manage.py anchor_audit_chain "
            "(daily, docs/operations.md), or pass --no-anchors to check the chain alone."
        )
    check.anchors = anchors
    problems = anchor_file.anchor_problems(anchors, found=check.found, total=check.total, last_id=check.last_id)
    if problems:
        raise VerificationError("; ".join(problems) + ".")
    return check


def _counted(rows: Iterable[Mapping[str, Any]], check: LogCheck, wanted: set[int]) -> Iterator[Mapping[str, Any]]:
    """The rows unchanged, while counting them and noting the hash and position of anchored ids."""
    for row in rows:
        check.total += 1
        check.last_id = row["id"]
        if row["id"] in wanted:
            check.found[row["id"]] = (row["hash"], check.total)
        yield row
