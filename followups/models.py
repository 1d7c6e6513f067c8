"""Follow-up after discharge (opfølgning; G3.12; BEK 1477 §4(2)).

The deadline engine (``deadlines.services.course_facts``) reads ``course.follow_ups`` with
``months`` and ``held_on``: keep these names. ``months`` is the follow-up it meets (1, 6, or a
month the standard adds).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUp(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after discharge"))
    held_on = models.DateField(_("held on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "months"]
        constraints = [models.UniqueConstraint(fields=["course", "months"], name="follow_up_unique_month")]
        verbose_name = _("follow-up after discharge")
        verbose_name_plural = _("follow-ups after discharge")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.months}) {self.held_on:%d.%m.%Y}"
