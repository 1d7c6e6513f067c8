"""The citizen's timeline: every source in date order, newest first; filtered by kind; keyset-paged 50
at a time with an exact merge across sources (forwards and back, ties on one day included); a fixed
number of queries whatever the number of events or the depth of the page; no personal data in the
cursor; scoped to the user's centres (404) and logged."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appointments.models import Appointment
from audit.models import AuditEvent
from journal import services as journal_services
from journal.models import JournalNote, JournalNoteVersion
from organisations.models import Role
from tests.conftest import staff, verified_client
from timeline.selectors import timeline_page
from timeline.sources import SOURCES, Kind
from treatment import services as treatment_services

from .conftest import NOON, TODAY

pytestmark = pytest.mark.django_db


def _notes(course, by, count: int, *, start: date = TODAY) -> None:
    """``count`` notes, one a day backwards from ``start`` (bulk: the timeline only reads them)."""
    notes = JournalNote.objects.bulk_create(
        JournalNote(
            citizen=course.citizen,
            course=course,
            event_on=start - timedelta(days=i),
            kind="internal",
            author=by,
            written_at=NOON,
        )
        for i in range(count)
    )
    JournalNoteVersion.objects.bulk_create(
        JournalNoteVersion(note=n, number=1, text=f"Notat {i}.", written_by=by, written_at=NOON)
        for i, n in enumerate(notes)
    )


def _appointments(course, by, count: int) -> None:
    """``count`` past sessions, one a day at 10:00 from 1 March 2026 onwards."""
    Appointment.objects.bulk_create(
        Appointment(
            course=course,
            worker=by,
            booked_by=by,
            starts_at=timezone.make_aware(datetime(2026, 3, 1, 10)) - timedelta(days=i),
            attendance="attended",
        )
        for i in range(count)
    )


def _open(client, citizen, query: str = ""):
    return client.get(reverse("timeline:citizen", args=[citizen.pk]) + query)


def _all_events(citizen_id, kinds=None):
    return timeline_page(citizen_id, kinds=kinds, size=10_000).events


def _walk(citizen_id, *, size, kinds=None):
    """Every page forwards from the first, following the "older" cursor."""
    pages, params = [], {}
    while True:
        page = timeline_page(citizen_id, kinds=kinds, params=params, size=size)
        pages.append(page)
        if not page.has_next:
            return pages
        params = {"efter": page.next_after}


def test_the_pathway_is_on_the_timeline_newest_first(course, randers_therapist):
    journal_services.journal_note_add(
        citizen=course.citizen, by=randers_therapist, course=course, event_on=TODAY, kind="phone", text="Opkald."
    )
    treatment_services.gift_card_issue(
        course=course, by=randers_therapist, issued_on=date(2026, 3, 2), amount=100, kind="electronic", reason="X"
    )
    events = _all_events(course.citizen_id)
    kinds = [e.kind for e in events]
    assert kinds[0] == Kind.NOTE
    for kind in (Kind.CONTACT, Kind.REQUEST, Kind.ASSESSMENT, Kind.DECISION, Kind.TREATMENT, Kind.NOTE):
        assert kind in kinds, kind
    days = [e.day for e in events]
    assert days == sorted(days, reverse=True)
    # On one day the later step of the pathway comes first: contact, request and assessment of 14 February.
    assert [e.kind for e in events if e.day == date(2026, 2, 14)] == [Kind.ASSESSMENT, Kind.REQUEST, Kind.CONTACT]
    assert events[-1].kind == Kind.CONTACT


def test_every_source_reads_a_bounded_number_of_rows_with_its_total(course, randers_therapist):
    _notes(course, randers_therapist, 12)
    for rank, (_kind, source) in enumerate(SOURCES):
        events = source.fetch(course.citizen_id, 3, rank=rank)
        assert len(events) <= 3 and events.total >= len(events)
    from timeline.sources import journal_notes

    notes = journal_notes.fetch(course.citizen_id, 3, rank=0)
    assert (len(notes), notes.total) == (3, 12)
    assert [e.day for e in notes] == [TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=2)]


def test_an_appointment_is_on_the_timeline_once_it_has_begun(course, randers_therapist):
    for hours in (-2, 2):
        Appointment.objects.create(
            course=course,
            worker=randers_therapist,
            booked_by=randers_therapist,
            starts_at=NOON + timedelta(hours=hours),
        )
    (event,) = _all_events(course.citizen_id, {Kind.APPOINTMENT})
    assert event.when == NOON - timedelta(hours=2) and event.has_time


def test_the_filter_shows_only_the_chosen_kinds(course, randers_therapist):
    _notes(course, randers_therapist, 3)
    client = verified_client(randers_therapist)
    body = _open(client, course.citizen, "?kind=note").content.decode()
    assert body.count('data-kind="note"') == 3 and 'data-kind="decision"' not in body
    assert re.search(r'value="note"[^>]*checked', body) and not re.search(r'value="decision"[^>]*checked', body)
    body = _open(client, course.citizen, "?kind=note&kind=decision").content.decode()
    assert body.count('data-kind="note"') == 3 and body.count('data-kind="decision"') == 1
    assert 'data-kind="contact"' not in body
    everything = _open(client, course.citizen, "?kind=nonsense").content.decode()
    assert 'data-kind="contact"' in everything and 'data-kind="note"' in everything


def test_pages_of_fifty_hold_the_exact_merge_and_keep_the_filter(course, randers_therapist):
    _notes(course, randers_therapist, 90, start=date(2026, 3, 15))
    _appointments(course, randers_therapist, 60)
    everything = _all_events(course.citizen_id)
    total = len(everything)
    assert 150 < total < 200  # the notes, the sessions and the pathway's own events
    pages = _walk(course.citizen_id, size=50)
    assert [len(p.events) for p in pages] == [50, 50, 50, total - 150]
    assert sum((p.events for p in pages), []) == everything
    assert all(p.total == total for p in pages)
    assert pages[0].has_next and not pages[0].has_previous and pages[1].has_previous and not pages[3].has_next

    client = verified_client(randers_therapist)
    first = timeline_page(course.citizen_id, kinds={"appointment", "note"}, size=50)
    body = _open(client, course.citizen, f"?kind=appointment&kind=note&efter={first.next_after}").content.decode()
    assert body.count("<tr data-kind=") == 50
    second = timeline_page(course.citizen_id, kinds={"appointment", "note"}, params={"efter": first.next_after})
    assert f"?kind=appointment&amp;kind=note&amp;foer={second.previous_before}" in body
    assert f"?kind=appointment&amp;kind=note&amp;efter={second.next_after}" in body
    assert f'data-total="{90 + 60}"' in body


def test_paging_back_gives_the_newer_page_and_ties_on_one_day_are_kept_in_order(course, randers_therapist):
    """Many events on one day from several sources (notes, tasks, sessions at midnight and at
    noon): small pages forwards cover every event once in the merge's order, and back again."""
    _notes(course, randers_therapist, 1, start=date(2026, 3, 10))
    for _ in range(6):
        _notes(course, randers_therapist, 1, start=date(2026, 3, 10))
    for hour in (0, 0, 12, 12, 23):
        Appointment.objects.create(
            course=course,
            worker=randers_therapist,
            booked_by=randers_therapist,
            starts_at=timezone.make_aware(datetime(2026, 3, 10, hour)),
        )
    everything = _all_events(course.citizen_id)
    for size in (1, 2, 3, 7):
        pages = _walk(course.citizen_id, size=size)
        assert sum((p.events for p in pages), []) == everything, size
        for newer, older in zip(pages, pages[1:], strict=False):
            back = timeline_page(course.citizen_id, params={"foer": older.previous_before}, size=size)
            assert back.events == newer.events
            assert back.has_next and back.has_previous == newer.has_previous


def test_the_cursor_holds_no_personal_data_and_junk_starts_at_the_top(course, randers_therapist):
    _notes(course, randers_therapist, 12)
    page = timeline_page(course.citizen_id, size=5)
    assert re.fullmatch(r"\d{8}T\d{12}Z-\d+-\d+", page.next_after)
    top = [e.row for e in page.events]
    for junk in ("x", "20260101T000000000000Z-999-1", "20261399T000000000000Z-1-1", "1" * 400, "' or 1=1"):
        assert [e.row for e in timeline_page(course.citizen_id, params={"efter": junk}, size=5).events] == top
    client = verified_client(randers_therapist)
    assert _open(client, course.citizen, "?efter=%00&foer=zz").status_code == 200


def test_a_page_beyond_the_last_says_so(course, randers_therapist):
    body = _open(
        verified_client(randers_therapist), course.citizen, "?efter=19900101T000000000000Z-0-1"
    ).content.decode()
    assert "<tr data-kind=" not in body and 'href="?"' in body


def test_the_number_of_queries_does_not_grow_with_the_events(course, randers_therapist, django_assert_max_num_queries):
    client = verified_client(randers_therapist)
    _open(client, course.citizen)  # warm the session and the caches
    _notes(course, randers_therapist, 2)
    _appointments(course, randers_therapist, 3)
    with CaptureQueriesContext(connection) as few:
        assert _open(client, course.citizen).status_code == 200
    _notes(course, randers_therapist, 100, start=date(2025, 12, 31))
    _appointments(course, randers_therapist, 100)
    deeper = timeline_page(course.citizen_id).next_after
    with django_assert_max_num_queries(len(few) + 1):  # + the count: the few fitted on one page, which is its own total
        response = _open(client, course.citizen, f"?efter={deeper}")
    assert response.content.decode().count("<tr data-kind=") == 50
    with CaptureQueriesContext(connection) as filtered:
        _open(client, course.citizen, "?kind=note")
    assert len(filtered) < len(few)  # one query per chosen source


def test_another_centre_gets_404_and_the_read_is_logged(course, randers_manager, fredericia_centre):
    outsider = staff(fredericia_centre, Role.MANAGER, Role.THERAPIST, username="fredericia-tidslinje")
    assert _open(verified_client(outsider), course.citizen).status_code == 404
    assert _open(verified_client(randers_manager), course.citizen).status_code == 200
    assert AuditEvent.objects.filter(
        actor=randers_manager, action=AuditEvent.Action.VIEW, citizen_id=course.citizen_id
    ).exists()


def test_a_late_note_shows_when_it_was_written(course, randers_therapist):
    journal_services.journal_note_add(
        citizen=course.citizen, by=randers_therapist, event_on=date(2026, 3, 1), kind="meeting", text="Sent skrevet."
    )
    body = _open(verified_client(randers_therapist), course.citizen, "?kind=note").content.decode()
    assert "data-late" in body and "16.03.2026" in body and "01.03.2026" in body


def test_only_writers_see_the_new_note_link(course, randers_therapist, randers_manager):
    new_note = reverse("journal:citizen_add", args=[course.citizen_id])
    assert new_note in _open(verified_client(randers_therapist), course.citizen).content.decode()
    assert new_note not in _open(verified_client(randers_manager), course.citizen).content.decode()
