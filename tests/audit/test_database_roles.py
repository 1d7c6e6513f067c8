"""The application's database role can read and extend the audit log, and nothing else of it.

On PostgreSQL, connected AS THE APP ROLE (``FORLOB_DB_APP_ROLE``; .ci/run creates it) to this
test database, which the owner role created and migrated: every way to rewrite, empty or
unprotect the log is refused by PostgreSQL itself, while the normal work — reading and appending
events, ordinary changes to other tables — goes through (audit.roles, docs/operations.md).
"""

import copy
import datetime
import os
from io import StringIO

import psycopg
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, connections
from django.db.utils import load_backend

from audit.models import AuditEvent
from audit.roles import grant_app_role
from audit.services import audit_record
from citizens.models import Citizen
from demo.cpr import fictional_cpr
from tests.factories import CitizenFactory

APP_ROLE = os.environ.get("FORLOB_DB_APP_ROLE", "")
APP_PASSWORD = os.environ.get("FORLOB_DB_APP_PASSWORD", "")
ALIAS = "as_app_role"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="database roles and privileges are PostgreSQL's: SQLite has no roles, the app owns the file",
    ),
    pytest.mark.django_db(transaction=True),  # committed rows, seen by the app role's own connection
]

REFUSED = {
    "update": "UPDATE audit_auditevent SET object_label = 'Someone else'",
    "delete": "DELETE FROM audit_auditevent",
    "truncate": "TRUNCATE audit_auditevent",
    "disable trigger": "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
    "disable all triggers": "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
    "drop trigger": "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
    "replace trigger function": (
        "CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$"
        " BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql"
    ),
    "drop trigger function": "DROP FUNCTION audit_auditevent_append_only() CASCADE",
    "create trigger": (
        "CREATE TRIGGER sneak BEFORE INSERT ON audit_auditevent"
        " FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()"
    ),
    "take ownership": f"ALTER TABLE audit_auditevent OWNER TO {APP_ROLE or 'forlob_app'}",
    "rename": "ALTER TABLE audit_auditevent RENAME TO audit_old",
    "drop table": "DROP TABLE audit_auditevent",
    "drop column": "ALTER TABLE audit_auditevent DROP COLUMN hash",
    "update listed citizens": "UPDATE audit_auditeventcitizen SET citizen_id = 0",
    "delete listed citizens": "DELETE FROM audit_auditeventcitizen",
    "truncate listed citizens": "TRUNCATE audit_auditeventcitizen",
    "create table": "CREATE TABLE audit_shadow (id int)",
}


@pytest.fixture
def app_role():
    if not APP_ROLE:
        pytest.fail(
            "On PostgreSQL these tests need the application's role: set FORLOB_DB_APP_ROLE (and "
            "FORLOB_DB_APP_PASSWORD) as .ci/run does, and run the suite as the owner role (docs/operations.md)."
        )
    return APP_ROLE


def connect_as_app() -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=APP_ROLE,
        password=APP_PASSWORD or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    )


@pytest.fixture
def as_app(app_role):
    """A raw connection to this test database as the app role."""
    with connect_as_app() as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == app_role
        yield conn


@pytest.fixture
def app_alias(app_role):
    """A second Django connection, as the app role, to this test database: Django's own writes through it."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    settings_dict |= {"USER": app_role, "PASSWORD": APP_PASSWORD}
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, ALIAS)
    connections[ALIAS] = wrapper
    try:
        yield ALIAS
    finally:
        wrapper.close()
        del connections[ALIAS]


def chain_is_intact() -> bool:
    try:
        call_command("verify_audit_chain", "--no-anchors", stdout=StringIO(), stderr=StringIO())
    except CommandError:
        return False
    return True


def test_the_app_role_reads_and_appends_events_through_django(as_app, app_alias):
    first = audit_record(actor=None, action=AuditEvent.Action.VIEW, username="ejer")  # as the owner (the suite)
    assert as_app.execute("SELECT hash FROM audit_auditevent WHERE id = %s", [first.pk]).fetchone()[0] == first.hash

    appended = AuditEvent.objects.using(app_alias).create(actor_username="app", action=AuditEvent.Action.VIEW)
    assert connections[app_alias].settings_dict["USER"] == APP_ROLE
    assert appended.prev_hash == first.hash  # read the head and extended the chain, under the lock
    assert AuditEvent.objects.filter(pk=appended.pk, actor_username="app").exists()
    assert chain_is_intact()


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_app_role_cannot_rewrite_empty_or_unprotect_the_log(as_app, statement):
    event = audit_record(actor=None, action=AuditEvent.Action.VIEW, username="ejer")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app.execute(statement)
    assert list(AuditEvent.objects.values_list("id", "object_label", "hash")) == [(event.pk, "", event.hash)]
    trigger = "SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_auditevent_append_only'"
    assert as_app.execute(trigger).fetchone()[0] == "O"  # still there, still on
    assert chain_is_intact()


def test_the_app_role_holds_only_select_and_insert_on_the_log_and_owns_nothing(as_app, app_role):
    rights = {
        privilege: as_app.execute(
            "SELECT has_table_privilege(current_user, 'audit_auditevent', %s)", [privilege]
        ).fetchone()[0]
        for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
    }
    assert rights == {
        "SELECT": True,
        "INSERT": True,
        "UPDATE": False,
        "DELETE": False,
        "TRUNCATE": False,
        "REFERENCES": False,
        "TRIGGER": False,
    }
    owner = as_app.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_auditevent'").fetchone()[0]
    assert owner == connection.settings_dict["USER"] != app_role
    assert not as_app.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user").fetchone()[0], (
        "the app role owns no table"
    )
    role = as_app.execute(
        "SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication"
        " FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert role == (False, False, False, False, False)
    assert not as_app.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", [owner]).fetchone()[0]


def test_the_app_role_does_ordinary_work_on_other_tables(as_app, app_alias):
    citizen = CitizenFactory(first_name="Alma")  # its own centre: the seed data is flushed by now
    assert as_app.execute("SELECT first_name FROM citizens_citizen WHERE id = %s", [citizen.pk]).fetchone() == ("Alma",)
    as_app.execute("UPDATE citizens_citizen SET first_name = 'Alma Marie' WHERE id = %s", [citizen.pk])
    citizen.refresh_from_db()
    assert citizen.first_name == "Alma Marie"

    new = Citizen(centre=citizen.centre, first_name="Bent", last_name="Fiktivsen", contact_channel="phone")
    new.set_cpr(fictional_cpr(datetime.date(1970, 2, 3)))
    new.save(using=app_alias)  # an INSERT through Django, identity column and all
    assert Citizen.objects.filter(pk=new.pk, first_name="Bent").exists()

    as_app.execute("DELETE FROM citizens_citizen WHERE id = %s", [new.pk])
    assert not Citizen.objects.filter(pk=new.pk).exists()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app.execute("TRUNCATE citizens_citizen CASCADE")  # emptying tables is the owner's (deploys, restores)


def test_every_migrate_takes_back_what_was_granted_on_the_log_by_hand(app_role):
    with connection.cursor() as cursor:  # the owner, by mistake or by an attacker with its password
        cursor.execute(f"GRANT UPDATE, DELETE, TRUNCATE ON audit_auditevent TO {connection.ops.quote_name(app_role)}")
    with connect_as_app() as conn:
        assert conn.execute("SELECT has_table_privilege('audit_auditevent', 'UPDATE')").fetchone()[0]

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what every migrate ends with

    with connect_as_app() as conn:
        for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
            assert not conn.execute("SELECT has_table_privilege('audit_auditevent', %s)", [privilege]).fetchone()[0]
        assert conn.execute("SELECT has_table_privilege('audit_auditevent', 'INSERT')").fetchone()[0]


def test_migrate_refuses_to_name_its_own_role_as_the_app_role():
    with pytest.raises(ImproperlyConfigured, match="run migrate as the owner role"):
        grant_app_role(connection, connection.settings_dict["USER"])
