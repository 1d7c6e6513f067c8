"""Writing journal notes: the first text and corrections (offentlighedsloven §13).

Each step checks its preconditions, writes in one transaction and records an audit event whose
changes name fields, dates and ids only: never the note's text or the reason for a correction
(free text about the citizen stays in the record, not in the log).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record

from . import rules
from .models import JournalNote, JournalNoteVersion, NoteKind


def _audit(by, action: str, note: JournalNote, changes: dict) -> None:
    audit_record(
        actor=by,
        action=action,
        obj=note,
        citizen_id=note.citizen_id,
        centre_id=note.citizen.centre_id,
        changes=changes,
    )


@transaction.atomic
def journal_note_add(*, citizen, by, event_on: date, kind: str, text: str, course=None) -> JournalNote:
    """Write a note on ``citizen`` (and on ``course``, one of the citizen's courses) about what
    happened on ``event_on`` (OFL §13: as soon as possible; a late note is allowed and shows the
    day it was written). The text becomes version 1."""
    errors: dict[str, str] = {}
    if course is not None and course.citizen_id != citizen.pk:
        errors["course"] = _("The course is not this citizen's.")
    if rules.event_date_problem(event_on, today=timezone.localdate()) == "future":
        errors["event_on"] = _("The date cannot be in the future: a note records what has happened.")
    if kind not in NoteKind.values:
        errors["kind"] = _("Choose the kind of note.")
    if not text.strip():
        errors["text"] = _("Write the note.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    note = JournalNote.objects.create(
        citizen=citizen, course=course, event_on=event_on, kind=kind, author=by, written_at=now
    )
    JournalNoteVersion.objects.create(note=note, number=1, text=text.strip(), written_by=by, written_at=now)
    _audit(
        by,
        AuditEvent.Action.CREATE,
        note,
        {
            "journal_note": note.pk,
            "course": course.pk if course else None,
            "kind": kind,
            "event_on": str(event_on),
            "version": 1,
            "late": note.is_late,
        },
    )
    return note


@transaction.atomic
def journal_note_correct(*, note: JournalNote, by, text: str, reason: str, based_on: int) -> JournalNoteVersion:
    """Correct a note: a new version with the new text and the reason (who, when, why). The earlier
    versions stay as they were (OFL §13). ``based_on`` is the version the writer read: if someone
    corrected the note meanwhile, the correction is refused and the writer reads the newer text."""
    JournalNote.objects.select_for_update().filter(pk=note.pk).first()  # one writer at a time
    current = note.versions.order_by("-number").first()
    errors: dict[str, str] = {}
    if current.number != based_on:
        raise ValidationError(
            _(
                "%(who)s corrected the note at %(when)s while you wrote. Read the current text and "
                "make your correction again."
            )
            % {
                "who": current.written_by.get_full_name() or current.written_by.get_username(),
                "when": date_format(timezone.localtime(current.written_at), "SHORT_DATETIME_FORMAT"),
            }
        )
    if not text.strip():
        errors["text"] = _("Write the corrected text.")
    elif text.strip() == current.text:
        errors["text"] = _("The text is unchanged: a correction changes the text.")
    if not reason.strip():
        errors["reason"] = _("Say why the note is corrected.")
    if errors:
        raise ValidationError(errors)
    version = JournalNoteVersion.objects.create(
        note=note,
        number=rules.next_version_number(current.number),
        text=text.strip(),
        reason=reason.strip(),
        written_by=by,
        written_at=timezone.now(),
    )
    _audit(
        by,
        AuditEvent.Action.UPDATE,
        note,
        {"journal_note": note.pk, "version": version.number, "corrects_version": current.number},
    )
    return version
