"""The treatment plan (behandlingsplan; SEL §101(8); G3.7), kept as numbered versions.

Version 1 is made with the citizen when treatment starts; every review adds a version and keeps
the earlier ones readable. The deadline engine (``deadlines.services.course_facts``) reads
``course.plan_versions`` with ``number``, ``made_on`` and ``period_ends_on``: keep these names.

A version holds the whole plan as it stood (nothing is edited in place): its goals are
``PlanGoal`` rows; a review carries the goals still running forward (``previous_goal``) and records
how far each was attained.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import OfferKind

from . import rules


class SubstanceGoal(models.TextChoices):
    """The plan's goal for the use of substances (Odsherred: stop / reduce / stabilise)."""

    STOP = rules.SUBSTANCE_STOP, _("Stop")
    REDUCE = rules.SUBSTANCE_REDUCE, _("Reduce")
    STABILISE = rules.SUBSTANCE_STABILISE, _("Stabilise")


class CoordinatedPlan(models.TextChoices):
    """A plan of another authority the treatment plan must be coordinated with (G2.6.12–2.6.13)."""

    NONE = "", _("None")
    ACTION_PLAN = "action_plan", _("Action plan (Social Services Act §141)")
    COORDINATED = "coordinated", _("Coordinated intervention plan")


class Attainment(models.TextChoices):
    """How far a goal was attained, recorded at the review (G3.7.4, G3.9.3)."""

    ACHIEVED = rules.ACHIEVED, _("Achieved")
    PARTLY = rules.PARTLY, _("Partly achieved")
    NOT_ACHIEVED = rules.NOT_ACHIEVED, _("Not achieved")
    DROPPED = rules.DROPPED, _("Dropped")


class PlanVersion(models.Model):
    class Kind(models.TextChoices):
        INITIAL = "initial", _("Plan at treatment start")
        REVIEW = "review", _("Review of the plan")

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    made_on = models.DateField(_("made with the citizen on"))
    period_ends_on = models.DateField(
        _("this period ends on"),
        null=True,
        blank=True,
        help_text=_("Where the standard reviews the plan at the end of each period."),
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The link to the assessment (G3.7.2) and the citizen's own wishes.
    problems_resources_needs = models.TextField(
        _("problems, resources and needs"),
        help_text=_("From the assessment: what the treatment is to address, and what the citizen brings."),
    )
    citizen_wishes = models.TextField(_("the citizen's wishes and goals"))
    # Goals, content, duration and intensity (G3.7.3).
    substance_goal = models.CharField(
        _("goal for the use of substances"), max_length=10, choices=SubstanceGoal.choices, blank=True
    )
    content = models.TextField(_("content of the treatment"), help_text=_("What the treatment consists of."))
    offer_kind = models.CharField(_("kind of offer"), max_length=20, choices=OfferKind.choices)
    intensity_tier = models.ForeignKey(
        "standards.StandardOffer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offer and intensity"),
        help_text=_("The offer in the quality standard in force."),
    )
    expected_duration_months = models.PositiveSmallIntegerField(_("expected duration (months)"))
    # Others involved and the follow-up (G3.7.6, G3.7.7).
    other_actors = models.TextField(
        _("other actors' tasks and responsibilities"),
        blank=True,
        help_text=_(
            "Who else is involved (job centre, psychiatry, housing …), what each does, and when it is followed up."
        ),
    )
    follow_up_after_discharge = models.TextField(
        _("follow-up 1 and 6 months after discharge"),
        help_text=_("How, when and by whom the citizen will be contacted after the course ends."),
    )
    citizen_view = models.TextField(
        _("the citizen's own view, where it differs"),
        blank=True,
        help_text=_("Write it in the citizen's words where the citizen sees the plan differently."),
    )
    # Another authority's plan (G2.6.12–2.6.13).
    coordinated_plan = models.CharField(
        _("other plan to coordinate with"), max_length=20, choices=CoordinatedPlan.choices, blank=True
    )
    coordinated_plan_on = models.DateField(_("that plan is dated"), null=True, blank=True)
    coordinated_plan_keeper = models.CharField(_("coordinator, or where that plan is kept"), max_length=300, blank=True)
    # A review: what changed since the previous version.
    changes_summary = models.TextField(_("what changed since the previous version"), blank=True)

    class Meta:
        ordering = ["course", "number"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="plan_version_unique_number")]
        # The citizen's timeline: plan versions, by date (timeline.sources.plan_versions).
        indexes = [models.Index(fields=["course", "made_on", "id"], name="planversion_course_made_idx")]
        verbose_name = _("treatment plan version")
        verbose_name_plural = _("treatment plan versions")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number} ({self.made_on:%d.%m.%Y})"


class PlanGoal(models.Model):
    """One goal of one version: specific, measurable and dated (G3.7.3), with its sub-goals and the
    concrete actions (Mariagerfjord: goals, sub-goals, concrete actions, follow-up)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"))
    previous_goal = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("carried from")
    )
    description = models.TextField(_("goal"))
    measure = models.TextField(_("how we see that the goal is reached"))
    target_on = models.DateField(_("to be reached by"))
    sub_goals = models.TextField(_("sub-goals"), blank=True)
    actions = models.TextField(_("concrete actions: who does what, by when"))
    attainment = models.CharField(_("attainment at this review"), max_length=15, choices=Attainment.choices, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="plan_goal_unique_order")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.order}"
