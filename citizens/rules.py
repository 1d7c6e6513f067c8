"""CPR numbers and ages: pure rules."""

import re
from datetime import date

from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumError


class InvalidCPR(ValueError):
    """The text is not a valid CPR number; ``reason`` is one of the codes below."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise_cpr(text: str, *, today: date) -> str:
    """Ten digits, or ``InvalidCPR``.

    Checks length, digits, a real birth date with the century from the 7th digit, and that the
    person is born (python-stdnum's Danish CPR rules). Modulus 11 is *not* checked: numbers
    issued since 1 October 2007 may fail it and are still valid (CPR-kontoret).
    """
    digits = stdnum_cpr.compact(text or "")
    if not digits.isdigit() or len(digits) != 10:
        raise InvalidCPR("format")
    try:
        born = stdnum_cpr.get_birth_date(digits)
    except StdnumError as invalid:
        raise InvalidCPR("date") from invalid
    if born > today:
        raise InvalidCPR("future")
    return digits


def birth_date_of(cpr: str) -> date:
    return stdnum_cpr.get_birth_date(cpr)


def mask_cpr(cpr: str) -> str:
    """DDMMYY-XXXX: the birth date is shown, the serial number never."""
    return f"{cpr[:6]}-XXXX"


# Six digits, an optional separator, four digits, not inside a longer run of digits: how people
# type a CPR number into free text ("0101011234", "010101-1234", "010101 1234").
CPR_LIKE = re.compile(r"(?<!\d)\d{6}[ \t\-./]?\d{4}(?!\d)")
CPR_MASK = "XXXXXX-XXXX"


def mask_cpr_like(text: str) -> str:
    """``text`` with every CPR-like run replaced by ``XXXXXX-XXXX`` (free text must not keep one).

    Valid or not: a mistyped number is as personal as a right one (databeskyttelsesloven § 11).
    """
    return CPR_LIKE.sub(CPR_MASK, text)


def format_cpr(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}"


def age_on(birth_date: date, on: date) -> int:
    """Whole years on ``on``; someone born 29 February turns a year older on 1 March in a common year."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
