"""Discharge (udskrivning; G3.11) with the register's fields (G3.11.1) and the written status (G3.11.2).

The deadline engine (``deadlines.services.course_facts``) reads ``course.discharge`` with
``discharged_on``, ``reason``, ``follow_up_opted_out_on`` and ``provider_id``: keep these names.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Centre

from . import rules


class DischargeReason(models.TextChoices):
    """G3.11 "værd at vide"; BEK 1477 §4(2) for hospital and other reason; death (DOMAIN.md §2.8)."""

    COMPLETED = rules.COMPLETED, _("Completed treatment")
    OTHER_OFFER = rules.OTHER_OFFER, _("Discharged to another offer")
    MOVED = rules.MOVED, _("Moved to another municipality")
    WISHED_TO_STOP = rules.WISHED_TO_STOP, _("The citizen wished to stop")
    EXPELLED = rules.EXPELLED, _("Expelled")
    NO_SHOW = rules.NO_SHOW, _("No-show / no contact")
    HOSPITAL = rules.HOSPITAL, _("Discharged to hospital")
    OTHER = rules.OTHER, _("Other reason")
    DIED = rules.DIED, _("The citizen died")


class DrugUseStatus(models.TextChoices):
    """Drug use at discharge (G3.11.1); EMCDDA-like categories, the register's codes unverified."""

    ABSTINENT = "abstinent", _("No drug use (abstinent)")
    REDUCED = "reduced", _("Reduced drug use")
    UNCHANGED = "unchanged", _("Unchanged drug use")
    INCREASED = "increased", _("Increased drug use")
    UNKNOWN = rules.UNKNOWN, _("Unknown / not stated")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = rules.UNKNOWN, _("Unknown / not stated")


class Housing(models.TextChoices):
    """Housing after discharge (G3.11.1); EMCDDA-like categories, the register's codes unverified."""

    OWN_HOME = "own_home", _("Own or rented home")
    FAMILY_FRIENDS = "family_friends", _("With family or friends")
    SUPPORTED = "supported", _("Supported housing or institution")
    HOMELESS = "homeless", _("Shelter or homeless")
    PRISON = "prison", _("Prison")
    OTHER = "other", _("Other housing")
    UNKNOWN = rules.UNKNOWN, _("Unknown / not stated")


class Income(models.TextChoices):
    """Source of income, forsørgelsesgrundlag (G3.11.1); EMCDDA-like, the register's codes unverified."""

    WAGES = "wages", _("Wages or own business")
    EDUCATION_GRANT = "education_grant", _("Education grant (SU)")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    CASH_BENEFIT = "cash_benefit", _("Cash benefit or education benefit")
    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness benefit")
    DISABILITY_PENSION = "disability_pension", _("Disability pension or early retirement")
    OLD_AGE_PENSION = "old_age_pension", _("Old-age pension")
    OTHER = "other", _("Other income")
    UNKNOWN = rules.UNKNOWN, _("Unknown / not stated")


class Outreach(models.TextChoices):
    """After an unplanned discharge for lack of contact (G3.11.6)."""

    CONTACTED = "contacted", _("Outreach actors were contacted")
    CONSIDERED = "considered", _("Considered, not contacted")
    NOT_CONSIDERED = "not_considered", _("Not considered")


class Discharge(models.Model):
    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="discharge")
    discharged_on = models.DateField(_("discharge date"))
    reason = models.CharField(_("reason for ending the treatment"), max_length=20, choices=DischargeReason.choices)
    provider = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("the provider that treated the citizen"),
        help_text=_("It carries out the follow-up after discharge."),
    )
    follow_up_opted_out_on = models.DateField(
        _("the citizen opted out of follow-up on"), null=True, blank=True
    )  # G3.12.3
    # The rest of Stofmisbrugsdatabasen's fields (G3.11.1); the date and the reason are above.
    drug_use_status = models.CharField(_("drug use at discharge"), max_length=20, choices=DrugUseStatus.choices)
    self_help_contact = models.CharField(
        _("contact with a self-help network after discharge"), max_length=10, choices=YesNoUnknown.choices
    )
    drug_free_partner = models.CharField(
        _("moves in with a drug-free partner"), max_length=10, choices=YesNoUnknown.choices
    )
    housing = models.CharField(_("housing after discharge"), max_length=20, choices=Housing.choices)
    income = models.CharField(_("source of income"), max_length=30, choices=Income.choices)
    # The written status (G3.11.2), made with the citizen where possible.
    background = models.TextField(_("background and reason for the discharge"), blank=True)
    goal_attainment = models.TextField(_("goal attainment"), blank=True)
    citizen_wishes = models.TextField(_("the citizen's wishes"), blank=True)
    citizen_view = models.TextField(_("the citizen's own view, where it differs"), blank=True)
    support_needs = models.TextField(_("continued support needs"), blank=True)
    plan_forward = models.TextField(_("plan forward"), blank=True)
    made_with_citizen = models.BooleanField(_("the status was made with the citizen"), default=True)
    not_with_citizen_why = models.TextField(_("why not with the citizen"), blank=True)
    coordination = models.TextField(_("coordination with other actors"), blank=True)  # G3.11.3
    advised_where = models.TextField(_("where the citizen was advised to seek help"), blank=True)  # G3.11.4
    outreach = models.CharField(_("outreach actors"), max_length=20, choices=Outreach.choices, blank=True)  # G3.11.6
    outreach_note = models.TextField(_("about outreach"), blank=True)
    told_about_follow_up = models.BooleanField(
        _("the citizen was told about the follow-up before discharge"), default=False
    )  # G3.12.3
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The dashboard and the register export: discharges in a period.
        indexes = [models.Index(fields=["discharged_on"], name="discharge_date_idx")]
        verbose_name = _("discharge")
        verbose_name_plural = _("discharges")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.discharged_on:%d.%m.%Y}"
