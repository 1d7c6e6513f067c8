# The citizen's timeline reads this model by (course or decision, date): one short range scan per source.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_oral_complaint_help_text")]

    operations = [
        migrations.AddIndex(
            model_name="letterdispatch",
            index=models.Index(fields=["decision", "sent_on", "id"], name="letter_decision_sent_idx"),
        ),
    ]
