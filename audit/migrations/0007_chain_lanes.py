"""Lanes of the hash chain (audit.chain): concurrent writers append to different lanes instead of
queueing behind one lock. Every event written so far is lane 0, which stays the chain it was.

The column keeps its database default (0), so that rows inserted by plain SQL are lane 0 too.
Adding a column with a constant default rewrites nothing on PostgreSQL (and fires no UPDATE
trigger); the index lets each insert find its lane's last event.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_listed_citizens")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="lane",
            field=models.PositiveSmallIntegerField(default=0, db_default=0, verbose_name="chain lane"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["lane", "-id"], name="audit_lane_idx"),
        ),
    ]
