"""The treatment stages' deadline rules (deadlines/rules.py): the plan at treatment start (SEL §101(8);
G3.7.1), its reviews by each municipality's standard (G3.7.4; BEK 1477 §4(1) nr. 8), and the
follow-ups 1 and 6 months after discharge (BEK 1477 §4(2); G3.12.1). Pure, no database."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import (
    LAW_FOLLOW_UP_MONTHS,
    CourseFacts,
    FollowUpFacts,
    PlanVersionFacts,
    Terms,
    add_months,
    course_deadlines,
    deadline_status,
    follow_up_deadlines,
    follow_up_months,
    next_review_due,
    plan_deadline,
    plan_review_deadlines,
)
from discharges import rules as discharge_rules

# The four seed standards' settings for the plan and the follow-up (standards/migrations/_seed_data.py).
RANDERS = Terms(plan_first_review_months=6, plan_review_interval_months=6, follow_up_months=(1, 6))
MARIAGERFJORD = Terms(plan_first_review_months=5, follow_up_months=(1, 6))
ODSHERRED = Terms(plan_review_at_period_end=True, follow_up_months=(1, 3))
FREDERICIA = Terms(follow_up_months=(1, 6))

STARTED = date(2026, 1, 15)
DISCHARGED = date(2026, 3, 31)
PROVIDER = 42

# Every reason for a discharge (discharges.rules) and whether the law calls for follow-up after it.
REASONS = {
    discharge_rules.COMPLETED: True,
    discharge_rules.OTHER_OFFER: True,
    discharge_rules.HOSPITAL: True,
    discharge_rules.OTHER: True,
    discharge_rules.MOVED: False,
    discharge_rules.WISHED_TO_STOP: False,
    discharge_rules.EXPELLED: False,
    discharge_rules.NO_SHOW: False,
    discharge_rules.DIED: False,
}
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
months = st.integers(min_value=0, max_value=240)


def version(number: int, made_on: date, period_ends_on: date | None = None) -> PlanVersionFacts:
    return PlanVersionFacts(number=number, made_on=made_on, period_ends_on=period_ends_on)


def discharged(reason: str = discharge_rules.COMPLETED, **changes) -> CourseFacts:
    facts = {
        "treatment_started_on": STARTED,
        "discharged_on": DISCHARGED,
        "discharge_reason": reason,
        "treating_provider_id": PROVIDER,
    }
    return CourseFacts(**(facts | changes))


def follow_ups(facts: CourseFacts, terms: Terms = RANDERS) -> dict:
    return {int(spec.ref): spec for spec in follow_up_deadlines(facts, terms)}


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def naive_step(day: date, n: int) -> date:
    """The same day number counted on from the 1st of the month ``n`` months on: 31 January + 1
    month is 3 March (2027) this way, overflowing into the next month."""
    years, index = divmod(day.month - 1 + n, 12)
    return date(day.year + years, index + 1, 1) + timedelta(days=day.day - 1)


class TestAddMonths:
    @pytest.mark.parametrize(
        ("day", "n", "expected"),
        [
            (date(2026, 3, 15), 1, date(2026, 4, 15)),  # BEK 1477 §4(2): "senest 1 måned" after 15 March
            (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
            (date(2027, 1, 31), 1, date(2027, 2, 28)),
            (date(2100, 1, 31), 1, date(2100, 2, 28)),  # a century that is not a leap year
            (date(2000, 1, 31), 1, date(2000, 2, 29)),  # a century that is
            (date(2026, 8, 31), 6, date(2027, 2, 28)),
            (date(2027, 8, 31), 6, date(2028, 2, 29)),
            (date(2026, 9, 30), 1, date(2026, 10, 30)),
            (date(2026, 10, 31), 1, date(2026, 11, 30)),
            (date(2026, 12, 31), 1, date(2027, 1, 31)),  # across the new year
            (date(2026, 7, 31), 6, date(2027, 1, 31)),
            (date(2028, 2, 29), 12, date(2029, 2, 28)),
            (date(2026, 5, 20), 0, date(2026, 5, 20)),
        ],
    )
    def test_the_same_day_or_the_months_last_day(self, day, n, expected):
        assert add_months(day, n) == expected

    @pytest.mark.parametrize(
        ("discharged_on", "one", "six"),
        [
            (date(2026, 3, 29), date(2026, 4, 29), date(2026, 9, 29)),  # last Sunday of March: summer time starts
            (date(2026, 10, 25), date(2026, 11, 25), date(2027, 4, 25)),  # last Sunday of October: it ends
            (date(2027, 3, 28), date(2027, 4, 28), date(2027, 9, 28)),
            (date(2027, 10, 31), date(2027, 11, 30), date(2028, 4, 30)),  # and the month's last day
        ],
    )
    def test_a_discharge_on_the_night_the_clocks_change_counts_whole_calendar_days(self, discharged_on, one, six):
        specs = follow_ups(discharged(discharged_on=discharged_on))
        assert (specs[1].due_on, specs[6].due_on) == (one, six)

    @given(days, months)
    def test_never_later_than_the_naive_month_step(self, day, n):
        assert add_months(day, n) <= naive_step(day, n)

    @given(days, months)
    def test_lands_in_the_month_n_months_on(self, day, n):
        result = add_months(day, n)
        assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n

    @given(days, months)
    def test_the_same_day_when_the_month_has_it_else_its_last_day(self, day, n):
        result = add_months(day, n)
        month_length = last_day(result.year, result.month)
        if day.day <= month_length:
            assert result.day == day.day
        else:
            assert result.day == month_length

    @given(days, days, months)
    def test_monotone_in_the_start_date(self, one, other, n):
        earlier, later = sorted((one, other))
        assert add_months(earlier, n) <= add_months(later, n)

    @given(days, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
    def test_two_steps_are_never_later_than_one(self, day, a, b):
        assert add_months(add_months(day, a), b) <= add_months(day, a + b)

    @given(days, months)
    def test_a_month_on_is_at_least_28_days_and_at_most_31_per_month(self, day, n):
        gap = (add_months(day, n) - day).days
        assert 28 * n - 3 <= gap <= 31 * n


class TestPlanAtTreatmentStart:
    def test_due_the_day_treatment_starts(self):
        spec = plan_deadline(CourseFacts(treatment_started_on=STARTED))
        assert (spec.kind, spec.due_on, spec.arose_on, spec.met_on) == ("treatment_plan", STARTED, STARTED, None)
        assert spec.source == "SEL §101(8); G3.7.1"

    def test_no_plan_is_due_before_treatment_starts(self):
        assert plan_deadline(CourseFacts(request_expressed_on=STARTED)) is None

    def test_met_by_the_first_version_on_the_day_is_kept(self):
        spec = plan_deadline(CourseFacts(treatment_started_on=STARTED, plan_versions=(version(1, STARTED),)))
        status = deadline_status(due_on=spec.due_on, met_on=spec.met_on, waived_on=None, closed_on=None, today=STARTED)
        assert status.code == "kept"

    def test_a_plan_made_a_week_later_is_late(self):
        late = STARTED + timedelta(days=7)
        spec = plan_deadline(CourseFacts(treatment_started_on=STARTED, plan_versions=(version(1, late),)))
        status = deadline_status(due_on=spec.due_on, met_on=spec.met_on, waived_on=None, closed_on=None, today=late)
        assert (status.code, status.days_late) == ("late", 7)

    def test_a_review_does_not_meet_it(self):
        spec = plan_deadline(CourseFacts(treatment_started_on=STARTED, plan_versions=(version(2, STARTED),)))
        assert spec.met_on is None


class TestPlanReviews:
    def reviews(self, terms, *versions, started=STARTED):
        facts = CourseFacts(treatment_started_on=started, plan_versions=versions)
        return [(s.ref, s.due_on, s.met_on) for s in plan_review_deadlines(facts, terms)]

    def test_no_plan_no_review(self):
        assert self.reviews(RANDERS) == []

    def test_randers_reviews_six_months_after_the_start_and_then_every_six_months(self):
        second, third = date(2026, 7, 1), date(2026, 12, 20)
        assert self.reviews(RANDERS, version(1, STARTED), version(2, second), version(3, third)) == [
            ("2", date(2026, 7, 15), second),  # 6 months after treatment started
            ("3", date(2027, 1, 1), third),  # 6 months after the review of 1 July
            ("4", date(2027, 6, 20), None),  # open: 6 months after the last version
        ]

    def test_randers_first_review_counts_from_treatment_start_even_when_the_plan_was_late(self):
        assert self.reviews(RANDERS, version(1, date(2026, 2, 20))) == [("2", date(2026, 7, 15), None)]

    def test_mariagerfjord_reviews_at_the_latest_after_five_months_of_treatment_and_repeats_the_five(self):
        second = date(2026, 6, 10)
        assert self.reviews(MARIAGERFJORD, version(1, date(2026, 1, 20)), version(2, second)) == [
            ("2", date(2026, 6, 15), second),  # 5 months after the start, not after the plan
            ("3", date(2026, 11, 10), None),  # then 5 months on from the last review (DOMAIN.md §2.5)
        ]

    def test_odsherred_reviews_at_the_end_of_each_period(self):
        first_period, second_period = date(2026, 4, 30), date(2026, 8, 31)
        reviewed = date(2026, 4, 28)
        assert self.reviews(ODSHERRED, version(1, STARTED, first_period), version(2, reviewed, second_period)) == [
            ("2", first_period, reviewed),
            ("3", second_period, None),
        ]

    def test_odsherred_without_a_period_end_has_no_date(self):
        assert self.reviews(ODSHERRED, version(1, STARTED)) == []

    def test_fredericia_sets_no_interval_so_no_review_date(self):
        assert self.reviews(FREDERICIA, version(1, STARTED), version(2, date(2026, 5, 1))) == []

    def test_the_earlier_of_the_interval_and_the_period_end(self):
        both = Terms(plan_first_review_months=6, plan_review_interval_months=6, plan_review_at_period_end=True)
        assert next_review_due(
            previous=version(1, STARTED, date(2026, 4, 1)), treatment_started_on=STARTED, terms=both
        ) == date(2026, 4, 1)
        assert next_review_due(
            previous=version(1, STARTED, date(2026, 12, 1)), treatment_started_on=STARTED, terms=both
        ) == date(2026, 7, 15)

    def test_a_period_end_counts_only_where_the_standard_reviews_at_period_end(self):
        assert next_review_due(
            previous=version(1, STARTED, date(2026, 2, 1)), treatment_started_on=STARTED, terms=RANDERS
        ) == date(2026, 7, 15)

    def test_an_interval_alone_applies_to_the_first_review_too(self):
        interval_only = Terms(plan_review_interval_months=4)
        assert next_review_due(previous=version(1, STARTED), treatment_started_on=STARTED, terms=interval_only) == (
            date(2026, 5, 15)
        )

    def test_versions_out_of_order_are_read_by_number(self):
        second = date(2026, 7, 1)
        assert self.reviews(RANDERS, version(2, second), version(1, STARTED)) == [
            ("2", date(2026, 7, 15), second),
            ("3", date(2027, 1, 1), None),
        ]

    def test_each_review_cites_the_law_and_the_guideline(self):
        (spec,) = plan_review_deadlines(
            CourseFacts(treatment_started_on=STARTED, plan_versions=(version(1, STARTED),)), RANDERS
        )
        assert (spec.kind, spec.arose_on, spec.source) == (
            "plan_review",
            STARTED,
            "SEL §101(8); G3.7.4; BEK 1477 §4(1) nr. 8",
        )

    @given(days, st.integers(min_value=1, max_value=24), st.integers(min_value=0, max_value=400))
    def test_a_review_is_never_due_later_than_the_standards_months(self, started, interval, later):
        made = started + timedelta(days=later)
        terms = Terms(plan_first_review_months=interval, plan_review_interval_months=interval)
        first = next_review_due(previous=version(1, made), treatment_started_on=started, terms=terms)
        following = next_review_due(previous=version(2, made), treatment_started_on=started, terms=terms)
        assert first == add_months(started, interval)
        assert following == add_months(made, interval)


class TestFollowUpAfterDischarge:
    @pytest.mark.parametrize(("reason", "required"), REASONS.items())
    def test_exactly_the_four_reasons_of_the_law_call_for_follow_up(self, reason, required):
        specs = follow_ups(discharged(reason))
        assert sorted(specs) == ([1, 6] if required else [])

    def test_the_reasons_above_are_every_reason_a_discharge_can_have(self):
        from discharges.models import DischargeReason

        assert set(DischargeReason.values) == set(REASONS)

    def test_due_one_and_six_calendar_months_after_discharge_by_the_provider(self):
        specs = follow_ups(discharged())
        assert (specs[1].due_on, specs[6].due_on) == (date(2026, 4, 30), date(2026, 9, 30))
        for spec in specs.values():
            assert (spec.kind, spec.arose_on, spec.provider_id) == ("follow_up", DISCHARGED, PROVIDER)
            assert spec.source == "BEK 1477 §4(2); G3.12.1"
            assert (spec.met_on, spec.waived_on, spec.waiver_reason, spec.closed_on) == (None, None, "", None)

    def test_no_discharge_no_follow_up(self):
        assert follow_up_deadlines(CourseFacts(treatment_started_on=STARTED), RANDERS) == []

    def test_odsherreds_three_months_come_on_top_of_the_laws_six(self):
        specs = follow_ups(discharged(), ODSHERRED)
        assert {m: s.due_on for m, s in specs.items()} == {
            1: date(2026, 4, 30),
            3: date(2026, 6, 30),
            6: date(2026, 9, 30),
        }
        assert specs[3].source == "kvalitetsstandard"
        assert specs[6].source == "BEK 1477 §4(2); G3.12.1"

    @pytest.mark.parametrize("standard", [(), (1,), (6,), (1, 6), (1, 3), (0, 12), (6, 1, 6)])
    def test_a_standard_never_takes_away_the_laws_months(self, standard):
        assert set(LAW_FOLLOW_UP_MONTHS) <= set(follow_up_months(standard))
        assert follow_up_months(standard) == sorted(set(follow_up_months(standard)))
        assert 0 not in follow_up_months(standard)

    def test_held_before_the_due_date_is_kept(self):
        held = date(2026, 4, 20)
        specs = follow_ups(discharged(follow_ups=(FollowUpFacts(months=1, held_on=held),)))
        assert (specs[1].met_on, specs[6].met_on) == (held, None)
        status = deadline_status(due_on=specs[1].due_on, met_on=held, waived_on=None, closed_on=None, today=held)
        assert status.code == "kept"

    def test_held_after_the_due_date_is_late(self):
        held = date(2026, 5, 4)
        specs = follow_ups(discharged(follow_ups=(FollowUpFacts(months=1, held_on=held),)))
        status = deadline_status(due_on=specs[1].due_on, met_on=held, waived_on=None, closed_on=None, today=held)
        assert (status.code, status.days_late) == ("late", 4)

    def test_opting_out_waives_what_was_not_held(self):
        held, opted_out = date(2026, 4, 20), date(2026, 5, 2)
        facts = discharged(follow_ups=(FollowUpFacts(months=1, held_on=held),), follow_up_opted_out_on=opted_out)
        specs = follow_ups(facts)
        assert {m: (s.waived_on, s.waiver_reason) for m, s in specs.items()} == {
            1: (opted_out, "opted_out"),
            6: (opted_out, "opted_out"),
        }
        codes = {
            m: deadline_status(
                due_on=s.due_on, met_on=s.met_on, waived_on=s.waived_on, closed_on=None, today=date(2026, 12, 1)
            ).code
            for m, s in specs.items()
        }
        assert codes == {1: "kept", 6: "waived"}  # held stays held; the rest is set aside, never overdue

    def test_opting_out_before_discharge_waives_every_follow_up_in_time(self):
        specs = follow_ups(discharged(follow_up_opted_out_on=DISCHARGED - timedelta(days=3)))
        for spec in specs.values():
            status = deadline_status(
                due_on=spec.due_on, met_on=None, waived_on=spec.waived_on, closed_on=None, today=date(2027, 1, 1)
            )
            assert (status.code, status.is_breach) == ("waived", False)

    @given(days, st.sampled_from(sorted(discharge_rules.FOLLOW_UP_REASONS)))
    def test_never_due_later_than_a_month_and_six_months_after_discharge(self, discharged_on, reason):
        specs = follow_ups(discharged(reason, discharged_on=discharged_on))
        assert specs[1].due_on <= naive_step(discharged_on, 1)
        assert specs[6].due_on <= naive_step(discharged_on, 6)
        assert discharged_on < specs[1].due_on < specs[6].due_on


class TestAfterDischarge:
    def facts(self, **changes) -> CourseFacts:
        facts = {
            "request_expressed_on": date(2026, 1, 2),
            "decided_on": date(2026, 1, 10),
            "decision_outcome": "grant",
            "assessment_completed_on": date(2026, 1, 5),
            "plan_versions": (version(1, STARTED),),
            "closed_on": DISCHARGED,
            "closed_kind": "discharged",
        }
        return discharged(**(facts | changes))

    def by_kind(self, facts, terms=MARIAGERFJORD):
        return {(s.kind, s.ref): s for s in course_deadlines(facts, terms)}

    def test_the_pending_plan_review_closes_with_the_discharge_and_the_follow_ups_open(self):
        specs = self.by_kind(self.facts())
        review = specs[("plan_review", "2")]
        assert (review.due_on, review.closed_on, review.closed_reason) == (date(2026, 6, 15), DISCHARGED, "discharged")
        for months in ("1", "6"):
            follow_up = specs[("follow_up", months)]
            assert (follow_up.closed_on, follow_up.closed_reason, follow_up.met_on) == (None, "", None)

    def test_what_was_met_stays_met(self):
        specs = self.by_kind(self.facts())
        assert specs[("treatment_plan", "")].met_on == STARTED
        assert specs[("treatment_plan", "")].closed_on is None
        assert specs[("guarantee", "")].met_on == STARTED

    def test_a_review_overdue_at_discharge_stays_a_breach(self):
        specs = self.by_kind(self.facts(discharged_on=date(2026, 7, 1), closed_on=date(2026, 7, 1)))
        review = specs[("plan_review", "2")]
        status = deadline_status(
            due_on=review.due_on, met_on=None, waived_on=None, closed_on=review.closed_on, today=date(2026, 8, 1)
        )
        assert (status.code, status.days_late) == ("closed_late", 16)

    def test_a_plan_never_made_closes_with_the_discharge(self):
        specs = self.by_kind(self.facts(plan_versions=()))
        plan = specs[("treatment_plan", "")]
        assert (plan.met_on, plan.closed_on, plan.closed_reason) == (None, DISCHARGED, "discharged")
        assert ("plan_review", "2") not in specs

    def test_a_discharge_without_follow_up_leaves_nothing_open(self):
        specs = self.by_kind(self.facts(discharge_reason=discharge_rules.NO_SHOW))
        assert not [s for s in specs.values() if s.met_on is None and s.waived_on is None and s.closed_on is None]


plan_gaps = st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=6)
standards = st.sampled_from([RANDERS, MARIAGERFJORD, ODSHERRED, FREDERICIA])


def versions_from(started: date, gaps: list[int], period_days: int | None) -> tuple[PlanVersionFacts, ...]:
    made, versions = started, []
    for number, gap in enumerate(gaps, start=1):
        made = made + timedelta(days=gap)
        period_end = made + timedelta(days=period_days) if period_days is not None else None
        versions.append(version(number, made, period_end))
    return tuple(versions)


@given(days, plan_gaps, st.none() | st.integers(min_value=1, max_value=365), standards)
def test_each_version_meets_the_review_before_it_and_only_the_latest_is_open(started, gaps, period_days, terms):
    versions = versions_from(started, gaps, period_days)
    specs = plan_review_deadlines(CourseFacts(treatment_started_on=started, plan_versions=versions), terms)
    assert [s.met_on for s in specs if s.met_on is not None] == [
        v.made_on for v in versions[1:] if str(v.number) in {s.ref for s in specs}
    ]
    open_refs = [s.ref for s in specs if s.met_on is None]
    assert open_refs in ([], [str(len(versions) + 1)])
    for spec in specs:
        assert spec.due_on >= spec.arose_on or spec.ref == "2"  # only the first counts from the start


@given(days, plan_gaps, st.integers(min_value=0, max_value=900), st.sampled_from(sorted(REASONS)), standards)
def test_after_a_discharge_only_the_follow_ups_can_be_open(started, gaps, discharged_after, reason, terms):
    versions = versions_from(started, gaps, 90)
    discharged_on = max(v.made_on for v in versions) + timedelta(days=discharged_after)
    facts = CourseFacts(
        request_expressed_on=started - timedelta(days=5),
        decided_on=started - timedelta(days=2),
        decision_outcome="grant",
        assessment_completed_on=started - timedelta(days=3),
        treatment_started_on=started,
        plan_versions=versions,
        discharged_on=discharged_on,
        discharge_reason=reason,
        closed_on=discharged_on,
        closed_kind="discharged",
    )
    specs = course_deadlines(facts, terms)
    still_open = {s.kind for s in specs if s.met_on is None and s.waived_on is None and s.closed_on is None}
    assert still_open <= {"follow_up"}
    assert ("follow_up" in still_open) == REASONS[reason]
    assert all(s.closed_reason == "discharged" for s in specs if s.closed_on is not None)
