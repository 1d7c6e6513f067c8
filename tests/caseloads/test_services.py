"""Hand-overs through the services: the course and its deadlines change together, with history and
an audit trail; only a manager or the responsible worker hands over, only to a caseworker."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from caseloads import services
from caseloads.models import CourseAssignment
from courses import services as course_services
from courses.models import Course
from deadlines.models import Deadline
from deadlines.services import recompute_course_deadlines
from organisations.models import Role, Team
from tests.factories import CitizenFactory

from .conftest import requested, worker

pytestmark = pytest.mark.django_db


def deadline_owners(course) -> set:
    return set(Deadline.objects.filter(course=course).values_list("responsible_id", "team_id"))


class TestOpening:
    def test_a_new_course_gets_the_openers_team_and_starts_its_history(self, randers_centre, anna, teams):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        assert (course.responsible, course.team) == (anna, teams["nord"])
        assert deadline_owners(course) == {(anna.pk, teams["nord"].pk)}
        (opened,) = CourseAssignment.objects.filter(course=course)
        assert (opened.kind, opened.responsible, opened.team, opened.assigned_by) == (
            "opened",
            anna,
            teams["nord"],
            anna,
        )

    def test_an_opener_in_two_teams_gives_the_first_by_name(self, randers_centre, teams):
        both = worker(randers_centre, Role.VISITATOR, username="to-teams", team=teams["syd"])
        worker_membership = both.memberships.get()
        both.memberships.create(centre=randers_centre, role=Role.THERAPIST, team=teams["nord"])
        assert worker_membership.team == teams["syd"]
        course = requested(randers_centre, both, date(2026, 3, 20))
        assert course.team == teams["nord"]

    def test_an_opener_in_no_team_leaves_the_course_without_one(self, randers_centre, randers_visitator):
        course = requested(randers_centre, randers_visitator, date(2026, 3, 20))
        assert course.team is None

    def test_the_backfill_gives_open_courses_their_workers_first_team(self, randers_centre, randers_visitator, teams):
        course = requested(randers_centre, randers_visitator, date(2026, 3, 20))  # no team yet
        closed = course_services.course_open(
            citizen=CitizenFactory(centre=randers_centre),
            by=randers_visitator,
            kind="drug",
            first_contact_on=date(2026, 3, 1),
        )
        course_services.course_close(course=closed, by=randers_visitator, closed_on=date(2026, 3, 2), kind="moved")
        randers_visitator.memberships.update(team=teams["syd"])
        import_module("courses.migrations.0004_backfill_course_teams").backfill(apps, None)
        course.refresh_from_db()
        closed.refresh_from_db()
        assert course.team == teams["syd"] and closed.team is None
        assert deadline_owners(course) == {(randers_visitator.pk, teams["syd"].pk)}


class TestReassign:
    def test_the_responsible_worker_hands_their_course_over_and_the_deadlines_follow(
        self, randers_centre, anna, bo, teams
    ):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        services.course_reassign(course=course, by=anna, responsible=bo, team=teams["syd"], reason="Ferie")
        course.refresh_from_db()
        assert (course.responsible, course.team) == (bo, teams["syd"])
        assert deadline_owners(course) == {(bo.pk, teams["syd"].pk)}
        latest = CourseAssignment.objects.filter(course=course).first()
        assert (latest.kind, latest.previous_responsible, latest.assigned_by, latest.reason) == (
            "reassigned",
            anna,
            anna,
            "Ferie",
        )
        # The deadline engine copies the same responsible worker and team: a recompute changes nothing.
        recompute_course_deadlines(course)
        assert deadline_owners(course) == {(bo.pk, teams["syd"].pk)}

    def test_the_hand_over_is_audited_without_the_reason(self, randers_centre, anna, bo, teams):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        services.course_reassign(course=course, by=anna, responsible=bo, team=None, reason="Borgerens ønske")
        event = AuditEvent.objects.filter(actor=anna, action="update").latest("id")
        assert event.citizen_id == course.citizen_id and event.centre_id == randers_centre.pk
        assert event.changes == {"responsible": [anna.pk, bo.pk], "team": [teams["nord"].pk, None]}

    def test_a_manager_may_hand_over_any_course_of_the_centre(self, randers_centre, anna, bo, lene):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        services.course_reassign(course=course, by=lene, responsible=bo, team=None)
        assert Course.objects.get(pk=course.pk).responsible == bo

    def test_another_worker_may_not_take_a_course(self, randers_centre, anna, bo):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        with pytest.raises(PermissionDenied):
            services.course_reassign(course=course, by=bo, responsible=bo, team=None)
        assert Course.objects.get(pk=course.pk).responsible == anna

    def test_a_manager_of_another_centre_may_not(self, randers_centre, anna, bo, odsherred_manager):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        with pytest.raises(PermissionDenied):
            services.course_reassign(course=course, by=odsherred_manager, responsible=bo, team=None)

    def test_the_new_worker_needs_a_casework_role_at_the_courses_centre(
        self, randers_centre, anna, lene, mariagerfjord_visitator, odsherred_centre
    ):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        for somebody in (lene, mariagerfjord_visitator):
            with pytest.raises(ValidationError) as refused:
                services.course_reassign(course=course, by=anna, responsible=somebody, team=None)
            assert "responsible" in refused.value.message_dict
        elsewhere = Team.objects.create(centre=odsherred_centre, name="Team Ods")
        with pytest.raises(ValidationError) as refused:
            services.course_reassign(course=course, by=anna, responsible=anna, team=elsewhere)
        assert "team" in refused.value.message_dict

    def test_nothing_to_change_and_a_closed_course_are_refused(self, randers_centre, anna, bo, teams):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        with pytest.raises(ValidationError):
            services.course_reassign(course=course, by=anna, responsible=anna, team=teams["nord"])
        course_services.course_close(course=course, by=anna, closed_on=date(2026, 3, 25), kind="moved")
        with pytest.raises(ValidationError):
            services.course_reassign(course=course, by=anna, responsible=bo, team=None)
        assert CourseAssignment.objects.filter(course=course).count() == 1


class TestTransfer:
    @pytest.fixture
    def caseload(self, randers_centre, anna):
        return [requested(randers_centre, anna, date(2026, 3, day)) for day in (10, 15, 20)]

    def test_a_manager_moves_a_leavers_whole_caseload(self, randers_centre, anna, bo, lene, teams, caseload):
        closed = requested(randers_centre, anna, date(2026, 3, 1))
        course_services.course_close(course=closed, by=anna, closed_on=date(2026, 3, 2), kind="moved")
        moved = services.caseload_transfer(
            by=lene, from_user=anna, to_user=bo, centre=randers_centre, reason="Fratrådt"
        )
        assert len(moved) == 3
        for course in caseload:
            course.refresh_from_db()
            assert (course.responsible, course.team) == (bo, teams["nord"])  # each keeps its team
            assert deadline_owners(course) == {(bo.pk, teams["nord"].pk)}
        assert Course.objects.get(pk=closed.pk).responsible == anna  # a closed course stays as it was
        assert AuditEvent.objects.filter(actor=lene, action="update", changes__transfer=True).count() == 3
        assert set(CourseAssignment.objects.filter(kind="transferred").values_list("course_id", flat=True)) == {
            c.pk for c in caseload
        }

    def test_selected_courses_only_and_a_new_team(self, randers_centre, anna, bo, lene, teams, caseload):
        first, second, third = caseload
        services.caseload_transfer(
            by=lene,
            from_user=anna,
            to_user=bo,
            centre=randers_centre,
            course_ids=[first.pk, third.pk],
            team=teams["syd"],
        )
        owners = {c.pk: (c.responsible_id, c.team_id) for c in Course.objects.filter(pk__in=[c.pk for c in caseload])}
        assert owners == {
            first.pk: (bo.pk, teams["syd"].pk),
            second.pk: (anna.pk, teams["nord"].pk),
            third.pk: (bo.pk, teams["syd"].pk),
        }
        assert deadline_owners(second) == {(anna.pk, teams["nord"].pk)}

    def test_a_course_that_is_not_the_workers_refuses_the_whole_transfer(
        self, randers_centre, anna, bo, lene, caseload, randers_visitator
    ):
        other = requested(randers_centre, randers_visitator, date(2026, 3, 12))
        with pytest.raises(ValidationError) as refused:
            services.caseload_transfer(
                by=lene, from_user=anna, to_user=bo, centre=randers_centre, course_ids=[caseload[0].pk, other.pk]
            )
        assert "course_ids" in refused.value.message_dict
        assert not Course.objects.filter(responsible=bo).exists()

    def test_only_a_manager_transfers_and_only_to_a_caseworker(self, randers_centre, anna, bo, lene, caseload):
        with pytest.raises(PermissionDenied):
            services.caseload_transfer(by=anna, from_user=anna, to_user=bo, centre=randers_centre)
        for to_user in (lene, anna):
            with pytest.raises(ValidationError) as refused:
                services.caseload_transfer(by=lene, from_user=anna, to_user=to_user, centre=randers_centre)
            assert "to_user" in refused.value.message_dict
        with pytest.raises(ValidationError):
            services.caseload_transfer(by=lene, from_user=bo, to_user=anna, centre=randers_centre)  # bo has none
