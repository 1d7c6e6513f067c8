"""Seed values of ``under_18_consents_required`` (migration 0004 added the setting, default False).

True only where the seed says so: Mariagerfjord (seed 003 lines 186-187). Randers, Fredericia
and Odsherred are silent, so the setting there follows the law's value and is listed in
``law_defaults`` (the convention of ``_seed_data.py``).
"""

from django.db import migrations

FIELD = "under_18_consents_required"
MARIAGERFJORD = {"municipality__code": "846", "source_document": "seeds/003_789dd0a1259af883.txt"}
CITATION = (
    "seed 003 lines 186-187: «Udredning og behandling af unge under 18 år kræver accept fra såvel "
    "forældremyndighed som den unge»"
)
SILENT_SEEDS = [
    "seeds/000_f02513a0747cd043.txt",
    "seeds/002_0c8edf3c6b07a7d9.txt",
    "seeds/004_82e4a84d06bb5d41.txt",
]


def seed(apps, schema_editor):
    QualityStandard = apps.get_model("standards", "QualityStandard")
    for standard in QualityStandard.objects.filter(**MARIAGERFJORD):
        standard.under_18_consents_required = True
        standard.citations = {**standard.citations, FIELD: CITATION}
        standard.save(update_fields=[FIELD, "citations"])
    for standard in QualityStandard.objects.filter(source_document__in=SILENT_SEEDS):
        if FIELD not in standard.law_defaults:
            standard.law_defaults = [*standard.law_defaults, FIELD]
            standard.save(update_fields=["law_defaults"])


def unseed(apps, schema_editor):
    QualityStandard = apps.get_model("standards", "QualityStandard")
    for standard in QualityStandard.objects.filter(
        source_document__in=[MARIAGERFJORD["source_document"], *SILENT_SEEDS]
    ):
        standard.under_18_consents_required = False
        standard.citations = {name: text for name, text in standard.citations.items() if name != FIELD}
        standard.law_defaults = [name for name in standard.law_defaults if name != FIELD]
        standard.save(update_fields=[FIELD, "citations", "law_defaults"])


class Migration(migrations.Migration):
    dependencies = [("standards", "0004_under_18_consents_required")]
    operations = [migrations.RunPython(seed, unseed)]
