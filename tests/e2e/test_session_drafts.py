"""A forced logout loses no typed text: it is put back after logging in again."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_typed_text_survives_an_idle_logout(page, live_server, randers_therapist, settings):
    settings.ROOT_URLCONF = "tests.e2e.urls"
    settings.FORLOB_SESSION_IDLE_SECONDS = 6
    settings.FORLOB_SESSION_WARNING_SECONDS = 3
    log_in(page, live_server, randers_therapist, next_path="/test/notat/")
    expect(page).to_have_url(re.compile(r"/test/notat/$"))

    page.get_by_label("Notat").fill("Borgeren ønsker behandling; ringede kl. 10.")
    # No answer to the warning: the session ends and the browser lands on the login page.
    expect(page).to_have_url(re.compile(r"/\?next=%2Ftest%2Fnotat%2F"), timeout=20_000)
    expect(page.get_by_text("uden aktivitet")).to_be_visible()

    settings.FORLOB_SESSION_IDLE_SECONDS = 900
    # django-otp refuses a code twice in one 30-second step (replay); move the device on instead of waiting.
    device = randers_therapist.totpdevice_set.get()
    device.last_t = -1
    device.save()
    log_in(page, live_server, randers_therapist, next_path="/test/notat/")
    expect(page).to_have_url(re.compile(r"/test/notat/$"))
    expect(page.get_by_label("Notat")).to_have_value("Borgeren ønsker behandling; ringede kl. 10.")
    expect(page.get_by_text("Den tekst, du ikke havde gemt")).to_be_visible()

    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Gemt: Borgeren ønsker behandling")).to_be_visible()
