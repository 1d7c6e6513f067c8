"""The plan's pure rules: goals (G3.7.3), versions (SEL §101(8); G3.7.1, G3.7.4), two writers, and
the review rhythm as the deadline engine applies it."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import PlanVersionFacts, Terms, add_months, next_review_due
from plans import rules

MADE = datetime.date(2026, 3, 16)


def good(**overrides):
    values = {"description": "Mål", "measure": "Målt", "target_on": MADE, "actions": "Handling", **overrides}
    return rules.GoalFacts(**values)


def test_a_complete_goal_has_no_problems():
    assert rules.goal_problems(good(), made_on=MADE, review=False, carried_ids=frozenset()) == {}


@pytest.mark.parametrize("name", ["description", "measure", "actions"])
def test_a_goal_needs_its_text(name):
    assert rules.goal_problems(good(**{name: "  "}), made_on=MADE, review=False, carried_ids=frozenset()) == {
        name: "required"
    }


def test_a_goal_needs_a_date_not_in_the_past_while_it_goes_on():
    day_before = MADE - datetime.timedelta(days=1)
    assert rules.goal_problems(good(target_on=None), made_on=MADE, review=False, carried_ids=frozenset()) == {
        "target_on": "required"
    }
    assert rules.goal_problems(good(target_on=day_before), made_on=MADE, review=False, carried_ids=frozenset()) == {
        "target_on": "target_past"
    }
    for finished in (rules.ACHIEVED, rules.DROPPED):
        carried = good(target_on=day_before, previous_goal=7, attainment=finished)
        assert rules.goal_problems(carried, made_on=MADE, review=True, carried_ids=frozenset({7})) == {}
    for going_on in (rules.PARTLY, rules.NOT_ACHIEVED):
        carried = good(target_on=day_before, previous_goal=7, attainment=going_on)
        assert rules.goal_problems(carried, made_on=MADE, review=True, carried_ids=frozenset({7})) == {
            "target_on": "target_past"
        }


@pytest.mark.parametrize(
    ("goal", "review", "expected"),
    [
        (good(previous_goal=7), True, {"attainment": "attainment_required"}),
        (good(previous_goal=7, attainment="partly"), True, {}),
        (good(previous_goal=8, attainment="partly"), True, {"previous_goal": "unknown_previous"}),
        (good(previous_goal=7, attainment="partly"), False, {"previous_goal": "unknown_previous"}),
        (good(attainment="partly"), True, {"attainment": "attainment_on_new_goal"}),
        (good(previous_goal=7, attainment="perfect"), True, {"attainment": "unknown_attainment"}),
    ],
)
def test_attainment_is_recorded_for_the_previous_versions_goals_only(goal, review, expected):
    assert rules.goal_problems(goal, made_on=MADE, review=review, carried_ids=frozenset({7})) == expected


def test_the_plan_needs_a_goal_that_goes_on_and_every_carried_goal_once():
    assert rules.plan_goal_problems([], made_on=MADE, review=False)[1] == ["no_goal"]
    done = good(previous_goal=7, attainment=rules.ACHIEVED)
    assert rules.plan_goal_problems([done], made_on=MADE, review=True, carried_ids=frozenset({7}))[1] == ["no_goal"]
    assert rules.plan_goal_problems([done, good()], made_on=MADE, review=True, carried_ids=frozenset({7, 8}))[1] == [
        "carried_missing"
    ]
    twice = [good(previous_goal=7, attainment="partly")] * 2
    assert rules.plan_goal_problems(twice, made_on=MADE, review=True, carried_ids=frozenset({7}))[1] == [
        "carried_twice"
    ]


def version(**overrides):
    values = {
        "kind": rules.INITIAL,
        "made_on": MADE,
        "today": MADE,
        "treatment_started_on": MADE,
        "previous_made_on": None,
        "period_ends_on": None,
        "period_required": False,
        "changes_summary": "",
        "coordinated_plan": "",
        "coordinated_plan_on": None,
        "coordinated_plan_keeper": "",
        **overrides,
    }
    return rules.version_problems(**values)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, {}),
        ({"today": MADE - datetime.timedelta(days=1)}, {"made_on": "future"}),
        (
            {"treatment_started_on": MADE + datetime.timedelta(days=1), "today": MADE + datetime.timedelta(days=1)},
            {"made_on": "before_start"},
        ),
        (
            {
                "kind": rules.REVIEW,
                "previous_made_on": MADE + datetime.timedelta(days=1),
                "changes_summary": "x",
                "today": MADE + datetime.timedelta(days=2),
            },
            {"made_on": "before_previous"},
        ),
        ({"period_required": True}, {"period_ends_on": "period_required"}),
        ({"period_ends_on": MADE}, {"period_ends_on": "period_before_made"}),
        ({"period_required": True, "period_ends_on": MADE + datetime.timedelta(days=1)}, {}),
        ({"kind": rules.REVIEW, "previous_made_on": MADE}, {"changes_summary": "required"}),
        (
            {"coordinated_plan": "action_plan"},
            {"coordinated_plan_on": "required", "coordinated_plan_keeper": "required"},
        ),
        (
            {
                "coordinated_plan": "action_plan",
                "coordinated_plan_on": MADE + datetime.timedelta(days=1),
                "coordinated_plan_keeper": "Jobcenter",
            },
            {"coordinated_plan_on": "future"},
        ),
    ],
)
def test_version_problems(overrides, expected):
    assert version(**overrides) == expected


def test_a_save_is_stale_unless_based_on_the_newest_version():
    assert not rules.is_stale(based_on=0, latest=0)
    assert not rules.is_stale(based_on=3, latest=3)
    assert rules.is_stale(based_on=2, latest=3)
    assert rules.is_stale(based_on=0, latest=1)
    assert (rules.next_kind(0), rules.next_kind(1)) == (rules.INITIAL, rules.REVIEW)


@pytest.mark.parametrize(
    ("first", "interval", "at_end", "expected"),
    [
        (6, 6, False, rules.ReviewRhythm("months", 6, 6)),  # Randers
        (5, None, False, rules.ReviewRhythm("months", 5, 5)),  # Mariagerfjord: the 5 months repeat
        (None, None, True, rules.ReviewRhythm("period_end")),  # Odsherred
        (None, None, False, rules.ReviewRhythm("continuous")),  # Fredericia
    ],
)
def test_review_rhythm_of_the_seed_standards(first, interval, at_end, expected):
    assert rules.review_rhythm(first_months=first, interval_months=interval, at_period_end=at_end) == expected


def test_the_tier_must_be_of_the_offer_kind():
    assert rules.tier_matches("outpatient", None)
    assert rules.tier_matches("outpatient", "outpatient")
    assert not rules.tier_matches("outpatient", "residential")


@given(
    started=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=24),
    delay=st.integers(min_value=0, max_value=400),
)
def test_the_rhythm_says_what_the_deadline_engine_computes(started, months, delay):
    """Where the page says "at least every N months", the engine's review date is N calendar months
    after the start (first version) or after the newest version (a review), never later."""
    made = started + datetime.timedelta(days=delay)
    rhythm = rules.review_rhythm(first_months=months, interval_months=None, at_period_end=False)
    terms = Terms(plan_first_review_months=months)
    after_first = next_review_due(previous=PlanVersionFacts(1, started), treatment_started_on=started, terms=terms)
    after_review = next_review_due(previous=PlanVersionFacts(2, made), treatment_started_on=started, terms=terms)
    assert rhythm.code == "months" and rhythm.interval_months == months
    assert after_first == add_months(started, rhythm.first_months)
    assert after_review == add_months(made, rhythm.interval_months)
    assert made < after_review <= made + datetime.timedelta(days=31 * months)


@given(
    made=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)),
    length=st.integers(min_value=-30, max_value=400),
)
def test_a_period_end_is_accepted_only_after_the_plan_is_made(made, length):
    ends = made + datetime.timedelta(days=length)
    problems = version(made_on=made, today=made, treatment_started_on=made, period_ends_on=ends, period_required=True)
    assert ("period_ends_on" in problems) == (ends <= made)
