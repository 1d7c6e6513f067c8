"""The standard's settings as labelled rows, for the staff page and the public page."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from organisations.models import Law

from .models import QualityStandard, StandardOffer

INSTRUMENT_NAMES = {
    "EUROPASI": "EuropASI",
    "ASI": "ASI",
    "VOKSENMAP": "VoksenMap",
    "UNGMAP": "UngMap",
    "MATE": "MATE",
    "OTHER": gettext_lazy("other"),
}


@dataclass
class Row:
    label: str
    value: str
    citation: str = ""
    follows_law: bool = False
    items: list[str] = field(default_factory=list)  # shown as a list instead of ``value`` when given

    @property
    def quotes(self) -> list[str]:
        """The standard's own words behind the value (``document_quotes``): what staff see as its source."""
        return document_quotes(self.citation)


# "seed 000 lines 339-341: «...»", "line 5: «...»", "(law text reprinted in seed)": where in the
# seeded document a value was found. Staff see only the quoted words, never the seed and its lines.
_QUOTE = re.compile(r"«([^»]*)»")


def document_name(source_document: str) -> str:
    """The standard's source document as staff may read it: a title or an address, never a file of
    the repository (the seeds are plain-text extractions kept for the project's own checks)."""
    name = (source_document or "").strip()
    if re.search(r"(^|/)seeds?/|\.(txt|md|py|json)$", name, re.IGNORECASE):
        return ""
    return name


def document_quotes(citation: str) -> list[str]:
    """The quotations from the standard's document in a ``citations`` entry, without the seed
    file and line references the seed keeps for its own checks.

    >>> document_quotes("seed 000 lines 339-341: «Der er en behandlingsgaranti»; line 5: «14 dage»")
    ['Der er en behandlingsgaranti', '14 dage']
    """
    quotes = [q.strip() for q in _QUOTE.findall(citation or "") if q.strip()]
    if quotes:
        return quotes
    plain = re.sub(r"\(?[^;:]*\bseed\b[^;:]*\)?:?|\blines?\s+[\d\-–, ]+:?", "", citation or "").strip(" ;:")
    return [plain] if plain else []


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


def _months(n: int | None) -> str:
    return ngettext("%(n)s month", "%(n)s months", n) % {"n": n} if n else "–"


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "–"
    return f"{_months(low)} – {_months(high)}" if low != high else _months(low)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


# The intake rhythms a standard may name by code; any other value is shown as the standard wrote it.
INTAKE_RHYTHMS = {
    "quarterly": gettext_lazy("A new group each quarter"),
}


def intake_rhythm(value: str) -> str:
    """ "quarterly" -> "Ny gruppe hvert kvartal" (Mariagerfjord); other values as typed, "–" when none."""
    value = (value or "").strip()
    return str(INTAKE_RHYTHMS.get(value, value)) or "–"


def phone_number(value: str) -> str:
    """An eight-digit Danish number in pairs, as Danes write it ("70 20 30 40"); anything else as typed."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{8}", value):
        return " ".join(value[i : i + 2] for i in range(0, 8, 2))
    return value or "–"


def provider_names(standard: QualityStandard) -> list[str]:
    """The contracted providers of anonymous treatment, each marked when it lies outside the
    municipality (SEL §101a(2) asks for at least one such)."""
    return [
        _("%(name)s (outside the municipality)") % {"name": centre.name} if centre.outside_municipality else centre.name
        for centre in sorted(standard.anonymous_provider_centres.all(), key=lambda c: c.name)
    ]


def anonymous_rows(standard: QualityStandard, row) -> list[Row]:
    """The anonymous-treatment section (SEL §101a): what the standard offers, and for whom."""
    s = standard
    sessions = (
        ngettext("%(n)s group session", "%(n)s group sessions", s.anonymous_sessions) % {"n": s.anonymous_sessions}
        if s.anonymous_sessions
        else "–"
    )
    criteria = row(_("Who it is for"), "–" if not s.anonymous_criteria else "", "anonymous_criteria")
    criteria.items = [str(c) for c in s.anonymous_criteria]
    providers = provider_names(s)
    return [
        row(_("Offered"), _yes_no(s.anonymous_service), "anonymous_service"),
        row(_("Group sessions"), sessions, "anonymous_sessions"),
        row(_("Individual closing talk"), _yes_no(s.anonymous_closing_talk), "anonymous_closing_talk"),
        row(_("Intake"), intake_rhythm(s.anonymous_intake_rhythm), "anonymous_intake_rhythm"),
        row(_("Providers"), ", ".join(providers) or "–", "anonymous_provider_centres"),
        criteria,
        row(_("Phone for anonymous contact"), phone_number(s.anonymous_contact_phone), "anonymous_contact_phone"),
    ]


def standard_sections(standard: QualityStandard) -> list[Section]:
    s = standard

    def row(label: str, value: str, name: str) -> Row:
        return Row(label, value, s.citations.get(name, ""), name in s.law_defaults)

    laws = ", ".join(str(Law(code).label) for code in s.laws_covered if code in Law.values) or "–"
    age = _("%(age)s years") % {"age": s.minimum_age} if s.minimum_age is not None else _("no lower limit")
    targets = "; ".join(t.get("text") or f"≥ {t['min_percent']} %" for t in s.outcome_targets) or "–"
    readmission = (s.readmission_target or {}).get("text", "–") if s.readmission_target else "–"
    routes = "; ".join(
        f"{r['body']}{' (' + r['deadline'] + ')' if r.get('deadline') else ''}" for r in s.complaint_routes
    )
    return [
        Section(
            _("Scope"),
            [
                row(_("Laws covered"), laws, "laws_covered"),
                row(_("Minimum age"), age, "minimum_age"),
            ],
        ),
        Section(
            _("Treatment guarantee and assessment"),
            [
                row(_("Treatment guarantee"), _("%(days)s days") % {"days": s.guarantee_days}, "guarantee_days"),
                row(_("The guarantee starts"), s.get_guarantee_start_event_display(), "guarantee_start_event"),
                row(_("Under 18"), s.get_guarantee_under_18_display(), "guarantee_under_18"),
                row(
                    _("Assessment deadline"),
                    _("%(days)s days") % {"days": s.assessment_deadline_days},
                    "assessment_deadline_days",
                ),
            ],
        ),
        Section(
            _("Treatment plan and follow-up"),
            [
                row(
                    _("First plan review at the latest"),
                    _months(s.plan_first_review_months),
                    "plan_first_review_months",
                ),
                row(
                    _("Plan review at least every"),
                    _months(s.plan_review_interval_months),
                    "plan_review_interval_months",
                ),
                row(
                    _("Follow-up after discharge"),
                    _(" and ").join(_months(m) for m in s.follow_up_months),
                    "follow_up_months",
                ),
            ],
        ),
        Section(
            _("Residential treatment"),
            [
                row(
                    _("Length of stay"),
                    _range(s.residential_min_months, s.residential_max_months),
                    "residential_max_months",
                ),
                row(
                    _("Processing of applications"),
                    _("up to %(weeks)s weeks") % {"weeks": s.residential_processing_weeks}
                    if s.residential_processing_weeks
                    else "–",
                    "residential_processing_weeks",
                ),
            ],
        ),
        Section(_("Anonymous treatment (SEL §101a)"), anonymous_rows(s, row)),
        Section(
            _("Complaints"),
            [
                row(
                    _("Complaint deadline"),
                    _("%(weeks)s weeks from receiving the decision") % {"weeks": s.complaint_deadline_weeks},
                    "complaint_deadline_weeks",
                ),
                row(_("Complaint routes"), routes or "–", "complaint_routes"),
            ],
        ),
        Section(
            _("Children, instruments and targets"),
            [
                row(
                    _("Child-welfare notification"),
                    s.get_child_notification_policy_display(),
                    "child_notification_policy",
                ),
                row(
                    _("Assessment instruments"),
                    ", ".join(str(INSTRUMENT_NAMES.get(i, i)) for i in s.instruments) or "–",
                    "instruments",
                ),
                row(_("Outcome targets"), targets, "outcome_targets"),
                row(_("Re-admission target"), readmission, "readmission_target"),
            ],
        ),
    ]


def _span(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return _("at least %(n)s") % {"n": low}
    if low is None:
        return _("up to %(n)s") % {"n": high}
    return str(low) if low == high else f"{low}–{high}"


def offer_intensity(offer: StandardOffer) -> str:
    """'2–8 contacts a month · 8 sessions · 3–5 months', leaving out what the standard does not say."""
    parts = []
    contacts = _span(offer.contacts_per_month_min, offer.contacts_per_month_max)
    if contacts:
        parts.append(_("%(n)s contacts a month") % {"n": contacts})
    if offer.sessions:
        parts.append(ngettext("%(n)s session", "%(n)s sessions", offer.sessions) % {"n": offer.sessions})
    months = _span(offer.duration_months_min, offer.duration_months_max)
    if months:
        parts.append(_("%(n)s months") % {"n": months})
    return " · ".join(parts) or "–"


def offer_rows(offers) -> list[dict]:
    return [{"offer": offer, "intensity": offer_intensity(offer)} for offer in offers]
