"""Appending many audit events at once: for bulk loads (``scale.generate_scale_data``), never for
a user's action (a workflow step writes its one event with ``audit_record``).

The events are linked into lane 0 of the hash chain exactly as ``AuditEvent.save`` links one: under
lane 0's lock, each event's ``prev_hash`` is the hash of the lane's event before it by id, so
``verify_chain`` accepts them. Unlike ``save``, the events keep the ``occurred_at`` they are given (a synthetic
history has its own times); rows are inserted in list order, which is id order.
"""

import json
from collections.abc import Callable

from django.db import connections, router, transaction
from django.db.models import QuerySet

from . import chain
from .models import CHAIN_LOCK_KEY, AuditEvent


def append_events(
    events: list[AuditEvent],
    *,
    using: str | None = None,
    batch_size: int = 5000,
    insert: Callable[[list[AuditEvent]], None] | None = None,
) -> int:
    """Insert ``events`` (unsaved, ``occurred_at`` set) as the next links of the chain; how many.

    ``insert`` writes the linked events in list order (e.g. PostgreSQL's COPY for millions of rows,
    ``scale.generator``); by default ``bulk_create``. It runs under the chain's lock, in this transaction."""
    if not events:
        return 0
    using = using or router.db_for_write(AuditEvent)
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        last = AuditEvent.objects.using(using).filter(lane=0).order_by("-id").values_list("hash", flat=True)
        previous = last.first()
        previous = previous or chain.GENESIS
        for event in events:
            event.changes = json.loads(json.dumps(event.changes or {}, allow_nan=False))
            event.lane = 0
            event.prev_hash = previous
            event.hash = previous = chain.event_hash(event.chain_values, previous)
        if insert is not None:
            insert(events)
        else:  # the queryset refuses bulk_create (``AuditEventQuerySet``) to every caller but this one
            QuerySet.bulk_create(AuditEvent.objects.using(using).all(), events, batch_size=batch_size)
    return len(events)
