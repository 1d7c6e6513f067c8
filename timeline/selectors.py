"""One page of a citizen's timeline: the chosen sources merged, newest first, sliced in Python."""

from dataclasses import dataclass

from .sources import SOURCES, Event

PAGE_SIZE = 50
# Deeper pages fetch page * size rows per source; no one reads 200 pages of one citizen.
MAX_PAGE = 200


@dataclass(frozen=True)
class TimelinePage:
    events: list[Event]
    number: int
    size: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.total and self.number < MAX_PAGE

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.events else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.events)


def timeline_page(
    citizen_id: int, *, kinds: set[str] | None = None, page: int = 1, size: int = PAGE_SIZE
) -> TimelinePage:
    """Page ``page`` (from 1) of the citizen's events of ``kinds`` (all when None), newest first.

    One query per chosen source: each gives its newest ``page * size + 1`` events and its total,
    so the page is exact (offset paging) and the number of queries does not grow with the events.
    """
    page = min(max(page, 1), MAX_PAGE)
    limit = page * size + 1
    merged: list[tuple[tuple, Event]] = []
    total = 0
    for rank, (kind, source) in enumerate(SOURCES):
        if kinds is not None and kind not in kinds:
            continue
        events = source(citizen_id, limit)
        total += events.total
        merged.extend((event.sort_key(rank), event) for event in events)
    merged.sort(key=lambda pair: pair[0], reverse=True)
    start = (page - 1) * size
    return TimelinePage([event for _key, event in merged[start : start + size]], page, size, total)
