"""Workflow steps for citizens: register (or find the twin), change details, people, consents; lists and searches."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record, changed_fields
from organisations.models import Centre

from . import crypto
from .models import Citizen, Consent, RelatedPerson
from .rules import is_cpr_search, search_log_text
from .selectors import citizen_rows, citizens_for, citizens_matching, cpr_lookup_allowed, sees_full_cpr_everywhere

DETAIL_FIELDS = [
    "first_name",
    "last_name",
    "address",
    "postcode",
    "city",
    "phone",
    "email",
    "contact_channel",
    "expecting_child_on",
]


def existing_citizen(*, centre: Centre, cpr: str) -> Citizen | None:
    return Citizen.objects.filter(centre=centre, cpr_index=crypto.cpr_index(cpr)).first()


@transaction.atomic
def citizen_register(*, centre: Centre, by, cpr: str, **details) -> tuple[Citizen, bool]:
    """Register a citizen at ``centre``; a CPR number already known there returns that citizen.

    Returns ``(citizen, created)``. ``cpr`` must already be normalised (citizens.rules).
    """
    twin = existing_citizen(centre=centre, cpr=cpr)
    if twin:
        return twin, False
    citizen = Citizen(centre=centre, **{k: v for k, v in details.items() if k in DETAIL_FIELDS})
    citizen.set_cpr(cpr)
    citizen.full_clean()
    citizen.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=citizen,
        citizen_id=citizen.pk,
        changes={name: ["", str(getattr(citizen, name))] for name in DETAIL_FIELDS if getattr(citizen, name)},
    )
    return citizen, True


@transaction.atomic
def citizen_update(*, citizen: Citizen, by, **details) -> Citizen:
    before = model_to_dict(citizen, fields=DETAIL_FIELDS)
    for name, value in details.items():
        if name in DETAIL_FIELDS:
            setattr(citizen, name, value)
    citizen.full_clean()
    citizen.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=citizen,
        citizen_id=citizen.pk,
        changes=changed_fields(before, model_to_dict(citizen, fields=DETAIL_FIELDS)),
    )
    return citizen


@transaction.atomic
def related_person_add(*, citizen: Citizen, by, **fields) -> RelatedPerson:
    person = RelatedPerson(citizen=citizen, **fields)
    person.full_clean()
    person.save()
    audit_record(
        actor=by, action=AuditEvent.Action.CREATE, obj=person, citizen_id=citizen.pk, centre_id=citizen.centre_id
    )
    return person


@transaction.atomic
def consent_give(
    *, citizen: Citizen, by, recipient: str, scope: str, given_on: date, valid_until: date | None = None
) -> Consent:
    """Record a consent to share information (G2.5 "samtykke"; Odsherred: nothing without it)."""
    if valid_until and valid_until < given_on:
        raise ValidationError({"valid_until": _("A consent cannot end before it is given.")})
    consent = Consent.objects.create(
        citizen=citizen, recipient=recipient, scope=scope, given_on=given_on, valid_until=valid_until, recorded_by=by
    )
    audit_record(
        actor=by, action=AuditEvent.Action.CREATE, obj=consent, citizen_id=citizen.pk, centre_id=citizen.centre_id
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by, withdrawn_on: date) -> Consent:
    if consent.withdrawn_on:
        raise ValidationError(_("The consent is already withdrawn."))
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=consent,
        citizen_id=consent.citizen_id,
        centre_id=consent.citizen.centre_id,
        changes={"withdrawn_on": [None, str(withdrawn_on)]},
    )
    return consent


# Lists and searches -----------------------------------------------------------------------------


@dataclass
class SearchResult:
    """What a search shows: the citizens found, or ``refused`` (over the limit, nothing searched)."""

    citizens: list[Citizen] = field(default_factory=list)
    refused: bool = False


def citizens_list(*, by, limit: int) -> list[Citizen]:
    """The user's most recently changed citizens; which were shown is logged (their ids)."""
    rows = citizen_rows(citizens_for(by).order_by("-updated_at"), limit=limit)
    if rows:
        audit_record(actor=by, action=AuditEvent.Action.VIEW, changes={"citizens": [c.pk for c in rows]})
    return rows


def citizen_search(*, by, query: str, limit: int) -> SearchResult:
    """Search the user's citizens by CPR number or name; every attempt is logged, a CPR number never.

    A query with digits is a CPR search and counts against the user's limit (``cpr_searches_allowed``):
    over it, nothing is searched and the refusal is logged (outcome "denied"). The log keeps the
    query with every digit run as "CPR", whether it was a CPR search, and the ids of the citizens shown.
    """
    logged = {"query": search_log_text(query)}
    if is_cpr_search(query):
        logged["cpr_search"] = True
        if not cpr_lookup_allowed(by, full_cpr_role=sees_full_cpr_everywhere(by)):
            audit_record(
                actor=by,
                action=AuditEvent.Action.SEARCH,
                outcome=AuditEvent.Outcome.DENIED,
                changes={**logged, "refused": "cpr_search_limit"},
            )
            return SearchResult(refused=True)
    found = citizens_matching(by, query, today=timezone.localdate())
    rows = citizen_rows(found.order_by("last_name", "first_name", "pk"), limit=limit)
    audit_record(actor=by, action=AuditEvent.Action.SEARCH, changes={**logged, "citizens": [c.pk for c in rows]})
    return SearchResult(citizens=rows)
