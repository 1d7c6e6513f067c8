"""Factories for the organisation graph. Names are fictional."""

import datetime

import factory

from accounts.models import AuthenticatorDevice
from demo.cpr import fictional_cpr
from organisations.models import Centre, Membership, Municipality, Team, User

PASSWORD = "Korrekt-hest-batteri-42"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Testrup {n} Kommune")
    code = factory.Sequence(lambda n: f"{900 + n % 100:03d}")


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Rusmiddelcenter {n}")
    laws = ["SEL_101", "SEL_101A"]
    offer_kinds = ["outpatient"]


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medarbejder{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    role = "therapist"


def totp_device(user, *, confirmed: bool = True) -> AuthenticatorDevice:
    return AuthenticatorDevice.create_for(user, name="Test", confirmed=confirmed)


def current_code(device: AuthenticatorDevice) -> str:
    from accounts.services import demo_current_code

    return demo_current_code(device)


class CitizenFactory(factory.django.DjangoModelFactory):
    """A fictional citizen with a fictional CPR number (demo.cpr); pass ``cpr=`` to choose it."""

    class Meta:
        model = "citizens.Citizen"

    centre = factory.SubFactory(CentreFactory)
    first_name = factory.Sequence(lambda n: f"Borger{n}")
    last_name = "Fiktivsen"
    contact_channel = "phone"
    # Adults born 1960–1999, whatever the length of the test run (an under-18 needs consents).
    cpr = factory.Sequence(
        lambda n: fictional_cpr(datetime.date(1960, 1, 1) + datetime.timedelta(days=37 * n % 14600), n // 394 % 5)
    )

    @classmethod
    def _create(cls, model_class, *args, cpr: str, **kwargs):
        citizen = model_class(*args, **kwargs)
        citizen.set_cpr(cpr)
        # The sequence's number can meet one a test chose itself (or an earlier sequence in the
        # same database): take the next fictional number for the same birth date instead.
        taken = model_class.objects.filter(centre_id=citizen.centre_id)
        serial = 1
        while taken.filter(cpr_index=citizen.cpr_index).exists():
            citizen.set_cpr(fictional_cpr(citizen.birth_date, serial))
            serial += 1
        citizen.save()
        return citizen
