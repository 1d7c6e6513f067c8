"""The assessment's rules: when it is complete, and which tasks its answers call for. Pure.

Plain values in (``Answers``, the standard's ``child_notification_policy``), plain values out;
no database. Sources: G = Socialstyrelsen's national guidelines; SEL = serviceloven; Barnets lov =
barnets lov (its §133 replaced SEL §153 on 1 January 2024).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

# Task kinds (assessments.models.TaskKind uses these values).
CHILD_NOTIFICATION = "child_notification"
FAMILY_CLINIC_REFERRAL = "family_clinic_referral"
NALOXONE = "naloxone"
DUAL_TREATMENT = "dual_treatment"
CONTRACEPTION = "contraception"
SCREENING = "screening"
# Tasks that arise during treatment (created by their own steps, not by the assessment).
OUTREACH = "outreach"  # G3.10.3: reach out after a no-show
AFTERCARE = "aftercare"  # G2.3.8: intensive outpatient or day treatment after a residential stay

# Pregnancy answers (assessments.models.Pregnancy uses these values).
PREGNANCY_NOT_ASKED = "not_asked"
PREGNANCY_NONE = "none"
PREGNANCY_EXPECTING = "expecting"
PREGNANCY_PARTNER_EXPECTING = "partner_expecting"

# standards.models.ChildNotificationPolicy values.
POLICY_ALWAYS = "always"
POLICY_ON_CONCERN = "on_concern"
POLICY_ON_RISK = "on_risk"

# The five areas every assessment covers (G3.5 "værd at vide").
FIVE_AREAS = ("drug_use", "social_conditions", "health", "work_education", "other_matters")

# The child-welfare notification's source: barnets lov §133 (in force 1 January 2024), which
# replaced SEL §153 (DOMAIN.md §6); G3.5.9 asks the assessment to look for children.
CHILD_NOTIFICATION_SOURCE = "Barnets lov §133, formerly SEL §153; G3.5.9"

# The assessment form's sections, in order, and the fields each holds: the start, the five areas
# (the answers that call for tasks go with the area they concern; children and pregnancy are the
# family, so social conditions; the need for other help, G3.5.4, with "other relevant matters").
START = "start"
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (START, ("started_on", "instrument", "instrument_results", "told_how_it_works")),
    ("drug_use", ("drug_use", "opioid_use", "drugs_and_alcohol")),
    (
        "social_conditions",
        (
            "social_conditions",
            "children_at_home_asked",
            "children_at_home_count",
            "children_elsewhere_contact",
            "child_concern",
            "child_concern_details",
            "pregnancy",
            "pregnancy_due_on",
        ),
    ),
    ("health", ("health", "fertile_age", "specialised_screening_indicated")),
    ("work_education", ("work_education",)),
    ("other_matters", ("other_matters", "other_help_needed")),
)


def cites_a_law(source: str) -> bool:
    """Whether ``source`` names a law (not only guideline numbers): pages name the law in the main
    text and leave the guidelines to the details."""
    return any(part.strip() and not part.strip().startswith("G") for part in source.split(";"))


# Where each section's duties come from (shown in Danish legal notation, the codes on demand).
SECTION_SOURCES = {
    START: "G3.5.1; G3.5.2; G3.5.6",
    "drug_use": "G3.5; G2.3.12; G2.3.13",
    "social_conditions": "Barnets lov §133, formerly SEL §153; G3.5; G3.5.9; G3.5.10; G2.3.10",
    "health": "G3.5; G3.5.5; G2.3.11",
    "work_education": "G3.5",
    "other_matters": "G3.5; G3.5.4",
}


@dataclass(frozen=True)
class Answers:
    """What the worker recorded in the assessment, as plain values."""

    drug_use: str = ""
    social_conditions: str = ""
    health: str = ""
    work_education: str = ""
    other_matters: str = ""
    other_help_needed: str = ""
    instrument: str = ""
    told_how_it_works: bool = False
    children_at_home_asked: bool = False
    children_at_home_count: int | None = None
    children_elsewhere_contact: bool = False
    child_concern: bool = False
    child_concern_details: str = ""
    pregnancy: str = PREGNANCY_NOT_ASKED
    opioid_use: bool = False
    drugs_and_alcohol: bool = False
    fertile_age: bool = False
    specialised_screening_indicated: bool = False


@dataclass(frozen=True)
class TaskNeed:
    """A task the answers call for, with why (shown to staff) and the source."""

    kind: str
    source: str
    reason: str


@dataclass(frozen=True)
class Missing:
    """Something that keeps the assessment from being complete, tied to the field that answers it."""

    field: str
    message: str


def expecting_a_child(pregnancy: str) -> bool:
    """The citizen or the citizen's partner expects a child: expectant fathers count too (G2.3.10)."""
    return pregnancy in (PREGNANCY_EXPECTING, PREGNANCY_PARTNER_EXPECTING)


def parent_of_child_under_18(answers: Answers) -> bool:
    """A child under 18 at home (G3.5.9), or one living elsewhere the citizen has contact with
    (Mariagerfjord: "forælder til et barn under 18 år" — any child, notified to *the child's* home
    municipality)."""
    return bool(answers.children_at_home_count) or answers.children_elsewhere_contact


def child_notification_reason(answers: Answers, policy: str) -> str | None:
    """Why a child-welfare notification is called for, or None.

    - A recorded concern always calls for one, whatever the local practice: the duty to notify
      covers a child under 18 who may need special support and a child expected to need support
      after birth (Barnets lov §133, formerly SEL §153(1) nr. 1–2). This is the "on_concern"
      (Odsherred, the law) and "on_risk" (Randers: "Hvis vi vurderer, at dit barn er i risiko …") policies.
    - "always" (Mariagerfjord): a notification is always made when a parent of a child under 18
      is enrolled, concern or not.
    """
    if answers.child_concern:
        return _("A concern for a child is recorded in the assessment.")
    if policy == POLICY_ALWAYS and parent_of_child_under_18(answers):
        return _("The municipality's standard: always notify when a parent of a child under 18 is enrolled.")
    return None


def tasks_called_for(answers: Answers, child_notification_policy: str) -> list[TaskNeed]:
    """The tasks that follow from a completed assessment, in a fixed order.

    - heroin or other opioids: a first-aid course in naloxone and a naloxone kit ("skal", G2.3.12);
    - both drugs and alcohol: treatment for both ("skal", G2.3.13);
    - fertile age: contraception counselling ("bør", G2.3.11);
    - the assessment shows it: specialised screening / investigation ("bør", G3.5.5);
    - the citizen or partner expects a child: referral to the regional family outpatient clinic as
      early as possible ("bør", G2.3.10, G3.5.10);
    - a child-welfare notification, see ``child_notification_reason`` (Barnets lov §133, formerly
      SEL §153; G3.5.9).
    """
    needs: list[TaskNeed] = []
    reason = child_notification_reason(answers, child_notification_policy)
    if reason is not None:
        needs.append(TaskNeed(CHILD_NOTIFICATION, CHILD_NOTIFICATION_SOURCE, reason))
    if expecting_a_child(answers.pregnancy):
        needs.append(
            TaskNeed(
                FAMILY_CLINIC_REFERRAL,
                "G2.3.10; G3.5.10",
                _("A child is expected: refer to the regional family outpatient clinic as early as possible."),
            )
        )
    if answers.opioid_use:
        needs.append(
            TaskNeed(NALOXONE, "G2.3.12", _("Uses heroin or other opioids: offer a naloxone course and a kit."))
        )
    if answers.drugs_and_alcohol:
        needs.append(TaskNeed(DUAL_TREATMENT, "G2.3.13", _("Uses both drugs and alcohol: offer treatment for both.")))
    if answers.fertile_age:
        needs.append(TaskNeed(CONTRACEPTION, "G2.3.11", _("Of fertile age: offer contraception counselling.")))
    if answers.specialised_screening_indicated:
        needs.append(
            TaskNeed(SCREENING, "G3.5.5", _("The assessment shows a need for specialised screening or investigation."))
        )
    return needs


def missing_for_completion(answers: Answers) -> list[Missing]:
    """What keeps the assessment from being complete (empty when it is complete).

    - the five areas (G3.5 "værd at vide") and the need for other help (G3.5.4, "skal");
    - which instrument was used, or none (DOMAIN.md §2.3: "Record which instrument was used");
    - children under 18 at home were asked about, with their number (G3.5.9, "skal"); the concern
      itself (``child_concern_details``) is asked for but not required: the notification must go
      without delay, and its template marks a missing description to be written by hand;
    - whether the citizen or partner expects a child was asked (G3.5.10, "skal");
    - the citizen was told how the assessment works and what it is for (G3.5.6, "bør"; the
      product requires it so that it is never forgotten).
    """
    area_messages = {
        "drug_use": _("Describe the citizen's drug use."),
        "social_conditions": _("Describe the social conditions: housing, network and family."),
        "health": _("Describe the physical and mental health."),
        "work_education": _("Describe work and education."),
        "other_matters": _("Describe other relevant matters, or write that there are none."),
    }
    missing = [Missing(name, area_messages[name]) for name in FIVE_AREAS if not getattr(answers, name).strip()]
    if not answers.other_help_needed.strip():
        missing.append(Missing("other_help_needed", _("Assess the need for other help, support or treatment.")))
    if not answers.instrument:
        missing.append(Missing("instrument", _("Choose the instrument used, or “No instrument”.")))
    if not answers.told_how_it_works:
        missing.append(
            Missing("told_how_it_works", _("Tell the citizen how the assessment works and what it is used for."))
        )
    if not answers.children_at_home_asked:
        missing.append(
            Missing("children_at_home_asked", _("Ask whether the citizen has children under 18 living at home."))
        )
    elif answers.children_at_home_count is None:
        missing.append(
            Missing("children_at_home_count", _("Enter the number of children under 18 living at home (0 if none)."))
        )
    if answers.pregnancy == PREGNANCY_NOT_ASKED:
        missing.append(
            Missing("pregnancy", _("Ask whether the citizen or the citizen's partner is expecting a child."))
        )
    return missing


def section_of(field: str) -> str | None:
    """The section of the assessment form that holds ``field`` (None for the completion's fields)."""
    return next((name for name, fields in SECTIONS if field in fields), None)


def missing_by_section(answers: Answers) -> dict[str, list[Missing]]:
    """``missing_for_completion`` grouped by section: every section's name, with what it lacks
    (an empty list: the section is filled in). Completion needs every section filled in."""
    grouped: dict[str, list[Missing]] = {name: [] for name, _fields in SECTIONS}
    for item in missing_for_completion(answers):
        grouped[section_of(item.field) or START].append(item)
    return grouped
