"""Shared pieces for the public page's tests: a frozen clock, times, and a visitor filling the form."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from anonymous.models import ConversationSlot
from organisations.models import Role
from tests.conftest import staff

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=CPH)  # a Tuesday


def frozen(moment: datetime = NOW):
    """The clock stopped at ``moment`` (``.shift(seconds)`` moves it on)."""
    return time_machine.travel(moment, tick=False)


def counsellor(centre, username="anonym-raadgiver"):
    return staff(centre, Role.ANONYMOUS_COUNSELLOR, username=username)


def slot(centre, by, starts_at: datetime, place="Sideindgangen, Vestre Ringvej") -> ConversationSlot:
    return ConversationSlot.objects.create(centre=centre, starts_at=starts_at, minutes=45, place=place, created_by=by)


def token_of(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def book_url(code="607"):
    return reverse("anonymous_public:book", args=[code])


def status_url(code="607"):
    return reverse("anonymous_public:status", args=[code])


def fresh_visitor() -> Client:
    cache.clear()
    return Client(REMOTE_ADDR="198.51.100.7")


def form_data(client: Client, traveller, code="607", wait=10, **fields) -> dict:
    """GET the page, wait ``wait`` seconds like a person, and return the data to POST."""
    page = client.get(book_url(code))
    assert page.status_code == 200
    traveller.shift(wait)
    data = {
        "token": token_of(page.content.decode()),
        "service": "drug_treatment",
        "nickname": "Stjernen",
        "birth_year": "",
        "slot": "callback",
        "phone": "",
        "callback_time": "any",
        "website": "",
    }
    data.update(fields)
    return data
