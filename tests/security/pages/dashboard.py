"""The manager's key figures (dashboard) and the register export (smdb) in the read walker
(tests/security/test_every_read_logged.py).

``build`` discharges a course of a citizen today, so the drill-down behind the outcome figure
(counted by the month of discharge, which is always this year) shows her whatever the date.
"""

from types import SimpleNamespace

from django.utils import timezone

from discharges import services as discharge_services
from tests.discharges.conftest import register_answers
from tests.pathway import course_in_treatment
from tests.security.probes import M, T, get

READS = {
    "dashboard:drilldown": [get("outcome_measure", M, "?udvalg=alle")],
}

NO_CITIZEN_DATA = {
    "dashboard:index": "figures per month and centre, no citizen",
    "dashboard:definitions": "how each figure is counted",
    "dashboard:csv": "a figure's monthly numbers, no citizen",
    "dashboard:xlsx": "every figure's monthly numbers, no citizen",
    "smdb:index": "counts per record kind; the rows to fix name courses only when a required field is missing",
    "smdb:download": "POST only; the register file (CPR numbers, no names), logged as one export event",
    "smdb:mark_reported": "POST only; marks a month as reported",
}

NO_CITIZEN_DATA_OBJECTS = {"dashboard:csv": "outcome_measure"}


def build(world, courses):
    today = timezone.localdate()
    course = course_in_treatment(world.randers, days_ago=40, today=today, username_prefix="noegletal")
    discharge_services.discharge_record(course=course, by=world.users[T], **register_answers(discharged_on=today))
    course.refresh_from_db()
    return {"objects": {"outcome_measure": SimpleNamespace(pk="resultat", citizen=course.citizen)}}
