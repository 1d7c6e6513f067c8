"""``manage.py smdb_export``: the file, the summary with the error list, the audit, the refusals."""

import io

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from smdb import rules


def run(*args) -> str:
    out = io.StringIO()
    call_command("smdb_export", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_writes_the_file_and_lists_the_errors(world, tmp_path):
    target = tmp_path / "smdb.csv"
    summary = run("--municipality", "730", "--year", "2027", "--out", str(target))
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff" + ";".join(rules.COLUMNS) + "\r\n")
    assert len(text.splitlines()) == 1 + 8
    assert world.started.citizen.cpr.replace("-", "") in text
    assert "Randers Kommune (730), 2027-01-01 to 2027-12-31" in summary
    assert "udskrivning (SIB): 1 in the file" in summary
    assert f"ERROR course {world.incomplete.pk} udskrivning: missing income" in summary
    assert world.started.citizen.cpr not in summary and world.started.citizen.cpr.replace("-", "") not in summary
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).get()
    assert event.actor_id is None and event.actor_username == "manage.py smdb_export"
    assert event.changes["municipality"] == "730" and event.changes["errors"] == 1
    assert event.changes["records"] == {"anmodning": 3, "behandlingsstart": 2, "indskrivning": 2, "udskrivning": 1}
    assert world.started.citizen.cpr.replace("-", "") not in str(event.changes)


def test_a_month_by_the_municipalitys_name(world, tmp_path):
    target = tmp_path / "feb.csv"
    summary = run("--municipality", "Randers", "--year", "2027", "--month", "2", "--out", str(target))
    assert "2027-02-01 to 2027-02-28" in summary
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1 + 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--municipality", "Atlantis", "--year", "2027"), "Unknown municipality"),
        (("--municipality", "730", "--year", "27"), "Bad year"),
        (("--municipality", "730", "--year", "2031"), "Bad year"),
        (("--municipality", "730", "--year", "2027", "--month", "13"), "Bad month"),
    ],
)
def test_bad_arguments_are_refused_clearly(today, randers_centre, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
