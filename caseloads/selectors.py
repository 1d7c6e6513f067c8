"""Reads for the caseload pages: always through the user's scope, a bounded number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from courses.models import Course, CourseState
from deadlines.models import Deadline
from organisations.access import centre_ids_with_role, memberships_of, scope_to_centres
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES, Centre, Membership, Role, Team, User


def with_next_deadline(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Each course's next open deadline (date and kind), as subqueries of the same query."""
    nearest = Deadline.objects.open().filter(course=OuterRef("pk")).order_by("due_on", "id")
    return courses.annotate(
        next_due_on=Subquery(nearest.values("due_on")[:1]), next_kind=Subquery(nearest.values("kind")[:1])
    )


def open_courses(user) -> QuerySet[Course]:
    """The open courses of the centres where the user holds a case role."""
    return scope_to_centres(Course.objects.exclude(state=CourseState.CLOSED), user, roles=CASE_READ_ROLES)


# The caseload pages' order: most recently opened first. It matches the partial indexes on the open
# courses (responsible, opened_on, id) and (team, opened_on, id), read backwards.
CASELOAD_ORDER = ("-opened_on", "-id")


def my_courses(user) -> QuerySet[Course]:
    """The user's own open courses (they are the responsible worker), most recently opened first."""
    courses = open_courses(user).filter(responsible=user).select_related("citizen", "team")
    return with_next_deadline(courses).order_by(*CASELOAD_ORDER)


def my_course_count(user) -> int:
    """How many open courses the user is responsible for: one COUNT on the open courses' index."""
    return open_courses(user).filter(responsible=user).count()


def team_courses(user, team: Team) -> QuerySet[Course]:
    """A team's open courses, most recently opened first."""
    courses = open_courses(user).filter(team=team).select_related("citizen", "responsible")
    return with_next_deadline(courses).order_by(*CASELOAD_ORDER)


def viewable_teams(user) -> list[Team]:
    """The user's own teams (at centres where they hold a case role) and, for a manager, every team
    of their centres. One query (the memberships are cached on the user)."""
    own = {m.team_id for m in memberships_of(user) if m.team_id and m.role in CASE_READ_ROLES}
    managed = centre_ids_with_role(user, (Role.MANAGER,))
    return list(
        Team.objects.filter(Q(pk__in=own) | Q(centre_id__in=managed))
        .filter(centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES))
        .select_related("centre")
        .order_by("centre__name", "name", "id")
    )


def casework_staff(centre_id: int) -> QuerySet[User]:
    """Users who may carry a course at the centre (``rules.can_carry_cases``), by name."""
    return (
        User.objects.filter(memberships__centre_id=centre_id, memberships__role__in=CASEWORK_ROLES, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass
class WorkerLoad:
    user: User
    roles: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    courses: int = 0
    overdue: int = 0
    member: bool = True  # False: holds courses here but no casework role any more (a leaver)


@dataclass
class CentreLoad:
    centre: Centre
    workers: list[WorkerLoad]
    without_team: int
    without_responsible: int


def caseload_overview(centre_ids, today) -> list[CentreLoad]:
    """Per centre: each worker's open courses and overdue deadlines (open deadlines past their due
    date, the follow-ups after a discharge included), plus the courses without a team or a
    responsible worker. At most five queries, whatever the number of courses or workers."""
    centre_ids = sorted(centre_ids)
    centres = list(Centre.objects.filter(pk__in=centre_ids).order_by("name"))
    loads: dict[tuple[int, int], WorkerLoad] = {}
    for membership in (
        Membership.objects.filter(centre_id__in=centre_ids, role__in=CASEWORK_ROLES, user__is_active=True)
        .select_related("user", "team")
        .order_by("user__first_name", "user__last_name", "user_id", "role")
    ):
        load = loads.setdefault((membership.centre_id, membership.user_id), WorkerLoad(membership.user))
        load.roles.append(membership.get_role_display())
        if membership.team and membership.team.name not in load.teams:
            load.teams.append(membership.team.name)
    open_courses = Course.objects.filter(centre_id__in=centre_ids).exclude(state=CourseState.CLOSED)
    course_counts = open_courses.values("centre_id", "responsible_id").annotate(
        n=Count("id"), no_team=Count("id", filter=Q(team__isnull=True))
    )
    overdue_counts = (
        Deadline.objects.open()
        .filter(centre_id__in=centre_ids, due_on__lt=today)
        .values("centre_id", "responsible_id")
        .annotate(n=Count("id"))
    )
    without_team: dict[int, int] = defaultdict(int)
    without_responsible: dict[int, int] = defaultdict(int)
    counted: list[tuple[int, int, str, int]] = []
    for row in course_counts:
        without_team[row["centre_id"]] += row["no_team"]
        if row["responsible_id"] is None:
            without_responsible[row["centre_id"]] += row["n"]
        else:
            counted.append((row["centre_id"], row["responsible_id"], "courses", row["n"]))
    for row in overdue_counts:
        if row["responsible_id"] is not None:
            counted.append((row["centre_id"], row["responsible_id"], "overdue", row["n"]))
    missing = {user_id for centre_id, user_id, _, _ in counted if (centre_id, user_id) not in loads}
    leavers = {user.pk: user for user in User.objects.filter(pk__in=missing)} if missing else {}
    for centre_id, user_id, what, n in counted:
        load = loads.get((centre_id, user_id))
        if load is None:
            load = loads[(centre_id, user_id)] = WorkerLoad(leavers[user_id], member=False)
        setattr(load, what, n)
    return [
        CentreLoad(
            centre=centre,
            workers=sorted(
                (load for (centre_id, _), load in loads.items() if centre_id == centre.pk),
                key=lambda load: (not load.member, str(load.user).casefold(), load.user.pk),
            ),
            without_team=without_team[centre.pk],
            without_responsible=without_responsible[centre.pk],
        )
        for centre in centres
    ]
