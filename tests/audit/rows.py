"""Audit rows as the database held them before the hash chain began (migration audit 0003)."""

from django.db import connection


def insert_unhashed_events(count: int) -> None:
    """``count`` events without a hash (inserting is allowed, also on PostgreSQL)."""
    with connection.cursor() as cursor:
        for _ in range(count):
            cursor.execute(
                "INSERT INTO audit_auditevent (occurred_at, actor_username, role, action, outcome, object_type,"
                " object_id, object_label, changes, request_id, prev_hash, hash)"
                " VALUES (%s, 'old', '', 'view', '', '', '', '', '{}', '', '', '')",
                ["2026-01-01 10:00:00+00:00"],
            )
