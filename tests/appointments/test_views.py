"""The pages: roles, centre isolation, Danish errors, the course panel and the week calendar
(bounded queries, the user's centres only, the DST week)."""

from datetime import date, datetime, timedelta

import time_machine
from django.urls import reverse

from appointments.models import Appointment, ReminderConsent
from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff, verified_client
from tests.factories import MembershipFactory, TeamFactory
from tests.pathway import course_in_treatment

from .conftest import CPH, TODAY, appointment, at, history

TOMORROW = TODAY + timedelta(days=1)


def _book_post(worker, **changes):
    return {
        "kind": "individual",
        "starts_on": TOMORROW.isoformat(),
        "starts_time": "09:30",
        "duration_minutes": "45",
        "worker": str(worker.pk),
        "place": "Lokale 2",
        "note": "",
        **changes,
    }


def test_a_therapist_books_from_the_course(course, randers_therapist):
    client = verified_client(randers_therapist)
    page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert reverse("appointments:book", args=[course.pk]) in page
    assert reverse("appointments:consent", args=[course.pk]) in page
    response = client.post(reverse("appointments:book", args=[course.pk]), _book_post(randers_therapist))
    assert response.status_code == 302
    made = Appointment.objects.get(course=course)
    assert made.starts_at == datetime(2026, 3, 21, 9, 30, tzinfo=CPH) and made.duration_minutes == 45
    page = client.get(response.url).content.decode()
    assert "21.03.2026 09:30" in page and "Lokale 2" in page


def test_the_first_session_can_be_booked_once_granted(granted, randers_therapist):
    response = verified_client(randers_therapist).post(
        reverse("appointments:book", args=[granted.pk]), _book_post(randers_therapist)
    )
    assert response.status_code == 302 and granted.appointments.count() == 1


def test_booking_errors_are_danish_and_on_their_fields(course, randers_therapist):
    response = verified_client(randers_therapist).post(
        reverse("appointments:book", args=[course.pk]), _book_post(randers_therapist, starts_time="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Feltet skal udfyldes." in page and 'id="id_starts_time_error"' in page
    assert not Appointment.objects.exists()


def test_a_manager_reads_but_does_not_book(course, randers_therapist, randers_manager):
    made = appointment(course, randers_therapist, at(TODAY, 9))
    client = verified_client(randers_manager)
    assert client.get(reverse("appointments:book", args=[course.pk])).status_code == 403
    page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert reverse("appointments:book", args=[course.pk]) not in page
    response = client.get(reverse("appointments:attendance", args=[made.pk]))
    assert response.status_code == 200 and 'name="attendance"' not in response.content.decode()
    assert (
        client.post(reverse("appointments:attendance", args=[made.pk]), {"attendance": "attended"}).status_code == 403
    )
    assert client.post(reverse("appointments:remind", args=[made.pk])).status_code == 403


def test_another_centre_gets_404(course, randers_therapist, fredericia_centre):
    made = appointment(course, randers_therapist, at(TODAY, 9))
    outsider = verified_client(staff(fredericia_centre, Role.THERAPIST, Role.MANAGER, username="fredericia-b"))
    for url in (
        reverse("appointments:book", args=[course.pk]),
        reverse("appointments:consent", args=[course.pk]),
        reverse("appointments:attendance", args=[made.pk]),
    ):
        assert outsider.get(url).status_code == 404
    assert outsider.post(reverse("appointments:remind", args=[made.pk])).status_code == 404


def test_recording_a_no_show_creates_the_outreach_task(course, randers_therapist):
    made = appointment(course, randers_therapist, at(TODAY, 9))
    client = verified_client(randers_therapist)
    response = client.post(reverse("appointments:attendance", args=[made.pk]), {"attendance": "no_show"})
    assert response.status_code == 302
    task = Task.objects.get(course=course, kind=TaskKind.OUTREACH)
    tasks = client.get(reverse("assessments:tasks", args=[course.pk])).content.decode()
    assert task.reason in tasks


def test_attendance_of_a_future_appointment_is_refused_on_the_field(course, randers_therapist):
    made = appointment(course, randers_therapist, at(TOMORROW))
    response = verified_client(randers_therapist).post(
        reverse("appointments:attendance", args=[made.pk]), {"attendance": "attended"}
    )
    assert response.status_code == 200 and 'id="id_attendance_error"' in response.content.decode()
    assert Appointment.objects.get(pk=made.pk).attendance == "planned"


def test_consent_page_danish_error_then_recorded_then_reminder_button(course, randers_therapist, settings, tmp_path):
    settings.FORLOB_REMINDER_BACKEND = "file"
    settings.FORLOB_REMINDER_FILE = str(tmp_path / "r.jsonl")
    course.citizen.contact_channel, course.citizen.phone = "sms", "12345678"
    course.citizen.save()
    client = verified_client(randers_therapist)
    url = reverse("appointments:consent", args=[course.pk])
    response = client.post(url, {"channel": "sms", "given_on": TOMORROW.isoformat()})
    assert "Datoen kan ikke ligge i fremtiden." in response.content.decode()
    assert client.post(url, {"channel": "sms", "given_on": TODAY.isoformat()}).status_code == 302
    assert ReminderConsent.objects.get(course=course).channel == "sms"
    made = appointment(course, randers_therapist, at(TOMORROW))
    page = client.get(reverse("appointments:attendance", args=[made.pk])).content.decode()
    assert reverse("appointments:remind", args=[made.pk]) in page
    assert client.get(reverse("appointments:remind", args=[made.pk])).status_code == 405
    assert client.post(reverse("appointments:remind", args=[made.pk])).status_code == 302
    assert made.reminders.get().outcome == "sent"
    # withdrawn: the page says why no reminder can go
    assert client.post(url, {"withdrawn_on": TODAY.isoformat()}).status_code == 302
    page = client.get(reverse("appointments:attendance", args=[made.pk])).content.decode()
    assert 'data-reminder-refused="no_consent"' in page


def test_the_panel_is_bounded_and_shows_the_streak(course, randers_therapist, django_assert_max_num_queries):
    client = verified_client(randers_therapist)
    url = reverse("courses:detail", args=[course.pk])
    client.get(url)
    history(course, randers_therapist, ["attended", "no_show"])
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    history(course, randers_therapist, ["attended"] * 20 + ["no_show", "no_show"], first=TODAY - timedelta(days=25))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert 'data-repeated-no-shows="2"' in page
    assert page.count('data-appointment="') == 5  # the last five; none upcoming


def _week(client, **params):
    return client.get(reverse("appointments:week"), params)


def test_the_week_shows_my_appointments_in_one_bounded_page(
    course, randers_centre, randers_therapist, django_assert_max_num_queries
):
    client = verified_client(randers_therapist)
    appointment(course, randers_therapist, at(TODAY, 9))
    with django_assert_max_num_queries(60) as few:
        response = _week(client)
    for i in range(30):
        appointment(course, randers_therapist, at(TODAY - timedelta(days=i % 4), 8 + i % 9, i % 60))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = _week(client, uge="2026-W12")
    page = response.content.decode()
    assert page.count("data-appointment=") == 31
    assert str(course.citizen) in page and reverse("courses:detail", args=[course.pk]) in page
    event = AuditEvent.objects.filter(changes__list="appointments:week?uge=2026-W12").latest("pk")
    assert event.changes["citizens"] == [course.citizen_id]


def test_the_week_navigates_by_iso_week(course, randers_therapist):
    appointment(course, randers_therapist, at(TODAY + timedelta(days=7), 9))
    client = verified_client(randers_therapist)
    this = _week(client).content.decode()
    assert "?uge=2026-W13" in this and "?uge=2026-W11" in this and "data-appointment=" not in this
    assert "data-appointment=" in _week(client, uge="2026-W13").content.decode()


def test_only_my_own_or_my_teams_and_never_another_centre(course, randers_centre, randers_therapist, fredericia_centre):
    team = TeamFactory(centre=randers_centre)
    MembershipFactory(user=randers_therapist, centre=randers_centre, role=Role.VISITATOR, team=team)
    colleague = staff(randers_centre, username="kollega")
    MembershipFactory(user=colleague, centre=randers_centre, role=Role.THERAPIST, team=team)
    stranger = staff(randers_centre, Role.THERAPIST, username="fremmed")
    mine = appointment(course, randers_therapist, at(TODAY, 9))
    theirs = appointment(course, colleague, at(TODAY, 10))
    other = appointment(course, stranger, at(TODAY, 11))
    client = verified_client(randers_therapist)
    page = _week(client).content.decode()
    assert f'data-appointment="{mine.pk}"' in page and f'data-appointment="{theirs.pk}"' not in page
    team_page = _week(client, vis="team").content.decode()
    assert f'data-appointment="{theirs.pk}"' in team_page and f'data-appointment="{other.pk}"' not in team_page
    elsewhere = course_in_treatment(fredericia_centre, days_ago=30, username_prefix="fr")
    far = appointment(elsewhere, randers_therapist, at(TODAY, 12))  # a row that should never exist
    assert f'data-appointment="{far.pk}"' not in _week(client).content.decode()


def test_the_dst_week_shows_local_times(randers_centre, randers_therapist):
    # Sunday 25 October 2026 is the last Sunday of October: clocks go back from 03:00 to 02:00.
    with time_machine.travel(datetime(2026, 10, 20, 12, tzinfo=CPH), tick=False):
        course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30)
        before = appointment(course, randers_therapist, at(date(2026, 10, 24), 10))
        after = appointment(course, randers_therapist, at(date(2026, 10, 25), 10))
        late = appointment(course, randers_therapist, at(date(2026, 10, 25), 23, 30))
        monday = appointment(course, randers_therapist, at(date(2026, 10, 26), 0, 30))  # the next week
        page = _week(verified_client(randers_therapist), uge="2026-W43").content.decode()
    assert before.starts_at.utcoffset() != after.starts_at.utcoffset()
    for made, shown in ((before, "10:00"), (after, "10:00"), (late, "23:30")):
        row = page.split(f'data-appointment="{made.pk}"')[1].split("</li>")[0]
        assert shown in row
    sunday = page.split("søndag 25. oktober")[1]
    assert f'data-appointment="{late.pk}"' in sunday
    assert f'data-appointment="{monday.pk}"' not in page
