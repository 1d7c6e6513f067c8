"""A standard that requests use is never edited in place: a new version from a date takes over."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from courses import services as courses
from standards.models import QualityStandard
from standards.selectors import standard_in_force, standard_shortfalls
from standards.services import standard_new_version
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def randers_standard() -> QualityStandard:
    return QualityStandard.objects.get(municipality__code="730")


def a_request(centre, by, expressed_on):
    course = courses.course_open(
        citizen=CitizenFactory(centre=centre), by=by, kind="drug", first_contact_on=expressed_on
    )
    return courses.treatment_request_register(
        course=course, by=by, expressed_on=expressed_on, channel="phone", expressed_by="Borgeren"
    )


def test_a_new_version_copies_every_setting_and_offer_and_ends_the_old_the_day_before(randers_admin):
    old = randers_standard()
    starts = timezone.localdate() + timedelta(days=30)
    new = standard_new_version(standard=old, valid_from=starts, by=randers_admin)
    old.refresh_from_db()
    assert (old.valid_to, new.valid_from, new.valid_to) == (starts - timedelta(days=1), starts, None)
    skip = {"id", "valid_from", "valid_to"}
    fields = [f.name for f in QualityStandard._meta.concrete_fields if f.name not in skip]
    assert [getattr(new, f) for f in fields] == [getattr(old, f) for f in fields]
    offer_values = ("kind", "name", "sessions", "contacts_per_month_min", "duration_months_max", "description")
    assert list(new.offers.values_list(*offer_values)) == list(old.offers.values_list(*offer_values))
    assert old.offers.exists()


def test_old_requests_keep_their_version_and_new_requests_from_the_date_get_the_new_one(
    randers_centre, randers_visitator, randers_admin
):
    today, old = timezone.localdate(), randers_standard()
    earlier = a_request(randers_centre, randers_visitator, today)
    new = standard_new_version(standard=old, valid_from=today + timedelta(days=1), by=randers_admin)
    earlier.refresh_from_db()
    assert earlier.standard == old != new
    assert standard_in_force(randers_centre.municipality_id, today) == earlier.standard
    assert standard_in_force(randers_centre.municipality_id, today + timedelta(days=1)) == new


def test_making_a_new_version_is_audited(randers_admin):
    old = randers_standard()
    starts = timezone.localdate() + timedelta(days=7)
    new = standard_new_version(standard=old, valid_from=starts, by=randers_admin)
    created = AuditEvent.objects.get(action="create", object_type="standards.QualityStandard", object_id=str(new.pk))
    ended = AuditEvent.objects.get(action="update", object_type="standards.QualityStandard", object_id=str(old.pk))
    assert created.actor == ended.actor == randers_admin
    assert created.changes["copied_from"] == [None, old.pk]
    assert ended.changes["valid_to"][1] == str(starts - timedelta(days=1))


def refusal(**kwargs) -> dict:
    """The service's refusal, in the English of the code (the field it names and the message)."""
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        standard_new_version(**kwargs)
    return refused.value.message_dict


def too_early(earliest) -> dict:
    return {
        "valid_from": [
            f"The new version can start on {earliest:%d.%m.%Y} at the earliest: a standard changes for the "
            "future, and requests already registered keep the version they were given."
        ]
    }


def test_a_new_version_cannot_start_in_the_past(randers_admin):
    today = timezone.localdate()
    errors = refusal(standard=randers_standard(), valid_from=today - timedelta(days=1), by=randers_admin)
    assert errors == too_early(today)
    assert randers_standard().valid_to is None


def test_a_new_version_cannot_start_on_a_day_a_request_already_has_the_old_version(
    randers_centre, randers_visitator, randers_admin
):
    today = timezone.localdate()
    a_request(randers_centre, randers_visitator, today)
    errors = refusal(standard=randers_standard(), valid_from=today, by=randers_admin)
    assert errors == too_early(today + timedelta(days=1))


def test_only_the_newest_version_can_be_copied(randers_admin):
    old = randers_standard()
    standard_new_version(standard=old, valid_from=timezone.localdate() + timedelta(days=10), by=randers_admin)
    errors = refusal(standard=old, valid_from=timezone.localdate() + timedelta(days=20), by=randers_admin)
    assert errors == {
        "valid_from": ["A newer version of this standard already exists. Make the new version from that one."]
    }


def test_a_lapsed_standard_is_in_force_until_the_new_version_and_then_ends_the_day_before(randers_admin):
    today = timezone.localdate()
    old = randers_standard()
    old.valid_from, old.valid_to = today - timedelta(days=800), today - timedelta(days=60)
    old.save()
    assert standard_in_force(old.municipality_id, today) == old
    new = standard_new_version(standard=old, valid_from=today + timedelta(days=14), by=randers_admin)
    old.refresh_from_db()
    assert old.valid_to == today + timedelta(days=13)
    assert standard_in_force(old.municipality_id, today + timedelta(days=13)) == old
    assert standard_in_force(old.municipality_id, today + timedelta(days=14)) == new


class TestAdmin:
    def change_url(self, standard):
        return reverse("admin:standards_qualitystandard_change", args=[standard.pk])

    def new_version_url(self, standard):
        return reverse("admin:standards_qualitystandard_new_version", args=[standard.pk])

    def test_the_add_button_for_offers_reads_as_danish(self, as_user, randers_admin):
        page = as_user(randers_admin).get(self.change_url(randers_standard())).content.decode()
        # The button's text is JSON in the inline's data attribute: "ø" is written "\u00f8".
        assert "Tilf\\u00f8j endnu et tilbud" in page and "endnu en Tilbud" not in page

    def test_a_version_that_requests_use_is_read_only_and_offers_a_new_version(
        self, as_user, randers_admin, randers_centre, randers_visitator
    ):
        standard = randers_standard()
        a_request(randers_centre, randers_visitator, timezone.localdate())
        client = as_user(randers_admin)
        page = client.get(self.change_url(standard))
        assert page.status_code == 200
        assert page.context["has_change_permission"] is False
        assert not any(formset.formset.can_delete for formset in page.context["inline_admin_formsets"])
        assert self.new_version_url(standard) in page.content.decode()
        posted = client.post(self.change_url(standard), {"title": "Ændret i stedet"})
        assert posted.status_code == 403
        assert randers_standard().title == standard.title

    def test_a_version_no_request_uses_can_still_be_corrected(self, as_user, randers_admin):
        page = as_user(randers_admin).get(self.change_url(randers_standard()))
        assert page.context["has_change_permission"] is True

    def test_the_administrator_makes_a_new_version_from_a_date(
        self, as_user, randers_admin, randers_centre, randers_visitator
    ):
        today = timezone.localdate()
        a_request(randers_centre, randers_visitator, today)
        client = as_user(randers_admin)
        form = client.get(self.new_version_url(randers_standard())).context["form"]
        assert form.initial["valid_from"] == today + timedelta(days=1)
        starts = today + timedelta(days=5)
        response = client.post(self.new_version_url(randers_standard()), {"valid_from": starts.isoformat()})
        new = QualityStandard.objects.get(municipality__code="730", valid_from=starts)
        assert response.status_code == 302 and response.url == self.change_url(new)
        assert QualityStandard.objects.filter(municipality__code="730").count() == 2

    def test_a_refused_date_lands_on_the_form(self, as_user, randers_admin):
        client = as_user(randers_admin)
        yesterday = timezone.localdate() - timedelta(days=1)
        with translation.override("en"):
            response = client.post(self.new_version_url(randers_standard()), {"valid_from": yesterday.isoformat()})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["valid_from"]
        assert QualityStandard.objects.filter(municipality__code="730").count() == 1

    def test_another_municipalitys_administrator_cannot_make_a_version(self, as_user, fredericia_outsider):
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = as_user(fredericia_outsider).post(
            self.new_version_url(randers_standard()), {"valid_from": tomorrow.isoformat()}
        )
        assert response.status_code in (302, 404)
        assert QualityStandard.objects.filter(municipality__code="730").count() == 1


def test_once_the_new_version_applies_the_old_one_is_no_longer_warned_about(randers_admin):
    today = timezone.localdate()
    old = randers_standard()
    old.approved_on = today - timedelta(days=100)
    old.save()
    new = standard_new_version(standard=old, valid_from=today + timedelta(days=3), by=randers_admin)
    old.refresh_from_db()
    timely = {"validity_ended", "revision_overdue"}
    later = today + timedelta(days=800)
    assert {s.code for s in standard_shortfalls(old, today + timedelta(days=2))}.isdisjoint(timely)
    assert {s.code for s in standard_shortfalls(old, later)}.isdisjoint(timely)
    assert "revision_overdue" in {s.code for s in standard_shortfalls(new, later)}
