"""Passwords: at least 12 characters, not a common one (AUTH_PASSWORD_VALIDATORS)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kort-kode1", "password_too_short"),
        ("password1234", "password_too_common"),
        ("123456789012", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_refused_for_their_weakness(password, why):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert [error.code for error in refused.value.error_list] == [why]


def test_a_long_uncommon_password_is_accepted():
    validate_password("Fjord-lampe-kaffe-2026")


def test_the_refusal_is_in_danish():
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        validate_password("kort")
    assert "mindst 12 tegn" in " ".join(refused.value.messages)
