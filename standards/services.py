"""Changing a quality standard that requests already use: a new version, never an edit in place."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record

from .models import QualityStandard
from .selectors import new_version_earliest_start, newer_versions


@transaction.atomic
def standard_new_version(*, standard: QualityStandard, valid_from: date, by) -> QualityStandard:
    """Copy every setting, offer and anonymous-treatment provider of ``standard`` into a new version
    valid from ``valid_from``.

    The current version ends the day before, so the requests that point to it keep their
    deadlines and requests from ``valid_from`` get the new version (``selectors.new_version_earliest_start``).
    """
    current = QualityStandard.objects.select_for_update().get(pk=standard.pk)
    if newer_versions(current).exists():
        raise ValidationError(
            {"valid_from": _("A newer version of this standard already exists. Make the new version from that one.")}
        )
    earliest = new_version_earliest_start(current)
    if valid_from < earliest:
        raise ValidationError(
            {
                "valid_from": _(
                    "The new version can start on %(date)s at the earliest: a standard changes for the future, "
                    "and requests already registered keep the version they were given."
                )
                % {"date": earliest.strftime("%d.%m.%Y")}
            }
        )
    offers = list(current.offers.all())
    providers = list(current.anonymous_provider_centres.all())
    ended = {"valid_to": [str(current.valid_to) if current.valid_to else None, str(valid_from - timedelta(days=1))]}
    current.valid_to = valid_from - timedelta(days=1)
    current.save(update_fields=["valid_to"])

    new = QualityStandard.objects.get(pk=current.pk)
    new.pk = None
    new._state.adding = True
    new.valid_from, new.valid_to = valid_from, None
    new.save()
    for offer in offers:
        offer.pk = None
        offer._state.adding = True
        offer.standard = new
        offer.save()
    new.anonymous_provider_centres.set(providers)
    audit_record(actor=by, action=AuditEvent.Action.UPDATE, obj=current, changes=ended)
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=new,
        changes={"copied_from": [None, current.pk], "valid_from": [None, str(valid_from)]},
    )
    return new
