# The citizen's timeline reads this model by (course or decision, date): one short range scan per source.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="planversion",
            index=models.Index(fields=["course", "made_on", "id"], name="planversion_course_made_idx"),
        ),
    ]
