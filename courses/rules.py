"""The course's states, when a request falls outside the standard, and the under-18 rules: pure rules."""

from dataclasses import dataclass

from .models import CourseKind, OutsideStandard
from .models import CourseState as S

# The transitions the pathway allows (DOMAIN.md §2): advice may lead to a request or end; a
# request is assessed (G3.5.3: before the decision), then decided (G3.6.2); treatment starts
# only after a grant or partial grant. A request can be withdrawn, and a refusal closes it.
# A request outside the law or the standard may be refused straight away (requested -> decided):
# decisions.services allows that only for a refusal marked ``refused_outside_law``.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.ADVICE: {S.REQUESTED, S.CLOSED},
    S.REQUESTED: {S.ASSESSED, S.DECIDED, S.CLOSED},
    S.ASSESSED: {S.DECIDED, S.CLOSED},
    S.DECIDED: {S.IN_TREATMENT, S.CLOSED},
    S.IN_TREATMENT: {S.CLOSED},
    S.CLOSED: set(),
}

# The paragraph that gives each kind of course its own 14-day guarantee.
GUARANTEE_LAW = {CourseKind.DRUG: "SEL §101(4)", CourseKind.ALCOHOL: "SUL §141(2)", CourseKind.MEDICAL: "SUL §142(6)"}


def can_move(from_state: str, to_state: str) -> bool:
    return to_state in ALLOWED_TRANSITIONS.get(from_state, set())


def request_outside_standard(
    *, kind_law: str, laws_covered: list[str], age_at_request: int, minimum_age: int | None
) -> str:
    """Why a wish for treatment falls outside the municipality's standard ("" if it is inside).

    Every expressed wish is a request and starts the clock (G3.4 "værd at vide"; SEL §101(4),
    SUL §141(2), SUL §142(6)), whatever the standard covers; a request outside it still ends in a
    decision (G3.6.2), a refusal with reasons and complaint guidance (FVL §§22–25) that should say
    how other help may meet the need (G3.6.3). The laws covered and the minimum age are the
    standard's own settings (DOMAIN.md §3).
    """
    if kind_law not in laws_covered:
        return OutsideStandard.KIND_NOT_COVERED
    if minimum_age is not None and age_at_request < minimum_age:
        return OutsideStandard.UNDER_MINIMUM_AGE
    return ""


@dataclass(frozen=True)
class GuaranteeBasis:
    """Whether the 14-day guarantee applies, why (``code``) and the source it rests on."""

    applies: bool
    code: str
    citation: str


def guarantee_basis(*, kind: str, age_at_request: int, special_case: bool, standard_under_18: str) -> GuaranteeBasis:
    """Why a course has, or has not, the 14-day guarantee.

    - 18 or over: the guarantee of the course's law (SEL §101(4); SUL §141(2); SUL §142(6)).
    - Drug treatment under 18: only in special cases, young people with serious social and/or
      behavioural problems caused by drug use (SEL §101(12); Randers seed 000 l. 351-355,
      Mariagerfjord seed 003 l. 269-271). A standard may be more generous ("all_ages",
      Fredericia seed 002 l. 280-281; DOMAIN.md §6), never stricter.
    - Alcohol (SUL §141(2)) and medical treatment (SUL §142(6)) under 18: the law text reprinted
      in the seeds (Odsherred seed 004) sets no age limit and has no special-case rule; SEL
      §101(12) concerns drug treatment under SEL §101 only. The sources are silent on under-18s
      here, so the reading most favourable to the citizen is taken: the guarantee applies.
      DOUBT: confirm with a lawyer (SUL §141(2) and §142(6) as in force).
    """
    law = GUARANTEE_LAW[kind]
    if age_at_request >= 18:
        return GuaranteeBasis(True, "adult", law)
    if kind != CourseKind.DRUG:
        return GuaranteeBasis(True, f"{kind}_no_age_limit", law)
    if special_case:
        return GuaranteeBasis(True, "special_case", "SEL §101(12)")
    if standard_under_18 == "all_ages":
        return GuaranteeBasis(True, "standard_all_ages", "SEL §101(12); kvalitetsstandard")
    return GuaranteeBasis(False, "no_special_case", "SEL §101(12)")


def guarantee_applies(*, kind: str, age_at_request: int, special_case: bool, standard_under_18: str) -> bool:
    """The 14-day guarantee applies (``guarantee_basis`` gives the reason and source)."""
    return guarantee_basis(
        kind=kind, age_at_request=age_at_request, special_case=special_case, standard_under_18=standard_under_18
    ).applies


def missing_under_18_consents(
    *, age_at_request: int, consents_required: bool, young_person: bool, custody_holder: bool
) -> list[str]:
    """The consents still missing for an under-18 (field names), where the standard asks for both.

    Not a rule of the law but of the standard (QualityStandard.under_18_consents_required):
    Mariagerfjord "Udredning og behandling af unge under 18 år kræver accept fra såvel
    forældremyndighed som den unge" (seed 003 l. 186-187). The other seeds are silent.
    """
    if age_at_request >= 18 or not consents_required:
        return []
    given = {"young_person_consents": young_person, "custody_holder_consents": custody_holder}
    return [name for name, consents in given.items() if not consents]


def waiver_rests_on_law(reason: str) -> bool:
    """SEL §101(6) names only free choice; other waivers rest on a local standard (Mariagerfjord)."""
    return reason == "free_choice"


def waiver_allowed(reason: str, local_waivers: list[str]) -> bool:
    return waiver_rests_on_law(reason) or reason in local_waivers
