"""An attacker with a manager's login tries to complete a masked CPR number through the search."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from audit.models import AuditEvent
from citizens.rules import CPR_SEARCH_LIMITS
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_the_search_does_not_complete_a_masked_cpr_number(as_user, randers_manager, randers_centre):
    birth, serial = "150685", "9917"
    citizen = CitizenFactory(centre=randers_centre, first_name="Sigrid", cpr=birth + serial)
    with time_machine.travel(datetime.datetime(2026, 3, 16, 11, 0, tzinfo=datetime.UTC), tick=False):
        client = as_user(randers_manager)
        page = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
        assert f"{birth}-XXXX" in page and serial not in page  # what the manager is allowed to see

        # The GET way (a link, a bookmark, a script) searches nothing at all.
        for tail in range(9900, 9920):
            client.get(reverse("citizens:index"), {"q": f"{birth}{tail}"})
        assert not AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).exists()

        # The POST way: the serial numbers one by one, the right one after the limit.
        confirmed = []
        for tail in range(9900, 9920):
            response = client.post(reverse("citizens:index"), {"q": f"{birth}{tail}"})
            if response.context["citizens"]:
                confirmed.append(tail)
    assert confirmed == []
    searches = AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH, actor=randers_manager)
    limit = CPR_SEARCH_LIMITS[False].in_window
    assert searches.filter(outcome=AuditEvent.Outcome.SUCCESS).count() == limit
    assert searches.filter(outcome=AuditEvent.Outcome.DENIED).count() == 20 - limit  # every refusal is logged
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditevent")
        dump = repr(cursor.fetchall())
    assert birth + serial not in dump and f"{birth}-{serial}" not in dump
    for changes in searches.values_list("changes", flat=True):  # not even the birth date or a tried serial
        assert not any(digit in changes["query"] for digit in "0123456789"), changes
