"""A person books a first conversation on the public page on a phone, without logging in, and
reads their reference code; the pages and the staff's conversation times pass axe."""

from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from anonymous.models import AnonymousClient, ContactRequest, ConversationSlot
from organisations.models import Centre, Role
from tests.conftest import staff
from tests.e2e.conftest import PHONE, log_in


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_person_books_a_time_on_a_phone_and_reads_the_code(phone, live_server, assert_accessible):
    cache.clear()
    centre = Centre.objects.get(municipality__code="607", kind=Centre.Kind.MUNICIPAL)
    worker = staff(centre, Role.ANONYMOUS_COUNSELLOR, username="fredericia-anonym")
    day = timezone.localdate() + timedelta(days=2)
    starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
    slot = ConversationSlot.objects.create(
        centre=centre, starts_at=starts, minutes=45, place="Sideindgangen", created_by=worker
    )

    phone.goto(f"{live_server.url}/offentlig/anonym/")
    assert_accessible(phone)
    phone.get_by_role("link", name="Fredericia Kommune").click()
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(phone)
    _no_sideways_scroll(phone)
    # Located by id and name, not by label: the labels change with the translation (Danish).
    phone.locator('input[name="service"][value="drug_treatment"]').check()
    phone.locator("#id_nickname").fill("Stjernen")
    phone.locator(f'input[name="slot"][value="{slot.pk}"]').check()
    phone.wait_for_timeout(3500)  # the time-trap: a person takes more than three seconds
    phone.locator('#contact-form ~ form button[type="submit"]').click()

    code = AnonymousClient.objects.get().reference_code
    expect(phone.locator("#reference-code")).to_have_text(code)
    assert code not in phone.url
    assert_accessible(phone)
    _no_sideways_scroll(phone)
    assert ContactRequest.objects.get().slot.place == "Sideindgangen"

    phone.locator('main a[href$="/status/"]').click()
    assert_accessible(phone)
    phone.locator("#id_code").fill(code.lower())
    phone.locator('main form button[type="submit"]').click()
    expect(phone.get_by_text("Sideindgangen")).to_be_visible()
    assert_accessible(phone)
    phone.locator('main form input[name="cancel"] ~ button').click()
    expect(phone.locator('main p.message[role="status"]')).to_be_visible()
    assert_accessible(phone)
    assert AnonymousClient.objects.get().state == "ended"


def test_errors_on_the_public_form_and_the_staff_times_pass_axe(page, live_server, assert_accessible):
    cache.clear()
    centre = Centre.objects.get(municipality__code="607", kind=Centre.Kind.MUNICIPAL)
    worker = staff(centre, Role.ANONYMOUS_COUNSELLOR, username="fredericia-anonym")
    page.goto(f"{live_server.url}/offentlig/anonym/607/")
    page.wait_for_timeout(3500)
    page.locator('#contact-form ~ form button[type="submit"]').click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    log_in(page, live_server, worker)
    page.goto(f"{live_server.url}/anonym/tider/")
    assert_accessible(page)
    page.locator('form[aria-labelledby="add-title"] button[type="submit"]').click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
