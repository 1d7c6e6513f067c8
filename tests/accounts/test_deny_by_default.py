"""Every view needs a login with both factors unless it is on the short public list."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The only views a person reaches without logging in, and why.
PUBLIC = {
    "accounts:login",  # the login page itself
    "accounts:logout",  # ends whatever session there is
    "public:public",  # the published quality standard (G2.8.1)
    "anonymous_public:index",  # where to ask for anonymous treatment (SEL §101a(3))
    "anonymous_public:book",  # asking anonymously for a clarifying conversation (SEL §101a(3))
    "anonymous_public:status",  # the request's status and cancelling it, with its reference code
    "set_language",  # choosing Danish or English
}
# Reached after the password, before the second factor.
PASSWORD_ONLY = {"accounts:verify", "accounts:enrol"}


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


def test_the_deny_by_default_middleware_is_installed():
    assert "accounts.middleware.VerifiedStaffRequiredMiddleware" in settings.MIDDLEWARE


def test_no_view_opts_out_of_login_unless_listed():
    opted_out = {name for name, view in walk(get_resolver().url_patterns) if not getattr(view, "login_required", True)}
    assert opted_out == PUBLIC


def test_no_view_opts_out_of_the_second_factor_unless_listed():
    opted_out = {
        name
        for name, view in walk(get_resolver().url_patterns)
        if not getattr(view, "forlob_second_factor_required", True)
    }
    assert opted_out == PASSWORD_ONLY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/forside/",
        "/kvalitetsstandarder/",
        "/kvalitetsstandarder/1/",
        "/centre/",
        "/centre/1/",
        "/admin/",
        "/admin/organisations/user/",
        "/session/forlaeng/",
    ],
)
def test_an_anonymous_visitor_is_sent_to_the_login(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")


@pytest.mark.django_db
def test_a_password_alone_does_not_open_the_app(randers_manager):
    client = Client()
    client.force_login(randers_manager)
    for url in ["/forside/", "/kvalitetsstandarder/", "/centre/", "/admin/"]:
        assert client.get(url).url.startswith(reverse("accounts:verify")), url
