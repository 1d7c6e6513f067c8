"""The journal's pages for the read walker (tests/security/test_every_read_logged.py)."""

from django.utils import timezone

from journal import services

from ..probes import M, T, V, get, post

READS = {
    # The form pages name the citizen: the read is logged after the role check, also on a POST
    # that comes back with the form's errors.
    "journal:citizen_add": [get("citizen", V), post("citizen", T)],
    "journal:course_add": [get("course", T), post("course", V)],
    "journal:correct": [get("journal_note", V), post("journal_note", T)],
    "journal:history": [get("journal_note", M), get("journal_note", T)],
}


def build(world, courses) -> dict:
    """A note on the world's citizen's course (Sigurd's), with one correction."""
    note = services.journal_note_add(
        citizen=world.course.citizen,
        by=world.users[T],
        course=world.course,
        event_on=timezone.localdate(),
        kind="phone",
        text="Borgeren ringede.",
    )
    services.journal_note_correct(
        note=note, by=world.users[V], text="Borgeren ringede igen.", reason="Rettet.", based_on=1
    )
    return {"objects": {"journal_note": note}}
