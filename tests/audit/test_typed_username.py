"""A failed login's username is logged as typed, but never a CPR number or a password typed by mistake."""

import datetime
import re

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from audit.models import AuditEvent
from audit.rules import typed_username_for_log
from demo.cpr import fictional_cpr

CPR = fictional_cpr(datetime.date(1985, 4, 12))  # fictional


@pytest.mark.parametrize(
    ("typed", "logged"),
    [
        ("admin", "admin"),  # guessing stays visible
        ("randers-leder", "randers-leder"),
        ("Jens.Hansen", "Jens.Hansen"),
        ("jens.hansen@randers.dk", "jens.hansen@randers.dk"),
        ("jeha2", "jeha2"),
        ("12345", "12345"),  # an employee number, not a CPR number
        (CPR, "XXXXXX-XXXX"),
        (f"{CPR[:6]}-{CPR[6:]}", "XXXXXX-XXXX"),
        ("bruger123456", "bruger******"),  # a phone number, a one-time code
        ("123456", "******"),
        ("Sommer2024", "[skjult: 10 tegn]"),  # upper, lower and digits: a password policy
        ("hemmelig!kode", "[skjult: 13 tegn]"),  # a character no username has
        ("mit kodeord", "[skjult: 11 tegn]"),
        (f"{CPR[:6]} {CPR[6:]}", "[skjult: 11 tegn]"),
        ("a" * 41, "[skjult: 41 tegn]"),  # longer than any username
        ("nul\x00byte", "[skjult: 8 tegn]"),
        ("", ""),
    ],
)
def test_an_unknown_username_is_kept_only_when_it_looks_like_one(typed, logged):
    assert typed_username_for_log(typed, known=False) == logged


def test_a_known_username_is_kept_as_it_is():
    assert typed_username_for_log("Sommer2024", known=True) == "Sommer2024"
    assert typed_username_for_log("randers-leder", known=True) == "randers-leder"


@given(st.text(max_size=60))
def test_nothing_logged_for_an_unknown_name_holds_six_digits_or_a_password_mix(typed):
    logged = typed_username_for_log(typed, known=False)
    assert not re.search(r"\d{6}", logged)
    assert "\x00" not in logged
    if logged != typed:  # masked or hidden: nothing of the digits survives
        assert logged.startswith("[skjult: ") or "*" in logged or "XXXXXX-XXXX" in logged
    password_mix = all(any(test(c) for c in typed) for test in (str.isupper, str.islower, str.isdigit))
    assert not password_mix or logged == f"[skjult: {len(typed)} tegn]"


@given(st.text(min_size=41, max_size=200))
def test_a_long_unknown_text_is_hidden_with_its_length_only(typed):
    assert typed_username_for_log(typed, known=False) == f"[skjult: {len(typed)} tegn]"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "logged"),
    [(CPR, "XXXXXX-XXXX"), ("Forkert-Kodeord-2026", "[skjult: 20 tegn]"), ("hvem-er-du", "hvem-er-du")],
)
def test_a_failed_login_logs_no_cpr_number_or_password_typed_as_the_username(typed, logged):
    Client().post("/", {"username": typed, "password": "noget-andet-1"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor_username == logged
    assert typed not in str(AuditEvent.objects.values_list().get(pk=event.pk)) or typed == logged


@pytest.mark.django_db
def test_a_failed_login_of_a_real_user_keeps_the_username(randers_centre):
    from tests.conftest import staff

    user = staff(randers_centre, "therapist", username="Behandler2026X")  # looks like a password, but is a user
    Client().post("/", {"username": user.username, "password": "forkert-kodeord-1"})
    assert AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED).actor_username == "Behandler2026X"
