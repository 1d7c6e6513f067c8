"""The anonymous service's casework as pure rules: which next steps a client's state offers, what a
decision after the clarifying conversation must hold, which dates are possible, and the number of
an advice talk. No ORM; the services (``services``) apply these rules and the state machine of
``anonymous.rules``.

Sources (DOMAIN.md §2.10):
- SEL §101a(1): the target group (a treatment-requiring drug use, no other social problems);
- SEL §101a(3)-(4): contact anonymously, a clarifying conversation decides;
- SEL §101a(6): the decision cannot be appealed, so it carries no complaint guidance;
- SEL §10(2): anonymous advice, also to relatives;
- SUL §141(7): alcohol treatment anonymous if the person wishes.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from .. import rules as shared

# The next steps a client's page offers, by name (the views map them to URLs).
CONVERSATION = "conversation"  # the clarifying conversation and its decision (SEL §101a(3)-(4))
ADVICE_TALK = "advice_talk"  # an anonymous advice talk (SEL §10(2))
ALCOHOL_START = "alcohol_start"  # anonymous alcohol treatment starts (SUL §141(7))
TREATMENT_TALK = "treatment_talk"  # an individual talk in anonymous alcohol treatment (SUL §141(7))
FIND_GROUP = "find_group"  # an eligible client awaits a place in a group (SEL §101a(8)); the groups' pages
END = "end"  # ends early, with a reason

DECISION_SOURCE = "SEL §101a(4)"
NO_APPEAL_SOURCE = "SEL §101a(6)"
ADVICE_SOURCE = "SEL §10(2)"
ALCOHOL_SOURCE = "SUL §141(7)"
TARGET_GROUP_SOURCE = "SEL §101a(1)"

# Referral codes (``anonymous.models.Referral``) and end reasons (``EndReason``), as plain strings
# so the rules stay free of the models.
REFERRAL_NONE = "none"
REFERRAL_SEL_101 = "sel_101"
END_COMPLETED = "completed"
END_REFERRED = "referred"


def next_steps(service: str, state: str) -> tuple[str, ...]:
    """The steps a client of ``service`` in ``state`` may take next, in the order the page shows them.

    - drug treatment, awaiting the conversation: hold it and decide (SEL §101a(3)-(4));
    - drug treatment, eligible: a place in a group (§101a(8); the groups' pages);
    - advice, before or during the talks: another advice talk (SEL §10(2));
    - alcohol, requested: start the anonymous treatment (SUL §141(7)); in treatment: individual
      talks (a group place is optional; the groups' pages);
    - any open course may end early (``anonymous.rules.ALLOWED_TRANSITIONS``).
    Completion (the closing talk) belongs to the groups' pages, not here.
    """
    steps: list[str] = []
    if service == shared.DRUG_TREATMENT and shared.may_move(service, state, shared.ELIGIBLE):
        steps.append(CONVERSATION)
    if service == shared.DRUG_TREATMENT and shared.may_move(service, state, shared.IN_TREATMENT):
        steps.append(FIND_GROUP)
    if service == shared.ADVICE_SERVICE and state in (shared.REQUESTED, shared.ADVICE):
        steps.append(ADVICE_TALK)
    if service == shared.ALCOHOL and shared.may_move(service, state, shared.IN_TREATMENT):
        steps.append(ALCOHOL_START)
    if service == shared.ALCOHOL and state == shared.IN_TREATMENT:
        steps.append(TREATMENT_TALK)
    if shared.may_move(service, state, shared.ENDED):
        steps.append(END)
    return tuple(steps)


def decision_problems(*, eligible: bool, not_eligible_reason: str, referral: str) -> dict[str, str]:
    """What is wrong with a decision after the clarifying conversation (SEL §101a(4)), by field.

    Not in the target group: the reason and where the person is referred are both needed (for
    example to §101 treatment with name and CPR number, which the person then asks for in the
    ordinary way). In the target group: neither belongs to the decision.
    """
    problems: dict[str, str] = {}
    if eligible:
        if not_eligible_reason:
            problems["not_eligible_reason"] = _("A person in the target group has no reason for not being in it.")
        if referral and referral != REFERRAL_NONE:
            problems["referral"] = _("A person in the target group is not referred elsewhere.")
    else:
        if not not_eligible_reason:
            problems["not_eligible_reason"] = _("Choose why the person is not in the target group.")
        if not referral:
            problems["referral"] = _("Choose where the person is referred (or “No referral”).")
    return problems


def date_problem(on: date, *, first_contact_on: date, today: date, not_before: date | None = None) -> str:
    """Why ``on`` cannot be the date of a talk, a decision, a start or an end ("" when it can).

    Nothing happens in the future, nor before the person first made contact (or before
    ``not_before``, e.g. the start of a treatment that now ends)."""
    if on > today:
        return _("The date cannot be in the future.")
    if on < first_contact_on:
        return _("The date cannot be before the first contact.")
    if not_before is not None and on < not_before:
        return _("The date cannot be before the treatment started.")
    return ""


def advice_talk_number(talks_so_far: int) -> int:
    """The number of the next advice talk (SEL §10(2)): "talk 3" after two. The standards give no
    maximum as a setting (Odsherred offers 1–5 talks), so it is only counted, never refused."""
    return max(talks_so_far, 0) + 1


def end_problems(*, service: str, end_reason: str, referral: str) -> dict[str, str]:
    """What is wrong with ending a course early, by field.

    Completion is not an early end: it follows the closing talk or the last session (the groups'
    pages). "Referred" needs where to; ending advice records its outcome: nothing further
    (no referral), a referral, or a request for treatment (referral to SEL §101).
    """
    problems: dict[str, str] = {}
    if not end_reason:
        problems["end_reason"] = _("Choose why the course ends.")
    elif end_reason == END_COMPLETED:
        problems["end_reason"] = _("A completed course ends with the closing talk or the last group session.")
    elif end_reason == END_REFERRED and referral in ("", REFERRAL_NONE):
        problems["referral"] = _("Choose where the person is referred.")
    return problems


@dataclass(frozen=True)
class Criterion:
    """One line of the checklist beside the decision: the text and where it comes from."""

    text: str
    source: str  # a source code for ``|legal`` ("SEL §101a(1)"); "" for the standard's own criteria
    local: bool


def criteria_for(standard_criteria: list[str] | None) -> list[Criterion]:
    """The checklist shown beside the decision (read, not stored): the law's target group
    (SEL §101a(1)) first, then the municipality's own criteria from its standard, as published
    (Fredericia: in education or work, over 18, a real wish to reduce or stop, settled housing,
    needs anonymity). Blank lines are left out."""
    law = [
        Criterion(str(_("A treatment-requiring drug use")), TARGET_GROUP_SOURCE, False),
        Criterion(str(_("No other social problems than the drug use")), TARGET_GROUP_SOURCE, False),
    ]
    local = [Criterion(text.strip(), "", True) for text in (standard_criteria or []) if str(text).strip()]
    return law + local
