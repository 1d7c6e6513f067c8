"""Signed heads of the audit chain, kept outside the database they protect (docs/operations.md).

The hash chain (``audit.chain``) shows a changed, removed or inserted event, but not an end that
was cut off, nor a log that someone with the owner's rights rewrote and then re-hashed from the
change onwards. An anchor closes both: ``manage.py anchor_audit_chain`` (daily, or more often)
appends the chain's head — the last event's id and the log's head hash (``chain.combined_head``),
how many events there were, and when — as one JSON line to an append-only file on another
machine's disk or storage than the database,
signed with HMAC-SHA256 under ``FORLOB_AUDIT_ANCHOR_KEY`` (from the environment, never in the
database). ``manage.py verify_audit_chain`` then checks every anchor by default: the anchored
event must still be there, with the same hash and the same number of events up to it. Since each
hash covers the one before it, an anchored hash that still matches proves everything up to it
unchanged; only events written after the newest anchor are not yet covered.

The signature means a line cannot be forged or altered by someone without the key (a database
administrator, a backup operator); the file's place (another host, ``chattr +a``, a copy in the
central log) means it cannot quietly lose its last lines.

Pure functions here, except ``read_anchor_file`` and ``append_anchor`` (the file).
"""

import base64
import binascii
import fcntl
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

VERSION = 1
SIGNED_FIELDS = ("v", "event_id", "hash", "count", "anchored_at")
KEY_BYTES = 32


class AnchorError(Exception):
    """An anchor file that cannot be trusted: unreadable, damaged, or not signed with our key."""


@dataclass(frozen=True)
class Anchor:
    event_id: int | None  # None: the chain had no hashed event yet
    hash: str
    count: int  # events in the log up to and including event_id
    anchored_at: str
    line: int = 0


def key_bytes(value: str) -> bytes:
    """The signing key from its setting: base64 of at least 32 random bytes, else ``ValueError``."""
    try:
        key = base64.b64decode(value or "", validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("FORLOB_AUDIT_ANCHOR_KEY is not base64.") from None
    if len(key) < KEY_BYTES:
        raise ValueError(f"FORLOB_AUDIT_ANCHOR_KEY must be at least {KEY_BYTES} random bytes, base64-encoded.")
    return key


def _payload(record: Mapping) -> bytes:
    return json.dumps({name: record[name] for name in SIGNED_FIELDS}, sort_keys=True, separators=(",", ":")).encode(
        "ascii"
    )


def signature(record: Mapping, key: bytes) -> str:
    """HMAC-SHA256 (hex) over the anchor's fields as canonical JSON."""
    return hmac.new(key, _payload(record), hashlib.sha256).hexdigest()


def anchor_line(*, event_id: int | None, hash: str, count: int, at: datetime, key: bytes) -> str:
    """One signed anchor as a JSON line (with its newline)."""
    record = {
        "v": VERSION,
        "event_id": event_id,
        "hash": hash,
        "count": count,
        "anchored_at": at.astimezone(UTC).isoformat(timespec="seconds"),
    }
    record["sig"] = signature(record, key)
    return json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"


def parse_anchors(lines: Iterable[str], key: bytes) -> list[Anchor]:
    """Every anchor in the file's lines; ``AnchorError`` at the first line that is not a correctly signed anchor.

    One bad line fails the whole file: a forged or damaged anchor is an incident to look into, not
    a line to skip. Blank lines are ignored.
    """
    anchors = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise AnchorError(f"anchor line {number} is not JSON (damaged or forged)") from None
        if not _well_formed(record):
            raise AnchorError(f"anchor line {number} is not an anchor (version {VERSION}) of this log")
        if not hmac.compare_digest(signature(record, key), record["sig"]):
            raise AnchorError(
                f"anchor line {number} is not signed with FORLOB_AUDIT_ANCHOR_KEY (forged, altered or another key)"
            )
        anchors.append(Anchor(record["event_id"], record["hash"], record["count"], record["anchored_at"], number))
    return anchors


def _well_formed(record) -> bool:
    return (
        isinstance(record, dict)
        and set(record) == {*SIGNED_FIELDS, "sig"}
        and record["v"] == VERSION
        and (record["event_id"] is None or (isinstance(record["event_id"], int) and record["event_id"] > 0))
        and isinstance(record["hash"], str)
        and isinstance(record["count"], int)
        and not isinstance(record["count"], bool)
        and record["count"] >= 0
        and isinstance(record["anchored_at"], str)
        and isinstance(record["sig"], str)
    )


def anchor_problems(
    anchors: Iterable[Anchor], *, found: Mapping[int, tuple[str, int]], total: int, last_id: int | None
) -> list[str]:
    """What the log no longer matches, one sentence per broken anchor (none: every anchor holds).

    ``found`` maps each anchored event id still in the log to its hash and its position (how many
    events there are up to and including it); ``total`` is the number of events in the log and
    ``last_id`` the highest id.
    """
    problems = []
    for anchor in anchors:
        at = f"anchored {anchor.anchored_at} (anchor line {anchor.line})"
        if anchor.event_id is None:
            if total < anchor.count:
                problems.append(f"the log has {total} events, fewer than the {anchor.count} {at}: it was cut short")
            continue
        if anchor.event_id not in found:
            if last_id is None or anchor.event_id > last_id:
                problems.append(
                    f"the log ends before event id {anchor.event_id}, {at}: it was cut short (truncated), "
                    f"{total} events left of at least {anchor.count}"
                )
            else:
                problems.append(f"event id {anchor.event_id}, {at}, is missing: it was removed")
            continue
        hash_now, position = found[anchor.event_id]
        if hash_now != anchor.hash:
            problems.append(
                f"event id {anchor.event_id} carries another hash than {at}: "
                "the log was rewritten and the chain re-hashed"
            )
        elif position != anchor.count:
            problems.append(
                f"there are {position} events up to event id {anchor.event_id}, not the {anchor.count} {at}: "
                "events before the chain began were removed or inserted"
            )
    return problems


def read_anchor_file(path: Path, key: bytes) -> list[Anchor] | None:
    """The file's anchors, or None when there is no such file."""
    try:
        with path.open(encoding="ascii") as file:
            return parse_anchors(file, key)
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise AnchorError(f"{path} holds non-ASCII bytes: not an anchor file (damaged or forged)") from None


def append_anchor(path: Path, line: str) -> None:
    """Append one line: the file mode 0600 and a new directory 0700, under an exclusive lock, synced.

    Opened for appending only (so it also works with ``chattr +a``); a file someone made readable
    to others is set back to 0600.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
        path.parent.chmod(0o700)  # whatever the umask
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        if stat.S_IMODE(os.fstat(descriptor).st_mode) & 0o077:
            os.fchmod(descriptor, 0o600)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.write(descriptor, line.encode("ascii"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
