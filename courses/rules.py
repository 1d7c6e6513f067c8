"""The course's states, and when the guarantee applies: pure rules."""

from .models import CourseState as S

# The transitions the pathway allows (DOMAIN.md §2): advice may lead to a request or end; a
# request is assessed (G3.5.3: before the decision), then decided (G3.6.2); treatment starts
# only after a grant or partial grant. A request can be withdrawn, and a refusal closes it.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.ADVICE: {S.REQUESTED, S.CLOSED},
    S.REQUESTED: {S.ASSESSED, S.CLOSED},
    S.ASSESSED: {S.DECIDED, S.CLOSED},
    S.DECIDED: {S.IN_TREATMENT, S.CLOSED},
    S.IN_TREATMENT: {S.CLOSED},
    S.CLOSED: set(),
}


def can_move(from_state: str, to_state: str) -> bool:
    return to_state in ALLOWED_TRANSITIONS.get(from_state, set())


def guarantee_applies(*, age_at_request: int, special_case: bool, standard_under_18: str) -> bool:
    """The 14-day guarantee for under-18s only in special cases (SEL §101(12)).

    A standard may be more generous ("all_ages", Fredericia), never stricter.
    """
    if age_at_request >= 18:
        return True
    return special_case or standard_under_18 == "all_ages"


def under_18_needs_consents(age_at_request: int) -> bool:
    """An under-18 needs the consent of both the young person and the custody holder (Mariagerfjord)."""
    return age_at_request < 18


def waiver_rests_on_law(reason: str) -> bool:
    """SEL §101(6) names only free choice; other waivers rest on a local standard (Mariagerfjord)."""
    return reason == "free_choice"


def waiver_allowed(reason: str, local_waivers: list[str]) -> bool:
    return waiver_rests_on_law(reason) or reason in local_waivers
