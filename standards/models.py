"""A municipality's quality standard (kvalitetsstandard) as versioned settings (DOMAIN.md §3).

Each field is a setting that drives deadlines, worklists and the law check (``rules.py``).
``citations`` says where each value comes from; ``law_defaults`` names the settings where the
municipality's document is silent and the law's value applies.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality, OfferKind


class GuaranteeStart(models.TextChoices):
    FIRST_EXPRESSED_WISH = "first_expressed_wish", _("When the wish for treatment is first expressed (the law)")
    FIRST_CONTACT = "first_contact", _("At the first contact")
    ATTENDANCE_IN_PERSON = "attendance_in_person", _("When the citizen attends in person")


class UnderEighteenGuarantee(models.TextChoices):
    SPECIAL_CASES = "special_cases", _("Only in special cases (SEL §101(12))")
    ALL_AGES = "all_ages", _("Regardless of age")


class ChildNotificationPolicy(models.TextChoices):
    ALWAYS = "always", _("Always notify when a parent of a child under 18 is enrolled")
    ON_CONCERN = "on_concern", _("Notify on concern")
    ON_RISK = "on_risk", _("Notify when staff judge there is a risk to the child")


class QualityStandard(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="standards", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    source_document = models.CharField(_("source document"), max_length=200, blank=True)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Leave empty if there is no start date.")
    )
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Leave empty if it applies until replaced.")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    next_revision_by = models.DateField(_("next revision by"), null=True, blank=True)

    laws_covered = models.JSONField(_("laws covered"), default=list)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    guarantee_days = models.PositiveSmallIntegerField(_("treatment guarantee (days)"), default=14)
    guarantee_start_event = models.CharField(
        _("guarantee starts"),
        max_length=30,
        choices=GuaranteeStart.choices,
        default=GuaranteeStart.FIRST_EXPRESSED_WISH,
    )
    guarantee_under_18 = models.CharField(
        _("guarantee for under-18s"),
        max_length=20,
        choices=UnderEighteenGuarantee.choices,
        default=UnderEighteenGuarantee.SPECIAL_CASES,
    )
    under_18_consents_required = models.BooleanField(
        _("under-18s need the consent of both the young person and the custody holder"), default=False
    )
    local_guarantee_waivers = models.JSONField(_("local guarantee waivers"), default=list, blank=True)
    assessment_deadline_days = models.PositiveSmallIntegerField(_("assessment deadline (days)"), default=14)
    assessment_at_treatment_start = models.BooleanField(_("in-depth assessment at treatment start"), default=False)
    plan_first_review_months = models.PositiveSmallIntegerField(_("first plan review (months)"), null=True, blank=True)
    plan_review_interval_months = models.PositiveSmallIntegerField(
        _("plan review at least every (months)"), null=True, blank=True
    )
    plan_review_at_period_end = models.BooleanField(_("plan review at the end of each period"), default=False)
    follow_up_months = models.JSONField(_("follow-up after discharge (months)"), default=list)
    complaint_deadline_weeks = models.PositiveSmallIntegerField(_("complaint deadline (weeks)"), default=4)
    complaint_reassessment_weeks = models.PositiveSmallIntegerField(
        _("re-assessment of a complaint (weeks)"), null=True, blank=True
    )
    residential_min_months = models.PositiveSmallIntegerField(
        _("residential stay from (months)"), null=True, blank=True
    )
    residential_max_months = models.PositiveSmallIntegerField(_("residential stay to (months)"), null=True, blank=True)
    residential_processing_weeks = models.PositiveSmallIntegerField(
        _("processing of residential applications (weeks)"), null=True, blank=True
    )
    anonymous_service = models.BooleanField(_("anonymous treatment (§101a)"), default=True)
    anonymous_sessions = models.PositiveSmallIntegerField(_("anonymous sessions"), null=True, blank=True)
    anonymous_closing_talk = models.BooleanField(_("individual closing talk"), default=False)
    anonymous_intake_rhythm = models.CharField(_("intake rhythm"), max_length=100, blank=True)
    anonymous_provider_centres = models.ManyToManyField(
        "organisations.Centre",
        blank=True,
        related_name="+",
        verbose_name=_("anonymous-treatment providers"),
        help_text=_(
            "The providers the municipality has contracted; at least two, one outside the municipality (SEL §101a(2))."
        ),
    )
    anonymous_criteria = models.JSONField(
        _("who anonymous treatment is for"),
        default=list,
        blank=True,
        help_text=_("The standard's own criteria, one per line, as published (beyond SEL §101a(1))."),
    )
    anonymous_contact_phone = models.CharField(
        _("phone for anonymous contact"),
        max_length=20,
        blank=True,
        help_text=_("A person can also ask for the clarifying conversation by phone (SEL §101a(3))."),
    )
    outcome_targets = models.JSONField(_("outcome targets"), default=list, blank=True)
    readmission_target = models.JSONField(_("re-admission target"), null=True, blank=True)
    instruments = models.JSONField(_("assessment instruments"), default=list, blank=True)
    child_notification_policy = models.CharField(
        _("child-welfare notification"),
        max_length=20,
        choices=ChildNotificationPolicy.choices,
        default=ChildNotificationPolicy.ON_CONCERN,
    )
    child_talks_from_age = models.PositiveSmallIntegerField(_("talks for children from age"), null=True, blank=True)
    family_programme = models.BooleanField(_("family programme"), default=False)
    complaint_routes = models.JSONField(_("complaint routes"), default=list, blank=True)
    other_practices = models.JSONField(_("other local practices"), default=list, blank=True)
    citations = models.JSONField(_("sources of the values"), default=dict, blank=True)
    law_defaults = models.JSONField(_("settings that follow the law (document silent)"), default=list, blank=True)

    class Meta:
        ordering = ["municipality__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="standard_valid_period",
            )
        ]
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date must be on or after the start date.")})
        if not all(isinstance(m, int) and m > 0 for m in self.follow_up_months):
            raise ValidationError({"follow_up_months": _("Enter whole months after discharge, e.g. [1, 6].")})
        if self.municipality_id and self._overlapping().exists():
            raise ValidationError(_("Another version of this municipality's standard is valid in the same period."))

    def _overlapping(self):
        others = QualityStandard.objects.filter(municipality_id=self.municipality_id).exclude(pk=self.pk)
        if self.valid_to:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from:
            others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        return others


class StandardOffer(models.Model):
    """An offer or intensity tier the standard describes (e.g. Odsherred's outpatient tiers)."""

    standard = models.ForeignKey(QualityStandard, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    name = models.CharField(_("name"), max_length=200)
    contacts_per_month_min = models.PositiveSmallIntegerField(_("contacts a month, from"), null=True, blank=True)
    contacts_per_month_max = models.PositiveSmallIntegerField(_("contacts a month, to"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("sessions"), null=True, blank=True)
    duration_months_min = models.PositiveSmallIntegerField(_("duration from (months)"), null=True, blank=True)
    duration_months_max = models.PositiveSmallIntegerField(_("duration to (months)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("offer in the standard")
        verbose_name_plural = _("offers in the standard")

    def __str__(self) -> str:
        return self.name
