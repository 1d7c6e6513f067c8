"""`make run` serves where HOST and PORT say, and prints the address it really serves (README)."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from demo.management.commands.load_demo import run_url

ROOT = Path(settings.BASE_DIR)


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", "8000", "http://127.0.0.1:8000/"),
        ("localhost", "8080", "http://localhost:8080/"),
        ("0.0.0.0", "8080", "http://127.0.0.1:8080/"),  # noqa: S104  # nosec B104  (every address)
        ("::", "9000", "http://127.0.0.1:9000/"),
        ("[::1]", "8000", "http://[::1]:8000/"),
        ("::1", "8000", "http://[::1]:8000/"),
        ("", "", "http://127.0.0.1:8000/"),
    ],
)
def test_the_printed_address_is_the_one_a_browser_can_open(host, port, url):
    assert run_url(host, port) == url


@pytest.fixture
def quick_demo(settings, monkeypatch):
    """load_demo's printout only: the demo people themselves are tested in tests/demo/."""
    from demo.management.commands import load_demo

    settings.FORLOB_DEMO = True
    monkeypatch.setattr(load_demo, "load_demo_staff", lambda: [])
    monkeypatch.setattr(load_demo, "load_demo_citizens", lambda: 0)
    monkeypatch.setattr(load_demo, "load_demo_anonymous", lambda: 0)
    monkeypatch.setattr(load_demo, "load_demo_reports", lambda: 0)


def test_load_demo_prints_the_address_it_is_given(quick_demo):
    out = io.StringIO()
    call_command("load_demo", "--host", "0.0.0.0", "--port", "8080", stdout=out)  # noqa: S104  # nosec B104
    text = out.getvalue()
    assert "http://127.0.0.1:8080/" in text
    assert ":8000" not in text


def test_load_demo_alone_prints_the_makefiles_default_address(quick_demo):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "http://127.0.0.1:8000/" in out.getvalue()


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_make_run_passes_host_and_port_to_both_the_printout_and_the_server():
    dry_run = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=8080"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r'manage\.py load_demo --host "0\.0\.0\.0" --port "8080"', dry_run)
    assert re.search(r'manage\.py runserver "0\.0\.0\.0:8080"', dry_run)
    # load_demo prints before the server starts, so the logins and the address come first.
    assert dry_run.index("load_demo") < dry_run.index("runserver")


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_make_run_defaults_to_127_0_0_1_port_8000():
    dry_run = subprocess.run(  # noqa: S603
        ["make", "-n", "run"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'load_demo --host "127.0.0.1" --port "8000"' in dry_run
    assert 'runserver "127.0.0.1:8000"' in dry_run
