"""About 30 audit events per citizen, spooled per chunk and written in time order into the chain.

Each chunk's events (creations and changes as the services log them, reads of the citizen's and
the course's pages, list reads naming the citizens shown, searches and logins) are sorted by time
and pickled to a temporary file; at the end the files are merged (``heapq.merge``, streaming) and
appended to the hash chain in batches by ``audit.bulk.append_events``, so the chain's ids follow
``occurred_at`` and memory stays bounded however many events there are.
"""

import heapq
import pickle  # nosec B403  # our own temporary files, written and read by this process only
import random
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from operator import itemgetter
from pathlib import Path

from django.db import connection

from audit.bulk import append_events
from audit.models import AuditEvent, AuditEventCitizen
from organisations.models import Role

from . import bulk
from .casework import Batch, CitizenRows
from .stories import at

A = AuditEvent.Action
BLOCK = 2000


class Events:
    """The events of one citizen: ``add`` clamps times to before ``now``."""

    def __init__(self, rng: random.Random, now: datetime, tz, centre_id: int):
        self.rng, self.now, self.tz, self.centre_id = rng, now, tz, centre_id
        self.rows: list[tuple] = []

    def add(self, day: date, staff, action: str, obj=None, *, citizen_id=None, changes=None, listed=()):
        when = at(day, self.rng, self.tz)
        when = when.replace(second=self.rng.randrange(60), microsecond=self.rng.randrange(1_000_000))
        if when >= self.now:
            when = self.now - timedelta(seconds=self.rng.randrange(60, 4 * 3600))
        self.rows.append(
            (
                when,
                staff.id,
                staff.username,
                staff.role,
                action,
                obj._meta.label if obj is not None else "",
                str(obj.pk) if obj is not None else "",
                str(obj)[:200] if obj is not None else "",
                citizen_id,
                self.centre_id,
                changes or {},
                f"{self.rng.getrandbits(128):032x}",
                f"10.{self.centre_id % 250}.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}",
                tuple(listed),
            )
        )


def citizen_events(rows: CitizenRows, neighbours: list[int], rng: random.Random, now: datetime, tz) -> list[tuple]:
    citizen, centre = rows.citizen, rows.centre
    ev = Events(rng, now, tz, centre.id)
    cid = citizen.pk
    today = now.astimezone(tz).date()
    first = rows.courses[0]
    ev.add(first.story.opened_on, first.visitator, A.CREATE, citizen, citizen_id=cid)
    for cr in rows.courses:
        c, v, a, t, course = cr.story, cr.visitator, cr.authority, cr.therapist, cr.course
        ev.add(c.opened_on, v, A.CREATE, course, citizen_id=cid)
        if cr.request:
            ev.add(c.expressed_on, v, A.CREATE, cr.request, citizen_id=cid, changes={"channel": c.channel})
        if cr.assessment:
            ev.add(c.assessment_started_on, v, A.CREATE, cr.assessment, citizen_id=cid)
            if c.assessment_completed_on:
                ev.add(
                    c.assessment_completed_on,
                    v,
                    A.UPDATE,
                    cr.assessment,
                    citizen_id=cid,
                    changes={"completed_on": [None, str(c.assessment_completed_on)]},
                )
        if cr.decision:
            ev.add(c.decided_on, a, A.CREATE, cr.decision, citizen_id=cid, changes={"outcome": c.outcome})
        if c.started_on:
            ev.add(
                c.started_on,
                v,
                A.UPDATE,
                course,
                citizen_id=cid,
                changes={"treatment_started_on": [None, str(c.started_on)], "responsible": [v.id, t.id]},
            )
        for plan in cr.plans:
            ev.add(plan.made_on, t, A.CREATE, plan, citizen_id=cid)
        for appt in cr.appointments[::3]:
            ev.add(min(appt.starts_at.date() - timedelta(days=7), today), t, A.CREATE, appt, citizen_id=cid)
        if cr.discharge:
            d = c.discharge
            ev.add(d["discharged_on"], t, A.CREATE, cr.discharge, citizen_id=cid, changes={"reason": d["reason"]})
        for follow_up in cr.follow_ups:
            ev.add(follow_up.held_on, t, A.CREATE, follow_up, citizen_id=cid)
        if c.closed_on:
            ev.add(
                c.closed_on,
                t or v,
                A.UPDATE,
                course,
                citizen_id=cid,
                changes={"state": ["open", "closed"], "closed_on": str(c.closed_on), "kind": c.closed_kind},
            )
        for note in cr.notes[:3]:
            ev.add(note.event_on, t or v, A.CREATE, note, citizen_id=cid)
    # Logins, a search, a worklist naming this citizen among others, and reads of the pages.
    staff = [s for cr in rows.courses for s in (cr.visitator, cr.therapist) if s is not None]
    start, end = first.story.opened_on, rows.courses[-1].story.closed_on or today
    span = max((end - start).days, 0)

    def some_day() -> date:
        return start + timedelta(days=rng.randint(0, span))

    who = rng.choice(staff)
    day = some_day()
    ev.add(day, who, A.LOGIN)
    ev.add(day, who, A.SECOND_FACTOR)
    ev.add(day, who, A.SEARCH, changes={"query": "name", "results": 1})
    if neighbours:
        shown = sorted({cid, *rng.sample(neighbours, min(len(neighbours), 11))})
        ev.add(some_day(), who, A.VIEW, changes={"list": "deadlines:centre", "citizens": shown}, listed=shown)
    target = rng.randint(20, 40)
    managers = centre.staff[Role.MANAGER]
    while len(ev.rows) < target:
        reader = rng.choice(managers) if rng.random() < 0.05 else rng.choice(staff)
        cr = rng.choice(rows.courses)
        obj = citizen if rng.random() < 0.4 else cr.course
        ev.add(some_day(), reader, A.VIEW, obj, citizen_id=cid)
    return ev.rows


class Spool:
    """Sorted runs of events in temporary files, merged back in time order."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="forlob-scale-")
        self.files: list[Path] = []
        self.count = 0

    def add(self, events: list[tuple]) -> None:
        events.sort(key=itemgetter(0))
        path = Path(self.dir.name) / f"run-{len(self.files):05d}.pickle"
        with path.open("wb") as out:
            for k in range(0, len(events), BLOCK):
                pickle.dump(events[k : k + BLOCK], out, protocol=pickle.HIGHEST_PROTOCOL)
        self.files.append(path)
        self.count += len(events)

    @staticmethod
    def _read(path: Path) -> Iterator[tuple]:
        with path.open("rb") as source:
            while True:
                try:
                    block = pickle.load(source)  # noqa: S301  # nosec B301  # our own file (see add)
                except EOFError:
                    return
                yield from block

    def merged(self) -> Iterator[tuple]:
        return heapq.merge(*(self._read(p) for p in self.files), key=itemgetter(0))

    def close(self) -> None:
        self.dir.cleanup()


def chunk_events(batch: Batch, rng: random.Random, now: datetime, tz) -> list[tuple]:
    by_centre: dict[int, list[int]] = {}
    for rows in batch.citizens:
        by_centre.setdefault(rows.centre.id, []).append(rows.citizen.pk)
    events = []
    for rows in batch.citizens:
        neighbours = [pk for pk in by_centre[rows.centre.id] if pk != rows.citizen.pk]
        events.extend(citizen_events(rows, neighbours, rng, now, tz))
    return events


def write(spool: Spool, progress=None, batch_size: int = 10000) -> int:
    """Append the spooled events to the chain in time order; how many."""
    written = 0
    pending: list[tuple] = []
    for row in spool.merged():
        pending.append(row)
        if len(pending) >= batch_size:
            written += _append(pending)
            pending = []
            if progress:
                progress(written)
    written += _append(pending)
    return written


def _append(rows: list[tuple]) -> int:
    if not rows:
        return 0
    events = [
        AuditEvent(
            occurred_at=r[0],
            actor_id=r[1],
            actor_username=r[2],
            role=r[3],
            action=r[4],
            outcome=AuditEvent.implied_outcome(r[4]),
            object_type=r[5],
            object_id=r[6],
            object_label=r[7],
            citizen_id=r[8],
            centre_id=r[9],
            changes=r[10],
            request_id=r[11],
            client_address=r[12],
        )
        for r in rows
    ]
    if connection.vendor == "postgresql":
        append_events(events, insert=lambda linked: bulk.insert(AuditEvent, linked))
    else:
        append_events(events)
    listed = [
        AuditEventCitizen(event_id=event.pk, citizen_id=pk)
        for event, r in zip(events, rows, strict=True)
        for pk in r[13]
        if pk != r[8]
    ]
    bulk.insert(AuditEventCitizen, listed)
    return len(events)
