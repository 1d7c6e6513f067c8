"""The year's counts, aggregated in the database: four GROUP BY queries whatever the number of
clients (one per date counted by), each a range on a date of the clients of the given centres.
Nothing but counts leaves the database (``rules`` explains each measure)."""

from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from anonymous.models import AnonymousClient, ContactBy, EndReason, State

from . import rules


def _by_month(centre_ids: Iterable[int], year: int, date_field: str, measures: dict[str, Q | None]) -> Iterator:
    """``(measure, service, month, count)`` for clients whose ``date_field`` lies in ``year``."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    aggregates = {
        name: Count("pk", filter=condition) if condition is not None else Count("pk")
        for name, condition in measures.items()
    }
    rows = (
        AnonymousClient.objects.filter(
            centre_id__in=list(centre_ids), **{f"{date_field}__gte": start, f"{date_field}__lt": end}
        )
        .annotate(month=ExtractMonth(date_field))
        .order_by()
        .values("service", "month")
        .annotate(**aggregates)
    )
    for row in rows:
        for name in measures:
            if row[name]:
                yield name, row["service"], row["month"], row[name]


def year_counts(centre_ids: Iterable[int], year: int) -> list[tuple[str, str, int, int]]:
    """Every count of ``year`` at the centres ``centre_ids``, as ``(measure, service, month, count)``."""
    centre_ids = list(centre_ids)
    if not centre_ids:
        return []
    not_eligible = Q(state=State.NOT_ELIGIBLE)
    completed = Q(end_reason=EndReason.COMPLETED)
    cells = [
        *_by_month(
            centre_ids, year, "first_contact_on", {"contacts": None, "relatives": Q(contact_by=ContactBy.RELATIVE)}
        ),
        *_by_month(centre_ids, year, "decided_on", {"eligible": ~not_eligible, "not_eligible": not_eligible}),
        *_by_month(centre_ids, year, "started_on", {"started": None}),
        *_by_month(
            centre_ids, year, "ended_on", {"completed": completed, "ended_otherwise": ~completed & ~not_eligible}
        ),
    ]
    known = set(rules.SERVICES)
    return [cell for cell in cells if cell[1] in known]
