"""The caseload pages in the read walker (tests/security/test_every_read_logged.py).

``build`` puts the world's visitator in a team with Sigurd's course, so the team's list shows him.
The transfer page takes a worker's id, not a record's: its probe object ``leaver`` is the
visitator's id with the citizen her caseload shows (Sigurd, whose course she opened).
"""

from types import SimpleNamespace

from caseloads import services
from organisations.models import Membership, Team
from tests.security.probes import M, V, get

READS = {
    "caseloads:mine": [get(None, V)],
    "caseloads:team": [get(None, V)],
    "caseloads:reassign": [get("course", V), get("course", M)],
    "caseloads:transfer": [get("leaver", M)],
}

NO_CITIZEN_DATA = {
    "caseloads:overview": "staff and the counts of their open courses and overdue deadlines, no citizen",
}


def build(world, courses):
    visitator = world.users[V]
    team = Team.objects.create(centre=world.randers, name="Team Walker")
    Membership.objects.filter(user=visitator, centre=world.randers).update(team=team)
    services.course_reassign(course=world.course, by=world.users[M], responsible=visitator, team=team)
    return {"objects": {"leaver": SimpleNamespace(pk=visitator.pk, citizen=world.citizen)}}
