"""Pure rules of the public contact page and the conversation times (no ORM).

The public page lets a person ask for the clarifying conversation anonymously, "via the
municipality's website or by phone" (SEL §101a(3)); the page is kept free of anything that could
identify them (SEL §101a(7)), and defends itself without an outside CAPTCHA service.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from forlob.net import has_control_characters

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

# The free times offered: from tomorrow (a time today could be gone before anyone reads the
# request) up to 28 days ahead, at most this many shown (a phone screen, not a calendar).
SLOT_WINDOW_DAYS = 28
SLOTS_SHOWN = 30

# The time-trap: a person needs more than a few seconds to read and fill the form; a form older
# than two hours is refused too, so that a harvested form cannot be replayed for ever.
MIN_FORM_SECONDS = 3
MAX_FORM_SECONDS = 2 * 3600

# The largest request body taken: the form is a few hundred bytes; anything beyond this is junk.
MAX_BODY_BYTES = 20 * 1024

# Rate limits, per hour: POSTs from one address (the booking and the status page each count), and
# requests created for one municipality (so that a flood cannot fill the service's list).
WINDOW_SECONDS = 3600
PER_ADDRESS = 10
PER_MUNICIPALITY = 100

# Weekly repeats of a conversation time: at most half a year ahead in one go.
MAX_REPEAT = 26

BIRTH_YEAR_MIN_AGE = 12
BIRTH_YEAR_MAX_AGE = 100


def slot_window(today: date) -> tuple[datetime, datetime]:
    """The start (inclusive) and end (exclusive) of the times offered on ``today``: from tomorrow
    at midnight to the end of the 28th day ahead, Copenhagen time."""
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=COPENHAGEN)
    end = datetime.combine(today + timedelta(days=SLOT_WINDOW_DAYS + 1), time.min, tzinfo=COPENHAGEN)
    return start, end


def in_window(starts_at: datetime, today: date) -> bool:
    """Whether a time that starts at ``starts_at`` may be booked on ``today``."""
    start, end = slot_window(today)
    return start <= starts_at < end


def weekly_starts(first: date, at: time, times: int) -> list[datetime]:
    """``times`` starts a week apart from ``first`` at the local wall-clock time ``at``.

    The wall-clock time is kept across the change to and from summer time (a 10:00 talk stays at
    10:00, not 09:00 or 11:00), so each start is built from the local date and time, never by
    adding 7 × 24 hours to an aware datetime. ``times`` must be 1..MAX_REPEAT."""
    if not 1 <= times <= MAX_REPEAT:
        raise ValueError(f"times must be 1..{MAX_REPEAT}")
    return [datetime.combine(first + timedelta(weeks=n), at, tzinfo=COPENHAGEN) for n in range(times)]


def exists_locally(moment: datetime) -> bool:
    """Whether a local wall-clock time exists (not inside the hour skipped when summer time starts)."""
    utc = moment.astimezone(ZoneInfo("UTC"))
    back = utc.astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


class TrapVerdict:
    OK = "ok"
    TOO_FAST = "too_fast"
    TOO_OLD = "too_old"


def time_trap(rendered_at: float, now: float) -> str:
    """Whether a form rendered at ``rendered_at`` (seconds) may be sent at ``now``: faster than
    ``MIN_FORM_SECONDS`` is a robot, older than ``MAX_FORM_SECONDS`` a stale or replayed form."""
    age = now - rendered_at
    if age < MIN_FORM_SECONDS:
        return TrapVerdict.TOO_FAST
    if age > MAX_FORM_SECONDS:
        return TrapVerdict.TOO_OLD
    return TrapVerdict.OK


def is_junk(text: str) -> bool:
    """Whether a typed one-line value holds a control character (NUL and the like): no person
    types those, and the database refuses NUL."""
    return has_control_characters(text or "")


def birth_year_bounds(today: date) -> tuple[int, int]:
    """The birth years the form takes: aged 12 to 100 this year."""
    return today.year - BIRTH_YEAR_MAX_AGE, today.year - BIRTH_YEAR_MIN_AGE


@dataclass(frozen=True)
class Limit:
    limit: int
    window: int = WINDOW_SECONDS


ADDRESS_LIMIT = Limit(PER_ADDRESS)
MUNICIPALITY_LIMIT = Limit(PER_MUNICIPALITY)


def over_limit(count: int, limit: Limit) -> bool:
    """Whether the ``count``-th request in the window is one too many."""
    return count > limit.limit
