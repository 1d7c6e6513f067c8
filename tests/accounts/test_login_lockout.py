"""The lockout slows guessing of one username from one address, and cannot lock the real user out.

forlob.lockout: after 5 failures of a username from an address, each further failure locks that
username from that address for 1, then 5, 15, 60 minutes; the same username from another
address logs in. Whole addresses are locked only when enabled (or behind a trusted proxy).
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from forlob.lockout import FAILURE_LIMIT, RETENTION, cooloff_after, locked_until
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.7"
COLLEAGUE = "203.0.113.20"


def login(username: str, password: str = PASSWORD, address: str = ATTACKER, **headers):
    return Client().post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(username: str, times: int, address: str = ATTACKER, **headers) -> None:
    for attempt in range(times):
        login(username, f"forkert-{attempt}-kodeord", address, **headers)


def is_locked(response) -> bool:
    return response.status_code == 429


def is_in(response) -> bool:
    """The password step passed: on to the second factor."""
    return response.status_code == 302 and response.url.startswith(reverse("accounts:verify"))


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_the_delay_grows_with_the_failures():
    assert [cooloff_after(n) for n in (0, 4)] == [None, None]
    assert cooloff_after(FAILURE_LIMIT) == timedelta(minutes=1)
    assert cooloff_after(9) == timedelta(minutes=1)
    assert cooloff_after(10) == timedelta(minutes=5)
    assert cooloff_after(15) == timedelta(minutes=15)
    assert cooloff_after(20) == cooloff_after(500) == timedelta(minutes=60)
    now = timezone.now()
    assert locked_until(4, now) is None
    assert locked_until(12, now) == now + timedelta(minutes=5)


def test_five_failures_lock_the_username_from_that_address_only(randers_therapist, clock):
    fail(randers_therapist.username, 5, ATTACKER)
    locked = login(randers_therapist.username, address=ATTACKER)  # even the right password
    assert is_locked(locked)
    assert "spærret" in locked.content.decode()
    # The real user, at work, is not locked out by somebody guessing elsewhere.
    assert is_in(login(randers_therapist.username, address=COLLEAGUE))


def test_guessing_from_many_addresses_does_not_lock_the_user_out(randers_therapist, clock):
    for n in range(30):
        fail(randers_therapist.username, 1, f"10.9.{n}.1")
    assert is_in(login(randers_therapist.username, address=COLLEAGUE))


def test_the_first_lock_ends_after_a_minute(randers_therapist, clock):
    fail(randers_therapist.username, 5)
    clock.shift(timedelta(seconds=50))
    assert is_locked(login(randers_therapist.username))
    clock.shift(timedelta(seconds=61))  # a minute after the latest failure (the one just above)
    assert is_in(login(randers_therapist.username))


def test_further_failures_lock_longer(randers_therapist, clock):
    fail(randers_therapist.username, 5)
    for _ in range(5):  # one guess a minute, as the first lock allows
        clock.shift(timedelta(seconds=61))
        fail(randers_therapist.username, 1)
    # 10 failures: 5 minutes.
    clock.shift(timedelta(minutes=4))
    assert is_locked(login(randers_therapist.username))
    clock.shift(timedelta(minutes=5, seconds=1))
    assert is_in(login(randers_therapist.username))


def test_the_lock_page_says_when_to_try_again(randers_therapist, clock):
    fail(randers_therapist.username, 10)
    response = login(randers_therapist.username, "forkert-kodeord-99")
    assert is_locked(response) and response.context["minutes"] == 5
    assert "5" in response.content.decode()


def test_hammering_during_a_lock_counts_and_is_audited(randers_therapist, clock):
    fail(randers_therapist.username, 5)
    fail(randers_therapist.username, 15)  # all refused by the lock, all counted
    audited = AuditEvent.objects.filter(action="login_failed", actor_username=randers_therapist.username)
    assert audited.count() == 20
    assert set(audited.values_list("client_address", flat=True)) == {ATTACKER}
    clock.shift(timedelta(minutes=59))
    assert is_locked(login(randers_therapist.username))  # 20 failures: an hour
    clock.shift(timedelta(minutes=60, seconds=1))
    assert is_in(login(randers_therapist.username))


def test_failures_are_forgotten_a_day_after_the_latest(randers_therapist, clock):
    fail(randers_therapist.username, 4)
    clock.shift(RETENTION + timedelta(seconds=1))
    fail(randers_therapist.username, 1)
    assert is_in(login(randers_therapist.username))


def test_a_successful_login_starts_the_count_again(randers_therapist, clock):
    fail(randers_therapist.username, 4)
    assert is_in(login(randers_therapist.username))
    fail(randers_therapist.username, 4)
    assert is_in(login(randers_therapist.username))


def test_changing_the_user_agent_does_not_escape_the_lock(randers_therapist, clock):
    for n in range(5):
        fail(randers_therapist.username, 1, HTTP_USER_AGENT=f"browser-{n}")
    assert is_locked(login(randers_therapist.username, HTTP_USER_AGENT="browser-new"))


def test_addresses_are_not_locked_as_a_whole_by_default(randers_therapist, clock):
    for n in range(6):
        fail(f"gaet{n}", 1, ATTACKER)
    assert is_in(login(randers_therapist.username, address=ATTACKER))


@override_settings(FORLOB_LOCKOUT_BY_ADDRESS=True)
def test_address_wide_locks_when_enabled(randers_therapist, clock):
    for n in range(5):
        fail(f"gaet{n}", 1, ATTACKER)
    assert is_locked(login(randers_therapist.username, address=ATTACKER))
    assert is_in(login(randers_therapist.username, address=COLLEAGUE))


@override_settings(FORLOB_TRUSTED_PROXIES="10.0.0.2")
def test_address_wide_locks_behind_a_trusted_proxy_use_the_real_client(randers_therapist, clock):
    for n in range(5):
        fail(f"gaet{n}", 1, "10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER)
    # Everybody comes through the proxy; only the guessing client is locked.
    assert is_locked(login(randers_therapist.username, address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER))
    assert is_in(login(randers_therapist.username, address="10.0.0.2", HTTP_X_FORWARDED_FOR=COLLEAGUE))


@override_settings(FORLOB_LOCKOUT_BY_ADDRESS=False, FORLOB_TRUSTED_PROXIES="10.0.0.2")
def test_address_wide_locks_can_be_turned_off_behind_a_proxy(randers_therapist, clock):
    for n in range(5):
        fail(f"gaet{n}", 1, "10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER)
    assert is_in(login(randers_therapist.username, address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER))


def test_a_password_typed_as_the_username_is_not_kept_in_the_lockout_records(client):
    """django-axes keeps every failed login; a password typed into the username field is hidden there too."""
    from axes.models import AccessAttempt, AccessFailureLog

    client.post(reverse("accounts:login"), {"username": "Sommer2026!Kode", "password": "whatever-wrong"})
    stored = list(AccessAttempt.objects.values_list("username", flat=True)) + list(
        AccessFailureLog.objects.values_list("username", flat=True)
    )
    assert stored and all(username == "[skjult: 15 tegn]" for username in stored)
