"""The demo's reports to Stofmisbrugsdatabasen: a centre that has run for a while has reported
every month whose report fell due before today, so the managers' worklist shows at most the month
coming due (smdb.rules.months_due), not a year of overdue reports the demo never had the chance to
make."""

from django.utils import timezone

from organisations.models import Membership, Municipality, Role
from smdb.models import MonthlyReport
from smdb.rules import LOOKBACK_MONTHS, previous_month, report_due_on


def load_demo_reports() -> int:
    """Mark the demo municipalities' past months as reported (idempotent); how many were added."""
    today = timezone.localdate()
    year, month = previous_month(today.year, today.month)
    months = []
    for _ in range(LOOKBACK_MONTHS + 1):
        if report_due_on(year, month) < today:
            months.append((year, month))
        year, month = previous_month(year, month)
    added = 0
    for municipality in Municipality.objects.order_by("pk"):
        manager = (
            Membership.objects.filter(centre__municipality=municipality, role=Role.MANAGER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if manager is None:
            continue
        for year, month in months:
            _report, created = MonthlyReport.objects.get_or_create(
                municipality=municipality,
                year=year,
                month=month,
                defaults={"reported_on": min(report_due_on(year, month), today), "reported_by": manager.user},
            )
            added += created
    return added
