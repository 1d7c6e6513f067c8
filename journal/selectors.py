"""Reads of journal notes, always through the user's scope (the citizen's centre)."""

from django.db.models import OuterRef, QuerySet, Subquery

from organisations.access import centre_ids_with_role
from organisations.models import CASE_READ_ROLES

from .models import JournalNote, JournalNoteVersion


def with_current_text(notes: QuerySet[JournalNote]) -> QuerySet[JournalNote]:
    """Each note with its current text and version number (the highest version): one query for
    any number of notes."""
    latest = JournalNoteVersion.objects.filter(note=OuterRef("pk")).order_by("-number")
    return notes.annotate(
        current_text=Subquery(latest.values("text")[:1]), current_number=Subquery(latest.values("number")[:1])
    )


def notes_for(user) -> QuerySet[JournalNote]:
    """Notes of citizens at the centres where the user holds a case role (else none)."""
    return JournalNote.objects.select_related("citizen__centre", "course", "author").filter(
        citizen__centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES)
    )


def latest_notes(notes: QuerySet[JournalNote], limit: int) -> list[JournalNote]:
    """The newest ``limit`` notes by event date (indexed), with their current text and author."""
    return list(with_current_text(notes.select_related("author", "course")).order_by("-event_on", "-id")[:limit])
