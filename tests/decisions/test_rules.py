"""The decision's legal rules, without the database: deadlines, letter contents, free choice."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from deadlines.rules import LAW_REASSESSMENT_WEEKS
from decisions import rules
from decisions.rules import DecisionDraft
from forlob.dates import next_working_day

OUTCOMES = ("grant", "partial", "refusal")
FORMS = ("written", "oral")
KINDS = ("outpatient", "day", "residential", "follow_up", "other", "anonymous", "advice")
CENTRE_KINDS = ("municipal", "external_public", "external_private")
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@pytest.fixture(autouse=True)
def _english():
    """Messages are read as their English msgids here; the Danish text is tested on the pages."""
    with translation.override("en"):
        yield


# ----------------------------------------------------------------- complaint deadline (RSL §67)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 6, 1), date(2026, 6, 29)),  # Monday to Monday
        (date(2024, 2, 1), date(2024, 2, 29)),  # leap year: 29 February exists
        (date(2023, 2, 1), date(2023, 3, 1)),  # common year: into March
        (date(2024, 1, 31), date(2024, 2, 28)),  # from a month's end
        (date(2024, 2, 29), date(2024, 4, 2)),  # 28 March 2024 is Maundy Thursday: runs to Tuesday after Easter
        (date(2026, 12, 15), date(2027, 1, 12)),  # over the new year
        (date(2026, 3, 16), date(2026, 4, 13)),  # over the change to summer time
        (date(2026, 2, 28), date(2026, 3, 30)),  # ends Saturday 28 March: runs to Monday
        (date(2026, 11, 28), date(2026, 12, 28)),  # ends Saturday 26 December (Boxing Day): runs to Monday
    ],
)
def test_the_complaint_deadline_is_four_weeks_after_the_decision_was_received(received, deadline):
    assert rules.complaint_deadline(received) == deadline


@given(dates, st.integers(min_value=1, max_value=12))
def test_the_deadline_is_the_first_working_day_on_or_after_whole_weeks(received, weeks):
    deadline = rules.complaint_deadline(received, weeks)
    counted = received + timedelta(weeks=weeks)
    assert deadline == next_working_day(counted)
    assert counted <= deadline <= counted + timedelta(days=5)


@given(dates, st.integers(min_value=-60, max_value=60))
def test_a_complaint_is_late_exactly_when_it_comes_after_the_deadline(decision_received, offset):
    complaint_received = decision_received + timedelta(days=offset)
    assert rules.is_late(complaint_received, decision_received) == (
        complaint_received > next_working_day(decision_received + timedelta(days=28))
    )


def test_a_complaint_on_the_working_day_after_a_weekend_deadline_is_in_time():
    received = date(2026, 2, 28)  # four weeks end on Saturday 28 March 2026
    assert not rules.is_late(date(2026, 3, 30), received)
    assert rules.is_late(date(2026, 3, 31), received)


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


# ----------------------------------------------------------------- when the citizen receives a letter


@pytest.mark.parametrize("channel", ["digital_post", "handed_over"])
def test_digital_post_and_a_letter_handed_over_are_received_the_day_they_are_sent(channel):
    assert rules.received_on(date(2026, 3, 20), channel) == date(2026, 3, 20)


def test_a_letter_by_post_is_taken_as_received_on_the_fifth_working_day():
    assert rules.received_on(date(2026, 3, 16), "post") == date(2026, 3, 23)  # Monday -> next Monday
    assert rules.received_on(date(2026, 3, 31), "post") == date(2026, 4, 10)  # over Easter 2026


@given(dates, st.sampled_from(["digital_post", "post", "handed_over"]), st.integers(min_value=4, max_value=8))
def test_a_letter_never_states_a_deadline_before_four_weeks_after_it_is_sent(sent, channel, weeks):
    deadline = rules.letter_deadline(sent, channel, weeks)
    assert deadline.received_on >= sent
    assert deadline.due_on >= sent + timedelta(weeks=weeks)
    assert deadline.moved == (deadline.due_on != deadline.counted_to)


def test_a_deadline_on_a_saturday_is_moved_and_says_so():
    deadline = rules.letter_deadline(date(2026, 2, 28), "digital_post", 4)
    assert (deadline.counted_to, deadline.due_on, deadline.moved) == (date(2026, 3, 28), date(2026, 3, 30), True)


def dispatch(sent_on, channel="digital_post", stated=date(2026, 4, 13)):
    problems = rules.dispatch_problems(
        letter_dated_on=date(2026, 3, 16),
        letter_channel="digital_post",
        stated_deadline=stated,
        sent_on=sent_on,
        channel=channel,
        weeks=4,
        today=date(2026, 3, 20),
    )
    return [(p.field, p.message) for p in problems]


def test_a_letter_sent_the_day_it_is_dated_is_fine():
    assert dispatch(date(2026, 3, 16)) == []


def test_a_letter_is_not_sent_before_its_date_nor_in_the_future():
    assert dispatch(date(2026, 3, 15)) == [("sent_on", "The letter cannot be sent before the date it carries.")]
    assert dispatch(date(2026, 3, 21)) == [("sent_on", "The date cannot be in the future.")]


def test_a_letter_sent_later_or_by_post_would_state_too_short_a_deadline():
    message = (
        "Sent like this, the citizen has longer to complain than the letter says. "
        "Generate the letter again, dated the day it is sent."
    )
    assert dispatch(date(2026, 3, 18)) == [("sent_on", message)]
    assert dispatch(date(2026, 3, 16), channel="post") == [("channel", message)]
    assert dispatch(date(2026, 3, 18), stated=None) == []  # a full grant states no deadline


# ----------------------------------------------------------------- the law's wording in the letter

ODSHERRED_ROUTES = [
    {"subject": "decision", "body": "Odsherred Kommune", "then": "Ankestyrelsen"},
    {"subject": "medical", "body": "Styrelsen for Patientsikkerhed", "then": ""},
]


@pytest.mark.parametrize(
    ("law", "outcome", "words"),
    [
        ("SEL_101", "grant", "Social Services Act §101"),
        ("SEL_101", "refusal", "refused social treatment"),
        ("SUL_141", "partial", "Health Act §141"),
        ("SUL_142", "refusal", "Health Act §142"),
    ],
)
def test_the_decision_names_its_law(law, outcome, words):
    assert words in rules.letter_law_wording(law, outcome, []).decision


def test_social_treatment_cites_sel_101_and_rsl_67():
    wording = rules.letter_law_wording("SEL_101", "partial", [])
    assert "§101(5)" in wording.free_choice and "§101(6)" in wording.free_choice_guarantee
    assert "Legal Protection Act §67" in wording.complaint_deadline
    assert "heroin" not in wording.free_choice_exception and wording.medical_complaints == ""


def test_medical_treatment_excludes_heroin_and_sends_medical_complaints_where_the_standard_says():
    wording = rules.letter_law_wording("SUL_142", "partial", ODSHERRED_ROUTES)
    assert "heroin" in wording.free_choice_exception
    assert "§101" not in wording.free_choice and "§67" not in wording.complaint_deadline
    assert "Styrelsen for Patientsikkerhed" in wording.medical_complaints


def test_no_medical_route_for_social_treatment_or_without_the_standard_naming_one():
    assert rules.letter_law_wording("SEL_101", "refusal", ODSHERRED_ROUTES).medical_complaints == ""
    assert rules.letter_law_wording("SUL_141", "refusal", ODSHERRED_ROUTES[:1]).medical_complaints == ""


@pytest.mark.parametrize(("standard", "weeks"), [(None, LAW_REASSESSMENT_WEEKS), (2, 2), (6, LAW_REASSESSMENT_WEEKS)])
def test_the_letter_promises_the_re_assessment_period_the_deadline_engine_counts(standard, weeks):
    assert rules.letter_reassessment_weeks(standard) == weeks


# ----------------------------------------------------------------- mental illness (G2.6.14)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Borgeren har en psykisk sygdom.", ["psykisk sygdom"]),
        ("Diagnosen skizofreni og tidligere psykoser.", ["diagnosen", "skizofreni", "psykoser"]),
        ("Behandles i psykiatrien for depression og angst.", ["psykiatrien", "depression", "angst"]),
        ("ADHD og bipolar lidelse; personlighedsforstyrrelse.", ["adhd", "bipolar", "personlighedsforstyrrelse"]),
        ("A psychiatric diagnosis of schizophrenia.", ["psychiatric", "diagnosis", "schizophrenia"]),
        ("Forbruget er lavt og stabilt.", []),
        ("Han er tømrer og bor i Langstangvej.", []),  # "angst" only at the start of a word
    ],
)
def test_mentions_of_mental_illness_are_found(text, terms):
    assert rules.mental_illness_terms(text) == terms


def test_each_term_is_reported_once_across_texts():
    assert rules.mental_illness_terms("Angst.", "angst", "") == ["angst"]


def test_a_refusal_mentioning_mental_illness_needs_a_written_explanation():
    draft = complete("refusal", reasons="Borgeren har skizofreni.")
    problems = rules.decision_problems(draft)
    assert [p.field for p in problems] == ["mental_illness_explanation"]
    assert "skizofreni" in problems[0].message and "G2.6.14" in problems[0].message
    explained = complete(
        "refusal", reasons="Borgeren har skizofreni.", mental_illness_explanation="Afslaget bygger på X."
    )
    assert rules.decision_problems(explained) == []


def test_the_tick_alone_is_not_enough_and_the_explanation_alone_is_not_either():
    ticked_only = complete("refusal", considerations="Psykose", not_dual_diagnosis_confirmed=True)
    assert fields_of(ticked_only) == {"mental_illness_explanation"}
    explained_only = complete(
        "refusal", considerations="Psykose", not_dual_diagnosis_confirmed=False, mental_illness_explanation="Y"
    )
    assert fields_of(explained_only) == {"not_dual_diagnosis"}


def test_a_grant_that_mentions_a_diagnosis_is_not_flagged():
    assert fields_of(complete("partial", reasons="Diagnosen ADHD er kendt.")) == set()


@pytest.mark.parametrize(("outcome", "fields"), [("refusal", set()), ("grant", {"refused_outside_law"})])
def test_only_a_refusal_can_rest_on_the_request_being_outside_the_law(outcome, fields):
    assert fields_of(complete(outcome, refused_outside_law=True)) == fields
