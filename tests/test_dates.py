"""Calendar arithmetic behind every legal deadline (forlob/dates.py)."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlob.dates import add_months, add_years, danish_holiday, next_working_day

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


# ----------------------------------------------------------------- working days (complaint deadlines)


@pytest.mark.parametrize(
    ("deadline", "runs_to"),
    [
        (date(2026, 3, 18), date(2026, 3, 18)),  # a Wednesday stays
        (date(2026, 3, 21), date(2026, 3, 23)),  # Saturday -> Monday
        (date(2026, 3, 22), date(2026, 3, 23)),  # Sunday -> Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # Maundy Thursday, Good Friday, the weekend, Easter Monday
        (date(2027, 3, 26), date(2027, 3, 30)),  # Good Friday 2027 -> the Tuesday after Easter Monday
        (date(2026, 5, 14), date(2026, 5, 15)),  # Ascension Day
        (date(2026, 5, 25), date(2026, 5, 26)),  # Whit Monday
        (date(2026, 12, 25), date(2026, 12, 28)),  # Christmas Day, Boxing Day (Saturday), Sunday
        (date(2027, 1, 1), date(2027, 1, 4)),  # New Year's Day (Friday) over the weekend, into the new year
        (date(2027, 12, 25), date(2027, 12, 27)),  # Christmas on a Saturday: Monday 27th is a working day
        (date(2028, 2, 29), date(2028, 2, 29)),  # a leap day on a Tuesday stays
        (date(2026, 5, 1), date(2026, 5, 1)),  # Store Bededag abolished (2024); 1 May is no public holiday
    ],
)
def test_a_deadline_on_a_weekend_or_holiday_runs_to_the_next_working_day(deadline, runs_to):
    assert next_working_day(deadline) == runs_to


def test_the_danish_holidays_come_from_the_library():
    assert danish_holiday(date(2026, 4, 6))  # Easter Monday
    assert danish_holiday(date(2026, 12, 26))
    assert not danish_holiday(date(2024, 4, 26))  # the last Friday that would have been Store Bededag
    assert not danish_holiday(date(2026, 6, 5))  # Constitution Day is not a public holiday (helligdag)


@given(dates)
def test_the_next_working_day_is_a_weekday_and_no_holiday(day):
    result = next_working_day(day)
    assert result.weekday() < 5 and not danish_holiday(result)


@given(dates)
def test_the_next_working_day_is_never_earlier_and_at_most_five_days_later(day):
    # The longest run without a working day is Maundy Thursday to Easter Monday: five days.
    assert day <= next_working_day(day) <= day + timedelta(days=5)


@given(dates)
def test_every_day_in_between_is_a_day_off(day):
    result = next_working_day(day)
    for offset in range((result - day).days):
        skipped = day + timedelta(days=offset)
        assert skipped.weekday() >= 5 or danish_holiday(skipped)


@given(dates)
def test_a_working_day_is_its_own_next_working_day(day):
    assert next_working_day(next_working_day(day)) == next_working_day(day)
