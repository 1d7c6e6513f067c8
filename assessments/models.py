"""The assessment (afdækning, G3.5), the free physician consultation (SUL §142; G3.4.5) and the
tasks an assessment calls for (DOMAIN.md §2.2–2.3).

The deadline engine (``deadlines.services.course_facts``) reads ``course.assessment.completed_on``,
``course.physician_consultation.response/held_on`` and ``course.tasks`` of kind
``child_notification`` (``created_on``/``done_on``): keep these names.

A completed assessment is never edited in place: what comes later (the date feedback was given,
a correction) is an ``Addendum`` under it, with who and when. The decision rests on the assessment
as it was plus its addenda.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class Instrument(models.TextChoices):
    """Recognised instruments (G3.5.7; DOMAIN.md §2.3); names of instruments are not translated.

    Values match ``QualityStandard.instruments``.
    """

    EUROPASI = "EUROPASI", "EuropASI"
    ASI = "ASI", "ASI (Addiction Severity Index)"
    VOKSENMAP = "VOKSENMAP", "VoksenMap"
    UNGMAP = "UNGMAP", "UngMap"
    MATE = "MATE", "MATE"
    OTHER = "OTHER", _("Another instrument")
    NONE = "NONE", _("No instrument")


class Pregnancy(models.TextChoices):
    """Whether the citizen expects a child (G3.5.10); expectant fathers too (G2.3.10)."""

    NOT_ASKED = rules.PREGNANCY_NOT_ASKED, _("Not asked yet")
    NONE = rules.PREGNANCY_NONE, _("No one is expecting a child")
    EXPECTING = rules.PREGNANCY_EXPECTING, _("The citizen is pregnant")
    PARTNER_EXPECTING = rules.PREGNANCY_PARTNER_EXPECTING, _("The citizen's partner is pregnant (expectant parent)")


class Assessment(models.Model):
    """The holistic assessment, done with the citizen within 14 days of the request (G3.5.1–3.5.3)."""

    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="assessment")
    started_on = models.DateField(_("assessment started on"))
    completed_on = models.DateField(_("assessment completed on"), null=True, blank=True)

    # The five areas an assessment must cover (G3.5 "værd at vide"); rules.SECTIONS groups the form.
    drug_use = models.TextField(_("drug use"), blank=True)
    social_conditions = models.TextField(
        _("social conditions"), blank=True, help_text=_("Housing, network and family.")
    )
    health = models.TextField(_("health"), blank=True, help_text=_("Physical and mental health."))
    work_education = models.TextField(_("work and education"), blank=True)
    other_matters = models.TextField(_("other relevant matters"), blank=True)
    # G3.5.4 ("skal"): the need for other help, support or treatment.
    other_help_needed = models.TextField(
        _("need for other help, support or treatment"),
        blank=True,
        help_text=_("Whether the citizen needs other help, support or treatment."),
    )

    instrument = models.CharField(_("instrument used"), max_length=20, choices=Instrument.choices, blank=True)
    instrument_results = models.JSONField(_("results by domain"), default=dict, blank=True)

    told_how_it_works = models.BooleanField(
        _("the citizen was told how the assessment works and what it is used for"), default=False
    )  # G3.5.6
    feedback_given_on = models.DateField(_("feedback on the results given on"), null=True, blank=True)  # G3.5.7

    # Children (G3.5.9; barnets lov §133, formerly SEL §153). Mariagerfjord also asks about contact
    # with children elsewhere.
    children_at_home_asked = models.BooleanField(
        _("asked whether the citizen has children under 18 living at home"), default=False
    )
    children_at_home_count = models.PositiveSmallIntegerField(
        _("children under 18 living at home"), null=True, blank=True
    )
    children_elsewhere_contact = models.BooleanField(
        _("has contact (samvær) with children under 18 living elsewhere"), default=False
    )
    child_concern = models.BooleanField(
        _("concern: a child under 18 or an expected child may need special support"),
        default=False,
        help_text=_("The duty to notify (barnets lov § 133) applies whatever the municipality's practice."),
    )
    child_concern_details = models.TextField(
        _("what the concern is"),
        blank=True,
        help_text=_("What you saw or heard, and about which child. It goes into the notification."),
    )

    # Pregnancy (G3.5.10; G2.3.10).
    pregnancy = models.CharField(
        _("expecting a child"), max_length=20, choices=Pregnancy.choices, default=Pregnancy.NOT_ASKED
    )
    pregnancy_due_on = models.DateField(_("due date"), null=True, blank=True)

    # Answers that call for tasks (rules.tasks_called_for).
    opioid_use = models.BooleanField(_("uses heroin or other opioids"), default=False)  # G2.3.12
    drugs_and_alcohol = models.BooleanField(_("uses both drugs and alcohol"), default=False)  # G2.3.13
    fertile_age = models.BooleanField(_("of fertile age"), default=False)  # G2.3.11
    specialised_screening_indicated = models.BooleanField(
        _("specialised screening or investigation is indicated"), default=False
    )  # G3.5.5

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.started_on:%d.%m.%Y}"

    def answers(self) -> rules.Answers:
        """The plain values the rules read."""
        return rules.Answers(**{name: getattr(self, name) for name in rules.Answers.__dataclass_fields__})


class PhysicianResponse(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    UNDECIDED = "undecided", _("Not decided yet")


class PhysicianConsultation(models.Model):
    """The citizen is told of the right to a free physician consultation, which takes place no later
    than when treatment starts (SUL §142(1–2); G3.4.5)."""

    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="physician_consultation")
    informed_on = models.DateField(_("told of the right to a free physician consultation on"))
    response = models.CharField(
        _("the citizen's answer"), max_length=20, choices=PhysicianResponse.choices, default=PhysicianResponse.UNDECIDED
    )
    held_on = models.DateField(_("consultation held on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("physician consultation")
        verbose_name_plural = _("physician consultations")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.informed_on:%d.%m.%Y}"


class TaskKind(models.TextChoices):
    CHILD_NOTIFICATION = rules.CHILD_NOTIFICATION, _("Child-welfare notification (barnets lov § 133)")
    FAMILY_CLINIC_REFERRAL = rules.FAMILY_CLINIC_REFERRAL, _("Referral to the family outpatient clinic")
    NALOXONE = rules.NALOXONE, _("Naloxone first-aid course and kit")
    DUAL_TREATMENT = rules.DUAL_TREATMENT, _("Treatment for both drugs and alcohol")
    CONTRACEPTION = rules.CONTRACEPTION, _("Contraception counselling")
    SCREENING = rules.SCREENING, _("Specialised screening or investigation")
    OUTREACH = rules.OUTREACH, _("Reach out after a no-show")
    AFTERCARE = rules.AFTERCARE, _("Offer intensive outpatient or day treatment after the residential stay")


class Task(models.Model):
    """Something the course calls for: the duties the assessment names, and those that arise during
    treatment (outreach after a no-show, treatment after a residential stay). A task stays on the
    worklist until it is done; a child-welfare notification is also a deadline."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("task"), max_length=30, choices=TaskKind.choices)
    created_on = models.DateField(_("created on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    recipient = models.CharField(
        _("sent or referred to"),
        max_length=200,
        blank=True,
        help_text=_("For a notification: the child's home municipality."),
    )
    reason = models.TextField(_("why"), blank=True)
    # The compact source code of the duty (e.g. "Barnets lov §133; G3.5.9"); pages show it in
    # Danish legal notation (forlob.citations), never as the main text.
    source = models.CharField(_("source"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        ordering = ["created_on", "id"]
        indexes = [
            models.Index(fields=["course", "kind"], name="task_course_kind_idx"),
            # The worklists' open duties: the open tasks of each open course in scope, oldest first
            # (one probe per course, never every open task of the installation).
            models.Index(
                fields=["course", "created_on", "id"],
                condition=models.Q(done_on__isnull=True),
                name="task_open_course_idx",
            ),
            # The citizen's timeline: tasks created and tasks done, each by its own date (timeline.sources).
            models.Index(fields=["course", "created_on", "id"], name="task_course_created_idx"),
            models.Index(fields=["course", "done_on", "id"], name="task_course_done_idx"),
        ]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_on:%d.%m.%Y}"


class AddendumKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback on the results given to the citizen")
    CORRECTION = "correction", _("Correction")


class AddendumSection(models.TextChoices):
    """The part of the assessment a correction concerns (``rules.SECTIONS``)."""

    START = rules.START, _("The start: date, instrument and results")
    DRUG_USE = "drug_use", _("Drug use")
    SOCIAL_CONDITIONS = "social_conditions", _("Social conditions: housing, network and family")
    HEALTH = "health", _("Physical and mental health")
    WORK_EDUCATION = "work_education", _("Work and education")
    OTHER_MATTERS = "other_matters", _("Other relevant matters and the need for other help")


class Addendum(models.Model):
    """Something added to a completed assessment (tilføjelse): the date feedback on the results was
    given (G3.5.7), or a correction with the reason for it. Never edited or deleted: a later
    addendum corrects an earlier one."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="addenda")
    kind = models.CharField(_("kind"), max_length=20, choices=AddendumKind.choices)
    feedback_given_on = models.DateField(_("feedback on the results given on"), null=True, blank=True)
    section = models.CharField(_("part of the assessment"), max_length=30, choices=AddendumSection.choices, blank=True)
    text = models.TextField(_("the correction"), blank=True)
    reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.recorded_at:%d.%m.%Y}"
