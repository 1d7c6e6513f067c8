"""Generate (or top up) a synthetic installation of N citizens: the steps and their progress."""

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from citizens.models import Citizen
from deadlines.models import Deadline

from . import audit, bulk
from .casework import Batch, add_citizen, insert
from .citizens import EMAIL_DOMAIN, build_citizen
from .deadlines import deadline_rows
from .organisations import ensure_installation
from .stories import citizen_story

DEFAULT_SEED = 12
DEFAULT_PER_MUNICIPALITY = 1000
DEFAULT_CHUNK = 5000


@dataclass
class Result:
    existing: int
    added: int
    municipalities: int = 0
    centres: int = 0
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def existing_citizens() -> int:
    """How many generated citizens the database holds (numbers 0 … n-1: a run commits whole)."""
    return Citizen.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()


def generate(
    citizens: int,
    *,
    seed: int = DEFAULT_SEED,
    per_municipality: int = DEFAULT_PER_MUNICIPALITY,
    chunk: int = DEFAULT_CHUNK,
    say: Callable[[str], None] = print,
) -> Result:
    """Bring the installation up to ``citizens`` generated citizens, in one transaction."""
    started = time.monotonic()
    existing = existing_citizens()
    result = Result(existing=existing, added=max(citizens - existing, 0))
    if existing >= citizens:
        say(f"The database already holds {existing} generated citizens (asked for {citizens}): nothing to add.")
        return result
    tz = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localdate(now)
    say(f"Generating citizens {existing} to {citizens - 1} (seed {seed}); {existing} exist.")
    spool = audit.Spool()
    try:
        with transaction.atomic():
            installation = ensure_installation(citizens, per_municipality, seed)
            result.municipalities = len(installation.municipalities)
            result.centres = len(installation.centres)
            say(
                f"  organisations: {result.municipalities} municipalities, {result.centres} centres"
                f" ({time.monotonic() - started:.1f} s)"
            )
            for start in range(existing, citizens, chunk):
                stop = min(start + chunk, citizens)
                batch = Batch()
                for i in range(start, stop):
                    municipality, centre = installation.place(i)
                    rng = random.Random(f"{seed}:citizen:{i}")  # noqa: S311  # nosec B311  # synthetic data, not security
                    story = citizen_story(rng, today, centre, tz)
                    citizen = build_citizen(i, seed, rng, centre.id, municipality.town, story.died_on)
                    add_citizen(batch, i, citizen, centre, story, rng, tz)
                insert(batch)
                deadlines = deadline_rows(batch)
                bulk.insert(Deadline, deadlines)
                result.rows.update(batch.counts())
                result.rows["deadlines.Deadline"] += len(deadlines)
                events = audit.chunk_events(batch, random.Random(f"{seed}:audit:{start}"), now, tz)  # noqa: S311  # noqa: S311  # nosec B311
                spool.add(events)
                say(
                    f"  citizens {start}-{stop - 1}: {sum(map(len, batch.courses))} courses,"
                    f" {len(deadlines)} deadlines, {len(events)} audit events spooled"
                    f" ({time.monotonic() - started:.1f} s)"
                )
            say(f"  audit: appending {spool.count} events to the hash chain in time order")

            def progress(written: int) -> None:
                if written % 200_000 < 10_000:
                    say(f"    {written} of {spool.count} ({time.monotonic() - started:.1f} s)")

            result.rows["audit.AuditEvent"] = audit.write(spool, progress)
    finally:
        spool.close()
    result.seconds = time.monotonic() - started
    say(f"Done: {result.added} citizens added in {result.seconds:.1f} s.")
    return result
