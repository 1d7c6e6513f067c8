"""Journal notes (journalnotater) on a citizen, and optionally on one of the citizen's courses.

The duty to take notes is offentlighedsloven §13 (``rules.NOTE_SOURCE``): what the centre learns
orally or otherwise about a case's facts, and its significant steps, are written down as soon as
possible. A note is never edited in place: a correction is a new ``JournalNoteVersion`` with who,
when and why, and every earlier text stays readable. The current text is the highest number.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


class NoteKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("Meeting")
    HOME_VISIT = "home_visit", _("Home visit")
    LETTER = "letter", _("Letter or e-mail")
    INTERNAL = "internal", _("Internal note")


class JournalNote(models.Model):
    """One note: what happened when (``event_on``), of which kind, written by whom and when. The
    text lives in its versions (OFL §13: the earlier text of a corrected note stays readable)."""

    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="journal_notes", verbose_name=_("citizen")
    )
    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal_notes",
        verbose_name=_("course"),
    )
    event_on = models.DateField(_("date of the event"))
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["-event_on", "-id"]
        indexes = [
            # The citizen's notes and the timeline, newest first; the course page's latest notes.
            models.Index(fields=["citizen", "-event_on", "-id"], name="journalnote_citizen_event_idx"),
            models.Index(fields=["course", "-event_on", "-id"], name="journalnote_course_event_idx"),
        ]
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event_on:%d.%m.%Y}"

    @property
    def written_on(self):
        return timezone.localdate(self.written_at)

    @property
    def is_late(self) -> bool:
        """Written more than ``rules.LATE_AFTER_DAYS`` after the event (shown, not refused)."""
        return rules.is_late(self.event_on, self.written_on)


class JournalNoteVersion(models.Model):
    """One text of a note. Version 1 is the note as first written; each correction adds the next
    number with its reason. Rows are never changed or deleted."""

    note = models.ForeignKey(JournalNote, on_delete=models.PROTECT, related_name="versions", verbose_name=_("note"))
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["note", "number"]
        constraints = [models.UniqueConstraint(fields=["note", "number"], name="journalnoteversion_unique_number")]
        verbose_name = _("version of a journal note")
        verbose_name_plural = _("versions of journal notes")

    def __str__(self) -> str:
        return f"{self.note} v{self.number}"
