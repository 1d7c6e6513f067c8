# The citizen's timeline reads this model by (course or decision, date): one short range scan per source.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_task_reason_source")]

    operations = [
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["course", "created_on", "id"], name="task_course_created_idx"),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["course", "done_on", "id"], name="task_course_done_idx"),
        ),
    ]
