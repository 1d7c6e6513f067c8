"""The backup and restore drill (docs/operations.md): `make backup` and `make restore` on PostgreSQL.

Data made through the real services is committed, dumped with scripts/backup.sh, restored with
scripts/restore.sh into a fresh database, and compared: every table's row count, and a checksum of
the citizen, course and audit tables, row by row. The restored audit log must still refuse UPDATE.
"""

import datetime
import glob
import os
import shutil
import subprocess
import uuid
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db import connection
from psycopg import sql

from audit.models import AuditEvent
from citizens.models import Citizen
from courses.models import Course, CourseState
from demo.staff import load_demo_staff
from organisations.models import Centre, Role
from tests.conftest import staff
from tests.decisions.conftest import assessed_course, decide

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
PG_RESTORE = (
    shutil.which("pg_restore") or (sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_restore")) or ["pg_restore"])[-1]
)
CHECKSUMMED = ["citizens_citizen", "courses_course", "audit_auditevent"]

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are PostgreSQL's (pg_dump)")


def database_url(name: str) -> str:
    """The test database's own URL, built from Django's connection settings."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(name, safe='')}"


def maintenance_connection() -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    )


def run(script: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TARGET_DATABASE_URL", "BACKUP_FILE")
    }
    return subprocess.run(
        [str(script)], env=environment | env, capture_output=True, text=True, timeout=300, check=False
    )


def snapshot(url: str) -> dict:
    """Row count of every table in the public schema, a row-by-row checksum of the key tables, the triggers."""
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        counts = {
            table: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            for table in tables
        }
        checksums = {
            table: conn.execute(
                sql.SQL("SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM {} t").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in CHECKSUMMED
        }
        triggers = conn.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1, 2"
        ).fetchall()
    return {"counts": counts, "checksums": checksums, "triggers": triggers}


def committed_casework() -> Course:
    """Seed municipalities (flushed by earlier transactional tests), demo staff, and a citizen
    whose course went through request and assessment to a grant — all committed."""
    import_module("standards.migrations.0002_seed_standards").load(apps, None)
    load_demo_staff()
    randers = Centre.objects.get(municipality__code="730", kind=Centre.Kind.MUNICIPAL)
    authority = staff(randers, Role.AUTHORITY, username="randers-myndighed")
    with time_machine.travel(datetime.datetime(2026, 3, 16, 10, 0, tzinfo=datetime.UTC), tick=False):
        course = assessed_course(randers, authority)
        decide(course, authority, "grant")
    course.refresh_from_db()
    return course


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_with_every_row(tmp_path):
    course = committed_casework()
    assert course.state == CourseState.DECIDED
    assert Citizen.objects.exists() and AuditEvent.objects.exists()
    source_url = database_url(connection.settings_dict["NAME"])
    dump = tmp_path / "drill.dump"

    backup = run(BACKUP, DATABASE_URL=source_url, BACKUP_FILE=str(dump))
    assert backup.returncode == 0, backup.stderr
    assert f"Backup written: {dump}" in backup.stdout
    assert dump.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "drill.dump.sha256").stat().st_mode & 0o777 == 0o600
    assert run(BACKUP, DATABASE_URL=source_url, BACKUP_FILE=str(dump)).returncode != 0, "a backup is never overwritten"

    # The dump holds the CPR only encrypted, and neither CPR key.
    script = subprocess.run(
        [PG_RESTORE, "--file=-", str(dump)], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert course.citizen.cpr_encrypted in script
    for secret in (course.citizen.cpr, settings.FORLOB_CPR_KEY, settings.FORLOB_CPR_INDEX_KEY):
        assert secret not in script

    fresh = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with maintenance_connection() as maintenance:
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(fresh)))
        try:
            fresh_url = database_url(fresh)
            restore = run(RESTORE, BACKUP_FILE=str(dump), TARGET_DATABASE_URL=fresh_url)
            assert restore.returncode == 0, restore.stderr
            assert "citizens_citizen" in restore.stdout and "audit_auditevent" in restore.stdout

            before, after = snapshot(source_url), snapshot(fresh_url)
            assert after["counts"] == before["counts"]
            assert after["checksums"] == before["checksums"]
            assert before["counts"]["citizens_citizen"] >= 1 and before["counts"]["audit_auditevent"] >= 1
            assert all(before["checksums"].values())

            assert after["triggers"] == before["triggers"]
            assert ("audit_auditevent", "audit_auditevent_append_only") in after["triggers"]
            with (
                psycopg.connect(fresh_url, autocommit=True) as restored,
                pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"),
            ):
                restored.execute("UPDATE audit_auditevent SET action = 'delete'")

            again = run(RESTORE, BACKUP_FILE=str(dump), TARGET_DATABASE_URL=fresh_url)
            assert again.returncode != 0 and "not empty" in again.stderr, "a restore never mixes into live data"
            assert snapshot(fresh_url)["counts"] == before["counts"]
        finally:
            maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(fresh)))


def test_a_backup_needs_a_postgresql_database_url():
    for url in ("", "sqlite:///var/forlob.sqlite3"):
        result = run(BACKUP, DATABASE_URL=url)
        assert result.returncode != 0
        assert "DATABASE_URL" in result.stderr


def test_a_restore_needs_a_backup_file(tmp_path):
    result = run(RESTORE, TARGET_DATABASE_URL="postgres://forlob@127.0.0.1:1/none")
    assert result.returncode != 0 and "BACKUP_FILE" in result.stderr
    result = run(RESTORE, BACKUP_FILE=str(tmp_path / "missing.dump"), TARGET_DATABASE_URL="postgres://x@127.0.0.1:1/y")
    assert result.returncode != 0 and "cannot read" in result.stderr
