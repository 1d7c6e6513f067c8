"""The whole anonymous course in a browser (SEL §101a): a person books a clarifying conversation on
the public page on a phone, the anonymous team finds the request, holds the conversation and
decides, starts the quarter's group at the provider with Mariagerfjord's eight sessions, records the
attendance week by week, and completes the course with the individual closing talk.

The clock is moved (time-machine, ticking) so that each session has begun when its attendance is
recorded; the staff member logs in again after each move, as the session would have ended.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core.cache import cache
from playwright.sync_api import expect

from anonymous.models import AnonymousClient, Attendance, ConversationSlot, Group, State, Talk
from organisations.models import Role
from tests.conftest import staff
from tests.e2e.conftest import PHONE, log_in

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY = datetime(2027, 1, 11, 9, 0, tzinfo=CPH)
TUESDAY_TEN = datetime(2027, 1, 12, 10, 0, tzinfo=CPH)


def _as_staff(page, live_server, worker, path: str) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, worker)
    page.goto(live_server.url + path)


def test_a_person_books_on_a_phone_and_the_team_runs_the_group_course_to_the_closing_talk(
    phone, page, live_server, mariagerfjord_centre, assert_accessible
):
    cache.clear()
    with time_machine.travel(MONDAY, tick=True) as clock:
        worker = staff(mariagerfjord_centre, Role.ANONYMOUS_COUNSELLOR, username="mariagerfjord-anonym")
        slot = ConversationSlot.objects.create(
            centre=mariagerfjord_centre,
            starts_at=TUESDAY_TEN,  # the public page offers times from tomorrow
            place="Rusmiddelcentret, den separate indgang",
            created_by=worker,
        )

        # The person, on a phone, not logged in.
        phone.goto(f"{live_server.url}/offentlig/anonym/846/")
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        expect(phone.get_by_text("gratis", exact=False).first).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        phone.locator('input[name="service"][value="drug_treatment"]').check()
        phone.locator("#id_nickname").fill("Blåmejsen")
        phone.locator(f'input[name="slot"][value="{slot.pk}"]').check()
        phone.wait_for_timeout(3500)  # a person takes more than three seconds (the time-trap)
        phone.locator('#contact-form ~ form button[type="submit"]').click()
        client = AnonymousClient.objects.get(nickname="Blåmejsen")
        expect(phone.locator("#reference-code")).to_have_text(client.reference_code)
        expect(phone.get_by_text("den separate indgang", exact=False).first).to_be_visible()
        assert client.reference_code not in phone.url

        # The team sees the request on its front page and opens the record.
        _as_staff(page, live_server, worker, "/anonym/")
        request_link = page.get_by_role("link", name=client.reference_code).first
        expect(request_link).to_be_visible()
        request_link.click()
        expect(page.locator("h1")).to_contain_text(client.reference_code)
        assert_accessible(page)

        # The clarifying conversation and the decision: in the target group, no complaint guidance.
        clock.move_to(TUESDAY_TEN + timedelta(minutes=50))
        _as_staff(page, live_server, worker, f"/anonym/klienter/{client.pk}/afklarende-samtale/")
        assert "Ankestyrelsen" not in page.content()
        page.locator("#id_held_on").fill("2027-01-12")
        page.locator("#id_decision").select_option("yes")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("h1")).to_contain_text(client.reference_code)
        client.refresh_from_db()
        assert client.state == State.ELIGIBLE

        # The quarter's group at the contracted provider in Aalborg, eight sessions (the standard's).
        page.goto(f"{live_server.url}/anonym/grupper/ny/")
        assert page.locator("#id_sessions").input_value() == "8"
        expect(page.locator("#id_provider")).to_contain_text("Aalborg")
        page.locator("#id_name").fill("Gruppe 1. kvartal 2027")
        page.locator("#id_first_date").fill("2027-01-12")
        page.locator("#id_first_time").fill("17:00")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("h1")).to_have_text("Gruppe 1. kvartal 2027")
        group = Group.objects.get(name="Gruppe 1. kvartal 2027")
        assert group.sessions.count() == 8 and "Aalborg" in group.provider.name
        page.locator("#id_client").select_option(str(client.pk))
        page.locator("main form[action$='/optag/'] button[type=submit]").click()
        expect(page.locator("h1")).to_have_text("Gruppe 1. kvartal 2027")

        # Eight weeks of sessions: attendance once each session has begun.
        for session in group.sessions.order_by("number"):
            clock.move_to(session.starts_at + timedelta(hours=2))
            _as_staff(page, live_server, worker, f"/anonym/grupper/sessioner/{session.pk}/")
            page.locator(f"input[name=client_{client.pk}][value=attended]").check()
            page.locator("main form button[type=submit]").click()
            expect(page.locator("h1")).to_have_text("Gruppe 1. kvartal 2027")
        assert Attendance.objects.filter(client=client, status="attended").count() == 8

        # The individual closing talk completes the course.
        page.goto(f"{live_server.url}/anonym/klienter/{client.pk}/afsluttende-samtale/")
        assert_accessible(page)
        page.locator("#id_held_on").fill((session.starts_at + timedelta(hours=2)).date().isoformat())
        page.locator("main form button[type=submit]").click()
        client.refresh_from_db()
        assert (client.state, client.end_reason) == (State.COMPLETED, "completed")
        assert client.talks.filter(kind=Talk.Kind.CLOSING).exists()
        page.goto(f"{live_server.url}/anonym/klienter/{client.pk}/")
        expect(page.locator("main")).to_contain_text("Gennemført")
