"""Every page that shows a citizen's name or data writes an audit row naming that citizen.

The walk covers every URL pattern of the project (``get_resolver()``, through every include). Each
pattern must be in one of three tables, or the first test fails ("add it to the table"):

- ``READS``: pages that show a citizen. Each is opened (GET, or POST with an empty body for the
  pages that answer a POST with a form page or a file) by a user allowed to see it, and a VIEW,
  SEARCH or EXPORT event by that user must name the expected citizen, in ``citizen_id`` or in
  ``changes["citizens"]`` (a list page: one event naming everyone it showed). Pages of one course
  are opened for a course in every state of the pathway; whatever answers 200 must log.
- ``REDIRECT_ONLY``: POST endpoints that answer only with a redirect (they show nothing).
- ``NO_CITIZEN_DATA``: pages that show no citizen; the test checks that no citizen's name is on them.

The world is tests/security/conftest.py's (Sigurd Hemmeligsen's decided course with letter,
complaint, task, consent and a break-the-glass access), plus citizens whose courses stand in the
other states, and a refusal flagged for mentioning mental illness.
"""

import datetime
import pkgutil
from importlib import import_module

import pytest
import weasyprint
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessments import services as assessment_services
from audit.models import AuditEvent
from courses import services as course_services
from decisions import services as decision_services
from tests.assessments.conftest import full_answers
from tests.conftest import staff, verified_client
from tests.decisions.conftest import decision_fields
from tests.factories import CitizenFactory

from . import pages
from .conftest import OTHER_CENTRE, RANDERS_CITIZEN, World
from .probes import A, M, P, Probe, T, V, get, post

READ_ACTIONS = (AuditEvent.Action.VIEW, AuditEvent.Action.SEARCH, AuditEvent.Action.EXPORT)


# url name -> the probes that must each write a read event naming the citizen shown.
READS = {
    "citizens:index": [get(None, V), post(None, V, q="Hemmeligsen")],
    "citizens:detail": [get("citizen", T)],
    "citizens:edit": [get("citizen", V)],
    "citizens:person_add": [get("citizen", V)],
    "citizens:consent_add": [get("citizen", V)],
    "courses:open": [get("citizen", V)],
    "courses:detail": [get("course", T)],
    "courses:advice": [get("course", V)],
    "courses:request": [get("course", V)],
    "courses:waiver": [get("course", V)],
    "courses:start": [get("course", V)],
    "courses:close": [get("course", V)],
    "assessments:edit": [get("course", V), get("course", M)],
    "assessments:physician": [get("course", P)],
    "assessments:tasks": [get("course", T)],
    "assessments:task_done": [post("task", V)],
    "decisions:detail": [get("course", T)],
    "decisions:issue": [get("course", A)],
    "decisions:letter": [post("course", A)],
    "decisions:letter_download": [get("course", T)],
    "decisions:letter_send": [post("course", V)],
    "decisions:written_reasons_request": [post("course", V)],
    "decisions:written_reasons_send": [post("course", V)],
    "decisions:free_choice": [get("course", V)],
    "decisions:complaint_add": [get("course", V)],
    "decisions:complaint_reassess": [get("complaint", A)],
    "decisions:complaint_appeals_outcome": [get("complaint", A)],
    "decisions:mental_illness_review": [get(None, M, shows="flagged")],
    "deadlines:worklist": [get(None, V, "?vis=centre", shows="waiting")],
    "exports:overview": [get("citizen", M)],
    "exports:pdf": [post("citizen", M)],
    "exports:json": [post("citizen", M)],
    "emergency:review_list": [get(None, M)],
    "audit:citizen_access": [get("citizen", M)],
    "audit:refused_attempts": [get(None, M)],
}

# POST endpoints that answer with a redirect only, whatever the input: they show no page.
REDIRECT_ONLY = {
    "citizens:consent_withdraw": "consent",
    "emergency:review": "emergency_access",
}

# Pages that show no citizen (checked: none of the world's citizens' names is on them), and why.
NO_CITIZEN_DATA = {
    "accounts:login": "the login form",
    "accounts:verify": "the second-factor step",
    "accounts:enrol": "enrolling an authenticator app",
    "accounts:logout": "POST only; logs out",
    "accounts:keepalive": "POST only; extends the session",
    "home:index": "the user's centres and roles, and counts of their own deadlines, no names",
    "standards:index": "quality standards",
    "standards:detail": "a quality standard",
    "public:public": "the published quality standard",
    "organisations:centre_list": "centres",
    "organisations:centre_detail": "a centre and its staff",
    "organisations:role_requests": "staff asking for case roles",
    "citizens:register": "an empty form; the centre choices are the user's own centres",
    "emergency:request": "an empty form; the citizen is named by the user (the grant is logged)",
    "set_language": "the language choice",
}

# The object whose id a page without citizen data takes (else the world's Randers centre).
NO_CITIZEN_DATA_OBJECTS = {"standards:detail": "standard"}

# The pathway's later stages keep their tables in tests/security/pages/<app>.py: each module may
# define READS, REDIRECT_ONLY, NO_CITIZEN_DATA and NO_CITIZEN_DATA_OBJECTS (merged in here), and
# ``build(world, courses) -> {"courses": {state: course}, "objects": {name: obj}}`` to add courses
# in further states (their pages are opened for those too) and the objects its probes name.
PAGE_MODULES = [import_module(f"{pages.__name__}.{m.name}") for m in pkgutil.iter_modules(pages.__path__)]
for _module in PAGE_MODULES:
    for _table in ("READS", "REDIRECT_ONLY", "NO_CITIZEN_DATA", "NO_CITIZEN_DATA_OBJECTS"):
        _extra = getattr(_module, _table, {})
        assert not set(_extra) & set(globals()[_table]), (_module.__name__, _table)
        globals()[_table].update(_extra)

# The admin is for administrators, who never see citizens: it registers no citizen model
# (tests/organisations/test_admin.py); its audit-log view is the operators' (superusers').
EXCLUDED_NAMESPACES = ("admin:",)


def walk(patterns, namespace=""):
    """Every named URL pattern's full name and its arguments, through includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            for name, arguments in walk(pattern.url_patterns, inner):
                yield name, [*pattern.pattern.converters, *arguments]
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", list(pattern.pattern.converters)


def url_patterns() -> dict[str, list[str]]:
    return {
        name: arguments
        for name, arguments in walk(get_resolver().url_patterns)
        if not name.startswith(EXCLUDED_NAMESPACES)
    }


def test_every_url_pattern_is_in_a_table():
    tables = [set(READS), set(REDIRECT_ONLY), set(NO_CITIZEN_DATA)]
    missing = sorted(set(url_patterns()) - set().union(*tables))
    assert not missing, (
        f"Add {missing} to the table in {__name__}: READS if the page shows a citizen (and make it "
        "write an audit row), NO_CITIZEN_DATA if it shows none, REDIRECT_ONLY if it shows nothing."
    )
    stale = sorted(set().union(*tables) - set(url_patterns()))
    assert not stale, f"{stale} are in the tables but no longer URL patterns."
    assert not (tables[0] & tables[1] or tables[0] & tables[2] or tables[1] & tables[2])


# --- the world -----------------------------------------------------------------------------


def _citizen_course(world: World, first_name: str, *, days_ago: int, request: bool = True):
    visitator = world.users[V]
    citizen = CitizenFactory(centre=world.randers, first_name=first_name, last_name="Læsesen")
    first_contact = timezone.localdate() - datetime.timedelta(days=days_ago)
    course = course_services.course_open(citizen=citizen, by=visitator, kind="drug", first_contact_on=first_contact)
    if request:
        course_services.treatment_request_register(
            course=course, by=visitator, expressed_on=first_contact, channel="in_person", expressed_by="Borgeren"
        )
    course.refresh_from_db()
    return course


def _assessed(world: World, first_name: str, *, days_ago: int):
    course = _citizen_course(world, first_name, days_ago=days_ago)
    started = course.request.expressed_on
    assessment_services.assessment_save(course=course, by=world.users[V], **full_answers(started_on=started))
    assessment_services.assessment_complete(course=course, by=world.users[V], completed_on=started)
    course.refresh_from_db()
    return course


@pytest.fixture
def states(world: World) -> dict:
    """A course in each state (besides the world's decided one), a flagged refusal, a refused probe."""
    today = timezone.localdate()
    authority = world.users[A]
    courses = {"course": world.course}
    courses["advice"] = _citizen_course(world, "Aske", days_ago=3, request=False)
    courses["requested"] = _citizen_course(world, "Rikke", days_ago=60)  # its assessment is overdue
    courses["assessed"] = _assessed(world, "Asger", days_ago=20)
    treated = _assessed(world, "Tine", days_ago=30)
    decided_on = treated.request.expressed_on + datetime.timedelta(days=1)
    decision_services.decision_issue(
        course=treated, by=authority, **decision_fields("grant", world.randers, decided_on=decided_on)
    )
    treated.refresh_from_db()
    course_services.treatment_start(course=treated, by=world.users[V], started_on=today)
    courses["in_treatment"] = treated
    closed = _citizen_course(world, "Kaj", days_ago=10, request=False)
    course_services.course_close(course=closed, by=world.users[V], closed_on=today, reason="Flyttet.")
    courses["closed"] = closed
    flagged = _assessed(world, "Mette", days_ago=25)
    decision_services.decision_issue(
        course=flagged,
        by=authority,
        **decision_fields(
            "refusal",
            world.randers,
            decided_on=flagged.request.expressed_on + datetime.timedelta(days=1),
            reasons="Borgeren har skizofreni.",
            mental_illness_explanation="Afslaget bygger alene på, at forbruget ikke er behandlingskrævende.",
        ),
    )
    objects = {}
    for module in PAGE_MODULES:
        if hasattr(module, "build"):
            extra = module.build(world, courses)
            courses.update(extra.get("courses", {}))
            objects.update(extra.get("objects", {}))
    for course in courses.values():
        course.refresh_from_db()
    # A refused probe of Sigurd's record, for the manager's list of refused attempts.
    world.client(OTHER_CENTRE).get(reverse("citizens:detail", args=[world.citizen.pk]))
    return {
        "courses": courses,
        "objects": objects,
        "citizens": {"citizen": world.citizen, "flagged": flagged.citizen, "waiting": courses["requested"].citizen},
    }


def _kwargs(world: World, name: str, obj: str | None, course=None, objects: dict | None = None) -> dict:
    arguments = url_patterns()[name]
    if not arguments:
        return {}
    (argument,) = arguments
    if argument == "code":
        return {"code": world.randers.municipality.code}
    objects = objects or {}
    if course is not None:
        target = course
    elif obj in objects:
        target = objects[obj]
    else:
        target = getattr(world, obj) if obj else world.randers
    return {argument: target.pk}


def _citizen_of(obj):
    """The citizen a probe's object belongs to (an object of a course, or a citizen's own)."""
    if obj is None:
        return None
    course = getattr(obj, "course", None)
    return course.citizen if course is not None else getattr(obj, "citizen", None)


def _logged_for(user, since: int, citizen_id: int) -> bool:
    events = AuditEvent.objects.filter(pk__gt=since, actor_id=user.pk, action__in=READ_ACTIONS, outcome="success")
    return any(e.citizen_id == citizen_id or citizen_id in (e.changes or {}).get("citizens", []) for e in events)


def _last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _open(client, probe: Probe, url: str):
    return client.get(url) if probe.method == "GET" else client.post(url, dict(probe.data))


def test_every_page_that_shows_a_citizen_logs_the_read(world, states, rollback, monkeypatch):
    # Whether a read is logged does not depend on the PDF's layout; skip WeasyPrint's (seconds a file).
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 reads")
    clients = {who: world.client(who) for who in (V, A, T, P, M)}
    wrong = []
    for name, probes in READS.items():
        for probe in probes:
            user, client = world.users[probe.who], clients[probe.who]
            by_course = probe.obj == "course"
            for state in states["courses"] if by_course else (None,):
                course = states["courses"][state] if by_course else None
                shown = states["objects"].get(probe.obj)
                if course is not None:
                    citizen = course.citizen
                elif shown is not None:
                    citizen = _citizen_of(shown)
                else:
                    citizen = states["citizens"][probe.shows]
                url = reverse(name, kwargs=_kwargs(world, name, probe.obj, course, states["objects"])) + probe.query
                with rollback():
                    since = _last_event_id()
                    response = _open(client, probe, url)
                    logged = _logged_for(user, since, citizen.pk)
                status = response.status_code
                where = f"{probe.method} {url} ({name}{', ' + state if state else ''}) as {probe.who}"
                if state in (None, "course") and status not in (200, 302):
                    wrong.append(f"{where}: {status}, so the read could not be checked")
                elif (status == 200 or state in (None, "course")) and not logged:
                    wrong.append(f"{where}: {status}, and no read event names {citizen}")
    assert not wrong, "Pages that show a citizen without logging it:\n" + "\n".join(wrong)


def test_redirect_only_endpoints_show_nothing(world, states, rollback):
    client = verified_client(staff(world.randers, V, M, username="randers-visitator-leder"))
    for name, obj in REDIRECT_ONLY.items():
        url = reverse(name, kwargs=_kwargs(world, name, obj, objects=states["objects"]))
        with rollback():
            assert client.get(url).status_code == 405, name
            assert client.post(url, {}).status_code == 302, name


def test_pages_without_citizen_data_show_no_citizen(world, states, rollback):
    everyone = staff(world.randers, V, A, T, P, M, username="randers-alle-roller")
    names = [RANDERS_CITIZEN[1].encode(), b"L\xc3\xa6sesen"]
    shown = []
    for name in NO_CITIZEN_DATA:
        url = reverse(name, kwargs=_kwargs(world, name, NO_CITIZEN_DATA_OBJECTS.get(name), objects=states["objects"]))
        for method in ("GET", "POST"):
            with rollback():
                response = _open(verified_client(everyone), Probe(None, V, method), url)
            assert response.status_code < 500, (method, name, response.status_code)
            body = response.content if response.get("Content-Type", "").startswith("text/") else b""
            if any(last_name in body for last_name in names):
                shown.append(f"{method} {name}")
    assert not shown, f"These pages show a citizen: move them to READS and log the read: {shown}"


def test_a_refused_page_is_not_logged_as_a_read(world, rollback):
    """The role is checked before the read is logged: a therapist refused the decision form (403)
    and a manager refused a course step leave a refusal in the log, never a read."""
    for who, name in [(T, "decisions:issue"), (M, "courses:close"), (T, "decisions:free_choice")]:
        user, client = world.users[who], world.client(who)
        with rollback():
            since = _last_event_id()
            response = client.get(reverse(name, args=[world.course.pk]))
            events = list(AuditEvent.objects.filter(pk__gt=since, actor_id=user.pk).values_list("action", flat=True))
        assert response.status_code == 403, name
        assert events == [AuditEvent.Action.ACCESS_DENIED], (name, events)
