"""Follow-up after discharge (opfølgning; G3.12; BEK 1477 §4(2)).

The deadline engine (``deadlines.services.course_facts``) reads ``course.follow_ups`` with
``months`` and ``held_on``: keep these names. ``months`` is the follow-up it meets (1, 6, or a
month the standard adds).

Recording a follow-up meets its deadline whether or not the citizen was reached: the duty is to
follow up (BEK 1477 §4(2)), and an attempt that did not reach the citizen is recorded as such
(``reached`` false, with what was tried) and counted apart.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class Channel(models.TextChoices):
    """How the follow-up was carried out or tried (Fredericia: by phone)."""

    PHONE = rules.PHONE, _("Phone")
    MEETING = rules.MEETING, _("Meeting")
    HOME_VISIT = rules.HOME_VISIT, _("Home visit")
    LETTER = rules.LETTER, _("Letter or digital message")
    OTHER = rules.OTHER, _("Other")


class Status(models.TextChoices):
    """How the citizen is doing when reached (Fredericia records "moved" and "relapsed")."""

    KEEPS_GOAL = rules.KEEPS_GOAL, _("Keeps the goal of the treatment")
    RELAPSED = rules.RELAPSED, _("Relapsed")
    MOVED = rules.MOVED, _("Moved")
    OTHER = rules.OTHER, _("Other")


class Need(models.TextChoices):
    """Needs beyond drugs to watch for (G3.12.7)."""

    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    WORK = "work_education", _("Work or education")
    ECONOMY = "economy", _("Economy")
    NETWORK = "network", _("Network")
    OTHER = "other", _("Other")


class OfferResponse(models.TextChoices):
    """The offer of follow-up treatment when the result did not hold (G3.12.5)."""

    OFFERED = rules.OFFERED, _("Offered, no answer yet")
    ACCEPTED = rules.ACCEPTED, _("Offered and accepted")
    DECLINED = rules.DECLINED, _("Offered and declined")


class FollowUp(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after discharge"))
    held_on = models.DateField(_("held on"))
    reached = models.BooleanField(_("the citizen was reached"))
    how = models.CharField(_("how"), max_length=20, choices=Channel.choices)
    attempts = models.TextField(_("what was tried"), blank=True)
    status = models.CharField(_("the citizen's status"), max_length=20, choices=Status.choices, blank=True)
    status_note = models.TextField(_("note on the status"), blank=True)
    situation = models.TextField(_("the citizen's situation"), blank=True)
    goal_holds = models.BooleanField(_("the result of the treatment holds"), null=True, blank=True)
    needs = models.JSONField(_("needs beyond drugs"), default=list, blank=True)
    needs_note = models.TextField(_("about the needs"), blank=True)
    offer_response = models.CharField(
        _("follow-up treatment"), max_length=20, choices=OfferResponse.choices, blank=True
    )
    offer = models.CharField(_("the offer of follow-up treatment"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "months"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "months"],
                name="follow_up_unique_month",
                violation_error_message=_("This follow-up is already recorded."),
            )
        ]
        verbose_name = _("follow-up after discharge")
        verbose_name_plural = _("follow-ups after discharge")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.months}) {self.held_on:%d.%m.%Y}"

    @property
    def result_did_not_hold(self) -> bool:
        return rules.offer_required(reached=self.reached, goal_holds=self.goal_holds)

    def get_needs_display(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(code, code)) for code in self.needs]
