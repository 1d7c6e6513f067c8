"""The law check of a quality standard: pure functions, plain values in, shortfalls out.

Each check returns the shortfalls it finds, in plain Danish (through gettext), with the source
of the rule. A shortfall is a setting that is stricter on the citizen than the law, or a local
practice the law does not support (DOMAIN.md §3, "Local practices that depart from the law").
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from forlob.dates import add_years

LAW_GUARANTEE_DAYS = 14  # SEL §101(4); G3.4.1
LAW_ASSESSMENT_DAYS = 14  # G3.4.3, G3.5.2
LAW_FOLLOW_UP_FIRST_MONTHS = 1  # BEK 1477 §2(2) as quoted in G3.12: "senest 1 måned"
LAW_FOLLOW_UP_SECOND_MONTHS = 6  # same: "og igen 6 måneder efter"
LAW_COMPLAINT_WEEKS = 4  # RSL §67
LAW_REVISION_YEARS = 2  # G2.8.1 (printed 2.7.1): "mindst hvert andet år"
LAW_START_EVENTS = {"first_expressed_wish", "first_contact"}  # G3.4 "værd at vide"
LAW_ANONYMOUS_PROVIDERS = 2  # SEL §101a(2): "to eller flere leverandører"


@dataclass(frozen=True)
class Shortfall:
    code: str
    message: str
    source: str


@dataclass(frozen=True)
class StandardTerms:
    """The settings of a standard that the law check reads."""

    guarantee_days: int
    guarantee_start_event: str
    assessment_deadline_days: int
    assessment_at_treatment_start: bool
    follow_up_months: tuple[int, ...]
    complaint_deadline_weeks: int
    approved_on: date | None
    local_guarantee_waivers: tuple[str, ...]
    residential_processing_weeks: int | None
    next_revision_by: date | None
    valid_to: date | None
    anonymous_service: bool
    anonymous_providers_outside: tuple[bool, ...]  # one per contracted provider: lies outside the municipality


@dataclass(frozen=True)
class Period:
    """When a version of a standard is valid; an empty start or end is open."""

    valid_from: date | None
    valid_to: date | None

    def started_by(self, on: date) -> bool:
        return self.valid_from is None or self.valid_from <= on

    def covers(self, on: date) -> bool:
        return self.started_by(on) and (self.valid_to is None or on <= self.valid_to)


def version_in_force(periods: Sequence[Period], on: date) -> int | None:
    """The index of the version in force on ``on``, or None when no version has started yet.

    The version whose period covers the date; when none does, the newest version that has
    started, even though its validity has ended: a standard stays in force until a newer version
    replaces it. G2.8.1 (printed 2.7.1) has the municipality revise its standard at least every
    second year, so one is always meant to exist; that the old version goes on applying when
    the revision is late is our product rule (a municipality is never left without a standard),
    not a rule the guidance states.
    """
    started = [i for i, period in enumerate(periods) if period.started_by(on)]
    candidates = [i for i in started if periods[i].covers(on)] or started
    if not candidates:
        return None
    return max(candidates, key=lambda i: periods[i].valid_from or date.min)


def earliest_new_version_start(current_from: date | None, latest_request_on: date | None, today: date) -> date:
    """The first day a new version of a standard may start, made from the version now current.

    Our product rule, not the guidance's: a standard is changed for the future. Every request
    keeps the version in force on its date (the deadlines it was given), so a new version starts
    no earlier than today, after the current version's start (which then ends the day before)
    and after the last request that already has its deadlines from the current version.
    """
    after = [d + timedelta(days=1) for d in (current_from, latest_request_on) if d is not None]
    return max([today, *after])


def follow_up_shortfalls(months: Iterable[int]) -> list[Shortfall]:
    """Follow-up after discharge no later than 1 month and again at 6 months.

    BEK 1477 §2(2) / §4(2), quoted in G3.12.1: "senest 1 måned og igen 6 måneder efter".
    A first follow-up later than 1 month misses the first; without a follow-up at 6 months
    the second is missed (Odsherred's 1 and 3 months is earlier than the law's second).
    """
    offsets = set(months)
    found = []
    if not any(m <= LAW_FOLLOW_UP_FIRST_MONTHS for m in offsets):
        found.append(
            Shortfall(
                "follow_up_first",
                _("The standard has no follow-up at the latest 1 month after discharge; the law requires one."),
                "BEK 1477 §4(2); G3.12.1",
            )
        )
    if LAW_FOLLOW_UP_SECOND_MONTHS not in offsets:
        found.append(
            Shortfall(
                "follow_up_second",
                _(
                    "The standard has no follow-up 6 months after discharge (it has follow-up at month %(months)s); "
                    "the law requires follow-up again at 6 months."
                )
                % {"months": ", ".join(str(m) for m in sorted(offsets)) or "–"},
                "BEK 1477 §4(2); G3.12.1",
            )
        )
    return found


def guarantee_start_shortfalls(start_event: str) -> list[Shortfall]:
    """The guarantee runs from when the wish for treatment is first expressed, in any form.

    G3.4 "værd at vide"; SEL §101(4). Counting from attendance in person starts it later.
    """
    if start_event in LAW_START_EVENTS:
        return []
    return [
        Shortfall(
            "guarantee_start",
            _(
                "The treatment guarantee starts later than the law allows: the law counts from when "
                "the citizen first expresses a wish for treatment, in writing, in person, by phone or "
                "otherwise — not from when the citizen attends in person."
            ),
            "SEL §101(4); G3.4",
        )
    ]


def guarantee_length_shortfalls(days: int) -> list[Shortfall]:
    """Treatment must start no later than 14 days after the request (SEL §101(4), G3.4.1)."""
    if days <= LAW_GUARANTEE_DAYS:
        return []
    return [
        Shortfall(
            "guarantee_length",
            _("The treatment guarantee is %(days)s days; the law allows at most 14 days.") % {"days": days},
            "SEL §101(4); G3.4.1",
        )
    ]


def assessment_shortfalls(deadline_days: int, at_treatment_start: bool) -> list[Shortfall]:
    """The assessment is done within the 14 days and before the decision (G3.4.3, G3.5.2-3.5.3)."""
    found = []
    if deadline_days > LAW_ASSESSMENT_DAYS:
        found.append(
            Shortfall(
                "assessment_length",
                _("The assessment deadline is %(days)s days; the law requires the assessment within 14 days.")
                % {"days": deadline_days},
                "G3.4.3; G3.5.2",
            )
        )
    if at_treatment_start:
        found.append(
            Shortfall(
                "assessment_timing",
                _(
                    "The standard places the in-depth assessment at the start of treatment; the assessment "
                    "is the basis of the decision and must come before it."
                ),
                "SEL §101(2); G3.5.3",
            )
        )
    return found


def complaint_deadline_shortfalls(weeks: int) -> list[Shortfall]:
    """A citizen may complain within 4 weeks of receiving the decision (RSL §67)."""
    if weeks >= LAW_COMPLAINT_WEEKS:
        return []
    return [
        Shortfall(
            "complaint_deadline",
            _("The complaint deadline is %(weeks)s weeks; the law gives the citizen 4 weeks.") % {"weeks": weeks},
            "RSL §67",
        )
    ]


def revision_shortfalls(approved_on: date | None, next_revision_by: date | None, today: date) -> list[Shortfall]:
    """The standard is revised as needed, at least every second year (G2.8.1, printed 2.7.1).

    Overdue when more than two years have passed since the approval (``add_years``: 29 February
    -> 28 February), or when the standard's own revision date has passed. Seeds give that date to
    the month ("senest december 2026"), stored as the month's last day, so it is never early.
    """
    found = []
    if approved_on is None:
        found.append(
            Shortfall(
                "revision_unknown",
                _("The standard has no approval date, so it cannot be seen whether it is revised every second year."),
                "G2.8.1",
            )
        )
    if approved_on is not None and today > add_years(approved_on, LAW_REVISION_YEARS):
        found.append(
            Shortfall(
                "revision_overdue",
                _("The standard was approved on %(date)s and has not been revised for more than two years.")
                % {"date": approved_on.strftime("%d.%m.%Y")},
                "G2.8.1",
            )
        )
    elif next_revision_by is not None and today > next_revision_by:
        found.append(
            Shortfall(
                "revision_overdue",
                _("The standard was to be revised by %(date)s and has not been revised.")
                % {"date": next_revision_by.strftime("%d.%m.%Y")},
                "G2.8.1",
            )
        )
    return found


def validity_shortfalls(valid_to: date | None, today: date) -> list[Shortfall]:
    """A version whose validity has ended stays in force until a newer one replaces it.

    G2.8.1 (revised at least every second year); staying in force is our product rule, see
    ``version_in_force``.
    """
    if valid_to is None or today <= valid_to:
        return []
    return [
        Shortfall(
            "validity_ended",
            _(
                "The standard was valid until %(date)s. It stays in force until a new version replaces it: "
                "revise it and add the new version."
            )
            % {"date": valid_to.strftime("%d.%m.%Y")},
            "G2.8.1",
        )
    ]


def local_waiver_shortfalls(waivers: Iterable[str]) -> list[Shortfall]:
    """SEL §101(6) lets only free choice set the guarantee aside; other waivers are local."""
    if not list(waivers):
        return []
    return [
        Shortfall(
            "local_waivers",
            _(
                "The standard lets the guarantee lapse for other reasons than free choice (the citizen "
                "declines, does not show up or does not cooperate). These waivers rest on the local "
                "standard, not on the law, which names only free choice."
            ),
            "SEL §101(6); G3.6.4",
        )
    ]


def residential_processing_shortfalls(processing_weeks: int | None, guarantee_days: int) -> list[Shortfall]:
    """A processing time for residential applications longer than the guarantee can break it."""
    if processing_weeks is None or processing_weeks * 7 <= guarantee_days:
        return []
    return [
        Shortfall(
            "residential_processing",
            _(
                "Residential applications may take up to %(weeks)s weeks to process, longer than the "
                "%(days)s-day treatment guarantee; treatment must still start within the guarantee."
            )
            % {"weeks": processing_weeks, "days": guarantee_days},
            "SEL §101(4); G3.4.1",
        )
    ]


def anonymous_provider_shortfalls(offered: bool, providers_outside: tuple[bool, ...]) -> list[Shortfall]:
    """Anonymous treatment of drug use is a duty, with two or more contracted providers, one outside.

    SEL §101a(1): "Kommunalbestyrelsen skal tilbyde anonym, ambulant behandling af stofmisbrug"
    (a standard that does not offer it falls short). SEL §101a(2): "Kommunalbestyrelsen indgår
    aftale med to eller flere leverandører [...], hvoraf mindst ét tilbud skal være beliggende uden
    for kommunen". ``providers_outside`` has one entry per provider the standard names: whether it
    lies outside the municipality (``Centre.outside_municipality``). The two provider checks are
    separate; a standard naming none gets both. The providers are checked also when the service is
    not offered: the duty to contract them does not depend on the standard.
    """
    found = []
    if not offered:
        found.append(
            Shortfall(
                "anonymous_not_offered",
                _(
                    "The standard does not offer anonymous treatment of drug use; the municipality must offer "
                    "anonymous, outpatient treatment to people with a drug use that needs treatment."
                ),
                "SEL §101a(1)",
            )
        )
    if len(providers_outside) < LAW_ANONYMOUS_PROVIDERS:
        message = (
            _(
                "The standard names no provider of anonymous drug treatment; the municipality must have "
                "agreements with two or more providers."
            )
            if not providers_outside
            else _(
                "The standard names only one provider of anonymous drug treatment; the municipality must have "
                "agreements with two or more providers."
            )
        )
        found.append(Shortfall("anonymous_providers_few", message, "SEL §101a(2)"))
    if not any(providers_outside):
        found.append(
            Shortfall(
                "anonymous_provider_outside",
                _(
                    "None of the standard's providers of anonymous drug treatment lies outside the municipality; "
                    "at least one of them must."
                ),
                "SEL §101a(2)",
            )
        )
    return found


def law_shortfalls(terms: StandardTerms, *, today: date, superseded: bool = False) -> list[Shortfall]:
    """Every shortfall of a standard against the law, in a stable order.

    A version that a newer one has replaced by ``today`` is no longer revised, so its revision
    and validity are not checked.
    """
    found = [
        *guarantee_start_shortfalls(terms.guarantee_start_event),
        *guarantee_length_shortfalls(terms.guarantee_days),
        *local_waiver_shortfalls(terms.local_guarantee_waivers),
        *residential_processing_shortfalls(terms.residential_processing_weeks, terms.guarantee_days),
        *assessment_shortfalls(terms.assessment_deadline_days, terms.assessment_at_treatment_start),
        *follow_up_shortfalls(terms.follow_up_months),
        *complaint_deadline_shortfalls(terms.complaint_deadline_weeks),
        *anonymous_provider_shortfalls(terms.anonymous_service, terms.anonymous_providers_outside),
    ]
    if not superseded:
        found += [
            *revision_shortfalls(terms.approved_on, terms.next_revision_by, today),
            *validity_shortfalls(terms.valid_to, today),
        ]
    return found
