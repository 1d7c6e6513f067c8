"""Reads of citizens: scoped to the user's centres, and every read of a record is audited."""

import re
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from audit.models import AuditEvent
from audit.services import audit_record
from organisations.access import centre_ids_with_role
from organisations.models import CASE_READ_ROLES

from . import crypto
from .models import Citizen
from .rules import InvalidCPR, normalise_cpr


def citizens_for(user) -> QuerySet[Citizen]:
    """Citizens of the centres where the user holds a case role (not merely any role)."""
    return Citizen.objects.select_related("centre").filter(centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES))


def citizen_for_user(user, pk: int, *, audit: bool = True, allow_emergency: bool = False) -> Citizen:
    """The citizen, if one of the user's centres holds them (else 404); the read is logged.

    With ``allow_emergency`` (read-only pages), an active break-the-glass access also opens the
    record; the citizen then carries ``via_emergency`` and the read is flagged in the log.
    """
    if not str(pk).isdigit() or int(pk) > 2**63 - 1:
        raise Http404
    citizen = citizens_for(user).filter(pk=pk).first()
    emergency = None
    if citizen is None and allow_emergency:
        from emergency.services import active_access

        emergency = active_access(user, int(pk))
        citizen = Citizen.objects.select_related("centre").get(pk=pk) if emergency else None
    if citizen is None:
        raise Http404
    citizen.via_emergency = emergency
    if audit:
        audit_record(
            actor=user,
            action=AuditEvent.Action.VIEW,
            obj=citizen,
            citizen_id=citizen.pk,
            centre_id=citizen.centre_id,
            changes={"break_the_glass": True} if emergency else None,
        )
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
    # Any run of six or more digits (a CPR number, also mistyped or with a name) is logged as "CPR".
    logged = "CPR" if cpr else re.sub(r"\d[\d\s-]{4,}\d", "CPR", query)[:100]
    audit_record(actor=user, action=AuditEvent.Action.SEARCH, changes={"query": logged})
    return found
