"""Fictional demo citizens in every stage from first contact to decision, some overdue.

About ten per seed municipality, with dates relative to today so that a new user always sees
a living centre: fresh requests, overdue assessments and decisions, grants waiting to start,
treatment under way, a refusal under complaint, free choice. Every step goes through the same
services staff use, so the deadlines and the audit trail are real. Names and CPR numbers are
fictional (demo.cpr). Running it twice changes nothing: a citizen already registered is skipped.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from assessments import services as assessments
from citizens.services import citizen_register, existing_citizen
from courses import services as courses
from decisions import services as decisions
from organisations.models import Centre, OfferKind, Role, User

from . import treatment as stage
from .casework import PROTECTED, add_casework
from .cpr import fictional_cpr

FIRST_NAMES = [
    "Alma",
    "Bent",
    "Cecilie",
    "Dennis",
    "Ebba",
    "Frode",
    "Gry",
    "Holger",
    "Ida",
    "Jannik",
    "Karl",
    "Lene",
    "Mads",
    "Nora",
    "Ole",
    "Pia",
    "Rasmus",
]
LAST_NAMES = [
    "Fjordvang",
    "Lyngkær",
    "Mosehøj",
    "Skovbæk",
    "Engdal",
    "Kærsholm",
    "Stenvig",
    "Bølgeby",
    "Hedelund",
    "Klintholm",
]
SCENARIOS = [
    "advice",
    "advice_closed",
    "requested",
    "requested_overdue",
    "assessed",
    "assessed_overdue",
    "granted",
    "in_treatment",
    "refused_complaint",
    "free_choice",
    # The treatment stages (demo.treatment).
    "planned",
    "review_overdue",
    "residential",
    "discharged_recent",
    "discharged_followed",
    "discharged_no_show",
    "discharged_opted_out",
]
DEMO_PROVIDER = "Behandlingshuset Kompasset (fiktivt, demo)"


@dataclass(frozen=True)
class Cast:
    centre: Centre
    visitator: User
    authority: User
    physician: User
    therapist: User


def _cast(centre: Centre) -> Cast:
    def one(role):
        return User.objects.filter(memberships__centre=centre, memberships__role=role).order_by("pk").first()

    return Cast(centre, one(Role.VISITATOR), one(Role.AUTHORITY), one(Role.PHYSICIAN), one(Role.THERAPIST))


def _free_choice_provider(centre: Centre) -> Centre:
    """A fictional approved private provider, so that the demo can show free choice."""
    provider, _ = Centre.objects.get_or_create(
        municipality=centre.municipality,
        name=DEMO_PROVIDER,
        defaults={
            "kind": Centre.Kind.EXTERNAL_PRIVATE,
            "approved_on_tilbudsportalen": True,
            "laws": ["SEL_101"],
            "offer_kinds": [OfferKind.OUTPATIENT, OfferKind.DAY],
        },
    )
    return provider


def _assess(course, cast: Cast, started: date, completed: date, *, children: int = 0) -> None:
    assessments.assessment_save(
        course=course,
        by=cast.visitator,
        started_on=started,
        instrument="ASI",
        drug_use="Dagligt forbrug af hash, periodevis kokain.",
        social_conditions="Bor alene i lejlighed; lille netværk.",
        health="Søvnproblemer; ingen kendt psykisk lidelse.",
        work_education="Sygemeldt fra lagerjob.",
        other_matters="Gæld.",
        other_help_needed="Kontakt til gældsrådgivning.",
        told_how_it_works=True,
        feedback_given_on=completed,
        children_at_home_asked=True,
        children_at_home_count=children,
        child_concern=bool(children),
        pregnancy="none",
        drugs_and_alcohol=True,
    )
    assessments.assessment_complete(course=course, by=cast.visitator, completed_on=completed)


def _grant(course, cast: Cast, decided: date):
    return decisions.decision_issue(
        course=course,
        by=cast.authority,
        outcome="grant",
        form="written",
        decided_on=decided,
        offer_kind=OfferKind.OUTPATIENT,
        provider=cast.centre,
        intensity_tier=None,
        implementation="Samtaler hver uge i centret, i alt 12 samtaler.",
        purpose="At stoppe forbruget af hash.",
        reasons="",
        legal_basis="",
        considerations="",
        key_facts="",
        other_help="",
        not_dual_diagnosis=False,
    )


def _refuse(course, cast: Cast, decided: date):
    return decisions.decision_issue(
        course=course,
        by=cast.authority,
        outcome="refusal",
        form="written",
        decided_on=decided,
        offer_kind="",
        provider=None,
        intensity_tier=None,
        implementation="",
        purpose="",
        reasons="Forbruget er ikke behandlingskrævende efter afdækningen.",
        legal_basis="Serviceloven § 101, stk. 1.",
        considerations="Borgeren har et lavt og stabilt forbrug.",
        key_facts="ASI-scoren er lav.",
        other_help="Rådgivning efter serviceloven § 10 og støtte fra gældsrådgivningen.",
        not_dual_diagnosis=True,
    )


def _play(scenario: str, citizen, cast: Cast, today: date) -> None:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    start = {
        "advice": 3,
        "advice_closed": 40,
        "requested": 2,
        "requested_overdue": 20,
        "assessed": 10,
        "assessed_overdue": 18,
        "granted": 12,
        "in_treatment": 30,
        "refused_complaint": 35,
        "free_choice": 15,
        "planned": 60,
        "review_overdue": 240,
        "residential": 80,
        "discharged_recent": 150,
        "discharged_followed": 420,
        "discharged_no_show": 90,
        "discharged_opted_out": 130,
    }
    opened = ago(start[scenario])
    course = courses.course_open(citizen=citizen, by=cast.visitator, kind="drug", first_contact_on=opened)
    if scenario.startswith("advice"):
        courses.advice_talk_record(
            course=course,
            by=cast.visitator,
            held_on=opened,
            summary="Samtale om forbrug af alkohol og hash.",
            other_help_needed=scenario == "advice",
            other_help_assessment="Kan have brug for hjælp til bolig.",
            outcome="continue" if scenario == "advice" else "no_action",
        )
        return
    courses.treatment_request_register(
        course=course,
        by=cast.visitator,
        expressed_on=opened,
        channel="phone",
        expressed_by="Borgeren",
        attended_in_person_on=opened + timedelta(days=3),
    )
    if scenario == "requested":
        return
    if scenario == "requested_overdue":
        assessments.assessment_save(
            course=course,
            by=cast.visitator,
            started_on=opened + timedelta(days=4),
            drug_use="Dagligt forbrug af kokain.",
        )
        return
    _assess(
        course,
        cast,
        opened + timedelta(days=2),
        opened + timedelta(days=6 if scenario != "assessed" else 5),
        children=1 if scenario in ("assessed", "granted") else 0,
    )
    if scenario in ("assessed", "assessed_overdue"):
        return
    if scenario == "refused_complaint":
        decision = _refuse(course, cast, opened + timedelta(days=7))
        decisions.letter_generate(decision=decision, by=cast.authority)
        decisions.complaint_register(
            decision=decision,
            by=cast.authority,
            received_on=ago(10),
            decision_received_on=opened + timedelta(days=9),
            form="oral",
            oral_account="Borgeren ringede og er uenig i afslaget.",
            summary="Mener at have brug for behandling.",
        )
        return
    _grant(course, cast, opened + timedelta(days=8))
    assessments.physician_consultation_record(
        course=course,
        by=cast.physician,
        informed_on=opened + timedelta(days=2),
        response="accepted" if scenario == "granted" else "declined",
    )
    if scenario == "in_treatment":  # treatment started, no plan yet: the plan is overdue
        courses.treatment_start(course=course, by=cast.visitator, started_on=opened + timedelta(days=12))
    elif scenario in TREATED:
        courses.treatment_start(
            course=course, by=cast.visitator, started_on=opened + timedelta(days=12), therapist=cast.therapist
        )
        course.refresh_from_db()
        _treat(scenario, course, cast, today)
    elif scenario == "free_choice":
        decisions.free_choice_record(
            course=course,
            by=cast.visitator,
            chosen_provider=_free_choice_provider(cast.centre),
            chosen_on=opened + timedelta(days=9),
            note="Ønsker behandling tættere på arbejde.",
        )


TREATED = {
    "planned",
    "review_overdue",
    "residential",
    "discharged_recent",
    "discharged_followed",
    "discharged_no_show",
    "discharged_opted_out",
}


def _treat(scenario: str, course, cast: Cast, today: date) -> None:
    """The treatment stages after the start (demo.treatment); dates relative to ``today``."""
    therapist, start = cast.therapist, course.treatment_started_on
    stage.plan(course, therapist, start)
    if scenario != "planned":  # the assessment's duty (treatment for both drugs and alcohol) met at the start
        for task in course.tasks.filter(done_on=None).exclude(kind="child_notification"):
            assessments.task_done(task=task, by=therapist, done_on=start, note="Tilbudt behandling for begge.")
    if scenario == "planned":
        stage.sessions(course, therapist, today, no_shows=2)
        stage.support(course, therapist)
    elif scenario == "residential":
        stage.sessions(course, therapist, today, hour=9)
        stage.residential(course, therapist, cast.centre, today)
    elif scenario == "discharged_recent":  # the 1-month follow-up is overdue
        stage.support(course, therapist)
        stage.discharge(course, therapist, today - timedelta(days=40))
    elif scenario == "discharged_followed":  # both follow-ups held; the result did not hold at 6 months
        discharged = today - timedelta(days=230)
        stage.discharge(course, therapist, discharged)
        stage.follow_up(course, therapist, 1, discharged + timedelta(days=25))
        stage.follow_up(course, therapist, 6, discharged + timedelta(days=175), holds=False)
        if 3 in course.request.standard.follow_up_months:
            stage.follow_up(course, therapist, 3, discharged + timedelta(days=85))
        again = courses.course_open(
            citizen=course.citizen, by=cast.visitator, kind="drug", first_contact_on=today - timedelta(days=8)
        )
        courses.treatment_request_register(
            course=again,
            by=cast.visitator,
            expressed_on=today - timedelta(days=8),
            channel="phone",
            expressed_by="Borgeren",
        )
    elif scenario == "discharged_no_show":  # unplanned: no statutory follow-up
        stage.discharge(course, therapist, today - timedelta(days=20), reason="no_show")
    elif scenario == "discharged_opted_out":
        stage.discharge(course, therapist, today - timedelta(days=30), declined=True)


def _born(n: int, m: int) -> date:
    """A fictional birth date per scenario (n) and municipality (m); the first ten kept as they were."""
    if n < 10:
        return date(1962 + 4 * n, 1 + m, 3 + 2 * n)
    return date(1965 + 2 * (n - 10), 1 + m, 10 + n)


@transaction.atomic
def load_demo_citizens(today: date | None = None) -> int:
    """Create the demo citizens that do not exist yet; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    centres = Centre.objects.filter(kind=Centre.Kind.MUNICIPAL, municipality__code__in=["730", "607", "846", "306"])
    for m, centre in enumerate(centres.order_by("municipality__code")):
        cast = _cast(centre)
        if not (cast.visitator and cast.authority and cast.physician and cast.therapist):
            continue
        for n, scenario in enumerate(SCENARIOS):
            born = _born(n, m)
            cpr = fictional_cpr(born)
            if existing_citizen(centre=centre, cpr=cpr):
                continue
            citizen, _ = citizen_register(
                centre=centre,
                by=cast.visitator,
                cpr=cpr,
                first_name=FIRST_NAMES[n],
                last_name=LAST_NAMES[(n + 3 * m) % len(LAST_NAMES)],
                address=f"Demovej {n + 1}",
                postcode="",
                city="",
                phone="",
                email=f"demo.borger.{m}.{n}@example.invalid" if n >= 10 else "",
                contact_channel="email" if n >= 10 else "phone",
                expecting_child_on=None,
                address_protected=scenario == PROTECTED,
            )
            _play(scenario, citizen, cast, today)
            add_casework(scenario, citizen, cast, today)
            created += 1
    return created
