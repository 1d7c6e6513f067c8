# Corrections with history (related people ended, earlier versions of people and consents) and the
# case-folded name the search compares.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def fill_search_name(apps, schema_editor):
    Citizen = apps.get_model("citizens", "Citizen")
    for citizen in Citizen.objects.only("pk", "first_name", "last_name").iterator():
        name = " ".join(f"{citizen.first_name} {citizen.last_name}".split()).casefold()
        Citizen.objects.filter(pk=citizen.pk).update(search_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0002_protection_and_death"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="relatedperson",
            name="ended_on",
            field=models.DateField(
                blank=True,
                help_text="E.g. the child moved away, or the power of attorney ended. The person stays on record.",
                null=True,
                verbose_name="no longer relevant from",
            ),
        ),
        migrations.AddField(
            model_name="citizen",
            name="search_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=201),
        ),
        migrations.RunPython(fill_search_name, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ConsentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("values", models.JSONField(default=dict)),
                ("changed", models.JSONField(default=list)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "changed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "consent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="versions", to="citizens.consent"
                    ),
                ),
            ],
            options={
                "verbose_name": "earlier version of a consent",
                "verbose_name_plural": "earlier versions of consents",
                "ordering": ["changed_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="RelatedPersonVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("values", models.JSONField(default=dict)),
                ("changed", models.JSONField(default=list)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "changed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="citizens.relatedperson",
                    ),
                ),
            ],
            options={
                "verbose_name": "earlier version of a related person",
                "verbose_name_plural": "earlier versions of related people",
                "ordering": ["changed_at", "id"],
            },
        ),
    ]
