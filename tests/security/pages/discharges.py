"""The read walker's table for the discharge pages (discharges.urls)."""

from discharges import services
from tests.discharges.conftest import register_answers
from tests.pathway import course_in_treatment

from ..probes import M, T, get, post

READS = {
    "discharges:discharge": [get("course", T)],
    "discharges:detail": [get("course", T), get("course", M)],
    "discharges:pdf": [get("course", T), get("course", M)],
    "discharges:opt_out": [post("course", T)],
}


def build(world, courses) -> dict:
    """A discharged course (completed treatment, with its follow-ups), besides the others."""
    from django.utils import timezone

    therapist = world.users[T]
    course = course_in_treatment(world.randers, therapist=therapist, days_ago=30, username_prefix="udskrevet")
    services.discharge_record(course=course, by=therapist, **register_answers(discharged_on=timezone.localdate()))
    return {"courses": {"discharged": course}}
