"""The manager's key figures: numbers known by hand, scope, invalid filters, fixed queries,
the drill-down (scoped and logged) and the downloads (logged, no citizen)."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff, verified_client

from .conftest import guaranteed_course

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 12, tzinfo=ZoneInfo("Europe/Copenhagen"))
YEAR = {"aar": "2026"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def worker(randers_centre):
    return staff(randers_centre, Role.VISITATOR, Role.THERAPIST, username="randers-arbejder")


def figure(response, key):
    return next(f for f in response.context["figures"] if f.key == key)


def randers_year(randers_centre, worker):
    """2026 in Randers: 2 guarantees kept, 1 breached, 1 waiting (overdue); 1 discharge of each kind."""
    kept = guaranteed_course(
        randers_centre, worker, requested=date(2026, 3, 2), started=date(2026, 3, 10), responsible=worker
    )
    guaranteed_course(randers_centre, worker, requested=date(2026, 3, 5), started=date(2026, 3, 19), responsible=worker)
    late = guaranteed_course(randers_centre, worker, requested=date(2026, 4, 1), started=date(2026, 4, 20))
    waiting = guaranteed_course(randers_centre, worker, requested=date(2026, 12, 1))
    guaranteed_course(
        randers_centre,
        worker,
        requested=date(2025, 12, 1),
        started=date(2025, 12, 10),
        discharged=date(2026, 5, 1),
        reason="completed",
        status="abstinent",
    )
    guaranteed_course(
        randers_centre,
        worker,
        requested=date(2025, 12, 1),
        started=date(2025, 12, 12),
        discharged=date(2026, 6, 1),
        reason="no_show",
        status="unchanged",
    )
    return kept, late, waiting


def test_the_figures_are_those_counted_by_hand(randers_centre, randers_manager, worker):
    randers_year(randers_centre, worker)
    response = verified_client(randers_manager).get(
        reverse("dashboard:index"), {"enhed": f"c{randers_centre.pk}", **YEAR}
    )
    assert response.status_code == 200
    guarantee = figure(response, "behandlingsgaranti").series[0]
    assert guarantee.value == pytest.approx(50.0)  # 2 kept of 4 counted (1 late, 1 still waiting)
    assert guarantee.target.met is False  # the law: every time, in words
    waits = figure(response, "ventetid").series
    assert (waits[0].value, waits[1].value) == (14, 19)  # days 8, 14, 19: median 14, p90 19
    outcome = figure(response, "resultat").series[0]
    assert outcome.value == pytest.approx(50.0) and outcome.target.limit == 60 and outcome.target.met is False
    assert figure(response, "frafald").series[0].value == pytest.approx(50.0)
    assert figure(response, "sagsstamme").series[1].value == 2  # the worker's two open courses
    content = response.content.decode()
    assert "50,0 %" in content
    assert ("target not met" in content) or ("målet er ikke nået" in content)
    assert 'role="img"' in content
    assert ("How is it counted?" in content) or ("Hvordan tælles det?" in content)


def test_only_managers_and_only_their_centres(randers_centre, fredericia_centre, fredericia_outsider, worker):
    assert verified_client(worker).get(reverse("dashboard:index")).status_code == 403
    client = verified_client(fredericia_outsider)
    assert client.get(reverse("dashboard:index"), {"enhed": f"c{randers_centre.pk}", **YEAR}).status_code == 400
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert response.context["selection"].centre_ids == (fredericia_centre.pk,)


def test_an_invalid_period_is_explained_and_kept(randers_centre, randers_manager):
    client = verified_client(randers_manager)
    response = client.get(
        reverse("dashboard:index"), {"enhed": f"c{randers_centre.pk}", "fra": "2026-13", "til": "2026-02"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "fra" in form.errors and 'value="2026-13"' in response.content.decode()
    response = client.get(
        reverse("dashboard:index"), {"enhed": f"c{randers_centre.pk}", "fra": "2026-05", "til": "2026-02"}
    )
    assert "til" in response.context["form"].errors
    response = client.get(
        reverse("dashboard:index"), {"enhed": f"c{randers_centre.pk}", "fra": "3/2026", "til": "2026-04"}
    )
    assert response.status_code == 200
    assert len(response.context["selection"].months) == 2


@pytest.mark.parametrize("size", [3, 30])
def test_the_page_queries_do_not_grow_with_the_data(
    randers_centre, randers_manager, worker, size, django_assert_num_queries
):
    for n in range(size):
        guaranteed_course(
            randers_centre,
            worker,
            requested=date(2026, 1 + n % 12, 3),
            started=date(2026, 1 + n % 12, 10 + n % 10),
            responsible=worker,
        )
    client = verified_client(randers_manager)
    params = {"enhed": f"c{randers_centre.pk}", **YEAR}
    client.get(reverse("dashboard:index"), params)  # sessions and the like settle
    with django_assert_num_queries(QUERIES):
        client.get(reverse("dashboard:index"), params)


QUERIES = 13  # session, user, device, memberships and the like, 5 figure reads, the standard: fixed at both sizes


def test_the_drilldown_shows_the_breaches_only_in_scope_and_is_logged(
    randers_centre, fredericia_centre, randers_manager, worker
):
    kept, late, waiting = randers_year(randers_centre, worker)
    stranger = staff(fredericia_centre, Role.VISITATOR, username="fredericia-arbejder")
    other = guaranteed_course(fredericia_centre, stranger, requested=date(2026, 4, 1), started=date(2026, 4, 25))
    client = verified_client(randers_manager)
    url = reverse("dashboard:drilldown", args=["behandlingsgaranti"])
    response = client.get(url, {"enhed": f"c{randers_centre.pk}", **YEAR})
    assert response.status_code == 200
    shown = {c.pk for c in response.context["page"]}
    assert shown == {late.pk, waiting.pk}
    assert other.pk not in shown and kept.pk not in shown
    event = AuditEvent.objects.filter(changes__list="dashboard:drilldown").get()
    assert sorted(event.changes["citizens"]) == sorted([late.citizen_id, waiting.citizen_id])
    content = response.content.decode()
    assert late.citizen.cpr_masked in content and late.citizen.cpr not in content
    everything = client.get(url, {"enhed": f"c{randers_centre.pk}", "udvalg": "alle", **YEAR})
    assert {c.pk for c in everything.context["page"]} == {kept.pk, late.pk, waiting.pk} | {
        c.pk for c in everything.context["page"] if c.pk not in (kept.pk, late.pk, waiting.pk)
    }
    assert len(everything.context["page"]) == 4
    assert client.get(reverse("dashboard:drilldown", args=["ukendt"])).status_code == 404


def test_downloads_are_logged_named_and_hold_no_citizen(randers_centre, randers_manager, worker):
    kept, _late, _waiting = randers_year(randers_centre, worker)
    client = verified_client(randers_manager)
    params = {"enhed": f"c{randers_centre.pk}", **YEAR}
    response = client.get(reverse("dashboard:csv", args=["behandlingsgaranti"]), params)
    assert response.status_code == 200
    assert f"behandlingsgaranti-center-{randers_centre.pk}-2026-01-2026-12.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Måned;") or text.splitlines()[0].startswith("Month;")
    assert "50,0" in text and kept.citizen.last_name not in text
    response = client.get(reverse("dashboard:xlsx"), params)
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 13
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert kept.citizen.first_name not in " ".join(cells)
    exports = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    assert sorted(e.changes["format"] for e in exports) == ["csv", "xlsx"]


def test_the_definitions_page_names_every_figure(randers_manager):
    response = verified_client(randers_manager).get(reverse("dashboard:definitions"))
    assert response.status_code == 200
    from dashboard.figures import MEASURES

    for measure in MEASURES:
        assert f'id="{measure.key}"' in response.content.decode()


@pytest.mark.postgres
def test_the_figures_read_the_centres_courses_not_the_installations(randers_centre, fredericia_centre, worker):
    """PostgreSQL plans: with 60,000 discharged courses at another centre over ten years (6,000 in
    the year shown), the deadline and discharge reads start from the chosen centre's courses, never
    a scan of every course or of every discharge in the year."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import Course, CourseState
    from dashboard.selectors import dashboard_data
    from deadlines.models import Deadline
    from discharges.models import Discharge
    from tests.factories import CitizenFactory

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    randers_year(randers_centre, worker)
    # A busy centre: 1,000 guarantees falling due in the year (courses closed after it).
    here = CitizenFactory(centre=randers_centre)
    busy = Course.objects.bulk_create(
        Course(
            citizen=here,
            centre=randers_centre,
            state=CourseState.CLOSED,
            opened_on=date(2026, 1 + n % 12, 1),
            first_contact_on=date(2026, 1 + n % 12, 1),
            closed_on=date(2027, 1, 2),
            closed_kind="moved",
        )
        for n in range(1_000)
    )
    Deadline.objects.bulk_create(
        Deadline(course=course, centre=randers_centre, kind="guarantee", due_on=course.opened_on, source="SEL §101(4)")
        for course in busy
    )
    elsewhere = CitizenFactory(centre=fredericia_centre)
    courses = Course.objects.bulk_create(
        Course(
            citizen=elsewhere,
            centre=fredericia_centre,
            state=CourseState.CLOSED,
            opened_on=date(2025, 1, 1),
            first_contact_on=date(2025, 1, 1),
            closed_on=date(2017 + n % 10, 1 + n % 12, 1 + n % 28),  # ten years of history
            closed_kind="discharged",
        )
        for n in range(60_000)
    )
    Discharge.objects.bulk_create(
        Discharge(
            course=course,
            discharged_on=course.closed_on,
            reason="completed",
            drug_use_status="abstinent",
            self_help_contact="no",
            drug_free_partner="no",
            housing="own_home",
            income="wages",
            provider=fredericia_centre,
            recorded_by=worker,
        )
        for course in courses
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE courses_course; ANALYZE discharges_discharge; ANALYZE deadlines_deadline")
    with CaptureQueriesContext(connection) as queries:
        dashboard_data([randers_centre.pk], date(2026, 1, 1), date(2026, 12, 31), date(2027, 3, 1))
    plans = []
    for query in queries.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + query["sql"])  # nosec B608: the SQL Django itself just ran
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    for plan in plans:
        assert "Seq Scan on courses_course" not in plan, plan
        assert "Seq Scan on discharges_discharge" not in plan, plan
        assert "discharge_date_idx" not in plan, plan  # every discharge of the year, any centre
