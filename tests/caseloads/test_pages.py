"""The caseload pages: my courses, the team's, the manager's overview, handing one course over and
moving a caseload; and the course page's actions, each shown only to the roles that may take it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from caseloads import services
from caseloads.models import CourseAssignment
from courses import services as course_services
from courses.models import Course
from organisations.models import Role
from tests.conftest import staff

from .conftest import assessed, requested

pytestmark = pytest.mark.django_db


def page(client, name, *args, query=""):
    return client.get(reverse(name, args=args) + query)


class TestMine:
    def test_lists_the_users_open_courses_only_and_logs_whom_it_showed(
        self, as_user, randers_centre, anna, bo, randers_visitator
    ):
        mine = requested(randers_centre, anna, date(2026, 3, 20), first_name="Karla", last_name="Prøvesen")
        closed = requested(randers_centre, anna, date(2026, 3, 1))
        course_services.course_close(course=closed, by=anna, closed_on=date(2026, 3, 2), kind="moved")
        requested(randers_centre, randers_visitator, date(2026, 3, 20))  # someone else's
        response = page(as_user(anna), "caseloads:mine")
        assert [c.pk for c in response.context["page"]] == [mine.pk]
        body = response.content.decode()
        assert "Karla Prøvesen" in body and reverse("courses:detail", args=[mine.pk]) in body
        assert 'data-status="due_soon"' in body  # the guarantee's next deadline, by the one status rule
        (read,) = AuditEvent.objects.filter(actor=anna, action="view")
        assert read.changes == {"list": "caseloads:mine", "citizens": [mine.citizen_id]}

    def test_is_paged_and_bounded(self, as_user, randers_centre, anna, django_assert_max_num_queries):
        for day in range(1, 4):
            requested(randers_centre, anna, date(2026, 3, day))
        client = as_user(anna)
        page(client, "caseloads:mine")
        with CaptureQueriesContext(connection) as few:
            page(client, "caseloads:mine")
        for day in range(4, 29):
            for _ in range(2):
                requested(randers_centre, anna, date(2026, 3, day))
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = page(client, "caseloads:mine")
        assert len(response.context["page"]) == 50 and response.context["page"].total == 53
        assert 'rel="next"' in response.content.decode()
        last = page(client, "caseloads:mine", query=f"?efter={response.context['page'].next_after}")
        assert len(last.context["page"]) == 3
        assert {c.pk for c in last.context["page"]}.isdisjoint(c.pk for c in response.context["page"])


class TestTeam:
    def test_shows_the_teams_courses_to_its_members_and_any_team_to_a_manager(
        self, as_user, randers_centre, anna, bo, lene, teams
    ):
        nord = requested(randers_centre, anna, date(2026, 3, 20))
        syd = requested(randers_centre, bo, date(2026, 3, 20))
        assert [c.pk for c in page(as_user(anna), "caseloads:team").context["page"]] == [nord.pk]
        assert [c.pk for c in page(as_user(bo), "caseloads:team").context["page"]] == [syd.pk]
        manager = as_user(lene)
        assert [t for t, _ in manager.get(reverse("caseloads:team")).context["teams"]] == [teams["nord"], teams["syd"]]
        assert [c.pk for c in page(manager, "caseloads:team", query=f"?team={teams['syd'].pk}").context["page"]] == [
            syd.pk
        ]
        # Bo is not in Team Nord: its list is not his to open.
        assert page(as_user(bo), "caseloads:team", query=f"?team={teams['nord'].pk}").status_code == 404

    def test_a_worker_in_no_team_is_told_so(self, as_user, randers_visitator):
        response = page(as_user(randers_visitator), "caseloads:team")
        assert response.status_code == 200 and response.context["page"] is None


class TestOverview:
    def test_counts_open_courses_and_overdue_deadlines_per_worker(
        self, as_user, randers_centre, anna, bo, lene, randers_visitator, django_assert_max_num_queries
    ):
        requested(randers_centre, anna, date(2026, 3, 10))  # guarantee, assessment and decision overdue
        requested(randers_centre, anna, date(2026, 3, 30))  # nothing overdue
        requested(randers_centre, bo, date(2026, 3, 30))
        client = as_user(lene)
        client.get(reverse("caseloads:overview"))
        with django_assert_max_num_queries(12):
            response = client.get(reverse("caseloads:overview"))
        (centre,) = response.context["centres"]
        loads = {load.user: (load.courses, load.overdue) for load in centre.workers}
        assert loads == {anna: (2, 3), bo: (1, 0), randers_visitator: (0, 0)}
        assert centre.without_team == 0
        body = response.content.decode()
        assert reverse("caseloads:transfer", args=[anna.pk]) in body

    def test_a_leaver_without_a_role_still_shows_with_their_courses(self, as_user, randers_centre, anna, lene):
        requested(randers_centre, anna, date(2026, 3, 30))
        anna.memberships.all().delete()
        (centre,) = as_user(lene).get(reverse("caseloads:overview")).context["centres"]
        (load,) = [load for load in centre.workers if load.user == anna]
        assert (load.courses, load.member) == (1, False)

    def test_is_for_managers_and_shows_no_citizen(self, as_user, randers_centre, anna, lene):
        requested(randers_centre, anna, date(2026, 3, 30), first_name="Karla", last_name="Prøvesen")
        assert as_user(anna).get(reverse("caseloads:overview")).status_code == 403
        assert "Prøvesen" not in as_user(lene).get(reverse("caseloads:overview")).content.decode()


class TestReassignPage:
    def test_the_responsible_worker_hands_over_from_the_course_page(self, as_user, randers_centre, anna, bo, teams):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        client = as_user(anna)
        detail = page(client, "courses:detail", course.pk).content.decode()
        assert reverse("caseloads:reassign", args=[course.pk]) in detail
        response = client.post(
            reverse("caseloads:reassign", args=[course.pk]),
            {"responsible": bo.pk, "team": teams["syd"].pk, "reason": "Ferie"},
        )
        assert response.status_code == 302 and response.url == reverse("courses:detail", args=[course.pk])
        course.refresh_from_db()
        assert (course.responsible, course.team) == (bo, teams["syd"])
        history = page(client, "caseloads:reassign", course.pk)
        assert history.status_code == 403  # Anna no longer carries it and is no manager

    def test_the_history_is_shown_to_a_manager(self, as_user, randers_centre, anna, bo, lene):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        as_user(anna).post(reverse("caseloads:reassign", args=[course.pk]), {"responsible": bo.pk, "reason": "Ferie"})
        response = page(as_user(lene), "caseloads:reassign", course.pk)
        assert [row.kind for row in response.context["history"]] == ["reassigned", "opened"]
        assert "Ferie" in response.content.decode()
        assert AuditEvent.objects.filter(actor=lene, action="view", citizen_id=course.citizen_id).exists()

    def test_a_refusal_lands_on_the_field(self, as_user, randers_centre, anna, lene):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        response = as_user(anna).post(reverse("caseloads:reassign", args=[course.pk]), {"responsible": lene.pk})
        assert response.status_code == 200 and "responsible" in response.context["form"].errors

    def test_others_are_refused_and_another_centre_finds_nothing(
        self, as_user, randers_centre, anna, bo, fredericia_outsider
    ):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        assert page(as_user(bo), "caseloads:reassign", course.pk).status_code == 403
        assert (
            reverse("caseloads:reassign", args=[course.pk])
            not in page(as_user(bo), "courses:detail", course.pk).content.decode()
        )
        assert page(as_user(fredericia_outsider), "caseloads:reassign", course.pk).status_code == 404

    def test_a_course_without_a_team_asks_for_one(self, as_user, randers_centre, randers_visitator):
        course = requested(randers_centre, randers_visitator, date(2026, 3, 20))
        body = page(as_user(randers_visitator), "courses:detail", course.pk).content.decode()
        assert "data-no-team" in body and reverse("caseloads:reassign", args=[course.pk]) in body


class TestTransferPage:
    def test_a_manager_moves_the_ticked_courses(self, as_user, randers_centre, anna, bo, lene, teams):
        first = requested(randers_centre, anna, date(2026, 3, 10), first_name="Karla", last_name="Prøvesen")
        second = requested(randers_centre, anna, date(2026, 3, 12))
        client = as_user(lene)
        shown = page(client, "caseloads:transfer", anna.pk)
        assert [c.pk for c in shown.context["courses"]] == [first.pk, second.pk]
        assert "Karla Prøvesen" in shown.content.decode()
        read = AuditEvent.objects.filter(actor=lene, action="view").latest("id")
        assert read.changes["citizens"] == sorted([first.citizen_id, second.citizen_id])
        response = client.post(
            reverse("caseloads:transfer", args=[anna.pk]),
            {"course_ids": [second.pk], "to_user": bo.pk, "team": teams["syd"].pk, "reason": "Orlov"},
        )
        assert response.status_code == 302 and response.url == reverse("caseloads:overview")
        assert list(Course.objects.filter(responsible=bo).values_list("pk", flat=True)) == [second.pk]
        assert CourseAssignment.objects.get(course=second, kind="transferred").reason == "Orlov"

    def test_a_long_caseload_is_moved_a_bounded_page_at_a_time(
        self, monkeypatch, as_user, randers_centre, anna, bo, lene, django_assert_max_num_queries
    ):
        from caseloads import views

        monkeypatch.setattr(views, "TRANSFER_SIZE", 3)
        courses = [requested(randers_centre, anna, date(2026, 3, 10 + n)) for n in range(5)]
        client = as_user(lene)
        page(client, "caseloads:transfer", anna.pk)
        with CaptureQueriesContext(connection) as few:
            shown = page(client, "caseloads:transfer", anna.pk)
        assert [c.pk for c in shown.context["courses"]] == [c.pk for c in courses[:3]]
        assert shown.context["total"] == 5 and "data-transfer-more" in shown.content.decode()
        courses += [requested(randers_centre, anna, date(2026, 3, 20 + n)) for n in range(10)]
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(page(client, "caseloads:transfer", anna.pk).context["courses"]) == 3
        client.post(
            reverse("caseloads:transfer", args=[anna.pk]),
            {"course_ids": [c.pk for c in courses[:3]], "to_user": bo.pk},
        )
        rest = page(client, "caseloads:transfer", anna.pk)
        assert [c.pk for c in rest.context["courses"]] == [c.pk for c in courses[3:6]]
        assert rest.context["total"] == 12

    def test_no_course_ticked_is_an_error_on_the_list(self, as_user, randers_centre, anna, bo, lene):
        requested(randers_centre, anna, date(2026, 3, 10))
        response = as_user(lene).post(reverse("caseloads:transfer", args=[anna.pk]), {"to_user": bo.pk})
        assert response.status_code == 200 and "course_ids" in response.context["form"].errors
        assert not Course.objects.filter(responsible=bo).exists()

    def test_only_a_manager_of_the_workers_centre(self, as_user, randers_centre, anna, bo, odsherred_manager):
        requested(randers_centre, anna, date(2026, 3, 10))
        assert page(as_user(bo), "caseloads:transfer", anna.pk).status_code == 403
        assert page(as_user(odsherred_manager), "caseloads:transfer", anna.pk).status_code == 404


class TestCoursePageActions:
    """Nobody is sent to a page they cannot use: each step by the roles its view and service allow."""

    def steps(self, client, course) -> str:
        return page(client, "courses:detail", course.pk).content.decode()

    def test_only_the_authority_sees_the_decision_step(self, as_user, randers_centre, anna, authority):
        course = assessed(randers_centre, anna, date(2026, 3, 20))
        issue = reverse("decisions:issue", args=[course.pk])
        with_authority = self.steps(as_user(authority), course)
        assert issue in with_authority and "Træf afgørelse" in with_authority
        for_visitator = self.steps(as_user(anna), course)
        assert issue not in for_visitator and "Træf afgørelse" not in for_visitator
        assert as_user(anna).get(issue).status_code == 403  # the link would have led to a refusal

    def test_assessment_steps_go_to_those_who_may_write_it(self, as_user, randers_centre, anna, authority, lene):
        course = requested(randers_centre, anna, date(2026, 3, 20))
        edit = reverse("assessments:edit", args=[course.pk])
        physician = reverse("assessments:physician", args=[course.pk])
        visitator = self.steps(as_user(anna), course)
        assert edit in visitator and physician in visitator
        the_authority = self.steps(as_user(authority), course)
        assert edit not in the_authority.split('class="steps"')[1].split("</nav>")[0]
        manager = self.steps(as_user(lene), course)
        assert 'class="steps"' not in manager and reverse("courses:close", args=[course.pk]) not in manager

    def test_a_therapist_sees_no_intake_steps_they_cannot_take(self, as_user, randers_centre, anna, bo):
        course = course_services.course_open(
            citizen=requested(randers_centre, anna, date(2026, 3, 1)).citizen,
            by=anna,
            kind="alcohol",
            first_contact_on=date(2026, 3, 25),
        )
        therapist = self.steps(as_user(bo), course)
        # The course's own steps take any casework role (courses.views), so a therapist may record advice.
        assert reverse("courses:advice", args=[course.pk]) in therapist

    def test_a_request_outside_the_standard_tells_a_visitator_the_authority_decides(
        self, as_user, randers_centre, anna, authority
    ):
        course = course_services.course_open(
            citizen=requested(randers_centre, anna, date(2026, 3, 1)).citizen,
            by=anna,
            kind="alcohol",
            first_contact_on=date(2026, 3, 25),
        )
        course_services.treatment_request_register(
            course=course, by=anna, expressed_on=date(2026, 3, 25), channel="phone", expressed_by="Borgeren"
        )
        issue = reverse("decisions:issue", args=[course.pk])
        visitator = self.steps(as_user(anna), course)
        assert "data-awaits-authority" in visitator and issue not in visitator
        assert issue in self.steps(as_user(authority), course)


def test_every_caseload_page_is_for_case_roles_only(as_user, randers_admin):
    client = as_user(randers_admin)
    for name in ("caseloads:mine", "caseloads:team", "caseloads:overview"):
        assert client.get(reverse(name)).status_code == 403, name


def test_a_physician_may_carry_a_course(randers_centre, anna):
    physician = staff(randers_centre, Role.PHYSICIAN, username="randers-laege")
    course = requested(randers_centre, anna, date(2026, 3, 20))
    services.course_reassign(course=course, by=anna, responsible=physician, team=None)
    assert Course.objects.get(pk=course.pk).responsible == physician
