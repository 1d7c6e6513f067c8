"""The group course's pure rules (SEL §101a(8); Mariagerfjord: 8 sessions, a new group each quarter)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymous import rules as ar
from anonymous.groups import rules

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)),
    hour=st.integers(8, 21),
    minute=st.sampled_from([0, 15, 30, 45]),
    count=st.integers(1, 30),
    every=st.integers(1, 31),
)
def test_sessions_keep_the_local_wall_clock_time_across_summer_time(day, hour, minute, count, every):
    first = datetime(day.year, day.month, day.day, hour, minute, tzinfo=CPH)
    times = rules.session_times(first, count, every)
    assert len(times) == count
    assert times[0] == first
    for n, starts_at in enumerate(times):
        local = starts_at.astimezone(CPH)
        assert (local.hour, local.minute) == (hour, minute)
        assert local.date() == day + timedelta(days=every * n)


def test_a_group_at_17_stays_at_17_when_summer_time_ends():
    # Summer time ends on 31 October 2027: the UTC hour moves, the local hour does not.
    times = rules.session_times(datetime(2027, 10, 24, 17, tzinfo=CPH), 2, 7)
    assert [t.astimezone(UTC).hour for t in times] == [15, 16]
    assert [t.astimezone(CPH).hour for t in times] == [17, 17]


@pytest.mark.parametrize("count, every", [(0, 7), (3, 0), (-1, 7)])
def test_session_times_need_a_positive_count_and_interval(count, every):
    with pytest.raises(ValueError):
        rules.session_times(datetime(2027, 1, 4, 17, tzinfo=CPH), count, every)


@given(days)
def test_the_quarter_of_a_date_contains_it(day):
    year, quarter = rules.quarter_of(day)
    assert year == day.year and 1 <= quarter <= 4
    start = rules.quarter_start(year, quarter)
    assert start <= day < rules.next_quarter_start(day)
    assert start.day == 1 and start.month in (1, 4, 7, 10)


@given(days)
def test_the_next_quarter_starts_after_the_date_within_three_months(day):
    start = rules.next_quarter_start(day)
    assert day < start <= day + timedelta(days=92)
    assert rules.quarter_of(start) == rules.next_quarter(*rules.quarter_of(day))
    assert rules.quarter_of(start - timedelta(days=1)) == rules.quarter_of(day)


@pytest.mark.parametrize(
    "day, quarter, next_start",
    [
        (date(2027, 1, 1), (2027, 1), date(2027, 4, 1)),
        (date(2027, 3, 31), (2027, 1), date(2027, 4, 1)),
        (date(2027, 4, 1), (2027, 2), date(2027, 7, 1)),
        (date(2027, 9, 30), (2027, 3), date(2027, 10, 1)),
        (date(2027, 12, 31), (2027, 4), date(2028, 1, 1)),
    ],
)
def test_quarters_at_their_edges(day, quarter, next_start):
    assert rules.quarter_of(day) == quarter
    assert rules.next_quarter_start(day) == next_start


def test_intake_quarterly_with_a_group_this_quarter_but_none_next():
    intake = rules.intake("quarterly", date(2027, 2, 1), [date(2027, 1, 10)])
    assert intake.quarterly and intake.current == (2027, 1) and intake.current_has_group
    assert intake.next == (2027, 2) and intake.next_starts_on == date(2027, 4, 1) and not intake.next_has_group
    assert not intake.group_missing


def test_intake_across_the_new_year_and_a_missing_group():
    intake = rules.intake("quarterly", date(2027, 11, 15), [date(2028, 1, 3)])
    assert intake.group_missing
    assert intake.next == (2028, 1) and intake.next_has_group


def test_intake_without_a_quarterly_rhythm_never_asks_for_a_group():
    intake = rules.intake("", date(2027, 2, 1), [])
    assert not intake.quarterly and not intake.group_missing


@given(today=days, starts=st.lists(days, max_size=6))
def test_intake_flags_agree_with_the_quarters_of_the_groups(today, starts):
    intake = rules.intake("quarterly", today, starts)
    assert intake.current_has_group == any(rules.quarter_of(s) == rules.quarter_of(today) for s in starts)
    nxt = rules.next_quarter_start(today)
    assert intake.next_has_group == any(rules.quarter_of(s) == rules.quarter_of(nxt) for s in starts)


NOW = datetime(2027, 2, 1, 12, tzinfo=CPH)


@pytest.mark.parametrize(
    "starts_at, cancelled, allowed",
    [
        (NOW - timedelta(hours=1), False, True),
        (NOW, False, True),
        (NOW + timedelta(minutes=1), False, False),
        (NOW - timedelta(days=1), True, False),
    ],
)
def test_attendance_once_the_session_has_begun_and_not_cancelled(starts_at, cancelled, allowed):
    assert rules.may_record_attendance(starts_at, NOW, cancelled) is allowed


def test_a_group_closes_after_its_last_session_has_begun():
    assert rules.may_close_group(NOW - timedelta(days=1), NOW, False)
    assert not rules.may_close_group(NOW + timedelta(days=1), NOW, False)
    assert not rules.may_close_group(NOW - timedelta(days=1), NOW, True)
    assert rules.may_close_group(None, NOW, False)


ALL_STATES = [ar.REQUESTED, ar.ADVICE, ar.ELIGIBLE, ar.NOT_ELIGIBLE, ar.IN_TREATMENT, ar.COMPLETED, ar.ENDED]


@pytest.mark.parametrize("service", [ar.DRUG_TREATMENT, ar.ALCOHOL, ar.ADVICE_SERVICE])
@pytest.mark.parametrize("state", ALL_STATES)
def test_who_may_enrol_by_service_and_state(service, state):
    refusal = rules.enrol_refusal(
        client_service=service,
        client_state=state,
        group_service=service,
        group_closed=False,
        has_open_place=False,
        was_member=False,
    )
    allowed = {
        ar.DRUG_TREATMENT: {ar.ELIGIBLE, ar.IN_TREATMENT},  # SEL §101a(4): the decision first
        ar.ALCOHOL: {ar.REQUESTED, ar.IN_TREATMENT},
        ar.ADVICE_SERVICE: set(),
    }[service]
    assert (refusal is None) == (state in allowed)
    if refusal:
        assert refusal == rules.NOT_ENROLLABLE_STATE


def test_enrol_refusals_in_order():
    base = dict(
        client_service=ar.DRUG_TREATMENT,
        client_state=ar.ELIGIBLE,
        group_service=ar.DRUG_TREATMENT,
        group_closed=False,
        has_open_place=False,
        was_member=False,
    )
    assert rules.enrol_refusal(**{**base, "group_closed": True}) == rules.GROUP_CLOSED
    assert rules.enrol_refusal(**{**base, "group_service": ar.ALCOHOL}) == rules.OTHER_SERVICE
    assert rules.enrol_refusal(**{**base, "was_member": True}) == rules.ALREADY_MEMBER
    assert rules.enrol_refusal(**{**base, "has_open_place": True}) == rules.HAS_OPEN_PLACE


@pytest.mark.parametrize(
    "service, state, moves",
    [
        (ar.DRUG_TREATMENT, ar.ELIGIBLE, True),
        (ar.DRUG_TREATMENT, ar.IN_TREATMENT, False),
        (ar.ALCOHOL, ar.REQUESTED, True),
        (ar.ALCOHOL, ar.IN_TREATMENT, False),
        (ar.DRUG_TREATMENT, ar.REQUESTED, False),
    ],
)
def test_joining_starts_the_treatment_only_for_the_first_place(service, state, moves):
    assert rules.enrolment_moves_state(service, state) is moves


@pytest.mark.parametrize(
    "joined, left, day, member",
    [
        (date(2027, 1, 10), None, date(2027, 1, 10), True),
        (date(2027, 1, 10), None, date(2027, 1, 9), False),
        (date(2027, 1, 10), date(2027, 1, 20), date(2027, 1, 20), True),
        (date(2027, 1, 10), date(2027, 1, 20), date(2027, 1, 21), False),
    ],
)
def test_who_belongs_at_a_session(joined, left, day, member):
    assert rules.in_session_on(joined, left, day) is member


@given(offered=st.integers(0, 20), attended=st.integers(0, 20), planned=st.integers(1, 12))
def test_progress(offered, attended, planned):
    course = rules.progress(offered=offered, attended=attended, planned=planned)
    assert course.attended <= course.offered
    assert course.remaining == max(planned - offered, 0)
    assert course.reached == (offered >= planned)


@pytest.mark.parametrize(
    "state, offered, last_closed, ready",
    [
        (ar.IN_TREATMENT, 8, False, True),  # Mariagerfjord: 8 sessions reached
        (ar.IN_TREATMENT, 7, False, False),
        (ar.IN_TREATMENT, 5, True, True),  # the last group closed
        (ar.ELIGIBLE, 8, True, False),
        (ar.COMPLETED, 8, True, False),
    ],
)
def test_ready_for_the_closing_talk(state, offered, last_closed, ready):
    course = rules.progress(offered=offered, attended=offered, planned=8)
    assert rules.ready_for_closing_talk(state=state, course=course, last_group_closed=last_closed) is ready
