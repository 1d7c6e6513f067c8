"""Named people for tests that read like stories (STYLE.md): staff of the seed municipalities.

The four seed municipalities and their centres come from the data migration, as in production.
"""

import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from organisations.models import Centre, Role

from .factories import MembershipFactory, UserFactory, totp_device

TEST_CLOCK = "FORLOB_TEST_CLOCK"


def pytest_configure(config):
    """``FORLOB_TEST_CLOCK=2027-02-01`` runs the whole suite as if today were that date.

    The clock starts at noon in Copenhagen and keeps ticking, for the test code and for the
    browser tests' live server (a thread in this process) alike; a test's own
    ``time_machine.travel`` nests inside it. The browser's clock is not moved.
    """
    value = os.environ.get(TEST_CLOCK)
    if value:
        noon = datetime.combine(date.fromisoformat(value), time(12), tzinfo=ZoneInfo("Europe/Copenhagen"))
        traveller = time_machine.travel(noon, tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    return f"{TEST_CLOCK}: {os.environ.get(TEST_CLOCK) or 'not set (the real date)'}"


def _centre(code: str) -> Centre:
    return Centre.objects.get(municipality__code=code, kind=Centre.Kind.MUNICIPAL)


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(request, monkeypatch):
    """A test inside one transaction never commits, so ``transaction.on_commit`` work (the letter
    PDF) runs at once instead. Tests that capture the callbacks themselves
    (``django_capture_on_commit_callbacks``) or really commit (``transactional_db``, the browser
    tests) keep Django's behaviour."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {
        "django_capture_on_commit_callbacks",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames):
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def randers_centre(db) -> Centre:
    return _centre("730")


@pytest.fixture
def fredericia_centre(db) -> Centre:
    return _centre("607")


@pytest.fixture
def odsherred_centre(db) -> Centre:
    return _centre("306")


@pytest.fixture
def mariagerfjord_centre(db) -> Centre:
    """Mariagerfjord's standard lets the guarantee lapse on no-shows (a local waiver)."""
    return _centre("846")


def staff(centre: Centre, *roles: str, username: str):
    user = UserFactory(username=username)
    for role in roles:
        MembershipFactory(user=user, centre=centre, role=role)
    totp_device(user)
    return user


@pytest.fixture
def randers_visitator(randers_centre):
    return staff(randers_centre, Role.VISITATOR, username="randers-visitator")


@pytest.fixture
def randers_therapist(randers_centre):
    return staff(randers_centre, Role.THERAPIST, username="randers-behandler")


@pytest.fixture
def randers_manager(randers_centre):
    return staff(randers_centre, Role.MANAGER, username="randers-leder")


@pytest.fixture
def randers_admin(randers_centre):
    return staff(randers_centre, Role.ADMINISTRATOR, username="randers-admin")


@pytest.fixture
def mariagerfjord_visitator(mariagerfjord_centre):
    return staff(mariagerfjord_centre, Role.VISITATOR, username="mariagerfjord-visitator")


@pytest.fixture
def odsherred_manager(odsherred_centre):
    return staff(odsherred_centre, Role.MANAGER, username="odsherred-leder")


@pytest.fixture
def fredericia_outsider(fredericia_centre):
    """A manager in Fredericia: has every right there, and none in Randers."""
    return staff(fredericia_centre, Role.MANAGER, Role.ADMINISTRATOR, username="fredericia-leder")


def verified_client(user) -> Client:
    """A client logged in with both factors, as after a real two-step login."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.authenticatordevice_set.get().persistent_id
    session.save()
    return client


@pytest.fixture
def as_user():
    return verified_client
