"""Hand-overs: one course (``course_reassign``) or a worker's caseload (``caseload_transfer``).

Each step locks the courses, checks ``rules``, changes the course's responsible worker and team,
writes the history (``CourseAssignment``) and the audit trail, and gives the course's deadline
rows the same responsible worker and team: ``deadlines.services.recompute_course_deadlines``
copies both from the course onto every row of the course, so a hand-over does the same in one
update, and a later recompute changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from deadlines.models import Deadline
from organisations.access import memberships_of, roles_of

from . import rules
from .models import AssignmentKind, CourseAssignment


def _messages() -> dict[str, str]:
    return {
        "closed": _("The course is closed: it is no longer handed over."),
        "required": _("Choose the responsible worker."),
        "no_casework_role": _("Choose a worker with a casework role at the course's centre."),
        "other_centre": _("Choose a team of the course's centre."),
        "unchanged": _("The course already has this responsible worker and team."),
    }


def _raise(problems: list[rules.Problem], rename: dict[str, str] | None = None) -> None:
    if not problems:
        return
    texts, errors = _messages(), {}
    for problem in problems:
        field = (rename or {}).get(problem.field, problem.field) or "__all__"
        errors.setdefault(field, []).append(texts[problem.code])
    raise ValidationError(errors)


def opener_team(user, centre_id: int):
    """The team a course opened by ``user`` at ``centre_id`` gets: their first team there
    (``rules.first_team``), or None. Reads the user's memberships, cached for the request."""
    teams = {m.team_id: m.team for m in memberships_of(user) if m.centre_id == centre_id and m.team_id}
    chosen = rules.first_team((pk, team.name) for pk, team in teams.items())
    return teams.get(chosen)


def assignment_note(*, course: Course, by, kind: str, previous_responsible_id=None, reason: str = ""):
    """Add the course's current responsible worker and team to its history (no audit: the step
    that changed them audits the course). Called by ``courses.services.course_open``; a step that
    changes the responsible worker itself (treatment start) may call it with its own ``kind``."""
    return CourseAssignment.objects.create(
        course=course,
        kind=kind,
        responsible_id=course.responsible_id,
        team_id=course.team_id,
        previous_responsible_id=previous_responsible_id,
        assigned_by=by,
        reason=reason,
    )


def _follow(course_ids, *, responsible, team=None, keep_team: bool = False) -> None:
    """The deadline rows of the courses take the new responsible worker (and team)."""
    values = {"responsible": responsible}
    if not keep_team:
        values["team"] = team
    Deadline.objects.filter(course_id__in=list(course_ids)).update(**values)


@transaction.atomic
def course_reassign(*, course: Course, by, responsible, team=None, reason: str = "") -> CourseAssignment:
    """Hand one course over to ``responsible`` (and ``team``; None leaves it without a team).

    Who may: a manager at the course's centre, or the responsible worker (``rules.may_reassign``);
    to whom: a worker with a casework role there (``rules.can_carry_cases``). Its deadlines follow.
    """
    fields = ("state", "responsible_id", "team_id", "centre_id")
    locked = Course.objects.select_for_update().only(*fields).get(pk=course.pk)
    if not rules.may_reassign(
        roles_at_centre=roles_of(by, centre_id=locked.centre_id), user_id=by.pk, responsible_id=locked.responsible_id
    ):
        raise PermissionDenied
    _raise(
        rules.reassignment_problems(
            course_closed=locked.state == CourseState.CLOSED,
            current_responsible_id=locked.responsible_id,
            current_team_id=locked.team_id,
            responsible_id=getattr(responsible, "pk", None),
            team_id=getattr(team, "pk", None),
            responsible_can_carry=responsible is not None
            and rules.can_carry_cases(roles_of(responsible, centre_id=locked.centre_id)),
            team_at_centre=team is None or team.centre_id == locked.centre_id,
        )
    )
    before = (locked.responsible_id, locked.team_id)
    Course.objects.filter(pk=course.pk).update(responsible=responsible, team=team)
    course.responsible, course.team = responsible, team
    _follow([course.pk], responsible=responsible, team=team)
    assignment = CourseAssignment.objects.create(
        course=course,
        kind=AssignmentKind.REASSIGNED,
        responsible=responsible,
        team=team,
        previous_responsible_id=before[0],
        assigned_by=by,
        reason=reason.strip(),
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=course,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={"responsible": [before[0], responsible.pk], "team": [before[1], getattr(team, "pk", None)]},
    )
    return assignment


@transaction.atomic
def caseload_transfer(
    *, by, from_user, to_user, centre, course_ids=None, team=None, reason: str = ""
) -> list[CourseAssignment]:
    """Move ``from_user``'s open courses at ``centre`` (all, or those in ``course_ids``) to
    ``to_user``: a manager moving a leaver's caseload (``rules.may_transfer``). ``team`` sets every
    moved course's team; None keeps each course's own. One history row and one audit event per
    course (each names its citizen); the deadlines follow. A course among ``course_ids`` that is no
    longer the worker's open course refuses the whole transfer, so nothing moves half-way."""
    if not rules.may_transfer(roles_at_centre=roles_of(by, centre_id=centre.pk)):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if to_user is None or not rules.can_carry_cases(roles_of(to_user, centre_id=centre.pk)):
        errors["to_user"] = [_("Choose a worker with a casework role at the centre.")]
    elif from_user is not None and to_user.pk == from_user.pk:
        errors["to_user"] = [_("Choose another worker than the one whose caseload moves.")]
    if team is not None and team.centre_id != centre.pk:
        errors["team"] = [_("Choose a team of the centre.")]
    if errors:
        raise ValidationError(errors)
    courses = list(
        Course.objects.select_for_update()
        .filter(centre=centre, responsible=from_user)
        .exclude(state=CourseState.CLOSED)
        .order_by("id")
    )
    if course_ids is not None:
        wanted = {int(pk) for pk in course_ids}
        if not wanted:
            raise ValidationError({"course_ids": [_("Choose at least one course.")]})
        if wanted - {c.pk for c in courses}:
            raise ValidationError(
                {"course_ids": [_("A chosen course is no longer this worker's open course. Choose again.")]}
            )
        courses = [c for c in courses if c.pk in wanted]
    if not courses:
        raise ValidationError(_("The worker has no open courses at the centre."))
    ids = [c.pk for c in courses]
    values = {"responsible": to_user} | ({"team": team} if team is not None else {})
    Course.objects.filter(pk__in=ids).update(**values)
    _follow(ids, responsible=to_user, team=team, keep_team=team is None)
    reason = reason.strip()
    assignments = CourseAssignment.objects.bulk_create(
        CourseAssignment(
            course=c,
            kind=AssignmentKind.TRANSFERRED,
            responsible=to_user,
            team_id=team.pk if team is not None else c.team_id,
            previous_responsible_id=c.responsible_id,
            assigned_by=by,
            reason=reason,
        )
        for c in courses
    )
    for c in courses:
        audit_record(
            actor=by,
            action=AuditEvent.Action.UPDATE,
            obj=c,
            citizen_id=c.citizen_id,
            centre_id=c.centre_id,
            changes={
                "responsible": [c.responsible_id, to_user.pk],
                "team": [c.team_id, team.pk if team is not None else c.team_id],
                "transfer": True,
            },
        )
    return assignments
