"""The assessment's new pages in the read walker (tests/security/test_every_read_logged.py): the
addendum to a completed assessment and the child-welfare notification's template."""

import datetime

from assessments.models import Task
from tests.security.probes import T, V, get, post

READS = {
    # An invalid POST shows the assessment page again, with the form's errors: the read is logged.
    "assessments:addendum_add": [post("course", V)],
    "assessments:notification": [get("notification_task", V), get("notification_task", T)],
    "assessments:notification_pdf": [get("notification_task", T)],
}


def build(world, courses):
    """A child-welfare notification on the assessed course (the world's own task is naloxone)."""
    course = courses["assessed"]
    task = Task.objects.create(
        course=course,
        kind="child_notification",
        created_on=course.assessment.completed_on or datetime.date.today(),
        reason="Bekymring.",
        source="Barnets lov §133, formerly SEL §153; G3.5.9",
    )
    return {"objects": {"notification_task": task}}
