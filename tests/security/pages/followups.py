"""Read-walker tables for the follow-up after discharge (followups)."""

import datetime

from django.utils import timezone

from discharges.services import discharge_record
from followups.services import follow_up_record
from tests.discharges.conftest import register_answers
from tests.factories import CitizenFactory
from tests.pathway import course_in_treatment

from ..probes import T, V, get

READS = {
    "followups:course": [get("course", T)],
    "followups:record": [get("course", V, "?maaneder=1")],
}


def build(world, courses) -> dict:
    """A course discharged as completed 40 days ago, its 1-month follow-up recorded."""
    today = timezone.localdate()
    therapist = world.users[T]
    citizen = CitizenFactory(centre=world.randers, first_name="Ulla", last_name="Udskrevsen")
    course = course_in_treatment(world.randers, therapist=therapist, citizen=citizen, days_ago=150)
    discharged_on = today - datetime.timedelta(days=40)
    discharge_record(course=course, by=therapist, **register_answers(discharged_on=discharged_on))
    follow_up_record(
        course=course,
        by=therapist,
        months=1,
        held_on=today - datetime.timedelta(days=10),
        reached=True,
        how="phone",
        status="relapsed",
        situation="Samtale om situationen.",
        goal_holds=False,
        offer_response="offered",
        offer="SMART Recovery",
    )
    return {"courses": {"discharged": course}}
