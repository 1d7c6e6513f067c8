"""The group course in a browser: create a group, enrol, record attendance, the closing talk; axe on each page."""

from django.utils import timezone
from playwright.sync_api import expect

from anonymous.models import AnonymousClient, Group, State
from tests.anonymous.groups.helpers import client, counsellor
from tests.e2e.conftest import log_in


def test_a_group_course_runs_to_the_closing_talk(page, live_server, mariagerfjord_centre, assert_accessible):
    worker = counsellor(mariagerfjord_centre)
    today = timezone.localdate()
    person = client(mariagerfjord_centre, first_contact_on=today)
    log_in(page, live_server, worker)

    page.goto(f"{live_server.url}/anonym/grupper/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_text(person.reference_code)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/anonym/grupper/ny/")
    page.locator("#id_sessions").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_name").fill("Prøvegruppen")
    page.locator("#id_first_date").fill(today.isoformat())
    page.locator("#id_first_time").fill("00:00")
    page.locator("#id_sessions").fill("1")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Prøvegruppen")
    assert_accessible(page)
    group = Group.objects.get(name="Prøvegruppen")

    page.locator("#id_client").select_option(str(person.pk))
    page.locator("main form[action$='/optag/'] button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Prøvegruppen")
    assert AnonymousClient.objects.get(pk=person.pk).state == State.IN_TREATMENT

    page.goto(f"{live_server.url}/anonym/grupper/sessioner/{group.sessions.get().pk}/")
    page.locator("main form button[type=submit]").click()  # no answer: an error on the row
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.locator(f"input[name=client_{person.pk}][value=attended]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Prøvegruppen")

    page.goto(f"{live_server.url}/anonym/grupper/pladser/{group.enrolments.get().pk}/forlad/")
    assert_accessible(page)

    page.goto(f"{live_server.url}/anonym/klienter/{person.pk}/afsluttende-samtale/")
    assert_accessible(page)
    page.locator("#id_note").fill("Afsluttet godt")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Prøvegruppen")
    assert AnonymousClient.objects.get(pk=person.pk).state == State.COMPLETED
    assert_accessible(page)
