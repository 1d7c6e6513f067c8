"""Whose record a refused request pointed at: the citizen and the centre behind a record URL.

A refused access is logged with the record's citizen and centre, so that it appears on that
citizen's access log and on the centre's list of refused attempts, where the centre's manager
sees it. The lookup ignores the user's scope on purpose, and only the log ever sees its result:
the prober still gets the same 404 (or 403) whether or not the record exists.
"""

from typing import NamedTuple

from django.apps import apps

# The largest id a database integer column holds; a larger number in a URL names no record.
MAX_ID = 2**63 - 1


class Owner(NamedTuple):
    citizen_id: int | None
    centre_id: int | None


# (URL namespace or view name, URL argument) -> (model, lookup of its citizen id, of its centre id).
# A view name overrides its namespace (the consent URL's "pk" is a consent, not a citizen).
RECORD_ARGUMENTS = {
    ("citizens", "pk"): ("citizens.Citizen", "pk", "centre_id"),
    ("citizens:consent_withdraw", "pk"): ("citizens.Consent", "citizen_id", "citizen__centre_id"),
    ("citizens:consent_edit", "pk"): ("citizens.Consent", "citizen_id", "citizen__centre_id"),
    ("citizens:person_edit", "pk"): ("citizens.RelatedPerson", "citizen_id", "citizen__centre_id"),
    ("courses", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("courses", "citizen_pk"): ("citizens.Citizen", "pk", "centre_id"),
    ("assessments", "course_pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("assessments", "task_pk"): ("assessments.Task", "course__citizen_id", "course__centre_id"),
    ("decisions", "course_pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("decisions", "complaint_pk"): (
        "decisions.Complaint",
        "decision__course__citizen_id",
        "decision__course__centre_id",
    ),
    ("exports", "citizen_pk"): ("citizens.Citizen", "pk", "centre_id"),
    ("audit", "citizen_pk"): ("citizens.Citizen", "pk", "centre_id"),
    ("plans", "course_pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("plans", "pk"): ("plans.PlanVersion", "course__citizen_id", "course__centre_id"),
    ("appointments:book", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("appointments:consent", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("appointments", "pk"): ("appointments.Appointment", "course__citizen_id", "course__centre_id"),
    ("treatment:gift_card_add", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("treatment:lapse_add", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("treatment:relapse_plan", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("treatment:stay_add", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("treatment", "pk"): ("treatment.ResidentialStay", "course__citizen_id", "course__centre_id"),
    ("discharges", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("followups", "pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("journal", "citizen_pk"): ("citizens.Citizen", "pk", "centre_id"),
    ("journal", "course_pk"): ("courses.Course", "citizen_id", "centre_id"),
    ("journal", "note_pk"): ("journal.JournalNote", "citizen_id", "citizen__centre_id"),
    ("timeline", "pk"): ("citizens.Citizen", "pk", "centre_id"),
    ("caseloads:reassign", "pk"): ("courses.Course", "citizen_id", "centre_id"),
}

NO_OWNER = Owner(None, None)


def record_owner(match) -> Owner:
    """The citizen and centre of the record that a resolved URL names, or ``NO_OWNER``.

    ``NO_OWNER`` when the URL names no record, the id is out of range or no such record exists.
    """
    if match is None:
        return NO_OWNER
    for argument, value in match.kwargs.items():
        target = RECORD_ARGUMENTS.get((match.view_name, argument)) or RECORD_ARGUMENTS.get((match.namespace, argument))
        if target is None:
            continue
        if not isinstance(value, int) or not 0 < value <= MAX_ID:
            return NO_OWNER
        label, citizen_lookup, centre_lookup = target
        model = apps.get_model(label)
        row = model._base_manager.filter(pk=value).values_list(citizen_lookup, centre_lookup).first()
        return Owner(*row) if row else NO_OWNER
    return NO_OWNER
