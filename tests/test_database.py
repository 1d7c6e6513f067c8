"""The suite runs on the database it was asked to use (CI: PostgreSQL)."""

import os

from django.db import connection


def test_the_suite_runs_on_the_configured_database():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
