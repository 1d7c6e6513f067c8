"""One page of a citizen's timeline: the chosen sources merged, newest first, keyset-paged.

A page is asked for by the place of the event it follows (``?efter=``) or precedes (``?foer=``),
never by an offset: the cursor is the event's sort key (``sources.Position``: a moment, the
source's rank and the row's internal id, written ``20260315T230000000000Z-12-4567``), so no
name or text of the citizen stands in a URL, and page 200 costs what page 1 does: one query per
chosen source (``size + 1`` rows beyond the cursor each; on the first page each also counts its
events, as a window over the same rows), and on a later page one count.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import IntegerField, Value

from .sources import SOURCES, Event, Position, Source

PAGE_SIZE = 50
AFTER = "efter"
BEFORE = "foer"
_CURSOR = re.compile(r"^(\d{8}T\d{12})Z-(\d{1,3})-(\d{1,18})$")
_INSTANT = "%Y%m%dT%H%M%S%f"


def cursor_text(position: Position) -> str:
    return f"{position.instant.astimezone(UTC):{_INSTANT}}Z-{position.rank}-{position.row}"


def cursor_from(text: str | None) -> Position | None:
    """The place a cursor names, or None for a missing or malformed one (the page then starts at the top)."""
    match = _CURSOR.match((text or "").strip())
    if not match:
        return None
    try:
        instant = datetime.strptime(match[1], _INSTANT).replace(tzinfo=UTC)
    except ValueError:
        return None
    rank = int(match[2])
    return Position(instant, rank, int(match[3])) if rank < len(SOURCES) else None


@dataclass
class TimelinePage:
    """One page of events, newest first, the total of the chosen kinds, and the cursors of the
    neighbouring pages (the names ``next_after``/``previous_before`` as ``forlob.paging.KeysetPage``,
    so ``includes/keyset_pager.html`` links them)."""

    events: list[Event]
    size: int
    total: int
    next_after: str | None = None
    previous_before: str | None = None
    positions: list[Position] = field(default_factory=list, repr=False)

    @property
    def has_next(self) -> bool:
        return self.next_after is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_before is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def newest(self):
        return self.events[0].day if self.events else None

    @property
    def oldest(self):
        return self.events[-1].day if self.events else None


def timeline_total(citizen_id: int, chosen: list[tuple[int, object]]) -> int:
    """How many events the chosen sources hold for the citizen: one query (a UNION ALL of their rows)."""
    if not chosen:
        return 0
    parts = [
        source.dated(citizen_id).order_by().values_list(Value(1, output_field=IntegerField())) for _r, source in chosen
    ]
    return parts[0].union(*parts[1:], all=True).count() if len(parts) > 1 else parts[0].count()


def timeline_page(
    citizen_id: int, *, kinds: set[str] | None = None, params=None, size: int = PAGE_SIZE
) -> TimelinePage:
    """The page of the citizen's events of ``kinds`` (all when None) that ``params`` (GET) ask for."""
    params = params or {}
    before = cursor_from(params.get(BEFORE))
    after = None if before else cursor_from(params.get(AFTER))
    chosen = [(rank, source) for rank, (kind, source) in enumerate(SOURCES) if kinds is None or kind in kinds]
    older = before is None
    merged: list[tuple[tuple, Source, object]] = []
    counted = 0  # from the top, each source counts its own events in the same query
    for rank, source in chosen:
        rows, total = source.page_rows(citizen_id, size + 1, rank=rank, beyond=before or after, older=older)
        counted += total
        merged.extend((source.sort_key(row, rank), source, row) for row in rows)
    merged.sort(key=lambda item: item[0], reverse=older)
    more = len(merged) > size
    merged = merged[:size]
    if not older:
        merged.reverse()
    keys = [Position(*key) for key, _source, _row in merged]
    if older:
        next_after = keys[-1] if more and keys else None
        previous_before = keys[0] if after and keys else None
    else:
        previous_before = keys[0] if more and keys else None
        next_after = keys[-1] if keys else None
    return TimelinePage(
        events=[source.make(row) for _key, source, row in merged],  # only the page's rows become events
        size=size,
        # The first page's sources counted themselves; a later page counts in one more query.
        total=timeline_total(citizen_id, chosen) if before or after else counted,
        next_after=cursor_text(next_after) if next_after else None,
        previous_before=cursor_text(previous_before) if previous_before else None,
        positions=keys,
    )
