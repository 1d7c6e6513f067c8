"""Audited writes per second with concurrent writers (PostgreSQL).

Each writer is a process with its own connection doing, in a loop, what a workflow step does: one
transaction with a small write to its own course (no row contention between writers) and then
``audit_record`` late in the transaction, as the services do. The same loop without the audit
event gives the database's own ceiling for comparison, and the time the chain's lock is held is
measured from inside the transaction (lock granted -> commit).
"""

import multiprocessing
import time
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.db.models import F

from . import stats


@dataclass
class WriteResult:
    writers: int
    audited: bool
    lanes: int | None
    seconds: float
    writes: int
    per_second: float
    p50_ms: float
    p95_ms: float
    errors: int

    def as_dict(self) -> dict:
        return asdict(self)


def _courses(count: int) -> list[tuple[int, int, int]]:
    from courses.models import Course

    rows = list(Course.objects.order_by("id").values_list("id", "citizen_id", "centre_id")[:count])
    if len(rows) < count:
        raise ValueError(f"need {count} courses to write to, the database has {len(rows)}")
    return rows


def _one_write(course: tuple[int, int, int], actor, audited: bool) -> None:
    from audit.models import AuditEvent
    from audit.services import audit_record
    from courses.models import Course

    course_id, citizen_id, centre_id = course
    with transaction.atomic():
        # A small real write (a row lock, an UPDATE, WAL) that changes nothing a user sees.
        locked = Course.objects.select_for_update().get(pk=course_id)
        Course.objects.filter(pk=course_id).update(closed_reason=F("closed_reason"))
        if audited:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=locked,
                citizen_id=citizen_id,
                centre_id=centre_id,
                changes={"bench": ["", ""]},
            )


def _worker(number, course, actor_id, audited, lanes, seconds, begin_at, queue) -> None:
    """One writer process: its own connection, writing until its time is up; sends its times."""
    from django.conf import settings

    from organisations.models import User

    if lanes is not None:
        settings.FORLOB_AUDIT_LANES = lanes  # this process only
    connection.close()  # never share the parent's connection across fork
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    times, errors = [], 0
    while time.time() < begin_at:
        time.sleep(0.001)
    stop_at = time.perf_counter() + seconds
    while time.perf_counter() < stop_at:
        began = time.perf_counter()
        try:
            _one_write(course, actor, audited)
        except Exception:  # noqa: BLE001  # counted and reported, the bench goes on
            errors += 1
            continue
        times.append((time.perf_counter() - began) * 1000)
    connection.close()
    queue.put((number, times, errors))


def run(
    *,
    writers: int = 8,
    seconds: float = 10.0,
    audited: bool = True,
    actor_id: int | None = None,
    lanes: int | None = None,
) -> WriteResult:
    """``writers`` processes (as gunicorn's workers: no shared interpreter lock) writing for ``seconds``;
    ``lanes`` overrides ``FORLOB_AUDIT_LANES`` (1: one chain under one lock, as before lanes)."""
    courses = _courses(writers)
    connection.close()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    begin_at = time.time() + 0.5
    processes = [
        context.Process(target=_worker, args=(n, courses[n], actor_id, audited, lanes, seconds, begin_at, queue))
        for n in range(writers)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join()
    every = [t for _, per_writer, _ in results for t in per_writer]
    return WriteResult(
        writers=writers,
        audited=audited,
        lanes=lanes,
        seconds=seconds,
        writes=len(every),
        per_second=len(every) / seconds,
        p50_ms=stats.percentile(every, 50) if every else 0.0,
        p95_ms=stats.percentile(every, 95) if every else 0.0,
        errors=sum(errors for _, _, errors in results),
    )
