"""The law check of a quality standard (standards/rules.py): pure, no database."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from forlob.dates import add_years
from standards.rules import (
    StandardTerms,
    assessment_shortfalls,
    complaint_deadline_shortfalls,
    follow_up_shortfalls,
    guarantee_length_shortfalls,
    guarantee_start_shortfalls,
    law_shortfalls,
    local_waiver_shortfalls,
    residential_processing_shortfalls,
    revision_shortfalls,
)

TODAY = date(2026, 11, 23)
LAWFUL = StandardTerms(
    guarantee_days=14,
    guarantee_start_event="first_expressed_wish",
    assessment_deadline_days=14,
    assessment_at_treatment_start=False,
    follow_up_months=(1, 6),
    complaint_deadline_weeks=4,
    approved_on=date(2025, 6, 1),
    local_guarantee_waivers=(),
    residential_processing_weeks=None,
)


def codes(shortfalls):
    return [s.code for s in shortfalls]


def test_a_lawful_standard_has_no_shortfalls():
    assert law_shortfalls(LAWFUL, today=TODAY) == []


def test_every_shortfall_cites_its_source_and_speaks_plainly():
    worst = replace(
        LAWFUL,
        guarantee_days=21,
        guarantee_start_event="attendance_in_person",
        assessment_deadline_days=30,
        assessment_at_treatment_start=True,
        follow_up_months=(3,),
        complaint_deadline_weeks=2,
        approved_on=None,
        local_guarantee_waivers=("no_show",),
        residential_processing_weeks=8,
    )
    found = law_shortfalls(worst, today=TODAY)
    assert len(found) == 10
    assert all(s.source and str(s.message) for s in found)


class TestFollowUp:
    """BEK 1477 §4(2): no later than 1 month and again 6 months after discharge."""

    def test_odsherreds_one_and_three_months_miss_the_six_month_follow_up(self):
        assert codes(follow_up_shortfalls([1, 3])) == ["follow_up_second"]

    def test_the_law_itself_passes(self):
        assert follow_up_shortfalls([1, 6]) == []

    def test_an_extra_follow_up_does_no_harm(self):
        assert follow_up_shortfalls([1, 3, 6]) == []

    def test_a_first_follow_up_after_two_months_is_too_late(self):
        assert codes(follow_up_shortfalls([2, 6])) == ["follow_up_first"]

    def test_no_follow_up_at_all_misses_both(self):
        assert codes(follow_up_shortfalls([])) == ["follow_up_first", "follow_up_second"]

    def test_a_second_follow_up_later_than_six_months_misses_the_law(self):
        assert codes(follow_up_shortfalls([1, 12])) == ["follow_up_second"]

    @given(st.lists(st.integers(min_value=1, max_value=24), max_size=5))
    def test_it_passes_exactly_when_there_is_one_by_a_month_and_one_at_six(self, months):
        ok = any(m <= 1 for m in months) and 6 in months
        assert (follow_up_shortfalls(months) == []) == ok


class TestGuarantee:
    def test_attendance_in_person_starts_later_than_the_law(self):
        assert codes(guarantee_start_shortfalls("attendance_in_person")) == ["guarantee_start"]

    def test_first_contact_and_first_wish_are_lawful(self):
        assert guarantee_start_shortfalls("first_contact") == []
        assert guarantee_start_shortfalls("first_expressed_wish") == []

    def test_fourteen_days_is_the_most_the_law_allows(self):
        assert guarantee_length_shortfalls(14) == []
        assert guarantee_length_shortfalls(10) == []
        assert codes(guarantee_length_shortfalls(15)) == ["guarantee_length"]

    def test_waivers_beyond_free_choice_rest_on_the_local_standard(self):
        assert codes(local_waiver_shortfalls(["declined", "no_show"])) == ["local_waivers"]
        assert local_waiver_shortfalls([]) == []

    def test_eight_weeks_of_residential_processing_can_break_the_guarantee(self):
        assert codes(residential_processing_shortfalls(8, 14)) == ["residential_processing"]
        assert residential_processing_shortfalls(2, 14) == []
        assert residential_processing_shortfalls(None, 14) == []


class TestAssessmentAndComplaints:
    def test_the_assessment_is_due_within_fourteen_days(self):
        assert assessment_shortfalls(14, False) == []
        assert codes(assessment_shortfalls(15, False)) == ["assessment_length"]

    def test_an_assessment_at_treatment_start_comes_after_the_decision(self):
        assert codes(assessment_shortfalls(14, True)) == ["assessment_timing"]

    def test_the_citizen_has_four_weeks_to_complain(self):
        assert complaint_deadline_shortfalls(4) == []
        assert complaint_deadline_shortfalls(6) == []
        assert codes(complaint_deadline_shortfalls(3)) == ["complaint_deadline"]


class TestRevision:
    """G2.8.1: revised as needed, at least every second year."""

    def test_a_standard_approved_within_two_years_is_current(self):
        assert revision_shortfalls(date(2024, 12, 17), TODAY) == []

    def test_two_years_to_the_day_is_still_current(self):
        assert revision_shortfalls(date(2024, 11, 23), TODAY) == []

    def test_a_day_more_than_two_years_is_overdue(self):
        assert codes(revision_shortfalls(date(2024, 11, 22), TODAY)) == ["revision_overdue"]

    def test_an_unknown_approval_date_cannot_be_checked(self):
        assert codes(revision_shortfalls(None, TODAY)) == ["revision_unknown"]

    def test_a_leap_day_approval_is_due_on_28_february(self):
        assert revision_shortfalls(date(2024, 2, 29), date(2026, 2, 28)) == []
        assert codes(revision_shortfalls(date(2024, 2, 29), date(2026, 3, 1))) == ["revision_overdue"]

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 2000))
    def test_overdue_exactly_when_today_is_past_two_years(self, approved, days_later):
        today = approved + timedelta(days=days_later)
        overdue = "revision_overdue" in codes(revision_shortfalls(approved, today))
        assert overdue == (today > add_years(approved, 2))
