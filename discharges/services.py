"""Workflow steps of a discharge (G3.11; G3.12.3). Each checks its preconditions, changes state in
one transaction, writes the audit trail and recomputes the course's deadlines. A broken
precondition raises Django's ValidationError with a Danish message for the form."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments.models import Appointment, Attendance
from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import CloseReason, Course, CourseState
from courses.services import course_close
from deadlines.services import recompute_course_deadlines

from . import rules
from .models import Discharge, DischargeReason, DrugUseStatus, Housing, Income, YesNoUnknown

# One clear message per missing register field (G3.11.1), on the field it belongs to.
REGISTER_FIELD_MESSAGES = {
    "discharged_on": gettext_lazy("Enter the discharge date. Stofmisbrugsdatabasen needs it."),
    "drug_use_status": gettext_lazy(
        "Choose the citizen's drug use at discharge, or “Unknown / not stated”. Stofmisbrugsdatabasen needs it."
    ),
    "reason": gettext_lazy("Choose the reason for ending the treatment. Stofmisbrugsdatabasen needs it."),
    "self_help_contact": gettext_lazy(
        "Choose whether the citizen has contact with a self-help network after discharge, or “Unknown / not "
        "stated”. Stofmisbrugsdatabasen needs it."
    ),
    "drug_free_partner": gettext_lazy(
        "Choose whether the citizen moves in with a drug-free partner, or “Unknown / not stated”. "
        "Stofmisbrugsdatabasen needs it."
    ),
    "housing": gettext_lazy(
        "Choose the citizen's housing after discharge, or “Unknown / not stated”. Stofmisbrugsdatabasen needs it."
    ),
    "income": gettext_lazy(
        "Choose the citizen's source of income, or “Unknown / not stated”. Stofmisbrugsdatabasen needs it."
    ),
}

REGISTER_CHOICES = {
    "reason": DischargeReason.values,
    "drug_use_status": DrugUseStatus.values,
    "self_help_contact": YesNoUnknown.values,
    "drug_free_partner": YesNoUnknown.values,
    "housing": Housing.values,
    "income": Income.values,
}

# The written status (G3.11.2–3.11.4, G3.11.6): free texts, stored as given (trimmed).
STATUS_TEXTS = (
    "background",
    "goal_attainment",
    "citizen_wishes",
    "citizen_view",
    "support_needs",
    "plan_forward",
    "not_with_citizen_why",
    "coordination",
    "advised_where",
    "outreach_note",
)


def _related(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def treating_provider_id(course: Course) -> int:
    """The provider that treated the citizen (``rules.treating_provider``; G3.12.2)."""
    decision, free_choice = _related(course, "decision"), _related(course, "free_choice")
    return rules.treating_provider(
        centre_id=course.centre_id,
        decision_provider_id=decision.provider_id if decision else None,
        free_choice_provider_id=free_choice.chosen_provider_id if free_choice else None,
    )


def discharge_errors(
    course: Course,
    *,
    discharged_on: date | None,
    reason: str,
    drug_use_status: str,
    self_help_contact: str,
    drug_free_partner: str,
    housing: str,
    income: str,
    made_with_citizen: bool,
    not_with_citizen_why: str,
    outreach: str,
) -> dict[str, str]:
    """What is wrong with a discharge of ``course``, one message per field (empty: nothing).

    The form shows these with its own errors, so that every error appears at once; the service
    refuses with the same."""
    values = {
        "discharged_on": discharged_on,
        "drug_use_status": drug_use_status,
        "reason": reason,
        "self_help_contact": self_help_contact,
        "drug_free_partner": drug_free_partner,
        "housing": housing,
        "income": income,
    }
    errors = {name: str(REGISTER_FIELD_MESSAGES[name]) for name in rules.missing_register_fields(values)}
    if discharged_on is not None:
        if course.treatment_started_on and discharged_on < course.treatment_started_on:
            errors["discharged_on"] = _("The discharge cannot be before treatment started.")
        elif discharged_on > timezone.localdate():
            errors["discharged_on"] = _("The date cannot be in the future.")
    for name, allowed in REGISTER_CHOICES.items():
        if values[name] and values[name] not in allowed and name not in errors:
            errors[name] = str(REGISTER_FIELD_MESSAGES[name])
    if not made_with_citizen and not (not_with_citizen_why or "").strip():
        errors["not_with_citizen_why"] = _("Write why the status was not made with the citizen.")
    if reason and rules.outreach_prompted(reason) and not outreach:
        errors["outreach"] = _(
            "After a discharge for lack of contact, record whether outreach actors were considered or contacted."
        )
    return errors


def _lock(course: Course) -> None:
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


@transaction.atomic
def discharge_record(
    *,
    course: Course,
    by,
    discharged_on: date | None,
    reason: str,
    drug_use_status: str = "",
    self_help_contact: str = "",
    drug_free_partner: str = "",
    housing: str = "",
    income: str = "",
    follow_up_declined: bool = False,
    told_about_follow_up: bool = False,
    made_with_citizen: bool = True,
    outreach: str = "",
    **status_texts: str,
) -> Discharge:
    """Discharge the citizen (G3.11) and close the course with it, in one transaction.

    Only a course in treatment; the date not before treatment started and not in the future.
    Every register field of G3.11.1 is required (``rules.missing_register_fields``): one message
    per missing field. The written status (G3.11.2) is free text; where it was not made with the
    citizen, say why. After a discharge for lack of contact, record whether outreach actors were
    considered (G3.11.6).

    The course closes with kind "discharged" (``courses.services.course_close``): its pending
    deadlines close with reason "discharged", and, for the four reasons of BEK 1477 §4(2), the
    follow-ups after 1 and 6 months (and the standard's own) arise, owned by the provider that
    treated (G3.12.2). A citizen who declines follow-up (G3.12.3) opts out on the discharge date:
    the follow-ups are then waived.
    """
    unknown = set(status_texts) - set(STATUS_TEXTS)
    if unknown:
        raise TypeError(f"Unexpected arguments: {sorted(unknown)}")
    _lock(course)
    if course.state != CourseState.IN_TREATMENT:
        raise ValidationError(_("Only a course in treatment can be discharged."))
    texts = {name: (status_texts.get(name) or "").strip() for name in STATUS_TEXTS}
    errors = discharge_errors(
        course,
        discharged_on=discharged_on,
        reason=reason,
        drug_use_status=drug_use_status,
        self_help_contact=self_help_contact,
        drug_free_partner=drug_free_partner,
        housing=housing,
        income=income,
        made_with_citizen=made_with_citizen,
        not_with_citizen_why=texts["not_with_citizen_why"],
        outreach=outreach,
    )
    if errors:
        raise ValidationError(errors)
    eligible = rules.follow_up_required(reason)
    discharge = Discharge.objects.create(
        course=course,
        discharged_on=discharged_on,
        reason=reason,
        provider_id=treating_provider_id(course),
        follow_up_opted_out_on=discharged_on if (follow_up_declined and eligible) else None,
        drug_use_status=drug_use_status,
        self_help_contact=self_help_contact,
        drug_free_partner=drug_free_partner,
        housing=housing,
        income=income,
        made_with_citizen=made_with_citizen,
        outreach=outreach if rules.outreach_prompted(reason) else "",
        told_about_follow_up=told_about_follow_up,
        recorded_by=by,
        **texts,
    )
    cancelled = _cancel_later_appointments(course, discharged_on)
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=discharge,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={
            "discharged_on": str(discharged_on),
            "reason": reason,
            "provider": discharge.provider_id,
            "follow_up_opted_out_on": str(discharge.follow_up_opted_out_on or ""),
            "appointments_cancelled": cancelled,
        },
    )
    # Closing recomputes the deadlines: the pending ones close, the follow-ups arise.
    course_close(
        course=course,
        by=by,
        closed_on=discharged_on,
        kind=CloseReason.DISCHARGED,
        reason=str(DischargeReason(reason).label)[:200],
    )
    return discharge


def _cancel_later_appointments(course: Course, discharged_on: date) -> list[int]:
    """The course's appointments still planned after the discharge day are cancelled by the centre:
    they leave the workers' calendars and no reminder goes out for them. Those up to the discharge
    day keep their state (their attendance is still to be recorded). Returns their ids."""
    after = datetime.combine(discharged_on + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone())
    later = Appointment.objects.filter(course=course, attendance=Attendance.PLANNED, starts_at__gte=after)
    ids = sorted(later.values_list("pk", flat=True))
    later.update(attendance=Attendance.CANCELLED_BY_CENTRE)
    return ids


@transaction.atomic
def follow_up_opt_out(*, course: Course, by, opted_out_on: date) -> Discharge:
    """The citizen opts out of the follow-up after discharge (G3.12.3), on ``opted_out_on``: the
    follow-ups not yet held are waived from that day; those already held stay met."""
    _lock(course)
    discharge = _related(course, "discharge")
    if discharge is None:
        raise ValidationError(_("The citizen has not been discharged."))
    if not rules.follow_up_required(discharge.reason):
        raise ValidationError(_("No follow-up is due after a discharge for this reason."))
    if discharge.follow_up_opted_out_on is not None:
        raise ValidationError(_("The citizen has already opted out of the follow-up."))
    if opted_out_on is None:
        raise ValidationError({"opted_out_on": _("Enter the date the citizen opted out.")})
    if opted_out_on < discharge.discharged_on:
        raise ValidationError({"opted_out_on": _("The opt-out cannot be before the discharge.")})
    if opted_out_on > timezone.localdate():
        raise ValidationError({"opted_out_on": _("The date cannot be in the future.")})
    discharge.follow_up_opted_out_on = opted_out_on
    discharge.save(update_fields=["follow_up_opted_out_on"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=discharge,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={"follow_up_opted_out_on": [None, str(opted_out_on)]},
    )
    recompute_course_deadlines(course)
    return discharge
