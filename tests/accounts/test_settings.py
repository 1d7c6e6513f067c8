"""Production refuses the demo way in, keys that are not 32 bytes and a start without collectstatic;
the deploy check passes with all of that right."""

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from accounts.checks import demo_mode_only_in_debug
from forlob.keys import KEY_VARIABLES, key_problem, key_problems


def clean_env() -> dict[str, str]:
    """The environment without what the browser tests set for their own process."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="  # 32 bytes, base64; test only
    return {**environment, **{name: key for name in KEY_VARIABLES}}


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


def production_manage(static_root, *arguments) -> subprocess.CompletedProcess:
    environment = {
        **clean_env(),
        "DJANGO_SETTINGS_MODULE": "forlob.settings.production",
        "DJANGO_SECRET_KEY": "k3y-" + "q9Zx!" * 12,
        "DJANGO_ALLOWED_HOSTS": "forlob.example.dk",
        "FORLOB_STATIC_ROOT": str(static_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], env=environment, capture_output=True, text=True, check=False
    )


def test_a_fresh_start_without_collectstatic_is_refused_and_passes_after_it(tmp_path):
    static_root = tmp_path / "static"
    refused = production_manage(static_root, "check", "--deploy", "--fail-level", "WARNING")
    assert refused.returncode != 0
    assert "forlob.E002" in refused.stderr and "collectstatic" in refused.stderr

    # What collectstatic leaves behind (the real one compresses every file: half a minute).
    static_root.mkdir()
    (static_root / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1", "hash": ""}))

    result = production_manage(static_root, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_the_application_server_refuses_to_start_without_collectstatic(tmp_path):
    """gunicorn runs no system checks: importing the WSGI application does, so no first-page 500."""
    refused = production_manage(tmp_path / "static", "shell", "-c", "import forlob.wsgi")
    assert refused.returncode != 0
    assert "Forløb will not start" in refused.stderr and "forlob.E002" in refused.stderr


def test_production_writes_letters_private_and_static_files_public():
    code = "import json, forlob.settings.production as p; print(json.dumps([p.STORAGES, p.FILE_UPLOAD_PERMISSIONS]))"
    environment = {**clean_env(), "DJANGO_SECRET_KEY": "x" * 60}
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    storages, file_mode = json.loads(result.stdout)
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert file_mode == 0o600
    assert storages["staticfiles"]["OPTIONS"] == {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755}


def test_the_static_manifest_check_is_silent_without_a_manifest_storage():
    from accounts.checks import static_manifest_collected

    assert static_manifest_collected(None) == []  # the test settings' plain StaticFilesStorage


SECRET_LOOKING_KEY = "c2VjcmV0LXZhbHVlLW5ldmVyLXByaW50ZWQ="  # base64 of 26 bytes


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("FORLOB_CPR_KEY", SECRET_LOOKING_KEY, "is 26 bytes, not 32"),
        ("FORLOB_CPR_INDEX_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMQ==", "is 34 bytes, not 32"),
        ("FORLOB_TOTP_KEY", "not base64 at all!", "is not valid base64"),
        ("FORLOB_AUDIT_ANCHOR_KEY", SECRET_LOOKING_KEY, "is 26 bytes, not 32"),
        ("FORLOB_CPR_KEY", "", "Set "),
    ],
)
def test_production_refuses_a_key_that_is_not_32_bytes_and_never_prints_it(name, value, problem):
    result = run_production_import(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr and problem in result.stderr
    if value:
        assert value not in result.stderr


def test_every_key_is_checked():
    assert set(KEY_VARIABLES) == {
        "FORLOB_CPR_KEY",
        "FORLOB_CPR_INDEX_KEY",
        "FORLOB_TOTP_KEY",
        "FORLOB_AUDIT_ANCHOR_KEY",
    }
    good = dict.fromkeys(KEY_VARIABLES, "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
    assert key_problems(good) == []
    for name in KEY_VARIABLES:
        assert key_problems({**good, name: "YWJj"}) == [key_problem(name, "YWJj")]


def test_a_key_problem_names_the_variable_only():
    assert key_problem("FORLOB_CPR_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=") is None
    assert key_problem("FORLOB_CPR_KEY", " MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n") is None
    message = key_problem("FORLOB_TOTP_KEY", "YWJj")
    assert message.startswith("FORLOB_TOTP_KEY is 3 bytes, not 32") and "YWJj" not in message


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


def test_production_cleans_requests_first_and_serves_static_files_after_the_security_middleware():
    code = "import json, forlob.settings.production as p; print(json.dumps(p.MIDDLEWARE))"
    environment = {**clean_env(), "DJANGO_SECRET_KEY": "x" * 60}
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout)[:4] == [
        "forlob.middleware.CleanRequestMiddleware",
        "forlob.middleware.NoStoreMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_production_refuses_to_start_without_the_totp_key():
    result = run_production_import(FORLOB_TOTP_KEY="")
    assert result.returncode != 0
    assert "Set FORLOB_TOTP_KEY" in result.stderr
