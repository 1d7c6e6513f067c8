"""Workflow steps of the assessment, the physician consultation and the tasks they call for.

Each step checks its preconditions, changes state in one transaction, writes the audit trail and
recomputes the course's deadlines. A broken precondition raises Django's ValidationError, on the
field it concerns where there is one.
"""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from courses.services import course_move
from deadlines.services import recompute_course_deadlines

from . import rules
from .models import Addendum, AddendumKind, Assessment, PhysicianConsultation, PhysicianResponse, Task

# What assessment_save accepts. Free text is health and social data: the audit trail names the
# field that changed, never its content (data minimisation).
TEXT_FIELDS = (*rules.FIVE_AREAS, "other_help_needed", "child_concern_details")
STRUCTURED_FIELDS = (
    "started_on",
    "instrument",
    "instrument_results",
    "told_how_it_works",
    "feedback_given_on",
    "children_at_home_asked",
    "children_at_home_count",
    "children_elsewhere_contact",
    "child_concern",
    "pregnancy",
    "pregnancy_due_on",
    "opioid_use",
    "drugs_and_alcohol",
    "fertile_age",
    "specialised_screening_indicated",
)
ASSESSMENT_FIELDS = (*TEXT_FIELDS, *STRUCTURED_FIELDS)


def _audit(by, action: str, obj, course: Course, changes: dict | None = None) -> None:
    audit_record(
        actor=by, action=action, obj=obj, citizen_id=course.citizen_id, centre_id=course.centre_id, changes=changes
    )


def _related(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _lock(course: Course) -> None:
    """Take the course's row lock and its current state, so two submits cannot both pass a check."""
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


def _plain(value):
    return value if isinstance(value, (str, int, bool, dict, list, type(None))) else str(value)


def _assessment_changes(before: dict, after: dict) -> dict:
    changes = {}
    for name, value in after.items():
        if before.get(name) == value:
            continue
        changes[name] = "changed" if name in TEXT_FIELDS else [_plain(before.get(name)), _plain(value)]
    return changes


def _not_in_future(errors: dict, field: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        errors[field] = _("The date cannot be in the future.")


@transaction.atomic
def assessment_save(*, course: Course, by, **answers) -> Assessment:
    """Create or update the draft assessment while the request awaits assessment (G3.5.1–3.5.2)."""
    unknown = set(answers) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"assessment_save() got unknown fields: {sorted(unknown)}")
    _lock(course)
    if course.state != CourseState.REQUESTED:
        raise ValidationError(_("The assessment can be changed only while the treatment request awaits assessment."))
    assessment = _related(course, "assessment")
    values = {name: getattr(assessment, name) for name in ASSESSMENT_FIELDS} if assessment else {}
    values.update(answers)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    started_on = values.get("started_on")
    if started_on is None:
        errors["started_on"] = _("Enter the date the assessment started.")
    elif started_on < course.first_contact_on:
        errors["started_on"] = _("The assessment cannot start before the first contact.")
    else:
        _not_in_future(errors, "started_on", started_on, today)
    feedback_on = values.get("feedback_given_on")
    if feedback_on and started_on and feedback_on < started_on:
        errors["feedback_given_on"] = _("Feedback cannot be given before the assessment started.")
    else:
        _not_in_future(errors, "feedback_given_on", feedback_on, today)
    if values.get("pregnancy_due_on") and not rules.expecting_a_child(values.get("pregnancy", "")):
        errors["pregnancy_due_on"] = _("A due date only applies when a child is expected.")
    if values.get("children_at_home_count") is not None and not values.get("children_at_home_asked"):
        errors["children_at_home_asked"] = _("Tick that you asked about children at home when you enter a number.")
    if errors:
        raise ValidationError(errors)

    if assessment is None:
        assessment = Assessment.objects.create(course=course, recorded_by=by, **values)
        _audit(by, AuditEvent.Action.CREATE, assessment, course, _assessment_changes({}, values))
    else:
        before = {name: getattr(assessment, name) for name in ASSESSMENT_FIELDS}
        for name, value in values.items():
            setattr(assessment, name, value)
        assessment.recorded_by = by
        assessment.save()
        _audit(by, AuditEvent.Action.UPDATE, assessment, course, _assessment_changes(before, values))
    recompute_course_deadlines(course)
    return assessment


@transaction.atomic
def assessment_complete(*, course: Course, by, completed_on: date | None = None) -> Assessment:
    """Complete the assessment on ``completed_on`` (by default today; never before it started nor
    in the future) and move the course to "assessed" (G3.5.3: before the decision).

    Refused with what is missing (``rules.missing_for_completion``), on the fields concerned.
    Creates the tasks the answers call for (``rules.tasks_called_for``), never a second task of a
    kind the course already has.
    """
    _lock(course)
    if course.state != CourseState.REQUESTED:
        raise ValidationError(_("Only an assessment of a treatment request that awaits assessment can be completed."))
    assessment = _related(course, "assessment")
    if assessment is None:
        raise ValidationError(_("Save the assessment before completing it."))
    answers = assessment.answers()
    missing = rules.missing_for_completion(answers)
    if missing:
        raise ValidationError({item.field: item.message for item in missing})
    completed_on = completed_on or timezone.localdate()
    if completed_on < assessment.started_on:
        raise ValidationError({"completed_on": _("The assessment cannot be completed before it started.")})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The date cannot be in the future.")})

    assessment.completed_on = completed_on
    assessment.recorded_by = by
    assessment.save(update_fields=["completed_on", "recorded_by", "updated_at"])
    _audit(by, AuditEvent.Action.UPDATE, assessment, course, {"completed_on": [None, str(completed_on)]})

    standard = course.request.standard
    existing = set(course.tasks.values_list("kind", flat=True))
    for need in rules.tasks_called_for(answers, standard.child_notification_policy):
        if need.kind in existing:
            continue
        task = Task.objects.create(
            course=course, kind=need.kind, created_on=completed_on, reason=need.reason, source=need.source
        )
        _audit(by, AuditEvent.Action.CREATE, task, course, {"kind": need.kind, "source": need.source})

    course_move(course, CourseState.ASSESSED)
    recompute_course_deadlines(course)
    return assessment


@transaction.atomic
def physician_consultation_record(
    *, course: Course, by, informed_on: date, response: str, held_on: date | None = None, note: str = ""
) -> PhysicianConsultation:
    """Record that the citizen was told of the right to a free physician consultation, the answer,
    and when it was held (SUL §142(1–2); G3.4.5). It must take place no later than treatment starts;
    the deadline engine watches that once the citizen accepts."""
    _lock(course)
    if _related(course, "request") is None:
        raise ValidationError(_("Register the treatment request first."))
    if course.state == CourseState.CLOSED:
        raise ValidationError(_("The course is closed."))
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if informed_on < course.first_contact_on:
        errors["informed_on"] = _("The citizen cannot be told before the first contact.")
    else:
        _not_in_future(errors, "informed_on", informed_on, today)
    if held_on is not None:
        if response != PhysicianResponse.ACCEPTED:
            errors["held_on"] = _("A consultation can only be held when the citizen has accepted it.")
        elif held_on < informed_on:
            errors["held_on"] = _("The consultation cannot be held before the citizen was told of it.")
        else:
            _not_in_future(errors, "held_on", held_on, today)
    if errors:
        raise ValidationError(errors)

    values = {"informed_on": informed_on, "response": response, "held_on": held_on, "note": note}
    consultation = _related(course, "physician_consultation")
    if consultation is None:
        consultation = PhysicianConsultation.objects.create(course=course, recorded_by=by, **values)
        _audit(by, AuditEvent.Action.CREATE, consultation, course, {k: _plain(v) for k, v in values.items() if v})
    else:
        before = {name: getattr(consultation, name) for name in values}
        for name, value in values.items():
            setattr(consultation, name, value)
        consultation.recorded_by = by
        consultation.save()
        changes = {k: [_plain(before[k]), _plain(v)] for k, v in values.items() if before[k] != v}
        _audit(by, AuditEvent.Action.UPDATE, consultation, course, changes)
    recompute_course_deadlines(course)
    return consultation


@transaction.atomic
def task_done(*, task: Task, by, done_on: date, recipient: str = "", note: str = "") -> Task:
    """Mark a task done. A child-welfare notification names where it was sent: the child's home
    municipality (Barnets lov §133, formerly SEL §153; Mariagerfjord: "til barnets hjemkommune")."""
    task = Task.objects.select_for_update(of=("self",)).select_related("course").get(pk=task.pk)
    if task.done_on is not None:
        raise ValidationError(_("The task is already done."))
    errors: dict[str, str] = {}
    if done_on < task.created_on:
        errors["done_on"] = _("The task cannot be done before it was created.")
    else:
        _not_in_future(errors, "done_on", done_on, timezone.localdate())
    if task.kind == rules.CHILD_NOTIFICATION and not recipient.strip():
        errors["recipient"] = _("Name the municipality the notification was sent to: the child's home municipality.")
    if errors:
        raise ValidationError(errors)
    task.done_on, task.recipient, task.note, task.done_by = done_on, recipient.strip(), note, by
    task.save(update_fields=["done_on", "recipient", "note", "done_by"])
    _audit(by, AuditEvent.Action.UPDATE, task, task.course, {"done_on": [None, str(done_on)]})
    recompute_course_deadlines(task.course)
    return task


@transaction.atomic
def assessment_addendum_add(
    *,
    course: Course,
    by,
    kind: str,
    feedback_given_on: date | None = None,
    section: str = "",
    text: str = "",
    reason: str = "",
) -> Addendum:
    """Add to a completed assessment, which is never edited in place: the date feedback on the results
    was given to the citizen (G3.5.7: the citizen should always get it), or a correction of one part
    with its reason. The decision rests on the assessment as it was plus its addenda.

    The audit trail names the kind, the part and the date, never the text (data minimisation).
    """
    _lock(course)
    assessment = _related(course, "assessment")
    if assessment is None or assessment.completed_on is None:
        raise ValidationError(_("Only a completed assessment takes an addendum; change the draft instead."))
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if kind == AddendumKind.FEEDBACK:
        if feedback_given_on is None:
            errors["feedback_given_on"] = _("Enter the date the citizen was given feedback on the results.")
        elif feedback_given_on < assessment.started_on:
            errors["feedback_given_on"] = _("Feedback cannot be given before the assessment started.")
        else:
            _not_in_future(errors, "feedback_given_on", feedback_given_on, today)
        section, text, reason = "", text.strip(), ""
    elif kind == AddendumKind.CORRECTION:
        if not section:
            errors["section"] = _("Choose the part of the assessment the correction concerns.")
        if not text.strip():
            errors["text"] = _("Write the correction: what the assessment should say.")
        if not reason.strip():
            errors["reason"] = _("Give the reason for the correction.")
        feedback_given_on = None
    else:
        errors["kind"] = _("Choose what the addendum records.")
    if errors:
        raise ValidationError(errors)

    addendum = Addendum.objects.create(
        assessment=assessment,
        kind=kind,
        feedback_given_on=feedback_given_on,
        section=section,
        text=text.strip(),
        reason=reason.strip(),
        recorded_by=by,
    )
    changes = {"kind": kind}
    if section:
        changes["section"] = section
    if feedback_given_on:
        changes["feedback_given_on"] = str(feedback_given_on)
    _audit(by, AuditEvent.Action.CREATE, addendum, course, changes)
    recompute_course_deadlines(course)
    return addendum
