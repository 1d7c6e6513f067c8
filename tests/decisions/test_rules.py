"""The decision's legal rules, without the database: deadlines, letter contents, free choice."""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions import rules
from decisions.rules import DecisionDraft

OUTCOMES = ("grant", "partial", "refusal")
FORMS = ("written", "oral")
KINDS = ("outpatient", "day", "residential", "follow_up", "other", "anonymous", "advice")
CENTRE_KINDS = ("municipal", "external_public", "external_private")
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


# ----------------------------------------------------------------- complaint deadline (RSL §67)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 6, 1), date(2026, 6, 29)),  # Monday to Monday
        (date(2024, 2, 1), date(2024, 2, 29)),  # leap year: 29 February exists
        (date(2023, 2, 1), date(2023, 3, 1)),  # common year: into March
        (date(2024, 1, 31), date(2024, 2, 28)),  # from a month's end
        (date(2024, 2, 29), date(2024, 3, 28)),  # from a leap day
        (date(2026, 12, 15), date(2027, 1, 12)),  # over the new year
        (date(2026, 3, 16), date(2026, 4, 13)),  # over the change to summer time
    ],
)
def test_the_complaint_deadline_is_four_weeks_after_the_decision_was_received(received, deadline):
    assert rules.complaint_deadline(received) == deadline


@given(dates, st.integers(min_value=1, max_value=12))
def test_the_deadline_is_whole_weeks_later_on_the_same_weekday(received, weeks):
    deadline = rules.complaint_deadline(received, weeks)
    assert (deadline - received).days == 7 * weeks
    assert deadline.weekday() == received.weekday()


@given(dates)
def test_four_weeks_are_28_calendar_days_whatever_the_month(received):
    assert rules.complaint_deadline(received) == received + timedelta(days=28)


@given(dates, st.integers(min_value=-60, max_value=60))
def test_a_complaint_is_late_exactly_when_it_comes_after_the_deadline(decision_received, offset):
    complaint_received = decision_received + timedelta(days=offset)
    assert rules.is_late(complaint_received, decision_received) == (offset > 28)


def test_a_complaint_on_the_last_day_is_in_time_and_the_day_after_is_late():
    received = date(2024, 2, 1)
    assert not rules.is_late(date(2024, 2, 29), received)
    assert rules.is_late(date(2024, 3, 1), received)


@pytest.mark.parametrize(("standard", "told"), [(None, 4), (0, 4), (3, 4), (4, 4), (6, 6)])
def test_the_citizen_is_never_given_less_than_the_laws_four_weeks(standard, told):
    assert rules.complaint_weeks(standard) == told


# ----------------------------------------------------------------- the letter (FVL §§22–25)

EXPECTED = {
    # outcome: (offer/purpose/free choice, reasons/legal basis/considerations/facts/guidance, other help)
    "grant": (True, False, False),
    "partial": (True, True, False),
    "refusal": (False, True, True),
}


@pytest.mark.parametrize(("outcome", "form"), list(itertools.product(OUTCOMES, FORMS)))
def test_the_letter_requirements_for_every_outcome_and_form(outcome, form):
    allocates, explains, other_help = EXPECTED[outcome]
    needs = rules.letter_requirements(outcome, form)
    assert needs.allocated_offer is allocates
    assert needs.implementation_and_purpose is allocates
    assert needs.free_choice is allocates
    assert (needs.reasons, needs.legal_basis, needs.considerations, needs.key_facts) == (explains,) * 4
    assert needs.complaint_guidance is explains
    assert needs.other_help is other_help
    assert needs.written_reasons_on_request is (form == "oral" and outcome != "grant")


def test_a_full_grant_carries_no_complaint_guidance_but_free_choice():
    needs = rules.letter_requirements("grant", "written")
    assert not needs.complaint_guidance and needs.free_choice


# ----------------------------------------------------------------- the decision's problems


def complete(outcome: str, **overrides) -> DecisionDraft:
    values = {"outcome": outcome, "form": "written"}
    if outcome != "refusal":
        values |= {
            "offer_kind": "outpatient",
            "has_provider": True,
            "provider_offer_kinds": ("outpatient",),
            "implementation": "Samtaler",
            "purpose": "Formål",
        }
    if outcome != "grant":
        values |= {"reasons": "R", "legal_basis": "L", "considerations": "C", "key_facts": "F"}
    if outcome == "refusal":
        values |= {"other_help": "O", "not_dual_diagnosis_confirmed": True}
    return DecisionDraft(**(values | overrides))


def fields_of(draft: DecisionDraft) -> set[str]:
    return {p.field for p in rules.decision_problems(draft)}


@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("form", FORMS)
def test_a_complete_decision_has_no_problems(outcome, form):
    assert rules.decision_problems(complete(outcome, form=form)) == []


REQUIRED_TEXTS = {
    "grant": {"implementation", "purpose"},
    "partial": {"implementation", "purpose", "reasons", "legal_basis", "considerations", "key_facts"},
    "refusal": {"reasons", "legal_basis", "considerations", "key_facts", "other_help"},
}
TEXTS = ("reasons", "legal_basis", "considerations", "key_facts", "implementation", "purpose", "other_help")


@given(st.sampled_from(OUTCOMES), st.sets(st.sampled_from(TEXTS)))
def test_exactly_the_required_texts_that_are_empty_are_problems(outcome, emptied):
    draft = complete(outcome, **{name: "  " for name in emptied})
    assert fields_of(draft) == emptied & REQUIRED_TEXTS[outcome]


def test_a_refusal_must_be_confirmed_not_to_rest_on_mental_illness_with_drug_use():
    assert fields_of(complete("refusal", not_dual_diagnosis_confirmed=False)) == {"not_dual_diagnosis"}


def test_a_grant_needs_no_such_confirmation():
    assert fields_of(complete("grant", not_dual_diagnosis_confirmed=False)) == set()


def test_a_grant_names_the_offer_and_provider():
    assert fields_of(complete("grant", offer_kind="", has_provider=False)) == {"offer_kind", "provider"}


def test_a_refusal_allocates_nothing():
    draft = complete("refusal", offer_kind="outpatient", has_provider=True, intensity_tier_kind="outpatient")
    assert fields_of(draft) == {"offer_kind", "provider", "intensity_tier"}


@pytest.mark.parametrize("kind", ["advice", "anonymous"])
def test_advice_and_anonymous_treatment_are_not_allocated_here(kind):
    assert "offer_kind" in fields_of(complete("grant", offer_kind=kind, provider_offer_kinds=(kind,)))


def test_the_provider_must_offer_the_kind_and_the_tier_must_match_it():
    assert fields_of(complete("grant", offer_kind="day")) == {"provider"}
    assert fields_of(complete("partial", intensity_tier_kind="residential")) == {"intensity_tier"}


# ----------------------------------------------------------------- written reasons (FVL §23)


@pytest.mark.parametrize(("outcome", "form"), list(itertools.product(OUTCOMES, FORMS)))
def test_written_reasons_can_be_demanded_for_an_oral_decision_not_fully_granted(outcome, form):
    assert rules.written_reasons_request_allowed(outcome, form) is (form == "oral" and outcome != "grant")


@given(dates, st.integers(min_value=-5, max_value=30))
def test_the_demand_for_written_reasons_comes_within_14_days(told, offset):
    assert rules.written_reasons_request_in_time(told, told + timedelta(days=offset)) is (0 <= offset <= 14)


# ----------------------------------------------------------------- free choice (SEL §101(5); 23-18)


def allowed(allocated, chosen="", offers=None, centre_kind="external_private", portal=True) -> bool:
    chosen = chosen or allocated
    return rules.free_choice_allowed(
        allocated_kind=allocated,
        chosen_kind=chosen,
        provider_offer_kinds=offers if offers is not None else [chosen],
        provider_kind=centre_kind,
        provider_on_tilbudsportalen=portal,
    )


@pytest.mark.parametrize(
    ("allocated", "chosen", "offers", "centre_kind", "portal", "expected"),
    [
        ("outpatient", "outpatient", ["outpatient"], "external_private", True, True),
        ("outpatient", "residential", ["residential"], "external_private", True, False),  # 23-18
        ("day", "residential", ["day", "residential"], "external_public", False, False),  # 23-18
        ("residential", "day", ["day"], "external_private", True, False),  # no choice between them
        ("residential", "residential", ["residential"], "external_private", True, True),
        ("outpatient", "day", ["day"], "municipal", False, False),  # not the same kind
        ("outpatient", "outpatient", ["day"], "municipal", False, False),  # provider lacks the offer
        ("outpatient", "outpatient", ["outpatient"], "external_private", False, False),  # not on Tilbudsportalen
        ("outpatient", "outpatient", ["outpatient"], "external_public", False, True),  # public
        ("outpatient", "outpatient", ["outpatient"], "municipal", False, True),  # public
        ("anonymous", "anonymous", ["anonymous"], "external_public", True, False),  # SEL §101a
        ("", "outpatient", ["outpatient"], "external_private", True, False),  # a refusal
    ],
)
def test_free_choice(allocated, chosen, offers, centre_kind, portal, expected):
    assert allowed(allocated, chosen, offers, centre_kind, portal) is expected


def test_free_choice_is_allowed_only_for_the_same_kind_at_a_public_or_listed_provider():
    """Every combination of kinds, offers, provider kinds and listing, against the rule in words."""
    offer_lists = [[], ["outpatient"], ["residential"], list(KINDS)]
    for allocated, chosen, offers, centre_kind, portal in itertools.product(
        KINDS, KINDS, offer_lists, CENTRE_KINDS, [True, False]
    ):
        expected = (
            allocated == chosen
            and allocated != "anonymous"
            and chosen in offers
            and (centre_kind != "external_private" or portal)
        )
        assert allowed(allocated, chosen, offers, centre_kind, portal) is expected, (allocated, chosen, offers)


def test_the_reason_for_refusing_a_residential_place_names_the_principle_decision():
    problems = rules.free_choice_problems(
        allocated_kind="outpatient",
        chosen_kind="residential",
        provider_offer_kinds=["residential"],
        provider_kind="external_private",
        provider_on_tilbudsportalen=True,
    )
    assert len(problems) == 1 and "23-18" in problems[0]


# ----------------------------------------------------------------- complaints


def test_decisions_under_101a_cannot_be_appealed():
    assert not rules.can_be_appealed("SEL_101A")
    assert all(rules.can_be_appealed(law) for law in ("SEL_101", "SUL_141", "SUL_142"))


def test_the_route_for_decisions_comes_from_the_standard():
    routes = [
        {"subject": "case_handling", "body": "socialchefen", "deadline": "", "then": ""},
        {"subject": "decision", "body": "Odsherred Kommune", "deadline": "", "then": "Ankestyrelsen"},
    ]
    route = rules.decision_complaint_route(routes, fallback_body="Centret")
    assert (route["body"], route["then"]) == ("Odsherred Kommune", "Ankestyrelsen")


def test_without_a_route_the_laws_route_applies():
    route = rules.decision_complaint_route([], fallback_body="Rusmiddelcenter Randers")
    assert (route["body"], route["then"]) == ("Rusmiddelcenter Randers", "Ankestyrelsen")


@pytest.mark.parametrize(
    ("outcome", "reassessed", "forwarded", "fields"),
    [
        ("upheld", date(2026, 3, 2), date(2026, 3, 3), set()),
        ("upheld", date(2026, 3, 2), None, {"forwarded_on"}),
        ("upheld", date(2026, 3, 2), date(2026, 3, 1), {"forwarded_on"}),
        ("changed", date(2026, 3, 2), None, set()),
        ("changed", date(2026, 3, 2), date(2026, 3, 3), {"forwarded_on"}),
        ("changed", date(2026, 2, 27), None, {"reassessed_on"}),
    ],
)
def test_an_upheld_decision_is_forwarded_and_a_changed_one_is_not(outcome, reassessed, forwarded, fields):
    problems = rules.reassessment_problems(
        outcome=outcome, reassessed_on=reassessed, received_on=date(2026, 3, 1), forwarded_on=forwarded
    )
    assert {p.field for p in problems} == fields
