"""The hash chain over the audit log: pure functions, no database (ARCHITECTURE.md §Audit).

Each event's ``hash`` is SHA-256 (hex) over a canonical JSON document of its content fields and
``prev_hash``, the hash of the event before it (by id) in its lane. Changing, removing or inserting
an event therefore breaks the chain at that event or at the next one; ``verify()`` finds the first
break. Lanes (``AuditEvent.lane``) let concurrent writers append without waiting for each other:
each lane is a chain of its own, and the log's head (``combined_head``) is a digest of every lane's
head, so that an anchor of it covers all of them. A log with one lane is exactly the chain it was.

What the chain does not prove on its own: that nothing was cut off the end (keep the head hash the
verify command prints somewhere else, and pass it back with ``--anchor``), and that someone who can
bypass the database trigger did not recompute every hash after their change (only an anchor kept
outside the database shows that). The hash has no key: anyone can recompute it, which is what lets
an auditor check the log with nothing but this file.

Canonical form (version 1): a JSON object with sorted keys and no whitespace, ASCII only, with the
fields below as the database gives them back; times as UTC ISO 8601 with microseconds, client
addresses fully written out (IPv6 exploded), and numbers inside ``changes`` written as an exact
decimal ``<digits>e<exponent>`` with trailing zeros moved into the exponent. That is because
PostgreSQL's ``jsonb`` keeps a number's value but not its spelling (``1e16`` comes back as
``10000000000000000``, ``-0.0`` as ``0.0``): a hash over the spelling would not survive the round
trip. ``id`` is not hashed (it is assigned by the insert); the chain links events by ``prev_hash``,
so gaps in ids (a rolled-back insert) are harmless.

Events written before the chain began (migration ``audit/0003``) have an empty ``hash``; they are
counted as "before the chain" as long as they all come before the first hashed event.
"""

import hashlib
import ipaddress
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

VERSION = 1
GENESIS = ""  # the prev_hash of the first hashed event (of lane 0)


def lane_genesis(lane: int) -> str:
    """The ``prev_hash`` of a lane's first event: ``GENESIS`` for lane 0 (the chain as it always was),
    a hash naming the lane for the others (so that no two events anywhere share a predecessor)."""
    if not lane:
        return GENESIS
    return hashlib.sha256(f"forlob-audit-lane-genesis|{lane}".encode("ascii")).hexdigest()


# The columns (attribute names) that make up an event's content, in no particular order.
HASHED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "role",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "object_label",
    "citizen_id",
    "centre_id",
    "changes",
    "request_id",
    "client_address",
)


def _number(value: int | float) -> str:
    """An exact, spelling-independent decimal for a JSON number: ``15e299``, ``1e-7``, ``0``."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("NaN and infinity cannot be stored in the audit log.")
        decimal = Decimal(repr(value))  # the decimal the JSON text carries, not the binary value
    else:
        decimal = Decimal(value)
    sign, digits, exponent = decimal.as_tuple()
    digits = list(digits)
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    if digits == [0]:
        return "0"
    return ("-" if sign else "") + "".join(map(str, digits)) + f"e{exponent}"


def _json(value: Any) -> str:
    """Canonical JSON of a value made of dicts, lists, strings, numbers, booleans and None."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json(item) for item in value) + "]"
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("Audit changes need text keys.")
        return "{" + ",".join(f"{_json(key)}:{_json(value[key])}" for key in sorted(value)) + "}"
    raise TypeError(f"{type(value).__name__} cannot be hashed in the audit log.")


def _time(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("Audit times must be aware (USE_TZ).")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _address(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return ipaddress.ip_address(str(value).split("/")[0]).exploded
    except ValueError:
        return str(value)


def field_value(name: str, value: Any) -> Any:
    """One field as it enters the canonical document."""
    if name == "occurred_at":
        return _time(value)
    if name == "client_address":
        return _address(value)
    return value


def canonical_field(name: str, value: Any) -> str:
    """One field's canonical JSON: two values are the same to the chain if and only if these match."""
    return _json(field_value(name, value))


def canonical(values: Mapping[str, Any], prev_hash: str) -> bytes:
    """The bytes that are hashed: the content fields of ``values`` and ``prev_hash``."""
    document = {name: field_value(name, values[name]) for name in HASHED_FIELDS}
    document["prev_hash"] = prev_hash
    document["v"] = VERSION
    return _json(document).encode("ascii")


def event_hash(values: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(values, prev_hash)).hexdigest()


@dataclass
class ChainReport:
    chained: int = 0  # hashed events checked
    before_chain: int = 0  # events written before the chain began
    broken_id: int | None = None  # the first event where the chain breaks
    reason: str = ""
    head_id: int | None = None  # the last event checked, and the log's head then (to keep elsewhere)
    head_hash: str = ""
    anchors_found: set[str] = field(default_factory=set)
    heads_at: dict[int, str] = field(default_factory=dict)  # event id -> the log's head as of it
    lanes: int = 0  # lanes in use

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def combined_head(heads: Mapping[int, str]) -> str:
    """The log's head from the heads of its lanes (lane -> hash of its last event).

    With one lane it is that lane's head (a log written by one writer at a time, as on SQLite, has
    the head it always had); with more, SHA-256 over every lane's number and head, so an anchor of
    it covers every lane up to that point.
    """
    if not heads:
        return ""
    if len(heads) == 1:
        return next(iter(heads.values()))
    text = "forlob-audit-lanes-v1|" + "|".join(f"{lane}:{heads[lane]}" for lane in sorted(heads))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def verify(rows: Iterable[Mapping[str, Any]], *, anchors: Iterable[str] = (), watch: Iterable[int] = ()) -> ChainReport:
    """Walk the events in id order and report the first broken link (or none).

    Each row needs ``id``, ``prev_hash``, ``hash`` and the ``HASHED_FIELDS``, and ``lane`` if the log
    has more than lane 0. Each lane is a chain of its own: an event's ``prev_hash`` must be the hash
    of the event before it in its lane (``lane_genesis`` for a lane's first). ``anchors`` are heads
    (``combined_head``) or event hashes recorded earlier; the report says which of them are still
    in the chain. ``report.heads_at`` holds the log's head as of each event id in ``watch``.
    """
    wanted = set(anchors)
    watched = set(watch)
    report = ChainReport()
    heads: dict[int, str] = {}  # lane -> its last hash; empty until the first hashed event
    try:
        for row in rows:
            if not heads and not row["hash"]:
                report.before_chain += 1
                continue
            if not row["hash"]:
                return _broken(report, row, "the event has no hash, but the chain had already begun")
            lane = row.get("lane") or 0
            expected_prev = heads.get(lane, lane_genesis(lane))
            if row["prev_hash"] != expected_prev:
                if not heads:
                    reason = "the first hashed event does not start the chain (an earlier event was removed or blanked)"
                elif lane not in heads:
                    reason = f"the first event of lane {lane} does not start it (an earlier one was removed or blanked)"
                else:
                    reason = "prev_hash does not match the event before it (an event was changed, removed or inserted)"
                return _broken(report, row, reason)
            if event_hash(row, row["prev_hash"]) != row["hash"]:
                return _broken(report, row, "the hash does not match the event's content (the event was changed)")
            report.chained += 1
            heads[lane] = row["hash"]
            report.head_id = row["id"]
            # The log's head as of this event only where it is asked for (it costs a hash per event).
            if wanted or row["id"] in watched:
                head = combined_head(heads)
                if row["id"] in watched:
                    report.heads_at[row["id"]] = head
                for candidate in (head, row["hash"]):
                    if candidate in wanted:
                        report.anchors_found.add(candidate)
        return report
    finally:
        report.head_hash = combined_head(heads)
        report.lanes = len(heads)


def _broken(report: ChainReport, row: Mapping[str, Any], reason: str) -> ChainReport:
    report.broken_id = row["id"]
    report.reason = reason
    return report
