"""``make bench`` (scale.bench): the arithmetic and the report lines, and a smoke run of the page
measurement against a tiny world (SQLite or whatever the suite runs on; the load and audit-write
parts need PostgreSQL and a gunicorn, and run only there)."""

import io
import os
import runpy
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from organisations.models import Role
from scale.bench import databases, pages, report, stats
from tests.conftest import staff
from tests.factories import CentreFactory, CitizenFactory
from tests.pathway import course_in_treatment

# --- percentiles, ratios, targets --------------------------------------------------------------


def test_percentiles_interpolate_between_ranks():
    assert stats.percentile([1, 2, 3, 4], 50) == 2.5
    assert stats.percentile(range(1, 21), 95) == pytest.approx(19.05)
    assert stats.percentile([7], 95) == 7
    assert stats.percentile([5, 1, 3], 0) == 1 and stats.percentile([5, 1, 3], 100) == 5


def test_a_percentile_of_nothing_or_out_of_range_is_refused():
    with pytest.raises(ValueError):
        stats.percentile([], 50)
    with pytest.raises(ValueError):
        stats.percentile([1], 101)


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=50), st.floats(0, 100), st.floats(0, 100))
def test_percentiles_lie_within_the_values_and_grow_with_p(values, p, q):
    low, high = sorted((p, q))
    assert min(values) <= stats.percentile(values, low) <= stats.percentile(values, high) <= max(values)


def test_ratio_of_the_large_figure_to_the_small():
    assert stats.ratio(30.0, 20.0) == 1.5
    assert stats.ratio(None, 20.0) is None and stats.ratio(30.0, None) is None and stats.ratio(3.0, 0) is None


@pytest.mark.parametrize(
    ("kind", "p95", "ratio", "queries", "passed"),
    [
        ("page", 99.9, 1.5, {1000: 12, 100000: 12}, True),
        ("page", 100.0, 1.0, None, False),  # "under 100 ms"
        ("page", 50.0, 1.51, None, False),
        ("page", 50.0, None, {1000: 12, 100000: 13}, False),
        ("dashboard", 499.0, 1.2, None, True),
        ("dashboard", 510.0, 1.2, None, False),
        ("export", 9_999.0, None, None, True),
        ("export", 10_000.0, None, None, False),
    ],
)
def test_verdicts_against_the_targets(kind, p95, ratio, queries, passed):
    result = stats.verdict(kind=kind, p95_ms=p95, ratio_value=ratio, queries_by_size=queries)
    assert result.passed is passed and result.word == ("PASS" if passed else "FAIL")
    assert bool(result.reasons) is not passed


def test_the_bench_line_format():
    ok = stats.verdict(kind="page", p95_ms=12.34, ratio_value=1.06)
    assert (
        stats.bench_line("worklist_mine", p95_ms=12.34, queries=9, ratio_value=1.0612, result=ok)
        == "BENCH worklist_mine p95_ms=12.3 queries=9 ratio_100k_1k=1.06 PASS"
    )
    assert stats.bench_line("home", p95_ms=5, queries=3, ratio_value=None) == (
        "BENCH home p95_ms=5.0 queries=3 ratio_100k_1k=n/a"
    )
    bad = stats.verdict(kind="page", p95_ms=740.0, ratio_value=33.6)
    assert stats.bench_line("worklist_centre", p95_ms=740, queries=20, ratio_value=33.6, result=bad).endswith(
        "FAIL (p95 740.0 ms >= 100 ms; ratio 33.60 > 1.5)"
    )


def test_sizes_from_the_environment():
    assert stats.parse_sizes("") == [1_000, 10_000, 100_000]
    assert stats.parse_sizes("10000, 1000") == [1_000, 10_000]
    assert stats.parse_sizes("1k 100k 1k") == [1_000, 100_000]
    with pytest.raises(ValueError):
        stats.parse_sizes("0")
    assert [stats.size_label(s) for s in (1_000, 100_000, 2_500)] == ["1k", "100k", "2500"]


def _measure(name, p95, queries, kind="page", skipped=""):
    return {
        "name": name,
        "kind": kind,
        "count": 30,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "max_ms": p95 * 1.1,
        "queries": queries,
        "bytes": 2048,
        "status": 200,
        "skipped": skipped,
    }


def test_the_summary_judges_each_measure_at_the_largest_size_against_the_smallest():
    by_size = {
        1_000: [
            _measure("home", 10, 12),
            _measure("worklist_centre", 22, 20),
            _measure("dashboard", 0, 0, "dashboard"),
        ],
        10_000: [_measure("home", 11, 12), _measure("worklist_centre", 60, 20)],
        100_000: [
            _measure("home", 12, 12),
            _measure("worklist_centre", 740, 21),
            _measure("dashboard", 0, 0, "dashboard", skipped="no URL yet"),
        ],
    }
    table, lines, passed = report.summary(by_size)
    assert not passed
    assert lines[0] == "BENCH home p95_ms=12.0 queries=12 ratio_100k_1k=1.20 PASS"
    assert lines[1].startswith("BENCH worklist_centre p95_ms=740.0 queries=21 ratio_100k_1k=33.64 FAIL (")
    assert "queries differ by size (1000: 20, 10000: 20, 100000: 21)" in lines[1]
    assert lines[2] == "BENCH dashboard skipped (no URL yet)"
    assert "ratio_100k_1k" in table[0] and any(row.startswith("worklist_centre") and "20/20/21" in row for row in table)


def test_other_sizes_name_their_ratio():
    _, lines, passed = report.summary({1_000: [_measure("home", 10, 12)], 10_000: [_measure("home", 12, 12)]})
    assert passed and lines == ["BENCH home p95_ms=12.0 queries=12 ratio_10k_1k=1.20 PASS"]


def test_a_size_table_shows_skips_and_sizes():
    lines = report.size_table(1_000, [_measure("home", 10, 12), _measure("dashboard", 0, 0, skipped="answered 404")])
    assert lines[0] == "== 1k citizens" and "dashboard" in lines[-1] and "skipped: answered 404" in lines[-1]


# --- databases ----------------------------------------------------------------------------------


def test_the_bench_refuses_sqlite_and_no_database_with_a_clear_message():
    for url in ("", "sqlite:///var/forlob.sqlite3"):
        with pytest.raises(databases.NotPostgreSQL, match="PostgreSQL only"):
            databases.server_config(url)


def test_the_command_refuses_sqlite(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/forlob.sqlite3")
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("bench", stdout=io.StringIO())


def test_bench_databases_sit_beside_the_configured_one():
    url = "postgres://forlob:secret@db.example:5433/forlob?sslmode=require"
    name = databases.bench_name("forlob", 100_000)
    assert name == "forlob_bench_100000"
    assert (
        databases.url_for(url, name) == "postgres://forlob:secret@db.example:5433/forlob_bench_100000?sslmode=require"
    )
    with pytest.raises(ValueError):
        databases.bench_name('x"; drop', 1)


# --- a smoke run of the page measurement ---------------------------------------------------------


@pytest.mark.django_db
def test_the_pages_are_measured_for_a_worker_and_a_manager_chosen_from_the_data(randers_centre):
    worker = staff(randers_centre, Role.THERAPIST, username="bench-behandler")
    course = course_in_treatment(randers_centre, therapist=worker, days_ago=20)
    manager = staff(randers_centre, Role.MANAGER, username="bench-leder")
    subjects = pages.pick_subjects(year=2026)
    assert subjects.manager_id == manager.pk and subjects.centre_id == randers_centre.pk
    assert subjects.course_id == course.pk and subjects.citizen_id == course.citizen_id
    assert subjects == pages.pick_subjects(year=2026)  # the same choice from the same data
    measures = {m.name: m for m in pages.measure_pages(subjects, warmup=1, repeat=2, export_repeat=1)}
    assert set(measures) == {
        "home",
        "worklist_mine",
        "worklist_team",
        "worklist_centre",
        "citizen_list",
        "name_search",
        "citizen",
        "course",
        "timeline",
        "dashboard",
        "smdb_export",
    }
    for name in ("home", "citizen", "course", "timeline", "citizen_list", "name_search"):
        measured = measures[name]
        assert not measured.skipped, measured.skipped
        assert measured.status == 200 and measured.count == 2 and measured.queries > 0 and measured.bytes > 0
        assert 0 < measured.p50_ms <= measured.p95_ms <= measured.max_ms
    for measured in measures.values():  # every page either measured or skipped with the reason
        assert measured.count or measured.skipped


@pytest.mark.django_db
def test_no_subjects_in_an_empty_installation():
    with pytest.raises(pages.NoSubjects):
        pages.pick_subjects()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="audited writes are measured on PostgreSQL")
def test_audited_writes_are_counted_with_concurrent_writers():
    from audit.models import AuditEvent
    from courses.models import Course
    from scale.bench import audit_writes

    centre = CentreFactory()
    worker = staff(centre, Role.THERAPIST, username="bench-skriver")
    for _ in range(2):
        Course.objects.create(
            citizen=CitizenFactory(centre=centre),
            centre=centre,
            opened_on=date(2026, 1, 5),
            first_contact_on=date(2026, 1, 5),
        )
    result = audit_writes.run(writers=2, seconds=1.0, actor_id=worker.pk)
    assert result.errors == 0 and result.writes > 0 and result.per_second > 0
    assert AuditEvent.objects.filter(changes__bench__isnull=False).count() == result.writes


def test_the_gunicorn_config_has_two_sync_workers_per_core_and_one(monkeypatch):
    for name in ("WEB_CONCURRENCY", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(Path(pages.__file__).resolve().parents[2] / "forlob" / "gunicorn.conf.py"))
    assert config["workers"] == 2 * os.cpu_count() + 1 and config["worker_class"] == "sync"
    assert config["bind"] == "127.0.0.1:8000" and config["timeout"] >= 30
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("PORT", "8080")
    config = runpy.run_path(str(Path(pages.__file__).resolve().parents[2] / "forlob" / "gunicorn.conf.py"))
    assert config["workers"] == 3 and config["bind"] == "127.0.0.1:8080"
