"""The discharge's pure rules: the register's required fields (G3.11.1), which reasons call for
follow-up (BEK 1477 §4(2)), who follows up (G3.12.2), and the follow-up dates."""

import calendar
import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import CourseFacts, Terms, add_months, follow_up_deadlines
from discharges import rules
from discharges.models import DischargeReason, DrugUseStatus, Housing, Income, YesNoUnknown

from .conftest import register_answers


def test_the_register_fields_are_those_of_the_guideline_in_its_order():
    assert rules.REGISTER_FIELDS == (
        "discharged_on",
        "drug_use_status",
        "reason",
        "self_help_contact",
        "drug_free_partner",
        "housing",
        "income",
    )


def test_complete_answers_miss_nothing():
    assert rules.missing_register_fields(register_answers()) == []


@pytest.mark.parametrize(
    "left_out",
    [
        combo
        for size in range(len(rules.REGISTER_FIELDS) + 1)
        for combo in itertools.combinations(rules.REGISTER_FIELDS, size)
    ],
)
@pytest.mark.parametrize("empty", ["absent", None, "", "   "])
def test_every_combination_of_unanswered_fields_is_reported_in_the_guidelines_order(left_out, empty):
    answers = register_answers()
    for name in left_out:
        if empty == "absent":
            del answers[name]
        else:
            answers[name] = empty
    assert rules.missing_register_fields(answers) == list(left_out)


def test_unknown_is_an_answer_not_a_missing_field():
    answers = register_answers(
        drug_use_status="unknown", self_help_contact="unknown", drug_free_partner="unknown", housing="unknown"
    ) | {"income": "unknown"}
    assert rules.missing_register_fields(answers) == []


@pytest.mark.parametrize("choices", [DrugUseStatus, YesNoUnknown, Housing, Income])
def test_every_register_choice_list_has_an_explicit_unknown(choices):
    assert rules.UNKNOWN in choices.values


def test_the_choice_lists_match_the_rules():
    assert tuple(DrugUseStatus.values) == rules.DRUG_USE_STATUSES
    assert tuple(YesNoUnknown.values) == rules.YES_NO_UNKNOWN
    assert tuple(Housing.values) == rules.HOUSING
    assert tuple(Income.values) == rules.INCOME


@pytest.mark.parametrize(
    ("reason", "required"),
    [
        ("completed", True),
        ("other_offer", True),
        ("hospital", True),
        ("other", True),
        ("moved", False),
        ("wished_to_stop", False),
        ("expelled", False),
        ("no_show", False),
        ("died", False),
    ],
)
def test_exactly_the_four_reasons_of_the_order_call_for_follow_up(reason, required):
    assert rules.follow_up_required(reason) is required


def test_every_reason_is_decided():
    assert set(DischargeReason.values) == rules.PLANNED | rules.UNPLANNED | {"hospital", "other", "died"}


@pytest.mark.parametrize(
    ("decision_provider", "free_choice_provider", "expected"),
    [(None, None, 1), (2, None, 2), (2, 3, 3), (None, 3, 3)],
)
def test_the_provider_that_treated_follows_up(decision_provider, free_choice_provider, expected):
    assert (
        rules.treating_provider(
            centre_id=1, decision_provider_id=decision_provider, free_choice_provider_id=free_choice_provider
        )
        == expected
    )


@pytest.mark.parametrize("reason", DischargeReason.values)
def test_outreach_is_asked_about_only_after_a_discharge_for_lack_of_contact(reason):
    assert rules.outreach_prompted(reason) is (reason == "no_show")


def _due(discharged_on: date, reason: str = "completed", standard=()) -> dict[int, date]:
    facts = CourseFacts(discharged_on=discharged_on, discharge_reason=reason)
    return {int(s.ref): s.due_on for s in follow_up_deadlines(facts, Terms(follow_up_months=standard))}


def test_a_discharge_on_31_january_is_followed_up_by_the_end_of_february():
    assert _due(date(2027, 1, 31))[1] == date(2027, 2, 28)
    assert _due(date(2028, 1, 31))[1] == date(2028, 2, 29)  # leap year
    assert _due(date(2027, 8, 31))[6] == date(2028, 2, 29)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(sorted(rules.FOLLOW_UP_REASONS))
)
def test_each_follow_up_falls_in_its_month_never_later_than_the_same_day(discharged_on, reason):
    due = _due(discharged_on, reason, standard=(3,))
    assert set(due) == {1, 3, 6}
    for months, day in due.items():
        assert day == add_months(discharged_on, months)
        month_index = discharged_on.month - 1 + months
        assert (day.year, day.month) == (discharged_on.year + month_index // 12, month_index % 12 + 1)
        last = calendar.monthrange(day.year, day.month)[1]
        assert day.day == min(discharged_on.day, last)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(sorted(set(DischargeReason.values) - rules.FOLLOW_UP_REASONS)),
)
def test_no_follow_up_for_the_other_reasons(discharged_on, reason):
    assert _due(discharged_on, reason, standard=(1, 3, 6)) == {}
