"""The read walker's probes (tests/security/test_every_read_logged.py), shared with its page tables
in tests/security/pages/."""

from dataclasses import dataclass

from organisations.models import Role

V, A, T, P, M = Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.MANAGER


@dataclass(frozen=True)
class Probe:
    """Open a page as ``who``: its id from the world's ``obj``; ``shows`` names the citizen it must log."""

    obj: str | None
    who: str
    method: str = "GET"
    query: str = ""
    shows: str = "citizen"
    data: tuple = ()  # the POST's fields, as (name, value) pairs


def get(obj, who, query="", shows="citizen"):
    return Probe(obj, who, "GET", query, shows)


def post(obj, who, **data):
    return Probe(obj, who, "POST", data=tuple(data.items()))
