"""Anonymous treatment (SEL §101a): providers become the contracted centres, with whether each lies
outside the municipality (SEL §101a(2) asks for at least two, one outside); the standard's own
criteria and a phone number for anonymous contact (SEL §101a(3)) are new settings.

The seed standards named their providers as text: Fredericia "Odense, Esbjerg og Kolding" (seed
002 line 250; centres "Anonym ambulant stofbehandling, <town>"), Mariagerfjord "Rusmiddelafsnittet
i Aalborg" (seed 003 lines 205-206). Each of those towns lies outside the municipality that named
it, so those centres are marked ``outside_municipality``. Fredericia's criteria are its published
list (seed 002 lines 241-248); the other standards add none to the law's (SEL §101a(1)).
"""

from django.db import migrations, models

from ._seed_data import SEED_STANDARDS

# The providers each seed standard named as text, for a reload after the text field is gone
# (the browser tests reload the seed with today's models: tests/e2e/conftest.py).
SEED_PROVIDER_NAMES = {e["municipality"]["code"]: e["standard"]["anonymous_providers"] for e in SEED_STANDARDS}
FREDERICIA = "607"

FREDERICIA_CRITERIA = [
    "Er i uddannelse eller beskæftigelse",
    "Er over 18 år",
    "Har et reelt ønske om at reducere eller stoppe dit forbrug af rusmidler",
    "Har afklarede boligforhold",
    "Har brug for anonymitet",
]
FREDERICIA_CRITERIA_SOURCE = (
    "seed 002 lines 241-248: «Anonym ambulant stofbehandling Tilbydes borgere som: ∙ Er i uddannelse eller "
    "beskæftigelse ∙ Er over 18 år ∙ Har et reelt ønske om at reducere eller stoppe dit forbrug af rusmidler "
    "∙ Har afklarede boligforhold ∙ Har brug for anonymitet»"
)


def _matches(centre_name: str, named: str) -> bool:
    return centre_name == named or centre_name.endswith(f", {named}")


def forwards(apps, schema_editor):
    QualityStandard = apps.get_model("standards", "QualityStandard")
    Centre = apps.get_model("organisations", "Centre")
    for standard in QualityStandard.objects.select_related("municipality"):
        code = standard.municipality.code
        named = list(getattr(standard, "anonymous_providers", None) or SEED_PROVIDER_NAMES.get(code, []))
        centres = [
            c
            for c in Centre.objects.filter(municipality_id=standard.municipality_id)
            if any(_matches(c.name, n) for n in named)
        ]
        for centre in centres:
            centre.outside_municipality = True
            centre.save(update_fields=["outside_municipality"])
        standard.anonymous_provider_centres.set(centres)
        citations = dict(standard.citations or {})
        if "anonymous_providers" in citations:
            citations["anonymous_provider_centres"] = citations.pop("anonymous_providers")
        if code == FREDERICIA:
            standard.anonymous_criteria = FREDERICIA_CRITERIA
            citations["anonymous_criteria"] = FREDERICIA_CRITERIA_SOURCE
        standard.citations = citations
        standard.law_defaults = [
            "anonymous_provider_centres" if name == "anonymous_providers" else name
            for name in standard.law_defaults or []
        ]
        standard.save(update_fields=["citations", "law_defaults", "anonymous_criteria"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_centre_outside_municipality"),
        ("standards", "0005_seed_under_18_consents_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="qualitystandard",
            name="anonymous_contact_phone",
            field=models.CharField(
                blank=True,
                help_text="A person can also ask for the clarifying conversation by phone (SEL §101a(3)).",
                max_length=20,
                verbose_name="phone for anonymous contact",
            ),
        ),
        migrations.AddField(
            model_name="qualitystandard",
            name="anonymous_criteria",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The standard's own criteria, one per line, as published (beyond SEL §101a(1)).",
                verbose_name="who anonymous treatment is for",
            ),
        ),
        migrations.AddField(
            model_name="qualitystandard",
            name="anonymous_provider_centres",
            field=models.ManyToManyField(
                blank=True,
                help_text="The providers the municipality has contracted; at least two, one outside the municipality (SEL §101a(2)).",
                related_name="+",
                to="organisations.centre",
                verbose_name="anonymous-treatment providers",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="qualitystandard", name="anonymous_providers"),
    ]
