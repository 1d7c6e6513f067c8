"""Workflow steps during treatment. Each checks its preconditions, changes state in one transaction,
writes the audit trail (field names, dates and ids only: never free text about the citizen) and
recomputes the course's deadlines."""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from deadlines.services import recompute_course_deadlines
from organisations.models import Centre

from . import rules
from .models import GiftCard, Lapse, ProviderStatus, RelapsePreventionPlan, ResidentialStay, StatusMeeting


def _audit(by, action, obj, course: Course, changes: dict | None = None) -> None:
    audit_record(
        actor=by, action=action, obj=obj, citizen_id=course.citizen_id, centre_id=course.centre_id, changes=changes
    )


def _lock(course: Course) -> None:
    """Lock the course row until the transaction ends, and take its state as it is now."""
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


def _not_in_future(errors: dict, name: str, day: date) -> None:
    if day > timezone.localdate():
        errors[name] = _("The date cannot be in the future.")


def _day(value: date | None) -> str | None:
    return str(value) if value else None


def _in_treatment(course: Course, message: str) -> None:
    if course.state != CourseState.IN_TREATMENT:
        raise ValidationError(message)


def _granted(course: Course) -> bool:
    try:
        return course.decision.outcome != "refusal"
    except ObjectDoesNotExist:
        return False


# --- gift cards --------------------------------------------------------------------------


@transaction.atomic
def gift_card_issue(*, course: Course, by, issued_on: date, amount: int, kind: str, reason: str) -> GiftCard:
    """Record a gift card given to the citizen (SEL §101(9–11); G3.10.1): on a course granted
    treatment or in treatment (``rules.gift_card_allowed``), dated the day it was given."""
    _lock(course)
    if not rules.gift_card_allowed(course_state=course.state, granted=_granted(course)):
        raise ValidationError(
            _(
                "Gift cards are given with an offer of treatment and during treatment: "
                "the course must be granted or in treatment."
            )
        )
    errors: dict[str, str] = {}
    amount_error = rules.gift_card_amount_error(amount)
    if amount_error == "not_positive":
        errors["amount"] = _("The amount must be a whole number of kroner above zero.")
    elif amount_error == "too_large":
        errors["amount"] = _("The amount can be at most %(max)s kroner.") % {"max": rules.GIFT_CARD_MAX_KRONER}
    if issued_on < course.opened_on:
        errors["issued_on"] = _("The gift card cannot be given before the course began.")
    else:
        _not_in_future(errors, "issued_on", issued_on)
    if not reason.strip():
        errors["reason"] = _("Give the reason, e.g. attendance.")
    if errors:
        raise ValidationError(errors)
    card = GiftCard.objects.create(
        course=course,
        centre_id=course.centre_id,
        issued_on=issued_on,
        amount=amount,
        kind=kind,
        reason=reason.strip(),
        issued_by=by,
    )
    _audit(by, AuditEvent.Action.CREATE, card, course, {"issued_on": str(issued_on), "amount": amount, "kind": kind})
    recompute_course_deadlines(course)
    return card


# --- lapses and the relapse-prevention plan ----------------------------------------------


@transaction.atomic
def lapse_record(
    *,
    course: Course,
    by,
    occurred_on: date,
    kind: str,
    substances: str,
    account: str,
    offer_change: str,
    helped: str = "",
    triggers: str = "",
    offer_change_note: str = "",
) -> Lapse:
    """Record a lapse or a relapse without judgement (G3.10, G3.10.5) and whether the offer is to be
    kept, changed or decided later (G3.10.7). Changing the offer needs a new decision (G3.6)."""
    _lock(course)
    _in_treatment(course, _("Lapses and relapses are recorded during treatment."))
    errors: dict[str, str] = {}
    if course.treatment_started_on and occurred_on < course.treatment_started_on:
        errors["occurred_on"] = _("Record only what happened after treatment started.")
    else:
        _not_in_future(errors, "occurred_on", occurred_on)
    if offer_change == Lapse.OfferChange.CHANGE and not offer_change_note.strip():
        errors["offer_change_note"] = _("Say how the offer should change; the authority then makes a new decision.")
    if errors:
        raise ValidationError(errors)
    lapse = Lapse.objects.create(
        course=course,
        occurred_on=occurred_on,
        kind=kind,
        substances=substances,
        account=account,
        helped=helped,
        triggers=triggers,
        offer_change=offer_change,
        offer_change_note=offer_change_note,
        recorded_by=by,
    )
    _audit(
        by,
        AuditEvent.Action.CREATE,
        lapse,
        course,
        {"occurred_on": str(occurred_on), "kind": kind, "offer_change": offer_change},
    )
    recompute_course_deadlines(course)
    return lapse


@transaction.atomic
def relapse_plan_save(
    *,
    course: Course,
    by,
    made_on: date,
    warning_signs: str,
    high_risk_situations: str,
    strategies: str,
    contacts: str,
) -> RelapsePreventionPlan:
    """Add a version of the relapse-prevention plan (G3.10.2); earlier versions stay readable.
    The audit names the fields that changed, never their text."""
    _lock(course)
    _in_treatment(course, _("The relapse-prevention plan is made during treatment."))
    texts = {
        "warning_signs": warning_signs,
        "high_risk_situations": high_risk_situations,
        "strategies": strategies,
        "contacts": contacts,
    }
    errors: dict[str, str] = {}
    if course.treatment_started_on and made_on < course.treatment_started_on:
        errors["made_on"] = _("The plan cannot be made before treatment started.")
    else:
        _not_in_future(errors, "made_on", made_on)
    if errors:
        raise ValidationError(errors)
    latest = course.relapse_plans.order_by("-number").first()
    if latest is not None:
        if made_on < latest.made_on:
            raise ValidationError({"made_on": _("The date cannot be before the plan's previous version.")})
        changed = [name for name, text in texts.items() if getattr(latest, name) != text]
        if not changed:
            raise ValidationError(_("Nothing was changed in the plan."))
    else:
        changed = list(texts)
    number = latest.number + 1 if latest else 1
    try:
        with transaction.atomic():
            plan = RelapsePreventionPlan.objects.create(
                course=course, number=number, made_on=made_on, made_by=by, **texts
            )
    except IntegrityError:  # a version saved at the same moment by someone else
        raise ValidationError(_("Someone else saved the plan at the same time. Reload it and try again.")) from None
    _audit(
        by,
        AuditEvent.Action.CREATE if number == 1 else AuditEvent.Action.UPDATE,
        plan,
        course,
        {"number": number, "made_on": str(made_on), "changed": changed},
    )
    return plan


# --- residential stays --------------------------------------------------------------------


@transaction.atomic
def stay_start(*, course: Course, by, provider: Centre, starts_on: date, planned_end_on: date) -> ResidentialStay:
    """Record a residential stay (SEL §107 with §101; G2.3.8) and propose its status meetings:
    the pre-talk at the start, the mid-way meeting at the midpoint and the final meeting at the
    planned end (``rules.planned_meetings``). One stay at a time on a course."""
    _lock(course)
    _in_treatment(course, _("A residential stay is recorded on a course in treatment."))
    errors: dict[str, str] = {}
    if course.treatment_started_on and starts_on < course.treatment_started_on:
        errors["starts_on"] = _("The stay cannot start before treatment started.")
    if planned_end_on <= starts_on:
        errors["planned_end_on"] = _("The planned end must be after the start.")
    if errors:
        raise ValidationError(errors)
    if course.residential_stays.filter(ended_on__isnull=True).exists():
        raise ValidationError(_("The course already has a residential stay that has not ended. End it first."))
    try:
        with transaction.atomic():
            stay = ResidentialStay.objects.create(
                course=course, provider=provider, starts_on=starts_on, planned_end_on=planned_end_on, created_by=by
            )
    except IntegrityError:
        raise ValidationError(
            _("The course already has a residential stay that has not ended. End it first.")
        ) from None
    StatusMeeting.objects.bulk_create(
        StatusMeeting(stay=stay, kind=kind, planned_on=day)
        for kind, day in rules.planned_meetings(starts_on, planned_end_on).items()
    )
    _audit(
        by,
        AuditEvent.Action.CREATE,
        stay,
        course,
        {"provider": provider.pk, "starts_on": str(starts_on), "planned_end_on": str(planned_end_on)},
    )
    recompute_course_deadlines(course)
    return stay


def _lock_stay(stay: ResidentialStay) -> ResidentialStay:
    return ResidentialStay.objects.select_for_update(of=("self",)).select_related("course").get(pk=stay.pk)


@transaction.atomic
def stay_meeting_record(
    *, stay: ResidentialStay, by, kind: str, planned_on: date, held_on: date | None = None, note: str = ""
) -> StatusMeeting:
    """Move a status meeting, or record it held (supervision of the stay; Odsherred, Mariagerfjord
    "fører tilsyn og journalnotater")."""
    stay = _lock_stay(stay)
    meeting = stay.meetings.get(kind=kind)
    errors: dict[str, str] = {}
    if meeting.held_on is not None:
        errors["kind"] = _("This meeting is already recorded as held.")
    if held_on is not None:
        _not_in_future(errors, "held_on", held_on)
    if errors:
        raise ValidationError(errors)
    before = {"planned_on": meeting.planned_on, "held_on": meeting.held_on}
    meeting.planned_on, meeting.held_on, meeting.note = planned_on, held_on, note
    meeting.save(update_fields=["planned_on", "held_on", "note"])
    changes = {
        name: [_day(old), _day(getattr(meeting, name))] for name, old in before.items() if old != getattr(meeting, name)
    }
    _audit(by, AuditEvent.Action.UPDATE, meeting, stay.course, {"kind": kind, **changes})
    return meeting


@transaction.atomic
def provider_status_record(*, stay: ResidentialStay, by, kind: str, received_on: date, summary: str) -> ProviderStatus:
    """Record the provider's written mid-way or final status of the stay (Odsherred requires both)."""
    stay = _lock_stay(stay)
    errors: dict[str, str] = {}
    if stay.statuses.filter(kind=kind).exists():
        errors["kind"] = _("This written status is already recorded.")
    if received_on < stay.starts_on:
        errors["received_on"] = _("A status cannot be received before the stay started.")
    else:
        _not_in_future(errors, "received_on", received_on)
    if errors:
        raise ValidationError(errors)
    status = ProviderStatus.objects.create(
        stay=stay, kind=kind, received_on=received_on, summary=summary, recorded_by=by
    )
    _audit(by, AuditEvent.Action.CREATE, status, stay.course, {"kind": kind, "received_on": str(received_on)})
    return status


@transaction.atomic
def stay_end(*, stay: ResidentialStay, by, ended_on: date, note: str = "") -> Task | None:
    """End the stay and add the task to offer intensive outpatient or day treatment afterwards
    (G2.3.8): it stays on the course page and the worklist until it is done (not on a course
    already closed: there is no treatment left to offer on it). A final meeting planned after an
    early end moves to the last day (``rules.end_meeting_due``)."""
    stay = _lock_stay(stay)
    if stay.ended_on is not None:
        raise ValidationError(_("The stay has already ended."))
    errors: dict[str, str] = {}
    if ended_on < stay.starts_on:
        errors["ended_on"] = _("The stay cannot end before it started.")
    else:
        _not_in_future(errors, "ended_on", ended_on)
    if errors:
        raise ValidationError(errors)
    stay.ended_on, stay.end_note = ended_on, note
    stay.save(update_fields=["ended_on", "end_note"])
    final = stay.meetings.filter(kind=rules.END, held_on__isnull=True).first()
    if final is not None:
        due = rules.end_meeting_due(final.planned_on, ended_on)
        if due != final.planned_on:
            final.planned_on = due
            final.save(update_fields=["planned_on"])
    course = stay.course
    _audit(by, AuditEvent.Action.UPDATE, stay, course, {"ended_on": [None, str(ended_on)]})
    if course.state == CourseState.CLOSED:
        return None
    task = Task.objects.create(
        course=course,
        kind=TaskKind.AFTERCARE,
        created_on=ended_on,
        reason=_("The residential stay ended on %(date)s.") % {"date": ended_on.strftime("%d.%m.%Y")},
    )
    _audit(by, AuditEvent.Action.CREATE, task, course, {"kind": TaskKind.AFTERCARE, "created_on": str(ended_on)})
    recompute_course_deadlines(course)
    return task
