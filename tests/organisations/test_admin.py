"""Administrators manage users, centres and standards of their own municipality only."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from organisations.models import Centre, User
from standards.models import QualityStandard
from tests.factories import UserFactory, totp_device

pytestmark = pytest.mark.django_db


def test_an_administrator_sees_only_their_municipalitys_centres(as_user, randers_admin):
    response = as_user(randers_admin).get(reverse("admin:organisations_centre_changelist"))
    assert response.status_code == 200
    assert {c.municipality.code for c in response.context["cl"].queryset} == {"730"}


def test_another_municipalitys_centre_cannot_be_opened(as_user, fredericia_outsider, randers_centre):
    response = as_user(fredericia_outsider).get(reverse("admin:organisations_centre_change", args=[randers_centre.pk]))
    assert response.status_code in (302, 404)
    assert randers_centre.name not in response.content.decode()


@pytest.mark.parametrize("page", ["change", "new_version"])
def test_another_municipalitys_standard_cannot_be_opened_or_copied(as_user, fredericia_outsider, page):
    standard = QualityStandard.objects.get(municipality__code="730")
    url = reverse(f"admin:standards_qualitystandard_{page}", args=[standard.pk])
    client = as_user(fredericia_outsider)
    count = QualityStandard.objects.count()

    assert client.get(url).status_code in (302, 404)
    assert client.post(url, {"valid_from": "2030-01-01"}).status_code in (302, 404)
    assert QualityStandard.objects.count() == count


def test_a_therapist_is_refused_the_admin(as_user, randers_therapist):
    assert as_user(randers_therapist).get(reverse("admin:index")).status_code == 403


def test_a_change_in_the_admin_is_audited_with_what_changed(as_user, randers_admin, randers_centre):
    client = as_user(randers_admin)
    url = reverse("admin:organisations_centre_change", args=[randers_centre.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            "address": "Fiktivvej 1, 8900 Randers",
            "laws": '["SEL_101", "SEL_101A"]',
            "offer_kinds": '["outpatient"]',
            "approved_on_tilbudsportalen": "",
            "is_active": "on",
            "teams-TOTAL_FORMS": "0",
            "teams-INITIAL_FORMS": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    event = AuditEvent.objects.get(action="update", object_type="organisations.Centre")
    assert event.actor == randers_admin
    assert event.changes["address"][1] == "Fiktivvej 1, 8900 Randers"


def test_the_administrator_can_reset_a_users_second_factor(as_user, randers_admin, randers_therapist):
    """The code to enrol again goes to the user's own e-mail, never to the administrator's screen."""
    User.objects.filter(pk=randers_therapist.pk).update(email="behandler@example.invalid")
    client = as_user(randers_admin)
    response = client.post(
        reverse("admin:organisations_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [randers_therapist.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not randers_therapist.authenticatordevice_set.exists()
    assert [message.to for message in mail.outbox] == [["behandler@example.invalid"]]
    assert AuditEvent.objects.filter(action="update", object_id=str(randers_therapist.pk)).exists()


def test_a_reset_without_an_email_address_is_refused_with_a_message(as_user, randers_admin, randers_therapist):
    response = as_user(randers_admin).post(
        reverse("admin:organisations_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [randers_therapist.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert randers_therapist.authenticatordevice_set.exists()
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_the_user_list_hides_other_municipalities_staff(as_user, randers_admin, fredericia_outsider):
    response = as_user(randers_admin).get(reverse("admin:organisations_user_changelist"))
    usernames = {u.username for u in response.context["cl"].queryset}
    assert fredericia_outsider.username not in usernames
    assert randers_admin.username in usernames


def test_a_superuser_sees_every_centre(as_user):
    root = UserFactory(is_superuser=True, is_staff=True)
    totp_device(root)
    response = as_user(root).get(reverse("admin:organisations_centre_changelist"))
    assert response.context["cl"].queryset.count() == Centre.objects.count()
