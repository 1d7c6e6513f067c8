"""CI runs as deployed: two database roles, the suite as the owner, the smoke as the app role (docs/operations.md)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_creates_an_owner_and_an_unprivileged_app_role_and_hands_the_app_role_to_the_tests():
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"CREATE ROLE forlob LOGIN .*CREATEDB", script)
    app = re.search(r"CREATE ROLE forlob_app LOGIN [^\"]*", script).group()
    assert "NOCREATEDB" in app and "NOSUPERUSER" in app and "NOCREATEROLE" in app
    assert "export FORLOB_DB_APP_ROLE=forlob_app FORLOB_DB_APP_PASSWORD=" in script
    assert script.index("export FORLOB_DB_APP_ROLE") < script.index("  make test TEST_CLOCK")


def test_ci_smoke_migrates_as_the_owner_and_works_as_the_app_role():
    script = (ROOT / ".ci" / "run").read_text()
    smoke = script[script.index("# Smoke") : script.index("smoke passed")]
    assert "postgres://forlob:forlob@" in smoke and "migrate" in smoke
    assert "postgres://forlob_app:forlob_app@" in smoke
    for step in ("as_app anchor_audit_chain", "as_app verify_audit_chain", "TRUNCATE audit_auditevent"):
        assert step in smoke


def test_the_runbook_documents_both_roles_and_the_anchor_schedule():
    runbook = (ROOT / "docs" / "operations.md").read_text()
    assert "FORLOB_DB_APP_ROLE=forlob_app" in runbook and "CREATE ROLE forlob_app" in runbook
    assert "anchor_audit_chain" in runbook and "OnCalendar=" in runbook
