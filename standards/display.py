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
        Section(
            _("Anonymous treatment (SEL §101a)"),
            [
                row(_("Offered"), _yes_no(s.anonymous_service), "anonymous_service"),
                row(_("Sessions"), str(s.anonymous_sessions or "–"), "anonymous_sessions"),
                row(
                    _("Providers"),
                    ", ".join(c.name for c in s.anonymous_provider_centres.all()) or "–",
                    "anonymous_provider_centres",
                ),
            ],
        ),
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
