"""Who carries a course: its responsible worker (sagsbehandler) and team, and every change of them.

``courses.Course.responsible`` and ``Course.team`` hold the current assignment (the worklists and
the deadline rows read them); ``CourseAssignment`` is the history, one row per assignment: at the
opening of the course, a hand-over of one course, a manager's transfer of a caseload.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from organisations.models import Team


class AssignmentKind(models.TextChoices):
    OPENED = "opened", _("Course opened")
    REASSIGNED = "reassigned", _("Course handed over")
    TRANSFERRED = "transferred", _("Caseload transferred")
    TREATMENT_START = "treatment_start", _("Treatment started")


class CourseAssignment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("course"))
    kind = models.CharField(_("how"), max_length=20, choices=AssignmentKind.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("responsible worker"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    previous_responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous responsible worker"),
    )
    assigned_at = models.DateTimeField(_("from"), default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-id"]
        indexes = [models.Index(fields=["course", "assigned_at"], name="assignment_course_idx")]
        verbose_name = _("assignment of a course")
        verbose_name_plural = _("assignments of courses")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.assigned_at):%d.%m.%Y}"
