"""The law check of anonymous treatment (SEL §101a(1)-(2)): pure, no database."""

from dataclasses import replace
from datetime import date

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from forlob.citations import danish_citation
from standards.rules import anonymous_provider_shortfalls, law_shortfalls
from tests.standards.test_rules import LAWFUL

ANONYMOUS_CODES = ("anonymous_not_offered", "anonymous_providers_few", "anonymous_provider_outside")


def codes(shortfalls):
    return [s.code for s in shortfalls]


@given(offered=st.booleans(), providers=st.lists(st.booleans(), max_size=8).map(tuple))
def test_every_combination_of_service_and_providers(offered, providers):
    expected = []
    if not offered:
        expected.append("anonymous_not_offered")
    if len(providers) < 2:
        expected.append("anonymous_providers_few")
    if True not in providers:
        expected.append("anonymous_provider_outside")
    assert codes(anonymous_provider_shortfalls(offered, providers)) == expected


@given(n_inside=st.integers(0, 6), n_outside=st.integers(0, 6))
def test_two_providers_one_outside_is_exactly_what_the_law_asks(n_inside, n_outside):
    providers = (False,) * n_inside + (True,) * n_outside
    lawful = n_inside + n_outside >= 2 and n_outside >= 1
    assert (anonymous_provider_shortfalls(True, providers) == []) is lawful


def test_the_order_of_the_providers_does_not_matter():
    assert anonymous_provider_shortfalls(True, (True, False)) == anonymous_provider_shortfalls(True, (False, True))


def test_one_provider_outside_is_too_few_but_lies_outside():
    """Mariagerfjord: only Rusmiddelafsnittet i Aalborg."""
    assert codes(anonymous_provider_shortfalls(True, (True,))) == ["anonymous_providers_few"]


def test_no_provider_named_gets_both_warnings():
    assert codes(anonymous_provider_shortfalls(True, ())) == ["anonymous_providers_few", "anonymous_provider_outside"]


def test_many_providers_all_inside_the_municipality_still_miss_one_outside():
    assert codes(anonymous_provider_shortfalls(True, (False, False, False))) == ["anonymous_provider_outside"]


def test_a_standard_that_does_not_offer_the_service_falls_short_of_the_duty():
    assert codes(anonymous_provider_shortfalls(False, (True, True))) == ["anonymous_not_offered"]


def test_the_sources_are_the_paragraphs_of_101a_in_danish_notation():
    found = anonymous_provider_shortfalls(False, ())
    assert [danish_citation(s.source) for s in found] == [
        "servicelovens § 101 a, stk. 1",
        "servicelovens § 101 a, stk. 2",
        "servicelovens § 101 a, stk. 2",
    ]


def test_the_messages_say_what_is_missing():
    with translation.override("en"):
        none, outside = (str(s.message) for s in anonymous_provider_shortfalls(True, ()))
        (one,) = (str(s.message) for s in anonymous_provider_shortfalls(True, (True,)))
        (offered,) = (str(s.message) for s in anonymous_provider_shortfalls(False, (True, False)))
    assert "no provider" in none and "two or more" in none
    assert "only one provider" in one
    assert "outside the municipality" in outside
    assert "must offer anonymous" in offered


def test_the_law_check_has_the_anonymous_warnings_in_a_stable_place():
    """After the complaint deadline, before the revision checks (which lapse with a newer version)."""
    worst = replace(
        LAWFUL,
        complaint_deadline_weeks=2,
        approved_on=None,
        anonymous_service=False,
        anonymous_providers_outside=(),
    )
    found = codes(law_shortfalls(worst, today=date(2026, 11, 23)))
    assert found == ["complaint_deadline", *ANONYMOUS_CODES, "revision_unknown"]
    superseded = codes(law_shortfalls(worst, today=date(2026, 11, 23), superseded=True))
    assert superseded == ["complaint_deadline", *ANONYMOUS_CODES]


def test_a_lawful_standard_has_no_anonymous_warnings():
    assert law_shortfalls(LAWFUL, today=date(2026, 11, 23)) == []
