"""The treatment stage's pages for the read walker (tests/security/test_every_read_logged.py)."""

import datetime

from django.utils import timezone

from organisations.models import Centre
from tests.factories import CentreFactory
from treatment import services

from ..probes import M, T, V, get

READS = {
    "treatment:gift_card_add": [get("course", V)],
    "treatment:lapse_add": [get("course", T)],
    "treatment:relapse_plan": [get("course", T), get("course", M)],
    "treatment:stay_add": [get("course", T)],
    "treatment:stay": [get("stay", T), get("stay", M)],
    "treatment:stay_meeting": [get("stay", V)],
    "treatment:stay_status": [get("stay", V)],
    "treatment:stay_end": [get("stay", V)],
    # The centre's list: one event naming every citizen on the page.
    "treatment:gift_cards": [get("gift_card", M)],
}


def build(world, courses) -> dict:
    """A gift card and a residential stay on the course in treatment."""
    course, therapist = courses["in_treatment"], world.users[T]
    today = timezone.localdate()
    card = services.gift_card_issue(
        course=course, by=therapist, issued_on=today, amount=100, kind="electronic", reason="Fremmøde"
    )
    provider = CentreFactory(municipality=world.randers.municipality, kind=Centre.Kind.EXTERNAL_PRIVATE)
    stay = services.stay_start(
        course=course,
        by=therapist,
        provider=provider,
        starts_on=today,
        planned_end_on=today + datetime.timedelta(days=60),
    )
    return {"objects": {"gift_card": card, "stay": stay}}
