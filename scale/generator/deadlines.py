"""The deadline rows the engine would have stored, from the same pure rules.

``deadlines.services.course_facts`` reads the facts from the database; here they come from the
rows just built (with their ids, for the references of notifications and complaints), and
``deadlines.rules.course_deadlines`` turns them into rows exactly as ``recompute_course_deadlines``
would: a closed course's pending deadlines closed with it, follow-ups arising with the discharge.
"""

from citizens.rules import age_on
from courses.rules import guarantee_applies
from deadlines import rules
from deadlines.models import Deadline
from deadlines.services import stored_fields

from .casework import Batch, CourseRows
from .organisations import CentrePlan


def facts_of(cr: CourseRows, birth_date, centre: CentrePlan) -> rules.CourseFacts:
    c = cr.story
    if c.expressed_on is None:
        return rules.CourseFacts(first_contact_on=c.opened_on)
    physician = c.physician
    return rules.CourseFacts(
        request_expressed_on=c.expressed_on,
        first_contact_on=c.opened_on,
        attended_in_person_on=c.attended_in_person_on,
        guarantee_applies=guarantee_applies(
            kind=c.kind,
            age_at_request=age_on(birth_date, c.expressed_on),
            special_case=False,
            standard_under_18=centre.standard.guarantee_under_18,
        ),
        waived_on=c.waiver[1] if c.waiver else None,
        waiver_reason=c.waiver[0] if c.waiver else "",
        assessment_completed_on=c.assessment_completed_on,
        decided_on=c.decided_on,
        decision_outcome=c.outcome,
        written_reasons_requested_on=c.written_reasons[0] if c.written_reasons else None,
        written_reasons_sent_on=c.written_reasons[1] if c.written_reasons else None,
        treatment_started_on=c.started_on,
        physician_accepted=bool(physician and physician[1] == "accepted"),
        physician_held_on=physician[2] if physician else None,
        complaints=(
            (rules.ComplaintFacts(ref=str(cr.complaint.pk), received_on=c.complaint[0], reassessed_on=c.complaint[1]),)
            if cr.complaint
            else ()
        ),
        notifications=tuple(
            rules.NotificationFacts(ref=str(task.pk), created_on=task.created_on, sent_on=task.done_on)
            for task in cr.notifications
        ),
        closed_on=c.closed_on,
        closed_kind=c.closed_kind,
        plan_versions=tuple(c.plans),
        discharged_on=c.discharge["discharged_on"] if c.discharge else None,
        discharge_reason=c.discharge["reason"] if c.discharge else "",
        follow_up_opted_out_on=c.discharge["follow_up_opted_out_on"] if c.discharge else None,
        follow_ups=tuple(rules.FollowUpFacts(months=m, held_on=held) for m, held, _ in c.follow_ups),
        treating_provider_id=centre.id if c.discharge else None,
    )


def deadline_rows(batch: Batch) -> list[Deadline]:
    rows = []
    for citizen in batch.citizens:
        for cr in citizen.courses:
            facts = facts_of(cr, citizen.citizen.birth_date, citizen.centre)
            for spec in rules.course_deadlines(facts, citizen.centre.terms):
                rows.append(
                    Deadline(course_id=cr.course.pk, kind=spec.kind, ref=spec.ref, **stored_fields(spec, cr.course))
                )
    return rows
