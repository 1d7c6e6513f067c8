"""Keyset paging for the long lists: a page is one indexed range scan, however deep.

A page is asked for by the id of the row it follows (``?efter=<id>``) or precedes
(``?foer=<id>``), never by an offset: an offset makes the database read and throw away every row
before it, so page 200 of a worklist would cost 200 pages. The cursor is the row's internal id,
not its sort values, so no name or date of a citizen ever stands in a URL or a server log; the
sort values are read back from the row itself (one primary-key lookup in the same scoped
queryset, so an id from another centre simply starts the list from the top).

The order must end in a unique column (``id``) and its columns must not be NULL; each list keeps
an index that matches its order (see the list's model ``Meta.indexes``). Queries per page are
fixed: the cursor's row, the page (``size + 1`` rows), and the total count. A page with several
paged lists (the worklist) counts them all in one query (``count_each``).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet

AFTER = "efter"
BEFORE = "foer"


@dataclass
class KeysetPage:
    """One page: its rows, the total in the list, and the cursors of the neighbouring pages."""

    rows: list[Any]
    total: int
    size: int
    next_after: int | None = None  # the id to page on from (``?efter=``), None on the last page
    previous_before: int | None = None  # the id to page back from (``?foer=``), None on the first page
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def has_next(self) -> bool:
        return self.next_after is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_before is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def cursor_from(params, name: str) -> int | None:
    """The cursor id in a request's GET parameters, or None when it is missing or not a number."""
    value = (params.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None


def _beyond(order: tuple[str, ...], values: dict[str, Any], *, backwards: bool) -> Q:
    """Rows after (or, backwards, before) the row with ``values`` in ``order``: the tuple
    comparison (a, b, id) > (x, y, z) written as (a > x) or (a = x and b > y) or ..., column by
    column in each column's own direction, so a mixed ascending/descending order works."""
    condition = Q(pk__in=[])
    equal: dict[str, Any] = {}
    for column in order:
        descending = column.startswith("-")
        name = column.lstrip("-")
        lookup = "lt" if descending != backwards else "gt"
        condition |= Q(**equal, **{f"{name}__{lookup}": values[name]})
        equal[name] = values[name]
    # The same bound on the first column alone, redundant but a plain range the database can start
    # its index scan from (it does not see the OR above as one): deep pages stay one range scan.
    first = order[0]
    bound = "lte" if first.startswith("-") != backwards else "gte"
    return Q(**{f"{first.lstrip('-')}__{bound}": values[first.lstrip("-")]}) & condition


def keyset_page(
    queryset: QuerySet, *, order: tuple[str, ...], params=None, size: int = 50, count: bool = True
) -> KeysetPage:
    """The page of ``queryset`` in ``order`` that the request's ``params`` (GET) ask for.

    ``order`` is a tuple of field names as for ``order_by`` (``"-due_on"``, ``"request__expressed_on"``)
    ending in ``"id"`` or ``"-id"``. ``count=False`` skips the total (``total`` is then -1).
    """
    if not order or order[-1].lstrip("-") not in ("id", "pk"):
        raise ValueError("A keyset order must end in the unique id.")
    params = params or {}
    before = cursor_from(params, BEFORE)
    after = None if before else cursor_from(params, AFTER)
    cursor = before or after
    names = [column.lstrip("-") for column in order]
    values = queryset.order_by().filter(pk=cursor).values(*names).first() if cursor else None
    if values is not None and any(value is None for value in values.values()):
        values = None  # a row without a sort value cannot be a cursor; start from the top
    if values is not None and before:
        reverse_order = tuple(column[1:] if column.startswith("-") else f"-{column}" for column in order)
        rows = list(queryset.filter(_beyond(order, values, backwards=True)).order_by(*reverse_order)[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        previous_before = rows[0].pk if more_before and rows else None
        next_after = rows[-1].pk if rows else None
    else:
        scoped = queryset.filter(_beyond(order, values, backwards=False)) if values is not None else queryset
        rows = list(scoped.order_by(*order)[: size + 1])
        more_after = len(rows) > size
        rows = rows[:size]
        next_after = rows[-1].pk if more_after else None
        previous_before = rows[0].pk if values is not None and rows else None
    total = queryset.order_by().count() if count else -1
    return KeysetPage(rows=rows, total=total, size=size, next_after=next_after, previous_before=previous_before)


def count_each(querysets: list[QuerySet]) -> list[int]:
    """The number of rows in each of ``querysets`` (all on one database), in ONE query: a scalar
    subquery per list, ``SELECT (SELECT COUNT(*) FROM (...)), (SELECT COUNT(*) FROM (...)), ...``,
    so a page with many paged lists pays one round trip for their totals, not one each."""
    if not querysets:
        return []
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        # The ORM's own compiled SQL, its parameters bound below, never user text.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{len(parts)})")  # noqa: S608  # nosec B608
        params.extend(part_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)  # nosec B608 (as above)
        return [int(n) for n in cursor.fetchone()]
