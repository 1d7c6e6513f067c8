# The citizen list by name (centre, last_name, first_name, id), and on PostgreSQL a trigram index
# for the name search (``search_name LIKE '%word%'``, citizens.selectors.citizens_matching).
#
# The trigram index needs the pg_trgm extension. It is a "trusted" extension (PostgreSQL 13+), so
# a role that may create objects in the database may create it; where it cannot (an older server,
# a role without CREATE, the contrib package missing), the migration says so and goes on without
# the index: the search then still works, by a scan of the centre's citizens. A DBA can later run
# ``CREATE EXTENSION pg_trgm`` and migrate citizens back to 0003 and forward again.
# SQLite gets only the b-tree index; its name search is the plain scan.

import sys

from django.db import DatabaseError, migrations, models, transaction

TRIGRAM_INDEX = "citizen_search_name_trgm"


def create_trigram_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint: a refusal must not end the migration
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as refused:
        sys.stderr.write(
            f"\n  citizens 0004: pg_trgm could not be created ({refused}); the name search has no trigram index.\n"
        )
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON citizens_citizen USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The extension stays: other objects may use it, and dropping it needs more rights.
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0003_corrections_history"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="citizen",
            index=models.Index(fields=["centre", "last_name", "first_name", "id"], name="citizen_centre_name_idx"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
