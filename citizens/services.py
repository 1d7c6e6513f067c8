"""Workflow steps for citizens: register (or find the twin), change details, people, consents; lists and searches."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record, changed_fields
from forlob.paging import KeysetPage
from organisations.models import Centre

from . import crypto
from .models import Citizen, Consent, ConsentVersion, RelatedPerson, RelatedPersonVersion
from .rules import death_date_problem, is_cpr_search, search_log_text
from .selectors import citizen_page, citizens_for, citizens_matching, cpr_lookup_allowed, sees_full_cpr_everywhere

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
    "address_protected",
    "died_on",
]
# Free text about the person: the audit log keeps that they changed, never the values.
FREE_TEXT_FIELDS = {"first_name", "last_name", "address", "postcode", "city", "phone", "email"}
PERSON_FIELDS = ["kind", "name", "relation", "birth_year", "phone", "note", "ended_on"]
CONSENT_FIELDS = ["recipient", "scope", "valid_until", "withdrawn_on"]


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
    _check_death(citizen)
    citizen.full_clean()
    citizen.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=citizen,
        citizen_id=citizen.pk,
        changes=_logged_changes({}, model_to_dict(citizen, fields=DETAIL_FIELDS)),
    )
    return citizen, True


@transaction.atomic
def citizen_update(*, citizen: Citizen, by, **details) -> Citizen:
    """Change the citizen's details; only the fields given change (a role that may not see a
    protected address is not given those fields, so it cannot overwrite them)."""
    # As stored: a ModelForm has already put the new values on the instance it validated.
    before = model_to_dict(Citizen.objects.select_for_update().get(pk=citizen.pk), fields=DETAIL_FIELDS)
    for name, value in details.items():
        if name in DETAIL_FIELDS:
            setattr(citizen, name, value)
    _check_death(citizen)
    citizen.full_clean()
    citizen.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=citizen,
        citizen_id=citizen.pk,
        changes=_logged_changes(before, model_to_dict(citizen, fields=DETAIL_FIELDS)),
    )
    return citizen


def _check_death(citizen: Citizen) -> None:
    problem = death_date_problem(citizen.died_on, birth_date=citizen.birth_date, today=timezone.localdate())
    if problem == "future":
        raise ValidationError({"died_on": _("The date of death cannot be in the future.")})
    if problem == "before_birth":
        raise ValidationError({"died_on": _("The date of death cannot be before the citizen was born.")})


def _logged_changes(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for the changed fields; for free text about the person (names,
    address, phone, e-mail) only that it changed: a protected address must not reach the log."""
    changes = changed_fields(before, after)
    return {name: (["…", "…"] if name in FREE_TEXT_FIELDS else values) for name, values in changes.items()}


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
    return consent_update(consent=consent, by=by, withdrawn_on=withdrawn_on)


# Corrections with history -------------------------------------------------------------------------
# A related person or a consent is never changed without keeping what it was: the values before the
# change go to a version row (who, when, which fields), readable on the citizen's page ("Historik").
# The audit log names the fields that changed (and dates), never the free text.


def _values(obj, fields: list[str]) -> dict:
    return {
        name: (str(value) if isinstance(value, date) else value)
        for name, value in model_to_dict(obj, fields=fields).items()
    }


def _logged_fields(before: dict, after: dict) -> dict:
    """For the audit log: the changed fields, with old and new values only for dates."""
    changed = changed_fields(before, after)
    return {
        "fields": sorted(changed),
        **{name: values for name, values in changed.items() if name in ("ended_on", "valid_until", "withdrawn_on")},
    }


@transaction.atomic
def related_person_update(*, person: RelatedPerson, by, **fields) -> RelatedPerson:
    """Correct a related person, or end them (``ended_on``: a child who moved away, a power of
    attorney that ended); the earlier values are kept (``RelatedPersonVersion``)."""
    person = RelatedPerson.objects.select_for_update().select_related("citizen").get(pk=person.pk)
    before = _values(person, PERSON_FIELDS)
    for name, value in fields.items():
        if name in PERSON_FIELDS:
            setattr(person, name, value)
    today = timezone.localdate()
    if person.ended_on and person.ended_on > today:
        raise ValidationError({"ended_on": _("The date cannot be in the future.")})
    _save_keeping_version(person, by=by, before=before, fields=PERSON_FIELDS, version=RelatedPersonVersion)
    return person


def _save_keeping_version(row, *, by, before: dict, fields: list[str], version: type) -> None:
    """Save a corrected ``row`` (a related person, a consent) if anything changed, keeping what it
    was before as an earlier ``version``, and log the change (the fields, not free text)."""
    after = _values(row, fields)
    changed = sorted(name for name in fields if before[name] != after[name])
    if not changed:
        return
    row.full_clean()
    version.objects.create(**{version.ROW: row}, values=before, changed=changed, changed_by=by)
    row.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=row,
        citizen_id=row.citizen_id,
        centre_id=row.citizen.centre_id,
        changes=_logged_fields(before, after),
    )


@transaction.atomic
def consent_update(*, consent: Consent, by, **fields) -> Consent:
    """Correct a consent (recipient, scope, valid until) or end it (``withdrawn_on``); the earlier
    values are kept (``ConsentVersion``). A withdrawn consent is not brought back: a new one is
    given and recorded (G2.5: sharing rests on a consent in force)."""
    consent = Consent.objects.select_for_update().select_related("citizen").get(pk=consent.pk)
    before = _values(consent, CONSENT_FIELDS)
    was_withdrawn = consent.withdrawn_on
    for name, value in fields.items():
        if name in CONSENT_FIELDS:
            setattr(consent, name, value)
    if was_withdrawn and not consent.withdrawn_on:
        raise ValidationError(
            {"withdrawn_on": _("A withdrawn consent cannot be brought back. Record a new consent instead.")}
        )
    if consent.valid_until and consent.valid_until < consent.given_on:
        raise ValidationError({"valid_until": _("A consent cannot end before it is given.")})
    if consent.withdrawn_on and consent.withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    if consent.withdrawn_on and consent.withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date cannot be in the future.")})
    _save_keeping_version(consent, by=by, before=before, fields=CONSENT_FIELDS, version=ConsentVersion)
    return consent


# Lists and searches -----------------------------------------------------------------------------


@dataclass
class SearchResult:
    """What a search shows: a page of the citizens found, or ``refused`` (over the limit, nothing searched)."""

    page: KeysetPage | None = None
    refused: bool = False

    @property
    def citizens(self) -> list[Citizen]:
        return self.page.rows if self.page else []


def citizens_list(*, by, size: int, params=None) -> KeysetPage:
    """A page of the user's citizens by name (keyset, ``params`` hold the cursor); which were shown
    is logged (their ids)."""
    page = citizen_page(citizens_for(by), params=params, size=size)
    if page:
        audit_record(actor=by, action=AuditEvent.Action.VIEW, changes={"citizens": [c.pk for c in page]})
    return page


def citizen_search(*, by, query: str, size: int, params=None) -> SearchResult:
    """Search the user's citizens by CPR number or name; every attempt is logged, a CPR number never.

    A query with digits is a CPR search and counts against the user's limit (``cpr_searches_allowed``):
    over it, nothing is searched and the refusal is logged (outcome "denied"). The log keeps the
    query with every digit run as "CPR", whether it was a CPR search, and the ids of the citizens shown.
    The results come a page at a time, by name (``params`` hold the cursor: a later page is the
    same search again, checked, limited and logged like the first).
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
    page = citizen_page(found, params=params, size=size)
    audit_record(actor=by, action=AuditEvent.Action.SEARCH, changes={**logged, "citizens": [c.pk for c in page]})
    return SearchResult(page=page)
