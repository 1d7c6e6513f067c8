"""Discharge: its reasons and which of them call for follow-up after discharge. Pure rules.

The reasons are those of G3.11 ("værd at vide"): planned (completed, to another offer, moved, the
citizen wished to stop) and unplanned (expelled, no-show / no contact); "to hospital" and "other
reason" come from BEK 1477 §4(2); death is a reason of its own (DOMAIN.md §2.8).
"""

COMPLETED = "completed"
OTHER_OFFER = "other_offer"
MOVED = "moved"
WISHED_TO_STOP = "wished_to_stop"
EXPELLED = "expelled"
NO_SHOW = "no_show"
HOSPITAL = "hospital"
OTHER = "other"
DIED = "died"

PLANNED = frozenset({COMPLETED, OTHER_OFFER, MOVED, WISHED_TO_STOP})
UNPLANNED = frozenset({EXPELLED, NO_SHOW})

# BEK 1477 §4(2), quoted in G3.12.1: follow-up for exactly these four reasons ("færdigbehandlet",
# "andet tilbud", "hospital", "anden årsag"); every other reason has no statutory follow-up.
FOLLOW_UP_REASONS = frozenset({COMPLETED, OTHER_OFFER, HOSPITAL, OTHER})


def follow_up_required(reason: str) -> bool:
    """Whether the law calls for follow-up 1 and 6 months after discharge (BEK 1477 §4(2); G3.12.1)."""
    return reason in FOLLOW_UP_REASONS
