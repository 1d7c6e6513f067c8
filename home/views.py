"""The home page: the user's centres and roles, and each municipality's standard in force."""

from datetime import timedelta

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from anonymous.access import service_centre_ids
from anonymous.models import ContactRequest, State
from anonymous.reporting.views import counts_centre_ids
from caseloads.selectors import my_course_count
from deadlines.models import Deadline
from deadlines.rules import SOON_DAYS
from deadlines.views import DECIDE_ROLES, INTAKE_ROLES, awaiting_decision, new_requests, open_duties
from organisations.access import has_role, memberships_of, scope_to_centres
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES, Role
from standards.selectors import standard_in_force, standard_shortfalls

WARNING_ROLES = {Role.MANAGER, Role.ADMINISTRATOR}


def index(request: HttpRequest) -> HttpResponse:
    centres: dict = {}
    for membership in memberships_of(request.user):
        centres.setdefault(membership.centre, []).append(membership)
    municipalities = []
    for municipality in sorted({centre.municipality for centre in centres}, key=lambda m: m.name):
        roles = {m.role for centre, ms in centres.items() if centre.municipality == municipality for m in ms}
        standard = standard_in_force(municipality.pk)
        municipalities.append(
            {
                "municipality": municipality,
                "centres": [(c, ms) for c, ms in centres.items() if c.municipality == municipality],
                "standard": standard,
                "shortfalls": standard_shortfalls(standard) if standard and roles & WARNING_ROLES else None,
            }
        )
    context = {
        "municipalities": municipalities,
        "my_work": _my_work(request.user),
        "queues": _queues(request.user),
        "can_register": has_role(request.user, CASEWORK_ROLES),
        "anonymous": _anonymous(request.user),
    }
    return render(request, "home/index.html", context)


def _anonymous(user) -> dict | None:
    """For the anonymous service's staff: how many call-backs wait (one query); for the managers of
    a service centre only the link to its counts (they never see the records)."""
    centres = service_centre_ids(user)
    if centres:
        waiting = ContactRequest.objects.filter(
            client__centre_id__in=centres,
            client__state=State.REQUESTED,
            way=ContactRequest.Way.CALLBACK,
            callback_done_at__isnull=True,
            cancelled_at__isnull=True,
        ).count()
        return {"service": True, "callbacks": waiting}
    if counts_centre_ids(user):
        return {"service": False}
    return None


def _my_work(user) -> dict | None:
    """How many of the user's own open deadlines are overdue or due within 7 days (one query), as the
    worklist's sections split them by the status rule, and how many open duties their courses have
    (one query, the worklist's ``open_duties``)."""
    if not has_role(user, CASE_READ_ROLES):
        return None
    today = timezone.localdate()
    # The status rule on an open row (rules.deadline_status): overdue before today, due soon up to
    # the coming 7 days. Counted in the database on the open rows' partial index, no row loaded.
    counts = (
        scope_to_centres(Deadline.objects.open(), user, roles=CASE_READ_ROLES)
        .filter(responsible=user, due_on__lte=today + timedelta(days=SOON_DAYS))
        .aggregate(overdue=Count("id", filter=Q(due_on__lt=today)), soon=Count("id", filter=Q(due_on__gte=today)))
    )
    return {"overdue": counts["overdue"], "soon": counts["soon"], "duties": open_duties(user, "mine").count()}


def _queues(user) -> dict | None:
    """What waits for the user's role, counted as the worklist lists it (one COUNT each), so the
    home page links only to lists that hold something: the courses awaiting a decision (an
    authority), the new requests (a visitator), and the user's own open courses."""
    if not has_role(user, CASE_READ_ROLES):
        return None
    return {
        "awaiting_decision": awaiting_decision(user).count() if has_role(user, DECIDE_ROLES) else None,
        "new_requests": new_requests(user).count() if has_role(user, INTAKE_ROLES) else None,
        "my_courses": my_course_count(user),
    }
