"""Journal notes and the citizen's timeline in the browser: write a note from the course, see it on
the timeline, filter the timeline by kind, correct the note and read its history; every page passes
axe (WCAG 2.1 A/AA), also the form with errors."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from journal.models import JournalNote
from tests.e2e.conftest import log_in
from tests.pathway import course_in_treatment


def test_write_correct_and_find_a_note(page, live_server, randers_centre, randers_therapist, assert_accessible):
    course = course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=20)
    citizen_id = course.citizen_id
    log_in(page, live_server, randers_therapist)

    # A note from the course: the course is chosen already; the empty form comes back with errors.
    page.goto(f"{live_server.url}/journal/forloeb/{course.pk}/ny/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#id_course")).to_have_value(str(course.pk))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.locator("#id_event_on").fill(timezone.localdate().isoformat())
    page.locator("#id_kind").select_option("phone")
    page.locator("#id_text").fill("Borgeren ringede og flyttede samtalen til torsdag.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/forloeb/{course.pk}/$"))
    note = JournalNote.objects.get()

    # The note on the citizen alone: the form from the citizen.
    page.goto(f"{live_server.url}/journal/borger/{citizen_id}/ny/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#id_course")).to_have_value("")
    assert_accessible(page)

    # The timeline: everything, then only the notes (a GET form, no script needed).
    page.goto(f"{live_server.url}/tidslinje/borger/{citizen_id}/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("tr[data-kind=decision]")).to_have_count(1)
    assert_accessible(page)
    page.locator("input[name=kind][value=note]").check()
    page.locator("form.timeline-filter button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?kind=note$"))
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tr[data-kind=note]")).to_contain_text("torsdag")
    assert_accessible(page)

    # The note's history, then a correction with its reason; both texts stay readable.
    page.locator("tr[data-kind=note] a").click()
    expect(page).to_have_url(re.compile(rf"/journal/notat/{note.pk}/$"))
    assert_accessible(page)
    page.locator(f"a[href='/journal/notat/{note.pk}/ret/']").click()
    expect(page.locator("[data-current-text]")).to_contain_text("torsdag")
    expect(page.locator("#id_text")).to_have_value("Borgeren ringede og flyttede samtalen til torsdag.")
    assert_accessible(page)
    page.locator("#id_text").fill("Borgeren ringede og flyttede samtalen til fredag.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")  # a reason is needed
    assert_accessible(page)
    page.locator("#id_reason").fill("Forkert ugedag.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/journal/notat/{note.pk}/$"))
    expect(page.locator("article[data-version]")).to_have_count(2)
    expect(page.locator("article[data-version='2']")).to_contain_text("fredag")
    expect(page.locator("article[data-version='2'] [data-reason]")).to_contain_text("Forkert ugedag.")
    expect(page.locator("article[data-version='1']")).to_contain_text("torsdag")
    assert_accessible(page)
