"""Bulk-appended audit events (audit.bulk) are links of the same chain as single events."""

import datetime

import pytest
from django.utils import timezone

from audit.bulk import append_events
from audit.models import AuditEvent
from audit.services import audit_record
from audit.verification import check_log

pytestmark = pytest.mark.django_db


def test_bulk_events_continue_the_chain_and_keep_their_times():
    audit_record(actor=None, username="before", action=AuditEvent.Action.VIEW)
    when = timezone.now() - datetime.timedelta(days=400)
    events = [
        AuditEvent(
            occurred_at=when + datetime.timedelta(minutes=i), actor_username="gen", action=AuditEvent.Action.VIEW
        )
        for i in range(25)
    ]
    assert append_events(events, batch_size=7) == 25
    audit_record(actor=None, username="after", action=AuditEvent.Action.VIEW)
    report = check_log(anchor_path=None).report  # raises at a broken link
    assert report.intact and report.chained == AuditEvent.objects.count()
    assert AuditEvent.objects.filter(actor_username="gen").order_by("id").first().occurred_at == when
