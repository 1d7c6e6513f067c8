"""The worklists and caseloads stay fast as the data grows (issue 12, "Scale"): every section is a
page (keyset, its own cursor) with its total, the number of queries does not grow with the rows,
closed history never shows nor costs, and the audit names exactly the citizens a page showed.
On PostgreSQL the plans are checked: one range scan of a partial index on the open rows."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from courses import services as course_services
from courses.models import Course, CourseState
from deadlines.models import Deadline, DeadlineKind
from deadlines.views import SECTION_SIZE
from organisations.models import Membership, Role, Team
from tests.caseloads.conftest import assessed, requested
from tests.conftest import staff

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 1)
SCOPES = ("mine", "team", "centre")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.combine(TODAY, time(12), tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False):
        yield


@pytest.fixture
def team(randers_centre):
    return Team.objects.create(centre=randers_centre, name="Team Nord")


@pytest.fixture
def worker(randers_centre, team):
    """A visitator and authority in Team Nord: the courses she opens are hers and the team's, and
    she sees both queues (new requests, awaiting decision)."""
    user = staff(randers_centre, Role.VISITATOR, Role.AUTHORITY, username="scale-worker")
    Membership.objects.filter(user=user, centre=randers_centre).update(team=team)
    return user


def add_courses(centre, by, count: int, start: int = 0) -> list[Course]:
    """``count`` courses requested over the past weeks (overdue and due-soon deadlines), every
    third assessed (awaiting a decision); the rest wait for an assessment (new requests)."""
    made = []
    for n in range(start, start + count):
        expressed = TODAY - timedelta(days=4 + n % 20)
        made.append((assessed if n % 3 == 0 else requested)(centre, by, expressed))
    return made


def get(client, name: str, **params):
    return client.get(reverse(name), params)


def counted(client, name: str, **params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = get(client, name, **params)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def sections(context) -> dict:
    return {
        key: context[f"{key}_page"]
        for key in ("overdue", "soon", "waived", "follow_ups", "duties", "no_shows", "to_decide", "to_take")
    }


def test_every_worklist_scope_does_the_same_queries_for_3_and_60_courses(
    as_user, randers_centre, worker, django_assert_num_queries
):
    add_courses(randers_centre, worker, 3)
    client = as_user(worker)
    get(client, "deadlines:worklist")  # the session and the memberships warm up
    few = {scope: counted(client, "deadlines:worklist", vis=scope)[0] for scope in SCOPES}
    add_courses(randers_centre, worker, 57, start=3)
    for scope in SCOPES:
        with django_assert_num_queries(few[scope]):
            response = get(client, "deadlines:worklist", vis=scope)
        pages = sections(response.context)
        assert all(len(page) <= SECTION_SIZE for page in pages.values())
        assert pages["overdue"].total + pages["soon"].total > 2 * SECTION_SIZE  # more than a page: paged
        assert pages["to_take"].total == 40 and len(pages["to_take"]) == SECTION_SIZE
        assert pages["to_decide"].total == 20
        assert response.content.decode().count('rel="next"') >= 2


def test_each_section_pages_on_its_own_cursor_and_keeps_the_others(as_user, randers_centre, worker):
    add_courses(randers_centre, worker, 45)
    client = as_user(worker)
    first = get(client, "deadlines:worklist", vis="centre")
    assert first.context["to_take_page"].total == 30
    overdue = first.context["overdue_page"]
    assert overdue.has_next and not overdue.has_previous
    # The link to the next page of the overdue section keeps the tab and leads back to the section.
    assert overdue.extra["next_url"] == (
        f"{reverse('deadlines:worklist')}?vis=centre&forsinket_efter={overdue.next_after}#forsinket"
    )
    assert overdue.extra["next_url"].replace("&", "&amp;") in first.content.decode()
    seen, pages = [], []
    response = first
    while True:
        page = response.context["overdue_page"]
        seen += [row.pk for row in page]
        pages.append(response)
        if not page.has_next:
            break
        response = get(client, "deadlines:worklist", vis="centre", forsinket_efter=page.next_after)
        # Another section's page is untouched by the overdue section's cursor.
        assert [c.pk for c in response.context["to_take"]] == [c.pk for c in first.context["to_take"]]
    expected = list(
        Deadline.objects.open()
        .filter(centre=randers_centre, due_on__lt=TODAY)
        .order_by("due_on", "id")
        .values_list("pk", flat=True)
    )
    assert seen == expected and len(pages) > 1
    # Back from the last page by its previous link.
    last = pages[-1].context["overdue_page"]
    back = get(client, "deadlines:worklist", vis="centre", forsinket_foer=last.previous_before)
    assert [row.pk for row in back.context["overdue"]] == [row.pk for row in pages[-2].context["overdue"]]
    # A cursor that is not a number, or another centre's row, starts the section from the top.
    for junk in ("abc", "-1", "99999999999999999999"):
        assert [
            r.pk for r in get(client, "deadlines:worklist", vis="centre", forsinket_efter=junk).context["overdue"]
        ] == [r.pk for r in first.context["overdue"]]


def test_the_audit_names_exactly_the_citizens_the_page_showed(as_user, randers_centre, worker):
    add_courses(randers_centre, worker, 45)
    client = as_user(worker)

    def shown(response) -> set[int]:
        context = response.context
        return (
            {row.course.citizen_id for key in ("overdue", "soon", "waived", "follow_ups") for row in context[key]}
            | {course.citizen_id for course in context["to_decide"] + context["to_take"]}
            | {duty.course.citizen_id for duty in context["duties"]}
        )

    first = get(client, "deadlines:worklist", vis="centre")
    second = get(client, "deadlines:worklist", vis="centre", nye_efter=first.context["to_take_page"].next_after)
    reads = list(AuditEvent.objects.filter(actor=worker, action="view").order_by("id"))
    assert [set(read.changes["citizens"]) for read in reads] == [shown(first), shown(second)]
    everyone = set(Course.objects.filter(centre=randers_centre).values_list("citizen_id", flat=True))
    assert shown(first) < everyone  # only what the page held, not the whole list


def test_closed_history_never_shows_nor_adds_queries(as_user, randers_centre, worker, django_assert_num_queries):
    add_courses(randers_centre, worker, 3)
    client = as_user(worker)
    get(client, "deadlines:worklist")
    few = {scope: counted(client, "deadlines:worklist", vis=scope) for scope in SCOPES}
    history = add_courses(randers_centre, worker, 12, start=3)
    for course in history:
        course_services.course_close(course=course, by=worker, closed_on=TODAY, kind="moved")
    closed_ids = {course.pk for course in history}
    for scope in SCOPES:
        with django_assert_num_queries(few[scope][0]):
            response = get(client, "deadlines:worklist", vis=scope)
        for key, page in sections(response.context).items():
            courses = {getattr(row, "course", row).pk for row in page} if key != "no_shows" else set()
            assert not courses & closed_ids, key
            assert page.total == few[scope][1].context[f"{key}_page"].total, key


def test_the_caseload_pages_do_the_same_queries_for_3_and_60_courses(
    as_user, randers_centre, worker, team, randers_manager, django_assert_num_queries
):
    add_courses(randers_centre, worker, 3)
    client = as_user(worker)
    manager = as_user(randers_manager)
    get(client, "caseloads:mine")
    pages = {"caseloads:mine": client, "caseloads:team": client, "caseloads:overview": manager}
    few = {name: counted(user, name)[0] for name, user in pages.items()}
    add_courses(randers_centre, worker, 57, start=3)
    for name, user in pages.items():
        with django_assert_num_queries(few[name]):
            response = get(user, name)
        if name != "caseloads:overview":
            page = response.context["page"]
            assert (len(page), page.total) == (50, 60) and page.has_next
    # Most recently opened first, the same order on the next page.
    mine = get(client, "caseloads:mine")
    rest = get(client, "caseloads:mine", efter=mine.context["page"].next_after)
    listed = [c.pk for c in mine.context["page"]] + [c.pk for c in rest.context["page"]]
    expected = Course.objects.exclude(state=CourseState.CLOSED).filter(responsible=worker)
    assert listed == list(expected.order_by("-opened_on", "-id").values_list("pk", flat=True))


def test_the_home_page_counts_without_loading_rows(as_user, randers_centre, worker, django_assert_num_queries):
    add_courses(randers_centre, worker, 3)
    client = as_user(worker)
    get(client, "home:index")
    few, response = counted(client, "home:index")
    add_courses(randers_centre, worker, 27, start=3)
    with django_assert_num_queries(few):
        response = get(client, "home:index")
    worklist = get(client, "deadlines:worklist").context
    my_work = response.context["my_work"]
    assert (my_work["overdue"], my_work["soon"]) == (worklist["overdue_page"].total, worklist["soon_page"].total)
    assert response.context["queues"]["my_courses"] == 30


# PostgreSQL: the plans. Thousands of closed rows and a few open ones; every worklist and caseload
# query on the deadlines or courses reads a partial index on the open rows, never the history.


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)  # nosec B608: the SQL Django itself just ran, captured
        return "\n".join(row[0] for row in cursor.fetchall())


def _plans(client, name: str, table: str, **params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert get(client, name, **params).status_code == 200
    return [
        _explain(query["sql"])
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and f'FROM "{table}"' in query["sql"]
    ]


@pytest.mark.postgres
def test_a_worklist_is_one_index_range_scan_however_long_the_history(as_user, randers_centre, worker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    open_courses = add_courses(randers_centre, worker, 3)
    history = add_courses(randers_centre, worker, 1, start=3)[0]
    course_services.course_close(course=history, by=worker, closed_on=TODAY, kind="moved")
    team_id = Team.objects.get(name="Team Nord").pk
    Deadline.objects.bulk_create(
        Deadline(
            course=history,
            centre=randers_centre,
            kind=DeadlineKind.PLAN_REVIEW,
            ref=str(n),
            due_on=TODAY - timedelta(days=n % 2000),
            closed_on=TODAY,
            source="SEL §101",
            responsible=worker,
            team_id=team_id,
        )
        for n in range(50_000)
    )
    Course.objects.bulk_create(
        Course(
            citizen_id=history.citizen_id,
            centre=randers_centre,
            state=CourseState.CLOSED,
            opened_on=TODAY - timedelta(days=n % 3000),
            first_contact_on=TODAY - timedelta(days=n % 3000),
            closed_on=TODAY,
            responsible=worker,
            team_id=team_id,
        )
        for n in range(20_000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE deadlines_deadline; ANALYZE courses_course")
    assert open_courses
    client = as_user(worker)
    # Every open deadline here has the same worker, team and centre, so the planner may take any of
    # the partial indexes on the open rows for any tab; what matters is that none reads the history.
    # (The coming follow-ups may also be read through the dashboard's (centre, kind, due_on): a range of
    # the later follow-ups, not the history.)
    open_indexes = (
        "deadline_open_resp_idx",
        "deadline_open_team_idx",
        "deadline_open_centre_idx",
        "deadline_open_course_idx",
        "deadline_waived_idx",
    )
    for scope in SCOPES:
        plans = _plans(client, "deadlines:worklist", "deadlines_deadline", vis=scope)
        assert plans, scope
        for plan in plans:
            assert "Seq Scan on deadlines_deadline" not in plan, plan
            for whole in ("deadlines_deadline_course_id", "deadline_unique_per_course"):
                assert whole not in plan, plan  # nor every row of a course
        # The overdue, due-soon and waived pages and the one query counting every section (the
        # coming follow-ups' page may take the dashboard's index, above).
        assert sum(any(index in plan for index in open_indexes) for plan in plans) >= 4, (scope, plans)
    # The open duties: the open tasks of the centre's open courses, never every open task of the
    # installation (nor the closed courses' history).
    plans = _plans(client, "deadlines:worklist", "assessments_task", vis="centre")
    assert plans and all("Seq Scan on courses_course" not in plan for plan in plans), plans
    # The no-shows: the centre's open courses (a partial index), each course's streak read from the
    # index on (course, attendance, starts_at).
    plans = _plans(client, "deadlines:worklist", "courses_course", vis="centre")
    streaks = [plan for plan in plans if "appointments_appointment" in plan]
    assert streaks and all("Seq Scan on courses_course" not in plan for plan in streaks), streaks
    # The same for the caseloads: a partial index on the open courses, never the closed ones.
    for name in ("caseloads:mine", "caseloads:team"):
        plans = _plans(client, name, "courses_course")
        open_courses = ("course_open_resp_idx", "course_open_team_idx", "course_open_centre_idx")
        assert any(index in plan for plan in plans for index in open_courses), (name, plans)
        for plan in plans:
            assert "Seq Scan on courses_course" not in plan, plan
