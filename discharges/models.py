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


class Discharge(models.Model):
    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="discharge")
    discharged_on = models.DateField(_("discharge date"))
    reason = models.CharField(_("reason for ending the treatment"), max_length=20, choices=DischargeReason.choices)
    provider = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("the provider that treated the citizen"),
        help_text=_("It carries out the follow-up after discharge (G3.12.2)."),
    )
    follow_up_opted_out_on = models.DateField(
        _("the citizen opted out of follow-up on"), null=True, blank=True
    )  # G3.12.3
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discharge")
        verbose_name_plural = _("discharges")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.discharged_on:%d.%m.%Y}"
