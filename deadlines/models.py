"""Deadlines as stored rows, recomputed by pure rules on every change of a course.

Worklists and KPIs are then plain indexed queries over this table (ARCHITECTURE.md §Deadlines).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from organisations.models import Centre, Team

from . import rules


class DeadlineKind(models.TextChoices):
    GUARANTEE = "guarantee", _("Treatment start (14-day guarantee)")
    ASSESSMENT = "assessment", _("Assessment")
    DECISION = "decision", _("Decision")
    PHYSICIAN = "physician", _("Physician consultation before treatment starts")
    WRITTEN_REASONS = "written_reasons", _("Written reasons for an oral decision")
    COMPLAINT_REASSESSMENT = "complaint_reassessment", _("Re-assessment of a complaint")
    CHILD_NOTIFICATION = "child_notification", _("Child-welfare notification")
    TREATMENT_PLAN = "treatment_plan", _("Treatment plan at treatment start")
    PLAN_REVIEW = "plan_review", _("Review of the treatment plan")
    FOLLOW_UP = "follow_up", _("Follow-up after discharge")


# Still to be met: not met, not waived and not closed with its course. The partial indexes below
# carry the same condition, so a query through ``open()`` matches them.
OPEN = models.Q(met_on=None, waived_on=None, closed_on=None)
# A guarantee set aside that still waits for treatment to start (the worklists' "waived" section).
WAIVED_WAITING = models.Q(kind=DeadlineKind.GUARANTEE, met_on=None, closed_on=None, waived_on__isnull=False)


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        """Still to be met: not met, not waived and not closed with its course."""
        return self.filter(OPEN)

    def waived_waiting(self):
        """Guarantees set aside (SEL §101(6)) whose treatment has not started and whose course is open."""
        return self.filter(WAIVED_WAITING)


class Deadline(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="deadlines")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("deadline"), max_length=30, choices=DeadlineKind.choices)
    ref = models.CharField(max_length=32, blank=True, help_text="Which complaint or task, where a course has several.")
    due_on = models.DateField(_("due"))
    local_due_on = models.DateField(_("due by the local standard"), null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    waived_on = models.DateField(_("waived on"), null=True, blank=True)
    waiver_reason = models.CharField(_("waiver reason"), max_length=30, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=20, blank=True)
    source = models.CharField(_("legal source"), max_length=100)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    provider = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried out by"),
        help_text=_("The provider that treated the citizen carries out the follow-up after discharge."),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "kind", "ref"], name="deadline_unique_per_course")]
        # The worklists read only the open rows: each scope is one range scan of a partial index in
        # the list's order (due_on, id), however many met or closed deadlines the history holds.
        indexes = [
            models.Index(fields=["centre", "due_on", "id"], condition=OPEN, name="deadline_open_centre_idx"),
            models.Index(fields=["responsible", "due_on", "id"], condition=OPEN, name="deadline_open_resp_idx"),
            models.Index(fields=["team", "due_on", "id"], condition=OPEN, name="deadline_open_team_idx"),
            models.Index(fields=["centre", "waived_on", "id"], condition=WAIVED_WAITING, name="deadline_waived_idx"),
            # A course's next open deadline (the caseload pages): one row read per course.
            models.Index(fields=["course", "due_on", "id"], condition=OPEN, name="deadline_open_course_idx"),
            # The dashboard: a centre's deadlines of one kind falling due in a period, met or not.
            models.Index(fields=["centre", "kind", "due_on"], name="deadline_centre_kind_due_idx"),
        ]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.waived_on is None and self.closed_on is None

    def status_on(self, today) -> rules.DeadlineStatus:
        """The one status rule (``rules.deadline_status``) applied to this row."""
        return rules.deadline_status(
            due_on=self.due_on, met_on=self.met_on, waived_on=self.waived_on, closed_on=self.closed_on, today=today
        )
