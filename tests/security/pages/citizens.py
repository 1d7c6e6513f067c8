"""The citizens' correction pages in the read walker (tests/security/test_every_read_logged.py)."""

from citizens.models import RelatedPerson
from tests.security.probes import T, V, get

READS = {
    "citizens:person_edit": [get("person", V), get("person", T)],
    "citizens:consent_edit": [get("consent", V), get("consent", T)],
}


def build(world, courses):
    """A related person of the world's citizen (the consent is the world's own)."""
    person = RelatedPerson.objects.create(citizen=world.citizen, kind=RelatedPerson.Kind.CHILD_AT_HOME, name="Barn")
    return {"objects": {"person": person}}
