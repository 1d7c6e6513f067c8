"""Reads of decision drafts for other apps' lists. No audit here: the list that shows them logs
the citizens it shows (``audit.services.audit_list_read``)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .models import DecisionDraft


@dataclass(frozen=True)
class WaitingDraft:
    """A draft that waits for the authority, in plain values (no texts about the person)."""

    course_id: int
    draft_id: int
    outcome: str  # "" while the writer has not chosen one
    outcome_label: str
    written_by: str  # the writer's full name, or username
    sent_at: datetime | None  # handed to the authority; None: saved, not yet sent
    updated_at: datetime


def drafts_waiting(course_ids: Iterable[int], *, sent_only: bool = False) -> dict[int, WaitingDraft]:
    """course id -> its decision draft, for the courses among ``course_ids`` that have one.

    One query whatever the number of courses. A course has at most one draft, and none once the
    decision is issued (``services.decision_issue`` deletes it). ``sent_only``: only drafts the
    writer has handed to the authority ("ready for decision").
    """
    drafts = DecisionDraft.objects.filter(course_id__in=list(course_ids)).select_related("written_by")
    if sent_only:
        drafts = drafts.filter(sent_at__isnull=False)
    return {
        draft.course_id: WaitingDraft(
            course_id=draft.course_id,
            draft_id=draft.pk,
            outcome=draft.outcome,
            outcome_label=draft.get_outcome_display() if draft.outcome else "",
            written_by=draft.written_by.get_full_name() or draft.written_by.get_username(),
            sent_at=draft.sent_at,
            updated_at=draft.updated_at,
        )
        for draft in drafts
    }
