"""The hash chain as pure functions (audit.chain): building, verifying, and finding the first break."""

from datetime import UTC, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from audit import chain
from audit.models import AuditEvent

HEX = "0123456789abcdef"
hashes = st.text(alphabet=HEX, min_size=64, max_size=64)
ids = st.none() | st.integers(min_value=1, max_value=2**62)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
FIELDS = {
    "occurred_at": st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    "actor_id": ids,
    "actor_username": st.text(max_size=150),
    "role": st.sampled_from(["", "manager", "therapist,visitator", "administrator,manager"]),
    "action": st.sampled_from(AuditEvent.Action.values),
    "outcome": st.sampled_from(AuditEvent.Outcome.values),
    "object_type": st.text(max_size=100),
    "object_id": st.text(max_size=64),
    "object_label": st.text(max_size=200),
    "citizen_id": ids,
    "centre_id": ids,
    "changes": st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    "request_id": st.text(alphabet=HEX, max_size=32),
    "client_address": st.none() | st.ip_addresses().map(str),
}
assert set(FIELDS) == set(chain.HASHED_FIELDS)
events = st.lists(st.fixed_dictionaries(FIELDS), min_size=1, max_size=10)


def build(contents: list[dict], *, first_id: int = 1) -> list[dict]:
    """Rows as the database would hold them, each linked to the one before."""
    rows, prev = [], chain.GENESIS
    for number, values in enumerate(contents, start=first_id):
        digest = chain.event_hash(values, prev)
        rows.append({**values, "id": number, "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


def an_event(**changes) -> dict:
    values = {
        "occurred_at": datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=UTC),
        "actor_id": 7,
        "actor_username": "randers-behandler",
        "role": "therapist",
        "action": "view",
        "outcome": "success",
        "object_type": "citizens.Citizen",
        "object_id": "42",
        "object_label": "Alma Fiktivsen",
        "citizen_id": 42,
        "centre_id": 3,
        "changes": {},
        "request_id": "a" * 32,
        "client_address": "192.0.2.7",
    }
    return {**values, **changes}


@given(events)
def test_a_chain_built_event_by_event_verifies(contents):
    rows = build(contents)
    report = chain.verify(rows)
    assert report.intact
    assert report.chained == len(rows)
    assert (report.head_id, report.head_hash) == (rows[-1]["id"], rows[-1]["hash"])


@given(events, st.data())
def test_any_single_field_change_to_any_event_is_detected_at_that_event(contents, data):
    rows = build(contents)
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1), label="event")
    name = data.draw(st.sampled_from([*chain.HASHED_FIELDS, "prev_hash", "hash"]), label="field")
    new = data.draw(hashes if name in ("prev_hash", "hash") else FIELDS[name], label="new value")
    old = rows[index][name]
    if name in ("prev_hash", "hash"):
        assume(new != old)
    else:  # a change the database would keep (jsonb keeps 1e16 and 10000000000000000 as one number)
        assume(chain.canonical_field(name, new) != chain.canonical_field(name, old))
    rows[index][name] = new
    report = chain.verify(rows)
    assert not report.intact
    assert report.broken_id == rows[index]["id"]


def test_a_missing_event_breaks_the_chain_at_the_next_one():
    rows = build([an_event(object_id=str(n)) for n in range(5)])
    del rows[2]
    assert chain.verify(rows).broken_id == rows[2]["id"] == 4


def test_removing_the_first_event_is_detected():
    rows = build([an_event(object_id=str(n)) for n in range(3)])
    report = chain.verify(rows[1:])
    assert report.broken_id == 2
    assert "does not start the chain" in report.reason


def test_swapping_two_events_is_detected():
    rows = build([an_event(object_id=str(n)) for n in range(4)])
    rows[1], rows[2] = {**rows[2], "id": 2}, {**rows[1], "id": 3}
    assert chain.verify(rows).broken_id == 2


def test_gaps_in_ids_are_harmless():
    rows = build([an_event(object_id=str(n)) for n in range(3)])
    for row, number in zip(rows, (1, 5, 9), strict=True):
        row["id"] = number
    assert chain.verify(rows).intact


def test_events_before_the_chain_are_counted_apart():
    before = [{**an_event(object_id=str(n)), "id": n, "prev_hash": "", "hash": ""} for n in (1, 2)]
    rows = before + build([an_event(object_id="3"), an_event(object_id="4")], first_id=3)
    report = chain.verify(rows)
    assert report.intact
    assert (report.before_chain, report.chained) == (2, 2)


def test_an_event_without_hash_after_the_chain_began_is_a_break():
    rows = build([an_event(object_id=str(n)) for n in range(3)])
    rows[1]["hash"] = ""
    report = chain.verify(rows)
    assert report.broken_id == 2
    assert "no hash" in report.reason


def test_blanking_the_first_hash_is_detected_at_the_next_event():
    rows = build([an_event(object_id=str(n)) for n in range(3)])
    rows[0]["hash"] = ""
    assert chain.verify(rows).broken_id == 2


def test_anchors_say_which_earlier_heads_are_still_in_the_chain():
    rows = build([an_event(object_id=str(n)) for n in range(3)])
    report = chain.verify(rows, anchors=[rows[1]["hash"], "f" * 64])
    assert report.anchors_found == {rows[1]["hash"]}


@pytest.mark.parametrize(
    ("written", "read_back"),
    [
        ({"a": 1e16}, {"a": 10000000000000000}),  # jsonb keeps the value, not the spelling
        ({"a": -0.0}, {"a": 0.0}),
        ({"a": 1.5e300}, {"a": 15 * 10**299}),
        ({"a": 1e-7}, {"a": 0.0000001}),
        ({"b": 1, "a": [1, "x"]}, {"a": [1, "x"], "b": 1}),
    ],
)
def test_numbers_hash_by_value_as_postgresql_keeps_them(written, read_back):
    assert chain.event_hash(an_event(changes=written), "") == chain.event_hash(an_event(changes=read_back), "")


@pytest.mark.parametrize(
    ("one", "other"),
    [({"a": 1}, {"a": True}), ({"a": 1}, {"a": "1"}), ({"a": None}, {}), ({"a": [1, 2]}, {"a": [2, 1]})],
)
def test_values_that_differ_in_type_or_order_hash_differently(one, other):
    assert chain.event_hash(an_event(changes=one), "") != chain.event_hash(an_event(changes=other), "")


def test_the_same_instant_and_address_hash_alike_however_written():
    from datetime import timedelta, timezone

    copenhagen_summer = timezone(timedelta(hours=2))
    written = an_event(client_address="::ffff:192.0.2.7")
    read_back = an_event(
        occurred_at=datetime(2026, 3, 1, 11, 30, 0, 123456, tzinfo=copenhagen_summer),
        client_address="0:0:0:0:0:FFFF:C000:0207",
    )
    assert chain.event_hash(written, "") == chain.event_hash(read_back, "")


def test_the_hash_covers_the_previous_hash():
    assert chain.event_hash(an_event(), "") != chain.event_hash(an_event(), "0" * 64)


def test_naive_times_and_nan_are_refused():
    with pytest.raises(ValueError, match="must be aware"):
        chain.event_hash(an_event(occurred_at=datetime(2026, 1, 1)), "")  # noqa: DTZ001
    with pytest.raises(ValueError, match="NaN and infinity"):
        chain.event_hash(an_event(changes={"a": float("nan")}), "")
