# The citizen's timeline reads this model by (course or decision, date): one short range scan per source.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("treatment", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="residentialstay",
            index=models.Index(fields=["course", "starts_on", "id"], name="stay_course_starts_idx"),
        ),
    ]
