"""The decision, free choice and complaints: pure rules (DOMAIN.md §2.4; G3.6).

Plain values in, plain values out; no ORM, no request. Messages are English msgids, shown in
Danish through the project's catalogue. Dates are local calendar dates and "4 weeks" are 28
calendar days; a complaint deadline that ends on a Saturday, Sunday or public holiday runs to the
next working day (DOMAIN.md §6), unlike the guarantee's day counts.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citizens.rules import letter_channels
from deadlines.rules import reassessment_weeks
from forlob.dates import next_working_day

# Outcomes, forms and offer kinds as plain strings (the models' choices use the same values).
GRANT, PARTIAL, REFUSAL = "grant", "partial", "refusal"
WRITTEN, ORAL = "written", "oral"
OUTPATIENT, DAY, RESIDENTIAL, ANONYMOUS, ADVICE = "outpatient", "day", "residential", "anonymous", "advice"

LAW_COMPLAINT_WEEKS = 4  # RSL §67(1)
# How a letter reaches the citizen (LetterDispatch.channel uses the same values).
DIGITAL_POST, POST, HANDED_OVER = "digital_post", "post", "handed_over"
# Assumption, not from the sources (they say only "fået meddelelse om afgørelsen", RSL §67(1)): a
# letter by post is taken as received on the fifth working day after it was sent, PostNord's
# delivery time for an ordinary letter; Digital Post and a letter handed over the day they are sent.
POST_DELIVERY_WORKING_DAYS = 5
WRITTEN_REASONS_REQUEST_DAYS = 14  # FVL §23(1)

# Offers a decision under SEL §101 / SUL §§141–142 can allocate to. Advice is not treatment
# (SEL §10; G3.3.1); anonymous treatment is decided under SEL §101a, kept apart (§101a(7)).
ALLOCATABLE_KINDS = ("outpatient", "day", "residential", "follow_up", "other")
# Providers the citizen may choose without Tilbudsportalen: public ones (SEL §101(5): "andet
# offentligt ... behandlingstilbud"); a private provider must be approved and listed.
PUBLIC_CENTRE_KINDS = ("municipal", "external_public")


# The free texts of a decision (a refusal's reasons, a grant's purpose ...), each optional on its own.
TEXT_FIELDS = (
    "reasons",
    "legal_basis",
    "considerations",
    "key_facts",
    "implementation",
    "purpose",
    "other_help",
    "mental_illness_explanation",
)
# The fields of a decision as the authority writes them (``SNAPSHOT_FIELDS`` adds the date).
DRAFT_FIELDS = (
    "outcome",
    "form",
    "offer_kind",
    "provider",
    "intensity_tier",
    *TEXT_FIELDS,
    "not_dual_diagnosis",
    "refused_outside_law",
)
# What an issued version keeps (``Decision.snapshot``), and what the authority writes when issuing.
SNAPSHOT_FIELDS = ("decided_on", *DRAFT_FIELDS)
# The fields the citizen reads in the letter, in the letter's order: a new decision's letter lists
# those that changed (``changed_fields``). The confirmation about mental illness is the
# authority's own check (G2.6.14), not part of the letter.
LETTER_FIELDS = (
    "outcome",
    "form",
    "refused_outside_law",
    "offer_kind",
    "provider",
    "intensity_tier",
    "implementation",
    "purpose",
    "reasons",
    "legal_basis",
    "considerations",
    "key_facts",
    "other_help",
)
# Each letter field as the citizen reads it in "the decision of ... has been changed: ...".
CHANGE_LABELS = {
    "outcome": gettext_noop("the outcome"),
    "form": gettext_noop("how the decision is given"),
    "refused_outside_law": gettext_noop("whether your request falls outside the law or the quality standard"),
    "offer_kind": gettext_noop("the kind of treatment"),
    "provider": gettext_noop("the provider"),
    "intensity_tier": gettext_noop("the offer"),
    "implementation": gettext_noop("how the treatment will be carried out"),
    "purpose": gettext_noop("the purpose of the treatment"),
    "reasons": gettext_noop("the reasons"),
    "legal_basis": gettext_noop("the rules the decision rests on"),
    "considerations": gettext_noop("the main considerations"),
    "key_facts": gettext_noop("the facts that weighed most"),
    "other_help": gettext_noop("other help that may meet your need"),
}


# --------------------------------------------------------------------------- a new decision


def _same(before, after) -> bool:
    """Equal values; a text compared without surrounding blanks, and empty text as no value."""

    def plain(value):
        if isinstance(value, str):
            return value.strip() or None
        return value

    return plain(before) == plain(after)


def changed_fields(before: dict, after: dict) -> list[str]:
    """The letter fields whose value differs between two versions of a decision, in the letter's
    order. Values are plain (``Decision.snapshot``); texts differing only in surrounding blanks,
    or empty against missing, are the same.

    An issued decision is never edited: a new one is issued, and its letter says what changed
    and why (FVL §§22, 24: the citizen must be able to see what the new decision rests on).
    """
    return [name for name in LETTER_FIELDS if not _same(before.get(name), after.get(name))]


def change_labels(names: Iterable[str]) -> list[str]:
    """The changed fields as the citizen reads them, in the active language."""
    return [_(CHANGE_LABELS[name]) for name in names if name in CHANGE_LABELS]


def enumeration(items: Iterable[str], and_word: str) -> str:
    """ "a, b and c": the items joined as a sentence lists them ("a" alone; "a and b")."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {and_word} {items[-1]}"


def reissue_problems(
    *,
    previous_issued_on: date,
    new_issued_on: date,
    reason: str,
    changed: list[str],
    complaint_received_on: date | None,
    in_treatment: bool,
    outcome: str,
    free_choice_made: bool,
) -> list["Problem"]:
    """Why a new decision cannot replace the one in force; empty when it can.

    - A new decision says why (FVL §22: the citizen must know why the decision in force changes).
    - It changes something the citizen reads (else there is nothing to issue).
    - It is dated no earlier than the decision it replaces, nor before the complaint behind it.
    - Treatment has started: a refusal does not end it; a discharge does (BEK 1477 §4).
    - Free choice follows a grant (SEL §101(5)): a refusal cannot stand beside a choice made.
    """
    problems = []
    if not reason.strip():
        problems.append(Problem("reason", _("Say why the decision is changed; the letter tells the citizen.")))
    if not changed:
        problems.append(Problem("__all__", _("Nothing the citizen reads has changed: there is no new decision.")))
    if new_issued_on < previous_issued_on:
        problems.append(Problem("decided_on", _("The new decision cannot be dated before the one it replaces.")))
    if complaint_received_on is not None and new_issued_on < complaint_received_on:
        problems.append(Problem("decided_on", _("The new decision cannot be before the complaint.")))
    if in_treatment and outcome == REFUSAL:
        problems.append(Problem("outcome", _("Treatment has started: end it with a discharge, not a refusal.")))
    elif free_choice_made and outcome == REFUSAL:
        problems.append(Problem("outcome", _("The citizen has used free choice: a refusal cannot replace the grant.")))
    return problems


# --------------------------------------------------------------------------- letter channels


def allowed_channels(address_protected: bool) -> tuple[str, ...]:
    """How a letter may go to this citizen: with name and address protection only by Digital Post
    or handed over, never by post (``citizens.rules.letter_channels``; CPR-loven § 28)."""
    return letter_channels(address_protected)


def channel_problems(channel: str, *, address_protected: bool) -> list["Problem"]:
    """A letter by post to a citizen with a protected address is refused (``allowed_channels``)."""
    if channel not in allowed_channels(address_protected):
        return [
            Problem(
                "channel",
                _("The citizen has name and address protection: send the letter by Digital Post or hand it over."),
            )
        ]
    return []


def prints_address(address_protected: bool) -> bool:
    """The letter prints the citizen's address unless it is protected (CPR-loven § 28)."""
    return not address_protected


# --------------------------------------------------------------------------- complaint deadline


def complaint_weeks(standard_weeks: int | None) -> int:
    """The complaint period to tell the citizen: the standard's, never shorter than the law's 4 weeks.

    RSL §67(1); a standard may be more generous, never stricter (``standards.rules``
    ``complaint_deadline_shortfalls`` warns when it is shorter).
    """
    return max(standard_weeks or LAW_COMPLAINT_WEEKS, LAW_COMPLAINT_WEEKS)


def complaint_deadline(received_decision_on: date, weeks: int = LAW_COMPLAINT_WEEKS) -> date:
    """The last day to complain: ``weeks`` weeks (28 days for 4) after the decision was received,
    or the next working day when that day is a Saturday, Sunday or public holiday.

    RSL §67(1): "Klage til Ankestyrelsen skal ske inden 4 uger efter, at klageren har fået
    meddelelse om afgørelsen" (quoted in G3.6); the move to a working day is general
    administrative-law practice (DOMAIN.md §6). Received Monday 1 June 2026 -> Monday 29 June.
    """
    return next_working_day(received_decision_on + timedelta(weeks=weeks))


def received_on(sent_on: date, channel: str) -> date:
    """The day the citizen is taken to receive a letter sent on ``sent_on`` (RSL §67(1): the
    deadline runs from when the citizen "har fået meddelelse om afgørelsen").

    Digital Post and a letter handed over: the same day. By post: the fifth working day after
    sending (``POST_DELIVERY_WORKING_DAYS``, an assumption: the sources give no rule).
    """
    if channel != POST:
        return sent_on
    day = sent_on
    for _counted in range(POST_DELIVERY_WORKING_DAYS):
        day = next_working_day(day + timedelta(days=1))
    return day


@dataclass(frozen=True)
class LetterDeadline:
    """The complaint deadline a letter states, counted from when the citizen receives it."""

    received_on: date
    counted_to: date  # received_on + the weeks
    due_on: date  # counted_to, or the next working day after it

    @property
    def moved(self) -> bool:
        return self.due_on != self.counted_to


def letter_deadline(sent_on: date, channel: str, weeks: int) -> LetterDeadline:
    """The deadline for a letter dated and sent on ``sent_on`` by ``channel`` (RSL §67(1); DOMAIN.md §6)."""
    received = received_on(sent_on, channel)
    return LetterDeadline(
        received_on=received,
        counted_to=received + timedelta(weeks=weeks),
        due_on=complaint_deadline(received, weeks),
    )


def dispatch_problems(
    *,
    letter_dated_on: date,
    letter_channel: str,
    stated_deadline: date | None,
    sent_on: date,
    channel: str,
    weeks: int,
    today: date,
) -> list["Problem"]:
    """Why a letter cannot be recorded as sent like this; empty when it can.

    Sent before it is dated, or in the future, is wrong. Sent later or by a slower channel than it
    was written for, the letter would state a shorter complaint deadline than the citizen has
    (RSL §67(1)): it must be generated again first.
    """
    if sent_on < letter_dated_on:
        return [Problem("sent_on", _("The letter cannot be sent before the date it carries."))]
    if sent_on > today:
        return [Problem("sent_on", _("The date cannot be in the future."))]
    if stated_deadline is not None and letter_deadline(sent_on, channel, weeks).due_on > stated_deadline:
        field = "channel" if channel != letter_channel else "sent_on"
        return [
            Problem(
                field,
                _(
                    "Sent like this, the citizen has longer to complain than the letter says. "
                    "Generate the letter again, dated the day it is sent."
                ),
            )
        ]
    return []


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


@dataclass(frozen=True)
class LawWording:
    """The sentences of a letter that depend on the law the course falls under."""

    decision: str  # what is granted or refused, under which law
    free_choice: str  # the right to free choice, with its citation
    free_choice_guarantee: str  # that free choice sets the guarantee aside, with its citation
    free_choice_exception: str  # what free choice does not cover
    complaint_deadline: str  # the deadline rule; %(received)s and %(deadline)s filled in by the caller
    medical_complaints: str  # where complaints about the health-professional part go


_DECISION_SENTENCES = {
    "SUL_141": {
        GRANT: gettext_noop("You are granted alcohol treatment under the Health Act §141."),
        PARTIAL: gettext_noop("You are granted part of the alcohol treatment you asked for under the Health Act §141."),
        REFUSAL: gettext_noop("You are refused alcohol treatment under the Health Act §141."),
    },
    "SUL_142": {
        GRANT: gettext_noop("You are granted medical treatment for drug use under the Health Act §142."),
        PARTIAL: gettext_noop(
            "You are granted part of the medical treatment for drug use you asked for under the Health Act §142."
        ),
        REFUSAL: gettext_noop("You are refused medical treatment for drug use under the Health Act §142."),
    },
    "SEL_101": {
        GRANT: gettext_noop("You are granted social treatment for drug use under the Social Services Act §101."),
        PARTIAL: gettext_noop(
            "You are granted part of the social treatment for drug use you asked for under the Social Services Act "
            "§101."
        ),
        REFUSAL: gettext_noop("You are refused social treatment for drug use under the Social Services Act §101."),
    },
}


def letter_law_wording(law: str, outcome: str, routes: Iterable[dict]) -> LawWording:
    """The letter's law-dependent sentences.

    - What is decided under which law: SEL §101 (social drug treatment), SUL §141 (alcohol),
      SUL §142 (medical drug treatment).
    - Free choice and the guarantee it sets aside cite SEL §101(5–6) for social treatment; free
      choice does not cover heroin-assisted treatment (SUL §142(7); DOMAIN.md §6).
    - The complaint deadline cites RSL §67 for social treatment (its complaints go to
      Ankestyrelsen).
    - Complaints about the health-professional part of SUL §§141–142 treatment go where the
      standard's "medical" route says (Odsherred: Styrelsen for Patientsikkerhed; the law quoted in
      G3.6 names Styrelsen for Patientklager, deadline 2 years, at most 5: DOMAIN.md §2.4).
    """
    social = law == "SEL_101"
    sentences = _DECISION_SENTENCES.get(law, _DECISION_SENTENCES["SEL_101"])
    medical_body = next((r.get("body", "") for r in routes if r.get("subject") == "medical"), "")
    medical = ""
    if medical_body and law in ("SUL_141", "SUL_142"):
        medical = _("Complaints about the health-professional part of your treatment are sent to %(body)s.") % {
            "body": medical_body
        }
    free_choice = _(
        "You have the right to choose to be treated by another public or approved private treatment provider "
        "of the same kind as the one you are allocated to."
    )
    guarantee = _(
        "If you use free choice, you are not entitled to have the treatment started within the 14 days of the "
        "treatment guarantee. The treatment must still start as soon as possible."
    )
    if social:
        # Outside f-strings: xgettext does not read the calls inside them.
        free_choice_source = _("(Social Services Act §101(5))")
        guarantee_source = _("(Social Services Act §101(6))")
        free_choice = f"{free_choice} {free_choice_source}"
        guarantee = f"{guarantee} {guarantee_source}"
    exception = _(
        "A private provider must be approved and listed on Tilbudsportalen (tilbudsportalen.dk). There is no "
        "free choice between outpatient or day treatment and residential treatment."
    )
    if law == "SUL_142":
        no_heroin = _("Free choice does not cover medical treatment with diacetylmorphine (heroin).")
        exception = f"{exception} {no_heroin}"
    deadline = (
        _(
            "The deadline is %(weeks)s weeks from the day you received the decision (Legal Protection Act §67). "
            "If you receive this letter on %(received)s, your complaint must reach us no later than %(deadline)s."
        )
        if social
        else _(
            "The deadline is %(weeks)s weeks from the day you received the decision. If you receive this letter "
            "on %(received)s, your complaint must reach us no later than %(deadline)s."
        )
    )
    return LawWording(
        decision=_(sentences[outcome]),
        free_choice=free_choice,
        free_choice_guarantee=guarantee,
        free_choice_exception=exception,
        complaint_deadline=deadline,
        medical_complaints=medical,
    )


def letter_reassessment_weeks(standard_weeks: int | None) -> int:
    """The re-assessment period the letter promises: the one the deadline engine counts with
    (``deadlines.rules.reassessment_weeks``; RSL §66(1): 4 weeks, a standard may be faster)."""
    return reassessment_weeks(standard_weeks)


# --------------------------------------------------------------------------- mental illness (G2.6.14)

# Word beginnings, Danish and English, that suggest a refusal mentions mental illness or a
# psychiatric diagnosis. Matched at the start of a word, so inflections count ("psykoser").
MENTAL_ILLNESS_TERMS = (
    "psykisk syg",
    "psykisk lidelse",
    "psykiske lidelse",
    "psykiatri",
    "diagnos",
    "dobbeltdiagnos",
    "skizofren",
    "depressi",
    "bipolar",
    "psykose",
    "psykotisk",
    "personlighedsforstyr",
    "karakterafvig",
    "adhd",
    "angst",
    "ptsd",
    "mental ill",
    "mental disorder",
    "psychiatr",
    "schizophren",
    "psychos",
    "psychotic",
    "personality disorder",
    "anxiety",
    "dual diagnos",
)
_MENTAL_ILLNESS = re.compile(r"\b(" + "|".join(re.escape(t) for t in MENTAL_ILLNESS_TERMS) + r")\w*", re.IGNORECASE)


def mental_illness_terms(*texts: str) -> list[str]:
    """The words in ``texts`` that mention mental illness or a psychiatric diagnosis, each once,
    lower-cased, in the order found.

    Drug use together with mental illness is never a lawful reason to refuse treatment (G2.6.14):
    a refusal that mentions it is flagged, and must explain why it does not rest on it.
    """
    found: list[str] = []
    for text in texts:
        for match in _MENTAL_ILLNESS.finditer(text or ""):
            word = match.group(0).lower()
            if word not in found:
                found.append(word)
    return found


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
    mental_illness_explanation: str = ""
    refused_outside_law: bool = False

    def mental_illness_terms(self) -> list[str]:
        """Terms in the decision's texts that mention mental illness (G2.6.14)."""
        return mental_illness_terms(
            self.reasons, self.legal_basis, self.considerations, self.key_facts, self.other_help
        )


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
        "other_help": (needs.other_help, _("Say how other help may meet the citizen's need.")),
    }
    for name, (required, message) in texts.items():
        if required and not getattr(draft, name).strip():
            problems.append(Problem(name, message))
    if draft.outcome == REFUSAL and not draft.not_dual_diagnosis_confirmed:
        problems.append(
            Problem(
                "not_dual_diagnosis",
                _("Confirm that the refusal does not rest on mental illness as well as drug use."),
            )
        )
    if draft.outcome == REFUSAL and draft.mental_illness_terms() and not draft.mental_illness_explanation.strip():
        problems.append(
            Problem(
                "mental_illness_explanation",
                _(
                    "The reasons mention %(terms)s. Explain why the refusal does not rest on mental illness "
                    "(G2.6.14): drug use together with mental illness is never a lawful reason to refuse."
                )
                % {"terms": ", ".join(draft.mental_illness_terms())},
            )
        )
    if draft.refused_outside_law and draft.outcome != REFUSAL:
        problems.append(
            Problem(
                "refused_outside_law",
                _("Only a refusal can rest on the request falling outside the law or the quality standard."),
            )
        )
    return problems


def _offer_problems(draft: DecisionDraft) -> list[Problem]:
    """A grant names a specific offer: its kind and provider (G3.6.1)."""
    problems = []
    if not draft.offer_kind:
        problems.append(Problem("offer_kind", _("Choose the kind of offer the citizen is allocated to.")))
    elif draft.offer_kind not in ALLOCATABLE_KINDS:
        problems.append(Problem("offer_kind", _("Advice and anonymous treatment are not allocated by this decision.")))
    if not draft.has_provider:
        problems.append(Problem("provider", _("Choose the provider the citizen is allocated to.")))
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
