"""The assessment's rules, without a database: completeness (G3.5) and the tasks that follow."""

import dataclasses

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from assessments import rules
from assessments.models import Pregnancy, TaskKind
from assessments.rules import Answers

COMPLETE = Answers(
    drug_use="Hash dagligt",
    social_conditions="Bor alene",
    health="Sover dårligt",
    work_education="Ledig",
    other_matters="Ingen",
    other_help_needed="Jobcenter",
    instrument="ASI",
    told_how_it_works=True,
    children_at_home_asked=True,
    children_at_home_count=0,
    pregnancy=rules.PREGNANCY_NONE,
)


def kinds(answers: Answers, policy: str = rules.POLICY_ON_CONCERN) -> list[str]:
    return [need.kind for need in rules.tasks_called_for(answers, policy)]


def missing_fields(answers: Answers) -> list[str]:
    return [item.field for item in rules.missing_for_completion(answers)]


# Completeness


def test_an_assessment_covering_everything_is_complete():
    assert rules.missing_for_completion(COMPLETE) == []


def test_an_empty_assessment_names_everything_it_lacks():
    assert missing_fields(Answers()) == [
        "drug_use",
        "social_conditions",
        "health",
        "work_education",
        "other_matters",
        "other_help_needed",
        "instrument",
        "told_how_it_works",
        "children_at_home_asked",
        "pregnancy",
    ]


@pytest.mark.parametrize("area", rules.FIVE_AREAS)
def test_each_of_the_five_areas_must_be_described(area):
    """G3.5 "værd at vide": drug use, social conditions, health, work/education, other matters."""
    assert missing_fields(dataclasses.replace(COMPLETE, **{area: "   "})) == [area]


def test_the_need_for_other_help_must_be_assessed():
    """G3.5.4 ("skal")."""
    assert missing_fields(dataclasses.replace(COMPLETE, other_help_needed="")) == ["other_help_needed"]


def test_no_instrument_is_an_answer_but_no_answer_is_not():
    assert missing_fields(dataclasses.replace(COMPLETE, instrument="NONE")) == []
    assert missing_fields(dataclasses.replace(COMPLETE, instrument="")) == ["instrument"]


def test_the_citizen_must_be_told_how_the_assessment_works():
    """G3.5.6."""
    assert missing_fields(dataclasses.replace(COMPLETE, told_how_it_works=False)) == ["told_how_it_works"]


def test_children_at_home_must_be_asked_about_and_counted():
    """G3.5.9 ("skal"): asked, and how many (0 is an answer)."""
    assert missing_fields(dataclasses.replace(COMPLETE, children_at_home_asked=False)) == ["children_at_home_asked"]
    assert missing_fields(dataclasses.replace(COMPLETE, children_at_home_count=None)) == ["children_at_home_count"]


def test_whether_a_child_is_expected_must_be_asked():
    """G3.5.10 ("skal")."""
    assert missing_fields(dataclasses.replace(COMPLETE, pregnancy=rules.PREGNANCY_NOT_ASKED)) == ["pregnancy"]


def test_what_is_missing_reads_as_an_instruction():
    with translation.override("en"):
        (item,) = rules.missing_for_completion(dataclasses.replace(COMPLETE, pregnancy=rules.PREGNANCY_NOT_ASKED))
    assert item.message == "Ask whether the citizen or the citizen's partner is expecting a child."


# Tasks


def test_answers_that_call_for_nothing_create_no_task():
    assert kinds(COMPLETE) == []


def test_opioid_use_calls_for_a_naloxone_course_and_kit():
    """G2.3.12 ("skal")."""
    (need,) = rules.tasks_called_for(dataclasses.replace(COMPLETE, opioid_use=True), rules.POLICY_ON_CONCERN)
    assert (need.kind, need.source) == (rules.NALOXONE, "G2.3.12")


def test_drugs_and_alcohol_call_for_treatment_for_both():
    """G2.3.13 ("skal")."""
    assert kinds(dataclasses.replace(COMPLETE, drugs_and_alcohol=True)) == [rules.DUAL_TREATMENT]


def test_fertile_age_calls_for_contraception_counselling():
    """G2.3.11 ("bør")."""
    assert kinds(dataclasses.replace(COMPLETE, fertile_age=True)) == [rules.CONTRACEPTION]


def test_an_indicated_screening_becomes_a_task():
    """G3.5.5."""
    assert kinds(dataclasses.replace(COMPLETE, specialised_screening_indicated=True)) == [rules.SCREENING]


@pytest.mark.parametrize("pregnancy", [rules.PREGNANCY_EXPECTING, rules.PREGNANCY_PARTNER_EXPECTING])
def test_an_expected_child_calls_for_the_family_outpatient_clinic_also_for_expectant_fathers(pregnancy):
    """G2.3.10 ("kommende fædre"), G3.5.10."""
    assert kinds(dataclasses.replace(COMPLETE, pregnancy=pregnancy)) == [rules.FAMILY_CLINIC_REFERRAL]


@pytest.mark.parametrize("pregnancy", [rules.PREGNANCY_NONE, rules.PREGNANCY_NOT_ASKED])
def test_no_referral_when_no_child_is_expected(pregnancy):
    assert kinds(dataclasses.replace(COMPLETE, pregnancy=pregnancy)) == []


def test_mariagerfjord_always_notifies_when_a_parent_of_a_child_at_home_is_enrolled():
    answers = dataclasses.replace(COMPLETE, children_at_home_count=2)
    assert kinds(answers, rules.POLICY_ALWAYS) == [rules.CHILD_NOTIFICATION]


def test_mariagerfjord_always_notifies_also_for_a_child_living_elsewhere():
    """Seed 003: "forælder til et barn under 18 år ... til barnets hjemkommune"."""
    answers = dataclasses.replace(COMPLETE, children_elsewhere_contact=True)
    assert kinds(answers, rules.POLICY_ALWAYS) == [rules.CHILD_NOTIFICATION]


def test_always_does_not_notify_without_a_child():
    assert kinds(COMPLETE, rules.POLICY_ALWAYS) == []


@pytest.mark.parametrize("policy", [rules.POLICY_ON_CONCERN, rules.POLICY_ON_RISK])
def test_on_concern_or_risk_a_child_at_home_alone_is_no_notification(policy):
    answers = dataclasses.replace(COMPLETE, children_at_home_count=1, children_elsewhere_contact=True)
    assert kinds(answers, policy) == []


@pytest.mark.parametrize("policy", [rules.POLICY_ALWAYS, rules.POLICY_ON_CONCERN, rules.POLICY_ON_RISK])
def test_a_recorded_concern_is_notified_whatever_the_local_practice(policy):
    """Barnets lov §133 (formerly SEL §153): the duty to notify is the law's, a standard cannot narrow it."""
    answers = dataclasses.replace(COMPLETE, children_at_home_count=1, child_concern=True)
    (need,) = rules.tasks_called_for(answers, policy)
    assert need.kind == rules.CHILD_NOTIFICATION
    assert need.source.startswith("Barnets lov §133, formerly SEL §153")


def test_a_concern_for_an_expected_child_is_notified_and_referred():
    """SEL §153(1) nr. 2 (a child expected to need support after birth) and G2.3.10."""
    answers = dataclasses.replace(COMPLETE, pregnancy=rules.PREGNANCY_EXPECTING, child_concern=True)
    assert kinds(answers) == [rules.CHILD_NOTIFICATION, rules.FAMILY_CLINIC_REFERRAL]


def test_everything_at_once_gives_each_task_once_in_a_fixed_order():
    answers = dataclasses.replace(
        COMPLETE,
        children_at_home_count=1,
        pregnancy=rules.PREGNANCY_PARTNER_EXPECTING,
        opioid_use=True,
        drugs_and_alcohol=True,
        fertile_age=True,
        specialised_screening_indicated=True,
    )
    assert kinds(answers, rules.POLICY_ALWAYS) == [
        rules.CHILD_NOTIFICATION,
        rules.FAMILY_CLINIC_REFERRAL,
        rules.NALOXONE,
        rules.DUAL_TREATMENT,
        rules.CONTRACEPTION,
        rules.SCREENING,
    ]


def test_the_rules_and_the_models_name_the_same_tasks_and_answers():
    assert set(TaskKind.values) == {
        rules.CHILD_NOTIFICATION,
        rules.FAMILY_CLINIC_REFERRAL,
        rules.NALOXONE,
        rules.DUAL_TREATMENT,
        rules.CONTRACEPTION,
        rules.SCREENING,
        rules.OUTREACH,
        rules.AFTERCARE,
    }
    assert set(Pregnancy.values) == {
        rules.PREGNANCY_NOT_ASKED,
        rules.PREGNANCY_NONE,
        rules.PREGNANCY_EXPECTING,
        rules.PREGNANCY_PARTNER_EXPECTING,
    }


answers_strategy = st.builds(
    Answers,
    children_at_home_count=st.one_of(st.none(), st.integers(min_value=0, max_value=12)),
    children_elsewhere_contact=st.booleans(),
    child_concern=st.booleans(),
    pregnancy=st.sampled_from(Pregnancy.values),
    opioid_use=st.booleans(),
    drugs_and_alcohol=st.booleans(),
    fertile_age=st.booleans(),
    specialised_screening_indicated=st.booleans(),
)


@given(answers_strategy, st.sampled_from([rules.POLICY_ALWAYS, rules.POLICY_ON_CONCERN, rules.POLICY_ON_RISK]))
def test_a_notification_follows_exactly_a_concern_or_the_always_practice(answers, policy):
    notified = rules.CHILD_NOTIFICATION in kinds(answers, policy)
    has_child = bool(answers.children_at_home_count) or answers.children_elsewhere_contact
    assert notified == (answers.child_concern or (policy == rules.POLICY_ALWAYS and has_child))


@given(answers_strategy, st.sampled_from([rules.POLICY_ALWAYS, rules.POLICY_ON_CONCERN, rules.POLICY_ON_RISK]))
def test_no_task_is_called_for_twice_and_each_cites_its_source(answers, policy):
    needs = rules.tasks_called_for(answers, policy)
    assert len({n.kind for n in needs}) == len(needs)
    assert all(n.source and n.reason for n in needs)
