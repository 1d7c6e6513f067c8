"""Appointments with attendance, consent to reminders and the reminders sent (DOMAIN.md §2.7;
G3.9, G3.10.1, G3.10.3).

An appointment belongs to a course and a worker; its attendance is recorded after the fact. A
no-show creates an outreach task (G3.10.3). A reminder goes to the citizen only with a recorded
consent on the agreed channel (G3.10.1: reminders by text message support completing treatment).
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class AppointmentKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual session")
    GROUP = "group", _("Group session")
    FAMILY = "family", _("Family session")
    PHYSICIAN = "physician", _("Physician consultation")
    HOME_VISIT = "home_visit", _("Home visit")


class Attendance(models.TextChoices):
    PLANNED = rules.PLANNED, _("Planned")
    ATTENDED = rules.ATTENDED, _("Attended")
    NO_SHOW = rules.NO_SHOW, _("No-show")
    CANCELLED_BY_CITIZEN = rules.CANCELLED_BY_CITIZEN, _("Cancelled by the citizen")
    CANCELLED_BY_CENTRE = rules.CANCELLED_BY_CENTRE, _("Cancelled by the centre")


class Appointment(models.Model):
    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="appointments", verbose_name=_("course")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AppointmentKind.choices, default=AppointmentKind.INDIVIDUAL
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("worker")
    )
    place = models.CharField(_("place or room"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.PLANNED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance recorded by"),
    )
    recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    # The outreach task this no-show created (G3.10.3): one per no-show, however often it is re-recorded.
    outreach_task = models.OneToOneField(
        "assessments.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="no_show"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("booked by")
    )
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["worker", "starts_at"], name="appointment_worker_start_idx"),
            models.Index(fields=["course", "starts_at"], name="appointment_course_start_idx"),
            # A course's latest attended appointment and its no-shows since (the no-show streak,
            # appointments.selectors.with_no_show_streak): one probe each.
            models.Index(fields=["course", "attendance", "starts_at"], name="appointment_course_attend_idx"),
        ]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d.%m.%Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class ReminderChannel(models.TextChoices):
    SMS = rules.SMS, _("Text message")
    EMAIL = rules.EMAIL, _("E-mail")


class ReminderConsent(models.Model):
    """The citizen's consent to appointment reminders on one channel, for one course. Withdrawing
    it keeps the row (the history of consent) and stops every reminder from that day."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="reminder_consents", verbose_name=_("course")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ReminderChannel.choices)
    given_on = models.DateField(_("consent given on"))
    withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="reminder_consent_one_active_per_course",
                violation_error_message=_("The course already has a consent to reminders."),
            )
        ]
        verbose_name = _("consent to reminders")
        verbose_name_plural = _("consents to reminders")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.given_on:%d.%m.%Y}"


class ReminderSent(models.Model):
    """One attempt to remind the citizen of an appointment: never the text, never the address."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Sent by a worker")
        SCHEDULED = "scheduled", _("Sent the day before")

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("appointment")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ReminderChannel.choices)
    sent_at = models.DateTimeField(_("sent at"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    trigger = models.CharField(_("how"), max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["appointment", "outcome"], name="reminder_appointment_idx")]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.sent_at:%d.%m.%Y %H:%M}"
