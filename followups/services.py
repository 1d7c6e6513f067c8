"""Recording a follow-up after discharge (G3.12; BEK 1477 §4(2)): one transaction, audited,
deadlines recomputed."""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course
from deadlines.models import Deadline, DeadlineKind
from deadlines.services import recompute_course_deadlines
from discharges.rules import follow_up_required

from . import rules
from .models import Channel, FollowUp, Need, OfferResponse, Status


def _required_message() -> dict[str, str]:
    return {
        "attempts": _("Write what was tried when the citizen was not reached."),
        "status": _("Choose the citizen's status."),
        "status_note": _("Write a note on the status “other”."),
        "situation": _("Write about the conversation on the citizen's situation."),
        "goal_holds": _("Answer whether the result of the treatment holds."),
        "offer_response": _("The result did not hold: record the offer of follow-up treatment."),
        "offer": _("The result did not hold: name the offer of follow-up treatment."),
    }


def _discharge(course: Course):
    try:
        return course.discharge
    except ObjectDoesNotExist:
        return None


@transaction.atomic
def follow_up_record(
    *,
    course: Course,
    by,
    months: int,
    held_on: date,
    reached: bool,
    how: str,
    attempts: str = "",
    status: str = "",
    status_note: str = "",
    situation: str = "",
    goal_holds: bool | None = None,
    needs: list[str] | tuple[str, ...] = (),
    needs_note: str = "",
    offer_response: str = "",
    offer: str = "",
) -> FollowUp:
    """Record the ``months``-month follow-up after discharge; it meets that deadline, reached or not.

    Only on a discharged course whose reason calls for follow-up (BEK 1477 §4(2); G3.12.1) and that
    has a follow-up deadline for ``months``; not from the day the citizen opted out (G3.12.3); not
    before the discharge nor in the future; once per follow-up. What it must hold:
    ``rules.missing_fields``.
    """
    Course.objects.select_for_update().filter(pk=course.pk).first()  # one writer per course
    discharge = _discharge(course)
    if discharge is None:
        raise ValidationError(_("The course has no discharge: follow-up comes after discharge."))
    if not follow_up_required(discharge.reason):
        raise ValidationError(
            _("The law calls for no follow-up after a discharge for the reason “%(reason)s”.")
            % {"reason": discharge.get_reason_display()}
        )
    if not Deadline.objects.filter(course=course, kind=DeadlineKind.FOLLOW_UP, ref=str(months)).exists():
        raise ValidationError(
            {"months": _("The course has no follow-up due %(months)s months after discharge.") % {"months": months}}
        )
    if not rules.may_follow_up_on(held_on, discharge.follow_up_opted_out_on):
        raise ValidationError(
            {
                "held_on": _("The citizen declined follow-up on %(date)s.")
                % {"date": date_format(discharge.follow_up_opted_out_on, "SHORT_DATE_FORMAT")}
            }
        )
    if held_on < discharge.discharged_on:
        raise ValidationError({"held_on": _("The follow-up cannot be before the discharge.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    already = _("This follow-up is already recorded.")
    if FollowUp.objects.filter(course=course, months=months).exists():
        raise ValidationError({"months": already})

    attempts, status_note, situation = attempts.strip(), status_note.strip(), situation.strip()
    needs_note, offer = needs_note.strip(), offer.strip()
    errors: dict[str, str] = {}
    if how not in Channel.values:
        errors["how"] = _("Choose how the follow-up was carried out.")
    if status and status not in Status.values:
        errors["status"] = _("Choose the citizen's status.")
    if offer_response and offer_response not in OfferResponse.values:
        errors["offer_response"] = _("Choose the answer to the offer.")
    unknown = [n for n in needs if n not in Need.values]
    if unknown:
        errors["needs"] = _("Choose needs from the list.")
    elif Need.OTHER in needs and not needs_note:
        errors["needs_note"] = _("Describe the other need.")
    values = {
        "attempts": attempts,
        "status": status,
        "status_note": status_note,
        "situation": situation,
        "goal_holds": goal_holds,
        "offer_response": offer_response,
        "offer": offer,
    }
    messages = _required_message()
    for name in rules.missing_fields(reached=reached, goal_holds=goal_holds, status=status):
        if values[name] in ("", None):
            errors.setdefault(name, messages[name])
    if reached and rules.status_contradicts_goal(status, goal_holds):
        errors.setdefault("goal_holds", _("The status and the answer on the result contradict each other."))
    if errors:
        raise ValidationError(errors)
    if not reached:  # not reached: nothing was said about the situation
        status = status_note = situation = needs_note = offer_response = offer = ""
        goal_holds, needs = None, []
    elif not rules.offer_required(reached=reached, goal_holds=goal_holds):
        offer_response = offer = ""
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                course=course,
                months=months,
                held_on=held_on,
                reached=reached,
                how=how,
                attempts=attempts if not reached else "",
                status=status,
                status_note=status_note,
                situation=situation,
                goal_holds=goal_holds,
                needs=sorted(set(needs)),
                needs_note=needs_note,
                offer_response=offer_response,
                offer=offer,
                recorded_by=by,
            )
    except IntegrityError:  # a concurrent recording of the same follow-up
        raise ValidationError({"months": already}) from None
    # Codes and dates only: never the free text about the citizen.
    changes = {"months": months, "held_on": str(held_on), "reached": reached, "how": how}
    if reached:
        changes.update(status=status, goal_holds=goal_holds, needs=follow_up.needs)
        if offer_response:
            changes["offer_response"] = offer_response
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=follow_up,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes=changes,
    )
    recompute_course_deadlines(course)
    return follow_up
