"""Calendar arithmetic behind every legal deadline (forlob/dates.py)."""

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from forlob.dates import add_months, add_years

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
months = st.integers(min_value=-240, max_value=240)


def test_it_adds_a_month_within_the_year():
    assert add_months(date(2026, 3, 15), 1) == date(2026, 4, 15)


def test_it_clamps_to_the_end_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)


def test_it_knows_leap_years():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_it_crosses_the_year():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)


def test_it_is_unaffected_by_summer_time():
    # Discharged the day before the switch to summer time (29 March 2026): 1 month is 29 April.
    assert add_months(date(2026, 3, 28), 1) == date(2026, 4, 28)
    assert add_months(date(2026, 10, 24), 1) == date(2026, 11, 24)


@given(dates, months)
def test_the_result_is_the_same_day_or_the_last_day_of_the_month(start, n):
    result = add_months(start, n)
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == start.day or (result.day == last_day and start.day > last_day)


@given(dates, months)
def test_the_result_is_exactly_n_calendar_months_away(start, n):
    result = add_months(start, n)
    assert (result.year - start.year) * 12 + (result.month - start.month) == n


@given(dates, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=120))
def test_later_starts_never_give_earlier_deadlines(start, n, extra_days):
    later = date.fromordinal(min(start.toordinal() + extra_days, date(2100, 12, 31).toordinal()))
    assert add_months(later, n) >= add_months(start, n)


@given(dates, st.integers(min_value=1, max_value=120))
def test_adding_months_moves_forward(start, n):
    assert add_months(start, n) > start


@given(dates, st.integers(min_value=0, max_value=50))
def test_years_are_twelve_months(start, n):
    assert add_years(start, n) == add_months(start, 12 * n)
