"""The decision draft's pages in the read walker (tests/security/test_every_read_logged.py)."""

from decisions import services
from tests.decisions.conftest import assessed_course
from tests.security.probes import A, V, get, post

READS = {
    "decisions:draft": [get("course", V), get("course", A), post("course", V)],
    "decisions:draft_preview": [get("course", V), get("course", A)],
}

# POST only; answers with a redirect to the decision page whether or not there was a draft.
REDIRECT_ONLY = {"decisions:draft_discard": "course"}


def build(world, courses):
    """An assessed course with a draft sent to the authority (its preview answers 200)."""
    visitator = world.users[V]
    course = assessed_course(world.randers, visitator)
    services.decision_draft_save(
        course=course, by=visitator, send=True, outcome="refusal", form="written", reasons="Begrundelse."
    )
    return {"courses": {"drafted": course}}
