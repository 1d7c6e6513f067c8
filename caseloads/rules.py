"""Who may hand a course over, to whom, and which team a new course gets: pure rules.

No statute says who holds a case: the rules follow the product's roles (docs/domain.md, "Who uses it":
the visitator, authority, therapist and physician work the case; the manager distributes it), and
every hand-over is kept as history so the case's handling stays traceable. Inputs are plain
values: role codes, ids, names.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from organisations.models import CASEWORK_ROLES, Role


@dataclass(frozen=True)
class Problem:
    """One reason a hand-over cannot be made, tied to the form field it concerns ("" for the form)."""

    field: str
    code: str


def may_reassign(*, roles_at_centre: Iterable[str], user_id: int, responsible_id: int | None) -> bool:
    """A manager at the course's centre may reassign any of its courses; the responsible worker may
    hand their own course over (docs/domain.md "Who uses it": the manager distributes the work)."""
    roles = set(roles_at_centre)
    if Role.MANAGER in roles:
        return True
    return responsible_id is not None and responsible_id == user_id and bool(roles & set(CASEWORK_ROLES))


def may_transfer(*, roles_at_centre: Iterable[str]) -> bool:
    """Only a manager moves a worker's caseload in bulk (a leaver, a long absence; docs/domain.md "Who uses it")."""
    return Role.MANAGER in set(roles_at_centre)


def can_carry_cases(roles_at_centre: Iterable[str]) -> bool:
    """The responsible worker must work cases at the course's centre: a casework role there
    (visitator, authority, therapist or physician; never the manager or administrator alone)."""
    return bool(set(roles_at_centre) & set(CASEWORK_ROLES))


def first_team(teams: Iterable[tuple[int, str]]) -> int | None:
    """The team a new course gets: the opener's first team at the course's centre, by name and
    then id, so the choice does not depend on the order the memberships were made in; None when
    the opener is in no team there (the course page then asks for one)."""
    ordered = sorted(teams, key=lambda team: (team[1].casefold(), team[0]))
    return ordered[0][0] if ordered else None


def reassignment_problems(
    *,
    course_closed: bool,
    current_responsible_id: int | None,
    current_team_id: int | None,
    responsible_id: int | None,
    team_id: int | None,
    responsible_can_carry: bool,
    team_at_centre: bool,
) -> list[Problem]:
    """Why a course cannot go to ``responsible_id`` and ``team_id`` (empty: it can).

    A closed course is not handed over (its history stays as it was); the new responsible worker
    must hold a casework role at the course's centre (``can_carry_cases``); the team must be one of
    that centre's; and a hand-over must change something.
    """
    if course_closed:
        return [Problem("", "closed")]
    problems = []
    if responsible_id is None:
        problems.append(Problem("responsible", "required"))
    elif not responsible_can_carry:
        problems.append(Problem("responsible", "no_casework_role"))
    if team_id is not None and not team_at_centre:
        problems.append(Problem("team", "other_centre"))
    if not problems and (responsible_id, team_id) == (current_responsible_id, current_team_id):
        problems.append(Problem("", "unchanged"))
    return problems
