"""The read walker's table for the appointment pages (appointments.urls)."""

from ..probes import M, T, get

READS = {
    "appointments:book": [get("course", T)],
    "appointments:consent": [get("course", T)],
    "appointments:attendance": [get("appointment", T), get("appointment", M)],
    # The world's citizen has an appointment with the therapist now: the week lists them.
    "appointments:week": [get(None, T, shows="citizen"), get(None, T, "?vis=team", shows="citizen")],
}

# Sends a reminder (or says why not) and redirects to the appointment's page.
REDIRECT_ONLY = {"appointments:remind": "appointment"}


def build(world, courses) -> dict:
    """An appointment of the world's citizen with the therapist, now (so in this week)."""
    from django.utils import timezone

    from appointments.models import Appointment

    therapist = world.users[T]
    appointment = Appointment.objects.create(
        course=courses["course"], worker=therapist, booked_by=therapist, starts_at=timezone.now(), place="Lokale 1"
    )
    return {"objects": {"appointment": appointment}}
