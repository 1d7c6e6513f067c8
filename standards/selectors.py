"""Reads of quality standards: the version in force, and its law check."""

from datetime import date

from django.apps import apps
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from .models import QualityStandard
from .rules import Period, Shortfall, StandardTerms, earliest_new_version_start, law_shortfalls, version_in_force


def standard_in_force(municipality_id: int, on: date | None = None) -> QualityStandard | None:
    """The municipality's standard in force on ``on`` (default: today in Copenhagen).

    ``rules.version_in_force`` decides: a version whose validity has ended stays in force until
    a newer one replaces it; None only before any version has started.
    """
    on = on or timezone.localdate()
    versions = list(QualityStandard.objects.filter(municipality_id=municipality_id))
    index = version_in_force([Period(v.valid_from, v.valid_to) for v in versions], on)
    return None if index is None else versions[index]


def newer_versions(standard: QualityStandard) -> QuerySet[QualityStandard]:
    """The municipality's versions that start after ``standard`` does."""
    later = Q(valid_from__isnull=False) if standard.valid_from is None else Q(valid_from__gt=standard.valid_from)
    return QualityStandard.objects.filter(later, municipality_id=standard.municipality_id)


def is_superseded(standard: QualityStandard, on: date) -> bool:
    """Whether a newer version of the municipality's standard has started by ``on``."""
    return newer_versions(standard).filter(valid_from__lte=on).exists()


def _requests_on(standard: QualityStandard):
    return apps.get_model("courses", "TreatmentRequest").objects.filter(standard=standard)


def is_referenced(standard: QualityStandard) -> bool:
    """Whether any treatment request has its deadlines from this version (then it is never edited)."""
    return _requests_on(standard).exists()


def new_version_earliest_start(standard: QualityStandard, today: date | None = None) -> date:
    """The first day a new version made from ``standard`` may start (``rules.earliest_new_version_start``)."""
    latest_request_on = _requests_on(standard).aggregate(latest=Max("expressed_on"))["latest"]
    return earliest_new_version_start(standard.valid_from, latest_request_on, today or timezone.localdate())


def standard_terms(standard: QualityStandard) -> StandardTerms:
    return StandardTerms(
        guarantee_days=standard.guarantee_days,
        guarantee_start_event=standard.guarantee_start_event,
        assessment_deadline_days=standard.assessment_deadline_days,
        assessment_at_treatment_start=standard.assessment_at_treatment_start,
        follow_up_months=tuple(standard.follow_up_months),
        complaint_deadline_weeks=standard.complaint_deadline_weeks,
        approved_on=standard.approved_on,
        local_guarantee_waivers=tuple(standard.local_guarantee_waivers),
        residential_processing_weeks=standard.residential_processing_weeks,
        next_revision_by=standard.next_revision_by,
        valid_to=standard.valid_to,
        anonymous_service=standard.anonymous_service,
        anonymous_providers_outside=tuple(
            centre.outside_municipality for centre in standard.anonymous_provider_centres.all()
        ),
    )


def standard_shortfalls(standard: QualityStandard, today: date | None = None) -> list[Shortfall]:
    today = today or timezone.localdate()
    return law_shortfalls(standard_terms(standard), today=today, superseded=is_superseded(standard, today))
