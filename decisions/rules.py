"""The decision, free choice and complaints: pure rules (DOMAIN.md §2.4; G3.6).

Plain values in, plain values out; no ORM, no request. Messages are English msgids, shown in
Danish through the project's catalogue. Calendar choices follow ``deadlines.rules``: dates are
local calendar dates, "4 weeks" are 28 calendar days, and a deadline on a weekend or holiday is
not moved.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

# Outcomes, forms and offer kinds as plain strings (the models' choices use the same values).
GRANT, PARTIAL, REFUSAL = "grant", "partial", "refusal"
WRITTEN, ORAL = "written", "oral"
OUTPATIENT, DAY, RESIDENTIAL, ANONYMOUS, ADVICE = "outpatient", "day", "residential", "anonymous", "advice"

LAW_COMPLAINT_WEEKS = 4  # RSL §67(1)
WRITTEN_REASONS_REQUEST_DAYS = 14  # FVL §23(1)

# Offers a decision under SEL §101 / SUL §§141–142 can allocate to. Advice is not treatment
# (SEL §10; G3.3.1); anonymous treatment is decided under SEL §101a, kept apart (§101a(7)).
ALLOCATABLE_KINDS = ("outpatient", "day", "residential", "follow_up", "other")
# Providers the citizen may choose without Tilbudsportalen: public ones (SEL §101(5): "andet
# offentligt ... behandlingstilbud"); a private provider must be approved and listed.
PUBLIC_CENTRE_KINDS = ("municipal", "external_public")


# --------------------------------------------------------------------------- complaint deadline


def complaint_weeks(standard_weeks: int | None) -> int:
    """The complaint period to tell the citizen: the standard's, never shorter than the law's 4 weeks.

    RSL §67(1); a standard may be more generous, never stricter (``standards.rules``
    ``complaint_deadline_shortfalls`` warns when it is shorter).
    """
    return max(standard_weeks or LAW_COMPLAINT_WEEKS, LAW_COMPLAINT_WEEKS)


def complaint_deadline(received_decision_on: date, weeks: int = LAW_COMPLAINT_WEEKS) -> date:
    """The last day to complain: ``weeks`` weeks (28 days for 4) after the decision was received.

    RSL §67(1): "Klage til Ankestyrelsen skal ske inden 4 uger efter, at klageren har fået
    meddelelse om afgørelsen" (quoted in G3.6). Received Monday 1 June -> Monday 29 June.
    """
    return received_decision_on + timedelta(weeks=weeks)


def is_late(complaint_received_on: date, decision_received_on: date, weeks: int = LAW_COMPLAINT_WEEKS) -> bool:
    """A complaint received after the deadline is late. It is still registered, flagged late:
    the municipality re-assesses and Ankestyrelsen decides whether to look away from the
    deadline (RSL §67; DOMAIN.md §2.4)."""
    return complaint_received_on > complaint_deadline(decision_received_on, weeks)


# --------------------------------------------------------------------------- the letter


@dataclass(frozen=True)
class LetterRequirements:
    """What a decision letter must contain, section by section, with the source of each duty."""

    allocated_offer: bool  # G3.6.1: a grant names the specific offer
    implementation_and_purpose: bool  # SEL §3(2); G3.6.2
    reasons: bool  # FVL §22
    legal_basis: bool  # FVL §24(1)
    considerations: bool  # FVL §24(1): main considerations where discretion was used
    key_facts: bool  # FVL §24(2)
    complaint_guidance: bool  # FVL §25(1); G3.6.3
    other_help: bool  # G3.6.3 ("bør")
    free_choice: bool  # SEL §101(5); G3.6.4, incl. that it sets the 14-day guarantee aside
    written_reasons_on_request: bool  # FVL §23: an oral decision, not fully granted


def fully_granted(outcome: str) -> bool:
    return outcome == GRANT


def letter_requirements(outcome: str, form: str) -> LetterRequirements:
    """The sections a decision letter must contain.

    - A decision that does not fully grant the request states the reasons (FVL §22), the legal
      rules, the main considerations where discretion was used (FVL §24(1)) and the key facts
      (FVL §24(2)), and carries complaint guidance: where, how and the deadline (FVL §25(1);
      G3.6.3). A full grant needs none of these (FVL §§22, 25(1): "medmindre afgørelsen fuldt ud
      giver den pågældende part medhold").
    - A grant or partial grant names the offer (G3.6.1), says briefly how it will be carried out
      and its purpose (SEL §3(2); G3.6.2), and informs of free choice of provider and that using
      it sets aside the 14-day guarantee (SEL §101(5–6); G3.6.4).
    - A refusal should say how other help may meet the need (G3.6.3; "bør": required here for a
      refusal, shown for a partial grant when written).
    - A decision told orally that does not fully grant: the citizen may demand written reasons
      within 14 days (FVL §23(1)); the letter is then those written reasons.
    """
    not_full = not fully_granted(outcome)
    allocates = outcome in (GRANT, PARTIAL)
    return LetterRequirements(
        allocated_offer=allocates,
        implementation_and_purpose=allocates,
        reasons=not_full,
        legal_basis=not_full,
        considerations=not_full,
        key_facts=not_full,
        complaint_guidance=not_full,
        other_help=outcome == REFUSAL,
        free_choice=allocates,
        written_reasons_on_request=form == ORAL and not_full,
    )


# --------------------------------------------------------------------------- the decision


@dataclass(frozen=True)
class DecisionDraft:
    """The decision as entered, in plain values."""

    outcome: str
    form: str
    offer_kind: str = ""
    has_provider: bool = False
    provider_offer_kinds: tuple[str, ...] = ()
    intensity_tier_kind: str | None = None
    reasons: str = ""
    legal_basis: str = ""
    considerations: str = ""
    key_facts: str = ""
    implementation: str = ""
    purpose: str = ""
    other_help: str = ""
    not_dual_diagnosis_confirmed: bool = False


@dataclass(frozen=True)
class Problem:
    """One missing or wrong piece of a decision, tied to the form field it concerns."""

    field: str
    message: str


def decision_problems(draft: DecisionDraft) -> list[Problem]:
    """What is missing or wrong for the outcome; an empty list means the decision can be issued.

    The sources are in ``letter_requirements``; in addition a refusal must never rest on the
    citizen having a mental illness as well as drug use (G2.6.14): the authority confirms it.
    """
    problems: list[Problem] = []
    needs = letter_requirements(draft.outcome, draft.form)
    if needs.allocated_offer:
        problems += _offer_problems(draft)
    else:
        problems += [
            Problem(name, _("A refusal allocates no offer: leave this empty."))
            for name, given in (
                ("offer_kind", bool(draft.offer_kind)),
                ("provider", draft.has_provider),
                ("intensity_tier", draft.intensity_tier_kind is not None),
            )
            if given
        ]
    texts = {
        "implementation": (
            needs.implementation_and_purpose,
            _("Describe briefly how the offer will be carried out (SEL §3(2))."),
        ),
        "purpose": (needs.implementation_and_purpose, _("State the purpose of the offer (SEL §3(2)).")),
        "reasons": (
            needs.reasons,
            _("A decision that does not fully grant the request must give the reasons (FVL §22)."),
        ),
        "legal_basis": (needs.legal_basis, _("State the legal rules the decision rests on (FVL §24(1)).")),
        "considerations": (
            needs.considerations,
            _("State the main considerations behind the assessment (FVL §24(1))."),
        ),
        "key_facts": (needs.key_facts, _("State the facts that weighed most in the decision (FVL §24(2)).")),
        "other_help": (needs.other_help, _("Say how other help may meet the citizen's need (G3.6.3).")),
    }
    for name, (required, message) in texts.items():
        if required and not getattr(draft, name).strip():
            problems.append(Problem(name, message))
    if draft.outcome == REFUSAL and not draft.not_dual_diagnosis_confirmed:
        problems.append(
            Problem(
                "not_dual_diagnosis",
                _("Confirm that the refusal does not rest on mental illness as well as drug use (G2.6.14)."),
            )
        )
    return problems


def _offer_problems(draft: DecisionDraft) -> list[Problem]:
    """A grant names a specific offer: its kind and provider (G3.6.1)."""
    problems = []
    if not draft.offer_kind:
        problems.append(Problem("offer_kind", _("Choose the kind of offer the citizen is allocated to (G3.6.1).")))
    elif draft.offer_kind not in ALLOCATABLE_KINDS:
        problems.append(Problem("offer_kind", _("Advice and anonymous treatment are not allocated by this decision.")))
    if not draft.has_provider:
        problems.append(Problem("provider", _("Choose the provider the citizen is allocated to (G3.6.1).")))
    elif draft.offer_kind and draft.offer_kind not in draft.provider_offer_kinds:
        problems.append(Problem("provider", _("The provider does not offer this kind of treatment.")))
    if draft.intensity_tier_kind is not None and draft.offer_kind and draft.intensity_tier_kind != draft.offer_kind:
        problems.append(Problem("intensity_tier", _("The intensity tier belongs to another kind of offer.")))
    return problems


# --------------------------------------------------------------------------- written reasons


def written_reasons_request_allowed(outcome: str, form: str) -> bool:
    """Written reasons may be demanded for an oral decision that does not fully grant (FVL §23(1))."""
    return form == ORAL and not fully_granted(outcome)


def written_reasons_request_in_time(told_on: date, requested_on: date) -> bool:
    """The demand is made within 14 days after the citizen was told the decision (FVL §23(1))."""
    return told_on <= requested_on <= told_on + timedelta(days=WRITTEN_REASONS_REQUEST_DAYS)


# --------------------------------------------------------------------------- free choice


def free_choice_problems(
    *,
    allocated_kind: str,
    chosen_kind: str,
    provider_offer_kinds: Iterable[str],
    provider_kind: str,
    provider_on_tilbudsportalen: bool,
) -> list[str]:
    """Why the citizen cannot choose this provider; empty when free choice is allowed.

    - Free choice of another public or private provider "af tilsvarende karakter" as the offer
      allocated to (SEL §101(5); G3.6.4): the same kind of offer only.
    - No free choice between outpatient/day and residential treatment, and a residential place
      needs an allocation to residential treatment (Ankestyrelsen 23-18; Mariagerfjord).
    - Only providers on Tilbudsportalen (Mariagerfjord), or public ones (SEL §101(5)).
    - No free choice in anonymous treatment (SEL §101a; G3.6 "værd at vide").
    """
    if not allocated_kind:
        return [_("Free choice needs a grant or partial grant that allocates an offer.")]
    if allocated_kind == ANONYMOUS:
        return [_("There is no free choice in anonymous treatment (SEL §101a).")]
    problems = []
    if chosen_kind == RESIDENTIAL and allocated_kind != RESIDENTIAL:
        problems.append(
            _(
                "A residential place can be chosen only after an allocation to residential treatment "
                "(Ankestyrelsen 23-18)."
            )
        )
    elif RESIDENTIAL in (chosen_kind, allocated_kind) and chosen_kind != allocated_kind:
        problems.append(_("There is no free choice between outpatient or day treatment and residential treatment."))
    elif chosen_kind != allocated_kind:
        problems.append(_("Free choice covers offers of the same kind as the one allocated (SEL §101(5))."))
    if chosen_kind not in set(provider_offer_kinds):
        problems.append(_("The chosen provider does not offer this kind of treatment."))
    if provider_kind not in PUBLIC_CENTRE_KINDS and not provider_on_tilbudsportalen:
        problems.append(_("A private provider can be chosen only if it is approved on Tilbudsportalen."))
    return problems


def free_choice_allowed(
    *,
    allocated_kind: str,
    chosen_kind: str,
    provider_offer_kinds: Iterable[str],
    provider_kind: str,
    provider_on_tilbudsportalen: bool,
) -> bool:
    return not free_choice_problems(
        allocated_kind=allocated_kind,
        chosen_kind=chosen_kind,
        provider_offer_kinds=provider_offer_kinds,
        provider_kind=provider_kind,
        provider_on_tilbudsportalen=provider_on_tilbudsportalen,
    )


# --------------------------------------------------------------------------- complaints


def can_be_appealed(law: str) -> bool:
    """Decisions on anonymous treatment under SEL §101a cannot be brought before another
    administrative authority (SEL §101a(6))."""
    return law != "SEL_101A"


def decision_complaint_route(routes: Iterable[dict], *, fallback_body: str) -> dict:
    """The standard's route for complaints about a decision (subject "decision").

    Without one, the law's route: the complaint goes to the authority that decided, which
    re-assesses it and, if it upholds the decision, forwards it to Ankestyrelsen (RSL §§66–67).
    """
    for route in routes:
        if route.get("subject") == "decision":
            return {
                "subject": "decision",
                "body": route.get("body") or fallback_body,
                "deadline": route.get("deadline", ""),
                "then": route.get("then") or "Ankestyrelsen",
            }
    return {"subject": "decision", "body": fallback_body, "deadline": "", "then": "Ankestyrelsen"}


def reassessment_problems(
    *, outcome: str, reassessed_on: date, received_on: date, forwarded_on: date | None
) -> list[Problem]:
    """The municipality re-assesses; if it upholds the decision it forwards the complaint with the
    case documents to Ankestyrelsen (RSL §66; Odsherred, Mariagerfjord)."""
    problems = []
    if reassessed_on < received_on:
        problems.append(Problem("reassessed_on", _("The re-assessment cannot be before the complaint was received.")))
    if outcome == "upheld" and forwarded_on is None:
        problems.append(
            Problem("forwarded_on", _("An upheld decision is forwarded to Ankestyrelsen: enter the date it was sent."))
        )
    if outcome == "upheld" and forwarded_on is not None and forwarded_on < reassessed_on:
        problems.append(Problem("forwarded_on", _("The complaint cannot be forwarded before the re-assessment.")))
    if outcome == "changed" and forwarded_on is not None:
        problems.append(
            Problem("forwarded_on", _("A changed decision is not forwarded: issue the new decision instead."))
        )
    return problems
