"""Reads of quality standards: the version in force, and its law check."""

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import QualityStandard
from .rules import Shortfall, StandardTerms, law_shortfalls


def in_force_on(queryset: QuerySet[QualityStandard], on: date) -> QuerySet[QualityStandard]:
    """Versions valid on ``on`` (an empty start or end means open), newest start first."""
    return queryset.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    ).order_by(F("valid_from").desc(nulls_last=True))


def standard_in_force(municipality_id: int, on: date | None = None) -> QualityStandard | None:
    """The municipality's standard in force on ``on`` (default: today in Copenhagen)."""
    on = on or timezone.localdate()
    return in_force_on(QualityStandard.objects.filter(municipality_id=municipality_id), on).first()


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
    )


def standard_shortfalls(standard: QualityStandard, today: date | None = None) -> list[Shortfall]:
    return law_shortfalls(standard_terms(standard), today=today or timezone.localdate())
