"""The deadline engine's rules (deadlines/rules.py): pure, no database."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import (
    ComplaintFacts,
    CourseFacts,
    NotificationFacts,
    Terms,
    course_deadlines,
    guarantee_deadline,
    status,
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


class TestStatus:
    today = date(2026, 4, 1)

    def test_overdue_due_soon_open(self):
        assert status(due_on=date(2026, 3, 31), met_on=None, waived_on=None, today=self.today) == "overdue"
        assert status(due_on=date(2026, 4, 1), met_on=None, waived_on=None, today=self.today) == "due_soon"
        assert status(due_on=date(2026, 4, 8), met_on=None, waived_on=None, today=self.today) == "due_soon"
        assert status(due_on=date(2026, 4, 9), met_on=None, waived_on=None, today=self.today) == "open"

    def test_met_and_waived_are_never_overdue(self):
        assert status(due_on=date(2026, 1, 1), met_on=date(2026, 1, 5), waived_on=None, today=self.today) == "met"
        assert status(due_on=date(2026, 1, 1), met_on=None, waived_on=date(2026, 1, 2), today=self.today) == "waived"


requests = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1))


@given(requests)
def test_the_guarantee_is_always_fourteen_calendar_days(expressed):
    due = guarantee_deadline(CourseFacts(request_expressed_on=expressed), LAW).due_on
    assert (due - expressed).days == 14


@given(requests, st.integers(min_value=0, max_value=60))
def test_a_later_request_never_gets_an_earlier_guarantee(expressed, later_by):
    later = expressed + timedelta(days=later_by)
    first = guarantee_deadline(CourseFacts(request_expressed_on=expressed), LAW).due_on
    second = guarantee_deadline(CourseFacts(request_expressed_on=later), LAW).due_on
    assert second >= first


@given(requests, st.integers(min_value=0, max_value=60))
def test_a_waived_guarantee_is_never_overdue(expressed, days_after):
    facts = CourseFacts(request_expressed_on=expressed, waived_on=expressed, waiver_reason="free_choice")
    guarantee = guarantee_deadline(facts, LAW)
    today = guarantee.due_on + timedelta(days=days_after)
    assert status(due_on=guarantee.due_on, met_on=None, waived_on=guarantee.waived_on, today=today) == "waived"


@given(requests, st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_the_local_standard_never_moves_the_laws_date(expressed, attended):
    facts = CourseFacts(request_expressed_on=expressed, attended_in_person_on=attended)
    assert guarantee_deadline(facts, ODSHERRED).due_on == expressed + timedelta(days=14)
