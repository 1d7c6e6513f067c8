"""Shared pieces for the casework tests: counsellors, clients in each state, and the check that an
audit row holds nothing that identifies the person."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from anonymous.models import AnonymousClient, ContactRequest, ConversationSlot
from audit.models import AuditEvent, AuditEventCitizen
from organisations.models import Role
from tests.conftest import staff

CPH = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 3, 10)
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=CPH)


def counsellor(centre, username: str = "anon-raadgiver"):
    return staff(centre, Role.ANONYMOUS_COUNSELLOR, username=username)


_codes = iter(f"{a}{b}{c}{d}-QRST" for a in "ABCD" for b in "EFGH" for c in "JKLM" for d in "NPQR")


def make_client(centre, *, service="drug_treatment", state="requested", nickname="Fuglen", **extra) -> AnonymousClient:
    extra.setdefault("first_contact_on", timezone.localdate() - timedelta(days=30))
    return AnonymousClient.objects.create(
        centre=centre,
        service=service,
        state=state,
        nickname=nickname,
        reference_code=next(_codes),
        birth_year=extra.pop("birth_year", 1996),
        **extra,
    )


def make_callback(client, phone: str = "23456789") -> ContactRequest:
    return ContactRequest.objects.create(client=client, channel="web", way="callback", phone=phone)


def make_slot(centre, by, *, starts_at=None, place="Sideindgangen, Vestergade") -> ConversationSlot:
    return ConversationSlot.objects.create(
        centre=centre, starts_at=starts_at or timezone.now() + timedelta(days=2), place=place, created_by=by
    )


def assert_anonymous_audit(client: AnonymousClient, *extra_secrets: str) -> None:
    """No audit row keeps the client's nickname, reference code, birth year or phone, nor any citizen."""
    secrets = [client.nickname, client.reference_code, str(client.birth_year or "NOYEAR"), *extra_secrets]
    for event in AuditEvent.objects.all():
        text = json.dumps([event.changes, event.object_label, event.object_type, event.role], default=str)
        for secret in secrets:
            if secret:
                assert secret not in text, f"{secret!r} in audit event {event.pk}"
        assert event.citizen_id is None
        assert "citizens" not in event.changes
    assert not AuditEventCitizen.objects.exists()
