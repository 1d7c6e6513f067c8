"""Birth-date search, age, death, current people and the header's pregnancy rule (citizens/rules.py)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.dk import cpr as stdnum_cpr

from citizens.rules import (
    age_on,
    age_shown,
    birth_date_candidates,
    birth_date_query,
    death_date_problem,
    expecting_alert,
    is_current,
    letter_channels,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("query", "parts"),
    [("150685", (15, 6, 85)), ("15.06.85", (15, 6, 85)), ("15-06-85", (15, 6, 85)), (" 010203 ", (1, 2, 3))],
)
def test_a_birth_date_is_six_digits_with_or_without_separators(query, parts):
    assert birth_date_query(query) == parts


@pytest.mark.parametrize("query", ["15068", "1506859", "1506859900", "Karla 150685", "15 06 1985", "abcdef", ""])
def test_anything_else_is_not_a_birth_date(query):
    assert birth_date_query(query) is None


def test_a_year_00_to_57_may_be_either_century():
    assert birth_date_candidates(15, 6, 5, today=TODAY) == [date(1905, 6, 15), date(2005, 6, 15)]


def test_a_year_58_to_99_may_be_the_19th_or_20th_century():
    assert birth_date_candidates(15, 6, 85, today=TODAY) == [date(1885, 6, 15), date(1985, 6, 15)]


def test_a_date_in_the_future_is_left_out():
    assert birth_date_candidates(24, 11, 26, today=TODAY) == [date(1926, 11, 24)]
    assert birth_date_candidates(23, 11, 26, today=TODAY) == [date(1926, 11, 23), date(2026, 11, 23)]


def test_29_february_exists_in_2000_but_not_in_1900():
    assert birth_date_candidates(29, 2, 0, today=TODAY) == [date(2000, 2, 29)]
    assert birth_date_candidates(29, 2, 4, today=TODAY) == [date(1904, 2, 29), date(2004, 2, 29)]


def test_a_day_that_does_not_exist_gives_no_date():
    assert birth_date_candidates(31, 4, 85, today=TODAY) == []
    assert birth_date_candidates(0, 13, 85, today=TODAY) == []


@given(born=st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)), digit=st.sampled_from("0123456789"))
def test_every_birth_date_a_cpr_number_gives_is_among_the_candidates(born, digit):
    """Whatever the 7th digit, the CPR number's birth date (python-stdnum's century table) is found."""
    number = f"{born:%d%m%y}{digit}000"
    try:
        from_cpr = stdnum_cpr.get_birth_date(number)
    except Exception:  # noqa: BLE001 - an impossible date for that century
        return
    today = date(2058, 1, 1)
    if from_cpr == born:
        assert born in birth_date_candidates(born.day, born.month, born.year % 100, today=today)


@given(born=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 1, 1)))
def test_the_age_rises_by_one_on_each_birthday(born):
    for years in (1, 17, 18, 60):
        try:
            birthday = born.replace(year=born.year + years)
        except ValueError:  # 29 February in a common year: the birthday is 1 March
            birthday = date(born.year + years, 3, 1)
        assert age_on(born, birthday) == years
        assert age_on(born, birthday - timedelta(days=1)) == years - 1


def test_the_age_of_a_deceased_citizen_is_their_age_at_death():
    assert age_shown(date(1960, 5, 1), today=TODAY, died_on=date(2020, 4, 30)) == 59
    assert age_shown(date(1960, 5, 1), today=TODAY) == 66


def test_a_date_of_death_is_not_in_the_future_nor_before_birth():
    born = date(1960, 5, 1)
    assert death_date_problem(None, birth_date=born, today=TODAY) is None
    assert death_date_problem(TODAY, birth_date=born, today=TODAY) is None
    assert death_date_problem(born, birth_date=born, today=TODAY) is None
    assert death_date_problem(TODAY + timedelta(days=1), birth_date=born, today=TODAY) == "future"
    assert death_date_problem(born - timedelta(days=1), birth_date=born, today=TODAY) == "before_birth"


def test_a_person_ended_today_is_no_longer_current():
    assert is_current(None, today=TODAY)
    assert is_current(TODAY + timedelta(days=1), today=TODAY)
    assert not is_current(TODAY, today=TODAY)
    assert not is_current(TODAY - timedelta(days=1), today=TODAY)


def test_expecting_a_child_from_the_due_date_or_the_assessment():
    future, past = TODAY + timedelta(days=30), TODAY - timedelta(days=1)
    assert expecting_alert(future, assessed_expecting=False, assessed_due_on=None, today=TODAY)
    assert expecting_alert(TODAY, assessed_expecting=False, assessed_due_on=None, today=TODAY)
    assert not expecting_alert(past, assessed_expecting=False, assessed_due_on=None, today=TODAY)
    assert expecting_alert(None, assessed_expecting=True, assessed_due_on=None, today=TODAY)
    assert expecting_alert(None, assessed_expecting=True, assessed_due_on=future, today=TODAY)
    assert not expecting_alert(None, assessed_expecting=True, assessed_due_on=past, today=TODAY)
    assert not expecting_alert(None, assessed_expecting=False, assessed_due_on=future, today=TODAY)


def test_letters_to_a_protected_citizen_never_go_by_post():
    assert "post" in letter_channels(False)
    assert set(letter_channels(True)) == {"digital_post", "handed_over"}
