"""Production refuses the demo way in; the deploy check passes with the demo off."""

import os
import subprocess
import sys

from django.test import override_settings

from accounts.checks import demo_mode_only_in_debug


def clean_env() -> dict[str, str]:
    """The environment without what the browser tests set for their own process."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="  # 32 bytes, base64; test only
    return {**environment, "FORLOB_CPR_KEY": key, "FORLOB_CPR_INDEX_KEY": key}


def run_production_import(**env) -> subprocess.CompletedProcess:
    environment = {**clean_env(), "DJANGO_SECRET_KEY": "x" * 60, **env}
    return subprocess.run(
        [sys.executable, "-c", "import forlob.settings.production"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_in_demo_mode():
    result = run_production_import(FORLOB_DEMO="1")
    assert result.returncode != 0
    assert "FORLOB_DEMO must never be set in production" in result.stderr


def test_production_settings_start_without_demo_mode():
    assert run_production_import().returncode == 0


def test_the_system_check_refuses_demo_mode_without_debug():
    with override_settings(FORLOB_DEMO=True, DEBUG=False):
        assert [e.id for e in demo_mode_only_in_debug(None)] == ["forlob.E001"]
    with override_settings(FORLOB_DEMO=False, DEBUG=False):
        assert demo_mode_only_in_debug(None) == []


def test_production_cookies_and_transport_are_hardened():
    code = (
        "import forlob.settings.production as p; "
        "print(p.DEBUG, p.SESSION_COOKIE_SECURE, p.CSRF_COOKIE_SECURE, p.SESSION_COOKIE_HTTPONLY, "
        "p.SECURE_SSL_REDIRECT, p.SECURE_HSTS_SECONDS >= 31536000)"
    )
    environment = {**clean_env(), "DJANGO_SECRET_KEY": "x" * 60}
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True"]


def test_the_deploy_check_passes_with_production_settings():
    environment = {
        **clean_env(),
        "DJANGO_SETTINGS_MODULE": "forlob.settings.production",
        "DJANGO_SECRET_KEY": "k3y-" + "q9Zx!" * 12,
        "DJANGO_ALLOWED_HOSTS": "forlob.example.dk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_demo_code_is_shown_only_in_demo_mode(db, randers_therapist):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import PASSWORD

    for demo, shown in [(True, True), (False, False)]:
        with override_settings(FORLOB_DEMO=demo):
            client = Client()
            client.post(reverse("accounts:login"), {"username": randers_therapist.username, "password": PASSWORD})
            html = client.get(reverse("accounts:verify")).content.decode()
            assert ("data-demo-code" in html) == shown
