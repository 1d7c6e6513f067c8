"""Named people for tests that read like stories (STYLE.md): staff of the seed municipalities.

The four seed municipalities and their centres come from the data migration, as in production.
"""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from organisations.models import Centre, Role

from .factories import MembershipFactory, UserFactory, totp_device


def _centre(code: str) -> Centre:
    return Centre.objects.get(municipality__code=code, kind=Centre.Kind.MUNICIPAL)


@pytest.fixture
def randers_centre(db) -> Centre:
    return _centre("730")


@pytest.fixture
def fredericia_centre(db) -> Centre:
    return _centre("607")


@pytest.fixture
def odsherred_centre(db) -> Centre:
    return _centre("306")


def staff(centre: Centre, *roles: str, username: str):
    user = UserFactory(username=username)
    for role in roles:
        MembershipFactory(user=user, centre=centre, role=role)
    totp_device(user)
    return user


@pytest.fixture
def randers_visitator(randers_centre):
    return staff(randers_centre, Role.VISITATOR, username="randers-visitator")


@pytest.fixture
def randers_therapist(randers_centre):
    return staff(randers_centre, Role.THERAPIST, username="randers-behandler")


@pytest.fixture
def randers_manager(randers_centre):
    return staff(randers_centre, Role.MANAGER, username="randers-leder")


@pytest.fixture
def randers_admin(randers_centre):
    return staff(randers_centre, Role.ADMINISTRATOR, username="randers-admin")


@pytest.fixture
def odsherred_manager(odsherred_centre):
    return staff(odsherred_centre, Role.MANAGER, username="odsherred-leder")


@pytest.fixture
def fredericia_outsider(fredericia_centre):
    """A manager in Fredericia: has every right there, and none in Randers."""
    return staff(fredericia_centre, Role.MANAGER, Role.ADMINISTRATOR, username="fredericia-leder")


def verified_client(user) -> Client:
    """A client logged in with both factors, as after a real two-step login."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


@pytest.fixture
def as_user():
    return verified_client
