"""The caseload rules: who may hand a course over, to whom, and which team a new course gets."""

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseloads import rules
from organisations.models import CASEWORK_ROLES, Role

ALL_ROLES = list(Role.values)
ROLE_SETS = [set(c) for n in range(len(ALL_ROLES) + 1) for c in combinations(ALL_ROLES, n)]


@pytest.mark.parametrize("roles", ROLE_SETS, ids=lambda roles: "+".join(sorted(roles)) or "none")
def test_a_manager_may_reassign_any_course_and_a_worker_only_their_own(roles):
    manager = Role.MANAGER in roles
    caseworker = bool(roles & set(CASEWORK_ROLES))
    assert rules.may_reassign(roles_at_centre=roles, user_id=1, responsible_id=2) is manager
    assert rules.may_reassign(roles_at_centre=roles, user_id=1, responsible_id=1) is (manager or caseworker)
    assert rules.may_reassign(roles_at_centre=roles, user_id=1, responsible_id=None) is manager
    assert rules.may_transfer(roles_at_centre=roles) is manager
    assert rules.can_carry_cases(roles) is caseworker


def test_only_casework_roles_carry_cases():
    assert not rules.can_carry_cases({Role.MANAGER, Role.ADMINISTRATOR, Role.ANONYMOUS_COUNSELLOR})
    for role in (Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN):
        assert rules.can_carry_cases({role})


def test_the_first_team_is_by_name_then_id():
    assert rules.first_team([]) is None
    assert rules.first_team([(7, "Team Syd"), (9, "team nord"), (3, "Team Øst")]) == 9
    assert rules.first_team([(5, "Nord"), (4, "Nord")]) == 4


@given(st.lists(st.tuples(st.integers(1, 10_000), st.text(min_size=1, max_size=8)), unique_by=lambda t: t[0]))
def test_the_first_team_does_not_depend_on_the_order_of_the_memberships(teams):
    expected = rules.first_team(teams)
    assert rules.first_team(list(reversed(teams))) == expected
    assert expected is None if not teams else expected in {pk for pk, _ in teams}


def problems(**overrides):
    values = {
        "course_closed": False,
        "current_responsible_id": 1,
        "current_team_id": 10,
        "responsible_id": 2,
        "team_id": 10,
        "responsible_can_carry": True,
        "team_at_centre": True,
    } | overrides
    return [(p.field, p.code) for p in rules.reassignment_problems(**values)]


def test_a_hand_over_to_a_caseworker_at_the_centre_is_allowed():
    assert problems() == []
    assert problems(responsible_id=1, team_id=11) == []  # a new team only
    assert problems(team_id=None) == []  # no team: allowed, the course page then asks for one


def test_what_stops_a_hand_over():
    assert problems(course_closed=True) == [("", "closed")]
    assert problems(responsible_id=None) == [("responsible", "required")]
    assert problems(responsible_can_carry=False) == [("responsible", "no_casework_role")]
    assert problems(team_at_centre=False) == [("team", "other_centre")]
    assert problems(responsible_can_carry=False, team_at_centre=False) == [
        ("responsible", "no_casework_role"),
        ("team", "other_centre"),
    ]
    assert problems(responsible_id=1) == [("", "unchanged")]
