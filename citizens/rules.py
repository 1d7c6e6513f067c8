"""CPR numbers and ages: pure rules."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

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


# Six digits, an optional separator, four digits, standing on their own (not inside a longer run
# of digits or letters): how people type a CPR number into free text ("0101011234", "010101-1234",
# "010101 1234"), and not a generated name such as "letter-20260316-110000-9889cf8e.pdf".
CPR_LIKE = re.compile(r"(?<![^\W_])\d{6}[ \t\-./]?\d{4}(?![^\W_])")
CPR_MASK = "XXXXXX-XXXX"


def mask_cpr_like(text: str) -> str:
    """``text`` with every CPR-like run replaced by ``XXXXXX-XXXX`` (free text must not keep one).

    Valid or not: a mistyped number is as personal as a right one (databeskyttelsesloven § 11).
    """
    return CPR_LIKE.sub(CPR_MASK, text)


def format_cpr(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}"


def cpr_as_shown(cpr: str, *, in_full: bool) -> str:
    """The CPR number as a role may see it: in full (``FULL_CPR_ROLES``), else masked (DDMMYY-XXXX)."""
    return format_cpr(cpr) if in_full else mask_cpr(cpr)


def age_on(birth_date: date, on: date) -> int:
    """Whole years on ``on``; someone born 29 February turns a year older on 1 March in a common year."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


# Searching by CPR number -----------------------------------------------------------------------
# A search by a full CPR number tells the user whether that number belongs to a citizen of their
# centres. A role that sees the CPR number masked (DDMMYY-XXXX) could otherwise complete it by
# trying the serial numbers one by one (at most 10,000, in practice some 6,000 for a birth date):
# so only a full, valid number matches, and the searches that carry digits are rate-limited per
# user. Limits (chosen, not from the law): a role that sees masked numbers gets 10 searches in 15
# minutes and 40 in 24 hours, enough for a manager's daily work, and some five months of logged
# probing around the clock to find one serial number; a role that already sees full numbers (visitator,
# authority, physician) gets 30 and 200 for a busy intake day.
CPR_SEARCH_WINDOW = timedelta(minutes=15)
CPR_SEARCH_DAY = timedelta(hours=24)


@dataclass(frozen=True)
class CprSearchLimit:
    in_window: int
    in_day: int


CPR_SEARCH_LIMITS = {
    False: CprSearchLimit(in_window=10, in_day=40),  # sees the CPR number masked
    True: CprSearchLimit(in_window=30, in_day=200),  # sees the CPR number in full
}

DIGITS = re.compile(r"\d")
# A run of digits, with the separators people type inside a number: what the log must never keep.
DIGIT_RUN = re.compile(r"\d(?:[\d\s./-]*\d)?")


def cpr_searches_allowed(recent: int, *, full_cpr_role: bool, last_day: int = 0) -> bool:
    """May the user search by CPR number once more?

    ``recent`` is the number of the user's answered CPR searches in the last ``CPR_SEARCH_WINDOW``
    and ``last_day`` those in the last ``CPR_SEARCH_DAY``; ``full_cpr_role`` whether every centre
    the user can search holds them in a role that sees the full CPR number (``FULL_CPR_ROLES``).
    """
    limit = CPR_SEARCH_LIMITS[full_cpr_role]
    return recent < limit.in_window and last_day < limit.in_day


def is_cpr_search(query: str) -> bool:
    """A query with any digit is an attempt at a CPR number (names have no digits): it is counted."""
    return bool(DIGITS.search(query))


def name_words(query: str) -> list[str] | None:
    """The words of a name search; ``None`` when a word holds a digit (digits never match a name)."""
    words = query.split()
    return None if any(DIGITS.search(word) for word in words) else words


def search_log_text(query: str) -> str:
    """The query as the audit log keeps it: every run of digits (a CPR number, or part of one) is "CPR"."""
    return DIGIT_RUN.sub("CPR", " ".join(query.split()))[:100]


# Letters to a citizen with name and address protection ------------------------------------------
# The channels a letter can go by; the same values as decisions.rules / decisions.models.Channel.
LETTER_DIGITAL_POST, LETTER_POST, LETTER_HANDED_OVER = "digital_post", "post", "handed_over"
LETTER_CHANNELS = (LETTER_DIGITAL_POST, LETTER_POST, LETTER_HANDED_OVER)


def letter_channels(protected: bool) -> tuple[str, ...]:
    """The channels a letter to the citizen may go by, in order of preference.

    A citizen with name and address protection (CPR-loven § 28, stk. 1: the address is not passed
    on) gets letters only by Digital Post or handed over in person: a letter by post would put the
    protected address on an envelope and in the hands of those who print and carry it. That
    restriction is our reading of the protection (issue 10), not a rule the law words so.
    Unprotected: Digital Post, post or hand-over, Digital Post first.
    """
    if protected:
        return (LETTER_DIGITAL_POST, LETTER_HANDED_OVER)
    return LETTER_CHANNELS


# Searching by birth date (ddmmåå) -----------------------------------------------------------------
BIRTH_DATE_QUERY = re.compile(r"^(\d{2})[.\-/ ]?(\d{2})[.\-/ ]?(\d{2})$")


def birth_date_query(query: str) -> tuple[int, int, int] | None:
    """``(day, month, two-digit year)`` when ``query`` is a birth date as ddmmåå (``"150685"``, also
    ``"15.06.85"`` or ``"15-06-85"``), else ``None``."""
    match = BIRTH_DATE_QUERY.match(query.strip())
    return tuple(int(part) for part in match.groups()) if match else None


def birth_date_candidates(day: int, month: int, year: int, *, today: date) -> list[date]:
    """Every birth date a CPR number can give for ddmmåå, not after ``today``, oldest first.

    The century comes from the 7th digit of a CPR number (CPR-kontoret, "Personnummeret i CPR",
    the table python-stdnum follows): 1900–1999 always; 2000–2036 for years 00–36 and 2000–2057 for
    00–57; 1858–1899 for years 58–99. Without the 7th digit every possible century is searched, so
    "290200" finds someone born 29 February 2000 (1900 was no leap year). A day that does not exist
    gives no date.
    """
    centuries = [1900]
    if year <= 57:
        centuries.append(2000)
    else:
        centuries.insert(0, 1800)
    found = []
    for century in centuries:
        try:
            born = date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            found.append(born)
    return found


# Age, death, and who is current -------------------------------------------------------------------


def age_shown(birth_date: date, *, today: date, died_on: date | None = None) -> int:
    """The age to show: on ``today``, or on the day of death for a citizen who has died."""
    return age_on(birth_date, died_on if died_on and died_on <= today else today)


def death_date_problem(died_on: date | None, *, birth_date: date, today: date) -> str | None:
    """Why a date of death cannot be recorded, or ``None``: it records something that happened, so
    not in the future (``"future"``), and not before the citizen was born (``"before_birth"``)."""
    if died_on is None:
        return None
    if died_on > today:
        return "future"
    if died_on < birth_date:
        return "before_birth"
    return None


def is_current(ended_on: date | None, *, today: date) -> bool:
    """A related person (or anything with an end date) still counts on ``today``: not ended, or
    ending later. Ended on a day: no longer from that day."""
    return ended_on is None or ended_on > today


def expecting_alert(
    expecting_child_on: date | None, *, assessed_expecting: bool, assessed_due_on: date | None, today: date
) -> bool:
    """Show "expecting a child": the citizen's recorded due date is today or later, or the latest
    assessment of an open course says the citizen or the partner expects a child (G3.5.10;
    G2.3.10) with no due date or one not yet passed."""
    if expecting_child_on and expecting_child_on >= today:
        return True
    return assessed_expecting and (assessed_due_on is None or assessed_due_on >= today)


def search_name(first_name: str, last_name: str) -> str:
    """The name as the search compares it: "first last", case-folded (Ø and ø alike)."""
    return " ".join(f"{first_name} {last_name}".split()).casefold()
