"""Rules of the anonymous group course: pure functions, no ORM.

SEL §101a(8): anonymous treatment is "et afgrænset forløb af kortere varighed med
gruppebehandling og mulighed for en individuel afsluttende samtale". SEL §101a(2): it happens at
the providers the municipality has contracted. Mariagerfjord's standard (seed 003 lines 205-208):
"et gruppeforløb bestående af 8 sessioner og en afsluttende samtale", "Der startes ny gruppe hvert
kvartal med løbende optag" — so a client may join a running group and go on in the next one, and
the client's course is the standard's number of sessions counted from joining.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from anonymous import rules as anonymous_rules

QUARTERLY = "quarterly"
DEFAULT_EVERY_DAYS = 7
DEFAULT_MINUTES = 90


def session_times(first: datetime, count: int, every_days: int = DEFAULT_EVERY_DAYS) -> list[datetime]:
    """The start of each of ``count`` sessions, ``every_days`` apart, at the first session's local
    wall-clock time: a group that meets at 17:00 still meets at 17:00 after the change to or from
    summer time (the date moves, the time of day stays). ``first`` is aware (Europe/Copenhagen).
    A wall-clock time that does not exist on a day (02:30 when summer time starts) is read by
    zoneinfo as the time one hour later, as a clock on the wall would show it."""
    if count < 1 or every_days < 1:
        raise ValueError("count and every_days must be positive")
    tz = first.tzinfo
    wall = first.replace(tzinfo=None)
    return [(wall + timedelta(days=every_days * n)).replace(tzinfo=tz) for n in range(count)]


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter 1-4) of ``day``."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    """The first day of the quarter."""
    return date(year, 3 * (quarter - 1) + 1, 1)


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def next_quarter_start(day: date) -> date:
    """The first day of the quarter after the one ``day`` lies in ("ny gruppe hvert kvartal")."""
    return quarter_start(*next_quarter(*quarter_of(day)))


@dataclass(frozen=True)
class Intake:
    """How the standard's intake rhythm stands today: which quarter is running, which comes next,
    and whether a group starting in each exists (Mariagerfjord: a new group each quarter)."""

    quarterly: bool
    current: tuple[int, int]
    current_has_group: bool
    next: tuple[int, int]
    next_starts_on: date
    next_has_group: bool

    @property
    def group_missing(self) -> bool:
        """A quarterly rhythm without a group for the current quarter."""
        return self.quarterly and not self.current_has_group


def intake(rhythm: str, today: date, group_starts: list[date]) -> Intake:
    """The intake rhythm against the groups that exist (their first-session dates)."""
    current = quarter_of(today)
    following = next_quarter(*current)
    quarters = {quarter_of(start) for start in group_starts}
    return Intake(
        quarterly=rhythm == QUARTERLY,
        current=current,
        current_has_group=current in quarters,
        next=following,
        next_starts_on=quarter_start(*following),
        next_has_group=following in quarters,
    )


def may_record_attendance(starts_at: datetime, now: datetime, cancelled: bool) -> bool:
    """Attendance is recorded once the session has begun, and never for a cancelled session."""
    return not cancelled and starts_at <= now


def may_close_group(last_session_starts_at: datetime | None, now: datetime, closed: bool) -> bool:
    """A group is closed after its last session has begun (a group without sessions at once)."""
    return not closed and (last_session_starts_at is None or last_session_starts_at <= now)


# Who may join a group. SEL §101a(4): the clarifying conversation's decision comes before the
# treatment, so a drug-treatment client must be found eligible; one already in treatment may go on
# in the next group (rolling intake). Anonymous alcohol treatment (SUL §141(7)) has no such
# decision: a client who asked (requested) or is in treatment may join.
ENROLLABLE_STATES = {
    anonymous_rules.DRUG_TREATMENT: frozenset({anonymous_rules.ELIGIBLE, anonymous_rules.IN_TREATMENT}),
    anonymous_rules.ALCOHOL: frozenset({anonymous_rules.REQUESTED, anonymous_rules.IN_TREATMENT}),
}

NOT_ENROLLABLE_STATE = "state"
OTHER_SERVICE = "service"
GROUP_CLOSED = "closed"
HAS_OPEN_PLACE = "open_place"
ALREADY_MEMBER = "member"


def enrol_refusal(
    *,
    client_service: str,
    client_state: str,
    group_service: str,
    group_closed: bool,
    has_open_place: bool,
    was_member: bool,
) -> str | None:
    """Why the client may not join the group, or None when they may."""
    if group_closed:
        return GROUP_CLOSED
    if client_service != group_service:
        return OTHER_SERVICE
    if client_state not in ENROLLABLE_STATES.get(client_service, frozenset()):
        return NOT_ENROLLABLE_STATE
    if was_member:
        return ALREADY_MEMBER
    if has_open_place:
        return HAS_OPEN_PLACE
    return None


def enrolment_moves_state(service: str, state: str) -> bool:
    """Whether joining a group starts the treatment (state -> in_treatment)."""
    return state != anonymous_rules.IN_TREATMENT and anonymous_rules.may_move(
        service, state, anonymous_rules.IN_TREATMENT
    )


def in_session_on(joined_on: date, left_on: date | None, session_day: date) -> bool:
    """Whether a member belongs at a session held on ``session_day``: joined on or before it and
    not left before it."""
    return joined_on <= session_day and (left_on is None or left_on >= session_day)


@dataclass(frozen=True)
class Progress:
    """A client's course across their group places (rolling intake): the sessions they were
    offered since joining (begun, not cancelled), those they attended, and the course length."""

    offered: int
    attended: int
    planned: int

    @property
    def remaining(self) -> int:
        return max(self.planned - self.offered, 0)

    @property
    def reached(self) -> bool:
        """The planned number of sessions has been offered."""
        return self.offered >= self.planned


def progress(*, offered: int, attended: int, planned: int) -> Progress:
    return Progress(offered=offered, attended=min(attended, offered), planned=planned)


def ready_for_closing_talk(
    *, state: str, course: Progress, last_group_closed: bool, service: str = anonymous_rules.DRUG_TREATMENT
) -> bool:
    """SEL §101a(8) "afgrænset forløb": the course is complete — and the individual closing talk
    due — when the client in treatment has been offered the planned sessions counted from joining,
    or when the client's last group has closed (no next group). Anonymous alcohol treatment
    (SUL §141(7)) is not a bounded course: it may end with its closing talk whenever the worker
    and the person agree."""
    if state != anonymous_rules.IN_TREATMENT:
        return False
    return service == anonymous_rules.ALCOHOL or course.reached or last_group_closed
