"""``manage.py bench`` (``make bench``): the daily pages at 1,000 / 10,000 / 100,000 citizens.

For each size (``BENCH_SIZES``, e.g. ``1000,10000``) it uses the database ``<name>_bench_<size>``
on ``DATABASE_URL``'s PostgreSQL server, creates and migrates it when missing, tops it up with
``generate_scale_data --citizens <size>`` (which reuses what exists), and measures every daily
page in a fresh process (``--measure-here``): p50 and p95 server time, SQL queries per request,
response size. Against the largest database it then starts gunicorn and measures throughput and
p95 with 8 concurrent users (``--load-here``), and audited writes per second with 8 concurrent
writers (``--audit-here``). It ends with one ``BENCH`` line per measure, judged PASS or FAIL
against the targets (``scale.bench.stats``). SQLite is refused. See docs/performance.md.
"""

import json
import os
import subprocess  # nosec B404  # runs this checkout's manage.py, no shell
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from scale.bench import databases, report, stats

ROOT = Path(__file__).resolve().parents[3]


class Command(BaseCommand):
    help = "Measure the daily pages at 1,000/10,000/100,000 citizens on PostgreSQL (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ""), help="e.g. 1000,10000,100000.")
        parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "30")))
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--export-repeat", type=int, default=3)
        parser.add_argument("--users", type=int, default=8, help="Concurrent users against gunicorn.")
        parser.add_argument("--load-seconds", type=float, default=float(os.environ.get("BENCH_LOAD_SECONDS", "30")))
        parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: its config's).")
        parser.add_argument("--writers", type=int, default=8, help="Concurrent audited writers.")
        parser.add_argument("--audit-seconds", type=float, default=10.0)
        parser.add_argument("--no-generate", action="store_true", help="Measure the databases as they are.")
        parser.add_argument("--no-load", action="store_true", help="Skip the gunicorn load test.")
        parser.add_argument("--no-audit", action="store_true", help="Skip the audit write test.")
        parser.add_argument("--only", default="", help="Only these pages (comma-separated names).")
        # The steps run in a fresh process against one database (DATABASE_URL), writing JSON.
        parser.add_argument("--measure-here", action="store_true", help="(step) Measure this database's pages.")
        parser.add_argument("--load-here", action="store_true", help="(step) Load-test this database.")
        parser.add_argument("--audit-here", action="store_true", help="(step) Audited writes on this database.")
        parser.add_argument("--json", default="", help="(step) Where to write the step's result.")

    def handle(self, *args, **options):
        if options["measure_here"] or options["load_here"] or options["audit_here"]:
            return self._step(options)
        url = os.environ.get("DATABASE_URL", "")
        try:
            config = databases.server_config(url)
            sizes = stats.parse_sizes(options["sizes"])
        except (databases.NotPostgreSQL, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"make bench: sizes {', '.join(stats.size_label(s) for s in sizes)} on {config.get('HOST') or 'localhost'}"
            f":{config.get('PORT') or 5432}, settings {os.environ.get('DJANGO_SETTINGS_MODULE')}, "
            f"{os.cpu_count()} cores"
        )
        by_size, counts = {}, {}
        for size in sizes:
            size_url = self._prepare(url, config["NAME"], size, generate=not options["no_generate"])
            result = self._run_step(size_url, "--measure-here", options)
            by_size[size], counts[size] = result["measures"], result["counts"]
            self.stdout.write(f"Subjects: {result['subjects']}")
            for line in report.size_table(size, result["measures"], result["counts"]):
                self.stdout.write(line)
        largest_url = databases.url_for(url, databases.bench_name(config["NAME"], sizes[-1]))
        load = None if options["no_load"] else self._run_step(largest_url, "--load-here", options)
        audit = None if options["no_audit"] else self._run_step(largest_url, "--audit-here", options)
        self.stdout.write("")
        self.stdout.write("== Summary (judged at the largest size)")
        table, bench_lines, passed = report.summary(by_size)
        for line in table:
            self.stdout.write(line)
        if load:
            self._load_lines(load, sizes[-1])
        if audit:
            self._audit_lines(audit)
        self.stdout.write("")
        for line in bench_lines:
            self.stdout.write(line)
        if load:
            self.stdout.write(
                f"BENCH concurrent_{load['users']}_users requests_per_s={load['per_second']:.1f} "
                f"p95_ms={load['p95_ms']:.1f} errors={load['errors']} workers={load['workers']}"
            )
        if audit:
            for row in audit["runs"]:
                self.stdout.write(
                    f"BENCH audit_writes writers={row['writers']} lanes={row['lanes']} "
                    f"writes_per_s={row['per_second']:.1f} p95_ms={row['p95_ms']:.1f} errors={row['errors']}"
                )
        self.stdout.write("ALL PASS" if passed else "SOME FAIL")

    # --- the parent: databases and steps -------------------------------------------------------

    def _prepare(self, url: str, base: str, size: int, *, generate: bool) -> str:
        name = databases.bench_name(base, size)
        size_url = databases.url_for(url, name)
        if databases.ensure_database(url, name):
            self.stdout.write(f"Created database {name}.")
        env = {**os.environ, "DATABASE_URL": size_url}
        self._manage(["migrate", "--noinput", "-v", "0"], env)
        if not generate:
            return size_url
        if "generate_scale_data" not in get_commands():
            self.stdout.write("No generate_scale_data command: measuring the database as it is.")
            return size_url
        began = time.monotonic()
        self.stdout.write(f"Topping {name} up to {size:,} citizens (generate_scale_data)...")
        self._manage(["generate_scale_data", "--citizens", str(size)], env)
        self.stdout.write(f"... {time.monotonic() - began:.0f} s; VACUUM ANALYZE (as autovacuum would after a load)")
        databases.vacuum_analyze(size_url)
        return size_url

    def _manage(self, arguments: list[str], env: dict) -> None:
        command = [sys.executable, str(ROOT / "manage.py"), *arguments]
        completed = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603  # nosec B603  # fixed command
        if completed.returncode:
            raise CommandError(f"`manage.py {' '.join(arguments)}` failed (exit status {completed.returncode}).")

    def _run_step(self, url: str, step: str, options) -> dict:
        with tempfile.TemporaryDirectory(prefix="forlob-bench-") as folder:
            out = Path(folder) / "result.json"
            arguments = [
                "bench",
                step,
                "--json",
                str(out),
                "--repeat",
                str(options["repeat"]),
                "--warmup",
                str(options["warmup"]),
                "--export-repeat",
                str(options["export_repeat"]),
                "--users",
                str(options["users"]),
                "--load-seconds",
                str(options["load_seconds"]),
                "--workers",
                str(options["workers"]),
                "--writers",
                str(options["writers"]),
                "--audit-seconds",
                str(options["audit_seconds"]),
                "--only",
                options["only"],
            ]
            self._manage(arguments, {**os.environ, "DATABASE_URL": url})
            return json.loads(out.read_text())

    def _load_lines(self, load: dict, size: int) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"== gunicorn, {load['workers']} sync workers, {load['users']} concurrent users, {load['seconds']:.0f} s, "
            f"{stats.size_label(size)} citizens: {load['per_second']:.1f} requests/s, p50 {load['p50_ms']:.1f} ms, "
            f"p95 {load['p95_ms']:.1f} ms, {load['errors']} errors"
        )
        for name, row in load["by_page"].items():
            self.stdout.write(f"   {name:<18} n={row['count']:<6} p95 {row['p95_ms']:.1f} ms")
        for example in load["error_examples"]:
            self.stdout.write(f"   error: {example}")

    def _audit_lines(self, audit: dict) -> None:
        self.stdout.write("")
        self.stdout.write("== Audited writes (a small write + audit_record per transaction)")
        for row in audit["runs"]:
            self.stdout.write(
                f"   {row['writers']} writers, lanes {row['lanes']}, audited {row['audited']}: "
                f"{row['per_second']:.1f} writes/s, p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
                f"errors {row['errors']}"
            )

    # --- the steps, in a process of their own ----------------------------------------------------

    def _step(self, options) -> None:
        from scale.bench import audit_writes, load, pages

        if connection.vendor != "postgresql" and not settings.DEBUG and options["load_here"]:
            raise CommandError("The load test needs PostgreSQL.")
        try:
            subjects = pages.pick_subjects()
        except pages.NoSubjects as error:
            raise CommandError(str(error)) from None
        if options["measure_here"]:
            only = {name for name in options["only"].split(",") if name}
            measures = pages.measure_pages(
                subjects,
                warmup=options["warmup"],
                repeat=options["repeat"],
                export_repeat=options["export_repeat"],
                only=only or None,
            )
            result = {
                "subjects": subjects.describe(),
                "counts": row_counts(),
                "measures": [m.as_dict() for m in measures],
            }
        elif options["load_here"]:
            result = load.run(
                subjects, users=options["users"], seconds=options["load_seconds"], workers=options["workers"] or None
            ).as_dict()
        else:
            runs = []
            for writers, lanes in ((1, None), (options["writers"], 1), (options["writers"], None)):
                runs.append(
                    audit_writes.run(
                        writers=writers,
                        seconds=options["audit_seconds"],
                        actor_id=subjects.worker_id,
                        lanes=lanes,
                    ).as_dict()
                )
            for row in runs:
                row["lanes"] = row["lanes"] or "all"
            result = {"runs": runs}
        Path(options["json"]).write_text(json.dumps(result, indent=1))


def row_counts() -> dict[str, int]:
    """How big the database is: citizens, courses, open deadlines and audit events (estimates for
    the audit log on PostgreSQL, where counting 3 million rows would take a while)."""
    from audit.models import AuditEvent
    from citizens.models import Citizen
    from courses.models import Course
    from deadlines.models import Deadline

    counts = {
        "citizens": Citizen.objects.count(),
        "courses": Course.objects.count(),
        "open deadlines": Deadline.objects.open().count(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'audit_auditevent'")
            estimate = int(cursor.fetchone()[0])
        if estimate > 1_000_000:
            counts["audit events (est.)"] = estimate
        else:
            counts["audit events"] = AuditEvent.objects.count()
    else:
        counts["audit events"] = AuditEvent.objects.count()
    return counts
