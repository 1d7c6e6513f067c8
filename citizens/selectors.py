"""Reads of citizens: scoped to the user's centres; the read of a record is audited here (``citizen_for_user``)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from forlob.paging import KeysetPage, keyset_page
from organisations.access import centre_ids_with_role
from organisations.models import CASE_READ_ROLES, FULL_CPR_ROLES

from . import crypto, rules
from .models import Citizen
from .rules import (
    CPR_SEARCH_DAY,
    CPR_SEARCH_WINDOW,
    InvalidCPR,
    birth_date_candidates,
    birth_date_query,
    cpr_searches_allowed,
    name_words,
    normalise_cpr,
)


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
    six digits (ddmmåå, separators allowed) match the birth date, in every century a CPR number
    could give (``rules.birth_date_candidates``); anything else is a name search, every word in the
    first or last name, and a word with a digit matches nothing (so partial digits never narrow down
    a CPR number). Names are compared case-folded (``Citizen.search_name``), so "PRØVESEN" finds
    Prøvesen. Reads only: the caller
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
    birth = birth_date_query(query)
    if birth:
        return citizens.filter(birth_date__in=birth_date_candidates(*birth, today=today))
    words = name_words(query)
    if not words:
        return citizens.none()
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word.casefold())
    return citizens.filter(condition)


# The order of the citizen list and of search results: by name, as the index
# ``citizen_centre_name_idx`` (centre, last_name, first_name, id) holds them.
LIST_ORDER = ("last_name", "first_name", "id")


def with_open_state(citizens: QuerySet[Citizen]) -> QuerySet[Citizen]:
    """``citizens``, each with the state of their open course (if any): one subquery per row shown."""
    open_course = Course.objects.filter(citizen=OuterRef("pk")).exclude(state=CourseState.CLOSED)
    return citizens.annotate(open_state=Subquery(open_course.values("state")[:1]))


def citizen_page(citizens: QuerySet[Citizen], *, params=None, size: int) -> KeysetPage:
    """One page of ``citizens`` by name (``LIST_ORDER``, keyset: ``?efter=``/``?foer=`` hold a row id,
    never a name), with the total and each row's open course state. Three queries, however many."""
    page = keyset_page(with_open_state(citizens), order=LIST_ORDER, params=params, size=size)
    states = dict(CourseState.choices)
    for citizen in page:
        citizen.open_state_label = states.get(citizen.open_state, "")
    return page


def citizen_rows(citizens: QuerySet[Citizen], *, limit: int) -> list[Citizen]:
    """The first ``limit`` citizens in ``LIST_ORDER``, each with the state of their open course."""
    return citizen_page(citizens, size=limit).rows


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


# The citizen at a glance (the header on every citizen, course, assessment and decision page) -------


@dataclass
class Header:
    """What the header shows: no CPR number but the masked one, never the address."""

    citizen: Citizen
    age: int
    courses: list = field(default_factory=list)
    responsible: list = field(default_factory=list)
    next_deadline: object = None
    alerts: list = field(default_factory=list)


def citizen_header(citizen: Citizen, course: Course | None = None, *, today: date) -> Header:
    """The header's facts for ``citizen`` on the page of ``course`` (or of the citizen: their open
    courses). A fixed number of queries, however many courses the citizen has (at most six)."""
    from assessments.models import Assessment, TaskKind
    from assessments.models import Task as AssessmentTask
    from assessments.rules import expecting_a_child
    from deadlines.models import Deadline

    from .models import RelatedPerson

    if course:
        courses = [course]
    else:
        courses = list(citizen.courses.exclude(state=CourseState.CLOSED).select_related("responsible"))
    ids = [c.pk for c in courses]
    responsible = []
    for open_course in courses:
        if open_course.responsible and open_course.responsible not in responsible:
            responsible.append(open_course.responsible)
    next_deadline = (
        Deadline.objects.open().filter(course_id__in=ids).select_related("course").order_by("due_on", "id").first()
        if ids
        else None
    )
    assessed = (
        Assessment.objects.filter(course_id__in=ids)
        .order_by("-started_on", "-id")
        .values("children_at_home_count", "pregnancy", "pregnancy_due_on")
        .first()
        if ids
        else None
    ) or {}
    child_at_home = (
        citizen.related_people.filter(kind=RelatedPerson.Kind.CHILD_AT_HOME)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .exists()
    )
    notified_on = (
        AssessmentTask.objects.filter(course__citizen=citizen, kind=TaskKind.CHILD_NOTIFICATION, done_on__isnull=False)
        .order_by("-done_on")
        .values_list("done_on", flat=True)
        .first()
    )
    alerts = []
    if citizen.died_on:
        alerts.append(("deceased", {"on": citizen.died_on}))
    if citizen.address_protected:
        alerts.append(("protected", {}))
    if child_at_home or (assessed.get("children_at_home_count") or 0) > 0:
        alerts.append(("children", {"count": assessed.get("children_at_home_count")}))
    if rules.expecting_alert(
        citizen.expecting_child_on,
        assessed_expecting=expecting_a_child(assessed.get("pregnancy", "")),
        assessed_due_on=assessed.get("pregnancy_due_on"),
        today=today,
    ):
        due = citizen.expecting_child_on if citizen.expecting_child_on and citizen.expecting_child_on >= today else None
        alerts.append(("expecting", {"due_on": due or assessed.get("pregnancy_due_on")}))
    if notified_on:
        alerts.append(("notified", {"on": notified_on}))
    return Header(
        citizen=citizen,
        age=rules.age_shown(citizen.birth_date, today=today, died_on=citizen.died_on),
        courses=courses,
        responsible=responsible,
        next_deadline=next_deadline,
        alerts=alerts,
    )


# Related people and consents with their history -----------------------------------------------------


def with_history(rows, fields: list[str], labels: dict[str, str], displays: dict | None = None) -> list:
    """Each row with ``history``: its changes, newest first, each ``(when, who, [(label, before, after)])``.

    The versions hold the values *before* each change; the values after a change are the next
    version's, or the row's own for the latest. ``rows`` come with ``versions`` prefetched.
    """
    displays = displays or {}
    for row in rows:
        versions = list(row.versions.all())
        current = {name: getattr(row, name) for name in fields}
        current = {k: (str(v) if isinstance(v, date) else v) for k, v in current.items()}
        states = [v.values for v in versions] + [current]
        history = []
        for index, version in enumerate(versions):
            after = states[index + 1]
            changes = [
                (
                    labels[name],
                    _shown(version.values.get(name), displays.get(name)),
                    _shown(after.get(name), displays.get(name)),
                )
                for name in version.changed
                if name in labels
            ]
            history.append((version.changed_at, version.changed_by, changes))
        row.history = list(reversed(history))
    return rows


def _shown(value, display=None) -> str:
    if value in (None, ""):
        return "–"
    if display:
        return str(display.get(value, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return str(value)
