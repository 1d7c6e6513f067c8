"""The audit log records staff actions on anonymous records without anything that could identify
the person (issue 11; anonymous/audit.py): after a client's whole course through the staff pages,
no audit row holds the nickname, the reference code, the phone number, the birth year or a note,
none names a citizen, and the person's own request on the public page left no row (and no IP)."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django import forms
from django.urls import NoReverseMatch, reverse

from anonymous.models import AnonymousClient, ContactRequest
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff, verified_client

pytestmark = pytest.mark.django_db

NICKNAME = "Zebrafinken Quorra"
PHONE = "20000009"
BIRTH_YEAR = "1987"
NOTE = "Talte om weekendforbruget og Xylofon-planen."
REFERRAL_NOTE = "Henvist til Qwertyhuset for råd."
DAY = date(2026, 3, 2)


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        pytest.skip(f"{name} does not exist yet")


def _fill(form: forms.Form, **overrides) -> dict:
    """Data for ``form`` as a person would send it: the given values, else the initial value, else
    the first real choice (a model choice: the first row), a date on ``DAY``, a time at 17:00."""
    data = {}
    for name, field in form.fields.items():
        if name in overrides:
            data[name] = overrides[name]
            continue
        initial = form.initial.get(name, field.initial)
        initial = initial() if callable(initial) else initial
        if isinstance(field, forms.ModelChoiceField):
            first = field.queryset.first()
            data[name] = initial.pk if hasattr(initial, "pk") else (initial or (first.pk if first else ""))
        elif isinstance(field, forms.BooleanField):
            if initial:
                data[name] = "on"
        elif isinstance(field, forms.ChoiceField):
            choices = [value for value, _label in field.choices if value not in ("", None)]
            data[name] = initial or (choices[0] if choices else "")
        elif isinstance(field, forms.DateField):
            data[name] = initial.isoformat() if hasattr(initial, "isoformat") else (initial or DAY.isoformat())
        elif isinstance(field, forms.TimeField):
            data[name] = initial or "17:00"
        elif isinstance(field, forms.IntegerField):
            data[name] = initial if initial is not None else (field.min_value or 1)
        else:
            data[name] = initial or ""
    return data


def _post_form(client, url: str, **overrides):
    page = client.get(url)
    assert page.status_code == 200, url
    form = page.context["form"]
    response = client.post(url, _fill(form, **overrides))
    if response.status_code == 200 and "form" in (response.context or {}):
        pytest.fail(f"{url} refused the form: {response.context['form'].errors.as_json()}")
    assert response.status_code == 302, url
    return response


def _secrets(client_row: AnonymousClient) -> list[str]:
    return [
        NICKNAME,
        "Zebrafinken",
        "Quorra",
        client_row.reference_code,
        PHONE,
        "20 00 00 09",
        BIRTH_YEAR,
        "Xylofon",
        "Qwertyhuset",
    ]


def _assert_clean(events) -> None:
    for event in events:
        assert event.citizen_id is None, event.pk
        row = json.dumps(
            {f.attname: getattr(event, f.attname) for f in AuditEvent._meta.concrete_fields},
            default=str,
            ensure_ascii=False,
        )
        for secret in _secrets(_assert_clean.client_row):
            assert secret not in row, (secret, row)


@time_machine.travel("2026-03-02 09:00 +01:00", tick=False)
def test_staff_actions_on_a_client_leave_nothing_identifying_in_the_log(mariagerfjord_centre):
    counsellor = staff(mariagerfjord_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym-mariagerfjord")
    client = verified_client(counsellor)
    before = AuditEvent.objects.count()

    _post_form(
        client,
        _url("anonymous:client_new"),
        service="drug_treatment",
        nickname=NICKNAME,
        birth_year=BIRTH_YEAR,
        contact_by="self",
        channel="phone",
        wish="callback",
        phone=PHONE,
    )
    client_row = AnonymousClient.objects.get(nickname=NICKNAME)
    _assert_clean.client_row = client_row
    assert str(client_row.birth_year) == BIRTH_YEAR
    pk = client_row.pk

    assert client.get(_url("anonymous:client", pk)).status_code == 200
    assert client.get(_url("anonymous:clients")).status_code == 200
    assert client.get(_url("anonymous:clients") + "?code=" + client_row.reference_code).status_code == 200
    request = ContactRequest.objects.filter(client=client_row).first()
    if request is not None and request.way == ContactRequest.Way.CALLBACK:
        client.post(_url("anonymous:callback_done", request.pk))
    _post_form(client, _url("anonymous:client_edit", pk), nickname=NICKNAME, birth_year=BIRTH_YEAR)
    _post_form(
        client,
        _url("anonymous:conversation", pk),
        held_on=DAY.isoformat(),
        decision="yes",
        not_eligible_reason="",
        referral="",
        note=NOTE,
        referral_note="",
    )
    _post_form(
        client,
        _url("anonymous:client_end", pk),
        ended_on=DAY.isoformat(),
        end_reason="withdrew",
        referral="other_help",
        referral_note=REFERRAL_NOTE,
    )

    events = list(AuditEvent.objects.order_by("id"))[before:]
    assert len(events) >= 5  # created, read, list, changed, decided, ended
    assert any(e.changes.get("anonymous") for e in events)
    _assert_clean(events)


@time_machine.travel("2026-03-02 09:00 +01:00", tick=False)
def test_an_advice_talk_by_a_relative_leaves_nothing_identifying_in_the_log(mariagerfjord_centre):
    counsellor = staff(mariagerfjord_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym-mariagerfjord")
    client = verified_client(counsellor)
    _post_form(
        client,
        _url("anonymous:client_new"),
        service="advice",
        nickname=NICKNAME,
        birth_year=BIRTH_YEAR,
        contact_by="relative",
        channel="phone",
        wish="none",
        phone=PHONE,
    )
    client_row = AnonymousClient.objects.get(nickname=NICKNAME)
    _assert_clean.client_row = client_row
    _post_form(
        client, _url("anonymous:advice_talk", client_row.pk), held_on=DAY.isoformat(), note=NOTE, with_relative="on"
    )
    _assert_clean(AuditEvent.objects.all())


def test_a_request_on_the_public_page_writes_no_audit_row_and_keeps_no_address(mariagerfjord_centre, client):
    url = _url("anonymous_public:book", mariagerfjord_centre.municipality.code)
    before = AuditEvent.objects.count()
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as traveller:
        page = client.get(url, REMOTE_ADDR="203.0.113.77")
        assert page.status_code == 200
        data = _fill(
            page.context["form"],
            service="drug_treatment",
            nickname=NICKNAME,
            birth_year=BIRTH_YEAR,
            slot="",
            phone=PHONE,
            callback_time="any",
            website="",
        )
        traveller.shift(timedelta(minutes=2))
        response = client.post(url, data, REMOTE_ADDR="203.0.113.77")
    assert response.status_code in (200, 302)
    made = AnonymousClient.objects.filter(nickname=NICKNAME)
    assert made.exists(), "the public page did not take the request"
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(client_address="203.0.113.77").exists()
