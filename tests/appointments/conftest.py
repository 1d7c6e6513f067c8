"""Courses and appointments for the appointments tests, at a fixed moment (no test depends on today)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from appointments.models import Appointment
from tests.pathway import course_in_treatment

CPH = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 3, 20)  # a Friday
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=CPH)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CPH)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def course(frozen, randers_centre, randers_therapist):
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)


@pytest.fixture
def granted(frozen, randers_centre, randers_therapist):
    return course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=5, started=False)


def appointment(course, worker, starts_at, attendance="planned", **extra) -> Appointment:
    """An appointment row as the services leave it (for reads and selectors)."""
    return Appointment.objects.create(
        course=course, worker=worker, booked_by=worker, starts_at=starts_at, attendance=attendance, **extra
    )


def history(course, worker, attendances, *, first: date = TODAY - timedelta(days=20)) -> list[Appointment]:
    """One appointment a day from ``first``, with the given attendances, oldest first."""
    return [appointment(course, worker, at(first + timedelta(days=i)), a) for i, a in enumerate(attendances)]
