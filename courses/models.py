"""A course (forløb): one run of a citizen through the pathway (DOMAIN.md §2; G3.12.6).

Contact and advice, the treatment request that starts the guarantee, waivers of the guarantee
and the start of treatment. The assessment and the decision hang off the course in their apps.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizens.models import Citizen
from citizens.rules import age_on
from organisations.models import Centre, Law, Team
from standards.models import QualityStandard


class CourseKind(models.TextChoices):
    """Each kind has its own 14-day guarantee (SEL §101(4); SUL §141(2); SUL §142(6))."""

    DRUG = "drug", _("Drug treatment (SEL §101)")
    ALCOHOL = "alcohol", _("Alcohol treatment (SUL §141)")
    MEDICAL = "medical", _("Medical drug treatment (SUL §142)")


KIND_LAW = {CourseKind.DRUG: Law.SEL_101, CourseKind.ALCOHOL: Law.SUL_141, CourseKind.MEDICAL: Law.SUL_142}


class CourseState(models.TextChoices):
    ADVICE = "advice", _("Advice")
    REQUESTED = "requested", _("Treatment requested")
    ASSESSED = "assessed", _("Assessed")
    DECIDED = "decided", _("Decided")
    IN_TREATMENT = "in_treatment", _("In treatment")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    """Why a course ended; closing closes its open deadlines with the same reason."""

    WITHDRAWN = "withdrawn", _("The citizen withdrew the request")
    MOVED = "moved", _("The citizen moved to another municipality")
    DIED = "died", _("The citizen died")
    NO_ACTION = "no_action", _("Advice ended: no further action")
    REFERRAL = "referral", _("Advice ended: referred elsewhere")
    REFUSED = "refused", _("The request was refused")
    DISCHARGED = "discharged", _("Discharged from treatment")
    OTHER = "other", _("Other reason")


class Course(models.Model):
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="courses", verbose_name=_("citizen"))
    # The citizen's centre, repeated so that every course query is scoped by one indexed column.
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="courses", verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices, default=CourseKind.DRUG)
    state = models.CharField(_("state"), max_length=20, choices=CourseState.choices, default=CourseState.ADVICE)
    opened_on = models.DateField(_("opened on"))
    first_contact_on = models.DateField(_("first contact"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible worker"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    treatment_started_on = models.DateField(_("treatment started on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_kind = models.CharField(
        _("why the course was closed"), max_length=20, choices=CloseReason.choices, blank=True
    )
    closed_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    previous_course = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_courses",
        verbose_name=_("earlier course"),
        help_text=_("The citizen's last closed course of the same kind: a new request starts a new guarantee."),
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["centre", "state"], name="course_centre_state_idx"),
            # A centre's open courses (the worklists' duties and no-shows), never its closed history.
            models.Index(fields=["centre", "id"], condition=~models.Q(state="closed"), name="course_open_centre_idx"),
            # The caseload pages: a worker's or a team's open courses, newest first (keyset paged),
            # one range scan of the open rows however many closed courses the history holds.
            models.Index(
                fields=["responsible", "opened_on", "id"],
                condition=~models.Q(state="closed"),
                name="course_open_resp_idx",
            ),
            models.Index(
                fields=["team", "opened_on", "id"], condition=~models.Q(state="closed"), name="course_open_team_idx"
            ),
            # The dashboard and the register export: a centre's treatment starts in a period.
            models.Index(fields=["centre", "treatment_started_on"], name="course_centre_started_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "kind"],
                condition=~models.Q(state="closed"),
                name="course_one_open_per_citizen_and_kind",
                violation_error_message=_("The citizen already has an open course of this kind."),
            )
        ]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.opened_on:%d.%m.%Y}"


class AdviceTalk(models.Model):
    """Advice is not treatment (SEL §10; G3.3). The worker assesses the need for other help (G3.3.3–3.3.4)."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("More advice talks")
        NO_ACTION = "no_action", _("No further action")
        REFERRAL = "referral", _("Referred elsewhere")
        REQUEST = "request", _("The citizen asks for treatment")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="advice_talks")
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"))
    other_help_needed = models.BooleanField(_("needs help beyond substance use"), default=False)
    other_help_assessment = models.TextField(
        _("assessment of other help needed"),
        help_text=_("Whether other social or health services are relevant."),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.CONTINUE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("advice talk")
        verbose_name_plural = _("advice talks")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.held_on:%d.%m.%Y}"


class RequestChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    DIGITAL = "digital", _("Digital (e-mail, website, Digital Post)")
    REPRESENTATIVE = "representative", _("Via a representative")


class OutsideStandard(models.TextChoices):
    """Why a registered wish for treatment falls outside the standard in force: it still starts the
    clock and needs a decision (a refusal or a referral, with its letter)."""

    KIND_NOT_COVERED = "kind_not_covered", _("The quality standard does not cover this kind of treatment")
    UNDER_MINIMUM_AGE = "under_minimum_age", _("The citizen is under the quality standard's minimum age")


class TreatmentRequest(models.Model):
    """When, how and by whom the wish for treatment was first expressed (G3.4 "værd at vide")."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="request")
    expressed_on = models.DateField(_("wish for treatment first expressed on"))
    channel = models.CharField(_("how"), max_length=20, choices=RequestChannel.choices)
    expressed_by = models.CharField(
        _("by whom"), max_length=200, help_text=_("The citizen, or the representative's name.")
    )
    attended_in_person_on = models.DateField(
        _("citizen attended in person on"),
        null=True,
        blank=True,
        help_text=_("Only where the municipality's standard counts from attendance in person."),
    )
    standard = models.ForeignKey(
        QualityStandard, on_delete=models.PROTECT, related_name="+", verbose_name=_("quality standard in force")
    )
    under_18_special_case = models.BooleanField(
        _("under 18: serious social or behavioural problems caused by drug use (SEL §101(12))"), default=False
    )
    custody_holder_consents = models.BooleanField(_("the custody holder consents"), default=False)
    young_person_consents = models.BooleanField(_("the young person consents"), default=False)
    outside_standard = models.CharField(
        _("outside the quality standard"), max_length=30, choices=OutsideStandard.choices, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The dashboard's re-admissions and the register export: requests by the day they were made.
        indexes = [models.Index(fields=["expressed_on"], name="request_expressed_idx")]
        verbose_name = _("treatment request")
        verbose_name_plural = _("treatment requests")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.expressed_on:%d.%m.%Y}"

    @property
    def age_at_request(self) -> int:
        return age_on(self.course.citizen.birth_date, self.expressed_on)

    @property
    def guarantee_basis(self):
        """Whether the guarantee applies, why and on what source (``rules.guarantee_basis``)."""
        from .rules import guarantee_basis  # the rules import this module's choices

        return guarantee_basis(
            kind=self.course.kind,
            age_at_request=self.age_at_request,
            special_case=self.under_18_special_case,
            standard_under_18=self.standard.guarantee_under_18,
        )


class WaiverReason(models.TextChoices):
    FREE_CHOICE = "free_choice", _("The citizen uses free choice of provider (SEL §101(6))")
    DECLINED = "declined", _("The citizen does not want the guarantee")
    NO_SHOW = "no_show", _("Repeated no-shows")
    NO_COOPERATION = "no_cooperation", _("The citizen does not help obtain information")


class GuaranteeWaiver(models.Model):
    """The guarantee set aside; treatment must still start as soon as possible (G3.6.4)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="waiver")
    reason = models.CharField(_("reason"), max_length=20, choices=WaiverReason.choices)
    waived_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("guarantee waiver")
        verbose_name_plural = _("guarantee waivers")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.waived_on:%d.%m.%Y}"
