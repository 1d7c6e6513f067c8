"""The pure rules: when a note is late, and which event dates are refused (offentlighedsloven § 13)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from journal import rules

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


def test_written_the_same_day_or_within_the_limit_is_not_late():
    event = date(2026, 3, 2)
    assert not rules.is_late(event, event)
    assert not rules.is_late(event, event + timedelta(days=rules.LATE_AFTER_DAYS))
    assert rules.is_late(event, event + timedelta(days=rules.LATE_AFTER_DAYS + 1))


def test_lateness_crosses_months_and_years():
    assert rules.is_late(date(2025, 12, 30), date(2026, 1, 3))  # 4 days over new year
    assert not rules.is_late(date(2024, 2, 27), date(2024, 3, 1))  # 3 days over a leap day


@given(days, st.integers(min_value=-10, max_value=400))
def test_late_exactly_when_more_than_the_limit_of_days_passed(event, gap):
    assert rules.is_late(event, event + timedelta(days=gap)) == (gap > rules.LATE_AFTER_DAYS)


@given(days, days)
def test_only_a_future_event_date_is_refused(event, today):
    problem = rules.event_date_problem(event, today=today)
    assert problem == ("future" if event > today else None)


def test_a_correction_is_the_next_version():
    assert rules.next_version_number(1) == 2
    assert rules.next_version_number(7) == 8


def test_the_source_is_the_duty_to_take_notes():
    from forlob.citations import law_citation

    assert law_citation(rules.NOTE_SOURCE) == "offentlighedslovens § 13"
