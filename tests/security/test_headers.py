"""Every kind of page carries the Content-Security-Policy and the other security headers."""

import json
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from tests.accounts.test_settings import clean_env
from tests.conftest import staff

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Browser features no page uses, so the Permissions-Policy turns them off.
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} ({response.status_code}) has no Content-Security-Policy"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_hardened(response) -> None:
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    for directive, sources in directives.items():
        assert "'unsafe-inline'" not in sources or directive == "style-src", directive
        assert "'unsafe-eval'" not in sources, directive
        assert "*" not in sources, directive
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    for header, value in SECURITY_HEADERS.items():
        assert response.headers.get(header) == value, header
    features = response.headers.get("Permissions-Policy", "")
    for feature in FEATURES_OFF:
        assert f"{feature}=()" in features, feature


@pytest.fixture
def verified(as_user, randers_centre):
    user = staff(randers_centre, Role.VISITATOR, Role.MANAGER, Role.ADMINISTRATOR, username="randers-sikker")
    return as_user(user)


def test_the_login_page_has_the_policy():
    response = Client().get(reverse("accounts:login"))
    assert response.status_code == 200
    assert_hardened(response)


def test_the_public_quality_standard_has_the_policy():
    response = Client().get(reverse("public:public", args=["730"]))
    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.parametrize(
    "url_name", ["home:index", "citizens:index", "citizens:register", "deadlines:worklist", "admin:index"]
)
def test_staff_pages_have_the_policy(verified, url_name):
    response = verified.get(reverse(url_name))
    assert response.status_code == 200
    assert_hardened(response)


def test_redirects_refusals_and_missing_pages_have_the_policy(verified):
    assert_hardened(Client().get(reverse("home:index")))  # to the login
    assert_hardened(Client().post(reverse("accounts:login"), {"username": "x", "password": "y"}))
    assert_hardened(verified.get("/findes-ikke/"))  # 404
    assert_hardened(verified.get(reverse("citizens:detail", args=[999999])))  # 404 through the scope


def test_a_refused_page_has_the_policy(as_user, randers_admin):
    response = as_user(randers_admin).get(reverse("citizens:index"))
    assert response.status_code == 403
    assert_hardened(response)


def test_production_keeps_the_policy_and_the_headers():
    code = (
        "import json, forlob.settings.production as p; print(json.dumps({"
        "'csp': p.CONTENT_SECURITY_POLICY, 'middleware': p.MIDDLEWARE, 'permissions': sorted(p.PERMISSIONS_POLICY), "
        "'coop': p.SECURE_CROSS_ORIGIN_OPENER_POLICY, 'xfo': p.X_FRAME_OPTIONS}))"
    )
    environment = {**clean_env(), "DJANGO_SECRET_KEY": "x" * 60}
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    production = json.loads(result.stdout)
    assert "csp.middleware.CSPMiddleware" in production["middleware"]
    assert "django_permissions_policy.PermissionsPolicyMiddleware" in production["middleware"]
    assert production["csp"]["DIRECTIVES"]["script-src"] == ["'self'"]
    assert "camera" in production["permissions"]
    assert (production["coop"], production["xfo"]) == ("same-origin", "DENY")
