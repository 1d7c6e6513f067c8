"""Reads of citizens: scoped to the user's centres; the read of a record is audited here (``citizen_for_user``)."""

from datetime import date, datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from organisations.access import centre_ids_with_role
from organisations.models import CASE_READ_ROLES, FULL_CPR_ROLES

from . import crypto
from .models import Citizen
from .rules import CPR_SEARCH_DAY, CPR_SEARCH_WINDOW, InvalidCPR, cpr_searches_allowed, name_words, normalise_cpr


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


def citizens_matching(user, query: str, *, today: date) -> QuerySet[Citizen]:
    """Citizens of the user's centres that ``query`` finds.

    Only a full, valid CPR number matches a CPR number (through the blind index, never in clear);
    anything else is a name search, every word in the first or last name, and a word with a digit
    matches nothing (so partial digits never narrow down a CPR number). Reads only: the caller
    (``services.citizen_search``) limits and logs the search.
    """
    query = " ".join(query.split())
    try:
        cpr = normalise_cpr(query, today=today)
    except InvalidCPR:
        cpr = None
    citizens = citizens_for(user)
    if cpr:
        return citizens.filter(cpr_index=crypto.cpr_index(cpr))
    words = name_words(query)
    if not words:
        return citizens.none()
    condition = Q()
    for word in words:
        condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return citizens.filter(condition)


def citizen_rows(citizens: QuerySet[Citizen], *, limit: int) -> list[Citizen]:
    """The first ``limit`` citizens for a list, each with the state of their open course (if any)."""
    open_course = Course.objects.filter(citizen=OuterRef("pk")).exclude(state=CourseState.CLOSED)
    rows = list(citizens.annotate(open_state=Subquery(open_course.values("state")[:1]))[:limit])
    states = dict(CourseState.choices)
    for citizen in rows:
        citizen.open_state_label = states.get(citizen.open_state, "")
    return rows


def cpr_searches_by(user, *, now: datetime) -> tuple[int, int]:
    """The user's answered CPR searches in the last ``CPR_SEARCH_WINDOW`` and ``CPR_SEARCH_DAY``.

    Counted from the audit log (every search is logged there): one query over the last day's
    events, on the indexed ``occurred_at``.
    """
    counts = AuditEvent.objects.filter(
        actor_id=user.pk,
        action=AuditEvent.Action.SEARCH,
        outcome=AuditEvent.Outcome.SUCCESS,
        occurred_at__gte=now - CPR_SEARCH_DAY,
        changes__cpr_search=True,
    ).aggregate(day=Count("pk"), recent=Count("pk", filter=Q(occurred_at__gte=now - CPR_SEARCH_WINDOW)))
    return counts["recent"], counts["day"]


def cpr_lookup_allowed(user, *, full_cpr_role: bool) -> bool:
    """May the user look up one more CPR number now (``rules.cpr_searches_allowed``)? Searches and
    break-the-glass attempts count alike: both would otherwise tell whether a number is a citizen's."""
    recent, last_day = cpr_searches_by(user, now=timezone.now())
    return cpr_searches_allowed(recent, last_day=last_day, full_cpr_role=full_cpr_role)


def sees_full_cpr_everywhere(user) -> bool:
    """Does the user hold a role that sees the full CPR number at every centre they can search?"""
    searchable = centre_ids_with_role(user, CASE_READ_ROLES)
    return bool(searchable) and searchable <= centre_ids_with_role(user, FULL_CPR_ROLES)
