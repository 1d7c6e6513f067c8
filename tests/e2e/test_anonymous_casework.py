"""The anonymous service's casework pages pass axe (WCAG 2.1 A/AA), also with form errors."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from anonymous.models import AnonymousClient, ContactRequest, ConversationSlot
from organisations.models import Role
from tests.conftest import staff
from tests.e2e.conftest import log_in


def _client(centre, code, **fields):
    fields.setdefault("first_contact_on", timezone.localdate() - timedelta(days=10))
    return AnonymousClient.objects.create(centre=centre, reference_code=code, nickname="Fuglen", **fields)


def test_the_anonymous_casework_pages_pass_the_accessibility_check(
    page, live_server, randers_centre, assert_accessible
):
    worker = staff(randers_centre, Role.ANONYMOUS_COUNSELLOR, username="randers-anonym")
    drug = _client(randers_centre, "KQWM-TRPA", service="drug_treatment")
    ContactRequest.objects.create(client=drug, way="callback", phone="23456789")
    booked = _client(randers_centre, "KQWM-TRPB", service="drug_treatment")
    slot = ConversationSlot.objects.create(
        centre=randers_centre, starts_at=timezone.now() + timedelta(days=2), place="Sideindgangen", created_by=worker
    )
    ContactRequest.objects.create(client=booked, way="slot", slot=slot)
    ConversationSlot.objects.create(
        centre=randers_centre, starts_at=timezone.now() + timedelta(days=3), place="Sideindgangen", created_by=worker
    )
    advice = _client(randers_centre, "KQWM-TRPC", service="advice", contact_by="relative")
    alcohol = _client(randers_centre, "KQWM-TRPD", service="alcohol")
    refused = _client(
        randers_centre,
        "KQWM-TRPE",
        service="drug_treatment",
        state="not_eligible",
        decided_on=timezone.localdate(),
        decided_by=worker,
        not_eligible_reason="other_social_problems",
        referral="sel_101",
    )
    log_in(page, live_server, worker)
    for path in [
        "/anonym/",
        "/anonym/klienter/",
        "/anonym/klienter/?service=advice&state=all",
        "/anonym/klienter/ny/",
        f"/anonym/klienter/{drug.pk}/",
        f"/anonym/klienter/{booked.pk}/",
        f"/anonym/klienter/{refused.pk}/",
        f"/anonym/klienter/{drug.pk}/ret/",
        f"/anonym/klienter/{drug.pk}/afklarende-samtale/",
        f"/anonym/klienter/{advice.pk}/raadgivning/",
        f"/anonym/klienter/{alcohol.pk}/start/",
        f"/anonym/klienter/{alcohol.pk}/afslut/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)

    # The decision without a reason and a referral: errors tied to the fields.
    page.goto(f"{live_server.url}/anonym/klienter/{drug.pk}/afklarende-samtale/")
    page.locator("#id_decision").select_option("no")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_not_eligible_reason")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    # A contact with a call-back but no phone number, on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/anonym/klienter/ny/")
    page.locator("#id_nickname").fill("Ræven")
    page.locator("#id_wish").select_option("callback")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_phone")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_nickname")).to_have_value("Ræven")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    # The call-back is made from the record: the number is gone.
    page.goto(f"{live_server.url}/anonym/klienter/{drug.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator("[data-phone]")).to_have_text("23456789")
    page.get_by_role("button", name="Called back").or_(page.get_by_role("button", name="Ringet op")).first.click()
    expect(page.locator("[data-phone]")).to_have_count(0)
    assert_accessible(page)
