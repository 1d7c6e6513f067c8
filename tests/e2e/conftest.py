"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), no browser download."""

import os
import shutil
from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the test code still uses the ORM
# synchronously (to set up data), which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("FORLOB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags as the machine's probe used them: no sandbox as root, and no background network calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def seed_data(transactional_db):
    """The live server needs committed data, and each browser test starts from a flushed
    database: load the seed municipalities again with the data migration's own (idempotent) loader."""
    from django.apps import apps

    import_module("standards.migrations.0002_seed_standards").load(apps, None)
    import_module("standards.migrations.0006_anonymous_providers_and_criteria").forwards(apps, None)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


PHONE = {"width": 390, "height": 844}  # a phone-sized screen (WCAG 1.4.10 reflow is tested at 320-390 px)


def _danish_page(browser, **options):
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page(browser):
    context, page = _danish_page(browser)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A page on a phone-sized screen."""
    context, page = _danish_page(browser, viewport=PHONE)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Fails with axe's report when the page has WCAG 2.1 A/AA violations."""

    def check(page):
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


def log_in(page, live_server, user, *, next_path: str = "") -> None:
    """Log in as a person would: password, then the code from the app."""
    from tests.factories import PASSWORD, current_code

    page.goto(f"{live_server.url}/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_label("Kode fra din godkendelsesapp").fill(current_code(user.authenticatordevice_set.get()))
    page.get_by_role("button", name="Log ind").click()
