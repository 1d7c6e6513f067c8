"""Junk in any request header never breaks a page, and a failed login still counts and is audited.

forlob.middleware.CleanRequestMiddleware cleans every header first. PostgreSQL refuses NUL in
text, SQLite does not: so besides "no 500" the tests check that nothing the request stored
(django-axes' records, the audit log) holds a NUL or a control character — on PostgreSQL that
would have been the 500.
"""

from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import reverse

from audit.models import AuditEvent
from forlob.middleware import CleanRequestMiddleware
from forlob.net import MAX_HEADER_LENGTH, clean_header_value, has_control_characters
from tests.conftest import verified_client
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"
# Values as a WSGI server hands them over: bytes decoded as latin-1.
JUNK = [
    "\x00",
    "Mozilla/5.0\x00(X11)",
    "\x01\x02\x07\x08\x0b\x0c\x0e\x1b[31m\x7f",
    "\x85\x9f",  # C1 controls
    "\xff\xfe\xc3\x28\xed\xa0\x80",  # not UTF-8 (an overlong, a surrogate)
    "ø\u2028\ufeff\U0001f600",  # not latin-1 at all (only a test client sends that)
    "A" * 100_000,
    "\r\n\r\nSet-Cookie: x=y",
]
HEADERS = [
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_X_REQUESTED_WITH",
    "HTTP_X_ANYTHING",
]


def stored_text() -> list[str]:
    """Every text value the login may have written: django-axes' records and the audit log."""
    values: list[str] = []
    for model in (AccessAttempt, AccessLog, AuditEvent, Session):
        for row in model.objects.values():
            values += [v for v in row.values() if isinstance(v, str)]
            values += [str(v) for v in row.values() if isinstance(v, dict)]
    return values


def assert_storable() -> None:
    for value in stored_text():
        assert "\x00" not in value, value[:80]
        assert not has_control_characters(value.replace("\n", "").replace("\t", "")), value[:80]


@pytest.mark.parametrize("junk", JUNK)
def test_a_failed_login_with_junk_headers_counts_and_is_audited(randers_therapist, junk):
    headers = {name: junk for name in HEADERS}
    response = Client().post(
        reverse("accounts:login"),
        {"username": randers_therapist.username, "password": "forkert-kodeord-1"},
        REMOTE_ADDR=ADDRESS,
        HTTP_COOKIE=f"sessionid=abc{junk}def; csrftoken={junk}; django_language={junk}; {junk}={junk}",
        **headers,
    )
    assert response.status_code == 200
    assert "Brugernavnet eller adgangskoden er forkert" in response.content.decode()
    attempt = AccessAttempt.objects.get(username=randers_therapist.username, ip_address=ADDRESS)
    assert attempt.failures_since_start == 1
    assert AuditEvent.objects.filter(action="login_failed", actor_username=randers_therapist.username).count() == 1
    assert_storable()


@pytest.mark.parametrize("junk", JUNK)
def test_a_right_password_with_junk_headers_still_logs_in(randers_therapist, junk):
    response = Client().post(
        reverse("accounts:login"),
        {"username": randers_therapist.username, "password": "x"},
        REMOTE_ADDR=ADDRESS,
        HTTP_COOKIE=f"csrftoken={junk}",
        **{name: junk for name in HEADERS},
    )
    assert response.status_code == 200  # a wrong password: the form again, never a 500
    response = Client().post(
        reverse("accounts:login"),
        {"username": randers_therapist.username, "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
        **{name: junk for name in HEADERS},
    )
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:verify"))
    assert_storable()


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize("url_name", ["home:index", "citizens:index", "deadlines:worklist", "accounts:login"])
def test_pages_with_junk_headers_and_cookies_answer(randers_visitator, junk, url_name):
    client = verified_client(randers_visitator)
    session_key = client.cookies["sessionid"].value
    response = client.get(
        reverse(url_name),
        HTTP_COOKIE=f"sessionid={session_key}; csrftoken={junk}; django_language={junk}; x{junk}=y{junk}",
        **{name: junk for name in HEADERS},
    )
    assert response.status_code in (200, 302)
    if url_name != "accounts:login":
        assert response.status_code == 200  # still logged in: the junk cookies did not cost the session
    assert_storable()


@pytest.mark.parametrize("junk", JUNK)
def test_a_junk_session_cookie_is_no_session(junk):
    response = Client().get(reverse("home:index"), HTTP_COOKIE=f"sessionid={junk}x{junk}")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("path", ["/borgere/\x00/", "/%00", "/konto/log-ind/\x01", "/\x7f"])
def test_a_path_with_control_characters_is_not_found(path):
    assert Client().get(path).status_code == 404


def seen_by_the_view(**meta):
    """request.META and request.COOKIES as the views see them, after CleanRequestMiddleware."""
    seen = {}

    def view(request):
        seen["meta"], seen["cookies"] = dict(request.META), dict(request.COOKIES)
        return None

    request = RequestFactory().get("/", **meta)
    request.COOKIES  # parsed before the middleware: it must parse again  # noqa: B018
    CleanRequestMiddleware(view)(request)
    return seen


def test_the_middleware_cleans_every_header_and_cookie():
    seen = seen_by_the_view(
        HTTP_USER_AGENT="Firefox\x00\x1b[31m",
        HTTP_COOKIE="sessionid=abc\x00def; csrftoken=tok\x01en",
        HTTP_X_WHATEVER="a" * 5000,
    )
    assert seen["meta"]["HTTP_USER_AGENT"] == "Firefox[31m"
    assert seen["cookies"] == {"sessionid": "abcdef", "csrftoken": "token"}
    assert len(seen["meta"]["HTTP_X_WHATEVER"]) == MAX_HEADER_LENGTH


def test_clean_header_values():
    assert clean_header_value("Mozilla/5.0 (X11; Linux x86_64)") == "Mozilla/5.0 (X11; Linux x86_64)"
    # Valid UTF-8, in the WSGI form (bytes as latin-1), comes back unchanged: "Forløb".
    assert clean_header_value("Forl\xc3\xb8b") == "Forl\xc3\xb8b"
    # Invalid UTF-8 becomes U+FFFD (in the WSGI form); controls, NUL and line breaks go.
    assert clean_header_value("a\xffb") == "a\xef\xbf\xbdb"
    assert clean_header_value("a\x00b\r\nc\xc2\x85d\x7f") == "abcd"  # \xc2\x85: NEL (C1) in UTF-8
    assert clean_header_value("x" * 10, max_length=4) == "xxxx"
    for junk in JUNK:
        cleaned = clean_header_value(junk)
        cleaned.encode("latin-1")  # still the WSGI form
        assert "\x00" not in cleaned and not has_control_characters(cleaned.encode("latin-1").decode("utf-8"))


@pytest.mark.parametrize("target", ["abc", "\ufffd\ufffd", "home:index", "\x00", "%00", "/\x00", "a" * 5000])
def test_junk_in_next_leads_home_after_the_login(randers_therapist, target):
    """``?next=`` that is no path of Forløb: redirect() would take it for a URL name (a 500)."""
    response = Client().post(
        reverse("accounts:login"), {"username": randers_therapist.username, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:verify')}?{urlencode({'next': reverse('home:index')})}"
    client = verified_client(randers_therapist)
    response = client.get(reverse("accounts:login"), {"next": target})
    assert response.status_code == 302 and response.url == reverse("home:index")
