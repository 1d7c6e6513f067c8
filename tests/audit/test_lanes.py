"""Lanes of the hash chain (audit.chain, AuditEvent.save): concurrent writers each extend a lane of
their own, and tampering is found exactly as in a single chain; the log's head covers every lane."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from audit import anchors, chain
from audit.models import AuditEvent
from audit.services import audit_record
from audit.verification import check_log
from tests.audit.test_chain import an_event


def build_lanes(lanes: list[int]) -> list[dict]:
    """Rows in id order, the n-th in lane ``lanes[n]``, each linked to its lane's previous row."""
    heads: dict[int, str] = {}
    rows = []
    for number, lane in enumerate(lanes, start=1):
        values = an_event(object_id=str(number))
        prev = heads.get(lane, chain.lane_genesis(lane))
        digest = chain.event_hash(values, prev)
        rows.append({**values, "id": number, "lane": lane, "prev_hash": prev, "hash": digest})
        heads[lane] = digest
    return rows


lane_lists = st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=30)


def test_lane_0_starts_from_the_old_genesis_and_other_lanes_from_their_own():
    assert chain.lane_genesis(0) == chain.GENESIS == ""
    starts = {chain.lane_genesis(lane) for lane in range(1, 17)}
    assert len(starts) == 16 and "" not in starts and all(len(s) == 64 for s in starts)


def test_a_log_in_one_lane_keeps_the_head_it_always_had():
    rows = build_lanes([0, 0, 0])
    report = chain.verify(rows)
    assert report.intact and report.head_hash == rows[-1]["hash"] and report.lanes == 1


@given(lane_lists)
def test_interleaved_lanes_verify_and_the_head_covers_every_lane(lanes):
    rows = build_lanes(lanes)
    report = chain.verify(rows)
    assert report.intact and report.chained == len(rows) and report.lanes == len(set(lanes))
    heads = {}
    for row in rows:
        heads[row["lane"]] = row["hash"]
    assert report.head_hash == chain.combined_head(heads)


@given(lane_lists, st.data())
def test_removing_any_event_but_a_lanes_last_breaks_the_chain(lanes, data):
    rows = build_lanes(lanes)
    last_of_lane = {row["lane"]: row["id"] for row in rows}
    removable = [row for row in rows if row["id"] not in last_of_lane.values()]
    if not removable:
        return
    gone = data.draw(st.sampled_from(removable))
    assert not chain.verify([row for row in rows if row is not gone]).intact


@given(lane_lists, st.data())
def test_moving_an_event_to_another_lane_breaks_the_chain(lanes, data):
    rows = build_lanes(lanes)
    moved = data.draw(st.sampled_from(rows))
    other = data.draw(st.sampled_from([lane for lane in range(6) if lane != moved["lane"]]))
    changed = [{**row, "lane": other} if row is moved else row for row in rows]
    assert not chain.verify(changed).intact


def test_cutting_a_lanes_tail_changes_the_head_an_anchor_kept():
    rows = build_lanes([0, 1, 0, 1, 2])
    anchored = chain.verify(rows).head_hash
    assert chain.verify(rows, anchors=[anchored]).anchors_found == {anchored}
    cut = [row for row in rows if row["id"] != 4]  # lane 1's last event: the chain alone still holds
    report = chain.verify(cut, anchors=[anchored])
    assert report.intact and anchored not in report.anchors_found


def test_the_head_as_of_each_watched_event_is_reported():
    rows = build_lanes([0, 3, 0])
    report = chain.verify(rows, watch=[2])
    assert report.heads_at == {2: chain.combined_head({0: rows[0]["hash"], 3: rows[1]["hash"]})}


# --- on the database ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_single_writers_stay_in_lane_0():
    first = audit_record(actor=None, username="a", action=AuditEvent.Action.VIEW)
    second = audit_record(actor=None, username="b", action=AuditEvent.Action.VIEW)
    assert (first.lane, second.lane) == (0, 0) and second.prev_hash == first.hash


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="lanes are PostgreSQL's (SQLite: one writer)")
def test_concurrent_writers_spread_over_lanes_and_an_anchor_covers_them_all(settings, tmp_path):
    """Writers holding their transaction open take other lanes instead of waiting; the log verifies
    and a signed anchor of its head (every lane's) holds."""
    writers = 4
    inside = threading.Barrier(writers)
    lanes, errors = [], []

    def write(number: int) -> None:
        try:
            with transaction.atomic():
                lanes.append(audit_record(actor=None, action=AuditEvent.Action.VIEW, username=f"w{number}").lane)
                inside.wait(timeout=20)  # every writer holds its lane at once
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(lanes)) == writers
    audit_record(actor=None, username="after", action=AuditEvent.Action.VIEW)
    settings.FORLOB_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    check = check_log(anchor_path=None)
    assert check.report.intact and check.report.chained == writers + 1 and check.report.lanes == writers
    key = anchors.key_bytes(settings.FORLOB_AUDIT_ANCHOR_KEY)
    line = anchors.anchor_line(
        event_id=check.report.head_id, hash=check.report.head_hash, count=check.total, at=timezone.now(), key=key
    )
    anchors.append_anchor(settings.FORLOB_AUDIT_ANCHOR_FILE, line)
    assert check_log(anchor_path=settings.FORLOB_AUDIT_ANCHOR_FILE).report.intact
