"""The scoping helper every view uses (organisations/access.py)."""

import pytest

from organisations.access import (
    centre_ids_with_role,
    has_role,
    memberships_of,
    scope_to_centres,
    scope_to_municipalities,
)
from organisations.models import Centre, Role, Team
from standards.models import QualityStandard
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_sees_only_the_teams_of_their_own_centre(randers_centre, fredericia_centre, randers_therapist):
    mine = TeamFactory(centre=randers_centre)
    TeamFactory(centre=fredericia_centre)
    assert list(scope_to_centres(Team.objects.all(), randers_therapist, roles=[Role.THERAPIST])) == [mine]


def test_a_user_with_two_centres_sees_both(randers_centre, fredericia_centre):
    user = UserFactory()
    MembershipFactory(user=user, centre=randers_centre)
    MembershipFactory(user=user, centre=fredericia_centre)
    assert centre_ids_with_role(user, list(Role)) == {randers_centre.pk, fredericia_centre.pk}


def test_a_user_without_a_role_sees_nothing():
    assert not scope_to_centres(Centre.objects.all(), UserFactory(), roles=list(Role), centre_path="").exists()


def test_a_superuser_without_a_role_sees_no_centre_data():
    assert not scope_to_centres(
        Centre.objects.all(), UserFactory(is_superuser=True), roles=list(Role), centre_path=""
    ).exists()


def test_a_deactivated_centre_gives_no_access(randers_centre, randers_therapist):
    randers_centre.is_active = False
    randers_centre.save()
    fresh = type(randers_therapist).objects.get(pk=randers_therapist.pk)
    assert memberships_of(fresh) == []


def test_standards_are_scoped_by_municipality(randers_therapist):
    codes = set(
        scope_to_municipalities(QualityStandard.objects.all(), randers_therapist, roles=list(Role)).values_list(
            "municipality__code", flat=True
        )
    )
    assert codes == {"730"}


def test_roles_are_per_centre(randers_centre, fredericia_centre):
    user = UserFactory()
    MembershipFactory(user=user, centre=randers_centre, role=Role.MANAGER)
    MembershipFactory(user=user, centre=fredericia_centre, role=Role.THERAPIST)
    assert has_role(user, [Role.MANAGER], centre_id=randers_centre.pk)
    assert not has_role(user, [Role.MANAGER], centre_id=fredericia_centre.pk)


def test_a_role_at_one_centre_opens_only_what_that_role_may_see(randers_centre, fredericia_centre):
    """An administrator at one centre and a therapist at another: case data only at the second."""
    user = UserFactory()
    MembershipFactory(user=user, centre=randers_centre, role=Role.ADMINISTRATOR)
    MembershipFactory(user=user, centre=fredericia_centre, role=Role.THERAPIST)
    scoped = scope_to_centres(Centre.objects.all(), user, roles=[Role.THERAPIST], centre_path="")
    assert list(scoped) == [fredericia_centre]
