"""A forced logout loses no typed text: it is put back after logging in again, to the same person
only, and never with a CPR number in it (static/js/session.js)."""

import json
import re
from datetime import date

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from playwright.sync_api import expect

from demo.cpr import fictional_cpr
from tests.e2e.conftest import log_in
from tests.e2e.urls import urlpatterns as e2e_urlpatterns

CPR = fictional_cpr(date(1980, 4, 1))  # ten digits
CPR_DASHED = f"{CPR[:6]}-{CPR[6:]}"
NOTE = f"Borgeren med CPR {CPR_DASHED} (også {CPR}) ønsker behandling; ringede kl. 10."
MASKED_NOTE = "Borgeren med CPR XXXXXX-XXXX (også XXXXXX-XXXX) ønsker behandling; ringede kl. 10."

# A form with the kinds of fields the real pages have: free text, a CPR field, a search field.
DRAFT_PAGE = """{% extends "base.html" %}
{% block title %}Kladde{% endblock %}
{% block content %}<h1>Kladde</h1>
<form method="post">{% csrf_token %}
  <div class="field"><label for="id_note">Notat</label><textarea id="id_note" name="note"></textarea></div>
  <div class="field"><label for="id_cpr">CPR-nummer</label><input id="id_cpr" name="cpr" type="text"></div>
  <div class="field"><label for="id_q">Søg</label><input id="id_q" name="q" type="search"></div>
  <button type="submit" class="button">Gem</button>
</form>{% endblock %}"""


def draft_page(request):
    if request.method == "POST":
        return HttpResponse(f"Gemt: {request.POST.get('note', '')}")
    return HttpResponse(engines["django"].from_string(DRAFT_PAGE).render({}, request))


# ROOT_URLCONF for the tests below: the real URLs, the plain note page and the draft page.
urlpatterns = [*e2e_urlpatterns, path("test/kladde/", draft_page)]


def session_storage(page) -> str:
    """Everything this tab keeps in sessionStorage, as one string."""
    return page.evaluate(
        "() => JSON.stringify(Object.fromEntries(Object.keys(window.sessionStorage)"
        ".map((key) => [key, window.sessionStorage.getItem(key)])))"
    )


def assert_no_cpr_kept(page) -> None:
    """No CPR number, and no CPR-like run of digits, in anything the tab keeps."""
    stored = json.loads(session_storage(page))
    drafts = json.loads(stored.pop("forlob.drafts", "{}"))
    kept_text = json.dumps([stored, drafts.get("forms", {})], ensure_ascii=False)
    assert CPR not in kept_text and CPR_DASHED not in kept_text, kept_text
    assert not re.search(r"\d{6}\D?\d{4}", kept_text), kept_text


def type_draft_and_wait_for_idle_logout(page, live_server, user, settings) -> None:
    settings.ROOT_URLCONF = "tests.e2e.test_session_drafts"
    settings.FORLOB_SESSION_IDLE_SECONDS = 6
    settings.FORLOB_SESSION_WARNING_SECONDS = 3
    log_in(page, live_server, user, next_path="/test/kladde/")
    expect(page).to_have_url(re.compile(r"/test/kladde/$"))
    page.get_by_label("Notat").fill(NOTE)
    page.get_by_label("CPR-nummer").fill(CPR_DASHED)
    page.get_by_label("Søg").fill(CPR)
    assert MASKED_NOTE in session_storage(page)
    assert_no_cpr_kept(page)
    # No answer to the warning: the session ends and the browser lands on the login page.
    expect(page).to_have_url(re.compile(r"/\?next=%2Ftest%2Fkladde%2F"), timeout=20_000)
    expect(page.get_by_text("uden aktivitet")).to_be_visible()
    assert "ønsker behandling" in session_storage(page)  # kept for its owner across the logout
    assert_no_cpr_kept(page)
    settings.FORLOB_SESSION_IDLE_SECONDS = 900


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
    device = randers_therapist.authenticatordevice_set.get()
    device.last_t = -1
    device.save()
    log_in(page, live_server, randers_therapist, next_path="/test/notat/")
    expect(page).to_have_url(re.compile(r"/test/notat/$"))
    expect(page.get_by_label("Notat")).to_have_value("Borgeren ønsker behandling; ringede kl. 10.")
    expect(page.get_by_text("Den tekst, du ikke havde gemt")).to_be_visible()

    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Gemt: Borgeren ønsker behandling")).to_be_visible()


def test_another_person_logging_in_in_the_same_tab_never_sees_the_kept_text(
    page, live_server, randers_therapist, randers_manager, settings
):
    type_draft_and_wait_for_idle_logout(page, live_server, randers_therapist, settings)

    log_in(page, live_server, randers_manager, next_path="/test/kladde/")
    expect(page).to_have_url(re.compile(r"/test/kladde/$"))
    expect(page.locator(".user-box")).to_contain_text(str(randers_manager))
    expect(page.get_by_label("Notat")).to_have_value("")
    expect(page.get_by_label("CPR-nummer")).to_have_value("")
    expect(page.get_by_label("Søg")).to_have_value("")
    expect(page.get_by_text("Den tekst, du ikke havde gemt")).to_be_hidden()
    # The first person's text is gone from the tab, not merely left unshown.
    stored = session_storage(page)
    assert "ønsker behandling" not in stored and "Borgeren" not in stored, stored
    assert_no_cpr_kept(page)


def test_the_same_person_gets_the_text_back_with_every_cpr_number_masked(
    page, live_server, randers_therapist, settings, assert_accessible
):
    type_draft_and_wait_for_idle_logout(page, live_server, randers_therapist, settings)

    # django-otp refuses a code twice in one 30-second step (replay); move the device on instead of waiting.
    device = randers_therapist.authenticatordevice_set.get()
    device.last_t = -1
    device.save()
    log_in(page, live_server, randers_therapist, next_path="/test/kladde/")
    expect(page).to_have_url(re.compile(r"/test/kladde/$"))
    expect(page.get_by_label("Notat")).to_have_value(MASKED_NOTE)
    expect(page.get_by_label("CPR-nummer")).to_have_value("")
    expect(page.get_by_label("Søg")).to_have_value("")
    expect(page.get_by_text("Den tekst, du ikke havde gemt")).to_be_visible()
    expect(page.locator("[data-restored-cpr-notice]")).to_be_visible()
    assert_no_cpr_kept(page)
    assert_accessible(page)

    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Gemt: Borgeren med CPR XXXXXX-XXXX")).to_be_visible()
