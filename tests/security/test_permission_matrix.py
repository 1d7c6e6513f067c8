"""Who may open what: every page that takes an object id, for every role, against one world.

The matrix below is the access policy written out. A view that starts to let another role in
(or keeps one out) fails here until the matrix is changed on purpose. Every URL pattern with an
integer id must be in it, so a new page cannot slip past.

Rules checked for every page and user (tests/security/conftest.py builds the world):
- a user of another centre gets 404 for GET and POST alike: the object looks missing (a page that
  takes only POST answers a GET with 405 before it looks anything up);
- the administrator and the anonymous counsellor never see citizen data (403, or 405 for GET on
  a POST-only page), except the pages that hold none (the standard, the centre);
- a role in the matrix gets 200 or 302; a role not in it gets 403;
- a refused answer never shows the citizen's name;
- a refusal on a page of a citizen's record is logged for that citizen and centre.
"""

import datetime

import pytest
import weasyprint
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone

from appointments.models import Appointment
from assessments.models import Task
from audit.middleware import RECORD_NAMESPACES
from audit.models import AuditEvent
from journal import services as journal_services
from organisations.models import Centre, Role
from plans import services as plan_services
from tests.anonymous.reporting.world import anonymous_world
from tests.conftest import staff, verified_client
from tests.factories import CitizenFactory
from tests.pathway import course_in_treatment
from treatment import services as treatment_services

from .conftest import FREDERICIA_CITIZEN, OTHER_CENTRE, RANDERS_CITIZEN, RANDERS_ROLES

V, A, T, P, M = Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.MANAGER
AD, AN = Role.ADMINISTRATOR, Role.ANONYMOUS_COUNSELLOR
CASE_READ = frozenset({V, A, T, P, M})
CASEWORK = frozenset({V, A, T, P})
EVERY_ROLE = frozenset(RANDERS_ROLES)
POST_ONLY = "POST only"  # GET is refused with 405 (before or after the role check)
ANONYMOUS_ONLY = frozenset({AN})

# url name -> (which object of the world fills the id, roles that may GET, roles that may POST).
# "may POST" is checked with an empty body: the form comes back with its errors (200), or the
# view redirects (302); None: a page that only reads, not POSTed to here.
MATRIX = {
    "citizens:detail": ("citizen", CASE_READ, None),
    "citizens:edit": ("citizen", CASEWORK, CASEWORK),
    "citizens:person_add": ("citizen", CASEWORK, CASEWORK),
    "citizens:consent_add": ("citizen", CASEWORK, CASEWORK),
    "citizens:consent_withdraw": ("consent", POST_ONLY, CASEWORK),
    "citizens:consent_edit": ("consent", CASEWORK, CASEWORK),
    "citizens:person_edit": ("person", CASEWORK, CASEWORK),
    "courses:open": ("citizen", CASEWORK, CASEWORK),
    "courses:detail": ("course", CASE_READ, None),
    "courses:advice": ("course", CASEWORK, CASEWORK),
    "courses:request": ("course", CASEWORK, CASEWORK),
    "courses:waiver": ("course", CASEWORK, CASEWORK),
    "courses:start": ("course", CASEWORK, CASEWORK),
    "courses:close": ("course", CASEWORK, CASEWORK),
    "assessments:edit": ("course", CASE_READ, frozenset({V, T, P})),
    "assessments:physician": ("course", CASE_READ, frozenset({V, P})),
    "assessments:tasks": ("course", CASE_READ, None),
    "assessments:task_done": ("task", POST_ONLY, frozenset({V, T, P})),
    "assessments:addendum_add": ("course", POST_ONLY, frozenset({V, T, P})),
    "assessments:notification": ("notification_task", frozenset({V, T, P}), None),
    "assessments:notification_pdf": ("notification_task", frozenset({V, T, P}), None),
    "decisions:detail": ("course", CASE_READ, None),
    "decisions:issue": ("course", frozenset({A}), frozenset({A})),
    "decisions:letter": ("course", POST_ONLY, frozenset({A, V})),
    "decisions:letter_download": ("course", CASE_READ, None),
    "decisions:letter_send": ("course", POST_ONLY, frozenset({A, V})),
    "decisions:written_reasons_request": ("course", POST_ONLY, frozenset({A, V})),
    "decisions:written_reasons_send": ("course", POST_ONLY, frozenset({A, V})),
    "decisions:free_choice": ("course", frozenset({A, V}), frozenset({A, V})),
    "decisions:draft": ("course", frozenset({A, V}), frozenset({A, V})),
    "decisions:draft_preview": ("course", frozenset({A, V}), None),
    "decisions:draft_discard": ("course", POST_ONLY, frozenset({A, V})),
    "decisions:complaint_add": ("course", frozenset({A, V}), frozenset({A, V})),
    "decisions:complaint_reassess": ("complaint", frozenset({A}), frozenset({A})),
    "decisions:complaint_appeals_outcome": ("complaint", frozenset({A}), frozenset({A})),
    "emergency:review": ("emergency_access", POST_ONLY, frozenset({M})),
    "exports:overview": ("citizen", frozenset({V, A, P, M}), None),
    "exports:pdf": ("citizen", POST_ONLY, frozenset({V, A, P, M})),
    "exports:json": ("citizen", POST_ONLY, frozenset({V, A, P, M})),
    "audit:citizen_access": ("citizen", frozenset({M}), None),
    # The treatment stages, on a course in treatment of a second "Sigurd Hemmeligsen" (``treated``).
    "plans:plan": ("treated", CASE_READ, None),
    "plans:new": ("treated", CASEWORK, CASEWORK),
    "plans:review": ("treated", CASEWORK, CASEWORK),
    "plans:versions": ("treated", CASE_READ, None),
    "plans:version": ("plan_version", CASE_READ, None),
    "plans:pdf": ("plan_version", CASE_READ, None),
    "appointments:book": ("treated", CASEWORK, CASEWORK),
    "appointments:consent": ("treated", CASEWORK, CASEWORK),
    "appointments:attendance": ("appointment", CASE_READ, CASEWORK),
    "appointments:remind": ("appointment", POST_ONLY, CASEWORK),
    "treatment:gift_card_add": ("treated", CASEWORK, CASEWORK),
    "treatment:lapse_add": ("treated", CASEWORK, CASEWORK),
    "treatment:relapse_plan": ("treated", CASE_READ, CASEWORK),
    "treatment:stay_add": ("treated", CASEWORK, CASEWORK),
    "treatment:stay": ("stay", CASE_READ, None),
    "treatment:stay_meeting": ("stay", CASEWORK, CASEWORK),
    "treatment:stay_status": ("stay", CASEWORK, CASEWORK),
    "treatment:stay_end": ("stay", CASEWORK, CASEWORK),
    "discharges:discharge": ("treated", CASEWORK, CASEWORK),
    "discharges:detail": ("treated", CASE_READ, None),
    "discharges:pdf": ("treated", CASE_READ, None),
    "discharges:opt_out": ("treated", POST_ONLY, CASEWORK),
    "followups:course": ("treated", CASE_READ, None),
    "followups:record": ("treated", CASEWORK, CASEWORK),
    # Journal notes and the timeline: on the treated citizen's course (``treated``).
    "journal:citizen_add": ("citizen", CASEWORK, CASEWORK),
    "journal:course_add": ("course", CASEWORK, CASEWORK),
    "journal:correct": ("journal_note", CASEWORK, CASEWORK),
    "journal:history": ("journal_note", CASE_READ, None),
    "timeline:citizen": ("citizen", CASE_READ, None),
    # Hand-overs: a manager, or the responsible worker (the world's visitator opened the course).
    "caseloads:reassign": ("course", frozenset({V, M}), frozenset({V, M})),
    # A manager moves a worker's caseload; the id is the worker's (``leaver``), not a citizen's.
    "caseloads:transfer": ("leaver", frozenset({M}), frozenset({M})),
    # The anonymous services (SEL §101a): only their own role, and 404 to every other role (the
    # records' existence is not shown), never a citizen; objects from tests/anonymous/reporting/world.py.
    **{
        f"anonymous:{name}": ("anonymous_client", ANONYMOUS_ONLY, ANONYMOUS_ONLY)
        for name in ("client_edit", "conversation", "advice_talk", "client_end", "closing_talk")
    },
    "anonymous:client": ("anonymous_client", ANONYMOUS_ONLY, None),
    "anonymous:alcohol_start": ("anonymous_client", ANONYMOUS_ONLY, ANONYMOUS_ONLY),
    "anonymous:callback_done": ("anonymous_request", POST_ONLY, ANONYMOUS_ONLY),
    "anonymous:request_cancel": ("anonymous_request", POST_ONLY, ANONYMOUS_ONLY),
    "anonymous:slot_delete": ("anonymous_slot", POST_ONLY, ANONYMOUS_ONLY),
    "anonymous:group": ("anonymous_group", ANONYMOUS_ONLY, None),
    "anonymous:group_enrol": ("anonymous_group", POST_ONLY, ANONYMOUS_ONLY),
    "anonymous:group_close": ("anonymous_group", POST_ONLY, ANONYMOUS_ONLY),
    "anonymous:session": ("anonymous_session", ANONYMOUS_ONLY, ANONYMOUS_ONLY),
    "anonymous:group_leave": ("anonymous_enrolment", ANONYMOUS_ONLY, ANONYMOUS_ONLY),
    # No citizen data on these two: the standard is public anyway, the centre page lists staff.
    "standards:detail": ("standard", EVERY_ROLE, None),
    "organisations:centre_detail": ("randers", frozenset({M, AD}), None),
}
# Pages without citizen data, which the administrator and the anonymous counsellor may see.
NO_CITIZEN_DATA = {
    "standards:detail",
    "organisations:centre_detail",
    *(n for n in MATRIX if n.startswith("anonymous:")),
}


def walk(patterns, namespace="", converters=None):
    """(url name, {kwarg: converter}) for every named URL pattern, through includes."""
    for pattern in patterns:
        inherited = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner, inherited)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", inherited


def id_patterns() -> dict[str, list[str]]:
    """url name -> the names of its integer kwargs, for every pattern that takes an object id.

    Not the admin's: it answers a missing object with a redirect, and scopes by municipality
    (``organisations.admin_base``, tested in tests/organisations/test_admin.py).
    """
    found = {}
    for name, converters in walk(get_resolver().url_patterns):
        ints = [kwarg for kwarg, converter in converters.items() if isinstance(converter, IntConverter)]
        if ints and not name.startswith("admin:"):
            found[name] = ints
    return found


def url_for(world, name: str) -> str:
    obj = getattr(world, MATRIX[name][0])
    (kwarg,) = id_patterns()[name]
    return reverse(name, kwargs={kwarg: obj.pk})


# A refusal is 403, or 404 where the record is looked up only in the centres where the user
# holds a case role (an administrator or the anonymous service finds no record at all).
REFUSED = {403, 404}


def expected(name: str, method: str, who) -> set[int]:
    _obj, readers, writers = MATRIX[name]
    if who == OTHER_CENTRE:
        return {405} if method == "GET" and readers == POST_ONLY else {404}
    if method == "GET":
        if readers == POST_ONLY:
            # Allowed or not, GET is no way in; whether the role or the method is checked first
            # is the view's business.
            return {403, 404, 405}
        return {200, 302} if who in readers else REFUSED
    return {200, 302} if who in writers else REFUSED


OWNER = ("citizen_id", "centre_id")


def is_record_page(name: str) -> bool:
    return name.split(":")[0] in RECORD_NAMESPACES


def test_every_page_with_an_object_id_is_in_the_matrix():
    assert set(id_patterns()) == set(MATRIX), "Add the new page to MATRIX with the roles that may open it."


@pytest.fixture
def treated(world):
    """A second citizen named like the world's (so every name check holds) with a course in
    treatment, a plan, an appointment and a residential stay: the objects of the treatment pages."""
    therapist = world.users[T]
    citizen = CitizenFactory(centre=world.randers, first_name=RANDERS_CITIZEN[0], last_name=RANDERS_CITIZEN[1])
    course = course_in_treatment(world.randers, therapist=therapist, citizen=citizen, username_prefix="matrix")
    world.treated = course
    world.plan_version = plan_services.plan_version_save(
        course=course,
        by=therapist,
        based_on=0,
        made_on=course.treatment_started_on,
        goals=[{"description": "Mål", "measure": "Målt", "target_on": course.treatment_started_on, "actions": "X"}],
        problems_resources_needs="Behov.",
        citizen_wishes="Ønsker.",
        content="Samtaler.",
        offer_kind="outpatient",
        expected_duration_months=3,
        follow_up_after_discharge="Telefon.",
    )
    world.appointment = Appointment.objects.create(
        course=course, worker=therapist, booked_by=therapist, starts_at=timezone.now(), place="Lokale 1"
    )
    world.stay = treatment_services.stay_start(
        course=course,
        by=therapist,
        provider=world.fredericia,
        starts_on=course.treatment_started_on,
        planned_end_on=course.treatment_started_on + datetime.timedelta(days=60),
    )
    world.journal_note = journal_services.journal_note_add(
        citizen=course.citizen, by=therapist, course=course, event_on=timezone.localdate(), kind="phone", text="X."
    )
    world.leaver = world.users[V]
    anonymous = anonymous_world(world.randers, world.users[AN])
    for kind in ("client", "request", "slot", "group", "session", "enrolment"):
        setattr(world, f"anonymous_{kind}", anonymous.object(kind))
    world.notification_task = Task.objects.create(
        course=course, kind="child_notification", created_on=course.treatment_started_on, reason="Bekymring."
    )
    return world


# Pages whose id names a worker, not a citizen's record: a refusal is logged without a citizen.
WORKER_PAGES = {"caseloads:transfer"}


def _owner(world, name: str) -> tuple[int, int]:
    """The citizen and centre a refusal on this page must be logged for."""
    if name in WORKER_PAGES:
        return (None, None)
    obj = getattr(world, MATRIX[name][0])
    course = getattr(obj, "course", None)
    citizen_id = course.citizen_id if course is not None else getattr(obj, "citizen_id", world.citizen.pk)
    return (citizen_id, world.randers.pk)


def test_the_matrix_never_lets_the_administrator_or_the_anonymous_counsellor_near_citizen_data():
    for name, (_obj, readers, writers) in MATRIX.items():
        if name in NO_CITIZEN_DATA:
            continue
        for roles in (readers, writers):
            if isinstance(roles, frozenset):
                assert not roles & {AD, AN}, name


def test_every_role_and_centre_gets_exactly_what_the_matrix_allows(world, treated, rollback, monkeypatch):
    # Access is checked before any PDF is laid out; skip WeasyPrint's layout (seconds a file),
    # the HTML is still rendered from its templates.
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 matrix")
    clients = {who: world.client(who) for who in world.users}
    citizen_name = " ".join(RANDERS_CITIZEN)
    wrong = []
    for name, (_obj, _readers, writers) in MATRIX.items():
        url = url_for(world, name)
        # A refusal on a record page is logged for the record's citizen and centre: Randers' manager sees it.
        randers_record = _owner(world, name)
        methods = ["GET"] + (["POST"] if writers is not None else [])
        for who, client in clients.items():
            for method in methods:
                with rollback():
                    response = client.get(url) if method == "GET" else client.post(url, {})
                    refusals = list(AuditEvent.objects.filter(action="access_denied").values_list(*OWNER))
                status = response.status_code
                allowed = expected(name, method, who)
                if status not in allowed:
                    wrong.append(f"{method} {name} as {who}: {status}, expected {sorted(allowed)}")
                if status in (403, 404) and is_record_page(name) and refusals != [randers_record]:
                    wrong.append(f"{method} {name} as {who}: refusal logged as {refusals}, not for Randers' citizen")
                refused = status in (403, 404, 405)
                body = b"" if response.get("Content-Type") == "application/pdf" else response.content
                if refused and RANDERS_CITIZEN[0].encode() in body:
                    wrong.append(f"{method} {name} as {who}: refused ({status}) but shows the citizen")
                if who in (OTHER_CENTRE, AD, AN) and citizen_name.encode() in body:
                    wrong.append(f"{method} {name} as {who}: shows {citizen_name}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_an_id_beyond_any_row_is_not_found_never_an_error(db, name):
    kwargs = id_patterns()[name]
    user = staff(Centre.objects.get(municipality__code="730", kind="municipal"), *CASE_READ, username="randers-alle")
    client = verified_client(user)
    for huge in (2**31, 2**63, 10**30):
        url = reverse(name, kwargs=dict.fromkeys(kwargs, huge))
        for response in (client.get(url), client.post(url, {})):
            # 403: a view that checks the role before it looks anything up.
            assert response.status_code in (403, 404, 405), (name, huge, response.status_code)


def test_the_citizen_search_finds_only_the_users_own_centre(world):
    randers_name, fredericia_name = " ".join(RANDERS_CITIZEN), " ".join(FREDERICIA_CITIZEN)
    searches = ["", "Hemmeligsen", "Sigurd", "Frida", "010580-1234", "0105801234", "%", "_", "' OR 1=1 --"]
    for who, own, other in [
        (OTHER_CENTRE, fredericia_name, randers_name),
        *[(role, randers_name, fredericia_name) for role in CASE_READ],
    ]:
        client = world.client(who)
        for query in searches:
            response = client.post(reverse("citizens:index"), {"q": query} if query else {})
            assert response.status_code == 200, (who, query)
            html = response.content.decode()
            assert other not in html, f"{who} searching {query!r} sees {other}"
            rows = [str(c) for c in response.context["citizens"]]
            assert all(other not in row for row in rows), (who, query, rows)
        # The name and the CPR number each find the user's own citizen.
        for query in ("Hemmeligsen", "010580-1234"):
            found = [str(c) for c in client.post(reverse("citizens:index"), {"q": query}).context["citizens"]]
            assert found == [own], (who, query, found)


def test_the_administrator_and_the_anonymous_counsellor_cannot_search_citizens(world):
    for role in (AD, AN):
        # (The refusal page echoes the search in its language form's "next"; so search by last
        # name and look for the first name.)
        response = world.client(role).post(reverse("citizens:index"), {"q": "Hemmeligsen"})
        assert response.status_code == 403
        assert b"Sigurd" not in response.content


@pytest.mark.parametrize("non_case_role", [AD, AN])
def test_a_case_role_at_another_centre_opens_nothing_where_the_user_has_no_case_role(
    world, treated, rollback, non_case_role
):
    user = world.users[non_case_role]
    user.memberships.create(centre=world.fredericia, role=Role.VISITATOR)
    client = verified_client(user)
    first_name = RANDERS_CITIZEN[0].encode()
    leaks = []
    for name, (_obj, _readers, writers) in MATRIX.items():
        if name in NO_CITIZEN_DATA:
            continue
        url = url_for(world, name)
        for method in ["GET"] + (["POST"] if writers is not None else []):
            with rollback():
                response = client.get(url) if method == "GET" else client.post(url, {})
            if response.status_code in (200, 302) or first_name in response.content:
                leaks.append(f"{method} {name}: {response.status_code}")
    search = client.post(reverse("citizens:index"), {"q": "Hemmeligsen"})
    if first_name in search.content:
        leaks.append("citizens:index search shows the Randers citizen")
    assert not leaks, "\n".join(leaks)
