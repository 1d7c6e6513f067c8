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


# --- Stofmisbrugsdatabasen's fields at discharge (G3.11.1) -------------------------------------
#
# G3.11.1: at discharge the following must be registered for Stofmisbrugsdatabasen: the discharge
# date, the drug-use status at discharge, the reason for ending, contact with a self-help network
# after discharge, whether the citizen moves in with a drug-free partner, housing after discharge
# and the source of income. The register's exact code lists are NOT in our sources (DOMAIN.md §4:
# verify before relying): the categories below are EMCDDA-like (the Treatment Demand Indicator's
# living status, income and use categories), each with an explicit "unknown / not stated" where a
# register of this kind allows it. Map them to the register's codes when the list is confirmed.

UNKNOWN = "unknown"

# Drug use at discharge compared with the start of treatment (EMCDDA TDI-like).
DRUG_USE_STATUSES = ("abstinent", "reduced", "unchanged", "increased", UNKNOWN)
# Yes / no / not stated: contact with a self-help network; moving in with a drug-free partner.
YES_NO_UNKNOWN = ("yes", "no", UNKNOWN)
# Housing after discharge (EMCDDA TDI living status-like).
HOUSING = ("own_home", "family_friends", "supported", "homeless", "prison", "other", UNKNOWN)
# Main source of income, forsørgelsesgrundlag (EMCDDA TDI-like, Danish benefits).
INCOME = (
    "wages",
    "education_grant",
    "unemployment_benefit",
    "cash_benefit",
    "sickness_benefit",
    "disability_pension",
    "old_age_pension",
    "other",
    UNKNOWN,
)

# The register's fields, in the order of G3.11.1, as the discharge's field names.
REGISTER_FIELDS = (
    "discharged_on",
    "drug_use_status",
    "reason",
    "self_help_contact",
    "drug_free_partner",
    "housing",
    "income",
)


def missing_register_fields(values: dict) -> list[str]:
    """The register's fields (G3.11.1) with no value in ``values``, in the order of G3.11.1.

    Every field is required: "unknown / not stated" is a value, an empty answer is not. A value
    counts as missing when absent, None or an empty (or blank) text.
    """
    missing = []
    for name in REGISTER_FIELDS:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    return missing


def treating_provider(*, centre_id: int, decision_provider_id: int | None, free_choice_provider_id: int | None) -> int:
    """The provider that treated the citizen, who carries out the follow-up after discharge (G3.12.2).

    The provider the citizen chose under free choice (SEL §101(5)) treated the citizen, whatever
    the decision allocated; else the decision's provider; else the course's own centre.
    """
    return free_choice_provider_id or decision_provider_id or centre_id


def outreach_prompted(reason: str) -> bool:
    """After an unplanned discharge for lack of contact, consider contacting outreach actors
    (G3.11.6): the form asks whether they were considered or contacted."""
    return reason == NO_SHOW
