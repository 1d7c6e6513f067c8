"""Shared helpers of the group course's tests: clients made directly through the models."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from anonymous import rules as anonymous_rules
from anonymous.models import AnonymousClient, Service, State
from organisations.models import Role
from tests.conftest import staff

CPH = ZoneInfo("Europe/Copenhagen")
NICKNAME = "Ravnen"
BIRTH_YEAR = 1994


def at(y, m, d, hh=17, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=CPH)


def counsellor(centre, username="anonym-raadgiver"):
    return staff(centre, Role.ANONYMOUS_COUNSELLOR, username=username)


def client(
    centre,
    *,
    service=Service.DRUG_TREATMENT,
    state=State.ELIGIBLE,
    nickname=NICKNAME,
    first_contact_on=date(2027, 1, 4),
    **fields,
) -> AnonymousClient:
    """A client found eligible (or in another state) straight through the model."""
    return AnonymousClient.objects.create(
        centre=centre,
        service=service,
        state=state,
        reference_code=anonymous_rules.new_reference_code(),
        nickname=nickname,
        birth_year=BIRTH_YEAR,
        first_contact_on=first_contact_on,
        decided_on=first_contact_on if state == State.ELIGIBLE else None,
        **fields,
    )
