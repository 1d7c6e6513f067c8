"""CPR numbers and ages (citizens/rules.py, citizens/crypto.py, demo/cpr.py)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citizens import crypto
from citizens.rules import (
    CPR_SEARCH_LIMITS,
    InvalidCPR,
    age_on,
    cpr_as_shown,
    cpr_searches_allowed,
    is_cpr_search,
    mask_cpr,
    mask_cpr_like,
    name_words,
    normalise_cpr,
    search_log_text,
)
from demo.cpr import _modulus_11, fictional_cpr

TODAY = date(2026, 11, 23)


def test_a_cpr_number_with_or_without_dash_is_normalised():
    assert normalise_cpr("150685-9900", today=TODAY) == "1506859900"
    assert normalise_cpr(" 1506859900 ", today=TODAY) == "1506859900"


def test_a_number_failing_modulus_11_is_still_valid():
    number = fictional_cpr(date(1985, 6, 15))
    assert _modulus_11(number) != 0
    assert normalise_cpr(number, today=TODAY) == number


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12345", "format"),
        ("15068599000", "format"),
        ("1506-85990a", "format"),
        ("", "format"),
        ("3102859900", "date"),
        ("1513859900", "date"),
        ("2902019900", "date"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(text, reason):
    with pytest.raises(InvalidCPR) as refused:
        normalise_cpr(text, today=TODAY)
    assert refused.value.reason == reason


def test_the_century_digit_decides_the_birth_year():
    assert normalise_cpr("0101994000", today=TODAY)  # 4 with 99: 1999
    assert normalise_cpr("0101200000", today=TODAY)  # 0 with 20: 1920
    with pytest.raises(InvalidCPR) as refused:
        normalise_cpr("0101309000", today=TODAY)  # 9 with 30: 2030, not born yet
    assert refused.value.reason == "future"


def test_a_leap_day_birth_is_valid_only_in_a_leap_year():
    assert normalise_cpr("2902849900", today=TODAY)
    with pytest.raises(InvalidCPR) as refused:
        normalise_cpr("2902859900", today=TODAY)
    assert refused.value.reason == "date"


def test_the_mask_shows_the_birth_date_only():
    assert mask_cpr("1506859900") == "150685-XXXX"


@pytest.mark.parametrize(
    "text",
    ["CPR 0101011234 ringede", "cpr: 010101-1234.", "010101 1234", "(010101/1234)", "nr.010101.1234"],
)
def test_a_cpr_number_typed_into_free_text_is_masked(text):
    masked = mask_cpr_like(text)
    assert "XXXXXX-XXXX" in masked
    assert "1234" not in masked


@pytest.mark.parametrize(
    "text",
    [
        "Tlf. 12 34 56 78",
        "den 01.12.2026",
        "konto 12345678901234",
        "1234-5678",
        "letters/decision-1-20260316-110000-9889cf8e.pdf",
    ],
)
def test_other_numbers_in_free_text_are_left_alone(text):
    assert mask_cpr_like(text) == text


def test_age_turns_on_the_birthday():
    assert age_on(date(2008, 11, 23), TODAY) == 18
    assert age_on(date(2008, 11, 24), TODAY) == 17


def test_someone_born_on_a_leap_day_turns_older_on_1_march_in_a_common_year():
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


@given(st.dates(min_value=date(1937, 1, 1), max_value=date(2026, 11, 23)), st.integers(min_value=0, max_value=5))
def test_every_fictional_number_is_valid_fails_modulus_11_and_keeps_the_birth_date(born, n):
    number = fictional_cpr(born, n)
    assert normalise_cpr(number, today=TODAY) == number
    assert _modulus_11(number) != 0
    assert number[6:8] == "99"


class TestProtection:
    def test_encryption_round_trips_and_never_repeats(self):
        first, second = crypto.encrypt_cpr("1506859900"), crypto.encrypt_cpr("1506859900")
        assert first != second
        assert "1506859900" not in first
        assert crypto.decrypt_cpr(first) == crypto.decrypt_cpr(second) == "1506859900"

    def test_a_tampered_ciphertext_is_refused(self):
        from cryptography.exceptions import InvalidTag

        token = crypto.encrypt_cpr("1506859900")
        version, payload = token.split(":")
        broken = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
        with pytest.raises((InvalidTag, ValueError)):
            crypto.decrypt_cpr(f"{version}:{broken}")

    def test_the_index_is_keyed(self, settings):
        plain_sha = __import__("hashlib").sha256(b"1506859900").hexdigest()
        index = crypto.cpr_index("1506859900")
        assert index != plain_sha
        settings.FORLOB_CPR_INDEX_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
        assert crypto.cpr_index("1506859900") != index


class TestCprSearchRules:
    """Searching by CPR number (citizens/rules.py): limits, what counts, what the log keeps."""

    @pytest.mark.parametrize(("full", "window", "day"), [(False, 10, 40), (True, 30, 200)])
    def test_the_limits_in_a_quarter_of_an_hour_and_a_day(self, full, window, day):
        assert cpr_searches_allowed(window - 1, last_day=window - 1, full_cpr_role=full)
        assert not cpr_searches_allowed(window, last_day=window, full_cpr_role=full)
        assert cpr_searches_allowed(0, last_day=day - 1, full_cpr_role=full)
        assert not cpr_searches_allowed(0, last_day=day, full_cpr_role=full)

    def test_a_role_that_sees_masked_numbers_has_the_lower_limit(self):
        assert CPR_SEARCH_LIMITS[False].in_window < CPR_SEARCH_LIMITS[True].in_window
        assert CPR_SEARCH_LIMITS[False].in_day < CPR_SEARCH_LIMITS[True].in_day

    @pytest.mark.parametrize(
        ("query", "counted"), [("Karla", False), ("Karla Prøvesen", False), ("150685", True), ("Karla 1", True)]
    )
    def test_any_digit_makes_a_cpr_search(self, query, counted):
        assert is_cpr_search(query) is counted

    @pytest.mark.parametrize(("query", "words"), [("karla prøv", ["karla", "prøv"]), ("karla 1506", None), ("", [])])
    def test_a_word_with_a_digit_never_matches_a_name(self, query, words):
        assert name_words(query) == words

    @pytest.mark.parametrize(
        ("query", "logged"),
        [
            ("1506859900", "CPR"),
            ("150685-9900", "CPR"),
            (" 150685  9900 ", "CPR"),
            ("Alma 150685", "Alma CPR"),
            ("9900 Alma", "CPR Alma"),
            ("1", "CPR"),
            ("Alma Prøvesen", "Alma Prøvesen"),
        ],
    )
    def test_the_log_keeps_no_digit(self, query, logged):
        assert search_log_text(query) == logged

    @given(st.text(max_size=120))
    def test_no_digit_ever_reaches_the_log(self, query):
        assert not any(character in "0123456789" for character in search_log_text(query))

    def test_the_cpr_as_a_role_may_see_it(self):
        assert cpr_as_shown("1506859900", in_full=True) == "150685-9900"
        assert cpr_as_shown("1506859900", in_full=False) == "150685-XXXX"


def test_a_protected_address_allows_only_digital_post_or_hand_over():
    from citizens.rules import letter_channels

    assert letter_channels(True) == ("digital_post", "handed_over")
    assert letter_channels(False) == ("digital_post", "post", "handed_over")
    assert "post" not in letter_channels(protected=True)


def test_letter_channels_use_the_decision_letter_channel_values():
    from citizens.rules import letter_channels
    from decisions.models import Channel

    assert set(letter_channels(False)) == set(Channel.values)
