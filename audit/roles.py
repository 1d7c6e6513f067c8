"""The application's database role: what it may do, granted after every ``migrate`` (docs/operations.md).

Two PostgreSQL roles. The OWNER role runs ``migrate`` and owns every table, the audit log's trigger
and its function. The APP role is what the running application connects as: the normal privileges
(SELECT, INSERT, UPDATE, DELETE) on every table, but only SELECT and INSERT on the audit log. A
role that does not own a table cannot ALTER, DROP or TRUNCATE it, nor disable or drop its
triggers, so with the app role's credentials (a compromised application) the log can be read and
extended but not rewritten, emptied or unprotected. Only the owner can, and its credentials are
used for deploys, not kept by the running application.

The grants are explicit and re-applied after every ``migrate`` (``post_migrate``, wired in
``audit.apps``), so a table added by a later migration is granted at once, and a privilege that
someone added to the audit log by hand is taken away again at the next deploy.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

# The audit log, and the citizens its list reads named (audit.models.AuditEventCitizen): append-only both.
APPEND_ONLY_TABLES = ("audit_auditevent", "audit_auditeventcitizen")
# The rights the app role has on ordinary tables and sequences.
TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_PRIVILEGES = "USAGE, SELECT"
# The audit log: read (who looked at a citizen) and append (every workflow step). Nothing else.
AUDIT_PRIVILEGES = "SELECT, INSERT"


def grant_statements(
    role: str, schema: str, quote: Callable[[str], str], *, append_only: tuple[str, ...] = APPEND_ONLY_TABLES
) -> list[str]:
    """The SQL that gives ``role`` the app's privileges in ``schema``, the audit log's last.

    ``REVOKE ALL`` on the audit log first, so that whatever was granted before (by the statements
    above it, by hand, or to PUBLIC) is gone, then only SELECT and INSERT back: never UPDATE,
    DELETE, TRUNCATE, REFERENCES or TRIGGER. The identity sequence of the log's id needs no grant
    (PostgreSQL does not check it on insert), but USAGE on every sequence keeps older serial
    columns working.
    """
    role_name, schema_name = quote(role), quote(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {schema_name} TO {role_name}",
        f"GRANT {TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA {schema_name} TO {role_name}",
        f"GRANT {SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA {schema_name} TO {role_name}",
    ]
    for name in append_only:
        table = f"{schema_name}.{quote(name)}"
        statements += [
            f"REVOKE ALL ON {table} FROM PUBLIC",
            f"REVOKE ALL ON {table} FROM {role_name}",
            f"GRANT {AUDIT_PRIVILEGES} ON {table} TO {role_name}",
        ]
    return statements


def grant_app_role(connection, role: str) -> bool:
    """Apply ``grant_statements`` on a PostgreSQL connection; False (nothing done) elsewhere.

    Refuses to run when the connection's own user is the app role: the owner would revoke its own
    rights on the audit log, and the application would be running as the owner after all.
    """
    if not role or connection.vendor != "postgresql":
        return False
    # One transaction: no moment in which the app role holds more than SELECT and INSERT on the log.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        user, schema = cursor.fetchone()
        if user == role:
            raise ImproperlyConfigured(
                f"FORLOB_DB_APP_ROLE is {role!r}, the role running migrate: run migrate as the owner role "
                "and the application as the app role (docs/operations.md)."
            )
        # A migrate that stops before the audit app's tables exist grants what there is.
        existing = []
        for name in APPEND_ONLY_TABLES:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            if cursor.fetchone()[0]:
                existing.append(name)
        for statement in grant_statements(role, schema, connection.ops.quote_name, append_only=tuple(existing)):
            cursor.execute(statement)
    return True
