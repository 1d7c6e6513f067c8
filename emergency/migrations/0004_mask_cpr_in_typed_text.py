"""Mask CPR-like runs in reasons and review notes stored before they were masked on entry.

The pattern is copied from ``citizens.rules.CPR_LIKE`` as it was when this migration was written,
so that the migration keeps doing the same thing if the rule changes later.
"""

import re

from django.db import migrations

CPR_LIKE = re.compile(r"(?<!\d)\d{6}[ \t\-./]?\d{4}(?!\d)")
CPR_MASK = "XXXXXX-XXXX"


def mask_typed_text(apps, schema_editor):
    EmergencyAccess = apps.get_model("emergency", "EmergencyAccess")
    for access in EmergencyAccess.objects.only("pk", "reason", "review_note").iterator():
        reason, note = CPR_LIKE.sub(CPR_MASK, access.reason), CPR_LIKE.sub(CPR_MASK, access.review_note)
        if (reason, note) != (access.reason, access.review_note):
            EmergencyAccess.objects.filter(pk=access.pk).update(reason=reason, review_note=note)


class Migration(migrations.Migration):
    dependencies = [("emergency", "0003_renewal_approval")]

    operations = [migrations.RunPython(mask_typed_text, migrations.RunPython.noop)]
