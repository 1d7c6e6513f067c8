"""The treatment plan's pages in the read walker (tests/security/test_every_read_logged.py)."""

from plans import services
from tests.pathway import course_in_treatment
from tests.security.probes import M, T, V, get, post

READS = {
    "plans:plan": [get("course", T), get("course", M)],
    "plans:new": [get("course", T), post("course", V)],
    "plans:review": [get("course", T), post("course", V)],
    "plans:versions": [get("course", M)],
    "plans:version": [get("plan_version", T)],
    "plans:pdf": [get("plan_version", M)],
}


def build(world, courses):
    """A course in treatment with a plan (the world's own course in treatment keeps none)."""
    therapist = world.users[T]
    course = course_in_treatment(world.randers, therapist=therapist, days_ago=20, username_prefix="plan-walker")
    version = services.plan_version_save(
        course=course,
        by=therapist,
        based_on=0,
        made_on=course.treatment_started_on,
        goals=[
            {
                "description": "Mål",
                "measure": "Målt",
                "target_on": course.treatment_started_on,
                "actions": "Handling",
            }
        ],
        problems_resources_needs="Behov.",
        citizen_wishes="Ønsker.",
        content="Samtaler.",
        offer_kind="outpatient",
        expected_duration_months=3,
        follow_up_after_discharge="Telefon.",
    )
    return {"courses": {"planned": course}, "objects": {"plan_version": version}}
