"""Nothing with personal data stays in a browser or proxy cache, and letter files are private.

forlob.middleware.NoStoreMiddleware: every response but a static file carries
``Cache-Control: no-store`` — pages, PDF letters, the login page, redirects, refusals.
FILE_UPLOAD_PERMISSIONS: letters are written 0600 in folders 0700.
"""

import datetime
import stat

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import reverse

from decisions import services as decision_services
from organisations.models import Role
from tests.conftest import staff
from tests.decisions.conftest import assessed_course, decide
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def assert_no_store(response) -> None:
    assert "no-store" in response.headers.get("Cache-Control", ""), (
        f"{response.request['PATH_INFO']} ({response.status_code}): {response.headers.get('Cache-Control')!r}"
    )


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 16, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def authority(randers_centre):
    return staff(randers_centre, Role.AUTHORITY, Role.VISITATOR, username="randers-myndighed-cache")


@pytest.fixture
def letter_course(frozen, randers_centre, authority, django_capture_on_commit_callbacks):
    course = assessed_course(randers_centre, authority)
    decision = decide(course, authority, "refusal")
    with django_capture_on_commit_callbacks(execute=True):
        decision_services.letter_generate(decision=decision, by=authority)
    return course


def test_the_login_page_and_its_answers_are_not_stored():
    assert_no_store(Client().get(reverse("accounts:login")))
    assert_no_store(Client().post(reverse("accounts:login"), {"username": "x", "password": "y"}))
    assert_no_store(Client().get(reverse("home:index")))  # the redirect to the login


def test_a_citizen_page_is_not_stored(as_user, randers_centre, authority):
    citizen = CitizenFactory(centre=randers_centre)
    response = as_user(authority).get(reverse("citizens:detail", args=[citizen.pk]))
    assert response.status_code == 200
    assert citizen.last_name in response.content.decode()
    assert_no_store(response)


@pytest.mark.parametrize("url_name", ["home:index", "citizens:index", "deadlines:worklist"])
def test_lists_are_not_stored(as_user, authority, url_name):
    response = as_user(authority).get(reverse(url_name))
    assert response.status_code == 200
    assert_no_store(response)


def test_refusals_and_missing_pages_are_not_stored(as_user, randers_admin, authority):
    assert_no_store(as_user(randers_admin).get(reverse("citizens:index")))  # 403
    assert_no_store(as_user(authority).get(reverse("citizens:detail", args=[999999])))  # 404


def test_the_pdf_letter_is_not_stored(as_user, authority, letter_course):
    response = as_user(authority).get(reverse("decisions:letter_download", args=[letter_course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from forlob.middleware import NoStoreMiddleware

    def static_file(request):
        return HttpResponse("body{}", headers={"Cache-Control": "max-age=31536000, public, immutable"})

    response = NoStoreMiddleware(static_file)(RequestFactory().get("/static/css/app.css"))
    assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"
    response = NoStoreMiddleware(static_file)(RequestFactory().get("/borgere/"))
    assert response.headers["Cache-Control"] == "no-store"


def test_letter_files_are_written_for_the_application_only(
    tmp_path, frozen, randers_centre, authority, django_capture_on_commit_callbacks
):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=tmp_path):
        course = assessed_course(randers_centre, authority)
        decision = decide(course, authority, "refusal")
        with django_capture_on_commit_callbacks(execute=True):
            decision = decision_services.letter_generate(decision=decision, by=authority)
        path = tmp_path / decision.letter.name
        assert default_storage.path(decision.letter.name) == str(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
