"""Writing and correcting notes: refusals, versions kept, and an audit trail without the text."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from journal import services
from journal.models import JournalNote, JournalNoteVersion
from tests.factories import CitizenFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_note_is_written_as_version_one(note, randers_therapist):
    assert note.author == randers_therapist
    (version,) = note.versions.all()
    assert (version.number, version.text, version.reason) == (1, "Borgeren ringede og aflyste tirsdag.", "")
    assert note.written_on == TODAY and not note.is_late


def test_a_note_on_the_citizen_alone(course, randers_visitator):
    note = services.journal_note_add(
        citizen=course.citizen, by=randers_visitator, event_on=TODAY, kind="internal", text="Intern aftale."
    )
    assert note.course is None and note.citizen == course.citizen


def test_an_event_in_the_future_is_refused(course, randers_therapist):
    with pytest.raises(ValidationError) as refused:
        services.journal_note_add(
            citizen=course.citizen, by=randers_therapist, event_on=TODAY + timedelta(days=1), kind="phone", text="X"
        )
    assert "event_on" in refused.value.message_dict
    assert not JournalNote.objects.exists()


def test_an_empty_text_and_an_unknown_kind_are_refused(course, randers_therapist):
    with pytest.raises(ValidationError) as refused:
        services.journal_note_add(citizen=course.citizen, by=randers_therapist, event_on=TODAY, kind="x", text="  ")
    assert set(refused.value.message_dict) == {"kind", "text"}


def test_another_citizens_course_is_refused(course, randers_centre, randers_therapist):
    other = CitizenFactory(centre=randers_centre)
    with pytest.raises(ValidationError) as refused:
        services.journal_note_add(
            citizen=other, by=randers_therapist, course=course, event_on=TODAY, kind="phone", text="X"
        )
    assert "course" in refused.value.message_dict


def test_a_late_note_is_allowed_and_known_as_late(course, randers_therapist):
    note = services.journal_note_add(
        citizen=course.citizen, by=randers_therapist, event_on=TODAY - timedelta(days=10), kind="meeting", text="Møde."
    )
    assert note.is_late


def test_a_correction_is_a_new_version_and_the_old_text_stays(note, randers_visitator):
    version = services.journal_note_correct(
        note=note, by=randers_visitator, text="Borgeren ringede og aflyste onsdag.", reason="Forkert dag.", based_on=1
    )
    assert version.number == 2 and version.written_by == randers_visitator
    texts = list(note.versions.order_by("number").values_list("number", "text", "reason"))
    assert texts == [
        (1, "Borgeren ringede og aflyste tirsdag.", ""),
        (2, "Borgeren ringede og aflyste onsdag.", "Forkert dag."),
    ]
    note.refresh_from_db()
    assert note.author != randers_visitator  # the note's author stays who first wrote it


def test_a_correction_needs_a_reason_and_a_changed_text(note, randers_therapist):
    with pytest.raises(ValidationError) as refused:
        services.journal_note_correct(
            note=note, by=randers_therapist, text="Borgeren ringede og aflyste tirsdag.", reason=" ", based_on=1
        )
    assert set(refused.value.message_dict) == {"text", "reason"}
    assert JournalNoteVersion.objects.count() == 1


def test_a_correction_on_an_outdated_version_is_refused(note, randers_therapist, randers_visitator):
    services.journal_note_correct(note=note, by=randers_visitator, text="Ny tekst.", reason="Rettelse.", based_on=1)
    with pytest.raises(ValidationError) as refused:
        services.journal_note_correct(note=note, by=randers_therapist, text="Anden tekst.", reason="Også.", based_on=1)
    assert randers_visitator.get_full_name() in " ".join(refused.value.messages)
    assert note.versions.count() == 2


def test_the_audit_trail_names_the_note_but_holds_no_text(note, randers_therapist):
    services.journal_note_correct(
        note=note, by=randers_therapist, text="Hemmelig rettet tekst.", reason="Hemmelig grund.", based_on=1
    )
    events = AuditEvent.objects.filter(object_type="journal.JournalNote", object_id=str(note.pk)).order_by("id")
    assert [e.action for e in events] == [AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE]
    dumped = json.dumps([e.changes for e in events], ensure_ascii=False)
    assert "aflyste" not in dumped and "Hemmelig" not in dumped
    assert events[1].changes == {"journal_note": note.pk, "version": 2, "corrects_version": 1}
