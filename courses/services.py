"""Workflow steps of a course. Each checks its preconditions, changes state in one transaction,
recomputes the course's deadlines and writes the audit trail. A broken precondition raises
Django's ValidationError with a Danish message for the form."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from caseloads import services as caseload_services
from caseloads.models import AssignmentKind
from citizens.models import Citizen
from citizens.rules import age_on
from deadlines.services import recompute_course_deadlines
from organisations.access import has_role
from organisations.models import Role
from standards.selectors import standard_in_force

from . import rules
from .models import (
    KIND_LAW,
    AdviceTalk,
    CloseReason,
    Course,
    CourseState,
    GuaranteeWaiver,
    TreatmentRequest,
    WaiverReason,
)


def _audit(by, action, obj, course: Course, changes: dict | None = None) -> None:
    audit_record(
        actor=by, action=action, obj=obj, citizen_id=course.citizen_id, centre_id=course.centre_id, changes=changes
    )


def course_move(course: Course, to_state: str) -> None:
    """Change state along an allowed transition only (``rules.ALLOWED_TRANSITIONS``)."""
    if not rules.can_move(course.state, to_state):
        raise ValidationError(
            _("The course cannot go from “%(from)s” to “%(to)s”.")
            % {"from": course.get_state_display(), "to": CourseState(to_state).label}
        )
    course.state = to_state
    course.save(update_fields=["state"])


@transaction.atomic
def course_open(*, citizen: Citizen, by, kind: str, first_contact_on: date) -> Course:
    """Open a course at the first contact (advice, or straight to a request).

    A new course after an earlier one of the same kind is linked to it (``previous_course``): a new
    request starts a new guarantee (G3.12.6), and re-admission within 12 months of completed
    treatment can be counted (G2.7).

    One open course per citizen and kind (each kind has its own guarantee; SEL §101(4), SUL
    §141(2), §142(6)): the database holds it too (``course_one_open_per_citizen_and_kind``), so a
    concurrent second opening is refused with the same message.

    The opener becomes the responsible worker, and the course gets the opener's first team at the
    citizen's centre (``caseloads.rules.first_team``), or none when the opener is in no team there
    (the course page then asks for one). The assignment starts the course's hand-over history.
    """
    already_open = {
        "kind": _("The citizen already has an open course of this kind. Close it before opening a new one.")
    }
    if citizen.courses.filter(kind=kind).exclude(state=CourseState.CLOSED).exists():
        raise ValidationError(already_open)
    previous = citizen.courses.filter(kind=kind, state=CourseState.CLOSED).order_by("-closed_on", "-id").first()
    try:
        with transaction.atomic():
            course = Course.objects.create(
                citizen=citizen,
                centre=citizen.centre,
                kind=kind,
                opened_on=first_contact_on,
                first_contact_on=first_contact_on,
                responsible=by,
                team=caseload_services.opener_team(by, citizen.centre_id),
                previous_course=previous,
            )
    except IntegrityError:  # the only constraint a new course can break
        raise ValidationError(already_open) from None
    caseload_services.assignment_note(course=course, by=by, kind=AssignmentKind.OPENED)
    _audit(by, AuditEvent.Action.CREATE, course, course)
    return course


def _lock(course: Course) -> None:
    """Lock the course row until the transaction ends, and take its state as it is now."""
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


@transaction.atomic
def advice_talk_record(
    *,
    course: Course,
    by,
    held_on: date,
    summary: str,
    other_help_needed: bool,
    other_help_assessment: str,
    outcome: str,
    **request_fields,
) -> AdviceTalk:
    """Record an advice talk with the assessment of other help needed (G3.3.3–3.3.4).

    A talk where the citizen asks for treatment registers the request in the same step, dated the
    day of the talk: the wish starts the clock (G3.4 "værd at vide"). ``request_fields`` are the
    other arguments of ``treatment_request_register`` (how and by whom are then required); for
    any other outcome they are not used. Advice that ends with no further action or a referral
    closes the course (G3.3).
    """
    _lock(course)
    if course.state != CourseState.ADVICE:
        raise ValidationError(_("Advice talks are recorded before a treatment request."))
    if held_on < course.first_contact_on:
        raise ValidationError({"held_on": _("The talk cannot be before the first contact.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    asks_for_treatment = outcome == AdviceTalk.Outcome.REQUEST
    if asks_for_treatment:
        missing = [name for name in ("channel", "expressed_by") if not request_fields.get(name)]
        if missing:
            raise ValidationError({name: _("Required when the citizen asks for treatment.") for name in missing})
    talk = AdviceTalk.objects.create(
        course=course,
        held_on=held_on,
        summary=summary,
        other_help_needed=other_help_needed,
        other_help_assessment=other_help_assessment,
        outcome=outcome,
        recorded_by=by,
    )
    _audit(by, AuditEvent.Action.CREATE, talk, course)
    if asks_for_treatment:
        treatment_request_register(course=course, by=by, expressed_on=held_on, **request_fields)
    elif outcome in (AdviceTalk.Outcome.NO_ACTION, AdviceTalk.Outcome.REFERRAL):
        course_close(course=course, by=by, closed_on=held_on, kind=outcome)
    return talk


@transaction.atomic
def treatment_request_register(
    *,
    course: Course,
    by,
    expressed_on: date,
    channel: str,
    expressed_by: str,
    attended_in_person_on: date | None = None,
    under_18_special_case: bool = False,
    custody_holder_consents: bool = False,
    young_person_consents: bool = False,
) -> TreatmentRequest:
    """Register the wish for treatment; the guarantee runs from ``expressed_on`` (G3.4; SEL §101(4)).

    Every wish is registered, also one the standard in force does not cover (its kind, or the
    citizen's age): it is marked ``outside_standard`` and needs a decision
    (``rules.request_outside_standard``). An under-18 needs both consents where the standard asks
    for them (``rules.missing_under_18_consents``).
    """
    _lock(course)
    if course.state != CourseState.ADVICE:
        raise ValidationError(_("A treatment request can be registered only on a course at the advice stage."))
    if expressed_on < course.first_contact_on:
        raise ValidationError({"expressed_on": _("The wish cannot be expressed before the first contact.")})
    if expressed_on > timezone.localdate():
        raise ValidationError({"expressed_on": _("The date cannot be in the future.")})
    if attended_in_person_on and attended_in_person_on < expressed_on:
        raise ValidationError({"attended_in_person_on": _("Attendance cannot be before the wish was expressed.")})
    standard = standard_in_force(course.centre.municipality_id, expressed_on)
    if standard is None:
        raise ValidationError(_("No quality standard was in force on that date. An administrator must add one."))
    age = age_on(course.citizen.birth_date, expressed_on)
    outside = rules.request_outside_standard(
        kind_law=KIND_LAW[course.kind],
        laws_covered=standard.laws_covered,
        age_at_request=age,
        minimum_age=standard.minimum_age,
    )
    # The standard's consents govern its own assessment and treatment; a request outside it is
    # answered by a refusal, which no missing consent may hold up.
    missing = rules.missing_under_18_consents(
        age_at_request=age,
        consents_required=standard.under_18_consents_required and not outside,
        young_person=young_person_consents,
        custody_holder=custody_holder_consents,
    )
    if missing:
        message = _("The municipality's standard requires this consent for a young person under 18.")
        raise ValidationError({name: message for name in missing})
    request = TreatmentRequest.objects.create(
        course=course,
        expressed_on=expressed_on,
        channel=channel,
        expressed_by=expressed_by,
        attended_in_person_on=attended_in_person_on,
        standard=standard,
        under_18_special_case=under_18_special_case,
        custody_holder_consents=custody_holder_consents,
        young_person_consents=young_person_consents,
        outside_standard=outside,
        recorded_by=by,
    )
    course_move(course, CourseState.REQUESTED)
    _audit(by, AuditEvent.Action.CREATE, request, course, {"outside_standard": outside} if outside else None)
    recompute_course_deadlines(course)
    return request


def _waive(course: Course, by, reason: str, waived_on: date, note: str) -> GuaranteeWaiver:
    """Set the guarantee aside from ``waived_on`` on: on an open course with a request, not before
    the request and not in the future. A waiver after the due date does not undo the breach
    (``deadlines.rules.deadline_status``: overdue until waived)."""
    _lock(course)
    if course.state == CourseState.CLOSED:
        raise ValidationError(_("The course is closed: its guarantee can no longer be set aside."))
    request = getattr(course, "request", None)
    if request is None:
        raise ValidationError(_("There is no treatment request, so there is no guarantee to set aside."))
    if course.state == CourseState.IN_TREATMENT:
        raise ValidationError(_("Treatment has started, so the guarantee is met."))
    if GuaranteeWaiver.objects.filter(course=course).exists():
        raise ValidationError(_("The guarantee is already set aside."))
    if not rules.waiver_allowed(reason, request.standard.local_guarantee_waivers):
        raise ValidationError({"reason": _("Neither the law nor the municipality's standard allows this reason.")})
    if waived_on < request.expressed_on:
        raise ValidationError({"waived_on": _("The guarantee cannot be set aside before the treatment request.")})
    if waived_on > timezone.localdate():
        raise ValidationError({"waived_on": _("The date cannot be in the future.")})
    waiver = GuaranteeWaiver.objects.create(
        course=course, reason=reason, waived_on=waived_on, note=note, recorded_by=by
    )
    _audit(by, AuditEvent.Action.CREATE, waiver, course, {"reason": reason, "waived_on": str(waived_on)})
    recompute_course_deadlines(course)
    return waiver


@transaction.atomic
def guarantee_waive(*, course: Course, by, reason: str, waived_on: date, note: str = "") -> GuaranteeWaiver:
    """Set the guarantee aside for a reason the municipality's standard gives (Mariagerfjord: the
    citizen declines it, does not show up or does not help obtain information).

    Free choice (SEL §101(6)) is not a reason here: it sets the guarantee aside only when it is
    recorded after a decision (``decisions.services.free_choice_record``).
    """
    if reason == WaiverReason.FREE_CHOICE:
        message = _("Free choice sets the guarantee aside only when it is recorded after the decision (SEL §101(6)).")
        raise ValidationError({"reason": message})
    return _waive(course, by, reason, waived_on, note)


def guarantee_waive_for_free_choice(*, course: Course, by, waived_on: date, note: str = "") -> GuaranteeWaiver:
    """The citizen uses free choice of provider: this sets the guarantee aside (SEL §101(6); G3.6.4).
    Called only by ``decisions.services.free_choice_record``, inside its transaction."""
    return _waive(course, by, WaiverReason.FREE_CHOICE, waived_on, note)


@transaction.atomic
def treatment_start(*, course: Course, by, started_on: date, therapist=None) -> Course:
    """Treatment is initiated: this meets the guarantee (SEL §101(4)). The therapist who carries the
    treatment becomes the course's responsible worker (default: as before), so the plan, its
    reviews and the follow-ups reach their worklist."""
    _lock(course)
    decision = getattr(course, "decision", None)
    if course.state != CourseState.DECIDED or decision is None or decision.outcome not in ("grant", "partial"):
        raise ValidationError(_("Treatment can start only after a grant or a partial grant."))
    if started_on < decision.decided_on:
        raise ValidationError({"started_on": _("Treatment cannot start before the decision.")})
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("The date cannot be in the future.")})
    changes = {"treatment_started_on": [None, str(started_on)]}
    previous_responsible_id = course.responsible_id
    if therapist is not None and therapist.pk != course.responsible_id:
        if not has_role(therapist, (Role.THERAPIST,), centre_id=course.centre_id):
            raise ValidationError({"therapist": _("Choose a therapist at the citizen's centre.")})
        changes["responsible"] = [course.responsible_id, therapist.pk]
        course.responsible = therapist
        # The course follows its therapist into their team, when they have one at the centre.
        team = caseload_services.opener_team(therapist, course.centre_id)
        if team is not None and team.pk != course.team_id:
            changes["team"] = [course.team_id, team.pk]
            course.team = team
    course.treatment_started_on = started_on
    course.save(update_fields=["treatment_started_on", "responsible", "team"])
    course_move(course, CourseState.IN_TREATMENT)
    _audit(by, AuditEvent.Action.UPDATE, course, course, changes)
    if "responsible" in changes:
        caseload_services.assignment_note(
            course=course, by=by, kind=AssignmentKind.TREATMENT_START, previous_responsible_id=previous_responsible_id
        )
    recompute_course_deadlines(course)
    return course


@transaction.atomic
def course_close(*, course: Course, by, closed_on: date, kind: str = CloseReason.OTHER, reason: str = "") -> Course:
    """Close a course that ends without (more) treatment, with why (``CloseReason``) and, for
    "other", a text. Its pending deadlines close with it (``deadlines.rules.close_if_pending``):
    they leave the worklists and are never overdue again; what was overdue on ``closed_on``
    stays a breach.

    The advice step closes with "no_action" or "referral", a refusal with "refused".
    """
    _lock(course)
    if course.state == CourseState.CLOSED:
        raise ValidationError(_("The course is already closed."))
    if course.state == CourseState.IN_TREATMENT and kind != CloseReason.DISCHARGED:
        # The register needs the discharge's fields (G3.11.1): discharges.services.discharge_record.
        raise ValidationError(_("A course in treatment ends with a discharge, which records the register's fields."))
    reason = reason.strip()
    errors: dict[str, str] = {}
    if kind not in CloseReason.values:
        errors["kind"] = _("Choose why the course is closed.")
    elif kind == CloseReason.OTHER and not reason:
        errors["reason"] = _("Write why the course is closed.")
    request = getattr(course, "request", None)
    if closed_on < course.first_contact_on:
        errors["closed_on"] = _("The course cannot be closed before the first contact.")
    elif request is not None and closed_on < request.expressed_on:
        errors["closed_on"] = _("The course cannot be closed before the treatment request.")
    elif closed_on > timezone.localdate():
        errors["closed_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    course_move(course, CourseState.CLOSED)
    course.closed_on, course.closed_kind, course.closed_reason = closed_on, kind, reason
    course.save(update_fields=["closed_on", "closed_kind", "closed_reason"])
    _audit(
        by,
        AuditEvent.Action.UPDATE,
        course,
        course,
        {"state": ["open", "closed"], "closed_on": str(closed_on), "kind": kind, "reason": reason},
    )
    recompute_course_deadlines(course)
    return course
