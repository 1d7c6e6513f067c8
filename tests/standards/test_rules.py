"""The law check of a quality standard (standards/rules.py): pure, no database."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from forlob.dates import add_years
from standards.rules import (
    Period,
    StandardTerms,
    assessment_shortfalls,
    complaint_deadline_shortfalls,
    earliest_new_version_start,
    follow_up_shortfalls,
    guarantee_length_shortfalls,
    guarantee_start_shortfalls,
    law_shortfalls,
    local_waiver_shortfalls,
    residential_processing_shortfalls,
    revision_shortfalls,
    validity_shortfalls,
    version_in_force,
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
    next_revision_by=date(2027, 6, 30),
    valid_to=None,
    anonymous_service=True,
    anonymous_providers_outside=(False, True),
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
        next_revision_by=date(2026, 10, 31),
        valid_to=date(2026, 10, 31),
        anonymous_service=False,
        anonymous_providers_outside=(),
    )
    found = law_shortfalls(worst, today=TODAY)
    assert len(found) == 15
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
        assert revision_shortfalls(date(2024, 12, 17), None, TODAY) == []

    def test_two_years_to_the_day_is_still_current(self):
        assert revision_shortfalls(date(2024, 11, 23), None, TODAY) == []

    def test_a_day_more_than_two_years_is_overdue(self):
        assert codes(revision_shortfalls(date(2024, 11, 22), None, TODAY)) == ["revision_overdue"]

    def test_an_unknown_approval_date_cannot_be_checked(self):
        assert codes(revision_shortfalls(None, None, TODAY)) == ["revision_unknown"]

    def test_a_leap_day_approval_is_due_on_28_february(self):
        assert revision_shortfalls(date(2024, 2, 29), None, date(2026, 2, 28)) == []
        assert codes(revision_shortfalls(date(2024, 2, 29), None, date(2026, 3, 1))) == ["revision_overdue"]

    def test_the_standards_own_revision_date_counts_from_the_day_after(self):
        """Odsherred: "Revideres næste gang senest december 2026", approved 17.12.2024."""
        approved, revise_by = date(2024, 12, 17), date(2026, 12, 31)
        assert revision_shortfalls(approved, date(2026, 11, 30), date(2026, 11, 30)) == []
        overdue = revision_shortfalls(approved, date(2026, 11, 30), date(2026, 12, 1))
        assert codes(overdue) == ["revision_overdue"]
        assert "30.11.2026" in str(overdue[0].message)
        assert codes(revision_shortfalls(approved, revise_by, date(2027, 1, 1))) == ["revision_overdue"]

    def test_a_missing_approval_date_and_a_passed_revision_date_are_both_said(self):
        found = revision_shortfalls(None, date(2026, 6, 30), TODAY)
        assert codes(found) == ["revision_unknown", "revision_overdue"]

    @given(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
        st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))),
        st.integers(0, 2000),
    )
    def test_overdue_exactly_when_two_years_or_the_revision_date_have_passed(self, approved, revise_by, days_later):
        today = approved + timedelta(days=days_later)
        found = codes(revision_shortfalls(approved, revise_by, today))
        expected = today > add_years(approved, 2) or (revise_by is not None and today > revise_by)
        assert found == (["revision_overdue"] if expected else [])


class TestValidity:
    """A version whose validity ended stays in force until replaced, and the manager is told."""

    def test_within_its_validity_nothing_is_said(self):
        assert validity_shortfalls(date(2026, 12, 31), date(2026, 12, 31)) == []
        assert validity_shortfalls(None, TODAY) == []

    def test_the_day_after_its_validity_the_manager_is_told_it_still_applies(self):
        found = validity_shortfalls(date(2026, 12, 31), date(2027, 1, 1))
        assert codes(found) == ["validity_ended"]
        assert "31.12.2026" in str(found[0].message)

    def test_a_replaced_version_is_not_warned_about(self):
        lapsed = replace(LAWFUL, approved_on=date(2020, 1, 1), valid_to=date(2021, 12, 31))
        assert {"revision_overdue", "validity_ended"} <= set(codes(law_shortfalls(lapsed, today=TODAY)))
        assert law_shortfalls(lapsed, today=TODAY, superseded=True) == []


def periods_strategy():
    """Versions as a standard's history makes them: ordered, not overlapping, possibly with gaps."""

    def build(steps):
        start, periods = date(2020, 1, 1), []
        for gap, length, open_end in steps:
            valid_from = start + timedelta(days=gap)
            valid_to = None if open_end else valid_from + timedelta(days=length)
            periods.append(Period(valid_from, valid_to))
            if valid_to is None:
                break
            start = valid_to + timedelta(days=1)
        return periods

    step = st.tuples(st.integers(0, 400), st.integers(0, 900), st.booleans())
    return st.lists(step, max_size=5).map(build)


class TestVersionInForce:
    """standards.selectors.standard_in_force: never without a standard once one has started."""

    def test_the_version_covering_the_date(self):
        periods = [Period(date(2023, 1, 1), date(2024, 12, 31)), Period(date(2025, 1, 1), date(2026, 12, 31))]
        assert version_in_force(periods, date(2024, 12, 31)) == 0
        assert version_in_force(periods, date(2025, 1, 1)) == 1

    def test_an_ended_version_stays_in_force_until_replaced(self):
        periods = [Period(date(2025, 1, 1), date(2026, 12, 31))]
        assert version_in_force(periods, date(2028, 6, 30)) == 0

    def test_before_any_version_started_there_is_none(self):
        assert version_in_force([Period(date(2025, 1, 1), None)], date(2024, 12, 31)) is None
        assert version_in_force([], TODAY) is None

    def test_a_version_without_start_date_applies_from_the_beginning(self):
        assert version_in_force([Period(None, None)], date(1990, 1, 1)) == 0

    @given(periods_strategy(), st.dates(min_value=date(2019, 1, 1), max_value=date(2035, 12, 31)))
    def test_the_newest_started_version_applies_and_one_always_does_once_started(self, periods, on):
        index = version_in_force(periods, on)
        started = [p for p in periods if p.started_by(on)]
        assert (index is None) == (not started)
        if index is not None:
            chosen = periods[index]
            assert chosen.started_by(on)
            assert chosen.covers(on) or not any(p.covers(on) for p in periods)
            assert all(p.valid_from <= chosen.valid_from for p in started)


class TestNewVersionStart:
    """A new version starts no earlier than today, after the current one and after its last request."""

    def test_from_today_when_nothing_stands_in_the_way(self):
        assert earliest_new_version_start(date(2025, 1, 1), None, TODAY) == TODAY

    def test_not_on_a_day_a_request_already_has_its_deadlines_from_the_current_version(self):
        assert earliest_new_version_start(date(2025, 1, 1), TODAY, TODAY) == TODAY + timedelta(days=1)

    def test_after_a_current_version_that_starts_in_the_future(self):
        future = TODAY + timedelta(days=30)
        assert earliest_new_version_start(future, None, TODAY) == future + timedelta(days=1)

    @given(
        st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))),
        st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))),
        st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    )
    def test_never_in_the_past_nor_on_a_day_the_current_version_already_covers(self, current_from, latest, today):
        earliest = earliest_new_version_start(current_from, latest, today)
        assert earliest >= today
        assert current_from is None or earliest > current_from
        assert latest is None or earliest > latest
        assert earliest in {today} | {d + timedelta(days=1) for d in (current_from, latest) if d}
