"""Follow-up rules (G3.12.3–3.12.5) and re-admission within 12 months of completed treatment (G2.7)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import add_months
from discharges import rules as discharge_rules
from followups import rules

NOT_COMPLETED = sorted(
    {
        discharge_rules.OTHER_OFFER,
        discharge_rules.MOVED,
        discharge_rules.WISHED_TO_STOP,
        discharge_rules.EXPELLED,
        discharge_rules.NO_SHOW,
        discharge_rules.HOSPITAL,
        discharge_rules.OTHER,
        discharge_rules.DIED,
    }
)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("discharged_on", "requested_on", "counts"),
    [
        (date(2026, 3, 15), date(2026, 3, 15), True),  # the day of discharge
        (date(2026, 3, 15), date(2027, 3, 15), True),  # the same day 12 months later counts
        (date(2026, 3, 15), date(2027, 3, 16), False),  # the day after does not
        (date(2026, 3, 15), date(2026, 3, 14), False),  # before the discharge: another course alongside
        (date(2024, 2, 29), date(2025, 2, 28), True),  # leap day: 12 months later is 28 February
        (date(2024, 2, 29), date(2025, 3, 1), False),
        (date(2023, 2, 28), date(2024, 2, 28), True),
        (date(2023, 2, 28), date(2024, 2, 29), False),  # into a leap year: 28 February is the last day
        (date(2025, 12, 31), date(2026, 12, 31), True),  # across the turn of the year
        (date(2025, 12, 31), date(2027, 1, 1), False),
    ],
)
def test_readmission_within_12_months_of_completed_treatment(discharged_on, requested_on, counts):
    assert rules.readmitted_within_12_months(discharged_on, discharge_rules.COMPLETED, requested_on) is counts


@pytest.mark.parametrize("reason", NOT_COMPLETED)
def test_only_completed_treatment_counts_for_readmission(reason):
    assert not rules.readmitted_within_12_months(date(2026, 3, 15), reason, date(2026, 4, 1))


def test_no_new_request_is_no_readmission():
    assert not rules.readmitted_within_12_months(date(2026, 3, 15), discharge_rules.COMPLETED, None)


@given(discharged_on=dates, days=st.integers(min_value=-800, max_value=800))
def test_readmission_is_the_window_from_discharge_to_12_calendar_months_later(discharged_on, days):
    requested_on = discharged_on + timedelta(days=days)
    counted = rules.readmitted_within_12_months(discharged_on, discharge_rules.COMPLETED, requested_on)
    assert counted == (discharged_on <= requested_on <= add_months(discharged_on, 12))
    # 12 calendar months are 365 or 366 days: everything up to 365 days counts, nothing from 367.
    if 0 <= days <= 365:
        assert counted
    if days < 0 or days >= 367:
        assert not counted


@given(discharged_on=dates)
def test_the_window_ends_in_the_same_month_a_year_later(discharged_on):
    end = rules.readmission_ends_on(discharged_on)
    assert (end.year, end.month) == (discharged_on.year + 1, discharged_on.month)
    assert end.day == discharged_on.day or (discharged_on.month, discharged_on.day, end.day) == (2, 29, 28)


@pytest.mark.parametrize(
    ("reached", "goal_holds", "required"),
    [(True, False, True), (True, True, False), (True, None, False), (False, None, False), (False, False, False)],
)
def test_follow_up_treatment_is_offered_when_the_result_did_not_hold(reached, goal_holds, required):
    assert rules.offer_required(reached=reached, goal_holds=goal_holds) is required


@pytest.mark.parametrize(
    ("reached", "goal_holds", "status", "fields"),
    [
        (False, None, "", ["attempts"]),
        (False, False, "relapsed", ["attempts"]),  # not reached: nothing about the situation is asked
        (True, True, "keeps_goal", ["status", "situation", "goal_holds"]),
        (True, None, "", ["status", "situation", "goal_holds"]),
        (True, False, "relapsed", ["status", "situation", "goal_holds", "offer_response", "offer"]),
        (True, True, "other", ["status", "situation", "goal_holds", "status_note"]),
    ],
)
def test_what_a_follow_up_must_hold(reached, goal_holds, status, fields):
    assert rules.missing_fields(reached=reached, goal_holds=goal_holds, status=status) == fields


@pytest.mark.parametrize(
    ("status", "goal_holds", "contradicts"),
    [
        ("keeps_goal", False, True),
        ("keeps_goal", True, False),
        ("relapsed", True, True),
        ("relapsed", False, False),
        ("moved", True, False),
        ("moved", False, False),
        ("other", False, False),
    ],
)
def test_a_status_that_contradicts_the_result_is_caught(status, goal_holds, contradicts):
    assert rules.status_contradicts_goal(status, goal_holds) is contradicts


@given(held_on=dates, opted_out_on=st.one_of(st.none(), dates))
def test_nothing_is_held_from_the_day_the_citizen_opted_out(held_on, opted_out_on):
    allowed = rules.may_follow_up_on(held_on, opted_out_on)
    assert allowed == (opted_out_on is None or held_on < opted_out_on)
