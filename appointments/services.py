"""Workflow steps of appointments: book, record attendance (a no-show creates an outreach task),
consent to reminders, and send reminders.

Each step checks its preconditions, changes state in one transaction and writes the audit trail
(field names, dates and ids; never a note, a message text, a phone number or an e-mail address).
Appointments are not facts of the deadline engine, so no deadline is recomputed here, except where
a task is created (the engine may show tasks).
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from forlob.citations import danish_citation
from organisations.access import has_role
from organisations.models import CASEWORK_ROLES

from . import rules
from .models import Appointment, Attendance, ReminderConsent, ReminderSent
from .reminders import ReminderFailed, get_backend

SYSTEM_ACTOR = "system:send_reminders"
OUTREACH_SOURCE = "G3.10.3"


def _audit(by, action: str, obj, course: Course, changes: dict | None = None, username: str = "") -> None:
    audit_record(
        actor=by,
        action=action,
        obj=obj,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes=changes,
        username=username,
    )


def _lock(course: Course) -> None:
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


def _decision(course: Course):
    try:
        return course.decision
    except ObjectDoesNotExist:
        return None


def _local(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"


@transaction.atomic
def appointment_book(
    *,
    course: Course,
    by,
    kind: str,
    starts_at: datetime,
    worker,
    duration_minutes: int = 60,
    place: str = "",
    note: str = "",
) -> Appointment:
    """Book an appointment: from the grant on (so the start can be booked within the guarantee,
    SEL §101(4)) and during treatment (G3.9); never before a grant, never on a closed course."""
    _lock(course)
    decision = _decision(course)
    if not rules.booking_allowed(course.state, decision.outcome if decision else None):
        if course.state == CourseState.CLOSED:
            raise ValidationError(_("The course is closed: no appointments can be booked."))
        raise ValidationError(_("An appointment can be booked only once treatment is granted."))
    errors: dict[str, str] = {}
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if decision is not None and timezone.localtime(starts_at).date() < decision.decided_on:
        errors["starts_at"] = _("The appointment cannot be before the decision.")
    if worker is None or not has_role(worker, CASEWORK_ROLES, centre_id=course.centre_id):
        errors["worker"] = _("Choose a worker at the citizen's centre.")
    elif clash := _clash(worker, starts_at, duration_minutes, kind):
        errors["starts_at"] = _("%(worker)s already has an appointment from %(start)s to %(end)s.") % {
            "worker": worker.get_full_name() or worker.get_username(),
            "start": timezone.localtime(clash.starts_at).strftime("%H:%M"),
            "end": timezone.localtime(clash.starts_at + timedelta(minutes=clash.duration_minutes)).strftime("%H:%M"),
        }
    if errors:
        raise ValidationError(errors)
    appointment = Appointment.objects.create(
        course=course,
        kind=kind,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        worker=worker,
        place=place.strip(),
        note=note,
        booked_by=by,
    )
    changes = {
        "kind": kind,
        "starts_at": timezone.localtime(starts_at).isoformat(),
        "duration_minutes": duration_minutes,
        "worker": worker.pk,
    }
    if note:
        changes["note"] = "(text)"
    _audit(by, AuditEvent.Action.CREATE, appointment, course, changes)
    return appointment


def _clash(worker, starts_at: datetime, minutes: int, kind: str) -> Appointment | None:
    """The worker's first appointment, not cancelled, that the new one would collide with
    (``rules.clashes``); one indexed range query on (worker, starts_at)."""
    nearby = Appointment.objects.filter(
        worker=worker,
        starts_at__lt=starts_at + timedelta(minutes=minutes),
        starts_at__gt=starts_at - timedelta(minutes=rules.LONGEST_APPOINTMENT_MINUTES),
    ).exclude(attendance__in=rules.CANCELLED)
    for other in nearby.order_by("starts_at"):
        if rules.clashes(
            starts_at=starts_at,
            minutes=minutes,
            kind=kind,
            other_starts_at=other.starts_at,
            other_minutes=other.duration_minutes,
            other_kind=other.kind,
        ):
            return other
    return None


@transaction.atomic
def attendance_record(*, appointment: Appointment, by, attendance: str, now: datetime | None = None) -> Appointment:
    """Record attendance after the fact (G3.9). A no-show creates an outreach task for the course's
    responsible worker, once per no-show (G3.10.3: reach out actively, e.g. a text message, a home
    visit or a pick-up); the task stays open until it is marked done on the course's task page."""
    appointment = Appointment.objects.select_for_update(of=("self",)).select_related("course").get(pk=appointment.pk)
    course = appointment.course
    _lock(course)
    now = now or timezone.now()
    if course.state == CourseState.CLOSED:
        raise ValidationError(_("The course is closed."))
    if attendance not in rules.RECORDED:
        raise ValidationError({"attendance": _("Choose what happened.")})
    if not rules.attendance_recordable(attendance, appointment.starts_at, now):
        raise ValidationError(
            {"attendance": _("Attended or no-show can be recorded only once the appointment has begun.")}
        )
    before = appointment.attendance
    appointment.attendance = attendance
    appointment.recorded_by = by
    appointment.recorded_at = now
    task = None
    if attendance == Attendance.NO_SHOW and appointment.outreach_task_id is None:
        starts = timezone.localtime(appointment.starts_at)
        task = Task.objects.create(
            course=course,
            kind=TaskKind.OUTREACH,
            created_on=starts.date(),
            reason=_(
                "No-show at the appointment on %(when)s: reach out actively, e.g. by a text message, "
                "a home visit or a pick-up (%(source)s)."
            )
            % {"when": _local(appointment.starts_at), "source": danish_citation(OUTREACH_SOURCE)},
        )
        appointment.outreach_task = task
    appointment.save(update_fields=["attendance", "recorded_by", "recorded_at", "outreach_task"])
    _audit(by, AuditEvent.Action.UPDATE, appointment, course, {"attendance": [before, attendance]})
    if task is not None:
        _audit(by, AuditEvent.Action.CREATE, task, course, {"kind": TaskKind.OUTREACH, "appointment": appointment.pk})
    return appointment


def active_consent(course: Course) -> ReminderConsent | None:
    return course.reminder_consents.filter(withdrawn_on__isnull=True).first()


@transaction.atomic
def consent_give(*, course: Course, by, channel: str, given_on: date) -> ReminderConsent:
    """Record the citizen's consent to reminders on a channel (G3.10.1). One consent in force at a
    time: to change the channel, withdraw the consent and record a new one."""
    _lock(course)
    if course.state == CourseState.CLOSED:
        raise ValidationError(_("The course is closed."))
    errors: dict[str, str] = {}
    if given_on > timezone.localdate():
        errors["given_on"] = _("The date cannot be in the future.")
    elif given_on < course.first_contact_on:
        errors["given_on"] = _("The consent cannot be given before the first contact.")
    if channel not in rules.ELECTRONIC_CHANNELS:
        errors["channel"] = _("Choose text message or e-mail.")
    if errors:
        raise ValidationError(errors)
    if active_consent(course) is not None:
        raise ValidationError(_("The course already has a consent to reminders. Withdraw it first."))
    try:
        with transaction.atomic():
            consent = ReminderConsent.objects.create(course=course, channel=channel, given_on=given_on, recorded_by=by)
    except IntegrityError:
        raise ValidationError(_("The course already has a consent to reminders. Withdraw it first.")) from None
    _audit(by, AuditEvent.Action.CREATE, consent, course, {"channel": channel, "given_on": str(given_on)})
    return consent


@transaction.atomic
def consent_withdraw(*, course: Course, by, withdrawn_on: date) -> ReminderConsent:
    """The citizen withdraws the consent: no reminder goes from that day on."""
    _lock(course)
    consent = active_consent(course)
    if consent is None:
        raise ValidationError(_("There is no consent to reminders to withdraw."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date cannot be in the future.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("The consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    _audit(by, AuditEvent.Action.UPDATE, consent, course, {"withdrawn_on": [None, str(withdrawn_on)]})
    return consent


def reminder_verdict(appointment: Appointment, consent: ReminderConsent | None, now: datetime) -> rules.ReminderVerdict:
    course = appointment.course
    citizen = course.citizen
    return rules.reminder_allowed(
        contact_channel=citizen.contact_channel,
        consent_channel=consent.channel if consent else None,
        consent_given_on=consent.given_on if consent else None,
        consent_withdrawn_on=consent.withdrawn_on if consent else None,
        phone=citizen.phone,
        email=citizen.email,
        attendance=appointment.attendance,
        starts_at=appointment.starts_at,
        now=now,
        course_closed=course.state == CourseState.CLOSED,
    )


def _send(
    appointment: Appointment, consent, *, by, trigger: str, now: datetime, backend=None
) -> tuple[ReminderSent | None, rules.ReminderVerdict]:
    verdict = reminder_verdict(appointment, consent, timezone.localtime(now))
    if not verdict.allowed:
        return None, verdict
    citizen = appointment.course.citizen
    to = citizen.phone if verdict.channel == rules.SMS else citizen.email
    text = rules.reminder_text(
        starts_at=timezone.localtime(appointment.starts_at),
        place=appointment.place,
        sender=getattr(settings, "FORLOB_REMINDER_SENDER", ""),
    )
    try:
        (backend or get_backend()).send(to, verdict.channel, text)
        outcome = ReminderSent.Outcome.SENT
    except ReminderFailed:
        outcome = ReminderSent.Outcome.FAILED
    sent = ReminderSent.objects.create(
        appointment=appointment, channel=verdict.channel, sent_at=now, outcome=outcome, trigger=trigger, sent_by=by
    )
    _audit(
        by,
        AuditEvent.Action.CREATE,
        sent,
        appointment.course,
        {"appointment": appointment.pk, "channel": verdict.channel, "outcome": outcome, "trigger": trigger},
        username="" if by else SYSTEM_ACTOR,
    )
    return sent, verdict


@transaction.atomic
def reminder_send(*, appointment: Appointment, by, now: datetime | None = None, backend=None) -> ReminderSent:
    """A worker sends a reminder of one appointment (G3.10.1), only with consent on the agreed
    channel (``rules.reminder_allowed``). The log keeps the channel and outcome, never the text."""
    appointment = Appointment.objects.select_related("course__citizen").get(pk=appointment.pk)
    consent = active_consent(appointment.course)
    sent, verdict = _send(
        appointment, consent, by=by, trigger=ReminderSent.Trigger.MANUAL, now=now or timezone.now(), backend=backend
    )
    if sent is None:
        raise ValidationError(verdict.message)
    if sent.outcome == ReminderSent.Outcome.FAILED:
        raise ValidationError(_("The reminder could not be sent. Try again later or remind the citizen another way."))
    return sent


def send_due_reminders(*, day: date, now: datetime | None = None, backend=None) -> dict[str, int]:
    """Send a reminder for each planned appointment on ``day`` that has none yet (idempotent: an
    appointment with a reminder sent is skipped, so running it twice sends nothing twice). Returns
    counts by outcome: ``sent``, ``failed``, ``already`` and one per refusal code."""
    now = now or timezone.now()
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))
    appointments = list(
        Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end, attendance=Attendance.PLANNED)
        .exclude(course__state=CourseState.CLOSED)
        .select_related("course__citizen")
        .order_by("starts_at", "pk")
    )
    already = set(
        ReminderSent.objects.filter(appointment__in=appointments, outcome=ReminderSent.Outcome.SENT).values_list(
            "appointment_id", flat=True
        )
    )
    consents = {
        consent.course_id: consent
        for consent in ReminderConsent.objects.filter(
            course_id__in={a.course_id for a in appointments}, withdrawn_on__isnull=True
        )
    }
    counts: dict[str, int] = {}
    for appointment in appointments:
        if appointment.pk in already:
            key = "already"
        else:
            with transaction.atomic():
                sent, verdict = _send(
                    appointment,
                    consents.get(appointment.course_id),
                    by=None,
                    trigger=ReminderSent.Trigger.SCHEDULED,
                    now=now,
                    backend=backend,
                )
            key = sent.outcome if sent else verdict.code
        counts[key] = counts.get(key, 0) + 1
    return counts
