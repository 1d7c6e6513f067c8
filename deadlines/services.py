"""Recompute a course's stored deadlines from its events (call after every change to a course)."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from citizens.rules import age_on
from courses.models import Course, CourseState
from courses.rules import guarantee_applies

from . import rules
from .models import Deadline


def _related(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def terms_of(standard) -> rules.Terms:
    """The deadline engine's terms from a quality standard's settings."""
    return rules.Terms(
        guarantee_days=standard.guarantee_days,
        guarantee_start_event=standard.guarantee_start_event,
        assessment_days=standard.assessment_deadline_days,
        complaint_reassessment_weeks=standard.complaint_reassessment_weeks,
        plan_first_review_months=standard.plan_first_review_months,
        plan_review_interval_months=standard.plan_review_interval_months,
        plan_review_at_period_end=standard.plan_review_at_period_end,
        follow_up_months=tuple(standard.follow_up_months or ()),
    )


def stored_fields(spec, course) -> dict:
    """A deadline row's fields beside its course, kind and ref: the rule's ``spec`` and who holds the course."""
    return {
        "centre_id": course.centre_id,
        "due_on": spec.due_on,
        "local_due_on": spec.local_due_on,
        "met_on": spec.met_on,
        "waived_on": spec.waived_on,
        "waiver_reason": spec.waiver_reason,
        "closed_on": spec.closed_on,
        "closed_reason": spec.closed_reason,
        "source": spec.source,
        "responsible_id": course.responsible_id,
        "team_id": course.team_id,
        "provider_id": spec.provider_id,
    }


def course_facts(course: Course) -> tuple[rules.CourseFacts, rules.Terms]:
    """The plain facts the rules need, read from the course and its assessment and decision."""
    request = _related(course, "request")
    if request is None:
        return rules.CourseFacts(first_contact_on=course.first_contact_on), rules.Terms()
    standard = request.standard
    terms = terms_of(standard)
    waiver = _related(course, "waiver")
    assessment = _related(course, "assessment")
    physician = _related(course, "physician_consultation")
    decision = _related(course, "decision")
    complaints = tuple(
        rules.ComplaintFacts(ref=str(c.pk), received_on=c.received_on, reassessed_on=c.reassessed_on)
        for c in (decision.complaints.all() if decision else [])
    )
    notifications = (
        tuple(
            rules.NotificationFacts(ref=str(t.pk), created_on=t.created_on, sent_on=t.done_on)
            for t in course.tasks.filter(kind="child_notification")
        )
        if hasattr(course, "tasks")
        else ()
    )
    discharge = _related(course, "discharge")
    facts = rules.CourseFacts(
        request_expressed_on=request.expressed_on,
        first_contact_on=course.first_contact_on,
        attended_in_person_on=request.attended_in_person_on,
        guarantee_applies=guarantee_applies(
            kind=course.kind,
            age_at_request=age_on(course.citizen.birth_date, request.expressed_on),
            special_case=request.under_18_special_case,
            standard_under_18=standard.guarantee_under_18,
        ),
        waived_on=waiver.waived_on if waiver else None,
        waiver_reason=waiver.reason if waiver else "",
        assessment_completed_on=assessment.completed_on if assessment else None,
        decided_on=decision.decided_on if decision else None,
        decision_outcome=decision.outcome if decision else "",
        written_reasons_requested_on=decision.written_reasons_requested_on if decision else None,
        written_reasons_sent_on=decision.written_reasons_sent_on if decision else None,
        treatment_started_on=course.treatment_started_on,
        physician_accepted=bool(physician and physician.response == "accepted"),
        physician_held_on=physician.held_on if physician else None,
        complaints=complaints,
        notifications=notifications,
        closed_on=course.closed_on if course.state == CourseState.CLOSED else None,
        closed_kind=course.closed_kind,
        plan_versions=tuple(
            rules.PlanVersionFacts(number=v.number, made_on=v.made_on, period_ends_on=v.period_ends_on)
            for v in course.plan_versions.all()
        ),
        discharged_on=discharge.discharged_on if discharge else None,
        discharge_reason=discharge.reason if discharge else "",
        follow_up_opted_out_on=discharge.follow_up_opted_out_on if discharge else None,
        follow_ups=tuple(rules.FollowUpFacts(months=f.months, held_on=f.held_on) for f in course.follow_ups.all()),
        treating_provider_id=discharge.provider_id if discharge else None,
    )
    return facts, terms


@transaction.atomic
def recompute_course_deadlines(course: Course) -> list[Deadline]:
    """Replace the course's deadline rows with what the rules say now (idempotent)."""
    facts, terms = course_facts(course)
    specs = rules.course_deadlines(facts, terms)
    wanted = {(s.kind, s.ref) for s in specs}
    stale = [d.pk for d in Deadline.objects.filter(course=course) if (d.kind, d.ref) not in wanted]
    Deadline.objects.filter(pk__in=stale).delete()
    rows = []
    for spec in specs:
        row, _ = Deadline.objects.update_or_create(
            course=course,
            kind=spec.kind,
            ref=spec.ref,
            defaults=stored_fields(spec, course),
        )
        rows.append(row)
    return rows
