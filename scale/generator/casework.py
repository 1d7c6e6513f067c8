"""A chunk of citizens as model rows: built in memory from the stories, inserted table by table.

Rows refer to one another as objects before they have ids; ``bulk_create`` (which returns the ids
on PostgreSQL and on SQLite ≥ 3.35) fills them in table order. No ``save()``, no services: the
rows are what the services would have written, and the deadlines are what the engine computes
(``deadlines.py``).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import models

from appointments.models import Appointment
from assessments.models import Assessment, PhysicianConsultation, Task
from assessments.rules import CHILD_NOTIFICATION_SOURCE
from caseloads.models import CourseAssignment
from citizens.models import Citizen
from courses.models import AdviceTalk, CloseReason, Course, GuaranteeWaiver, TreatmentRequest
from decisions.models import Complaint, Decision
from discharges.models import Discharge, DischargeReason
from followups.models import FollowUp
from journal.models import JournalNote, JournalNoteVersion
from organisations.models import Role
from plans.models import PlanGoal, PlanVersion

from . import bulk
from .organisations import TEAMS, CentrePlan, Staff
from .stories import CitizenStory, CourseStory, at

TEXT = "Fiktive oplysninger (syntetiske data til skalatest)."
NOTE_TEXTS = (
    "Samtale med borgeren om forløbet. Aftaler om næste møde.",
    "Telefonisk kontakt. Borgeren bekræfter aftalen.",
    "Intern drøftelse af forløbet i teamet.",
    "Opfølgning på aftaler fra sidste samtale.",
)
# Insert order: every table after the tables it points to.
ORDER = (
    Citizen,
    AdviceTalk,
    TreatmentRequest,
    GuaranteeWaiver,
    Assessment,
    PhysicianConsultation,
    Decision,
    Complaint,
    Task,
    Appointment,
    PlanVersion,
    PlanGoal,
    Discharge,
    FollowUp,
    CourseAssignment,
    JournalNote,
    JournalNoteVersion,
)


@dataclass
class CourseRows:
    course: Course
    story: CourseStory
    visitator: Staff
    authority: Staff
    therapist: Staff | None
    request: TreatmentRequest | None = None
    assessment: Assessment | None = None
    decision: Decision | None = None
    complaint: Complaint | None = None
    discharge: Discharge | None = None
    notifications: list[Task] = field(default_factory=list)
    plans: list[PlanVersion] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    notes: list[JournalNote] = field(default_factory=list)


@dataclass
class CitizenRows:
    number: int
    citizen: Citizen
    centre: CentrePlan
    story: CitizenStory
    courses: list[CourseRows] = field(default_factory=list)


class Batch:
    """The rows of one chunk, by model; courses by their place in the citizen's history."""

    def __init__(self):
        self.rows: dict[type[models.Model], list] = {model: [] for model in ORDER}
        self.courses: list[list[Course]] = [[], [], []]
        self.citizens: list[CitizenRows] = []

    def add(self, obj: models.Model) -> models.Model:
        self.rows[type(obj)].append(obj)
        return obj

    def counts(self) -> dict[str, int]:
        counts = {model._meta.label: len(rows) for model, rows in self.rows.items()}
        counts["courses.Course"] = sum(map(len, self.courses))
        return counts


def _dt(day, rng, tz):
    return at(day, rng, tz)


def add_citizen(batch: Batch, number: int, citizen: Citizen, centre: CentrePlan, story: CitizenStory, rng, tz):
    batch.add(citizen)
    rows = CitizenRows(number, citizen, centre, story)
    batch.citizens.append(rows)
    previous = None
    for ordinal, c in enumerate(story.courses):
        visitator = rng.choice(centre.staff[Role.VISITATOR])
        authority = rng.choice(centre.staff[Role.AUTHORITY])
        therapist = rng.choice(centre.staff[Role.THERAPIST]) if c.started_on else None
        responsible = therapist or visitator
        handed_to = None
        if c.reassigned_on and therapist:  # handed over to the next therapist of the centre
            therapists = centre.staff[Role.THERAPIST]
            handed_to = therapists[(therapists.index(therapist) + 1) % len(therapists)]
            responsible = handed_to if handed_to != therapist else therapist
        closed_reason = ""
        if c.discharge:
            closed_reason = str(DischargeReason(c.discharge["reason"]).label)[:200]
        course = Course(
            citizen=citizen,
            centre_id=centre.id,
            kind=c.kind,
            state=c.state,
            opened_on=c.opened_on,
            first_contact_on=c.opened_on,
            responsible_id=responsible.id,
            team_id=centre.team_of.get(responsible.id),
            treatment_started_on=c.started_on,
            closed_on=c.closed_on,
            closed_kind=c.closed_kind,
            closed_reason=closed_reason,
            previous_course=previous if previous is not None and previous.kind == c.kind else None,
        )
        batch.courses[min(ordinal, 2)].append(course)
        previous = course
        cr = CourseRows(course, c, visitator, authority, therapist)
        rows.courses.append(cr)
        _course_rows(batch, cr, centre, rng, tz)
        if handed_to is not None and handed_to != therapist:
            batch.add(
                CourseAssignment(
                    course=course,
                    kind="reassigned",
                    responsible_id=handed_to.id,
                    team_id=centre.team_of.get(handed_to.id),
                    previous_responsible_id=therapist.id,
                    assigned_at=datetime.combine(c.reassigned_on, time(10), tzinfo=tz),
                    assigned_by_id=therapist.id,
                    reason="Overdraget i forbindelse med fordeling af sager (syntetiske data).",
                )
            )


def _course_rows(batch: Batch, cr: CourseRows, centre: CentrePlan, rng, tz) -> None:
    c, course, v, a, t = cr.story, cr.course, cr.visitator, cr.authority, cr.therapist
    for n, held in enumerate(c.advice_talks):
        last = n == len(c.advice_talks) - 1
        outcome = c.closed_kind if (last and c.closed_kind in ("no_action", "referral")) else "continue"
        if last and c.expressed_on:
            outcome = "request"
        batch.add(
            AdviceTalk(
                course=course,
                held_on=held,
                summary=TEXT,
                other_help_needed=False,
                other_help_assessment=TEXT,
                outcome=outcome,
                recorded_by_id=v.id,
            )
        )
    if c.expressed_on:
        cr.request = batch.add(
            TreatmentRequest(
                course=course,
                expressed_on=c.expressed_on,
                channel=c.channel,
                expressed_by="Borgeren",
                attended_in_person_on=c.attended_in_person_on,
                standard_id=centre.standard.pk,
                recorded_by_id=v.id,
            )
        )
    if c.waiver:
        batch.add(GuaranteeWaiver(course=course, reason=c.waiver[0], waived_on=c.waiver[1], recorded_by_id=v.id))
    if c.assessment_started_on:
        cr.assessment = batch.add(
            Assessment(
                course=course,
                started_on=c.assessment_started_on,
                completed_on=c.assessment_completed_on,
                drug_use=TEXT,
                social_conditions=TEXT,
                health=TEXT,
                work_education=TEXT,
                other_matters=TEXT,
                other_help_needed=TEXT,
                instrument="EUROPASI",
                told_how_it_works=True,
                feedback_given_on=c.assessment_completed_on,
                children_at_home_asked=True,
                children_at_home_count=1 if c.child_concern else 0,
                child_concern=c.child_concern,
                child_concern_details=TEXT if c.child_concern else "",
                pregnancy="none",
                opioid_use=c.opioid_use,
                recorded_by_id=v.id,
            )
        )
    if c.physician:
        informed, response, held = c.physician
        batch.add(
            PhysicianConsultation(
                course=course, informed_on=informed, response=response, held_on=held, recorded_by_id=v.id
            )
        )
    for created, sent in c.notifications:
        cr.notifications.append(
            batch.add(
                Task(
                    course=course,
                    kind="child_notification",
                    created_on=created,
                    done_on=sent,
                    recipient="Familieafdelingen" if sent else "",
                    reason=TEXT,
                    source=CHILD_NOTIFICATION_SOURCE,
                    done_by_id=v.id if sent else None,
                )
            )
        )
    if c.naloxone:
        created, done = c.naloxone
        batch.add(
            Task(
                course=course,
                kind="naloxone",
                created_on=created,
                done_on=done,
                source="G2.3.12",
                done_by_id=v.id if done else None,
            )
        )
    if c.decided_on:
        cr.decision = batch.add(
            Decision(
                course=course,
                outcome=c.outcome,
                form=c.form,
                decided_on=c.decided_on,
                decided_by_id=a.id,
                offer_kind="" if c.outcome == "refusal" else c.offer_kind,
                provider_id=None if c.outcome == "refusal" else centre.id,
                reasons=TEXT,
                legal_basis="Serviceloven § 101",
                considerations=TEXT,
                key_facts=TEXT,
                implementation="" if c.outcome == "refusal" else TEXT,
                purpose="" if c.outcome == "refusal" else TEXT,
                other_help=TEXT if c.outcome == "refusal" else "",
                not_dual_diagnosis=c.outcome == "refusal",
                refused_outside_law=False,
                letter_dated_on=c.decided_on if c.form == "written" else None,
                letter_channel="digital_post" if c.form == "written" else "",
                written_reasons_requested_on=c.written_reasons[0] if c.written_reasons else None,
                written_reasons_sent_on=c.written_reasons[1] if c.written_reasons else None,
            )
        )
    if c.complaint:
        received, reassessed, outcome = c.complaint
        cr.complaint = batch.add(
            Complaint(
                decision=cr.decision,
                received_on=received,
                decision_received_on=c.decided_on,
                form="written",
                summary=TEXT,
                recorded_by_id=a.id,
                reassessed_on=reassessed,
                reassessment_outcome=outcome if reassessed else "",
                reassessment_note=TEXT if reassessed else "",
                forwarded_on=reassessed,
            )
        )
    for version in c.plans:
        plan = batch.add(
            PlanVersion(
                course=course,
                number=version.number,
                kind="initial" if version.number == 1 else "review",
                made_on=version.made_on,
                period_ends_on=version.period_ends_on,
                made_by_id=t.id,
                problems_resources_needs=TEXT,
                citizen_wishes=TEXT,
                substance_goal=rng.choice(("stop", "reduce", "stabilise")),
                content=TEXT,
                offer_kind=c.offer_kind,
                expected_duration_months=rng.choice((3, 6, 9, 12)),
                follow_up_after_discharge=TEXT,
                changes_summary="" if version.number == 1 else TEXT,
            )
        )
        cr.plans.append(plan)
        for order in (1, 2):
            batch.add(
                PlanGoal(
                    version=plan,
                    order=order,
                    description=TEXT,
                    measure=TEXT,
                    target_on=version.made_on + timedelta(days=90),
                    actions=TEXT,
                    attainment="" if version.number == 1 else rng.choice(("achieved", "partly", "not_achieved")),
                )
            )
    for appt in c.appointments:
        task = None
        if appt.attendance == "no_show":
            task = batch.add(
                Task(
                    course=course,
                    kind="outreach",
                    created_on=appt.starts_at.date(),
                    done_on=appt.outreach_done_on,
                    source="G3.10.3",
                    done_by_id=t.id if appt.outreach_done_on else None,
                )
            )
        past = appt.attendance != "planned"
        cr.appointments.append(
            batch.add(
                Appointment(
                    course=course,
                    kind=appt.kind,
                    starts_at=appt.starts_at,
                    duration_minutes=60,
                    worker_id=t.id,
                    place="Samtalerum 2",
                    attendance=appt.attendance,
                    recorded_by_id=t.id if past else None,
                    recorded_at=appt.starts_at + timedelta(hours=2) if past else None,
                    outreach_task=task,
                    booked_by_id=t.id,
                )
            )
        )
    if c.discharge:
        d = c.discharge
        cr.discharge = batch.add(
            Discharge(
                course=course,
                provider_id=centre.id,
                background=TEXT,
                goal_attainment=TEXT,
                plan_forward=TEXT,
                made_with_citizen=d["reason"] not in ("no_show", "died"),
                not_with_citizen_why=TEXT if d["reason"] in ("no_show", "died") else "",
                recorded_by_id=t.id,
                **d,
            )
        )
        for months, held, reached in c.follow_ups:
            cr.follow_ups.append(
                batch.add(
                    FollowUp(
                        course=course,
                        months=months,
                        held_on=held,
                        reached=reached,
                        how="phone",
                        attempts="" if reached else TEXT,
                        status=rng.choice(("keeps_goal", "relapsed", "other")) if reached else "",
                        goal_holds=(rng.random() < 0.7) if reached else None,
                        recorded_by_id=t.id,
                    )
                )
            )
    batch.add(
        CourseAssignment(
            course=course,
            kind="opened",
            responsible_id=v.id,
            team_id=centre.teams[TEAMS[0]],
            assigned_at=_dt(c.opened_on, rng, tz),
            assigned_by_id=v.id,
        )
    )
    if c.started_on:
        batch.add(
            CourseAssignment(
                course=course,
                kind="treatment_start",
                responsible_id=t.id,
                team_id=centre.team_of.get(t.id),
                previous_responsible_id=v.id,
                assigned_at=_dt(c.started_on, rng, tz),
                assigned_by_id=v.id,
            )
        )
    for day, kind in c.notes:
        written = datetime.combine(day, time(16, 30), tzinfo=tz)
        author = t if (t and c.started_on and day >= c.started_on) else v
        note = batch.add(
            JournalNote(
                citizen=course.citizen,
                course=course,
                event_on=day,
                kind=kind,
                author_id=author.id,
                written_at=written,
            )
        )
        cr.notes.append(note)
        batch.add(
            JournalNoteVersion(
                note=note, number=1, text=rng.choice(NOTE_TEXTS), written_by_id=author.id, written_at=written
            )
        )


def insert(batch: Batch) -> None:
    """Insert the chunk's rows, table by table (courses by their place in the history first)."""
    bulk.insert(Citizen, batch.rows[Citizen])
    for courses in batch.courses:
        bulk.insert(Course, courses)
    for model in ORDER[1:]:
        bulk.insert(model, batch.rows[model])


CLOSE_KINDS = set(CloseReason.values)
