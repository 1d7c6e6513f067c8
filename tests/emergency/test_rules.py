"""The break-the-glass rules, without a database: a reason that says something, and one renewal a day."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from emergency.rules import (
    MIN_REASON_LENGTH,
    REASON_MESSAGES,
    REPETITIVE,
    TOO_FEW_WORDS,
    TOO_SHORT,
    is_real_word,
    reason_is_sufficient,
    reason_problem,
    renewal_needs_approval,
)

GOOD_REASONS = [
    "Borgeren er indlagt akut, og afdelingen spørger til hans medicin.",
    "Vagtlægen ringer: borgeren er fundet bevidstløs, behov for medicinliste nu.",
    "Politiet har bragt borgeren til skadestuen; hvilken substitution får han?",
    "Akut indlæggelse på psykiatrisk afdeling, de beder om behandlingsplanen",
    "Borger møder op i vores center i abstinenser og ønsker hjælp i dag",
    "Skadestuen spørger om metadondosis før de giver smertestillende",
    # Five different real words: the rule cannot tell a good reason from a poor one, only make sure
    # that it says something the reviewing manager can judge (and object to).
    "jeg skal bare lige se",
]
BAD_REASONS = {
    "akut": TOO_SHORT,
    "x": TOO_SHORT,
    "                akut                ": TOO_SHORT,
    "aaaaaaaaaaaaaaaaaaaaa": REPETITIVE,
    "a a a a a a a a a a a a a a": REPETITIVE,
    "test test test test test": REPETITIVE,
    "Akut akut akut akut akut akut": REPETITIVE,
    "asdf asdf asdf asdf": TOO_SHORT,
    "asdf asdf asdf asdf asdf": TOO_FEW_WORDS,
    "asdfgh qwerty zxcvbn hjkl": TOO_FEW_WORDS,
    "1234567890 1234567890 12": TOO_FEW_WORDS,
    "xx yy zz qq rr ss tt vv ww": TOO_FEW_WORDS,
    "Borgeren er indlagt!!!!!!!!!!!!!!!!!!!!!!!!": REPETITIVE,
    "test test test test test lige nu her": REPETITIVE,
}


@pytest.mark.parametrize("reason", GOOD_REASONS)
def test_a_plain_danish_sentence_is_sufficient(reason):
    assert reason_problem(reason) is None
    assert reason_is_sufficient(reason)


@pytest.mark.parametrize(("reason", "problem"), BAD_REASONS.items())
def test_tokens_keyboard_runs_and_repetitions_are_refused_with_their_own_message(reason, problem):
    assert reason_problem(reason) == problem
    assert not reason_is_sufficient(reason)


def test_each_problem_has_its_own_message_in_danish():
    with translation.override("da"):
        messages = {code: str(message) for code, message in REASON_MESSAGES.items()}
    assert messages[TOO_SHORT] == "Beskriv det akutte behov i en sætning (mindst 20 tegn)."
    # New texts: English until the catalogue takes the Danish from the translation file.
    assert messages[TOO_FEW_WORDS] in {
        "Describe the urgent need in at least four real words: who needs the record, for what, and why now.",
        "Beskriv det akutte behov med mindst fire rigtige ord: hvem har brug for journalen, til hvad, og hvorfor nu.",
    }
    assert messages[REPETITIVE] in {
        "Write the reason in your own words: repeated characters or words cannot be judged afterwards.",
        "Skriv begrundelsen med dine egne ord: gentagne tegn eller ord kan ikke vurderes bagefter.",
    }


@pytest.mark.parametrize("word", ["er", "og", "indlagt", "Ærø", "ØJE", "by", "søvn"])
def test_real_words(word):
    assert is_real_word(word)


@pytest.mark.parametrize("word", ["x", "hm", "bcd", "asdf", "qwer", "zxcvb", "hjkl", "sdfg", "tt"])
def test_not_real_words(word):
    assert not is_real_word(word)


words = st.sampled_from(["borgeren", "er", "indlagt", "akut", "afdelingen", "spørger", "medicin", "nu", "til", "om"])


@given(st.lists(words, min_size=4, max_size=20))
def test_any_reason_passing_has_four_different_real_words_and_twenty_characters(chosen):
    reason = " ".join(chosen)
    if reason_is_sufficient(reason):
        assert len(reason) >= MIN_REASON_LENGTH
        assert len(set(chosen)) >= 4


@given(st.permutations(["borgeren", "er", "indlagt", "akut", "afdelingen", "spørger", "medicin"]))
def test_seven_different_words_in_any_order_pass(chosen):
    assert reason_is_sufficient(" ".join(chosen))


@given(
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P"]), min_size=1, max_size=3),
    st.integers(min_value=5, max_value=60),
    st.sampled_from(["", " ", ", "]),
)
def test_one_token_repeated_never_passes(token, times, separator):
    assert not reason_is_sufficient(separator.join([token] * times))


@given(st.text(max_size=19))
def test_anything_under_twenty_characters_fails(text):
    assert reason_problem(text) == TOO_SHORT


@given(st.text(max_size=400))
def test_any_text_gets_an_answer_never_an_exception(text):
    assert reason_problem(text) in {None, TOO_SHORT, TOO_FEW_WORDS, REPETITIVE}


ENDED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "needs"),
    [
        (ENDED + timedelta(minutes=1), True),
        (ENDED + timedelta(hours=23, minutes=59), True),
        (ENDED + timedelta(hours=24), False),
        (ENDED + timedelta(days=3), False),
    ],
)
def test_a_renewal_within_a_day_after_the_last_access_ended_needs_approval(now, needs):
    assert renewal_needs_approval(last_ended=ENDED, now=now) is needs


def test_a_first_access_needs_no_approval():
    assert not renewal_needs_approval(last_ended=None, now=ENDED)
