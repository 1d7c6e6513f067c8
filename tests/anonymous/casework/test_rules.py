"""The casework's pure rules: next steps per state, the decision, dates, the advice talk number."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymous import rules as shared
from anonymous.casework import rules
from anonymous.models import EndReason, NotEligibleReason, Referral

STATES = [shared.REQUESTED, shared.ADVICE, shared.ELIGIBLE, shared.NOT_ELIGIBLE, shared.IN_TREATMENT]
STATES += [shared.COMPLETED, shared.ENDED]
SERVICES = [shared.DRUG_TREATMENT, shared.ADVICE_SERVICE, shared.ALCOHOL]

EXPECTED = {
    (shared.DRUG_TREATMENT, shared.REQUESTED): (rules.CONVERSATION, rules.END),
    (shared.DRUG_TREATMENT, shared.ELIGIBLE): (rules.FIND_GROUP, rules.END),
    (shared.DRUG_TREATMENT, shared.IN_TREATMENT): (rules.END,),
    (shared.ADVICE_SERVICE, shared.REQUESTED): (rules.ADVICE_TALK, rules.END),
    (shared.ADVICE_SERVICE, shared.ADVICE): (rules.ADVICE_TALK, rules.END),
    (shared.ALCOHOL, shared.REQUESTED): (rules.ALCOHOL_START, rules.END),
    (shared.ALCOHOL, shared.IN_TREATMENT): (rules.TREATMENT_TALK, rules.END),
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("state", STATES)
def test_each_state_offers_exactly_its_next_steps(service, state):
    assert rules.next_steps(service, state) == EXPECTED.get((service, state), ())


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("state", STATES)
def test_every_offered_step_is_a_move_the_state_machine_allows(service, state):
    targets = {
        rules.CONVERSATION: shared.ELIGIBLE,
        rules.FIND_GROUP: shared.IN_TREATMENT,
        rules.ALCOHOL_START: shared.IN_TREATMENT,
        rules.END: shared.ENDED,
    }
    for step in rules.next_steps(service, state):
        if step == rules.ADVICE_TALK:
            assert state == shared.ADVICE or shared.may_move(service, state, shared.ADVICE)
        elif step == rules.TREATMENT_TALK:  # a talk keeps the course where it is
            assert state == shared.IN_TREATMENT
        else:
            assert shared.may_move(service, state, targets[step])


def test_a_closed_course_offers_nothing():
    for service in SERVICES:
        for state in (shared.COMPLETED, shared.ENDED, shared.NOT_ELIGIBLE):
            assert rules.next_steps(service, state) == ()


@pytest.mark.parametrize("reason", ["", *NotEligibleReason.values])
@pytest.mark.parametrize("referral", ["", *Referral.values])
def test_decision_problems_in_the_target_group(reason, referral):
    problems = rules.decision_problems(eligible=True, not_eligible_reason=reason, referral=referral)
    assert ("not_eligible_reason" in problems) == bool(reason)
    assert ("referral" in problems) == (referral not in ("", Referral.NONE))


@pytest.mark.parametrize("reason", ["", *NotEligibleReason.values])
@pytest.mark.parametrize("referral", ["", *Referral.values])
def test_decision_problems_outside_the_target_group_need_reason_and_referral(reason, referral):
    problems = rules.decision_problems(eligible=False, not_eligible_reason=reason, referral=referral)
    assert ("not_eligible_reason" in problems) == (not reason)
    assert ("referral" in problems) == (not referral)


@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=-400, max_value=400),
    today_offset=st.integers(min_value=0, max_value=400),
)
def test_a_date_is_possible_only_between_the_first_contact_and_today(first, offset, today_offset):
    today = first + timedelta(days=today_offset)
    on = first + timedelta(days=offset)
    problem = rules.date_problem(on, first_contact_on=first, today=today)
    assert (problem == "") == (first <= on <= today)


def test_an_end_cannot_be_before_the_start():
    first, started = date(2026, 1, 5), date(2026, 2, 1)
    assert rules.date_problem(date(2026, 1, 20), first_contact_on=first, today=date(2026, 3, 1), not_before=started)
    assert not rules.date_problem(started, first_contact_on=first, today=date(2026, 3, 1), not_before=started)


@pytest.mark.parametrize(("held", "number"), [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (-1, 1)])
def test_the_advice_talk_is_counted_never_capped(held, number):
    assert rules.advice_talk_number(held) == number


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("reason", ["", *EndReason.values])
@pytest.mark.parametrize("referral", ["", *Referral.values])
def test_end_problems(service, reason, referral):
    problems = rules.end_problems(service=service, end_reason=reason, referral=referral)
    if not reason or reason == EndReason.COMPLETED:
        assert "end_reason" in problems
    elif reason == EndReason.REFERRED:
        assert ("referral" in problems) == (referral in ("", Referral.NONE))
    else:
        assert problems == {}


def test_the_checklist_is_the_law_first_then_the_standards_own_criteria():
    fredericia = ["I uddannelse eller arbejde", "Over 18 år", " ", "Fast bolig"]
    checklist = rules.criteria_for(fredericia)
    assert [c.source for c in checklist[:2]] == ["SEL §101a(1)", "SEL §101a(1)"]
    assert [c.text for c in checklist[2:]] == ["I uddannelse eller arbejde", "Over 18 år", "Fast bolig"]
    assert all(c.local for c in checklist[2:])
    assert len(rules.criteria_for(None)) == 2
