"""Sessions end after 15 minutes idle and 12 hours in all (accounts.middleware)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_fifteen_minutes_idle_ends_the_session(as_user, randers_therapist):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(randers_therapist)
        assert client.get(reverse("home:index")).status_code == 200
        clock.shift(timedelta(minutes=15, seconds=1))
        response = client.get(reverse("home:index"))
    assert response.url == reverse("accounts:login") + "?next=%2Fforside%2F"
    assert AuditEvent.objects.filter(action="session_expired", actor=randers_therapist).exists()
    follow = client.get(response.url)
    assert "15 minutter" in follow.content.decode()


def test_activity_keeps_the_session_alive(as_user, randers_therapist):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(randers_therapist)
        for _ in range(6):
            clock.shift(timedelta(minutes=14))
            assert client.get(reverse("home:index")).status_code == 200


def test_the_keep_alive_resets_the_idle_clock(as_user, randers_therapist):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(randers_therapist)
        client.get(reverse("home:index"))
        clock.shift(timedelta(minutes=14))
        assert client.post(reverse("accounts:keepalive")).json() == {"idle_seconds": 900}
        clock.shift(timedelta(minutes=14))
        assert client.get(reverse("home:index")).status_code == 200


def test_twelve_hours_end_the_session_even_with_activity(as_user, randers_therapist):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(randers_therapist)
        client.get(reverse("home:index"))
        for _ in range(12 * 6 + 1):
            clock.shift(timedelta(minutes=10))
            response = client.get(reverse("home:index"))
            if response.status_code == 302:
                break
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_limits_are_configurable(as_user, randers_therapist, settings):
    settings.FORLOB_SESSION_IDLE_SECONDS = 5 * 60
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(randers_therapist)
        client.get(reverse("home:index"))
        clock.shift(timedelta(minutes=6))
        assert client.get(reverse("home:index")).status_code == 302


def test_the_page_tells_the_browser_when_to_warn(as_user, randers_therapist):
    html = as_user(randers_therapist).get(reverse("home:index")).content.decode()
    assert 'data-session-idle="900"' in html and 'data-session-warning="120"' in html
