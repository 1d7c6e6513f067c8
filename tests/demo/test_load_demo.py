"""Demo staff: every role in each municipality, fictional, loaded idempotently."""

import pytest
from django.core.management import CommandError, call_command

from organisations.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def test_every_role_is_represented_in_every_seed_municipality(settings):
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for code in ["730", "607", "846", "306"]:
        roles = set(Membership.objects.filter(centre__municipality__code=code).values_list("role", flat=True))
        assert roles == set(Role.values), code


def test_a_second_run_adds_no_duplicates(settings):
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (User.objects.count(), Membership.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (User.objects.count(), Membership.objects.count()) == counts == (28, 28)


def test_demo_data_is_refused_outside_demo_mode(settings):
    settings.FORLOB_DEMO = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_demo_addresses_can_never_reach_anyone(settings):
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert all(email.endswith(".invalid") for email in User.objects.values_list("email", flat=True))
