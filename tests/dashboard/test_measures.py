"""The dashboard's definitions on hand-made rows where the right answer is known."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import measures as m

TODAY = date(2026, 6, 30)
D = date


def g(due, *, started=None, met=None, waived=None, closed=None, course=1):
    """A guarantee requested 14 days before ``due``; ``started`` meets it."""
    return m.GuaranteeRow(course, due - timedelta(days=14), due, started, met or started, waived, closed)


class TestGuarantee:
    def test_kept_on_the_due_date_and_breached_the_day_after(self):
        assert m.guarantee_outcome(g(D(2026, 3, 15), started=D(2026, 3, 15)), TODAY) == m.KEPT
        assert m.guarantee_outcome(g(D(2026, 3, 15), started=D(2026, 3, 16)), TODAY) == m.BREACH

    def test_a_waiver_in_time_is_counted_apart_never_a_breach(self):
        row = g(D(2026, 3, 15), waived=D(2026, 3, 10), started=D(2026, 4, 20))
        assert m.guarantee_outcome(row, TODAY) == m.WAIVED

    def test_a_waiver_after_the_guarantee_was_overdue_is_a_breach(self):
        assert m.guarantee_outcome(g(D(2026, 3, 15), waived=D(2026, 3, 20)), TODAY) == m.BREACH

    def test_still_waiting_after_the_due_date_is_a_breach_before_it_pending(self):
        assert m.guarantee_outcome(g(D(2026, 6, 29)), TODAY) == m.BREACH
        assert m.guarantee_outcome(g(D(2026, 6, 30)), TODAY) == m.PENDING
        assert m.guarantee_outcome(g(D(2026, 7, 5)), TODAY) == m.PENDING

    def test_a_refusal_in_time_is_apart_and_a_late_one_a_breach(self):
        assert m.guarantee_outcome(g(D(2026, 3, 15), met=D(2026, 3, 14)), TODAY) == m.REFUSED
        assert m.guarantee_outcome(g(D(2026, 3, 15), met=D(2026, 3, 17)), TODAY) == m.BREACH

    def test_closed_in_time_is_apart(self):
        assert m.guarantee_outcome(g(D(2026, 3, 15), closed=D(2026, 3, 2)), TODAY) == m.CLOSED

    def test_the_share_of_a_known_set(self):
        rows = [
            g(D(2026, 3, 1), started=D(2026, 2, 25)),  # kept
            g(D(2026, 3, 1), started=D(2026, 3, 1)),  # kept
            g(D(2026, 3, 1), started=D(2026, 3, 9)),  # breach
            g(D(2026, 3, 1), waived=D(2026, 2, 20)),  # waived, apart
            g(D(2026, 3, 1), waived=D(2026, 3, 4)),  # waived late: breach
            g(D(2026, 7, 10)),  # pending
        ]
        share = m.guarantee_share(rows, TODAY)
        assert (share.numerator, share.denominator) == (2, 4)
        assert share.percent == 50
        assert share.apart == {m.WAIVED: 1, m.PENDING: 1}

    def test_no_rows_no_value_never_zero(self):
        share = m.guarantee_share([], TODAY)
        assert share.value is None and share.percent is None

    def test_days_to_start_counts_every_started_course(self):
        rows = [
            g(D(2026, 3, 15), started=D(2026, 3, 10)),
            g(D(2026, 3, 15), waived=D(2026, 3, 2), started=D(2026, 4, 1)),
            g(D(2026, 3, 15)),
        ]
        assert m.days_to_start(rows) == [9, 31]


class TestPercentile:
    def test_nearest_rank_on_known_values(self):
        values = [15, 20, 35, 40, 50]
        assert m.percentile(values, 30) == 20  # rank ceil(1.5) = 2
        assert m.percentile(values, 40) == 20  # rank 2
        assert m.percentile(values, 50) == 35  # rank ceil(2.5) = 3
        assert m.percentile(values, 100) == 50
        assert m.percentile(range(1, 11), 90) == 9  # rank 9 of 10
        assert m.percentile(range(1, 12), 90) == 10  # rank ceil(9.9) = 10

    def test_median_of_an_even_count_is_the_lower_middle(self):
        assert m.median([4, 1, 3, 2]) == 2
        assert m.median([7]) == 7
        assert m.median([]) is None

    def test_p_outside_the_range_is_refused(self):
        with pytest.raises(ValueError):
            m.percentile([1], 0)

    @given(st.lists(st.integers(min_value=0, max_value=400), min_size=1), st.floats(min_value=0.1, max_value=100))
    def test_a_percentile_is_always_one_of_the_values_and_monotone(self, values, p):
        value = m.percentile(values, p)
        assert value in values
        assert min(values) <= value <= m.percentile(values, 100) == max(values)
        assert m.percentile(values, min(100, p + 5)) >= value


class TestDeadlines:
    def test_share_counts_kept_and_breached_and_leaves_the_rest_apart(self):
        rows = [
            m.DeadlineRow(1, D(2026, 2, 14), met_on=D(2026, 2, 14)),
            m.DeadlineRow(2, D(2026, 2, 14), met_on=D(2026, 2, 15)),
            m.DeadlineRow(3, D(2026, 2, 14), closed_on=D(2026, 2, 1)),
            m.DeadlineRow(4, D(2026, 2, 14), closed_on=D(2026, 2, 20)),  # closed late: a breach
            m.DeadlineRow(5, D(2026, 2, 14)),  # overdue
            m.DeadlineRow(6, D(2026, 7, 14)),  # pending
        ]
        share = m.deadline_share(rows, TODAY)
        assert (share.numerator, share.denominator) == (1, 4)
        assert share.apart == {m.CLOSED: 1, m.PENDING: 1}

    def test_child_notification_due_the_same_day(self):
        row = m.DeadlineRow(1, D(2026, 5, 4), met_on=D(2026, 5, 5))
        assert m.deadline_outcome(row, TODAY) == m.BREACH

    def test_plan_reviews_overdue_today(self):
        rows = [
            m.DeadlineRow(1, D(2026, 6, 29)),
            m.DeadlineRow(2, D(2026, 6, 30)),  # due today: not yet overdue
            m.DeadlineRow(3, D(2026, 1, 1), met_on=D(2026, 2, 1)),
            m.DeadlineRow(4, D(2026, 1, 1), closed_on=D(2026, 2, 1)),
        ]
        assert m.overdue_count(rows, TODAY) == 1


class TestPhysician:
    def test_offered_no_later_than_the_start(self):
        assert m.physician_offered(m.StartRow(1, D(2026, 3, 1), D(2026, 3, 1)))
        assert not m.physician_offered(m.StartRow(1, D(2026, 3, 1), D(2026, 3, 2)))
        assert not m.physician_offered(m.StartRow(1, D(2026, 3, 1), None))
        share = m.physician_share(
            [m.StartRow(1, D(2026, 3, 1), D(2026, 2, 1)), m.StartRow(2, D(2026, 3, 1)), m.StartRow(3, D(2026, 3, 1))]
        )
        assert (share.numerator, share.denominator) == (1, 3)


def dis(on, reason="completed", status="abstinent", started=None, next_request=None, course=1):
    return m.DischargeRow(course, on, reason, status, started, next_request)


class TestOutcomes:
    def test_known_statuses_only_deaths_and_unknown_apart(self):
        rows = [
            dis(D(2026, 1, 5), status="abstinent"),
            dis(D(2026, 1, 5), status="reduced", reason="no_show"),
            dis(D(2026, 1, 5), status="unchanged"),
            dis(D(2026, 1, 5), status="increased", reason="expelled"),
            dis(D(2026, 1, 5), status="unknown"),
            dis(D(2026, 1, 5), status="unknown", reason="died"),
        ]
        both = m.outcome_share(rows, "abstinent_or_reduced")
        assert (both.numerator, both.denominator, both.apart) == (2, 4, {"unknown": 1})
        assert m.outcome_share(rows, "abstinent").percent == 25
        assert m.outcome_share(rows, "reduced").percent == 25

    def test_targets_from_the_seeds_shape(self):
        odsherred = [
            {"measure": "abstinent", "min_percent": 35, "text": "35 % ..."},
            {"measure": "reduced", "min_percent": 35, "text": "..."},
            {"measure": "nonsense", "min_percent": 1},
            {"measure": "reduced_more"},
        ]
        assert set(m.outcome_targets(odsherred)) == {"abstinent", "reduced"}
        assert m.check_target(40.0, limit=35, at_least=True).met is True
        assert m.check_target(34.9, limit=35, at_least=True).met is False
        assert m.check_target(None, limit=35, at_least=True).met is None
        assert m.readmission_target({"max_percent": 15, "within_months": 12, "text": ""}) == (15.0, 12)
        assert m.readmission_target(None) is None
        assert m.check_target(15.0, limit=15, at_least=False).met is True


class TestReadmission:
    def test_only_completed_discharges_at_least_12_months_old(self):
        rows = [
            dis(D(2025, 1, 10), next_request=D(2026, 1, 10)),  # exactly 12 months later: re-admitted
            dis(D(2025, 1, 10), next_request=D(2026, 1, 11)),  # a day later: not
            dis(D(2025, 1, 10)),  # no new request
            dis(D(2025, 1, 10), reason="no_show", next_request=D(2025, 2, 1)),  # not completed: not counted
            dis(D(2025, 8, 1), next_request=D(2025, 9, 1)),  # less than 12 months ago: apart
        ]
        share = m.readmission_share(rows, TODAY)
        assert (share.numerator, share.denominator, share.apart) == (1, 3, {"incomplete": 1})

    def test_the_window_ends_on_the_month_end_in_february(self):
        row = dis(D(2023, 2, 28), next_request=D(2024, 2, 28))
        assert m.readmitted(row)
        assert not m.readmitted(dis(D(2023, 2, 28), next_request=D(2024, 2, 29)))
        leap = dis(D(2024, 2, 29), next_request=D(2025, 2, 28))
        assert m.readmitted(leap)

    def test_complete_only_after_the_window_has_passed(self):
        row = dis(D(2025, 6, 30))
        assert not m.readmission_complete(row, D(2026, 6, 30))
        assert m.readmission_complete(row, D(2026, 7, 1))


class TestDropoutAndTime:
    def test_unplanned_over_all_but_deaths(self):
        rows = [dis(D(2026, 1, 1), reason=r) for r in ("completed", "expelled", "no_show", "moved", "died")]
        share = m.dropout_share(rows)
        assert (share.numerator, share.denominator, share.apart) == (2, 4, {"died": 1})

    def test_days_in_treatment(self):
        rows = [
            dis(D(2026, 3, 1), started=D(2026, 1, 1)),
            dis(D(2026, 3, 1)),
            dis(D(2026, 3, 1), started=D(2026, 2, 28)),
        ]
        assert m.days_in_treatment(rows) == [59, 1]
        assert m.median(m.days_in_treatment(rows)) == 1


class TestCaseload:
    def test_median_and_highest(self):
        rows = [
            m.CaseloadRow(1, "A", 12),
            m.CaseloadRow(2, "B", 30),
            m.CaseloadRow(3, "C", 20),
            m.CaseloadRow(4, "D", 0),
        ]
        load = m.caseload(rows)
        assert (load.workers, load.courses, load.median, load.highest) == (3, 62, 20, 30)
        assert m.caseload([]).median is None


class TestMonths:
    def test_months_between_across_a_new_year(self):
        assert m.months_between(D(2025, 11, 30), D(2026, 2, 1)) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]

    def test_month_ends_and_leap_days_fall_in_their_own_month(self):
        rows = [D(2024, 2, 29), D(2024, 3, 1), D(2024, 1, 31), D(2023, 12, 31)]
        buckets = m.by_month(rows, lambda d: d, m.months_between(D(2024, 1, 1), D(2024, 3, 31)))
        assert buckets == {(2024, 1): [D(2024, 1, 31)], (2024, 2): [D(2024, 2, 29)], (2024, 3): [D(2024, 3, 1)]}

    @given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
    def test_every_day_of_a_month_falls_in_that_month(self, day):
        last = D(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        first = D(day.year, day.month, 1)
        buckets = m.by_month([first, day, last], lambda d: d, [m.month_of(day)])
        assert len(buckets[m.month_of(day)]) == 3


dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 12, 31))
optional = st.one_of(st.none(), dates)


@st.composite
def guarantees(draw):
    due = draw(dates)
    return m.GuaranteeRow(
        1, due - timedelta(days=14), due, draw(optional), draw(optional), draw(optional), draw(optional)
    )


@given(st.lists(guarantees(), max_size=30), dates)
def test_shares_lie_between_0_and_1_and_every_row_is_counted_once(rows, today):
    share = m.guarantee_share(rows, today)
    assert share.value is None or 0 <= share.value <= 1
    assert share.denominator + sum(share.apart.values()) == len(rows)


@given(st.lists(guarantees(), max_size=20), dates, dates)
def test_a_waiver_in_time_never_lowers_the_kept_share(rows, today, extra_due):
    """Adding a guarantee waived before it fell due changes neither the kept nor the breached count."""
    before = m.guarantee_share(rows, today)
    waived = m.GuaranteeRow(2, extra_due - timedelta(days=14), extra_due, None, None, extra_due - timedelta(days=1))
    after = m.guarantee_share([*rows, waived], today)
    assert (after.numerator, after.denominator) == (before.numerator, before.denominator)


@given(
    st.lists(
        st.tuples(
            dates,
            st.sampled_from(["completed", "no_show", "expelled", "died", "moved"]),
            st.sampled_from(["abstinent", "reduced", "unchanged", "unknown"]),
        ),
        max_size=30,
    )
)
def test_discharge_shares_lie_between_0_and_1(items):
    rows = [dis(on, reason=reason, status=status) for on, reason, status in items]
    for share in (
        m.outcome_share(rows, "abstinent_or_reduced"),
        m.dropout_share(rows),
        m.readmission_share(rows, TODAY),
    ):
        assert share.value is None or 0 <= share.value <= 1
    both, one, other = (m.outcome_share(rows, k) for k in ("abstinent_or_reduced", "abstinent", "reduced"))
    assert both.numerator == one.numerator + other.numerator
