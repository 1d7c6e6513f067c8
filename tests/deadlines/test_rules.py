"""The deadline engine's rules (deadlines/rules.py): pure, no database."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import (
    ComplaintFacts,
    CourseFacts,
    NotificationFacts,
    Terms,
    course_deadlines,
    deadline_status,
    guarantee_deadline,
    is_breach,
)

REQUEST = date(2026, 3, 20)  # the Friday before summer time starts (29 March 2026)
FACTS = CourseFacts(request_expressed_on=REQUEST, first_contact_on=REQUEST)
LAW = Terms()
ODSHERRED = Terms(guarantee_start_event="attendance_in_person", complaint_reassessment_weeks=4)


def by_kind(facts, terms=LAW):
    return {(d.kind, d.ref): d for d in course_deadlines(facts, terms)}


def test_a_request_starts_the_guarantee_assessment_and_decision_clocks():
    deadlines = by_kind(FACTS)
    assert deadlines[("guarantee", "")].due_on == date(2026, 4, 3)
    assert deadlines[("assessment", "")].due_on == date(2026, 4, 3)
    assert deadlines[("decision", "")].due_on == date(2026, 4, 3)


def test_no_request_no_deadlines():
    assert course_deadlines(CourseFacts(first_contact_on=REQUEST), LAW) == []


def test_fourteen_days_are_calendar_days_across_the_change_to_summer_time():
    assert by_kind(replace(FACTS, request_expressed_on=date(2026, 3, 25)))[("guarantee", "")].due_on == date(2026, 4, 8)


def test_across_a_month_end_and_a_leap_day():
    assert guarantee_deadline(replace(FACTS, request_expressed_on=date(2028, 2, 20)), LAW).due_on == date(2028, 3, 5)
    assert guarantee_deadline(replace(FACTS, request_expressed_on=date(2027, 2, 20)), LAW).due_on == date(2027, 3, 6)


def test_odsherreds_local_date_is_shown_beside_the_laws():
    facts = replace(FACTS, attended_in_person_on=date(2026, 3, 27))
    guarantee = by_kind(facts, ODSHERRED)[("guarantee", "")]
    assert guarantee.due_on == date(2026, 4, 3)  # the law governs
    assert guarantee.local_due_on == date(2026, 4, 10)


def test_a_local_date_equal_to_the_laws_is_not_repeated():
    terms = Terms(guarantee_start_event="first_contact")
    assert by_kind(FACTS, terms)[("guarantee", "")].local_due_on is None


def test_treatment_start_meets_the_guarantee():
    facts = replace(FACTS, treatment_started_on=date(2026, 4, 1))
    assert by_kind(facts)[("guarantee", "")].met_on == date(2026, 4, 1)


def test_a_refusal_answers_the_request_and_ends_the_guarantee():
    facts = replace(FACTS, decided_on=date(2026, 3, 30), decision_outcome="refusal")
    assert by_kind(facts)[("guarantee", "")].met_on == date(2026, 3, 30)


def test_a_waiver_is_recorded_with_its_reason():
    facts = replace(FACTS, waived_on=date(2026, 3, 25), waiver_reason="free_choice")
    guarantee = by_kind(facts)[("guarantee", "")]
    assert (guarantee.waived_on, guarantee.waiver_reason) == (date(2026, 3, 25), "free_choice")
    assert by_kind(facts)[("assessment", "")].waived_on is None  # the assessment is still due


def test_no_guarantee_where_it_does_not_apply():
    deadlines = by_kind(replace(FACTS, guarantee_applies=False))
    assert ("guarantee", "") not in deadlines
    assert ("assessment", "") in deadlines


def test_a_standard_longer_than_the_law_does_not_move_the_laws_date():
    assert guarantee_deadline(FACTS, Terms(guarantee_days=21)).due_on == date(2026, 4, 3)


def test_an_accepted_physician_consultation_is_due_by_treatment_start():
    facts = replace(FACTS, physician_accepted=True)
    assert by_kind(facts)[("physician", "")].due_on == date(2026, 4, 3)
    started = replace(facts, treatment_started_on=date(2026, 3, 31))
    assert by_kind(started)[("physician", "")].due_on == date(2026, 3, 31)
    assert ("physician", "") not in by_kind(FACTS)


def test_written_reasons_are_due_fourteen_days_after_they_are_asked_for():
    facts = replace(FACTS, written_reasons_requested_on=date(2026, 4, 10))
    assert by_kind(facts)[("written_reasons", "")].due_on == date(2026, 4, 24)


def test_each_complaint_is_reassessed_within_four_weeks():
    facts = replace(FACTS, complaints=(ComplaintFacts("7", date(2026, 5, 4)), ComplaintFacts("9", date(2026, 6, 1))))
    deadlines = by_kind(facts, ODSHERRED)
    assert deadlines[("complaint_reassessment", "7")].due_on == date(2026, 6, 1)
    assert deadlines[("complaint_reassessment", "9")].due_on == date(2026, 6, 29)


def test_a_child_welfare_notification_is_due_the_day_the_duty_arises():
    facts = replace(FACTS, notifications=(NotificationFacts("3", date(2026, 3, 26)),))
    assert by_kind(facts)[("child_notification", "3")].due_on == date(2026, 3, 26)


def test_closing_the_course_closes_what_is_pending_with_its_reason():
    facts = replace(
        FACTS,
        assessment_completed_on=date(2026, 3, 30),
        waived_on=date(2026, 3, 25),
        waiver_reason="no_show",
        closed_on=date(2026, 4, 6),
        closed_kind="moved",
    )
    deadlines = by_kind(facts)
    decision = deadlines[("decision", "")]
    assert (decision.closed_on, decision.closed_reason) == (date(2026, 4, 6), "moved")
    assert deadlines[("assessment", "")].closed_on is None  # met before: stays met
    guarantee = deadlines[("guarantee", "")]
    assert (guarantee.waived_on, guarantee.closed_on) == (date(2026, 3, 25), date(2026, 4, 6))


def test_a_complaint_received_after_the_course_closed_is_not_closed_by_it():
    facts = replace(
        FACTS,
        decided_on=date(2026, 3, 30),
        decision_outcome="refusal",
        closed_on=date(2026, 3, 31),
        closed_kind="refused",
        complaints=(ComplaintFacts("7", date(2026, 4, 10)),),
    )
    assert by_kind(facts)[("complaint_reassessment", "7")].closed_on is None


DUE = date(2026, 4, 3)


def status_of(*, met=None, waived=None, closed=None, today=date(2026, 5, 1)):
    return deadline_status(due_on=DUE, met_on=met, waived_on=waived, closed_on=closed, today=today)


class TestStatus:
    @pytest.mark.parametrize(
        ("ended", "code", "days_late", "breach"),
        [
            ({"met": DUE}, "kept", 0, False),
            ({"met": date(2026, 4, 6)}, "late", 3, True),
            ({"waived": DUE}, "waived", 0, False),
            ({"waived": date(2026, 4, 10)}, "waived_late", 7, True),
            ({"closed": date(2026, 4, 1)}, "closed", 0, False),
            ({"closed": date(2026, 4, 5)}, "closed_late", 2, True),
        ],
    )
    def test_an_ended_deadline_says_how_it_ended(self, ended, code, days_late, breach):
        status = status_of(**ended)
        assert (status.code, status.days_late, status.is_breach) == (code, days_late, breach)
        assert status.ended_on == next(iter(ended.values()))

    def test_a_late_waiver_was_overdue_from_the_day_after_the_due_date(self):
        status = status_of(waived=date(2026, 4, 10))
        assert (status.overdue_from, status.ended_on) == (date(2026, 4, 4), date(2026, 4, 10))

    def test_treatment_started_late_after_a_timely_waiver_is_no_breach(self):
        assert status_of(waived=date(2026, 3, 25), met=date(2026, 4, 20)).code == "waived"

    def test_a_waived_guarantee_closed_with_its_course_stays_waived(self):
        assert status_of(waived=date(2026, 3, 25), closed=date(2026, 4, 20)).code == "waived"

    @pytest.mark.parametrize(
        ("today", "code", "days_overdue"),
        [
            (date(2026, 4, 4), "overdue", 1),
            (date(2026, 4, 3), "due_soon", 0),
            (date(2026, 3, 27), "due_soon", 0),
            (date(2026, 3, 26), "open", 0),
        ],
    )
    def test_an_open_deadline_is_overdue_due_soon_or_open(self, today, code, days_overdue):
        status = status_of(today=today)
        assert (status.code, status.days_overdue, status.is_breach) == (code, days_overdue, code == "overdue")


CODES = {"kept", "late", "waived", "waived_late", "closed", "closed_late", "overdue", "due_soon", "open"}
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
maybe_days = st.none() | days
offsets = st.integers(min_value=-60, max_value=60)


@given(days, maybe_days, maybe_days, maybe_days, days)
def test_every_deadline_has_exactly_one_known_status(due, met, waived, closed, today):
    status = deadline_status(due_on=due, met_on=met, waived_on=waived, closed_on=closed, today=today)
    assert status.code in CODES
    ended = [d for d in (met, waived, closed) if d]
    assert status.ended_on == (min(ended) if ended else None)
    assert status.is_breach == (min(ended) > due if ended else today > due)


@given(days, offsets)
def test_met_on_the_due_date_is_kept_and_each_day_after_is_a_day_late(due, offset):
    met = due + timedelta(days=offset)
    status = deadline_status(due_on=due, met_on=met, waived_on=None, closed_on=None, today=met)
    assert status.code == ("late" if offset > 0 else "kept")
    assert status.days_late == max(offset, 0)
    assert status.is_breach == (offset > 0)


@given(days, offsets)
def test_a_waiver_after_the_due_date_is_a_breach_and_one_in_time_is_not(due, offset):
    waived = due + timedelta(days=offset)
    assert is_breach(due_on=due, met_on=None, waived_on=waived, closed_on=None, today=waived) == (offset > 0)


@given(days, offsets, offsets)
def test_a_closed_deadline_never_becomes_overdue_later(due, closed_offset, later):
    closed = due + timedelta(days=closed_offset)
    today = closed + timedelta(days=abs(later))
    status = deadline_status(due_on=due, met_on=None, waived_on=None, closed_on=closed, today=today)
    assert status.code == ("closed_late" if closed_offset > 0 else "closed")


@given(days, offsets)
def test_an_open_deadline_is_a_breach_exactly_when_today_is_past_its_due_date(due, offset):
    today = due + timedelta(days=offset)
    status = deadline_status(due_on=due, met_on=None, waived_on=None, closed_on=None, today=today)
    assert status.is_breach == (offset > 0)
    assert status.days_overdue == max(offset, 0)


requests = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1))


@given(requests, st.integers(min_value=14, max_value=90))
def test_the_laws_fourteen_days_hold_whatever_the_standard_says(expressed, standard_days):
    due = guarantee_deadline(CourseFacts(request_expressed_on=expressed), Terms(guarantee_days=standard_days)).due_on
    assert due == expressed + timedelta(days=14)


@given(requests, st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_the_local_standard_never_moves_the_laws_date(expressed, attended):
    facts = CourseFacts(request_expressed_on=expressed, attended_in_person_on=attended)
    assert guarantee_deadline(facts, ODSHERRED).due_on == expressed + timedelta(days=14)
