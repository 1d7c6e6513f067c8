"""Measuring the daily pages in-process with Django's test client (one database, one size).

``pick_subjects`` chooses, deterministically from the data, a worker with a full caseload, a manager
of the worker's centre, a course of the worker's and its citizen; ``measure_pages`` times every
page a worker or manager uses daily: warm-up requests first (the last of them counted for SQL
queries with ``CaptureQueriesContext``), then ``repeat`` timed requests without query capture.
"""

import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.management import CommandError, call_command, get_commands
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from . import stats

CLOSED, IN_TREATMENT = "closed", "in_treatment"  # courses.models.CourseState


@dataclass
class Subjects:
    worker_id: int
    worker_username: str
    manager_id: int | None
    centre_id: int
    municipality_code: str
    course_id: int
    citizen_id: int
    search_term: str
    year: int

    def describe(self) -> str:
        return (
            f"worker {self.worker_username} (id {self.worker_id}), manager id {self.manager_id}, "
            f"centre {self.centre_id}, "
            f"municipality {self.municipality_code}, course {self.course_id}, citizen {self.citizen_id}, "
            f"year {self.year}"
        )


class NoSubjects(Exception):
    """The database holds no worker with a caseload to measure."""


def pick_subjects(*, year: int | None = None) -> Subjects:
    """The same choice from the same data: the user responsible for the most open deadlines (ties: lowest
    id), the centre where they hold most of them, that centre's manager with the lowest id, a course in
    treatment there (the worker's own if any) with the most open deadlines (ties: lowest id) and its
    citizen, searched by last name."""
    from courses.models import Course
    from deadlines.models import Deadline
    from organisations.models import Centre, Membership, Role, User

    busiest = (
        Deadline.objects.open()
        .exclude(responsible=None)
        .values("responsible_id", "centre_id")
        .annotate(n=Count("id"))
        .order_by("-n", "responsible_id", "centre_id")
        .first()
    )
    if busiest is None:  # no deadlines at all: the user responsible for the most open courses
        busiest = (
            Course.objects.exclude(state=CLOSED)
            .exclude(responsible=None)
            .values("responsible_id", "centre_id")
            .annotate(n=Count("id"))
            .order_by("-n", "responsible_id", "centre_id")
            .first()
        )
    if busiest is None:
        raise NoSubjects("No open course with a responsible worker: generate data first.")
    worker = User.objects.get(pk=busiest["responsible_id"])
    centre = Centre.objects.select_related("municipality").get(pk=busiest["centre_id"])
    manager_id = (
        Membership.objects.filter(centre=centre, role=Role.MANAGER, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .first()
    )
    # A course in treatment (the same kind of page at every size), the worker's own if they have one.
    candidates = (
        Course.objects.filter(centre=centre, state=IN_TREATMENT, responsible=worker),
        Course.objects.filter(centre=centre, state=IN_TREATMENT),
        Course.objects.filter(centre=centre, responsible=worker).exclude(state=CLOSED),
        Course.objects.filter(centre=centre),
    )
    for queryset in candidates:
        course = (
            queryset.annotate(n=Count("deadlines", filter=Q(deadlines__closed_on=None)))
            .order_by("-n", "id")
            .select_related("citizen")
            .first()
        )
        if course is not None:
            break
    return Subjects(
        worker_id=worker.pk,
        worker_username=worker.get_username(),
        manager_id=manager_id,
        centre_id=centre.pk,
        municipality_code=getattr(centre.municipality, "code", "") or "",
        course_id=course.pk,
        citizen_id=course.citizen_id,
        search_term=course.citizen.last_name,
        year=year or timezone.localdate().year - 1,
    )


def ensure_device(user) -> str:
    """The persistent id of the user's authenticator (one is made when generated staff have none)."""
    from accounts.models import AuthenticatorDevice

    device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is None:
        device = AuthenticatorDevice.create_for(user, name="bench", confirmed=True)
    return device.persistent_id


def verified_client(user) -> Client:
    """A test client logged in with both factors (as ``tests.conftest.verified_client``)."""
    client = Client(raise_request_exception=False)  # a page that fails is reported, not fatal
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = ensure_device(user)
    session.save()
    return client


@dataclass
class Page:
    """One measure: ``name`` in the BENCH line, ``kind`` selects the target (page, dashboard, export)."""

    name: str
    kind: str
    who: str  # "worker" or "manager"
    method: str = "get"
    path: str = ""
    data: dict = field(default_factory=dict)
    command: tuple = ()  # a management command instead of a request: (name, *args)


def _reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# The dashboard's filters (dashboard.forms.FilterForm): one centre ("c<id>") and one calendar year.
DASHBOARD_QUERY = "enhed=c{centre}&aar={year}"


def daily_pages(subjects: Subjects) -> list[Page]:
    """Every page a worker or manager uses daily, with the chosen subjects; missing URLs are skipped."""
    worklist = _reverse("deadlines:worklist") or "/opgaver/"
    pages = [
        Page("home", "page", "worker", path=_reverse("home:index") or "/forside/"),
        Page("worklist_mine", "page", "worker", path=f"{worklist}?vis=mine"),
        Page("worklist_team", "page", "worker", path=f"{worklist}?vis=team"),
        Page("worklist_centre", "page", "worker", path=f"{worklist}?vis=centre"),
        Page("citizen_list", "page", "worker", path=_reverse("citizens:index") or "/borgere/"),
        Page(
            "name_search",
            "page",
            "worker",
            method="post",
            path=_reverse("citizens:index") or "/borgere/",
            data={"q": subjects.search_term},
        ),
        Page("citizen", "page", "worker", path=_reverse("citizens:detail", subjects.citizen_id) or ""),
        Page("course", "page", "worker", path=_reverse("courses:detail", subjects.course_id) or ""),
        Page("timeline", "page", "worker", path=_reverse("timeline:citizen", subjects.citizen_id) or ""),
    ]
    dashboard = _reverse("dashboard:index")
    if dashboard is not None:
        query = DASHBOARD_QUERY.format(centre=subjects.centre_id, year=subjects.year)
        pages.append(Page("dashboard", "dashboard", "manager", path=f"{dashboard}?{query}"))
    else:
        pages.append(Page("dashboard", "dashboard", "manager"))  # skipped: no URL yet
    pages.append(
        Page(
            "smdb_export",
            "export",
            "manager",
            command=("smdb_export", "--municipality", subjects.municipality_code, "--year", str(subjects.year)),
        )
    )
    return pages


@dataclass
class Measure:
    name: str
    kind: str
    count: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    queries: int = 0
    bytes: int = 0
    status: int = 0
    skipped: str = ""  # why it was not measured

    def as_dict(self) -> dict:
        return asdict(self)


class Skip(Exception):
    pass


def _request(client: Client, page: Page):
    response = (
        getattr(client, page.method)(page.path, page.data) if page.data else getattr(client, page.method)(page.path)
    )
    if response.status_code != 200:
        raise Skip(f"{page.method.upper()} {page.path} answered {response.status_code}")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(content)


def _export(page: Page):
    if page.command[0] not in get_commands():
        raise Skip(f"no `manage.py {page.command[0]}` command yet")
    with tempfile.TemporaryDirectory(prefix="forlob-bench-") as folder:
        out = Path(folder) / "export.csv"
        try:
            call_command(*page.command, "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError as error:
            raise Skip(f"`manage.py {' '.join(page.command)}` failed: {error}") from None
        size = sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file())
    return 0, size


def measure(run: Callable[[], tuple[int, int]], *, name: str, kind: str, warmup: int, repeat: int) -> Measure:
    """Warm up (the last warm-up run counts the queries), then time ``repeat`` runs."""
    result = Measure(name=name, kind=kind)
    for number in range(max(warmup, 1)):
        if number == max(warmup, 1) - 1:
            with CaptureQueriesContext(connection) as captured:
                result.status, result.bytes = run()
            result.queries = len(captured)
        else:
            run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    summary = stats.summarise(times)
    result.count, result.p50_ms, result.p95_ms, result.max_ms = (
        summary.count,
        summary.p50_ms,
        summary.p95_ms,
        summary.max_ms,
    )
    return result


def measure_pages(
    subjects: Subjects, *, warmup: int = 3, repeat: int = 30, export_repeat: int = 3, only: set[str] | None = None
) -> list[Measure]:
    """Every daily page measured for the chosen worker and manager (a page without a manager is skipped)."""
    from organisations.models import User

    clients = {"worker": verified_client(User.objects.get(pk=subjects.worker_id))}
    if subjects.manager_id is not None:
        clients["manager"] = verified_client(User.objects.get(pk=subjects.manager_id))
    results = []
    for page in daily_pages(subjects):
        if only and page.name not in only:
            continue
        if page.command:
            run, times = (lambda page=page: _export(page)), export_repeat
        elif not page.path:
            results.append(Measure(name=page.name, kind=page.kind, skipped="no URL yet"))
            continue
        elif page.who not in clients:
            results.append(Measure(name=page.name, kind=page.kind, skipped="no manager at the worker's centre"))
            continue
        else:
            run, times = (lambda page=page: _request(clients[page.who], page)), repeat
        try:
            results.append(
                measure(run, name=page.name, kind=page.kind, warmup=1 if page.command else warmup, repeat=times)
            )
        except Skip as why:
            results.append(Measure(name=page.name, kind=page.kind, skipped=str(why)))
    return results
