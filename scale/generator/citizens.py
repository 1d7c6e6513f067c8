"""Generated citizens: fictional names and CPR numbers, encrypted and blind-indexed as the app does.

The CPR numbers follow the project's convention for fictional numbers (``demo.cpr``: serial 99xx
and no modulus 11), so they can belong to no real person. Citizen number ``i`` gets a unique
number: its birth date walks the days from 1955 to 2004 in a scattered order, and each lap over
those days takes the next serial (``fictional_cpr(born, n)``). The e-mail address (a reserved
``.invalid`` domain) carries the number: it is how a later run finds what exists.
"""

import random
from datetime import date, timedelta

from citizens.models import Citizen
from citizens.rules import search_name
from demo.cpr import fictional_cpr

from .names import FIRST_NAMES, STREETS, surname

EMAIL_DOMAIN = "scale.invalid"
FIRST_BIRTH = date(1955, 1, 1)
BIRTH_DAYS = (date(2004, 12, 31) - FIRST_BIRTH).days + 1  # 18,263
STRIDE = 7919  # a prime, coprime to BIRTH_DAYS: consecutive citizens get scattered birth dates


def cpr_for(i: int, seed: int) -> str:
    """The fictional CPR number of citizen ``i`` (unique for i < 14 × BIRTH_DAYS, about 255,000)."""
    lap, position = divmod(i, BIRTH_DAYS)
    born = FIRST_BIRTH + timedelta(days=(position * STRIDE + seed) % BIRTH_DAYS)
    return fictional_cpr(born, lap)


def email_for(i: int) -> str:
    return f"borger-{i:07d}@{EMAIL_DOMAIN}"


def build_citizen(i: int, seed: int, rng: random.Random, centre_id: int, town: str, died_on: date | None) -> Citizen:
    first = rng.choice(FIRST_NAMES)
    last = surname(rng.randrange(1000))
    citizen = Citizen(
        centre_id=centre_id,
        first_name=first,
        last_name=last,
        search_name=search_name(first, last),
        address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        postcode="",
        city=town,
        email=email_for(i),
        contact_channel=rng.choice(("phone", "sms", "digital_post", "")),
        address_protected=rng.random() < 0.01,
        died_on=died_on,
    )
    citizen.set_cpr(cpr_for(i, seed))
    return citizen
