"""The worklist in the treatment stages: the plan and its reviews lead to the plan, the follow-ups
after discharge to the follow-up page and name the provider that carries them out (G3.12.2); the
open duties and the repeated no-shows of the courses in scope; every citizen shown is logged; the
number of queries does not grow with the rows.

Time stands still on 1 September 2026 at noon in Copenhagen.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from appointments import services as appointment_services
from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from courses.models import Course
from deadlines.models import Deadline
from deadlines.templatetags.deadlines import deadline_title, status_label
from deadlines.views import SECTION_SIZE
from decisions.models import Decision
from discharges import services as discharge_services
from organisations.models import Centre, Membership, Role
from tests.conftest import staff
from tests.factories import CentreFactory, TeamFactory
from tests.pathway import course_in_treatment

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 1)
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.combine(TODAY, time(12), tzinfo=COPENHAGEN), tick=False):
        yield


@pytest.fixture
def external_provider(randers_centre) -> Centre:
    return CentreFactory(
        municipality=randers_centre.municipality, name="Privat Behandling ApS", kind=Centre.Kind.EXTERNAL_PRIVATE
    )


def in_treatment(centre, therapist, days_ago: int = 150) -> Course:
    return course_in_treatment(centre, therapist=therapist, days_ago=days_ago)


def discharge(course: Course, by, *, on: date, reason: str = "completed", declined: bool = False) -> Course:
    discharge_services.discharge_record(
        course=course,
        by=by,
        discharged_on=on,
        reason=reason,
        drug_use_status="unknown",
        self_help_contact="unknown",
        drug_free_partner="unknown",
        housing="unknown",
        income="unknown",
        follow_up_declined=declined,
        told_about_follow_up=True,
    )
    course.refresh_from_db()
    return course


def treated_by(course: Course, provider: Centre) -> None:
    """The decision allocated the treatment to ``provider`` (so it carries out the follow-up)."""
    Decision.objects.filter(course=course).update(provider=provider)


def duty(course: Course, kind: str = TaskKind.NALOXONE, *, days_ago: int = 10, done: bool = False) -> Task:
    created = TODAY - timedelta(days=days_ago)
    return Task.objects.create(course=course, kind=kind, created_on=created, done_on=TODAY if done else None)


def no_shows(course: Course, by, *, count: int, first_days_ago: int = 20) -> None:
    for n in range(count):
        starts = datetime.combine(TODAY - timedelta(days=first_days_ago - n * 7), time(8), tzinfo=COPENHAGEN)
        starts += timedelta(minutes=5 * (course.pk % 100))  # each course its own slot: no clash for the worker
        appointment = appointment_services.appointment_book(
            course=course, by=by, kind="individual", starts_at=starts, worker=by, duration_minutes=5
        )
        appointment_services.attendance_record(appointment=appointment, by=by, attendance="no_show")


def worklist(client, scope: str = "mine"):
    return client.get(reverse("deadlines:worklist") + f"?vis={scope}")


class TestTreatmentDeadlines:
    def test_a_plan_not_made_at_treatment_start_leads_to_the_plan(self, as_user, randers_centre, randers_therapist):
        course = in_treatment(randers_centre, randers_therapist, days_ago=20)
        response = worklist(as_user(randers_therapist))
        (plan,) = [d for d in response.context["overdue"] if d.kind == "treatment_plan"]
        assert plan.course_id == course.pk
        assert plan.step_url == reverse("plans:plan", args=[course.pk])

    def test_a_follow_up_due_soon_leads_to_the_follow_up_page_and_names_who_carries_it_out(
        self, as_user, randers_centre, randers_therapist, external_provider
    ):
        course = in_treatment(randers_centre, randers_therapist)
        treated_by(course, external_provider)
        discharge(course, randers_therapist, on=date(2026, 8, 5))  # 1 month: 5 September
        response = worklist(as_user(randers_therapist))
        (follow_up,) = response.context["soon"]
        assert (follow_up.kind, follow_up.ref, follow_up.due_on) == ("follow_up", "1", date(2026, 9, 5))
        assert follow_up.step_url == reverse("followups:course", args=[course.pk])
        assert follow_up.carried_out_by == external_provider
        html = response.content.decode()
        assert "Privat Behandling ApS" in html and "data-provider" in html

    def test_the_centres_own_follow_up_names_no_provider(self, as_user, randers_centre, randers_therapist):
        course = in_treatment(randers_centre, randers_therapist)
        discharge(course, randers_therapist, on=date(2026, 7, 20))  # 1 month: 20 August, overdue
        response = worklist(as_user(randers_therapist))
        (follow_up,) = response.context["overdue"]
        assert follow_up.provider_id == course.centre_id
        assert follow_up.carried_out_by is None
        assert "data-provider" not in response.content.decode()

    def test_the_pending_plan_leaves_the_worklist_with_the_discharge(self, as_user, randers_centre, randers_therapist):
        course = in_treatment(randers_centre, randers_therapist, days_ago=200)
        assert {d.kind for d in worklist(as_user(randers_therapist)).context["overdue"]} == {"treatment_plan"}
        discharge(course, randers_therapist, on=TODAY, reason="wished_to_stop")  # no follow-up by law
        response = worklist(as_user(randers_therapist))
        assert (response.context["overdue"], response.context["soon"]) == ([], [])

    def test_a_declined_follow_up_leaves_the_worklist_and_says_the_citizen_declined(
        self, as_user, randers_centre, randers_therapist
    ):
        course = in_treatment(randers_centre, randers_therapist)
        discharge(course, randers_therapist, on=date(2026, 8, 5), declined=True)
        assert worklist(as_user(randers_therapist)).context["soon"] == []
        row = Deadline.objects.get(course=course, kind="follow_up", ref="1")
        with translation.override("da"):
            label = status_label(row.status_on(TODAY), row)
            assert label == gettext("The citizen declined follow-up (%(date)s)") % {"date": "05.08.2026"}
            assert gettext("Waived – start as soon as possible") not in label

    def test_declining_after_the_due_date_shows_it_was_overdue_until_then(self):
        row = Deadline(
            kind="follow_up",
            ref="1",
            due_on=date(2026, 8, 5),
            waived_on=date(2026, 8, 12),
            waiver_reason="opted_out",
        )
        with translation.override("da"):
            label = status_label(row.status_on(TODAY), row)
            assert label == gettext("Overdue from %(from)s until the citizen declined follow-up on %(date)s") % {
                "from": "06.08.2026",
                "date": "12.08.2026",
            }

    def test_a_waived_guarantee_still_says_start_as_soon_as_possible(self):
        row = Deadline(kind="guarantee", due_on=date(2026, 8, 5), waived_on=date(2026, 8, 1), waiver_reason="no_show")
        with translation.override("en"):
            assert status_label(row.status_on(TODAY), row) == "Waived – start as soon as possible"

    @pytest.mark.parametrize(
        ("kind", "ref", "title"),
        [
            ("follow_up", "1", "Follow-up 1 month after discharge"),
            ("follow_up", "6", "Follow-up 6 months after discharge"),
            ("plan_review", "3", "Review of the treatment plan (version 3)"),
            ("treatment_plan", "", "Treatment plan at treatment start"),
        ],
    )
    def test_each_row_says_which_follow_up_or_review_it_is(self, kind, ref, title):
        with translation.override("en"):
            assert deadline_title(Deadline(kind=kind, ref=ref)) == title


class TestOpenDuties:
    def test_open_duties_of_open_courses_oldest_first(self, as_user, randers_centre, randers_therapist):
        course = in_treatment(randers_centre, randers_therapist)
        newer = duty(course, TaskKind.CONTRACEPTION, days_ago=3)
        older = duty(course, TaskKind.NALOXONE, days_ago=12)
        duty(course, TaskKind.SCREENING, done=True)
        duty(course, TaskKind.CHILD_NOTIFICATION)  # a deadline of its own, not a duty
        closed = in_treatment(randers_centre, randers_therapist)
        duty(closed, TaskKind.DUAL_TREATMENT)
        discharge(closed, randers_therapist, on=TODAY)
        response = worklist(as_user(randers_therapist))
        assert [d.pk for d in response.context["duties"]] == [older.pk, newer.pk]
        assert response.context["duties_total"] == 2
        assert [d.days_open for d in response.context["duties"]] == [12, 3]
        html = response.content.decode()
        assert reverse("assessments:tasks", args=[course.pk]) in html
        assert html.count("data-duty=") == 2

    def test_every_kind_but_the_notification_is_a_duty(self, as_user, randers_centre, randers_therapist):
        course = in_treatment(randers_centre, randers_therapist)
        for kind in TaskKind.values:
            duty(course, kind)
        kinds = {d.kind for d in worklist(as_user(randers_therapist)).context["duties"]}
        assert kinds == set(TaskKind.values) - {TaskKind.CHILD_NOTIFICATION}
        assert {TaskKind.OUTREACH, TaskKind.AFTERCARE, TaskKind.NALOXONE} <= kinds

    def test_a_page_at_a_time_is_listed_with_the_total(self, as_user, randers_centre, randers_therapist):
        course = in_treatment(randers_centre, randers_therapist)
        for n in range(53):
            duty(course, days_ago=60 - n)
        client = as_user(randers_therapist)
        response = worklist(client)
        assert (len(response.context["duties"]), response.context["duties_total"]) == (SECTION_SIZE, 53)
        assert response.context["duties"][0].days_open == 60  # the oldest are shown
        caption = response.content.decode().split("data-duties>")[1].split("</caption>")[0]
        assert "25 af 53 vist" in caption
        # The next pages, by the section's own cursor, until the last.
        seen = [d.pk for d in response.context["duties"]]
        while response.context["duties_page"].has_next:
            cursor = response.context["duties_page"].next_after
            response = client.get(reverse("deadlines:worklist"), {"vis": "mine", "pligter_efter": cursor})
            seen += [d.pk for d in response.context["duties"]]
        assert len(seen) == len(set(seen)) == 53
        assert response.context["duties"][-1].days_open == 8

    def test_mine_team_and_centre(self, as_user, randers_centre, randers_therapist):
        colleague = staff(randers_centre, Role.THERAPIST, username="randers-kollega")
        team = TeamFactory(centre=randers_centre, name="Team Nord")
        Membership.objects.filter(user=randers_therapist, centre=randers_centre).update(team=team)
        own, teams, centres = (in_treatment(randers_centre, t) for t in (randers_therapist, colleague, colleague))
        Course.objects.filter(pk=teams.pk).update(team=team)
        for course in (own, teams, centres):
            duty(course)
        client = as_user(randers_therapist)
        in_scope = {
            scope: {d.course_id for d in worklist(client, scope).context["duties"]}
            for scope in ("mine", "team", "centre")
        }
        # The therapist's own course joined the therapist's team when treatment started.
        assert in_scope == {"mine": {own.pk}, "team": {own.pk, teams.pk}, "centre": {own.pk, teams.pk, centres.pk}}

    def test_another_centres_duties_never_show(self, as_user, randers_centre, randers_therapist, fredericia_outsider):
        duty(in_treatment(randers_centre, randers_therapist))
        response = worklist(as_user(fredericia_outsider), "centre")
        assert (response.context["duties"], response.context["duties_total"]) == ([], 0)

    def test_the_home_page_counts_the_users_open_duties(self, as_user, randers_centre, randers_therapist):
        colleague = staff(randers_centre, Role.THERAPIST, username="randers-kollega")
        mine = in_treatment(randers_centre, randers_therapist)
        duty(mine)
        duty(mine, TaskKind.CONTRACEPTION)
        duty(mine, TaskKind.SCREENING, done=True)
        duty(in_treatment(randers_centre, colleague))
        assert as_user(randers_therapist).get(reverse("home:index")).context["my_work"]["duties"] == 2


class TestRepeatedNoShows:
    def test_two_no_shows_in_a_row_are_listed(self, as_user, randers_centre, randers_therapist):
        repeated = in_treatment(randers_centre, randers_therapist)
        once = in_treatment(randers_centre, randers_therapist)
        no_shows(repeated, randers_therapist, count=2)
        no_shows(once, randers_therapist, count=1)
        response = worklist(as_user(randers_therapist))
        (row,) = response.context["no_shows"]
        assert (row.course.pk, row.count, row.last_on) == (repeated.pk, 2, TODAY - timedelta(days=13))
        assert f'data-no-show="{repeated.pk}"' in response.content.decode()
        # Each no-show also left an outreach duty (G3.10.3).
        assert [d.kind for d in response.context["duties"]] == ["outreach"] * 3

    def test_another_centres_no_shows_never_show(self, as_user, randers_centre, randers_therapist, fredericia_outsider):
        no_shows(in_treatment(randers_centre, randers_therapist), randers_therapist, count=3)
        assert worklist(as_user(fredericia_outsider), "centre").context["no_shows"] == []


def test_every_citizen_shown_is_logged_in_one_event(as_user, randers_centre, randers_therapist):
    followed_up = in_treatment(randers_centre, randers_therapist)
    discharge(followed_up, randers_therapist, on=date(2026, 8, 5))
    with_duty = in_treatment(randers_centre, randers_therapist, days_ago=150)
    duty(with_duty)
    with_no_shows = in_treatment(randers_centre, randers_therapist, days_ago=150)
    no_shows(with_no_shows, randers_therapist, count=2)
    # Their plans were made (the plan's deadline met): only the duty and the no-shows name them now.
    Deadline.objects.filter(course__in=[with_duty, with_no_shows], kind="treatment_plan").update(met_on=TODAY)
    response = worklist(as_user(randers_therapist))
    assert {d.course_id for d in response.context["overdue"] + response.context["soon"]} == {followed_up.pk}
    (read,) = AuditEvent.objects.filter(action="view", actor=randers_therapist)
    assert read.changes["citizens"] == sorted(c.citizen_id for c in (followed_up, with_duty, with_no_shows))


def test_the_worklist_does_not_grow_in_queries_with_its_rows(
    as_user, randers_centre, randers_therapist, external_provider, django_assert_max_num_queries
):
    def one_more(n: int) -> None:
        """Even: a course in treatment with a duty and its plan overdue. Odd: a discharged course
        with its follow-up due, every other one carried out by an external provider."""
        course = in_treatment(randers_centre, randers_therapist, days_ago=150 + n)
        if n % 2 == 0:
            duty(course, days_ago=n + 1)
            return
        if n % 4 == 1:
            treated_by(course, external_provider)
        discharge(course, randers_therapist, on=date(2026, 8, 5) - timedelta(days=n % 10))

    no_shows(in_treatment(randers_centre, randers_therapist), randers_therapist, count=2)
    one_more(0)
    one_more(1)
    client = as_user(randers_therapist)
    worklist(client, "centre")  # the session and the memberships warm up
    with CaptureQueriesContext(connection) as few:
        response = worklist(client, "centre")
    assert len(response.context["duties"]) == 3 and len(response.context["no_shows"]) == 1
    assert len(response.context["overdue"]) + len(response.context["soon"]) == 3
    for n in range(2, 32):
        one_more(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = worklist(client, "centre")
    rows = response.context["overdue"] + response.context["soon"]
    assert len(response.context["duties"]) == 2 + 16
    # The plans of the 17 courses in treatment, the 16 first follow-ups; each section shows a page.
    assert response.context["overdue_page"].total + response.context["soon_page"].total == 17 + 16
    assert len(response.context["overdue"]) <= SECTION_SIZE and len(response.context["soon"]) <= SECTION_SIZE
    assert any(row.carried_out_by for row in rows)
    assert all((row.carried_out_by is not None) == (row.provider_id == external_provider.pk) for row in rows)


def test_both_follow_ups_after_a_discharge_are_on_the_worklist_long_before_they_fall_due(
    as_user, randers_centre, randers_therapist
):
    """The law's 1 and 6 months (BEK 1477 §4(2)): the worker sees both from the day of discharge."""
    course = in_treatment(randers_centre, randers_therapist)
    discharge(course, randers_therapist, on=TODAY)
    response = worklist(as_user(randers_therapist))
    coming = [(row.kind, row.ref, row.due_on) for row in response.context["follow_ups"]]
    assert coming == [("follow_up", "1", date(2026, 10, 1)), ("follow_up", "6", date(2027, 3, 1))]
    assert response.context["follow_ups_total"] == 2
    html = response.content.decode()
    assert "Kommende opfølgninger efter udskrivning" in html
    assert html.count(reverse("followups:course", args=[course.pk])) >= 2


def test_a_declined_follow_up_is_not_coming(as_user, randers_centre, randers_therapist):
    course = in_treatment(randers_centre, randers_therapist)
    discharge(course, randers_therapist, on=TODAY, declined=True)
    assert worklist(as_user(randers_therapist)).context["follow_ups"] == []
