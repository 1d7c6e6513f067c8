"""The four seed municipalities, their centres and their quality standards, as data.

Every value, with the line of the seed document it comes from, is in ``_seed_data.py`` beside
this file (``citations`` / ``law_defaults`` per standard; the module docstring lists where the
seeds disagree with DOMAIN.md). Idempotent: rows that exist are left as they are.
"""

from django.db import migrations

from ._seed_data import SEED_STANDARDS

STANDARD_FIELDS = [
    "source_document",
    "valid_from",
    "valid_to",
    "approved_on",
    "next_revision_by",
    "laws_covered",
    "minimum_age",
    "guarantee_days",
    "guarantee_start_event",
    "guarantee_under_18",
    "local_guarantee_waivers",
    "assessment_deadline_days",
    "assessment_at_treatment_start",
    "plan_first_review_months",
    "plan_review_interval_months",
    "plan_review_at_period_end",
    "follow_up_months",
    "complaint_deadline_weeks",
    "complaint_reassessment_weeks",
    "residential_min_months",
    "residential_max_months",
    "residential_processing_weeks",
    "anonymous_service",
    "anonymous_sessions",
    "anonymous_closing_talk",
    "anonymous_intake_rhythm",
    "anonymous_providers",
    "outcome_targets",
    "readmission_target",
    "instruments",
    "child_notification_policy",
    "child_talks_from_age",
    "family_programme",
    "complaint_routes",
    "other_practices",
    "citations",
    "law_defaults",
]


def load(apps, schema_editor):
    Municipality = apps.get_model("organisations", "Municipality")
    Centre = apps.get_model("organisations", "Centre")
    QualityStandard = apps.get_model("standards", "QualityStandard")
    StandardOffer = apps.get_model("standards", "StandardOffer")
    known = {field.name for field in QualityStandard._meta.get_fields()}
    for entry in SEED_STANDARDS:
        municipality, _ = Municipality.objects.get_or_create(
            code=entry["municipality"]["code"], defaults={"name": entry["municipality"]["name"]}
        )
        for centre in entry["centres"]:
            Centre.objects.get_or_create(
                municipality=municipality,
                name=centre["name"],
                defaults={
                    "kind": centre["kind"],
                    "laws": centre["laws"],
                    "offer_kinds": centre["offer_kinds"],
                    "address": centre["address"],
                },
            )
        data = entry["standard"]
        standard, created = QualityStandard.objects.get_or_create(
            municipality=municipality,
            title=data["title"],
            # Only the fields the model still has: the browser tests reload the seed with today's
            # models (tests/e2e/conftest.py), where later migrations have replaced some.
            defaults={field: data[field] for field in STANDARD_FIELDS if field in known},
        )
        if created:
            StandardOffer.objects.bulk_create(StandardOffer(standard=standard, **offer) for offer in data["offers"])


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial"), ("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
