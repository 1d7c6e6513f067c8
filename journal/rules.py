"""Pure rules of journal notes (no ORM, no request).

The duty to take notes is offentlighedsloven §13 (OFL §13): information about a case's facts that
the authority receives orally or otherwise, and external professional assessments, must be written
down as soon as possible. The national guidelines quote it for the casework before a decision
(G3.6). The law sets no number of days; a note written later than ``LATE_AFTER_DAYS`` after the
event is allowed, and the page says when it was written.
"""

from datetime import date

NOTE_SOURCE = "OFL §13; G3.6"

# More days than this between the event and the writing make a note "late" (shown, not refused).
LATE_AFTER_DAYS = 3


def is_late(event_on: date, written_on: date) -> bool:
    """Was the note written more than ``LATE_AFTER_DAYS`` days after the event (OFL §13: "as soon
    as possible")? A late note is allowed; it is shown with the day it was written."""
    return (written_on - event_on).days > LATE_AFTER_DAYS


def event_date_problem(event_on: date, *, today: date) -> str | None:
    """Why ``event_on`` cannot be the date of what a note records, or None: "future" (a note
    records what happened or was received, never what will; OFL §13)."""
    if event_on > today:
        return "future"
    return None


def next_version_number(current: int) -> int:
    """A correction is the next version; earlier versions stay as they were (never edited)."""
    return current + 1
