"""That a month's report to Stofmisbrugsdatabasen was made (G2.7.6; DOMAIN.md §4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality


class MonthlyReport(models.Model):
    """A manager marked the month's report for the municipality as made (due 15 days after the
    month's end: ``smdb.rules.report_due_on``). One per municipality and month."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "month"], name="smdb_one_report_per_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="smdb_report_month_valid"),
        ]
        verbose_name = _("monthly report to Stofmisbrugsdatabasen")
        verbose_name_plural = _("monthly reports to Stofmisbrugsdatabasen")

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}-{self.month:02d}"
