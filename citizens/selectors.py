"""Reads of citizens: scoped to the user's centres, and every read of a record is audited."""

from datetime import date

from django.db.models import Q, QuerySet

from audit.models import AuditEvent
from audit.services import audit_record
from organisations.access import get_or_404, scope_to_centres

from . import crypto
from .models import Citizen
from .rules import InvalidCPR, normalise_cpr


def citizens_for(user) -> QuerySet[Citizen]:
    return scope_to_centres(Citizen.objects.select_related("centre"), user)


def citizen_for_user(user, pk: int, *, audit: bool = True) -> Citizen:
    """The citizen, if one of the user's centres holds them (else 404); the read is logged."""
    citizen = get_or_404(citizens_for(user), pk=pk)
    if audit:
        audit_record(actor=user, action=AuditEvent.Action.VIEW, obj=citizen, citizen_id=citizen.pk)
    return citizen


def citizen_search(user, query: str, *, today: date) -> QuerySet[Citizen]:
    """By CPR number (through the blind index, never in clear) or by name, in the user's centres.

    The search is logged with its terms, a CPR number only as "CPR" (never in clear).
    """
    query = " ".join(query.split())
    try:
        cpr = normalise_cpr(query, today=today)
    except InvalidCPR:
        cpr = None
    citizens = citizens_for(user)
    if cpr:
        found = citizens.filter(cpr_index=crypto.cpr_index(cpr))
    else:
        condition = Q()
        for word in query.split():
            condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        found = citizens.filter(condition) if query else citizens.none()
    audit_record(actor=user, action=AuditEvent.Action.SEARCH, changes={"query": "CPR" if cpr else query[:100]})
    return found
