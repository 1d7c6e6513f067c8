"""The public page's pure rules: the window of times offered, weekly times across summer time,
the time-trap, and the shared phone and code rules it relies on."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymous import rules as anonymous_rules
from anonymous.public import rules

CPH = ZoneInfo("Europe/Copenhagen")


def test_the_window_runs_from_tomorrow_to_28_days_ahead():
    start, end = rules.slot_window(date(2026, 3, 10))
    assert start == datetime(2026, 3, 11, 0, 0, tzinfo=CPH)
    assert end == datetime(2026, 4, 8, 0, 0, tzinfo=CPH)
    assert not rules.in_window(datetime(2026, 3, 10, 23, 59, tzinfo=CPH), date(2026, 3, 10))
    assert rules.in_window(datetime(2026, 3, 11, 8, 0, tzinfo=CPH), date(2026, 3, 10))
    assert rules.in_window(datetime(2026, 4, 7, 23, 0, tzinfo=CPH), date(2026, 3, 10))
    assert not rules.in_window(datetime(2026, 4, 8, 0, 0, tzinfo=CPH), date(2026, 3, 10))


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)))
def test_today_is_never_in_the_window_and_the_28th_day_always_is(today):
    assert not rules.in_window(datetime.combine(today, time(12), tzinfo=CPH), today)
    assert rules.in_window(datetime.combine(today + timedelta(days=28), time(23, 30), tzinfo=CPH), today)


def test_weekly_times_keep_the_wall_clock_across_the_summer_time_change():
    starts = rules.weekly_starts(date(2026, 3, 20), time(10, 0), 3)  # summer time starts 29 March 2026
    assert [s.strftime("%Y-%m-%d %H:%M") for s in starts] == [
        "2026-03-20 10:00",
        "2026-03-27 10:00",
        "2026-04-03 10:00",
    ]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=1), timedelta(hours=1), timedelta(hours=2)]


@given(
    st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    st.times(),
    st.integers(min_value=1, max_value=rules.MAX_REPEAT),
)
def test_weekly_times_are_a_week_apart_on_the_same_weekday_and_local_time(first, at, times):
    at = at.replace(microsecond=0)
    starts = rules.weekly_starts(first, at, times)
    assert len(starts) == times
    for n, start in enumerate(starts):
        local = start.astimezone(CPH)
        assert local.date() == first + timedelta(weeks=n)
        assert local.weekday() == first.weekday()
        if rules.exists_locally(start):
            assert local.time() == at


@pytest.mark.parametrize("times", [0, -1, rules.MAX_REPEAT + 1])
def test_a_repeat_outside_the_bounds_is_refused(times):
    with pytest.raises(ValueError):
        rules.weekly_starts(date(2026, 1, 1), time(10), times)


def test_the_hour_skipped_when_summer_time_starts_does_not_exist():
    assert not rules.exists_locally(datetime(2026, 3, 29, 2, 30, tzinfo=CPH))
    assert rules.exists_locally(datetime(2026, 3, 29, 3, 30, tzinfo=CPH))
    assert rules.exists_locally(datetime(2026, 10, 25, 2, 30, tzinfo=CPH))  # happens twice; exists


@pytest.mark.parametrize(
    ("age", "verdict"),
    [
        (0, "too_fast"),
        (2.9, "too_fast"),
        (3, "ok"),
        (600, "ok"),
        (7200, "ok"),
        (7201, "too_old"),
        (-5, "too_fast"),
    ],
)
def test_the_time_trap(age, verdict):
    assert rules.time_trap(1000.0, 1000.0 + age) == verdict


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("22334455", "22334455"),
        ("+45 22 33 44 55", "22334455"),
        ("0045 22334455", "22334455"),
        ("22-33-44-55", "22334455"),
        ("(22) 33 44 55", "22334455"),
        ("12345678", None),  # Danish numbers start with 2-9
        ("02345678", None),
        ("1234567", None),
        ("123456789", None),
        ("0101901234", None),  # a CPR number is never a phone number
        ("+46 12345678", None),
        ("abcdefgh", None),
        ("", None),
    ],
)
def test_phone_numbers(typed, stored):
    assert anonymous_rules.normalise_phone(typed) == stored


def test_reference_codes_are_letters_only_and_forgive_how_they_are_typed():
    code = anonymous_rules.new_reference_code()
    assert anonymous_rules.REFERENCE_CODE.match(code)
    assert not any(ch.isdigit() for ch in code)
    assert anonymous_rules.normalise_reference_code(code.lower().replace("-", " ")) == code
    assert anonymous_rules.normalise_reference_code("KQWM-TRP1") is None
    assert anonymous_rules.normalise_reference_code("KQWM-TRPAX") is None


@pytest.mark.parametrize("text", ["Stjernen\x00", "a\x07b", "tab\there", "del\x7f"])
def test_control_characters_are_junk(text):
    assert rules.is_junk(text)


def test_ordinary_danish_text_is_not_junk():
    assert not rules.is_junk("Søren Æblegrød – “Stjernen”")


def test_the_rate_limit_lets_the_limit_through_and_refuses_the_next():
    limit = rules.Limit(5)
    assert not rules.over_limit(5, limit)
    assert rules.over_limit(6, limit)
