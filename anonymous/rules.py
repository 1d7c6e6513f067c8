"""Rules of the anonymous services that every part of the app shares: pure functions, no ORM.

The services (DOMAIN.md §2.10):
- anonymous, outpatient drug treatment for people with a treatment-requiring drug use and no other
  social problems (SEL §101a(1)): contact via the website or by phone, a clarifying conversation,
  a decision that cannot be appealed (§101a(3), (4), (6)), a short group course with an optional
  individual closing talk (§101a(8)), kept apart from §101 treatment (§101a(7));
- anonymous advice (SEL §10(2)), also to relatives;
- anonymous alcohol treatment (SUL §141(7)).

The person is known only by a reference code and a nickname. Nothing kept about them may hold a
CPR number or another number that identifies them (``identifying_digits``).
"""

import re
import secrets

# Letters only (no I or O, which read as 1 and 0): a code is never a number, so it can never be
# taken for a CPR or phone number, and 24**8 codes cannot be guessed.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8
REFERENCE_CODE = re.compile(r"^[A-HJ-NP-Z]{4}-[A-HJ-NP-Z]{4}$")

# Six digits or more, with or without spaces, dashes, dots or slashes between them: a CPR number
# (DDMMYY-SSSS), a phone number or a card number — any of them would identify the person.
IDENTIFYING_DIGITS = re.compile(r"\d(?:[\s\-./]?\d){5,}")

NICKNAME_MAX = 40
NOTE_MAX = 2000


def new_reference_code() -> str:
    """A fresh reference code, ``XXXX-XXXX`` from ``REFERENCE_ALPHABET`` (cryptographically random)."""
    letters = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{letters[:4]}-{letters[4:]}"


def normalise_reference_code(typed: str) -> str | None:
    """A typed reference code in its stored form, or None when it cannot be one.

    Case, spaces and a missing dash are forgiven ("kqwm trpa" -> "KQWM-TRPA")."""
    letters = re.sub(r"[\s\-]", "", typed or "").upper()
    if len(letters) != REFERENCE_LENGTH:
        return None
    code = f"{letters[:4]}-{letters[4:]}"
    return code if REFERENCE_CODE.match(code) else None


def identifying_digits(text: str) -> bool:
    """Whether ``text`` holds a run of six or more digits (a CPR, phone or card number).

    Records of the anonymous services must never hold a CPR number (SEL §101a(7): kept apart in a
    way that protects anonymity); every free-text field refuses such a run.
    """
    return bool(IDENTIFYING_DIGITS.search(text or ""))


def normalise_phone(typed: str) -> str | None:
    """A Danish phone number as its eight digits, or None when it is not one.

    "+45 12 34 56 78", "0045 12345678" and "12-34-56-78" all give "12345678". Only a Danish
    number is taken: the number is for the call-back only, and an eight-digit field can never hold
    a ten-digit CPR number."""
    digits = re.sub(r"[\s\-.()]", "", typed or "")
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    return digits if re.fullmatch(r"[2-9]\d{7}", digits) else None


# The states of an anonymous client's course and the steps between them. The same record serves
# the three services; which steps apply depends on the service.
REQUESTED = "requested"  # asked for a clarifying conversation (web or phone), not yet held
ADVICE = "advice"  # anonymous advice is going on (SEL §10(2))
ELIGIBLE = "eligible"  # decided: in the target group of §101a (SEL §101a(4))
NOT_ELIGIBLE = "not_eligible"  # decided: not in the target group; referred elsewhere
IN_TREATMENT = "in_treatment"  # in a group (or, for alcohol, a course started)
COMPLETED = "completed"  # the course ran to its end (closing talk or last session)
ENDED = "ended"  # ended early: withdrew, stopped coming, cancelled the request

DRUG_TREATMENT, ADVICE_SERVICE, ALCOHOL = "drug_treatment", "advice", "alcohol"

ALLOWED_TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    # SEL §101a(3)-(4): the clarifying conversation decides; then the group course (§101a(8)).
    DRUG_TREATMENT: {
        REQUESTED: frozenset({ELIGIBLE, NOT_ELIGIBLE, ENDED}),
        ELIGIBLE: frozenset({IN_TREATMENT, ENDED}),
        IN_TREATMENT: frozenset({COMPLETED, ENDED}),
        NOT_ELIGIBLE: frozenset(),
        COMPLETED: frozenset(),
        ENDED: frozenset(),
    },
    # SEL §10(2): advice talks, ended with an outcome (nothing further, a referral, a request).
    ADVICE_SERVICE: {
        REQUESTED: frozenset({ADVICE, ENDED}),
        ADVICE: frozenset({ENDED}),
        ENDED: frozenset(),
    },
    # SUL §141(7): alcohol treatment kept anonymous when the person wishes.
    ALCOHOL: {
        REQUESTED: frozenset({IN_TREATMENT, ENDED}),
        IN_TREATMENT: frozenset({COMPLETED, ENDED}),
        COMPLETED: frozenset(),
        ENDED: frozenset(),
    },
}


def may_move(service: str, state: str, to: str) -> bool:
    """Whether a client of ``service`` in ``state`` may move to ``to`` (``ALLOWED_TRANSITIONS``)."""
    return to in ALLOWED_TRANSITIONS.get(service, {}).get(state, frozenset())


def is_open(state: str) -> bool:
    """A client whose course is still going on (shown on the service's lists)."""
    return state in {REQUESTED, ADVICE, ELIGIBLE, IN_TREATMENT}


def may_be_appealed() -> bool:
    """Decisions on anonymous treatment cannot be brought before another administrative authority
    (SEL §101a(6)): no complaint guidance is given, and no complaint deadline arises."""
    return False


def guarantee_applies() -> bool:
    """The 14-day treatment guarantee does not apply to anonymous treatment under §101a
    (G3.4, "værd at vide"); no deadline is computed for it."""
    return False
