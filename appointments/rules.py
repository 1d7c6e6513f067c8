"""Appointments' pure rules: when one can be booked, repeated no-shows, when a reminder may go
to the citizen and what it says, and ISO weeks for the calendar. No database, no request.

Sources: G = Socialstyrelsen's national guidelines (seed 001). G3.9: the course is followed
during treatment (sessions and attendance recorded); G3.10.1: support to complete treatment, e.g.
reminders by text message; G3.10.3: when the citizen misses appointments the therapist should
actively reach out (text message, home visit, pick-up).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Attendance values (models.Attendance uses these).
PLANNED = "planned"
ATTENDED = "attended"
NO_SHOW = "no_show"
CANCELLED_BY_CITIZEN = "cancelled_by_citizen"
CANCELLED_BY_CENTRE = "cancelled_by_centre"
RECORDED = frozenset({ATTENDED, NO_SHOW, CANCELLED_BY_CITIZEN, CANCELLED_BY_CENTRE})

# Reminder channels (models.ReminderChannel) and the citizen's agreed contact channel that
# carries each (citizens.models.ContactChannel values).
SMS = "sms"
EMAIL = "email"
ELECTRONIC_CHANNELS = frozenset({SMS, EMAIL})

# Course states and decision outcomes (courses.models.CourseState, decisions.models.Outcome).
DECIDED = "decided"
IN_TREATMENT = "in_treatment"
GRANTED = frozenset({"grant", "partial"})

# G3.10.3 asks for outreach at every no-show (an outreach task each time). Two no-shows in a row
# (nothing attended in between) mark a pattern that the worklist shows: time to reconsider the
# offer with the citizen, or, when contact is lost, an unplanned discharge (G3.11, G3.11.6).
REPEATED_NO_SHOWS = 2


def booking_allowed(course_state: str, decision_outcome: str | None) -> bool:
    """An appointment can be booked from the grant on, so that the first session can be booked
    inside the 14-day guarantee (SEL §101(4); G3.4.1), and at any time during treatment (G3.9);
    never before a grant or partial grant (G3.6.2) and never on a closed course."""
    if course_state == IN_TREATMENT:
        return True
    return course_state == DECIDED and decision_outcome in GRANTED


GROUP = "group"
LONGEST_APPOINTMENT_MINUTES = 600  # a day's treatment (G2.3: day treatment 5–8 hours); the form's limit
CANCELLED = frozenset({CANCELLED_BY_CITIZEN, CANCELLED_BY_CENTRE})


def clashes(
    *, starts_at: datetime, minutes: int, kind: str, other_starts_at: datetime, other_minutes: int, other_kind: str
) -> bool:
    """Whether a worker's new appointment collides with one they already have: the two overlap in
    time (one ending exactly when the other starts does not), and they are not both group sessions
    (a group session takes several citizens at once). Not a rule of the law: a worker cannot hold
    two talks at once, and a citizen booked into a clash would wait or be sent home (G3.10.1:
    support the citizen in completing the treatment)."""
    if kind == GROUP and other_kind == GROUP:
        return False
    ends = starts_at + timedelta(minutes=minutes)
    other_ends = other_starts_at + timedelta(minutes=other_minutes)
    return starts_at < other_ends and other_starts_at < ends


def attendance_recordable(attendance: str, starts_at: datetime, now: datetime) -> bool:
    """Attended or no-show is recorded after the fact, once the appointment has begun (G3.9); a
    cancellation (by the citizen or the centre) can be recorded at any time, also ahead."""
    if attendance in (CANCELLED_BY_CITIZEN, CANCELLED_BY_CENTRE):
        return True
    return attendance in RECORDED and starts_at <= now


def no_show_streak(attendances: list[str]) -> int:
    """No-shows in a row at the end of a course's appointments, oldest first (G3.10.3).

    Counted back from the latest appointment until one the citizen attended. Planned (not yet
    recorded) appointments and cancellations (by the citizen or by the centre) neither count nor
    break the streak: a cancellation is not a missed appointment, and it is not contact either.
    """
    streak = 0
    for attendance in reversed(attendances):
        if attendance == ATTENDED:
            break
        if attendance == NO_SHOW:
            streak += 1
    return streak


def repeated_no_show(streak: int) -> bool:
    """Whether a streak of no-shows is repeated: ``REPEATED_NO_SHOWS`` (2) or more in a row (G3.10.3)."""
    return streak >= REPEATED_NO_SHOWS


@dataclass(frozen=True)
class ReminderVerdict:
    allowed: bool
    code: str
    message: str
    channel: str | None = None
    source: str = "G3.10.1"


def reminder_allowed(
    *,
    contact_channel: str,
    consent_channel: str | None,
    consent_given_on: date | None,
    consent_withdrawn_on: date | None,
    phone: str,
    email: str,
    attendance: str,
    starts_at: datetime,
    now: datetime,
    course_closed: bool = False,
) -> ReminderVerdict:
    """Whether a reminder may go to the citizen now, on which channel, and if not, why.

    Reminders support completing treatment (G3.10.1) but they reveal a relation to the centre, so
    they go only (1) for a planned appointment still ahead, (2) on the contact channel agreed with
    the citizen when that channel is electronic (text message → phone number, e-mail → address;
    a phone call, letter, Digital Post or in person gives no electronic reminder), and (3) with
    the citizen's recorded consent to reminders on that channel, given and not withdrawn.
    """

    def no(code: str, message: str) -> ReminderVerdict:
        return ReminderVerdict(False, code, message)

    if course_closed:
        return no("course_closed", _("The course is closed."))
    if attendance != PLANNED:
        return no("not_planned", _("Only a planned appointment can be reminded of."))
    if starts_at <= now:
        return no("past", _("The appointment has already begun."))
    if contact_channel not in ELECTRONIC_CHANNELS:
        return no(
            "no_electronic_channel",
            _(
                "The citizen's agreed contact channel is not a text message or an e-mail, so no electronic "
                "reminder is sent. Remind the citizen the agreed way."
            ),
        )
    if consent_given_on is None or consent_given_on > now.date():
        return no("no_consent", _("The citizen has not consented to reminders."))
    if consent_withdrawn_on is not None and consent_withdrawn_on <= now.date():
        return no("consent_withdrawn", _("The citizen has withdrawn the consent to reminders."))
    if consent_channel != contact_channel:
        return no(
            "channel_mismatch",
            _("The consent to reminders is for another channel than the citizen's agreed contact channel."),
        )
    if contact_channel == SMS and not phone.strip():
        return no("no_address", _("The citizen has no phone number for text messages."))
    if contact_channel == EMAIL and not email.strip():
        return no("no_address", _("The citizen has no e-mail address."))
    return ReminderVerdict(True, "allowed", _("A reminder may be sent."), channel=contact_channel)


def reminder_text(*, starts_at: datetime, place: str, sender: str = "") -> str:
    """The reminder says as little as possible: the date, the time and the place; no CPR number,
    no name of the treatment, and the sender only where the centre has configured a neutral one.
    ``starts_at`` is local time."""
    when = {"date": date_format(starts_at, "j. F Y"), "time": starts_at.strftime("%H:%M")}
    if place.strip():
        text = _("Reminder: you have an appointment on %(date)s at %(time)s, %(place)s.") % {
            **when,
            "place": place.strip(),
        }
    else:
        text = _("Reminder: you have an appointment on %(date)s at %(time)s.") % when
    return f"{text} {sender.strip()}".strip() if sender.strip() else text


ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_monday(value: str | None, today: date) -> date:
    """The Monday of an ISO week written ``2026-W49`` (the current week when missing or invalid)."""
    match = ISO_WEEK.match(value or "")
    if match:
        try:
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
    return today - timedelta(days=today.weekday())


def iso_week_label(monday: date) -> str:
    """``2026-W49`` for the week starting ``monday`` (ISO 8601: weeks run Monday to Sunday)."""
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"
