"""Pure rules of a new decision and of letter channels (decisions.rules)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from decisions import rules

field_values = st.fixed_dictionaries(
    {name: st.one_of(st.none(), st.text(max_size=5), st.integers(0, 3), st.booleans()) for name in rules.LETTER_FIELDS}
)


@given(field_values)
def test_a_version_has_no_changes_against_itself(values):
    assert rules.changed_fields(values, dict(values)) == []


@given(field_values, field_values)
def test_changes_are_symmetric_and_in_the_letters_order(before, after):
    changed = rules.changed_fields(before, after)
    assert changed == rules.changed_fields(after, before)
    assert changed == [name for name in rules.LETTER_FIELDS if name in changed]


def test_blanks_around_a_text_and_empty_against_missing_are_no_change():
    assert rules.changed_fields({"reasons": " R \n"}, {"reasons": "R"}) == []
    assert rules.changed_fields({"other_help": None}, {"other_help": ""}) == []
    assert rules.changed_fields({"provider": 1}, {"provider": 2}) == ["provider"]


def test_the_authoritys_own_confirmation_is_not_a_change_in_the_letter():
    before = {"not_dual_diagnosis": True, "mental_illness_explanation": "X", "decided_on": "2026-02-09"}
    assert rules.changed_fields(before, {}) == []


def test_changed_fields_are_listed_as_a_sentence():
    assert rules.enumeration([], "og") == ""
    assert rules.enumeration(["a"], "og") == "a"
    assert rules.enumeration(["a", "b"], "og") == "a og b"
    assert rules.enumeration(["a", "b", "c"], "og") == "a, b og c"


@given(st.lists(st.sampled_from(sorted(rules.CHANGE_LABELS)), unique=True))
def test_every_letter_field_has_a_label(names):
    assert len(rules.change_labels(names)) == len(names)
    assert set(rules.CHANGE_LABELS) == set(rules.LETTER_FIELDS)


D = datetime.date(2026, 3, 2)


def _problems(**overrides):
    values = dict(
        previous_issued_on=D,
        new_issued_on=D,
        reason="Rettelse.",
        changed=["purpose"],
        complaint_received_on=None,
        in_treatment=False,
        outcome=rules.GRANT,
        free_choice_made=False,
    )
    return {p.field for p in rules.reissue_problems(**(values | overrides))}


def test_a_new_decision_needs_a_reason_a_change_and_a_fitting_date():
    assert _problems() == set()
    assert _problems(reason="  ") == {"reason"}
    assert _problems(changed=[]) == {"__all__"}
    assert _problems(new_issued_on=D - datetime.timedelta(days=1)) == {"decided_on"}
    assert _problems(complaint_received_on=D + datetime.timedelta(days=1)) == {"decided_on"}
    assert _problems(in_treatment=True, outcome=rules.REFUSAL) == {"outcome"}
    assert _problems(free_choice_made=True, outcome=rules.REFUSAL) == {"outcome"}
    assert _problems(free_choice_made=True, outcome=rules.PARTIAL) == set()


def test_a_protected_address_refuses_post_only():
    for channel in (rules.DIGITAL_POST, rules.HANDED_OVER):
        assert rules.channel_problems(channel, address_protected=True) == []
    assert [p.field for p in rules.channel_problems(rules.POST, address_protected=True)] == ["channel"]
    assert rules.channel_problems(rules.POST, address_protected=False) == []
    assert rules.prints_address(False) and not rules.prints_address(True)
