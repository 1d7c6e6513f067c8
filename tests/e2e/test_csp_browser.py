"""In a real browser, the Content-Security-Policy blocks nothing the pages need.

Chromium reports every blocked script, style, image, form target or fetch as a
``securitypolicyviolation`` event, and a malformed Permissions-Policy in its console. The pages:
login, code and enrolment steps, the public standard, staff pages, a form with its error summary
(forms.js), the session warning and its keep-alive (session.js), and the admin with its own
scripts (inlines, the theme toggle, the date widgets).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.services import operator_enrolment_code
from organisations.models import Role, User
from standards.models import QualityStandard
from tests.conftest import staff
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber + " " + (event.sample || ""));
});
"""


class Watched:
    """A page, and everything the browser refused on it."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: script error {error}"))

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text or "Permissions Policy" in text:
            self.problems.append(f"{self.page.url}: {text}")

    def check(self):
        """Collect the violations the current page has seen so far."""
        for violation in self.page.evaluate("window.__violations || []"):
            self.problems.append(f"{self.page.url}: {violation}")
        self.page.evaluate("window.__violations = []")

    def visit(self, url: str):
        response = self.page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        expect(self.page.locator("h1").first).to_be_visible()
        self.check()


@pytest.fixture
def watched(browser):
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    watched = Watched(context.new_page())
    watched.page.set_default_timeout(10_000)
    yield watched
    context.close()


def test_public_pages_and_the_enrolment_run_under_the_policy(watched, live_server, randers_centre):
    watched.visit(live_server.url + reverse("accounts:login"))
    watched.visit(live_server.url + reverse("public:public", args=["730"]))
    newcomer = UserFactory(username="randers-ny")
    staff_role = newcomer.memberships.create(centre=randers_centre, role=Role.THERAPIST)
    assert staff_role.pk
    enrolment_code = operator_enrolment_code(user=newcomer, reason="Ny medarbejder")
    page = watched.page
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Brugernavn").fill(newcomer.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()
    expect(page).to_have_url(re.compile(r"/log-ind/opsaet-app/"))
    watched.check()
    page.locator("[name=enrolment_code]").fill(enrolment_code)
    page.locator("[name=enrolment_code]").press("Enter")
    expect(page.locator("svg").first).to_be_visible()  # the QR code, inline SVG
    watched.check()
    assert not watched.problems, "\n".join(watched.problems)


def test_staff_pages_forms_and_the_session_warning_run_under_the_policy(watched, live_server, randers_centre, settings):
    user = staff(randers_centre, Role.VISITATOR, Role.MANAGER, username="randers-csp")
    page = watched.page
    log_in(page, live_server, user)
    expect(page).to_have_url(re.compile(r"/forside/$"))
    watched.check()
    standard = QualityStandard.objects.get(municipality__code="730")
    for path in [
        reverse("citizens:index"),
        reverse("deadlines:worklist"),
        reverse("standards:detail", args=[standard.pk]),
        reverse("organisations:centre_detail", args=[randers_centre.pk]),
    ]:
        watched.visit(live_server.url + path)

    # A form sent empty: forms.js moves the focus to the error summary.
    watched.visit(live_server.url + reverse("citizens:register"))
    page.get_by_role("button", name="Registrér").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    watched.check()

    # The session warning (session.js) and its keep-alive request (a fetch to our own origin).
    settings.FORLOB_SESSION_IDLE_SECONDS = 10
    settings.FORLOB_SESSION_WARNING_SECONDS = 8
    watched.visit(live_server.url + reverse("citizens:register"))
    dialog = page.locator("[data-session-warning-dialog]")
    expect(dialog).to_be_visible(timeout=8_000)
    with page.expect_response(lambda r: r.url.endswith(reverse("accounts:keepalive"))) as keepalive:
        page.get_by_role("button", name="Bliv logget ind").click()
    assert keepalive.value.status == 200
    expect(dialog).to_be_hidden()
    settings.FORLOB_SESSION_IDLE_SECONDS = 900
    watched.check()
    assert not watched.problems, "\n".join(watched.problems)


def test_the_admin_runs_under_the_policy(watched, live_server, randers_centre, randers_therapist):
    administrator = staff(randers_centre, Role.ADMINISTRATOR, username="randers-csp-admin")
    page = watched.page
    log_in(page, live_server, administrator)
    expect(page).to_have_url(re.compile(r"/forside/$"))
    standard = QualityStandard.objects.get(municipality__code="730")
    for path in [
        reverse("admin:index"),
        reverse("admin:organisations_user_changelist"),
        reverse("admin:organisations_centre_change", args=[randers_centre.pk]),
    ]:
        watched.visit(live_server.url + path)

    # The date widget's calendar (DateTimeShortcuts.js) on the standard's validity dates.
    watched.visit(live_server.url + reverse("admin:standards_qualitystandard_change", args=[standard.pk]))
    page.locator("a[id^=calendarlink]").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()

    # The role-request inline's "add another" (roles themselves are never added here) and the admin's
    # own scripts on a change form.
    therapist = User.objects.get(pk=randers_therapist.pk)
    watched.visit(live_server.url + reverse("admin:organisations_user_change", args=[therapist.pk]))
    before = page.locator(".inline-related:not(.empty-form)").count()
    page.locator(".add-row a:visible").first.click()
    expect(page.locator(".inline-related:not(.empty-form)")).to_have_count(before + 1)
    page.locator("button.theme-toggle").first.click()
    watched.check()
    assert not watched.problems, "\n".join(watched.problems)
