"""Workflow steps of a course. Each checks its preconditions, changes state in one transaction,
recomputes the course's deadlines and writes the audit trail. A broken precondition raises
Django's ValidationError with a Danish message for the form."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from citizens.models import Citizen
from citizens.rules import age_on
from deadlines.services import recompute_course_deadlines
from standards.selectors import standard_in_force

from . import rules
from .models import KIND_LAW, AdviceTalk, Course, CourseState, GuaranteeWaiver, TreatmentRequest


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


def open_course(citizen: Citizen) -> Course | None:
    """The citizen's course still under way, if any (a citizen has one open course at a time)."""
    return citizen.courses.exclude(state=CourseState.CLOSED).first()


@transaction.atomic
def course_open(*, citizen: Citizen, by, kind: str, first_contact_on: date) -> Course:
    """Open a course at the first contact (advice, or straight to a request)."""
    if open_course(citizen):
        raise ValidationError(_("The citizen already has a course under way. Close it before opening a new one."))
    course = Course.objects.create(
        citizen=citizen,
        centre=citizen.centre,
        kind=kind,
        opened_on=first_contact_on,
        first_contact_on=first_contact_on,
        responsible=by,
    )
    _audit(by, AuditEvent.Action.CREATE, course, course)
    return course


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
) -> AdviceTalk:
    """Record an advice talk with the assessment of other help needed (G3.3.3–3.3.4)."""
    if course.state != CourseState.ADVICE:
        raise ValidationError(_("Advice talks are recorded before a treatment request."))
    if held_on < course.first_contact_on:
        raise ValidationError({"held_on": _("The talk cannot be before the first contact.")})
    talk = AdviceTalk.objects.create(
        course=course,
        held_on=held_on,
        summary=summary,
        other_help_needed=other_help_needed,
        other_help_assessment=other_help_assessment,
        outcome=outcome,
        recorded_by=by,
    )
    if outcome in (AdviceTalk.Outcome.NO_ACTION, AdviceTalk.Outcome.REFERRAL):
        course.closed_on, course.closed_reason = held_on, talk.get_outcome_display()
        course.save(update_fields=["closed_on", "closed_reason"])
        course_move(course, CourseState.CLOSED)
    _audit(by, AuditEvent.Action.CREATE, talk, course)
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
    """Register the wish for treatment; the guarantee runs from ``expressed_on`` (G3.4; SEL §101(4))."""
    if expressed_on < course.first_contact_on:
        raise ValidationError({"expressed_on": _("The wish cannot be expressed before the first contact.")})
    if expressed_on > timezone.localdate():
        raise ValidationError({"expressed_on": _("The date cannot be in the future.")})
    standard = standard_in_force(course.centre.municipality_id, expressed_on)
    if standard is None:
        raise ValidationError(_("No quality standard was in force on that date. An administrator must add one."))
    if KIND_LAW[course.kind] not in standard.laws_covered:
        raise ValidationError(_("The municipality's quality standard does not cover this kind of treatment."))
    age = age_on(course.citizen.birth_date, expressed_on)
    if standard.minimum_age is not None and age < standard.minimum_age:
        raise ValidationError(
            _("The quality standard offers treatment from age %(age)s.") % {"age": standard.minimum_age}
        )
    if rules.under_18_needs_consents(age) and not (custody_holder_consents and young_person_consents):
        raise ValidationError(_("Under 18: both the young person and the custody holder must consent."))
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
        recorded_by=by,
    )
    course_move(course, CourseState.REQUESTED)
    _audit(by, AuditEvent.Action.CREATE, request, course)
    recompute_course_deadlines(course)
    return request


@transaction.atomic
def guarantee_waive(*, course: Course, by, reason: str, waived_on: date, note: str = "") -> GuaranteeWaiver:
    """Set the guarantee aside with its reason and date (SEL §101(6); local waivers where the standard has them)."""
    request = getattr(course, "request", None)
    if request is None:
        raise ValidationError(_("There is no treatment request, so there is no guarantee to set aside."))
    if hasattr(course, "waiver"):
        raise ValidationError(_("The guarantee is already set aside."))
    if not rules.waiver_allowed(reason, request.standard.local_guarantee_waivers):
        raise ValidationError({"reason": _("Neither the law nor the municipality's standard allows this reason.")})
    waiver = GuaranteeWaiver.objects.create(
        course=course, reason=reason, waived_on=waived_on, note=note, recorded_by=by
    )
    _audit(by, AuditEvent.Action.CREATE, waiver, course)
    recompute_course_deadlines(course)
    return waiver


@transaction.atomic
def treatment_start(*, course: Course, by, started_on: date) -> Course:
    """Treatment is initiated: this meets the guarantee (SEL §101(4))."""
    decision = getattr(course, "decision", None)
    if decision is None or decision.outcome not in ("grant", "partial"):
        raise ValidationError(_("Treatment can start only after a grant or a partial grant."))
    if started_on < decision.decided_on:
        raise ValidationError({"started_on": _("Treatment cannot start before the decision.")})
    course.treatment_started_on = started_on
    course.save(update_fields=["treatment_started_on"])
    course_move(course, CourseState.IN_TREATMENT)
    _audit(by, AuditEvent.Action.UPDATE, course, course, {"treatment_started_on": [None, str(started_on)]})
    recompute_course_deadlines(course)
    return course


@transaction.atomic
def course_close(*, course: Course, by, closed_on: date, reason: str) -> Course:
    """Close a course that ends without (more) treatment: withdrawn, refused, moved."""
    course_move(course, CourseState.CLOSED)
    course.closed_on, course.closed_reason = closed_on, reason
    course.save(update_fields=["closed_on", "closed_reason"])
    _audit(by, AuditEvent.Action.UPDATE, course, course, {"state": ["open", "closed"], "reason": reason})
    recompute_course_deadlines(course)
    return course
