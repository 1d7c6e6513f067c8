"""The journal's pages: who may open them, centre isolation (404), the read logged, writing from the
citizen and from the course (preselected), correcting with the current text shown, the history with
every version, and the panels for the course and citizen pages in one query each."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from audit.models import AuditEvent
from journal import panels, services
from journal.models import JournalNote
from organisations.models import Role
from tests.conftest import staff, verified_client

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(fredericia_centre):
    return staff(fredericia_centre, Role.VISITATOR, Role.THERAPIST, Role.MANAGER, username="fredericia-alle")


def _pages(note):
    return [
        reverse("journal:citizen_add", args=[note.citizen_id]),
        reverse("journal:course_add", args=[note.course_id]),
        reverse("journal:correct", args=[note.pk]),
        reverse("journal:history", args=[note.pk]),
    ]


def test_another_centre_gets_404_on_every_page(note, outsider):
    client = verified_client(outsider)
    for url in _pages(note):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"text": "x"}).status_code == 404, url
    assert note.versions.count() == 1


def test_a_manager_reads_the_history_but_writes_nothing(note, randers_manager):
    client = verified_client(randers_manager)
    add, course_add, correct, history = _pages(note)
    assert client.get(history).status_code == 200
    for url in (add, course_add, correct):
        assert client.get(url).status_code == 403, url


def test_every_page_logs_the_read_of_the_citizen(note, randers_therapist):
    client = verified_client(randers_therapist)
    for url in _pages(note):
        since = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        assert client.get(url).status_code == 200, url
        assert AuditEvent.objects.filter(
            pk__gt=since, actor=randers_therapist, action=AuditEvent.Action.VIEW, citizen_id=note.citizen_id
        ).exists(), url


def test_the_form_names_the_duty_in_danish_legal_notation(course, randers_therapist):
    body = verified_client(randers_therapist).get(reverse("journal:course_add", args=[course.pk])).content.decode()
    assert "offentlighedslovens § 13" in body
    assert "OFL" not in body and "G3.6" not in body


def test_from_the_course_the_course_is_preselected_and_the_note_lands_on_it(course, randers_therapist):
    client = verified_client(randers_therapist)
    url = reverse("journal:course_add", args=[course.pk])
    assert f'<option value="{course.pk}" selected>' in client.get(url).content.decode()
    response = client.post(url, {"course": course.pk, "event_on": TODAY, "kind": "meeting", "text": "Samtale."})
    assert response.status_code == 302 and response["Location"] == reverse("courses:detail", args=[course.pk])
    note = JournalNote.objects.get()
    assert (note.course, note.kind, note.versions.get().text) == (course, "meeting", "Samtale.")


def test_from_the_citizen_a_note_without_a_course(course, randers_visitator):
    client = verified_client(randers_visitator)
    url = reverse("journal:citizen_add", args=[course.citizen_id])
    response = client.post(url, {"course": "", "event_on": TODAY, "kind": "letter", "text": "Brev fra lægen."})
    assert response["Location"] == reverse("citizens:detail", args=[course.citizen_id])
    assert JournalNote.objects.get().course is None


def test_a_future_date_comes_back_on_the_field(course, randers_visitator):
    url = reverse("journal:citizen_add", args=[course.citizen_id])
    response = verified_client(randers_visitator).post(
        url, {"event_on": TODAY + timedelta(days=2), "kind": "phone", "text": "Opkald."}
    )
    assert response.status_code == 200
    assert 'id="id_event_on_error"' in response.content.decode()
    assert not JournalNote.objects.exists()


def test_the_correction_page_shows_the_current_text_and_keeps_the_old(note, randers_visitator):
    client = verified_client(randers_visitator)
    url = reverse("journal:correct", args=[note.pk])
    assert "Borgeren ringede og aflyste tirsdag." in client.get(url).content.decode()
    response = client.post(url, {"based_on": 1, "text": "Borgeren ringede og aflyste onsdag.", "reason": "Fejl i dag."})
    assert response["Location"] == reverse("journal:history", args=[note.pk])
    history = client.get(response["Location"]).content.decode()
    assert "Borgeren ringede og aflyste tirsdag." in history and "Borgeren ringede og aflyste onsdag." in history
    assert "Fejl i dag." in history
    assert 'data-version="2"' in history and 'data-version="1"' in history


def test_a_correction_made_meanwhile_is_shown_and_the_next_save_corrects_it(note, randers_visitator, randers_therapist):
    services.journal_note_correct(note=note, by=randers_therapist, text="Af en anden.", reason="Rettet.", based_on=1)
    client = verified_client(randers_visitator)
    url = reverse("journal:correct", args=[note.pk])
    response = client.post(url, {"based_on": 1, "text": "Min rettelse.", "reason": "Min grund."})
    body = response.content.decode()
    assert response.status_code == 200 and "Af en anden." in body and "Min rettelse." in body
    assert 'name="based_on" value="2"' in body
    client.post(url, {"based_on": 2, "text": "Min rettelse.", "reason": "Min grund."})
    assert note.versions.order_by("-number").first().text == "Min rettelse."


def test_a_late_note_shows_the_day_it_was_written(course, randers_therapist):
    note = services.journal_note_add(
        citizen=course.citizen, by=randers_therapist, event_on=TODAY - timedelta(days=9), kind="phone", text="Sent."
    )
    body = verified_client(randers_therapist).get(reverse("journal:history", args=[note.pk])).content.decode()
    assert "data-late" in body and "16.03.2026" in body and "07.03.2026" in body


def _notes(course, by, count):
    for day in range(count):
        services.journal_note_add(
            citizen=course.citizen,
            by=by,
            course=course,
            event_on=TODAY - timedelta(days=day),
            kind="internal",
            text=f"Notat {day}.",
        )


def _queries(function, *args) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        result = function(*args)
    return len(captured), result


def test_the_course_panel_shows_the_latest_five_in_one_query(course, randers_therapist, randers_manager):
    _notes(course, randers_therapist, 2)
    few, _panel = _queries(panels.course_panel, course, randers_therapist)
    _notes(course, randers_therapist, 10)
    many, panel = _queries(panels.course_panel, course, randers_therapist)
    assert few == many == 1
    assert len(panel["notes"]) == 5 and panel["notes"][0].event_on == TODAY
    assert panel["steps"] == [(reverse("journal:course_add", args=[course.pk]), gettext("Write a journal note"))]
    assert panels.course_panel(course, randers_manager)["steps"] == []
    html = render_to_string(panel["template"], {"panel": panel})
    assert "Notat 0." in html and html.count("data-note=") == 5


def test_the_citizen_panel_links_the_timeline_and_a_new_note(course, randers_therapist, randers_manager):
    _notes(course, randers_therapist, 7)
    count, panel = _queries(panels.citizen_panel, course.citizen, randers_therapist)
    assert count == 1 and len(panel["notes"]) == 5
    html = render_to_string(panel["template"], {"panel": panel})
    assert reverse("timeline:citizen", args=[course.citizen_id]) in html
    assert reverse("journal:citizen_add", args=[course.citizen_id]) in html
    manager_html = render_to_string(panel["template"], {"panel": panels.citizen_panel(course.citizen, randers_manager)})
    assert reverse("journal:citizen_add", args=[course.citizen_id]) not in manager_html
