"""The pure rules: gift-card amounts and when cards may be given, the stay's meetings (midpoint),
its length against the standard, and the status words of meetings and written statuses."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import add_months
from treatment import rules

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("amount", "error"),
    [(-100, "not_positive"), (0, "not_positive"), (1, None), (200, None), (2000, None), (2001, "too_large")],
)
def test_a_gift_card_is_a_whole_positive_amount_within_the_bound(amount, error):
    assert rules.gift_card_amount_error(amount) == error


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_every_amount_is_either_allowed_or_refused_with_one_reason(amount):
    error = rules.gift_card_amount_error(amount)
    allowed = rules.GIFT_CARD_MIN_KRONER <= amount <= rules.GIFT_CARD_MAX_KRONER
    assert (error is None) == allowed


@pytest.mark.parametrize(
    ("state", "granted", "allowed"),
    [
        ("advice", False, False),
        ("requested", False, False),
        ("assessed", False, False),
        ("decided", False, False),  # a refusal
        ("decided", True, True),  # with an offer of treatment (SEL §101(9))
        ("in_treatment", True, True),
        ("closed", True, False),
    ],
)
def test_gift_cards_go_with_an_offer_of_treatment_and_during_treatment(state, granted, allowed):
    assert rules.gift_card_allowed(course_state=state, granted=granted) is allowed


def test_the_midway_meeting_is_halfway():
    assert rules.midpoint(date(2026, 3, 1), date(2026, 5, 31)) == date(2026, 4, 15)
    assert rules.planned_meetings(date(2026, 3, 1), date(2026, 3, 4)) == {
        "start": date(2026, 3, 1),
        "midway": date(2026, 3, 2),
        "end": date(2026, 3, 4),
    }


@given(days, st.integers(min_value=1, max_value=2000))
def test_the_midpoint_lies_between_start_and_end_and_halves_the_stay(start, length):
    end = start + timedelta(days=length)
    middle = rules.midpoint(start, end)
    assert start <= middle < end
    assert 0 <= (end - middle).days - (middle - start).days <= 1


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2026, 3, 31), "shorter"),  # under 1 month
        (date(2026, 4, 1), None),  # exactly 1 month
        (date(2026, 6, 1), None),  # exactly 3 months
        (date(2026, 6, 2), "longer"),
    ],
)
def test_the_planned_length_is_checked_against_the_standard(end, expected):
    assert rules.length_outside_standard(date(2026, 3, 1), end, 1, 3) == expected


def test_a_missing_bound_is_not_checked():
    assert rules.length_outside_standard(date(2026, 3, 1), date(2026, 3, 2), None, None) is None
    assert rules.length_outside_standard(date(2026, 3, 1), date(2027, 3, 2), 2, None) is None
    assert rules.length_outside_standard(date(2026, 3, 1), date(2026, 3, 2), None, 4) is None


@given(days, st.integers(min_value=1, max_value=800), st.integers(0, 6), st.integers(0, 6))
def test_a_length_within_the_months_is_never_warned(start, length, low, extra):
    end = start + timedelta(days=length)
    high = low + extra
    warning = rules.length_outside_standard(start, end, low, high)
    within = add_months(start, low) <= end <= add_months(start, high)
    assert (warning is None) == within


def test_status_words_of_meetings_and_written_statuses():
    due = date(2026, 4, 15)
    assert rules.checkpoint_status(due_on=due, done_on=date(2026, 4, 20), today=date(2026, 5, 1)).status == "done"
    assert rules.checkpoint_status(due_on=due, done_on=None, today=due).status == "pending"
    late = rules.checkpoint_status(due_on=due, done_on=None, today=date(2026, 4, 18))
    assert (late.status, late.days_overdue) == ("overdue", 3)
    assert rules.checkpoint_status(due_on=due, done_on=None, today=date(2026, 5, 1), lapsed=True).status == "not_needed"


def test_only_the_midway_checkpoints_fall_away_when_the_stay_ends_early():
    assert rules.lapsed_by_end("midway", date(2026, 4, 15), date(2026, 4, 1))
    assert not rules.lapsed_by_end("midway", date(2026, 4, 15), date(2026, 4, 15))
    assert not rules.lapsed_by_end("midway", date(2026, 4, 15), None)
    assert not rules.lapsed_by_end("end", date(2026, 5, 31), date(2026, 4, 1))


def test_the_final_meeting_moves_to_an_early_end_only():
    assert rules.end_meeting_due(date(2026, 5, 31), date(2026, 4, 1)) == date(2026, 4, 1)
    assert rules.end_meeting_due(date(2026, 5, 31), date(2026, 6, 10)) == date(2026, 5, 31)
    assert rules.end_meeting_due(date(2026, 5, 31), None) == date(2026, 5, 31)
