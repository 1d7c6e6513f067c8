"""What the stay page and the course panel show of a stay: each meeting and written status with its
status word (``rules.checkpoint_status``), and the planned length against the standard."""

from dataclasses import dataclass
from datetime import date

from . import rules
from .models import ProviderStatus, ResidentialStay, StatusMeeting


@dataclass(frozen=True)
class CheckpointRow:
    label: str
    kind: str  # "meeting" or "status"
    code: str  # the meeting's or status's kind
    due_on: date
    done_on: date | None
    status: str
    days_overdue: int
    note: str = ""


def stay_checkpoints(
    stay: ResidentialStay, meetings: list[StatusMeeting], statuses: list[ProviderStatus], today: date
) -> list[CheckpointRow]:
    """The three meetings and the two written statuses, in date order. A written status is due by
    the meeting it prepares (mid-way status by the mid-way meeting, final status by the final one)."""
    rows = []
    planned = {m.kind: m.planned_on for m in meetings}
    for meeting in meetings:
        check = rules.checkpoint_status(
            due_on=meeting.planned_on,
            done_on=meeting.held_on,
            today=today,
            lapsed=rules.lapsed_by_end(meeting.kind, meeting.planned_on, stay.ended_on),
        )
        rows.append(
            CheckpointRow(
                str(meeting.get_kind_display()),
                "meeting",
                meeting.kind,
                meeting.planned_on,
                meeting.held_on,
                check.status,
                check.days_overdue,
                meeting.note,
            )
        )
    received = {s.kind: s for s in statuses}
    for kind, label in ProviderStatus.Kind.choices:
        meeting_kind = rules.STATUS_FOR_MEETING[kind]
        due = planned.get(meeting_kind)
        if due is None:
            continue
        status = received.get(kind)
        check = rules.checkpoint_status(
            due_on=due,
            done_on=status.received_on if status else None,
            today=today,
            lapsed=rules.lapsed_by_end(meeting_kind, due, stay.ended_on),
        )
        rows.append(
            CheckpointRow(
                str(label),
                "status",
                kind,
                due,
                status.received_on if status else None,
                check.status,
                check.days_overdue,
            )
        )
    return sorted(rows, key=lambda row: (row.due_on, row.kind != "status"))


def stay_length_warning(stay: ResidentialStay, standard) -> str | None:
    """``rules.SHORTER`` / ``rules.LONGER`` when the planned stay is outside the standard's length."""
    if standard is None:
        return None
    return rules.length_outside_standard(
        stay.starts_on, stay.planned_end_on, standard.residential_min_months, standard.residential_max_months
    )


def next_checkpoint(rows: list[CheckpointRow]) -> CheckpointRow | None:
    """The first meeting or status still open (overdue first, as they come in date order)."""
    return next((row for row in rows if row.status in (rules.OVERDUE, rules.PENDING)), None)
