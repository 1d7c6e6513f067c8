"""The chain's head is anchored outside the database: a rewrite with re-hashing, or a cut-off end, is found
without a hand-given anchor.

The attacks are made as someone with the owner's rights would make them: rows changed with raw SQL,
past the application, and on PostgreSQL with the append-only trigger disabled first (the owner can;
the application's role cannot, tests/audit/test_database_roles.py). Each test runs in a transaction
that is rolled back, trigger included.
"""

import base64
import json
import os
import subprocess
import sys
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit import anchors, chain
from audit.models import AuditEvent
from audit.services import audit_record
from tests.audit.rows import insert_unhashed_events

pytestmark = pytest.mark.django_db
TRIGGER = "audit_auditevent_append_only"


@pytest.fixture(autouse=True)
def anchor_file(settings, tmp_path):
    settings.FORLOB_AUDIT_ANCHOR_FILE = tmp_path / "audit" / "anchors.jsonl"
    return settings.FORLOB_AUDIT_ANCHOR_FILE


def events(n: int) -> list[AuditEvent]:
    return [audit_record(actor=None, action=AuditEvent.Action.VIEW, username=f"bruger-{i}") for i in range(n)]


def run(command: str, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def verify(*args) -> str:
    return run("verify_audit_chain", *args)[0]


def broken(*args) -> str:
    with pytest.raises(CommandError) as failure:
        verify(*args)
    assert failure.value.returncode == 1
    return str(failure.value)


def as_the_owner(*statements: tuple[str, list]) -> None:
    """Raw SQL past the application; on PostgreSQL with the append-only trigger disabled, as the owner can."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {TRIGGER}")
        for statement, params in statements:
            cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {TRIGGER}")


def rewrite_and_rehash(event_id: int, **changes) -> None:
    """Change one event and recompute every hash from it to the end: the chain is intact again."""
    rows = list(
        AuditEvent.objects.filter(id__gte=event_id).order_by("id").values("id", "prev_hash", *chain.HASHED_FIELDS)
    )
    rows[0].update(changes)
    previous, statements = rows[0]["prev_hash"], []
    for row in rows:
        new_hash = chain.event_hash(row, previous)
        sets = ", ".join(f"{name} = %s" for name in changes) + ", " if row["id"] == event_id else ""
        params = [*changes.values()] if row["id"] == event_id else []
        statements.append(
            (
                f"UPDATE audit_auditevent SET {sets}prev_hash = %s, hash = %s WHERE id = %s",  # noqa: S608  # nosec B608  (column names from this test)
                [*params, previous, new_hash, row["id"]],
            )
        )
        previous = new_hash
    as_the_owner(*statements)


# --- writing anchors -----------------------------------------------------------------------------


def test_an_anchor_is_a_signed_head_appended_to_a_private_file(anchor_file, settings):
    written = events(3)
    with time_machine.travel("2026-05-04 02:15:00+00:00", tick=False):
        out, _ = run("anchor_audit_chain")
    assert "No anchor" in out and f"Anchored: 3 events, head event id {written[-1].pk}" in out
    record = json.loads(anchor_file.read_text().splitlines()[0])
    assert record["event_id"] == written[-1].pk and record["hash"] == written[-1].hash and record["count"] == 3
    assert record["anchored_at"] == "2026-05-04T02:15:00+00:00"
    assert out.splitlines()[-1] == anchor_file.read_text().strip()  # printed, for the central log
    key = anchors.key_bytes(settings.FORLOB_AUDIT_ANCHOR_KEY)
    assert record["sig"] == anchors.signature(record, key)
    assert anchor_file.stat().st_mode & 0o777 == 0o600
    assert anchor_file.parent.stat().st_mode & 0o777 == 0o700

    events(2)
    run("anchor_audit_chain")  # appended, never rewritten
    lines = anchor_file.read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == record and json.loads(lines[1])["count"] == 5
    output = verify()
    assert output.startswith("OK: 5 events, chain intact")
    assert "Anchors: 2 checked" in output and "covers 5 events" in output


def test_the_first_anchor_of_an_empty_log_starts_the_file(anchor_file):
    run("anchor_audit_chain")
    assert json.loads(anchor_file.read_text())["event_id"] is None
    assert verify().startswith("OK: 0 events")


def test_a_broken_log_is_never_anchored(anchor_file):
    written = events(3)
    run("anchor_audit_chain")
    rewrite_and_rehash(written[1].pk, object_label="Someone else")
    with pytest.raises(CommandError, match="BROKEN, nothing anchored") as refused:
        run("anchor_audit_chain")
    assert refused.value.returncode == 1
    assert len(anchor_file.read_text().splitlines()) == 1


def test_anchoring_needs_the_key(settings):
    settings.FORLOB_AUDIT_ANCHOR_KEY = ""
    with pytest.raises(CommandError, match="FORLOB_AUDIT_ANCHOR_KEY is not set"):
        run("anchor_audit_chain")


# --- verifying against them ----------------------------------------------------------------------


def test_a_rewrite_with_re_hashing_passes_the_chain_but_not_the_anchor():
    written = events(4)
    run("anchor_audit_chain")
    rewrite_and_rehash(written[1].pk, object_label="Someone else", actor_username="en-anden")

    assert verify("--no-anchors").startswith("OK: 4 events, chain intact")  # the chain alone is fooled
    message = broken()
    assert f"event id {written[-1].pk} carries another hash" in message
    assert "rewritten and the chain re-hashed" in message


def test_a_cut_off_end_is_found_at_the_newest_anchor():
    written = events(5)
    run("anchor_audit_chain")
    as_the_owner(("DELETE FROM audit_auditevent WHERE id >= %s", [written[3].pk]))

    assert verify("--no-anchors").startswith("OK: 3 events, chain intact")  # the chain alone is fooled
    message = broken()
    assert f"the log ends before event id {written[-1].pk}" in message and "truncated" in message


def test_an_emptied_log_is_found():
    events(2)
    run("anchor_audit_chain")
    as_the_owner(("DELETE FROM audit_auditevent", []))
    assert "cut short" in broken()


def test_events_removed_before_the_chain_began_are_found_by_the_count():
    insert_unhashed_events(2)  # as after migration audit 0003
    events(2)
    run("anchor_audit_chain")
    first_old = AuditEvent.objects.filter(hash="").order_by("id").first()
    as_the_owner(("DELETE FROM audit_auditevent WHERE id = %s", [first_old.pk]))
    assert "there are 3 events up to event id" in broken()


def test_events_after_the_newest_anchor_are_not_yet_covered():
    """What the daily schedule leaves open (docs/operations.md): the tail since the last anchor."""
    events(2)
    run("anchor_audit_chain")
    later = events(2)
    as_the_owner(("DELETE FROM audit_auditevent WHERE id >= %s", [later[0].pk]))
    assert verify().startswith("OK: 2 events, chain intact")


def test_without_an_anchor_file_verification_fails_loudly_unless_told(anchor_file):
    events(2)
    message = broken()
    assert message.startswith("NO ANCHORS:") and str(anchor_file) in message and "--no-anchors" in message
    anchor_file.parent.mkdir()
    anchor_file.write_text("")
    assert broken().startswith("NO ANCHORS:")

    out, err = run("verify_audit_chain", "--no-anchors")
    assert out.startswith("OK: 2 events, chain intact")
    assert "WARNING: anchors not checked" in err


@pytest.mark.parametrize(
    "forgery",
    [
        lambda record: {**record, "hash": "0" * 64},  # an altered anchor, old signature
        lambda record: {**record, "count": record["count"] - 1},
        lambda record: {**record, "sig": "f" * 64},
        lambda record: {k: v for k, v in record.items() if k != "sig"},
    ],
)
def test_a_forged_or_altered_anchor_is_refused(anchor_file, forgery):
    events(2)
    run("anchor_audit_chain")
    record = json.loads(anchor_file.read_text())
    anchor_file.write_text(json.dumps(forgery(record)) + "\n")
    message = broken()
    assert "anchor file" in message and "cannot be trusted" in message and "line 1" in message


def test_an_anchor_signed_with_another_key_is_refused(anchor_file, settings):
    events(1)
    run("anchor_audit_chain")
    settings.FORLOB_AUDIT_ANCHOR_KEY = base64.b64encode(b"another-32-byte-key-for-tests!!!").decode()
    assert "not signed with FORLOB_AUDIT_ANCHOR_KEY" in broken()


def test_a_damaged_line_fails_the_file(anchor_file):
    events(1)
    run("anchor_audit_chain")
    with anchor_file.open("a") as file:
        file.write("{not json\n")
    assert "anchor line 2 is not JSON" in broken()


def test_a_hand_given_anchor_still_works_beside_the_file():
    head = events(2)[0].hash
    run("anchor_audit_chain")
    assert verify("--anchor", head).startswith("OK: 2 events")
    assert "anchor hash" in broken("--anchor", "0" * 64)


def test_an_anchor_file_can_be_named_on_the_command_line(tmp_path):
    events(1)
    elsewhere = tmp_path / "elsewhere.jsonl"
    run("anchor_audit_chain", "--anchor-file", str(elsewhere))
    assert verify("--anchor-file", str(elsewhere)).startswith("OK: 1 events")
    assert broken().startswith("NO ANCHORS:")  # the default file has none


@pytest.mark.parametrize("value", ["", "not base64!", base64.b64encode(b"too short").decode()])
def test_a_weak_or_missing_key_is_refused(value):
    with pytest.raises(ValueError, match="FORLOB_AUDIT_ANCHOR_KEY"):
        anchors.key_bytes(value)


def test_production_refuses_to_start_without_the_anchor_key():
    key = base64.b64encode(bytes(range(32))).decode()  # test only
    environment = {
        k: v for k, v in os.environ.items() if k not in ("FORLOB_AUDIT_ANCHOR_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment |= {
        "DJANGO_SECRET_KEY": "x" * 60,
        "FORLOB_CPR_KEY": key,
        "FORLOB_CPR_INDEX_KEY": key,
        "FORLOB_TOTP_KEY": key,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import forlob.settings.production"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "FORLOB_AUDIT_ANCHOR_KEY" in result.stderr
    with_key = subprocess.run(
        [sys.executable, "-c", "import forlob.settings.production"],
        env={**environment, "FORLOB_AUDIT_ANCHOR_KEY": key},
        capture_output=True,
        text=True,
        check=False,
    )
    assert with_key.returncode == 0, with_key.stderr
