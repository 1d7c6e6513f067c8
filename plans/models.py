"""The treatment plan (behandlingsplan; SEL §101(8); G3.7), kept as numbered versions.

Version 1 is made with the citizen when treatment starts; every review adds a version and keeps
the earlier ones readable. The deadline engine (``deadlines.services.course_facts``) reads
``course.plan_versions`` with ``number``, ``made_on`` and ``period_ends_on``: keep these names.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanVersion(models.Model):
    class Kind(models.TextChoices):
        INITIAL = "initial", _("Plan at treatment start")
        REVIEW = "review", _("Review")

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

    class Meta:
        ordering = ["course", "number"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="plan_version_unique_number")]
        verbose_name = _("treatment plan version")
        verbose_name_plural = _("treatment plan versions")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number} ({self.made_on:%d.%m.%Y})"
