"""The demo's treatment stages: plans, appointments (with no-shows), gift cards, lapses, a
residential stay, discharges and follow-ups, played through the services staff use.

Each function takes a course already in treatment (``demo.citizens``) and the centre's cast, with
dates relative to ``today``, so a new user sees plans due and overdue, a worker's week, repeated
no-shows on the worklist, follow-ups due and done, and a re-admission linked to its earlier course.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from appointments import services as appointments
from discharges import services as discharges
from followups import services as followups
from organisations.models import Centre, OfferKind
from plans import services as plans
from treatment import services as treatment

RESIDENTIAL_PROVIDER = "Døgnbehandlingen Lysningen (fiktivt, demo)"


def plan(course, therapist, made_on: date, *, period_months: int = 3) -> None:
    """Version 1 of the plan, made with the citizen on ``made_on``."""
    standard = course.request.standard
    plans.plan_version_save(
        course=course,
        by=therapist,
        based_on=0,
        made_on=made_on,
        period_ends_on=made_on + timedelta(days=30 * period_months) if standard.plan_review_at_period_end else None,
        goals=[
            {
                "description": "Stoppe med at ryge hash i hverdagen.",
                "measure": "Ingen hash mandag til fredag, efter borgerens egen registrering.",
                "target_on": made_on + timedelta(days=60),
                "sub_goals": "Halvere forbruget inden for en måned.",
                "actions": "Samtale hver uge (behandler). Føre dagbog over forbrug (borgeren).",
            },
            {
                "description": "Komme tilbage i arbejde på nedsat tid.",
                "measure": "Mindst 15 timer om ugen.",
                "target_on": made_on + timedelta(days=90),
                "sub_goals": "",
                "actions": "Møde med jobcentret (sagsbehandler i jobcentret).",
            },
        ],
        problems_resources_needs="Dagligt forbrug af hash; god kontakt til søster; sygemeldt.",
        citizen_wishes="Vil have styr på hverdagen og tilbage i arbejde.",
        substance_goal="stop",
        content="Individuelle samtaler hver uge og gruppeforløb.",
        offer_kind=OfferKind.OUTPATIENT,
        expected_duration_months=period_months,
        follow_up_after_discharge="Behandleren ringer 1 og 6 måneder efter udskrivning.",
        other_actors="Jobcentret: plan for tilbagevenden til arbejde.",
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def sessions(course, therapist, today: date, *, no_shows: int = 0, hour: int = 10) -> None:
    """Weekly sessions from the start at ``hour`` (each citizen of a worker at their own hour):
    attended, then ``no_shows`` no-shows in a row (each creates an outreach task), and a talk and a
    group session booked in the coming week."""
    start = course.treatment_started_on
    held = [start + timedelta(days=7 * week + 1) for week in range(6)]
    held = [day for day in held if day < today - timedelta(days=1)]
    for n, day in enumerate(held):
        appointment = appointments.appointment_book(
            course=course, by=therapist, kind="individual", starts_at=_at(day, hour), worker=therapist, place="Lokale 2"
        )
        missed = n >= len(held) - no_shows
        appointments.attendance_record(
            appointment=appointment, by=therapist, attendance="no_show" if missed else "attended"
        )
    for days, kind, at_hour in ((1, "individual", hour + 3), (3, "group", 13)):
        appointments.appointment_book(
            course=course,
            by=therapist,
            kind=kind,
            starts_at=_at(today + timedelta(days=days), at_hour),
            worker=therapist,
            place="Gruppelokalet" if kind == "group" else "Lokale 2",
        )
    appointments.consent_give(course=course, by=therapist, channel="email", given_on=start)


def support(course, therapist) -> None:
    """A gift card for attendance, a lapse recorded without judgement and a relapse-prevention plan."""
    start = course.treatment_started_on
    treatment.gift_card_issue(
        course=course,
        by=therapist,
        issued_on=start + timedelta(days=8),
        amount=150,
        kind="electronic",
        reason="Fremmøde til de første fire samtaler.",
    )
    treatment.lapse_record(
        course=course,
        by=therapist,
        occurred_on=start + timedelta(days=10),
        kind="lapse",
        substances="Hash",
        account="Røg hash en aften med gamle venner.",
        helped="Ringede til søsteren dagen efter.",
        triggers="Weekend alene.",
        offer_change="keep",
    )
    treatment.relapse_plan_save(
        course=course,
        by=therapist,
        made_on=start + timedelta(days=11),
        warning_signs="Trækker mig fra søsteren; sover dårligt.",
        high_risk_situations="Weekender alene.",
        strategies="Planlægge weekenden; gå en tur.",
        contacts="Søsteren; behandleren.",
    )


def residential(course, therapist, centre: Centre, today: date) -> None:
    """A residential stay at a fictional external provider, its mid-way meeting overdue."""
    provider, _ = Centre.objects.get_or_create(
        municipality=centre.municipality,
        name=RESIDENTIAL_PROVIDER,
        defaults={
            "kind": Centre.Kind.EXTERNAL_PRIVATE,
            "approved_on_tilbudsportalen": True,
            "laws": ["SEL_101"],
            "offer_kinds": [OfferKind.RESIDENTIAL],
        },
    )
    starts = max(course.treatment_started_on, today - timedelta(days=40))
    treatment.stay_start(
        course=course, by=therapist, provider=provider, starts_on=starts, planned_end_on=starts + timedelta(days=60)
    )


REGISTER = {
    "drug_use_status": "abstinent",
    "self_help_contact": "yes",
    "drug_free_partner": "no",
    "housing": "own_home",
    "income": "wages",
}
STATUS = {
    "background": "Planlagt afslutning efter forløbet.",
    "goal_attainment": "Målet om at stoppe med hash i hverdagen er nået.",
    "citizen_wishes": "Vil fortsætte i SMART Recovery-gruppen.",
    "support_needs": "Støtte fra jobcentret.",
    "advised_where": "Åben Rådgivning og SMART Recovery.",
    "plan_forward": "Selvhjælpsgruppe hver anden uge.",
}


def discharge(course, therapist, on: date, reason: str = "completed", *, declined: bool = False) -> None:
    register = (
        REGISTER
        if reason == "completed"
        else {**REGISTER, "drug_use_status": "unchanged", "self_help_contact": "unknown"}
    )
    discharges.discharge_record(
        course=course,
        by=therapist,
        discharged_on=on,
        reason=reason,
        told_about_follow_up=True,
        follow_up_declined=declined,
        outreach="considered" if reason == "no_show" else "",
        **register,
        **STATUS,
    )


def follow_up(course, therapist, months: int, held_on: date, *, holds: bool = True) -> None:
    followups.follow_up_record(
        course=course,
        by=therapist,
        months=months,
        held_on=held_on,
        reached=True,
        how="phone",
        status="keeps_goal" if holds else "relapsed",
        situation="Samtale om hverdagen og om målet holder." if holds else "Er begyndt at ryge hash igen.",
        goal_holds=holds,
        needs=[] if holds else ["housing"],
        needs_note="" if holds else "Risiko for udsættelse.",
        offer_response="" if holds else "accepted",
        offer="" if holds else "SMART Recovery-gruppe",
    )
