"""Hostile input at every form that creates or changes data: never a 500, and a refusal changes nothing.

Each form starts from a submission that succeeds (checked below), and hypothesis replaces some
of its fields with junk: control characters and NUL, SQL and HTML fragments, template syntax,
very long strings, impossible and extreme dates, huge numbers, several values for one field.
Every answer must be the form again with its message (200) or the success redirect (302); a
refused submission must leave every row of the case apps as it was. Each example runs in a
savepoint that is rolled back, so every example meets the same world (the course in the state
the form needs).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appointments import services as appointment_services
from assessments import services as assessment_services
from citizens import services as citizen_services
from courses import services as course_services
from decisions import services as decision_services
from demo.cpr import fictional_cpr
from discharges import services as discharge_services
from emergency import services as emergency_services
from journal import services as journal_services
from organisations.models import Centre, Role
from tests.assessments.conftest import full_answers
from tests.conftest import staff, verified_client
from tests.decisions.conftest import decision_fields
from tests.factories import CentreFactory, CitizenFactory
from tests.pathway import course_in_treatment

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The apps whose rows a refused submission must leave alone (the audit log may grow: reads are logged).
CASE_APPS = (
    "citizens",
    "courses",
    "assessments",
    "decisions",
    "deadlines",
    "emergency",
    "organisations",
    "plans",
    "appointments",
    "treatment",
    "discharges",
    "followups",
    "journal",
    "caseloads",
)

HOSTILE = [
    "\x00",
    "a\x00b",
    "\x00" * 20,
    "tekst\x00",
    "\x01\x02\x03\x07\x08\x0b\x0c\x0e\x1b[31m\x7f",
    "\u0085\u2028\u2029",
    "\u202etekst\u202c",
    "\ufeff",
    "\r\n\r\n",
    "\t",
    " ",
    "",
    "' OR '1'='1",
    "'; DROP TABLE citizens_citizen; --",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(10)",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31-12-2026",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    str(10**30),
    "9" * 5000,
    "A" * 100_000,
    "ø" * 5000,
    "😀" * 1000,
]
junk = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.integers().map(str),
    st.dates().map(datetime.date.isoformat),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3),  # several values for one field
)
# Dates at the edges of the calendar, where date arithmetic overflows or a lookup misses.
EXTREME_DATES = ["9999-12-31", "9999-12-20", "0001-01-01", "2026-02-30", "2026-02-29", "1900-01-01", "2100-01-01"]
date_junk = st.one_of(st.sampled_from(EXTREME_DATES), junk)


def is_date_field(name: str) -> bool:
    return name.endswith(("_on", "_until"))


@dataclass
class HostileWorld:
    user: object
    other_centre_cpr: str
    objects: dict


def build_hostile_world() -> HostileWorld:
    """Courses in every state a form needs, all at Rusmiddelcenter Randers."""
    today = timezone.localdate()
    days_ago = lambda n: today - datetime.timedelta(days=n)  # noqa: E731
    randers = Centre.objects.get(municipality__code="730", kind=Centre.Kind.MUNICIPAL)
    fredericia = Centre.objects.get(municipality__code="607", kind=Centre.Kind.MUNICIPAL)
    user = staff(randers, Role.VISITATOR, Role.AUTHORITY, Role.PHYSICIAN, Role.MANAGER, username="randers-alle")
    objects = {}

    born = iter(datetime.date(1960 + n, 1 + n, 10) for n in range(12))  # adults, whatever the factory's sequence

    def citizen(first_name, centre=randers):
        cpr = fictional_cpr(next(born))
        return CitizenFactory(centre=centre, first_name=first_name, last_name="Fiktivsen", cpr=cpr)

    def course(first_name, *, until, centre=randers):
        """A course opened 30 days ago and carried to ``until``."""
        c = course_services.course_open(
            citizen=citizen(first_name, centre), by=user, kind="drug", first_contact_on=days_ago(30)
        )
        if until == "advice":
            return c
        course_services.treatment_request_register(
            course=c, by=user, expressed_on=days_ago(29), channel="in_person", expressed_by="Borgeren"
        )
        c.refresh_from_db()
        if until == "requested":
            return c
        assessment_services.assessment_save(course=c, by=user, **full_answers(started_on=days_ago(28), opioid_use=True))
        assessment_services.assessment_complete(course=c, by=user, completed_on=days_ago(27))
        c.refresh_from_db()
        return c

    objects["free"] = citizen("Fri")
    objects["consent"] = citizen_services.consent_give(
        citizen=objects["free"], by=user, recipient="Egen læge", scope="Medicin", given_on=days_ago(10)
    )
    objects["person"] = citizen_services.related_person_add(
        citizen=objects["free"], by=user, kind="relative", name="Mor", relation="Mor"
    )
    objects["note"] = journal_services.journal_note_add(
        citizen=objects["free"], by=user, event_on=days_ago(1), kind="phone", text="Ringede."
    )
    objects["advice"] = course("Raad", until="advice")
    objects["requested"] = course("Anmod", until="requested")
    # Randers' standard gives no local reason to set the guarantee aside; Mariagerfjord's does.
    mariagerfjord = Centre.objects.get(municipality__code="846", kind=Centre.Kind.MUNICIPAL)
    user.memberships.create(centre=mariagerfjord, role=Role.VISITATOR)
    objects["waivable"] = course("Fravalg", until="requested", centre=mariagerfjord)
    objects["assessed"] = course("Vurder", until="assessed")
    objects["task"] = objects["assessed"].tasks.get()

    refused = course("Afslag", until="assessed")
    decision = decision_services.decision_issue(
        course=refused, by=user, **decision_fields("refusal", randers, form="oral", decided_on=days_ago(6))
    )
    objects["refused"] = refused
    objects["complaint"] = decision_services.complaint_register(
        decision=decision, by=user, received_on=days_ago(4), decision_received_on=days_ago(6), form="written"
    )
    forwarded = decision_services.complaint_register(
        decision=decision, by=user, received_on=days_ago(4), decision_received_on=days_ago(6), form="written"
    )
    objects["forwarded"] = decision_services.complaint_reassess(
        complaint=forwarded,
        by=user,
        reassessed_on=days_ago(3),
        outcome="upheld",
        note="Fastholdt",
        forwarded_on=days_ago(2),
    )

    granted = course("Bevilget", until="assessed")
    decision_services.decision_issue(
        course=granted, by=user, **decision_fields("grant", randers, decided_on=days_ago(5))
    )
    granted.refresh_from_db()
    objects["granted"] = granted
    objects["private_provider"] = CentreFactory(
        municipality=randers.municipality,
        name="Privat Ambulant Behandling",
        kind=Centre.Kind.EXTERNAL_PRIVATE,
        approved_on_tilbudsportalen=True,
        offer_kinds=["outpatient"],
    )

    other_cpr = fictional_cpr(datetime.date(1975, 6, 15))
    CitizenFactory(centre=fredericia, first_name="Anden", last_name="Fiktivsen", cpr=other_cpr)
    fredericia_visitator = staff(fredericia, Role.VISITATOR, username="fredericia-visitator")
    (objects["access"],) = emergency_services.emergency_access_grant(
        user=fredericia_visitator,
        cpr=objects["free"].cpr,
        reason="Borgeren er indlagt akut, og afdelingen spørger til medicin.",
    )
    _treatment_stages(objects, user, randers, today)
    return HostileWorld(user=user, other_centre_cpr=other_cpr, objects=objects)


def _treatment_stages(objects: dict, user, randers, today) -> None:
    """A course in treatment (with a past appointment) and a discharged one, for the forms of the
    treatment stages."""
    therapist = staff(randers, Role.THERAPIST, username="randers-behandler-fjendtlig")
    user.memberships.create(centre=randers, role=Role.THERAPIST)
    treated = course_in_treatment(randers, therapist=therapist, days_ago=40, username_prefix="fjendtlig")
    objects["treated"] = treated
    objects["therapist"] = therapist
    objects["appointment"] = appointment_services.appointment_book(
        course=treated,
        by=therapist,
        kind="individual",
        starts_at=timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=2), datetime.time(10))),
        worker=therapist,
    )
    discharged = course_in_treatment(randers, therapist=therapist, days_ago=90, username_prefix="fjendtlig-ud")
    discharge_services.discharge_record(
        course=discharged,
        by=therapist,
        discharged_on=today - datetime.timedelta(days=20),
        reason="completed",
        drug_use_status="abstinent",
        self_help_contact="yes",
        drug_free_partner="no",
        housing="own_home",
        income="wages",
    )
    objects["discharged"] = discharged


@dataclass(frozen=True)
class Form:
    url_name: str
    obj: str | None  # key in HostileWorld.objects whose pk fills the URL
    fields: callable  # (world, today) -> a submission that succeeds
    # Views that answer a refusal with a redirect and an error message instead of the form.
    redirects_on_refusal: bool = False


def _today():
    return timezone.localdate().isoformat()


def _ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


DECISION_TEXTS = {
    "reasons": "Begrundelse.",
    "legal_basis": "Serviceloven § 101, stk. 1.",
    "considerations": "Hovedhensyn.",
    "key_facts": "Oplysninger.",
    "other_help": "Åben Rådgivning.",
}

# A written refusal as the decision form (and its draft) submits it.
REFUSAL = {
    "outcome": "refusal",
    "form": "written",
    "offer_kind": "",
    "provider": "",
    "intensity_tier": "",
    "implementation": "",
    "purpose": "",
    **DECISION_TEXTS,
    "not_dual_diagnosis": "on",
}

FORMS = {
    "register citizen": Form(
        "citizens:register",
        None,
        lambda w: {
            "cpr": fictional_cpr(datetime.date(1982, 3, 14)),
            "first_name": "Ny",
            "last_name": "Fiktivsen",
            "address": "Vestergade 1",
            "postcode": "8900",
            "city": "Randers C",
            "phone": "12345678",
            "email": "ny@example.dk",
            "contact_channel": "phone",
            "centre": w.objects["free"].centre_id,  # the user works at two centres
            "expecting_child_on": "",
        },
    ),
    "citizen details": Form(
        "citizens:edit",
        "free",
        lambda w: {
            "first_name": "Fri",
            "last_name": "Fiktivsen",
            "address": "Østergade 2",
            "postcode": "8900",
            "city": "Randers C",
            "phone": "+45 12 34 56 78",
            "email": "fri@example.dk",
            "contact_channel": "sms",
            "expecting_child_on": "",
        },
    ),
    "related person": Form(
        "citizens:person_add",
        "free",
        lambda w: {"kind": "relative", "name": "Mor", "relation": "Mor", "birth_year": "1950", "phone": "", "note": ""},
    ),
    "consent": Form(
        "citizens:consent_add",
        "free",
        lambda w: {"recipient": "Jobcentret", "scope": "Fremmøde", "given_on": _today(), "valid_until": ""},
    ),
    "consent withdrawal": Form(
        "citizens:consent_withdraw", "consent", lambda w: {"withdrawn_on": _today()}, redirects_on_refusal=True
    ),
    "related person corrected or ended": Form(
        "citizens:person_edit",
        "person",
        lambda w: {
            "kind": "relative",
            "name": "Mor",
            "relation": "Mor",
            "birth_year": "",
            "phone": "",
            "note": "",
            "ended_on": _today(),
        },
    ),
    "consent corrected or ended": Form(
        "citizens:consent_edit",
        "consent",
        lambda w: {"recipient": "Egen læge", "scope": "Medicin og prøvesvar", "valid_until": "", "withdrawn_on": ""},
    ),
    "journal note": Form(
        "journal:citizen_add",
        "free",
        lambda w: {"event_on": _today(), "kind": "meeting", "text": "Samtale.", "course": ""},
    ),
    "journal note corrected": Form(
        "journal:correct", "note", lambda w: {"based_on": "1", "text": "Ringede selv.", "reason": "Præcisering."}
    ),
    "course handed over": Form(
        "caseloads:reassign",
        "advice",
        lambda w: {"responsible": str(w.objects["therapist"].pk), "team": "", "reason": "Ferie."},
    ),
    "decision draft": Form(
        "decisions:draft",
        "assessed",
        lambda w: REFUSAL,
    ),
    "assessment addendum": Form(
        "assessments:addendum_add",
        "assessed",
        lambda w: {
            "kind": "correction",
            "correction-section": "health",
            "correction-text": "Også søvnapnø.",
            "correction-reason": "Glemt.",
        },
    ),
    "course open": Form("courses:open", "free", lambda w: {"kind": "drug", "first_contact_on": _today()}),
    "advice talk": Form(
        "courses:advice",
        "advice",
        lambda w: {
            "held_on": _today(),
            "summary": "Samtale om forbrug.",
            "other_help_needed": "on",
            "other_help_assessment": "Jobcentret.",
            "outcome": "continue",
        },
    ),
    "treatment request": Form(
        "courses:request",
        "advice",
        lambda w: {
            "expressed_on": _today(),
            "channel": "phone",
            "expressed_by": "Borgeren",
            "attended_in_person_on": "",
        },
    ),
    "waiver": Form("courses:waiver", "waivable", lambda w: {"reason": "declined", "waived_on": _today(), "note": ""}),
    "close": Form(
        "courses:close", "advice", lambda w: {"closed_on": _today(), "kind": "moved", "reason": "Fraflyttet kommunen"}
    ),
    "treatment start": Form("courses:start", "granted", lambda w: {"started_on": _today()}),
    "assessment": Form(
        "assessments:edit",
        "requested",
        lambda w: {
            "started_on": _ago(1),
            "told_how_it_works": "on",
            "feedback_given_on": "",
            "drug_use": "Dagligt forbrug af hash.",
            "social_conditions": "Bor alene.",
            "health": "Søvnproblemer.",
            "work_education": "Ledig.",
            "other_matters": "Ingen.",
            "other_help_needed": "Jobsøgning.",
            "instrument": "ASI",
            "instrument_results": "Stoffer: dagligt forbrug",
            "children_at_home_asked": "on",
            "children_at_home_count": "0",
            "pregnancy": "none",
            "pregnancy_due_on": "",
        },
    ),
    "physician consultation": Form(
        "assessments:physician",
        "requested",
        lambda w: {"informed_on": _ago(1), "response": "accepted", "held_on": _today(), "note": "Aftalt."},
    ),
    "task done": Form(
        "assessments:task_done",
        "task",
        lambda w: {
            f"task-{w.objects['task'].pk}-done_on": _today(),
            f"task-{w.objects['task'].pk}-recipient": "",
            f"task-{w.objects['task'].pk}-note": "Kursus tilbudt.",
        },
    ),
    "decision issue": Form(
        "decisions:issue",
        "assessed",
        lambda w: {**REFUSAL, "decided_on": _today()},
    ),
    "written reasons demanded": Form(
        "decisions:written_reasons_request", "refused", lambda w: {"requested_on": _today()}
    ),
    "free choice": Form(
        "decisions:free_choice",
        "granted",
        lambda w: {
            "chosen_provider": str(w.objects["private_provider"].pk),
            "chosen_kind": "outpatient",
            "chosen_on": _today(),
            "note": "",
        },
    ),
    "complaint": Form(
        "decisions:complaint_add",
        "refused",
        lambda w: {
            "received_on": _today(),
            "decision_received_on": _ago(6),
            "form": "oral",
            "oral_account": "Borgeren er uenig i afslaget.",
            "summary": "Afslag",
            "complainant_is_citizen": "on",
            "representative": "",
        },
    ),
    "complaint re-assessed": Form(
        "decisions:complaint_reassess",
        "complaint",
        lambda w: {"reassessed_on": _today(), "outcome": "upheld", "note": "Fastholdt.", "forwarded_on": _today()},
    ),
    "Ankestyrelsen's decision": Form(
        "decisions:complaint_appeals_outcome", "forwarded", lambda w: {"outcome": "upheld", "outcome_on": _today()}
    ),
    "break-the-glass": Form(
        "emergency:request",
        None,
        lambda w: {
            "cpr": w.other_centre_cpr,
            "reason": "Borgeren er indlagt akut, og afdelingen spørger til medicin.",
            "confirm": "on",
        },
    ),
    "break-the-glass review": Form(
        "emergency:review", "access", lambda w: {"note": "Begrundet."}, redirects_on_refusal=True
    ),
    "treatment plan": Form(
        "plans:new",
        "treated",
        lambda w: {
            "based_on": "0",
            "made_on": w.objects["treated"].treatment_started_on.isoformat(),
            "goal-TOTAL_FORMS": "1",
            "goal-INITIAL_FORMS": "0",
            "goal-0-description": "Stoppe med hash",
            "goal-0-measure": "Ingen brug",
            "goal-0-target_on": _today(),
            "goal-0-actions": "Samtaler",
            "problems_resources_needs": "Behov.",
            "citizen_wishes": "Ønsker.",
            "content": "Samtaler.",
            "offer_kind": "outpatient",
            "expected_duration_months": "3",
            "follow_up_after_discharge": "Telefon.",
        },
    ),
    "appointment": Form(
        "appointments:book",
        "treated",
        lambda w: {
            "kind": "individual",
            "starts_on": _today(),
            "starts_time": "15:00",
            "duration_minutes": "60",
            "worker": str(w.objects["treated"].responsible_id),
            "place": "Lokale 2",
        },
    ),
    "attendance": Form("appointments:attendance", "appointment", lambda w: {"attendance": "no_show"}),
    "gift card": Form(
        "treatment:gift_card_add",
        "treated",
        lambda w: {"issued_on": _today(), "amount": "100", "kind": "physical", "reason": "Fremmøde."},
    ),
    "lapse": Form(
        "treatment:lapse_add",
        "treated",
        lambda w: {
            "occurred_on": _ago(1),
            "kind": "lapse",
            "substances": "Hash",
            "account": "En aften.",
            "offer_change": "keep",
        },
    ),
    "discharge": Form(
        "discharges:discharge",
        "treated",
        lambda w: {
            "discharged_on": _today(),
            "reason": "completed",
            "drug_use_status": "abstinent",
            "self_help_contact": "yes",
            "drug_free_partner": "no",
            "housing": "own_home",
            "income": "wages",
            "made_with_citizen": "on",
        },
    ),
    "follow-up": Form(
        "followups:record",
        "discharged",
        lambda w: {
            "months": "1",
            "held_on": _today(),
            "reached": "yes",
            "how": "phone",
            "status": "keeps_goal",
            "situation": "Har det godt.",
            "goal_holds": "yes",
        },
    ),
}


def url_of(form: Form, world: HostileWorld) -> str:
    if form.obj is None:
        return reverse(form.url_name)
    return reverse(form.url_name, args=[world.objects[form.obj].pk])


def snapshot() -> dict:
    """Every row of the case apps, as plain values."""
    rows = {}
    for label in CASE_APPS:
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def messages_of(response) -> list:
    storage = getattr(response.wsgi_request, "_messages", None)
    return list(storage._queued_messages) if storage is not None else []


@pytest.fixture
def hostile_world(db) -> HostileWorld:
    return build_hostile_world()


@pytest.fixture
def client(hostile_world):
    return verified_client(hostile_world.user)


def submit(client, url: str, data: dict, rollback):
    """POST in a savepoint that is rolled back; returns the response and whether rows changed."""
    with rollback():
        before = snapshot()
        response = client.post(url, data)
        changed = snapshot() != before
    return response, changed


def check_answer(form: Form, response, changed: bool, data: dict) -> None:
    status = response.status_code
    assert status in (200, 302), f"{status} for {data!r}"
    if status == 200:
        assert b"data-error-summary" in response.content, f"200 without an error message for {data!r}"
        assert not changed, f"a refused submission changed rows: {data!r}"
    elif form.redirects_on_refusal and any(m.level >= message_levels.ERROR for m in messages_of(response)):
        assert not changed, f"a refused submission changed rows: {data!r}"


@pytest.mark.parametrize("name", list(FORMS))
def test_the_plain_submission_succeeds(name, hostile_world, client, rollback):
    """The starting point of the hostile examples is a submission the form accepts."""
    form = FORMS[name]
    response, changed = submit(client, url_of(form, hostile_world), form.fields(hostile_world), rollback)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not any(m.level >= message_levels.ERROR for m in messages_of(response)), messages_of(response)
    assert changed


@pytest.mark.parametrize("name", list(FORMS))
@HYPOTHESIS
@given(data=st.data())
def test_hostile_input_is_refused_with_a_message_or_accepted_never_an_error(
    name, data, hostile_world, client, rollback
):
    form = FORMS[name]
    fields = form.fields(hostile_world)
    names = sorted(fields)
    replaced = data.draw(st.sets(st.sampled_from(names), min_size=1), label="junk fields")
    dropped = data.draw(st.sets(st.sampled_from(names), max_size=2), label="missing fields")
    payload = {key: value for key, value in fields.items() if key not in dropped}
    for key in sorted(replaced):
        payload[key] = data.draw(date_junk if is_date_field(key) else junk, label=key)
    if data.draw(st.booleans(), label="unknown field"):
        payload["centre"] = data.draw(junk, label="centre")  # a field the form does not have, or may not
    response, changed = submit(client, url_of(form, hostile_world), payload, rollback)
    check_answer(form, response, changed, payload)


# Every field alone, the rest of the submission valid, so that each value reaches the service.
NUL_AND_CONTROL = ["a\x00b", "\x01\x1b[2J\x7f"]
NUMBERS = [str(10**30), str(2**63), "-1"]  # for the fields that take a number or an id


@pytest.mark.parametrize("name", list(FORMS))
def test_each_field_alone_with_nul_extreme_dates_and_huge_numbers(name, hostile_world, client, rollback):
    form = FORMS[name]
    fields = form.fields(hostile_world)
    for key in fields:
        numeric = str(fields[key]).isdigit() or key in ("provider", "intensity_tier")
        values = NUL_AND_CONTROL + (NUMBERS if numeric else []) + (EXTREME_DATES if is_date_field(key) else [])
        for value in values:
            payload = {**fields, key: value}
            response, changed = submit(client, url_of(form, hostile_world), payload, rollback)
            check_answer(form, response, changed, {key: value})


def test_a_treatment_request_dated_at_the_end_of_the_calendar_is_refused(hostile_world, client, rollback):
    form = FORMS["treatment request"]
    payload = {**form.fields(hostile_world), "expressed_on": "9999-12-31"}
    response, changed = submit(client, url_of(form, hostile_world), payload, rollback)
    check_answer(form, response, changed, payload)


@HYPOTHESIS
@given(query=junk)
def test_hostile_searches_answer_with_the_search_page(query, hostile_world, client):
    response = client.post(reverse("citizens:index"), {"q": query})
    assert response.status_code == 200


@HYPOTHESIS
@given(value=junk)
def test_hostile_query_strings_and_logins_never_cause_an_error(value, hostile_world, client, rollback):
    anonymous = Client()
    citizen = hostile_world.objects["free"]
    with rollback():  # django-axes counts failed logins in the database; each example starts afresh
        login = anonymous.post(reverse("accounts:login"), {"username": value, "password": value})
        assert login.status_code == 200
        assert anonymous.get(reverse("accounts:login"), {"next": value}).status_code == 200
        language = anonymous.post(reverse("set_language"), {"language": value, "next": value})
        assert language.status_code in (302, 400)
        assert client.get(reverse("deadlines:worklist"), {"vis": value, "forsinket_efter": value}).status_code == 200
        for cursor in ("efter", "foer"):  # keyset cursors (forlob.paging, timeline.selectors)
            assert client.get(reverse("audit:citizen_access", args=[citizen.pk]), {cursor: value}).status_code == 200
            assert client.get(reverse("timeline:citizen", args=[citizen.pk]), {cursor: value}).status_code == 200
            assert client.get(reverse("citizens:index"), {cursor: value}).status_code == 200


@pytest.mark.parametrize(
    "username",
    [
        "x" * 151,
        "x" * 256,
        "9" * 5000,
    ],
)
def test_a_very_long_username_is_refused_by_the_login_form(db, username):
    response = Client().post(reverse("accounts:login"), {"username": username, "password": "Forkert-kode-123"})
    assert response.status_code == 200
    assert b"data-error-summary" in response.content


@pytest.mark.parametrize(
    "code",
    [
        "999",
        "x" * 3000,
        "' OR '1'='1",
        "%3Cscript%3E",
        "%00",
        "7%0030",
    ],
)
def test_the_public_standard_of_a_municipality_that_does_not_exist_is_not_found(db, code):
    response = Client(raise_request_exception=False).get(f"/offentlig/kvalitetsstandard/{code}/")
    assert response.status_code == 404


def test_control_characters_that_are_accepted_do_not_break_letters_or_exports(hostile_world, client):
    """What the forms let through must also go through WeasyPrint and the citizen's copy."""
    control = "a\x01\x02\x07\x08\x0b\x0c\x0e\x1b[31m\x7f\u0085\u2028\ufeff\u202eb"
    issue = FORMS["decision issue"]
    payload = {**issue.fields(hostile_world), **dict.fromkeys(DECISION_TEXTS, control)}
    assert client.post(url_of(issue, hostile_world), payload).status_code == 302
    course = hostile_world.objects["assessed"]
    assert client.post(reverse("decisions:letter", args=[course.pk])).status_code == 302
    assert client.get(reverse("decisions:letter_download", args=[course.pk])).status_code == 200
    edit = FORMS["citizen details"]
    payload = {**edit.fields(hostile_world), "first_name": control, "city": control}
    assert client.post(url_of(edit, hostile_world), payload).status_code == 302
    citizen = hostile_world.objects["free"]
    for export in ("exports:json", "exports:pdf"):
        assert client.post(reverse(export, args=[citizen.pk])).status_code == 200, export
    assert client.get(reverse("citizens:detail", args=[citizen.pk])).status_code == 200
