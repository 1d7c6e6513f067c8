"""Proof that the anonymous services are kept apart from the citizens' records (SEL §101a(7);
issue 11, "Tests prove"): no relation, field, URL, template link, export or join reaches from an
anonymous client to a citizen or a CPR number, and staff without the role find nothing (404)."""

import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from anonymous import audit as anonymous_audit
from organisations.models import Centre, Role
from tests.anonymous.reporting.world import anonymous_world
from tests.conftest import staff, verified_client

ANONYMOUS = apps.get_app_config("anonymous")
ANONYMOUS_MODELS = set(ANONYMOUS.get_models())
ALLOWED_OUT = {Centre, get_user_model()}
CITIZEN = apps.get_model("citizens", "Citizen")
# Apps that hold (part of) a citizen's record; a template or URL of the anonymous service links to none.
RECORD_APPS = (
    "citizens",
    "courses",
    "assessments",
    "decisions",
    "exports",
    "plans",
    "appointments",
    "treatment",
    "discharges",
    "followups",
    "journal",
    "timeline",
    "caseloads",
    "emergency",
    "deadlines",
)
CPR_VALUES = ("0101909999", "010190-9999")
# A SHA-256 of the public form's one-time token, set by code only (editable=False): never typed.
NOT_TYPED = {("ContactRequest", "form_token_hash")}


def _relations(model) -> list:
    """Every relation of ``model``, forward and reverse, hidden ones (related_name="+") included."""
    return [f for f in model._meta.get_fields(include_hidden=True) if f.is_relation and f.related_model]


def _touches_citizen(model) -> bool:
    return model is CITIZEN or any(f.related_model is CITIZEN for f in _relations(model))


def test_anonymous_models_relate_only_to_each_other_a_centre_and_a_user():
    seen, todo, outside = set(), list(ANONYMOUS_MODELS), set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in _relations(model):
            other = field.related_model
            if other in ANONYMOUS_MODELS:
                todo.append(other)
            else:
                outside.add((model.__name__, field.name, other._meta.label))
    assert seen == ANONYMOUS_MODELS
    reached = {label for _m, _f, label in outside}
    assert reached <= {m._meta.label for m in ALLOWED_OUT}, outside
    for _model, _field, label in outside:
        other = apps.get_model(label)
        assert other._meta.app_label not in ("citizens", "courses")
    # and every relation out is a forward link from the anonymous record (nothing points in)
    for model in ANONYMOUS_MODELS:
        for field in _relations(model):
            if field.related_model in ALLOWED_OUT:
                assert field.concrete and not field.auto_created, (model, field)


def test_the_centre_and_the_user_do_not_lead_back_to_a_citizen_from_an_anonymous_record():
    """Centre and User are the only models both sides share; the anonymous links to them are
    one-way (``related_name="+"``), so no query from a Centre or a User lands on an anonymous row."""
    for model in ALLOWED_OUT:
        visible = [f for f in model._meta.get_fields() if f.is_relation and f.related_model in ANONYMOUS_MODELS]
        assert visible == [], (model, visible)


def test_no_other_model_has_a_relation_to_an_anonymous_model():
    for model in apps.get_models(include_auto_created=True):
        if model in ANONYMOUS_MODELS:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if field.is_relation and field.related_model in ANONYMOUS_MODELS:
                assert field.auto_created and not field.concrete, (
                    model,
                    field,
                )  # only the reverse side of our own links
                assert field.remote_field.model in ALLOWED_OUT or model in ALLOWED_OUT, (model, field)


def test_no_model_that_touches_a_citizen_is_an_anonymous_model_or_reached_from_one():
    touching = {m for m in apps.get_models() if _touches_citizen(m)}
    assert CITIZEN in touching
    assert not (touching & ANONYMOUS_MODELS)
    for model in ANONYMOUS_MODELS:
        for field in _relations(model):
            assert field.related_model not in touching or field.related_model in ALLOWED_OUT, (model, field)
    # Centre and the user do touch citizens (a citizen's centre, the staff on a course): that is why
    # the anonymous links to them are one-way (test above) and no query starts from them.


def _instance_with(model, field, value):
    instance = model()
    setattr(instance, field.attname, value)
    return instance


@pytest.mark.django_db
@pytest.mark.parametrize("model", sorted(ANONYMOUS_MODELS, key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_no_field_is_named_for_a_cpr_number_and_no_text_field_holds_one(model):
    for field in model._meta.get_fields():
        assert "cpr" not in field.name.lower(), field
        assert "personnummer" not in str(getattr(field, "verbose_name", "")).lower()
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if (model.__name__, field.name) in NOT_TYPED:
            assert not field.editable
            continue
        for value in CPR_VALUES:
            with pytest.raises(ValidationError) as refused:
                _instance_with(model, field, value).full_clean()
            assert field.name in refused.value.error_dict, (model.__name__, field.name, value)
        if field.max_length is not None and field.max_length < 10:
            assert field.validators or field.choices, (model.__name__, field.name)


def _patterns(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            )
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def _anonymous_patterns():
    return [(ns, p) for ns, p in _patterns(get_resolver()) if ns in ("anonymous", "anonymous_public")]


def test_no_anonymous_url_takes_a_citizen_or_a_course():
    patterns = _anonymous_patterns()
    for namespace, pattern in patterns:
        route = str(pattern.pattern)
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", route)) | set(pattern.pattern.regex.groupindex)
        for name in names:
            assert not re.search(r"citizen|borger|course|forloeb|cpr", name, re.I), (namespace, pattern.name, name)
        assert not re.search(r"borger|forloeb|cpr", route, re.I), (namespace, route)


def _anonymous_templates() -> list[Path]:
    root = Path(ANONYMOUS.path)
    return sorted(root.rglob("templates/**/*.html"))


def test_no_anonymous_template_links_to_a_citizens_page():
    templates = _anonymous_templates()
    assert templates, "the anonymous app has no templates yet"
    forbidden = re.compile(r"""\{%\s*url\s+['"](""" + "|".join(RECORD_APPS) + "):")
    paths = re.compile(r"/(borgere|forloeb|afdaekning|afgoerelser|indsigt)/")
    for template in templates:
        text = template.read_text()
        assert not forbidden.search(text), template
        assert not paths.search(text), template


def test_no_anonymous_python_module_imports_a_citizens_app():
    root = Path(ANONYMOUS.path)
    imports = re.compile(r"^\s*(?:from|import)\s+(" + "|".join(RECORD_APPS) + r")\b", re.M)
    for module in root.rglob("*.py"):
        assert not imports.search(module.read_text()), module


def test_the_citizens_copy_and_the_exports_never_name_the_anonymous_app():
    exports = Path(apps.get_app_config("exports").path)
    for module in exports.rglob("*.py"):
        text = module.read_text()
        assert "anonymous" not in text, module
        assert "AnonymousClient" not in text, module


def _reachable_from(model, stop: set) -> set:
    seen, todo = set(), [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current in stop:
            continue
        # The relations a query can follow (a one-way link, related_name="+", has no way back).
        todo += [f.related_model for f in current._meta.get_fields() if f.is_relation and f.related_model]
    return seen


def test_no_join_from_a_citizen_reaches_an_anonymous_record():
    """Walking every relation from Citizen (through courses, decisions, plans, …, and through the
    centre and the staff users) never arrives at an anonymous model: the anonymous links to the
    centre and the user are one-way, so there is no path."""
    reachable = _reachable_from(CITIZEN, stop=set())
    assert not (reachable & ANONYMOUS_MODELS)


@pytest.mark.django_db
def test_the_citizens_copy_holds_nothing_anonymous(randers_centre):
    from audit.models import AuditEvent
    from exports.collect import citizen_data
    from tests.factories import CitizenFactory

    counsellor = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, Role.VISITATOR, username="both-hats")
    world = anonymous_world(randers_centre, counsellor, nickname="Hemmelig Kat", birth_year=1991)
    anonymous_audit.audit_client_read(by=counsellor, client=world.client)
    citizen = CitizenFactory(centre=randers_centre, first_name="Karla", last_name="Prøvesen")
    data = json.dumps(citizen_data(citizen, full_cpr=True), default=str, ensure_ascii=False)
    for secret in ("Hemmelig Kat", world.client.reference_code, "20000007", "anonymous", "anonym"):
        assert secret not in data
    assert not AuditEvent.objects.about_citizen(citizen.pk).filter(changes__anonymous=True).exists()


# Staff pages of the anonymous service: name -> the object whose pk the URL takes (None: no argument).
STAFF_URLS = {
    "index": None,
    "clients": None,
    "client_new": None,
    "slots": None,
    "groups": None,
    "group_new": None,
    "counts": None,
    "counts_csv": None,
    "client": "client",
    "client_edit": "client",
    "conversation": "client",
    "advice_talk": "client",
    "alcohol_start": "client",
    "client_end": "client",
    "closing_talk": "client",
    "callback_done": "request",
    "request_cancel": "request",
    "slot_delete": "slot",
    "group": "group",
    "group_enrol": "group",
    "group_close": "group",
    "session": "session",
    "group_leave": "enrolment",
}
# The counts are not records: the service centre's manager may see them (anonymous/reporting/views.py).
COUNTS = {"counts", "counts_csv"}


def _url(name: str, world) -> str:
    kind = STAFF_URLS[name]
    try:
        return reverse(f"anonymous:{name}", args=[world.object(kind).pk] if kind else [])
    except NoReverseMatch:
        pytest.skip(f"anonymous:{name} does not exist yet")


def _missing_twin(url: str) -> str:
    """The same URL for a record that does not exist (the last number replaced)."""
    return re.sub(r"/(\d+)/(?!.*/\d+/)", "/987654/", url)


def _refused_get(client, url: str) -> None:
    """A GET is refused as for a record that does not exist: 404, or 405 on a POST-only page
    (the project's convention: the method is checked first, so the answer says nothing about
    the record or the service, whatever the id)."""
    status = client.get(url).status_code
    assert status in (404, 405), url
    if status == 405:
        assert client.get(_missing_twin(url)).status_code == 405, url


@pytest.fixture
def world(randers_centre):
    owner = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym-randers")
    return anonymous_world(randers_centre, owner)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(STAFF_URLS))
def test_every_staff_page_is_missing_for_each_role_without_the_anonymous_one(name, world, randers_centre):
    url = _url(name, world)
    for role in Role.values:
        if role == Role.ANONYMOUS_COUNSELLOR or (role == Role.MANAGER and name in COUNTS):
            continue
        user = staff(randers_centre, role, username=f"{name}-{role}"[:150])
        client = verified_client(user)
        _refused_get(client, url)
        assert client.post(url, {}).status_code == 404, (role, url)
    everyone = staff(
        randers_centre,
        *[r for r in Role.values if r not in (Role.ANONYMOUS_COUNSELLOR, Role.MANAGER)],
        username=f"{name}-all-roles"[:150],
    )
    _refused_get(verified_client(everyone), url)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, kind in STAFF_URLS.items() if kind])
def test_another_centres_anonymous_counsellor_finds_no_record_here(name, world, odsherred_centre):
    url = _url(name, world)
    other = verified_client(staff(odsherred_centre, Role.ANONYMOUS_COUNSELLOR, username=f"{name}-odsherred"[:150]))
    _refused_get(other, url)
    assert other.post(url, {}).status_code == 404, url


@pytest.mark.django_db
def test_the_logged_out_visitor_never_sees_a_staff_page(world, client):
    for name in STAFF_URLS:
        try:
            url = reverse(f"anonymous:{name}", args=[world.object(STAFF_URLS[name]).pk] if STAFF_URLS[name] else [])
        except NoReverseMatch:
            continue
        response = client.get(url)
        assert response.status_code in (302, 404, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), url
