"""Tasks created before 0004 carry their source at the end of the reason ("… (G2.3.12)"). Move it to
``Task.source`` so that pages show the reason as text and the source in Danish legal notation; the
child-welfare notification's source becomes barnets lov §133 (formerly SEL §153)."""

import re

from django.db import migrations

TRAILING_SOURCE = re.compile(r"^(?P<reason>.*?)\s*\((?P<source>(?:G\d|SEL|SUL|Barnets lov)[^()]*)\)\s*$", re.S)
OLD_CITATION = re.compile(r"\s*\(SEL §153\)")


def split_sources(apps, schema_editor):
    Task = apps.get_model("assessments", "Task")
    for task in Task.objects.filter(source="").exclude(reason=""):
        match = TRAILING_SOURCE.match(task.reason)
        if not match:
            continue
        source = match["source"].strip()
        if task.kind == "child_notification":
            source = source.replace("SEL §153", "Barnets lov §133, formerly SEL §153")
        task.reason = OLD_CITATION.sub("", match["reason"])
        task.source = source
        task.save(update_fields=["reason", "source"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_addendum_task_source")]

    operations = [migrations.RunPython(split_sources, migrations.RunPython.noop)]
