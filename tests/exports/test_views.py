"""The citizen's own copy through the pages: who may make it, POST only, a neutral file, audited."""

import io
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def exports_of(citizen):
    return AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_type="citizens.Citizen", citizen_id=citizen.pk
    )


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


@pytest.fixture
def randers_physician(randers_centre):
    return staff(randers_centre, Role.PHYSICIAN, username="randers-laege")


@pytest.mark.parametrize("who", ["randers_visitator", "randers_authority", "randers_physician", "randers_manager"])
def test_the_overview_explains_the_copy_and_offers_two_post_buttons(request, as_user, bo, who):
    user = request.getfixturevalue(who)
    response = as_user(user).get(reverse("exports:overview", args=[bo.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Bo Fiktivsen" in html
    for fmt in ("pdf", "json"):
        form = re.search(rf'<form method="post" action="{reverse(f"exports:{fmt}", args=[bo.pk])}"[^>]*>', html)
        assert form, fmt
    assert "style=" not in html.split('<main id="main"', 1)[1] and "<script" not in html.split('<main id="main"', 1)[1]
    view = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, actor=user, citizen_id=bo.pk)
    assert view.exists()
    assert not exports_of(bo).exists()  # looking at the page is not an export


def test_the_json_export_is_an_attachment_with_a_neutral_name_and_is_audited(as_user, bo, randers_authority):
    response = as_user(randers_authority).post(reverse("exports:json", args=[bo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="indsigt-{bo.pk}-2026-03-16.json"'
    assert "Fiktivsen" not in response["Content-Disposition"] and bo.cpr[:6] not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]  # the citizen's data is not kept in any cache
    data = json.loads(response.content.decode("utf-8"))
    assert data["schema_version"] == 1 and data["citizen"]["last_name"] == "Fiktivsen"

    export = exports_of(bo).get()
    assert export.actor == randers_authority
    assert export.changes == {"format": "json", "cpr": "full"}
    assert export.object_id == str(bo.pk) and export.centre_id == bo.centre_id


def test_the_export_itself_appears_in_the_access_log_afterwards(as_user, bo, randers_visitator):
    client = as_user(randers_visitator)
    first = json.loads(client.post(reverse("exports:json", args=[bo.pk])).content)
    second = json.loads(client.post(reverse("exports:json", args=[bo.pk])).content)
    with translation.override("da"):
        purpose = _("Made the citizen's own copy of the data (%(format)s)") % {"format": "JSON"}
    made = [e for e in second["access_log"] if e["action"] == "export" and e["object_type"] == "citizens.Citizen"]
    assert [e["purpose"] for e in made] == [purpose]  # the first export; a copy is logged once it is made
    assert made[0]["actor"]["name"] == randers_visitator.get_full_name()
    assert len(second["access_log"]) == len(first["access_log"]) + 1
    assert exports_of(bo).count() == 2


def test_the_pdf_is_a_danish_document_with_every_section(as_user, bo, randers_authority):
    client = as_user(randers_authority)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the copy is Danish whatever the user reads
    client.post(reverse("exports:json", args=[bo.pk]))
    response = client.post(reverse("exports:pdf", args=[bo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="indsigt-{bo.pk}-2026-03-16.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Bo Fiktivsen" in text
    assert f"{bo.cpr[:6]}-{bo.cpr[6:]}" in text
    with translation.override("da"):
        headings = [
            _("Copy of your personal data"),
            _("What the data is used for"),
            _("Personal details"),
            _("Related people"),
            _("Consents"),
            _("Courses"),
            _("Access log"),
            _("Your rights"),
            str(_("assessment")).capitalize(),
            str(_("decision")).capitalize(),
        ]
        purpose = _("Made the citizen's own copy of the data (%(format)s)") % {"format": "JSON"}
    for heading in headings:
        assert heading in text, heading
    assert purpose in text  # the earlier export, in the access log
    assert "9. februar 2026" in text  # decided on, as a Danish date
    assert "Datatilsynet" in text
    for article in ("15", "16", "77"):
        assert re.search(rf"\b{article}\)", text), article
    assert [e.changes for e in exports_of(bo).order_by("id")] == [
        {"format": "json", "cpr": "full"},
        {"format": "pdf", "cpr": "full"},
    ]


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_an_export_is_post_only(as_user, bo, randers_authority, fmt):
    response = as_user(randers_authority).get(reverse(f"exports:{fmt}", args=[bo.pk]))
    assert response.status_code == 405
    assert not exports_of(bo).exists()


@pytest.mark.parametrize("name", ["overview", "pdf", "json"])
def test_another_centres_citizen_is_not_found(as_user, bo, fredericia_outsider, name):
    client = as_user(fredericia_outsider)  # a manager, but in Fredericia
    response = (
        client.get(reverse(f"exports:{name}", args=[bo.pk]))
        if name == "overview"
        else client.post(reverse(f"exports:{name}", args=[bo.pk]))
    )
    assert response.status_code == 404
    assert not exports_of(bo).exists()


@pytest.mark.parametrize("who", ["randers_therapist", "randers_admin"])
@pytest.mark.parametrize("name", ["overview", "pdf", "json"])
def test_a_therapist_or_an_administrator_is_refused(request, as_user, bo, who, name):
    user = request.getfixturevalue(who)
    client = as_user(user)
    url = reverse(f"exports:{name}", args=[bo.pk])
    response = client.get(url) if name == "overview" else client.post(url)
    assert response.status_code == 403
    assert not exports_of(bo).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED, actor=user).exists()


def test_a_manager_elsewhere_with_a_therapist_role_here_is_refused(as_user, bo, randers_centre, odsherred_centre):
    """The role must be held at the citizen's own centre."""
    user = staff(randers_centre, Role.THERAPIST, username="split")
    MembershipFactory(user=user, centre=odsherred_centre, role=Role.MANAGER)
    response = as_user(user).post(reverse("exports:json", args=[bo.pk]))
    assert response.status_code == 403
    assert not exports_of(bo).exists()


# --- the CPR number only as the exporting user's role may see it ---------------------------------


def test_a_managers_copy_shows_the_cpr_masked_in_both_formats(as_user, bo, randers_manager):
    """A manager sees DDMMYY-XXXX on every page; the copy must not be the way round that."""
    client = as_user(randers_manager)
    data = client.post(reverse("exports:json", args=[bo.pk]))
    assert json.loads(data.content)["citizen"]["cpr"] == f"{bo.cpr[:6]}-XXXX"
    full = (bo.cpr, f"{bo.cpr[:6]}-{bo.cpr[6:]}")
    assert not any(number in data.content.decode() for number in full)
    text = pdf_text(client.post(reverse("exports:pdf", args=[bo.pk])).content)
    assert f"{bo.cpr[:6]}-XXXX" in text and not any(number in text.replace(" ", "") for number in full)
    assert [e.changes["cpr"] for e in exports_of(bo)] == ["masked", "masked"]


def test_a_visitators_copy_shows_the_full_cpr(as_user, bo, randers_visitator):
    client = as_user(randers_visitator)
    data = json.loads(client.post(reverse("exports:json", args=[bo.pk])).content)
    assert data["citizen"]["cpr"] == f"{bo.cpr[:6]}-{bo.cpr[6:]}"
    text = pdf_text(client.post(reverse("exports:pdf", args=[bo.pk])).content)
    assert f"{bo.cpr[:6]}-{bo.cpr[6:]}" in text
    assert [e.changes["cpr"] for e in exports_of(bo)] == ["full", "full"]


def test_a_manager_who_is_a_visitator_elsewhere_still_gets_the_masked_copy(as_user, bo, odsherred_centre):
    """The full number needs the role at the citizen's own centre."""
    user = staff(bo.centre, Role.MANAGER, username="leder-her")
    MembershipFactory(user=user, centre=odsherred_centre, role=Role.VISITATOR)
    data = json.loads(as_user(user).post(reverse("exports:json", args=[bo.pk])).content)
    assert data["citizen"]["cpr"] == f"{bo.cpr[:6]}-XXXX"


@pytest.mark.parametrize(("who", "full"), [("randers_manager", False), ("randers_visitator", True)])
def test_the_overview_says_how_the_copy_shows_the_cpr(request, as_user, bo, who, full):
    html = as_user(request.getfixturevalue(who)).get(reverse("exports:overview", args=[bo.pk])).content.decode()
    with translation.override("da"):
        full_text = _("Personal details, with the full CPR number")
        masked_text = _("Personal details, with the CPR number masked (DDMMYY-XXXX), as your role sees it")
    assert (full_text in html) is full and (masked_text in html) is not full
