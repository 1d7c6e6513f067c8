"""Passwords: at least 12 characters, not a common one (AUTH_PASSWORD_VALIDATORS)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize("password", ["kort-kode1", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Fjord-lampe-kaffe-2026")


def test_the_refusal_is_in_danish():
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        validate_password("kort")
    assert "mindst 12 tegn" in " ".join(refused.value.messages)
