"""Every form of the anonymous team's pages against hostile input: a NUL byte, 10,000 characters,
a CPR number, markup, an impossible date, huge numbers. Each gets a page (a form with its
messages, or a redirect), never a server error, and no anonymous record ever keeps a CPR number
(servicelovens § 101 a, stk. 7: the records must not be joinable to a person)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.urls import reverse

from anonymous import rules
from organisations.models import Role
from tests.anonymous.reporting.helpers import anonymous_client
from tests.anonymous.reporting.world import anonymous_world
from tests.conftest import staff, verified_client

CPH = ZoneInfo("Europe/Copenhagen")
JUNK = [
    "\x00",
    "x" * 10_000,
    "0101909999",
    "010190-9999",
    "<script>alert(1)</script>",
    "2027-02-30",
    "99999999999999999999",
    "-1",
    "💊" * 60,
    " ",
]
CPR_DIGITS = ("0101909999", "010190-9999")


@pytest.fixture
def setting(randers_centre):
    with time_machine.travel(datetime(2026, 3, 9, 12, tzinfo=CPH), tick=False):
        worker = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="anonym-fjendtlig")
        world = anonymous_world(randers_centre, worker, on=date(2026, 3, 2))
        advice = anonymous_client(randers_centre, first_contact_on=date(2026, 3, 2), service=rules.ADVICE_SERVICE)
        alcohol = anonymous_client(randers_centre, first_contact_on=date(2026, 3, 2), service=rules.ALCOHOL)
        yield verified_client(worker), world, advice, alcohol


def _forms(world, advice, alcohol) -> list[tuple[str, list]]:
    return [
        ("anonymous:client_new", []),
        ("anonymous:client_edit", [world.client.pk]),
        ("anonymous:conversation", [world.callback_client.pk]),
        ("anonymous:advice_talk", [advice.pk]),
        ("anonymous:alcohol_start", [alcohol.pk]),
        ("anonymous:client_end", [world.callback_client.pk]),
        ("anonymous:slots", []),
        ("anonymous:group_new", []),
        ("anonymous:session", [world.session.pk]),
        ("anonymous:group_leave", [world.enrolment.pk]),
        ("anonymous:closing_talk", [world.client.pk]),
        ("anonymous:clients", []),
        ("anonymous:counts", []),
    ]


def _field_names(response) -> list[str]:
    names = set()
    for context in response.context or []:
        for value in context.dicts if hasattr(context, "dicts") else [context]:
            for item in value.values() if isinstance(value, dict) else []:
                if hasattr(item, "fields") and hasattr(item, "is_bound"):
                    names |= set(item.fields)
    return sorted(names)


def _stored_texts() -> list[str]:
    texts = []
    for model in apps.get_app_config("anonymous").get_models():
        fields = [f.name for f in model._meta.fields if isinstance(f, (models.CharField, models.TextField))]
        for row in model.objects.values_list(*fields) if fields else ():
            texts += [value for value in row if value]
    return texts


@pytest.mark.django_db
def test_every_anonymous_form_answers_junk_with_a_page_and_keeps_no_cpr_number(setting):
    client, world, advice, alcohol = setting
    wrong = []
    with time_machine.travel(datetime(2026, 3, 9, 12, tzinfo=CPH), tick=False):
        for name, args in _forms(world, advice, alcohol):
            url = reverse(name, args=args)
            page = client.get(url)
            fields = _field_names(page)
            if not fields:
                wrong.append(f"{name}: no form found on the page ({page.status_code})")
            for value in JUNK:
                for method in ("post", "get"):
                    response = getattr(client, method)(url, dict.fromkeys(fields, value))
                    if response.status_code >= 500 or response.status_code in (403, 404):
                        wrong.append(f"{method.upper()} {name} with {value[:12]!r}: {response.status_code}")
    kept = [text for text in _stored_texts() if any(cpr in text for cpr in CPR_DIGITS)]
    assert not wrong, "\n".join(wrong)
    assert not kept, kept
