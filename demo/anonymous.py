"""Fictional demo data of the anonymous services (SEL §101a, SEL §10(2), SUL §141(7)).

For each demo municipality's service centre (``anonymous.access.service_centre``): conversation
times in the coming two weeks (some booked), a call-back request, clients in every state, an
advice course begun by a relative, an alcohol client where the standard covers SUL §141, and in
Mariagerfjord a running group of 8 sessions at the contracted provider with attendance and a
closing talk. Nicknames are invented ("Ræven", "Blåbær"), phone numbers are 20 00 00 0x, and dates
are relative to ``today``. Made through the models (the audit log records staff actions, and
these are not). Running it twice changes nothing: a centre that already has the demo's first
client is skipped.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from anonymous import rules
from anonymous.access import service_centre
from anonymous.models import (
    AnonymousClient,
    Attendance,
    ContactBy,
    ContactRequest,
    ConversationSlot,
    EndReason,
    Enrolment,
    Gender,
    Group,
    GroupSession,
    NotEligibleReason,
    Referral,
    State,
    Substance,
    Talk,
)
from organisations.models import Centre, Municipality, Role, User
from standards.selectors import standard_in_force

MUNICIPALITY_CODES = ["730", "607", "846", "306"]
MARIAGERFJORD = "846"
MARIAGERFJORD_PROVIDER = "Rusmiddelafsnittet i Aalborg"
FIRST = "Ræven"  # the demo's first client at a centre: present means the centre is done


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _counsellor(centre: Centre) -> User | None:
    return (
        User.objects.filter(memberships__centre=centre, memberships__role=Role.ANONYMOUS_COUNSELLOR)
        .order_by("pk")
        .first()
    )


def _code() -> str:
    while True:
        code = rules.new_reference_code()
        if not AnonymousClient.objects.filter(reference_code=code).exists():
            return code


def _client(centre, by, nickname, first_contact_on, **fields) -> AnonymousClient:
    return AnonymousClient.objects.create(
        centre=centre,
        reference_code=_code(),
        nickname=nickname,
        first_contact_on=first_contact_on,
        created_by=by,
        service=fields.pop("service", rules.DRUG_TREATMENT),
        **fields,
    )


def _talk(client, by, kind, held_on, note="", **fields) -> Talk:
    return Talk.objects.create(client=client, kind=kind, held_on=held_on, by=by, note=note, **fields)


def _slots(centre, by, today: date) -> list[ConversationSlot]:
    """Every other weekday of the coming two weeks, at the centre's separate entrance or by phone."""
    slots = []
    weekdays = [d for d in (today + timedelta(days=n) for n in range(1, 15)) if d.weekday() < 5]
    for index, day in enumerate(weekdays[::2]):
        place = "Telefonsamtale" if index % 2 else "Den separate indgang, bagbygningen"
        slots.append(ConversationSlot.objects.create(centre=centre, starts_at=_at(day, 16), place=place, created_by=by))
    return slots


def _provider(centre: Centre, municipality: Municipality) -> Centre:
    """The contracted provider of the group: Mariagerfjord's in Aalborg, else one the standard names,
    else the centre itself."""
    standard = standard_in_force(municipality.pk)
    providers = list(standard.anonymous_provider_centres.order_by("name")) if standard else []
    if municipality.code == MARIAGERFJORD:
        named = [p for p in providers if p.name == MARIAGERFJORD_PROVIDER]
        if named:
            return named[0]
        provider, _ = Centre.objects.get_or_create(
            municipality=municipality,
            name=MARIAGERFJORD_PROVIDER,
            defaults={
                "kind": Centre.Kind.EXTERNAL_PUBLIC,
                "laws": ["SEL_101A"],
                "address": "Sofiendalsvej 7, 9200 Aalborg SV",
                "outside_municipality": True,
            },
        )
        return provider
    return providers[0] if providers else centre


def _group(centre, by, municipality, today: date, members: list[AnonymousClient]) -> Group:
    """A running group: 8 weekly sessions, started five weeks ago; attendance for the past ones."""
    standard = standard_in_force(municipality.pk)
    sessions = (standard.anonymous_sessions if standard else None) or 8
    starts_on = today - timedelta(days=35)
    group = Group.objects.create(
        centre=centre,
        provider=_provider(centre, municipality),
        service=rules.DRUG_TREATMENT,
        name="Gruppen på tirsdage (demo)",
        starts_on=starts_on,
        planned_sessions=sessions,
        closing_talk=True,
        created_by=by,
    )
    for number in range(1, sessions + 1):
        day = starts_on + timedelta(days=7 * (number - 1))
        session = GroupSession.objects.create(group=group, number=number, starts_at=_at(day, 17))
        if day >= today:
            continue
        for index, client in enumerate(members):
            if client.started_on and client.started_on > day:
                continue
            status = Attendance.Status.ABSENT if (number + index) % 5 == 0 else Attendance.Status.ATTENDED
            Attendance.objects.create(session=session, client=client, status=status, recorded_by=by)
    for client in members:
        Enrolment.objects.create(client=client, group=group, joined_on=client.started_on or starts_on)
    return group


def _load_centre(centre: Centre, by: User, today: date) -> None:
    municipality = centre.municipality
    standard = standard_in_force(municipality.pk)
    laws = set(standard.laws_covered or []) if standard else set()
    slots = _slots(centre, by, today)

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    # Requested: booked a time on the public page (created_by empty: the person asked).
    booked = _client(centre, None, FIRST, ago(2), gender=Gender.MALE, substance=Substance.CANNABIS)
    ContactRequest.objects.create(
        client=booked, way=ContactRequest.Way.SLOT, slot=slots[0], submitted_at=_at(ago(2), 21, 14)
    )
    booked2 = _client(centre, None, "Mågen", ago(1), birth_year=2001, substance=Substance.COCAINE)
    ContactRequest.objects.create(
        client=booked2, way=ContactRequest.Way.SLOT, slot=slots[2], submitted_at=_at(ago(1), 7, 40)
    )
    # Requested: a call-back with a clearly fictional number.
    callback = _client(centre, None, "Blåbær", ago(1), gender=Gender.FEMALE)
    ContactRequest.objects.create(
        client=callback,
        way=ContactRequest.Way.CALLBACK,
        phone="20000001",
        callback_time=ContactRequest.CallbackTime.AFTERNOON,
        submitted_at=_at(ago(1), 19, 5),
    )
    # In the target group, waiting for the next group.
    waiting = _client(
        centre, by, "Egern", ago(12), birth_year=1994, substance=Substance.COCAINE, gender=Gender.MALE,
        state=State.ELIGIBLE, decided_on=ago(9), decided_by=by,
    )  # fmt: skip
    _talk(waiting, by, Talk.Kind.CLARIFYING, ago(9), "Arbejder fuldtid; vil stoppe med kokain i weekenden.")
    # Not in the target group: other social problems; referred to §101 treatment.
    refused = _client(
        centre, by, "Tranen", ago(20), substance=Substance.OPIOIDS, state=State.NOT_ELIGIBLE, decided_on=ago(16),
        decided_by=by, not_eligible_reason=NotEligibleReason.OTHER_SOCIAL_PROBLEMS, referral=Referral.SEL_101,
        referral_note="Fortalt om behandling med navn og kontakt til centrets visitation.",
        ended_on=ago(16), end_reason=EndReason.REFERRED,
    )  # fmt: skip
    _talk(refused, by, Talk.Kind.CLARIFYING, ago(16), "Har ingen fast bolig; anbefalet almindelig behandling.")
    # Anonymous advice to a relative (SEL §10(2)).
    relative = _client(
        centre, by, "Mor til en 19-årig", ago(6), service=rules.ADVICE_SERVICE, contact_by=ContactBy.RELATIVE,
        state=State.ADVICE,
    )  # fmt: skip
    _talk(relative, by, Talk.Kind.ADVICE, ago(6), "Råd om at tale med sønnen om hash.", with_relative=True)
    # Ended early: stopped coming.
    dropped = _client(
        centre, by, "Pindsvinet", ago(70), state=State.ENDED, decided_on=ago(66), decided_by=by, started_on=ago(60),
        ended_on=ago(40), end_reason=EndReason.DROPPED_OUT, substance=Substance.AMPHETAMINE,
    )  # fmt: skip
    _talk(dropped, by, Talk.Kind.CLARIFYING, ago(66))
    # Alcohol treatment kept anonymous (SUL §141(7)), where the standard covers §141.
    if "SUL_141" in laws:
        alcohol = _client(
            centre, by, "Havørnen", ago(15), service=rules.ALCOHOL, substance=Substance.ALCOHOL,
            state=State.IN_TREATMENT, started_on=ago(8), birth_year=1972,
        )  # fmt: skip
        _talk(alcohol, by, Talk.Kind.INDIVIDUAL, ago(8), "Første samtale; drikker hver aften.")
    # In a group, and one who completed with the closing talk.
    members = []
    for n, nickname in enumerate(["Odderen", "Lærken", "Kastanje", "Solsort"]):
        member = _client(
            centre, by, nickname, ago(50 - n), state=State.IN_TREATMENT, decided_on=ago(45 - n), decided_by=by,
            started_on=ago(35 - 7 * (n % 2)), substance=[Substance.CANNABIS, Substance.COCAINE][n % 2],
        )  # fmt: skip
        _talk(member, by, Talk.Kind.CLARIFYING, ago(45 - n))
        members.append(member)
    group = _group(centre, by, municipality, today, members)
    done = _client(
        centre, by, "Mosekonen", ago(150), state=State.COMPLETED, decided_on=ago(145), decided_by=by,
        started_on=ago(130), ended_on=ago(70), end_reason=EndReason.COMPLETED, substance=Substance.CANNABIS,
    )  # fmt: skip
    _talk(done, by, Talk.Kind.CLARIFYING, ago(145))
    _talk(done, by, Talk.Kind.CLOSING, ago(70), "Afsluttende samtale: forbruget er stoppet; plan for svære weekender.")
    earlier = Group.objects.create(
        centre=centre, provider=group.provider, name="Gruppen sidste kvartal (demo)", starts_on=ago(130),
        planned_sessions=8, created_by=by, closed_on=ago(70),
    )  # fmt: skip
    for number in range(1, 9):
        session = GroupSession.objects.create(
            group=earlier, number=number, starts_at=_at(ago(130) + timedelta(days=7 * (number - 1)), 17)
        )
        Attendance.objects.create(session=session, client=done, status=Attendance.Status.ATTENDED, recorded_by=by)
    Enrolment.objects.create(client=done, group=earlier, joined_on=ago(130), left_on=ago(70))


@transaction.atomic
def load_demo_anonymous(today: date | None = None) -> int:
    """Load the anonymous services' demo at each demo municipality's service centre that has an
    anonymous counsellor and no demo yet; returns how many centres were loaded."""
    today = today or timezone.localdate()
    loaded = 0
    for municipality in Municipality.objects.filter(code__in=MUNICIPALITY_CODES).order_by("code"):
        centre = service_centre(municipality.pk)
        if centre is None:
            continue
        by = _counsellor(centre)
        if by is None or AnonymousClient.objects.filter(centre=centre, nickname=FIRST).exists():
            continue
        _load_centre(centre, by, today)
        loaded += 1
    return loaded
