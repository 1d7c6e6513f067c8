"""Role, outcome and the hash chain on audit events (ARCHITECTURE.md §Audit).

No existing row is changed. The chain starts at the first event written after this migration:
rows already in the table keep an empty ``prev_hash`` and ``hash`` and are reported by
``verify_audit_chain`` as "before the chain" (they must all come before the first hashed row;
an unhashed row after it is a break). The alternative, hashing the old rows here, would mean
dropping the append-only trigger (0002) for the backfill: possible inside this one transaction, but
a log that even a migration has rewritten is a weaker log, and the old rows would get no role
anyway (it was not recorded at the time).

- ``role`` is "" on old rows: not recorded then.
- ``outcome`` is "" on old rows (added with that default, then the default becomes "success" for
  new rows). Before this migration the outcome followed from the action alone, and
  ``AuditEvent.implied_outcome()`` gives it back for display.
- Adding columns with a constant default is a catalogue change on PostgreSQL: no row is rewritten
  and the UPDATE trigger does not fire.
- ``occurred_at`` is set by ``AuditEvent.save()`` before hashing (no longer ``auto_now_add``);
  that changes nothing in the database.
- The index on ``citizen_id`` becomes (citizen_id, occurred_at DESC), for "who looked at this
  citizen"; the new index is built before the old one is dropped.
"""

import django.utils.timezone
from django.db import migrations, models

OUTCOMES = [("success", "Succeeded"), ("denied", "Refused"), ("failed", "Failed")]


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="role",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="role"),
        ),
        # Existing rows: "" (not recorded); new rows: "success" unless told otherwise (next step).
        migrations.AddField(
            model_name="auditevent",
            name="outcome",
            field=models.CharField(blank=True, choices=OUTCOMES, default="", max_length=10, verbose_name="outcome"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="outcome",
            field=models.CharField(
                blank=True, choices=OUTCOMES, default="success", max_length=10, verbose_name="outcome"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="previous hash"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="hash"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="time"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["citizen_id", "-occurred_at"], name="audit_citizen_time_idx"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="citizen_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="citizen (internal id)"),
        ),
    ]
