"""Staff of Rusmiddelcenter Randers in two teams, and courses opened through the services.

Time stands still on 1 April 2026 at noon in Copenhagen (the clock matters for the deadlines).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from courses import services as course_services
from organisations.models import Membership, Role, Team
from tests.conftest import staff
from tests.factories import CitizenFactory

TODAY = date(2026, 4, 1)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.combine(TODAY, time(12), tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False):
        yield


@pytest.fixture
def teams(randers_centre):
    return {
        "nord": Team.objects.create(centre=randers_centre, name="Team Nord"),
        "syd": Team.objects.create(centre=randers_centre, name="Team Syd"),
    }


def worker(centre, *roles, username, team=None):
    user = staff(centre, *roles, username=username)
    if team is not None:
        Membership.objects.filter(user=user, centre=centre).update(team=team)
    return user


@pytest.fixture
def anna(randers_centre, teams):
    """A visitator in Team Nord: she opens the courses."""
    return worker(randers_centre, Role.VISITATOR, username="anna-visitator", team=teams["nord"])


@pytest.fixture
def bo(randers_centre, teams):
    """A therapist in Team Syd: he takes courses over."""
    return worker(randers_centre, Role.THERAPIST, username="bo-behandler", team=teams["syd"])


@pytest.fixture
def lene(randers_centre):
    """The centre's manager."""
    return worker(randers_centre, Role.MANAGER, username="lene-leder")


@pytest.fixture
def authority(randers_centre):
    return worker(randers_centre, Role.AUTHORITY, username="randers-myndighed")


def requested(centre, by, expressed_on: date, **citizen):
    """A drug course with its request registered on ``expressed_on`` (deadlines then exist)."""
    course = course_services.course_open(
        citizen=CitizenFactory(centre=centre, **citizen), by=by, kind="drug", first_contact_on=expressed_on
    )
    course_services.treatment_request_register(
        course=course, by=by, expressed_on=expressed_on, channel="phone", expressed_by="Borgeren"
    )
    course.refresh_from_db()
    return course


def assessed(centre, by, expressed_on: date, **citizen):
    """A requested course whose assessment was completed the day of the request: ready for a decision."""
    from assessments import services as assessment_services
    from tests.assessments.conftest import full_answers

    course = requested(centre, by, expressed_on, **citizen)
    assessment_services.assessment_save(course=course, by=by, **full_answers(started_on=expressed_on))
    assessment_services.assessment_complete(course=course, by=by, completed_on=expressed_on)
    course.refresh_from_db()
    return course
