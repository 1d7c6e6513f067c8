"""Fictional demo staff: every role in each of the four seed municipalities.

The names are made up for the demo and belong to no one. Running this twice changes nothing.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.db import transaction

from accounts.models import AuthenticatorDevice
from organisations.models import Centre, Membership, Role, Team, User

DEMO_PASSWORD = "Forlob-demo-2026!"  # noqa: S105  # nosec B105  # demo only; production refuses demo mode

MUNICIPALITIES = {  # municipality number -> username prefix
    "730": "randers",
    "607": "fredericia",
    "846": "mariagerfjord",
    "306": "odsherred",
}

# (username suffix, roles, team, fictional first and last names per municipality)
PEOPLE = [
    ("visitator", [Role.VISITATOR], "Visitation", ["Aske Fjordby", "Lærke Vindahl", "Tove Engsig", "Malte Strandvig"]),
    ("myndighed", [Role.AUTHORITY], "Visitation", ["Ida Kornbæk", "Jonas Lyngdal", "Vera Hedehus", "Anker Dybkær"]),
    (
        "behandler",
        [Role.THERAPIST],
        "Behandling",
        ["Sigrid Bakkegaard", "Emil Rønnow", "Alma Kildevang", "Otto Mosegaard"],
    ),
    ("laege", [Role.PHYSICIAN], "Behandling", ["Karen Lindholt", "Frode Egebjerg", "Merete Søholm", "Bent Havgaard"]),
    ("leder", [Role.MANAGER], None, ["Hanne Birkedal", "Poul Stenholt", "Gerda Lundsgaard", "Niels Bækkelund"]),
    ("admin", [Role.ADMINISTRATOR], None, ["Ulla Granhøj", "Svend Tjørnelund", "Inge Mølleskov", "Arne Pilgaard"]),
    (
        "anonym",
        [Role.ANONYMOUS_COUNSELLOR],
        "Anonym behandling",
        ["Rikke Havsted", "Kasper Ellekær", "Bodil Vangsø", "Mogens Hvidkilde"],
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    roles: str
    municipality: str


def demo_totp_key(username: str) -> bytes:
    """A stable key per demo user, so an authenticator app set up once keeps working."""
    return hmac.new(b"forlob-demo-only", username.encode(), hashlib.sha1).digest()


@transaction.atomic
def load_demo_staff() -> list[DemoLogin]:
    logins = []
    for index, (code, prefix) in enumerate(MUNICIPALITIES.items()):
        centre = Centre.objects.filter(municipality__code=code, kind=Centre.Kind.MUNICIPAL).first()
        if centre is None:
            continue
        for suffix, roles, team_name, names in PEOPLE:
            first, last = names[index].split(" ", 1)
            username = f"{prefix}.{suffix}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.invalid"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            team = Team.objects.get_or_create(centre=centre, name=team_name)[0] if team_name else None
            for role in roles:
                Membership.objects.get_or_create(user=user, centre=centre, role=role, defaults={"team": team})
            if not AuthenticatorDevice.objects.filter(user=user).exists():
                AuthenticatorDevice.create_for(user, key=demo_totp_key(username), name="Demo", confirmed=True)
            labels = ", ".join(str(Role(role).label) for role in roles)
            logins.append(DemoLogin(username, f"{first} {last}", labels, centre.municipality.name))
    return logins
