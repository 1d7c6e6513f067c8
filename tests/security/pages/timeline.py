"""The citizen's timeline for the read walker (tests/security/test_every_read_logged.py)."""

from ..probes import M, T, get

READS = {
    "timeline:citizen": [get("citizen", M), get("citizen", T, "?kind=note&kind=decision&side=1")],
}
