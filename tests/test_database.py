"""The suite runs on the database it was asked to use (CI: PostgreSQL)."""

import os

from django.db import connection


def test_the_suite_runs_on_the_configured_database():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_the_app_role_gets_only_select_and_insert_on_the_audit_log():
    """The grants migrate applies (audit.roles); on PostgreSQL tests/audit/test_database_roles.py proves them."""
    from audit.roles import grant_statements

    statements = grant_statements("forlob_app", "public", lambda name: f'"{name}"')
    audit = [s for s in statements if '"audit_' in s]
    assert audit == [
        'REVOKE ALL ON "public"."audit_auditevent" FROM PUBLIC',
        'REVOKE ALL ON "public"."audit_auditevent" FROM "forlob_app"',
        'GRANT SELECT, INSERT ON "public"."audit_auditevent" TO "forlob_app"',
        'REVOKE ALL ON "public"."audit_auditeventcitizen" FROM PUBLIC',
        'REVOKE ALL ON "public"."audit_auditeventcitizen" FROM "forlob_app"',
        'GRANT SELECT, INSERT ON "public"."audit_auditeventcitizen" TO "forlob_app"',
    ]
    assert statements[-6:] == audit, "the audit log's grants come last, after the grants on all tables"
    assert not any("TRUNCATE" in s or "TRIGGER" in s or "REFERENCES" in s for s in statements if s.startswith("GRANT"))


def test_no_grants_are_made_without_an_app_role_or_off_postgresql():
    from audit.roles import grant_app_role

    assert grant_app_role(connection, "") is False
    if connection.vendor != "postgresql":
        assert grant_app_role(connection, "forlob_app") is False
