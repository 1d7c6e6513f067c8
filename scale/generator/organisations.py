"""The installation's organisations: municipalities (blocks of citizens), centres, teams, staff.

Citizen number ``i`` always lands in the same municipality and centre, whatever N is: the
municipalities take consecutive blocks of citizens (the four seeded ones first, then fictional
ones), so a larger run only adds municipalities, and a top-up never moves anyone.

Staff users share one password hash (``SCALE_PASSWORD``, hashed once): hashing a password per user
would cost seconds per thousand users. Each gets an authenticator device with the demo key
(``demo.staff.demo_totp_key``), so the two-step login works with the demo's TOTP app too.
"""

import math
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from courses.models import CourseKind
from deadlines.rules import Terms
from deadlines.services import terms_of
from organisations.models import Centre, Law, Membership, Municipality, OfferKind, Role, Team, User
from standards.models import QualityStandard, StandardOffer

from .names import FIRST_NAMES, surname, town

SCALE_PASSWORD = "Forlob-scale-2026!"  # noqa: S105  # nosec B105  # synthetic installations only
USER_PREFIX = "scale."
SEEDED_CODES = ("730", "607", "846", "306")  # Randers, Fredericia, Mariagerfjord, Odsherred
# Three-digit numbers no Danish municipality has (they run from 101 to 860).
FICTIONAL_CODES = tuple(f"{n:03d}" for n in (*range(900, 1000), *range(861, 900), *range(1, 101)))

ROLE_SLUGS = {
    Role.VISITATOR: "visitator",
    Role.AUTHORITY: "myndighed",
    Role.THERAPIST: "behandler",
    Role.PHYSICIAN: "laege",
    Role.MANAGER: "leder",
    Role.ADMINISTRATOR: "admin",
    Role.ANONYMOUS_COUNSELLOR: "anonym",
}
TEAMS = ("Visitation", "Behandling 1", "Behandling 2", "Anonym behandling")
LAW_KINDS = {Law.SEL_101: CourseKind.DRUG, Law.SUL_141: CourseKind.ALCOHOL, Law.SUL_142: CourseKind.MEDICAL}


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    role: str


@dataclass
class CentrePlan:
    id: int
    name: str
    municipality_code: str
    kinds: tuple[str, ...]
    standard: QualityStandard
    terms: Terms
    teams: dict[str, int] = field(default_factory=dict)
    staff: dict[str, list[Staff]] = field(default_factory=dict)
    team_of: dict[int, int | None] = field(default_factory=dict)  # user id -> team id


@dataclass
class MunicipalityPlan:
    index: int
    code: str
    name: str
    first_citizen: int
    size: int
    town: str
    centres: list[CentrePlan] = field(default_factory=list)


@dataclass
class Installation:
    municipalities: list[MunicipalityPlan]

    def place(self, i: int) -> tuple[MunicipalityPlan, CentrePlan]:
        """The municipality and centre of citizen number ``i``."""
        for plan in self.municipalities:
            if plan.first_citizen <= i < plan.first_citizen + plan.size:
                return plan, plan.centres[(i - plan.first_citizen) % len(plan.centres)]
        raise ValueError(f"citizen {i} is outside the installation")

    @property
    def centres(self) -> list[CentrePlan]:
        return [c for m in self.municipalities for c in m.centres]


def block_sizes(citizens: int, per_municipality: int, seed: int) -> list[int]:
    """The size of each municipality's block, enough blocks to hold ``citizens`` (at least the four
    seeded ones). Fictional municipalities vary from 0.6 to 1.4 times ``per_municipality``."""
    sizes: list[int] = []
    while len(sizes) < len(SEEDED_CODES) or sum(sizes) < citizens:
        m = len(sizes)
        if m < len(SEEDED_CODES):
            sizes.append(per_municipality)
        else:
            share = 0.6 + 0.8 * random.Random(f"{seed}:municipality:{m}").random()  # noqa: S311  # nosec B311  # synthetic data
            sizes.append(max(1, round(per_municipality * share)))
    return sizes


def _standard_copy(template: QualityStandard, municipality: Municipality) -> QualityStandard:
    skip = {"id", "municipality"}
    values = {f.attname: getattr(template, f.attname) for f in template._meta.concrete_fields if f.name not in skip}
    values["title"] = f"Kvalitetsstandard for rusmiddelbehandling, {municipality.name} (fiktiv)"
    values["source_document"] = "Syntetisk data (manage.py generate_scale_data)"
    values["valid_from"] = values["valid_to"] = None
    return QualityStandard(municipality=municipality, **values)


@transaction.atomic
def ensure_installation(citizens: int, per_municipality: int, seed: int) -> Installation:
    """Create what is missing of the organisations for ``citizens`` citizens and describe them."""
    sizes = block_sizes(citizens, per_municipality, seed)
    seeded = {m.code: m for m in Municipality.objects.filter(code__in=SEEDED_CODES)}
    missing = [code for code in SEEDED_CODES if code not in seeded]
    if missing:
        raise RuntimeError(f"The seeded municipalities {missing} are missing: run migrate first.")
    taken = set(Municipality.objects.exclude(code__in=SEEDED_CODES).values_list("code", "name"))
    taken_codes = {code for code, _ in taken}
    generated_names = {name for _, name in taken}
    codes = list(SEEDED_CODES)
    towns = [seeded[code].name.removesuffix(" Kommune") for code in SEEDED_CODES]
    pool = iter(FICTIONAL_CODES)
    for m in range(len(SEEDED_CODES), len(sizes)):
        name = f"{town(m)} Kommune"
        # A fictional municipality keeps its code on later runs (found by name); new ones take the next free code.
        existing = Municipality.objects.filter(name=name).values_list("code", flat=True).first()
        code = next(c for c in pool if c not in taken_codes and c not in codes) if existing is None else existing
        codes.append(code)
        towns.append(town(m))
    new = [
        Municipality(code=code, name=f"{towns[m]} Kommune")
        for m, code in enumerate(codes)
        if m >= len(SEEDED_CODES) and f"{towns[m]} Kommune" not in generated_names
    ]
    Municipality.objects.bulk_create(new)
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    _ensure_standards(municipalities, codes)
    _ensure_centres(municipalities, codes, towns)
    plans = []
    first = 0
    for m, code in enumerate(codes):
        municipality = municipalities[code]
        plans.append(MunicipalityPlan(m, code, municipality.name, first, sizes[m], towns[m]))
        first += sizes[m]
    _ensure_staff(plans, municipalities)
    return Installation(plans)


def _ensure_standards(municipalities: dict[str, Municipality], codes: list[str]) -> None:
    templates = [
        QualityStandard.objects.filter(municipality=municipalities[code]).order_by("valid_from", "id").first()
        for code in SEEDED_CODES
    ]
    have = set(
        QualityStandard.objects.filter(municipality__code__in=codes).values_list("municipality__code", flat=True)
    )
    for m, code in enumerate(codes):
        if code in have:
            continue
        template = templates[m % len(templates)]
        copy = _standard_copy(template, municipalities[code])
        copy.save()  # one per municipality: a handful of rows
        StandardOffer.objects.bulk_create(
            StandardOffer(
                standard=copy,
                **{
                    f.attname: getattr(o, f.attname)
                    for f in o._meta.concrete_fields
                    if f.name not in {"id", "standard"}
                },
            )
            for o in template.offers.all()
        )


def _ensure_centres(municipalities: dict[str, Municipality], codes: list[str], towns: list[str]) -> None:
    existing = set(Centre.objects.filter(municipality__code__in=codes).values_list("municipality__code", "name"))
    new = []
    for m, code in enumerate(codes):
        if m < len(SEEDED_CODES):
            continue  # the seeded municipalities keep their seeded centres
        names = [f"Rusmiddelcenter {towns[m]}"]
        if random.Random(f"centres:{m}").random() < 0.3:  # noqa: S311  # nosec B311  # synthetic data
            names.append(f"Ungeindsatsen {towns[m]}")
        for name in names:
            if (code, name) not in existing:
                new.append(
                    Centre(
                        municipality=municipalities[code],
                        name=name,
                        kind=Centre.Kind.MUNICIPAL,
                        laws=[Law.SEL_101, Law.SUL_141],
                        offer_kinds=[OfferKind.ADVICE, OfferKind.OUTPATIENT, OfferKind.DAY],
                        address=f"{towns[m]}vej {m % 90 + 1}",
                        approved_on_tilbudsportalen=True,
                    )
                )
    Centre.objects.bulk_create(new)


def _staff_counts(centre_size: int) -> dict[str, int]:
    return {
        Role.VISITATOR: 2,
        Role.AUTHORITY: 1,
        Role.THERAPIST: max(3, math.ceil(centre_size / 80)),
        Role.PHYSICIAN: 1,
        Role.MANAGER: 1,
        Role.ADMINISTRATOR: 1,
        Role.ANONYMOUS_COUNSELLOR: 1,
    }


def _team_name(role: str, k: int) -> str | None:
    if role in (Role.VISITATOR, Role.AUTHORITY):
        return TEAMS[0]
    if role == Role.THERAPIST:
        return TEAMS[1 + k % 2]
    if role == Role.PHYSICIAN:
        return TEAMS[1]
    if role == Role.ANONYMOUS_COUNSELLOR:
        return TEAMS[3]
    return None


def _ensure_staff(plans: list[MunicipalityPlan], municipalities: dict[str, Municipality]) -> None:
    centres = {}
    for centre in Centre.objects.filter(
        municipality__code__in=[p.code for p in plans], kind=Centre.Kind.MUNICIPAL
    ).order_by("id"):
        centres.setdefault(centre.municipality_id, []).append(centre)
    wanted_teams = [(c, name) for p in plans for c in centres[municipalities[p.code].pk] for name in TEAMS]
    have_teams = set(Team.objects.filter(centre__in=[c for c, _ in wanted_teams]).values_list("centre_id", "name"))
    Team.objects.bulk_create(Team(centre=c, name=n) for c, n in wanted_teams if (c.pk, n) not in have_teams)
    teams = {(t.centre_id, t.name): t.pk for t in Team.objects.filter(centre__in=[c for c, _ in wanted_teams])}

    people = []  # (centre, role, k, username)
    for p in plans:
        mine = centres[municipalities[p.code].pk]
        for letter, centre in zip("abcdefgh", mine, strict=False):
            for role, count in _staff_counts(math.ceil(p.size / len(mine))).items():
                for k in range(1, count + 1):
                    people.append((centre, role, k, f"{USER_PREFIX}{p.code}{letter}.{ROLE_SLUGS[role]}{k}"))
    have_users = set(User.objects.filter(username__startswith=USER_PREFIX).values_list("username", flat=True))
    password = make_password(SCALE_PASSWORD)  # hashed once for everyone
    new_users = []
    for n, (_centre, _role, _k, username) in enumerate(people):
        if username in have_users:
            continue
        h = sum(map(ord, username)) + n
        new_users.append(
            User(
                username=username,
                first_name=FIRST_NAMES[h % len(FIRST_NAMES)],
                last_name=surname(h * 7 + 3),
                email=f"{username}@scale.invalid",
                password=password,
            )
        )
    User.objects.bulk_create(new_users, batch_size=1000)
    users = dict(User.objects.filter(username__startswith=USER_PREFIX).values_list("username", "id"))
    _ensure_devices([users[u.username] for u in new_users], [u.username for u in new_users])
    have_memberships = set(
        Membership.objects.filter(user_id__in=users.values()).values_list("user_id", "centre_id", "role")
    )
    Membership.objects.bulk_create(
        (
            Membership(
                user_id=users[username],
                centre=centre,
                role=role,
                team_id=teams.get((centre.pk, _team_name(role, k))),
            )
            for centre, role, k, username in people
            if (users[username], centre.pk, role) not in have_memberships
        ),
        batch_size=1000,
    )
    standards = {}
    for p in plans:
        municipality = municipalities[p.code]
        if municipality.pk not in standards:
            standards[municipality.pk] = (
                QualityStandard.objects.filter(municipality=municipality).order_by("-valid_from", "-id").first()
            )
        for centre in centres[municipality.pk]:
            kinds = tuple(LAW_KINDS[law] for law in centre.laws if law in LAW_KINDS) or (CourseKind.DRUG,)
            standard = standards[municipality.pk]
            plan = CentrePlan(centre.pk, centre.name, p.code, kinds, standard, terms_of(standard))
            plan.teams = {name: teams[(centre.pk, name)] for name in TEAMS}
            p.centres.append(plan)
    by_centre = {c.id: c for p in plans for c in p.centres}
    for centre, role, k, username in people:
        plan = by_centre[centre.pk]
        plan.staff.setdefault(role, []).append(Staff(users[username], username, role))
        plan.team_of[users[username]] = teams.get((centre.pk, _team_name(role, k)))


def _ensure_devices(user_ids: list[int], usernames: list[str]) -> None:
    """An authenticator device per new user, keyed as the demo's (``demo.staff.demo_totp_key``)."""
    from accounts.crypto import seal_totp_key  # noqa: PLC0415
    from accounts.models import AuthenticatorDevice  # noqa: PLC0415
    from demo.staff import demo_totp_key  # noqa: PLC0415

    AuthenticatorDevice.objects.bulk_create(
        (
            AuthenticatorDevice(
                user_id=pk, name="Demo", confirmed=True, encrypted_key=seal_totp_key(demo_totp_key(name), user_id=pk)
            )
            for pk, name in zip(user_ids, usernames, strict=True)
        ),
        batch_size=1000,
    )
