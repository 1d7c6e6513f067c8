"""Booking preconditions, attendance after the fact, one outreach task per no-show, consent and
reminders through the file backend."""

import json
import stat
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from appointments import services
from appointments.models import Appointment, ReminderSent
from appointments.reminders import FileBackend, ReminderFailed
from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from courses.models import Course
from organisations.models import Role
from tests.conftest import staff
from tests.pathway import course_in_treatment

from .conftest import NOW, TODAY, appointment, at

TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; the Danish pages are tested in test_views."""
    with translation.override("en"):
        yield


def _book(course, by, **changes):
    values = {"kind": "individual", "starts_at": at(TOMORROW), "worker": by, "place": "Lokale 2", **changes}
    return services.appointment_book(course=course, by=by, **values)


def test_a_granted_course_not_yet_started_can_be_booked(granted, randers_therapist):
    made = _book(granted, randers_therapist)
    assert made.course == granted and made.attendance == "planned"
    event = AuditEvent.objects.filter(object_type="appointments.Appointment", object_id=str(made.pk)).get()
    assert event.action == AuditEvent.Action.CREATE and event.citizen_id == granted.citizen_id
    assert event.changes["worker"] == randers_therapist.pk and "Lokale" not in json.dumps(event.changes)


def test_a_course_in_treatment_can_be_booked(course, randers_therapist):
    assert _book(course, randers_therapist).pk


def test_no_booking_before_a_grant(frozen, randers_centre, randers_therapist):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        # brought only to the assessment: no decision yet
        granted = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=5, started=False)
    Course.objects.filter(pk=granted.pk).update(state="assessed")
    granted.decision.delete()
    granted = Course.objects.get(pk=granted.pk)
    with pytest.raises(ValidationError, match="once treatment is granted"):
        _book(granted, randers_therapist)


def test_no_booking_after_a_refusal(granted, randers_therapist):
    granted.decision.outcome = "refusal"
    granted.decision.save()
    with pytest.raises(ValidationError, match="once treatment is granted"):
        _book(Course.objects.get(pk=granted.pk), randers_therapist)


def test_no_booking_on_a_closed_course(course, randers_therapist):
    Course.objects.filter(pk=course.pk).update(state="closed")
    with pytest.raises(ValidationError, match="closed"):
        _book(Course.objects.get(pk=course.pk), randers_therapist)


def test_not_before_the_decision_and_only_a_worker_of_the_centre(granted, randers_therapist, fredericia_centre):
    outsider = staff(fredericia_centre, Role.THERAPIST, username="fredericia-behandler")
    with pytest.raises(ValidationError) as refused:
        _book(
            granted, randers_therapist, starts_at=at(granted.decision.decided_on - timedelta(days=1)), worker=outsider
        )
    assert set(refused.value.message_dict) == {"starts_at", "worker"}


def test_attendance_is_recorded_after_the_fact(course, randers_therapist):
    later = appointment(course, randers_therapist, at(TOMORROW))
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(appointment=later, by=randers_therapist, attendance="attended")
    assert "attendance" in refused.value.message_dict
    # a cancellation can be recorded ahead
    services.attendance_record(appointment=later, by=randers_therapist, attendance="cancelled_by_citizen")
    earlier = appointment(course, randers_therapist, at(TODAY, 9))
    done = services.attendance_record(appointment=earlier, by=randers_therapist, attendance="attended")
    assert done.attendance == "attended" and done.recorded_by == randers_therapist and done.recorded_at == NOW
    assert not Task.objects.filter(course=course, kind=TaskKind.OUTREACH).exists()


def test_a_no_show_creates_one_outreach_task(course, randers_therapist):
    missed = appointment(course, randers_therapist, at(TODAY - timedelta(days=1)))
    services.attendance_record(appointment=missed, by=randers_therapist, attendance="no_show")
    services.attendance_record(appointment=missed, by=randers_therapist, attendance="attended")
    services.attendance_record(appointment=missed, by=randers_therapist, attendance="no_show")
    (task,) = Task.objects.filter(course=course, kind=TaskKind.OUTREACH)
    assert task.done_on is None and task.created_on == TODAY - timedelta(days=1)
    assert "10:00" in task.reason and "G3.10.3" not in task.reason
    assert Appointment.objects.get(pk=missed.pk).outreach_task == task
    second = appointment(course, randers_therapist, at(TODAY, 8))
    services.attendance_record(appointment=second, by=randers_therapist, attendance="no_show")
    assert Task.objects.filter(course=course, kind=TaskKind.OUTREACH).count() == 2


def test_no_attendance_on_a_closed_course(course, randers_therapist):
    missed = appointment(course, randers_therapist, at(TODAY - timedelta(days=1)))
    Course.objects.filter(pk=course.pk).update(state="closed")
    with pytest.raises(ValidationError, match="closed"):
        services.attendance_record(appointment=missed, by=randers_therapist, attendance="no_show")


def _consenting(course, by, channel="sms"):
    citizen = course.citizen
    citizen.contact_channel, citizen.phone, citizen.email = channel, "12345678", "borger@example.org"
    citizen.save()
    return services.consent_give(course=course, by=by, channel=channel, given_on=TODAY - timedelta(days=2))


def test_consent_rules(course, randers_therapist):
    with pytest.raises(ValidationError) as refused:
        services.consent_give(course=course, by=randers_therapist, channel="sms", given_on=TOMORROW)
    assert "given_on" in refused.value.message_dict
    _consenting(course, randers_therapist)
    with pytest.raises(ValidationError, match="Withdraw it first"):
        services.consent_give(course=course, by=randers_therapist, channel="email", given_on=TODAY)
    with pytest.raises(ValidationError):
        services.consent_withdraw(course=course, by=randers_therapist, withdrawn_on=TODAY - timedelta(days=3))
    services.consent_withdraw(course=course, by=randers_therapist, withdrawn_on=TODAY)
    assert services.active_consent(course) is None
    assert services.consent_give(course=course, by=randers_therapist, channel="email", given_on=TODAY).pk


@pytest.fixture
def reminder_file(tmp_path, settings):
    settings.FORLOB_REMINDER_BACKEND = "file"
    settings.FORLOB_REMINDER_FILE = str(tmp_path / "out" / "reminders.jsonl")
    return tmp_path / "out" / "reminders.jsonl"


def test_a_reminder_goes_through_the_file_backend_and_logs_no_text(course, randers_therapist, reminder_file):
    _consenting(course, randers_therapist)
    booked = appointment(course, randers_therapist, at(TOMORROW, 9, 30), place="Lokale 2")
    sent = services.reminder_send(appointment=booked, by=randers_therapist)
    assert (sent.channel, sent.outcome, sent.trigger) == ("sms", "sent", "manual")
    (line,) = reminder_file.read_text().splitlines()
    message = json.loads(line)
    assert message["to"] == "12345678" and message["channel"] == "sms"
    assert "09:30" in message["text"] and "Lokale 2" in message["text"]
    assert course.citizen.cpr not in message["text"] and "Randers" not in message["text"]
    assert stat.S_IMODE(reminder_file.stat().st_mode) == 0o600
    event = AuditEvent.objects.get(object_type="appointments.ReminderSent", object_id=str(sent.pk))
    logged = json.dumps(event.changes)
    assert "12345678" not in logged and "Lokale" not in logged and event.citizen_id == course.citizen_id


def test_no_reminder_once_the_consent_is_withdrawn(course, randers_therapist, reminder_file):
    _consenting(course, randers_therapist)
    services.consent_withdraw(course=course, by=randers_therapist, withdrawn_on=TODAY)
    booked = appointment(course, randers_therapist, at(TOMORROW))
    with pytest.raises(ValidationError, match="not consented"):
        services.reminder_send(appointment=booked, by=randers_therapist)
    assert not reminder_file.exists() and not ReminderSent.objects.exists()


def test_no_electronic_reminder_when_the_agreed_channel_is_a_letter(course, randers_therapist, reminder_file):
    _consenting(course, randers_therapist)
    course.citizen.contact_channel = "letter"
    course.citizen.save()
    with pytest.raises(ValidationError, match="not a text message or an e-mail"):
        services.reminder_send(appointment=appointment(course, randers_therapist, at(TOMORROW)), by=randers_therapist)


class Broken:
    def send(self, to, channel, text):
        raise ReminderFailed("gateway down")


def test_a_failed_send_is_logged_as_failed(course, randers_therapist):
    _consenting(course, randers_therapist)
    booked = appointment(course, randers_therapist, at(TOMORROW))
    with pytest.raises(ValidationError, match="could not be sent"):
        services.reminder_send(appointment=booked, by=randers_therapist, backend=Broken())


def test_the_command_sends_tomorrows_reminders_once(
    course, randers_centre, randers_therapist, reminder_file, django_assert_max_num_queries
):
    _consenting(course, randers_therapist)
    first = appointment(course, randers_therapist, at(TOMORROW, 9))
    appointment(course, randers_therapist, at(TOMORROW, 23, 30))
    appointment(course, randers_therapist, at(TOMORROW + timedelta(days=1), 0, 15))  # the day after: not yet
    appointment(course, randers_therapist, at(TOMORROW, 8), attendance="cancelled_by_citizen")
    other = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30, username_prefix="uden")
    other.citizen.contact_channel, other.citizen.phone = "sms", "87654321"
    other.citizen.save()
    appointment(other, randers_therapist, at(TOMORROW, 10))  # no consent: skipped
    call_command("send_reminders")
    assert len(reminder_file.read_text().splitlines()) == 2
    call_command("send_reminders", "--date", TOMORROW.isoformat())
    assert len(reminder_file.read_text().splitlines()) == 2  # idempotent
    assert services.send_due_reminders(day=TOMORROW) == {"already": 2, "no_consent": 1}
    assert ReminderSent.objects.filter(appointment=first, trigger="scheduled").count() == 1
    assert AuditEvent.objects.filter(object_type="appointments.ReminderSent", actor=None).count() == 2


def test_the_file_backend_refuses_quietly_when_it_cannot_write(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ReminderFailed):
        FileBackend(blocker / "reminders.jsonl").send("1", "sms", "x")


def test_a_worker_is_not_booked_twice_at_once(course, granted, randers_therapist):
    _book(course, randers_therapist)
    with pytest.raises(ValidationError) as refused:
        _book(granted, randers_therapist, starts_at=at(TOMORROW) + timedelta(minutes=30))
    assert "already has an appointment from" in refused.value.message_dict["starts_at"][0]
    assert _book(granted, randers_therapist, starts_at=at(TOMORROW) + timedelta(minutes=60)).pk  # right after


def test_a_cancelled_appointment_frees_the_time_and_group_sessions_share_it(course, granted, randers_therapist):
    first = _book(course, randers_therapist, kind="group")
    assert _book(granted, randers_therapist, kind="group").pk
    Appointment.objects.filter(pk=first.pk).update(attendance="cancelled_by_centre")
    Appointment.objects.filter(course=granted).update(attendance="cancelled_by_citizen")
    assert _book(course, randers_therapist).pk
