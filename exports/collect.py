"""Everything Forløb holds about one citizen, as plain JSON-serialisable data (GDPR art. 15).

``citizen_data(citizen)`` reads the citizen, the people around them, their consents, every
course with all it holds, and the access log (the audit events that name the citizen). The
number of queries is fixed whatever the amount of data: related rows are joined or prefetched,
and the staff users named anywhere are read in one query with their roles.

Records are serialised field by field from the models (``_record``), so a field added to a model
appears in the copy without a change here. Left out: the encrypted CPR number and its search
index (the copy carries the CPR number instead, in full or masked as the user making the copy may
see it: a manager's copy shows DDMMYY-XXXX, so the export is no way around the masking), the
stored letter's file path (``letter_generated`` says whether there is one), and the foreign key
back to the parent record (the nesting says it).

Conventions: a date is ``YYYY-MM-DD``; a time is ISO 8601 in UTC (the access log gives local
time too); a choice is ``{"value": code, "label": text}``; a staff member is their full name
(the username only where no name is registered); other related rows are their name. Labels are
in the active language (``exports.documents`` renders in Danish).

The access log names, for each event, the staff member's full name, their role(s) and the
centre. GDPR art. 15 gives the right to know who received the data; staff in Danish public
administration act in their own name (letters are signed by name), so the copy names them.
Usernames (login identifiers) are left out. The role is the one the event recorded at the time
(``AuditEvent.role``, where the log has it); for an event without one, the staff member's roles
when the copy is made (``roles_recorded_then`` says which).
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments.models import Appointment, ReminderConsent, ReminderSent
from assessments.models import Addendum, Task
from audit.models import AuditEvent
from caseloads.models import CourseAssignment
from citizens.models import Citizen
from citizens.rules import cpr_as_shown
from courses.models import AdviceTalk, Course, WaiverReason
from deadlines.models import Deadline
from decisions.models import Complaint, DecisionRevision
from followups.models import FollowUp
from journal.models import JournalNote, JournalNoteVersion
from organisations.models import Centre, Membership, Role, User
from plans.models import PlanGoal, PlanVersion
from treatment.models import GiftCard, Lapse, ProviderStatus, RelapsePreventionPlan, ResidentialStay, StatusMeeting

# The treatment stages' records of a course: (key in the copy, the course's related name, the
# rows' prefetch query, the fields left out, nested (key, related name) sets of each row).
# A field left out is the link back to its parent, or a link the copy names elsewhere.
TREATMENT_SETS = (
    ("plan_versions", "plan_versions", ("previous_goal",), (("goals", "goals"),)),
    ("appointments", "appointments", ("outreach_task",), (("reminders", "reminders"),)),
    ("reminder_consents", "reminder_consents", (), ()),
    ("gift_cards", "gift_cards", ("centre",), ()),
    ("lapses", "lapses", (), ()),
    ("relapse_prevention_plans", "relapse_plans", (), ()),
    ("residential_stays", "residential_stays", (), (("meetings", "meetings"), ("statuses", "statuses"))),
    ("follow_ups", "follow_ups", (), ()),
)

# The record itself, by the object type the audit log names (definite form, for "Read %(object)s").
OBJECT_NAMES = {
    "citizens.Citizen": gettext_lazy("the record"),
    "citizens.RelatedPerson": gettext_lazy("a related person"),
    "citizens.Consent": gettext_lazy("a consent"),
    "courses.Course": gettext_lazy("the course"),
    "courses.AdviceTalk": gettext_lazy("an advice talk"),
    "courses.TreatmentRequest": gettext_lazy("the treatment request"),
    "courses.GuaranteeWaiver": gettext_lazy("the waiver of the guarantee"),
    "assessments.Assessment": gettext_lazy("the assessment"),
    "assessments.PhysicianConsultation": gettext_lazy("the physician consultation"),
    "assessments.Task": gettext_lazy("a task"),
    "decisions.Decision": gettext_lazy("the decision"),
    "decisions.FreeChoice": gettext_lazy("the free choice of provider"),
    "decisions.Complaint": gettext_lazy("a complaint"),
    "emergency.EmergencyAccess": gettext_lazy("an emergency access to the record"),
    "plans.PlanVersion": gettext_lazy("the treatment plan"),
    "appointments.Appointment": gettext_lazy("an appointment"),
    "treatment.GiftCard": gettext_lazy("a gift card"),
    "treatment.Lapse": gettext_lazy("a lapse or relapse"),
    "treatment.RelapsePreventionPlan": gettext_lazy("the relapse-prevention plan"),
    "treatment.ResidentialStay": gettext_lazy("a residential stay"),
    "discharges.Discharge": gettext_lazy("the discharge"),
    "followups.FollowUp": gettext_lazy("a follow-up after discharge"),
}
PURPOSES = {
    AuditEvent.Action.VIEW: gettext_lazy("Read %(object)s"),
    AuditEvent.Action.CREATE: gettext_lazy("Recorded %(object)s"),
    AuditEvent.Action.UPDATE: gettext_lazy("Changed %(object)s"),
    AuditEvent.Action.DELETE: gettext_lazy("Deleted %(object)s"),
    AuditEvent.Action.EXPORT: gettext_lazy("Made a copy of %(object)s"),
}

_COURSE_ONE_TO_ONE = (
    "request",
    "waiver",
    "assessment",
    "physician_consultation",
    "decision",
    "free_choice",
    "discharge",
)


def citizen_data(citizen: Citizen, *, full_cpr: bool) -> dict[str, Any]:
    """Everything held about ``citizen``, and the access log, as plain data.

    ``full_cpr``: whether the user making the copy may see the full CPR number (``FULL_CPR_ROLES``
    at the citizen's centre); otherwise the copy carries it masked (DDMMYY-XXXX), as the pages do.
    """
    centre = Centre.objects.select_related("municipality").get(pk=citizen.centre_id)
    related_people = list(citizen.related_people.prefetch_related("versions"))
    consents = list(citizen.consents.prefetch_related("versions"))
    notes = list(
        JournalNote.objects.filter(citizen=citizen)
        .prefetch_related(Prefetch("versions", queryset=JournalNoteVersion.objects.order_by("number")))
        .order_by("event_on", "id")
    )
    courses = list(_courses(citizen))
    events = list(AuditEvent.objects.about_citizen(citizen.pk).order_by("occurred_at", "id"))

    rows: list[models.Model] = [citizen, *related_people, *consents, *notes]
    rows += [version for row in [*related_people, *consents, *notes] for version in row.versions.all()]
    for course in courses:
        rows += [course, *course.advice_talks.all(), *course.tasks.all(), *course.deadlines.all()]
        rows += [row for name in _COURSE_ONE_TO_ONE if (row := _related(course, name)) is not None]
        rows += list(course.assignments.all())
        assessment = _related(course, "assessment")
        if assessment is not None:
            rows += list(assessment.addenda.all())
        decision = _related(course, "decision")
        if decision is not None:
            rows += [*decision.complaints.all(), *decision.revisions.all()]
        for _key, related_name, _exclude, nested in TREATMENT_SETS:
            for row in getattr(course, related_name).all():
                rows.append(row)
                rows += [inner for _k, inner_name in nested for inner in getattr(row, inner_name).all()]
    staff = _Staff(_user_ids(rows) | {event.actor_id for event in events if event.actor_id})
    centre_names = _centre_names({centre.pk} | {event.centre_id for event in events if event.centre_id})

    return {
        "held_by": {
            "municipality": centre.municipality.name,
            "centre": centre.name,
            "address": centre.address,
        },
        "citizen": _citizen(citizen, staff, centre, full_cpr=full_cpr),
        "related_people": [_with_versions(person, staff, "citizen", "person") for person in related_people],
        "consents": [_with_versions(consent, staff, "citizen", "consent") for consent in consents],
        "journal_notes": [_with_versions(note, staff, "citizen", "note") for note in notes],
        "courses": [_course(course, staff) for course in courses],
        "access_log": [_event(event, staff, centre_names, citizen) for event in events],
    }


# Reading ----------------------------------------------------------------------------------------


def _courses(citizen: Citizen) -> models.QuerySet[Course]:
    return (
        Course.objects.filter(citizen=citizen)
        .select_related(
            "centre",
            "team__centre",
            "request__standard__municipality",
            "waiver",
            "assessment",
            "physician_consultation",
            "decision__provider",
            "decision__intensity_tier",
            "free_choice__chosen_provider",
            "previous_course",
            "discharge__provider",
        )
        .prefetch_related(
            Prefetch("advice_talks", queryset=AdviceTalk.objects.order_by("held_on", "id")),
            Prefetch("tasks", queryset=Task.objects.order_by("created_on", "id")),
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.select_related("team__centre", "provider").order_by("due_on", "id"),
            ),
            Prefetch("decision__complaints", queryset=Complaint.objects.order_by("received_on", "id")),
            Prefetch("decision__revisions", queryset=DecisionRevision.objects.order_by("id")),
            Prefetch("assessment__addenda", queryset=Addendum.objects.order_by("id")),
            Prefetch("assignments", queryset=CourseAssignment.objects.select_related("team").order_by("id")),
            Prefetch("plan_versions", queryset=PlanVersion.objects.select_related("intensity_tier").order_by("number")),
            Prefetch("plan_versions__goals", queryset=PlanGoal.objects.order_by("order", "id")),
            Prefetch("appointments", queryset=Appointment.objects.order_by("starts_at", "id")),
            Prefetch("appointments__reminders", queryset=ReminderSent.objects.order_by("sent_at", "id")),
            Prefetch("reminder_consents", queryset=ReminderConsent.objects.order_by("given_on", "id")),
            Prefetch("gift_cards", queryset=GiftCard.objects.order_by("issued_on", "id")),
            Prefetch("lapses", queryset=Lapse.objects.order_by("occurred_on", "id")),
            Prefetch("relapse_plans", queryset=RelapsePreventionPlan.objects.order_by("number", "id")),
            Prefetch(
                "residential_stays",
                queryset=ResidentialStay.objects.select_related("provider").order_by("starts_on", "id"),
            ),
            Prefetch("residential_stays__meetings", queryset=StatusMeeting.objects.order_by("planned_on", "id")),
            Prefetch("residential_stays__statuses", queryset=ProviderStatus.objects.order_by("received_on", "id")),
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("months", "id")),
        )
        .order_by("opened_on", "id")
    )


def _related(obj: models.Model, name: str) -> models.Model | None:
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _user_ids(rows: Iterable[models.Model]) -> set[int]:
    ids = set()
    for row in rows:
        for field in row._meta.concrete_fields:
            if field.is_relation and field.related_model is User and getattr(row, field.attname) is not None:
                ids.add(getattr(row, field.attname))
    return ids


def _centre_names(ids: set[int]) -> dict[int, str]:
    return dict(Centre.objects.filter(pk__in=ids).order_by().values_list("pk", "name"))


class _Staff:
    """The staff users named in the data and the log, with their roles, read in two queries."""

    def __init__(self, ids: set[int]) -> None:
        users = User.objects.filter(pk__in=ids).only("pk", "username", "first_name", "last_name")
        self.users = {user.pk: user for user in users} if ids else {}
        self.memberships: dict[int, list[Membership]] = {}
        if ids:
            for membership in Membership.objects.filter(user_id__in=ids).select_related("centre").order_by("pk"):
                self.memberships.setdefault(membership.user_id, []).append(membership)

    def name(self, user_id: int | None, fallback: str = "") -> str:
        user = self.users.get(user_id)
        if user is None:
            return fallback
        return user.get_full_name() or user.get_username()

    def roles(self, user_id: int | None, centre_id: int | None) -> list[dict[str, str]]:
        """The user's roles now at ``centre_id``; where they hold none there, their roles elsewhere."""
        memberships = self.memberships.get(user_id, [])
        here = [m for m in memberships if m.centre_id == centre_id] or memberships
        return [_role(m.role, m.centre.name) for m in here]


def _role(code: str, centre: str) -> dict[str, str]:
    label = Role(code).label if code in Role.values else code
    return {"value": code, "label": str(label), "centre": centre}


# Serialising ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _record(obj: models.Model, staff: _Staff, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """Every concrete field of ``obj`` but ``exclude`` and files, as plain values."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude or isinstance(field, models.FileField):
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            if related_id is None:
                data[field.name] = None
            elif field.related_model is User:
                data[field.name] = staff.name(related_id)
            else:
                data[field.name] = str(getattr(obj, field.name))
        elif field.choices:
            value = getattr(obj, field.attname)
            label = getattr(obj, f"get_{field.name}_display")() if value not in (None, "") else ""
            data[field.name] = {"value": value, "label": str(label)} if value not in (None, "") else None
        else:
            data[field.name] = _plain(getattr(obj, field.attname))
    return data


def _with_versions(obj: models.Model, staff: _Staff, parent: str, back: str) -> dict[str, Any]:
    """The row and its earlier versions (corrections keep history: people, consents, notes)."""
    data = _record(obj, staff, exclude=(parent,))
    data["versions"] = [_record(version, staff, exclude=(back,)) for version in obj.versions.all()]
    return data


def _citizen(citizen: Citizen, staff: _Staff, centre: Centre, *, full_cpr: bool) -> dict[str, Any]:
    data = _record(citizen, staff, exclude=("cpr_encrypted", "cpr_index", "centre"))
    data["cpr"] = cpr_as_shown(citizen.cpr, in_full=full_cpr)
    data["centre"] = centre.name
    return data


def _course(course: Course, staff: _Staff) -> dict[str, Any]:
    data = _record(course, staff, exclude=("citizen",))
    data["advice_talks"] = [_record(talk, staff, exclude=("course",)) for talk in course.advice_talks.all()]
    for key, name in (
        ("treatment_request", "request"),
        ("guarantee_waiver", "waiver"),
        ("assessment", "assessment"),
        ("physician_consultation", "physician_consultation"),
    ):
        row = _related(course, name)
        data[key] = _record(row, staff, exclude=("course",)) if row is not None else None
    if data["assessment"] is not None:
        data["assessment"]["addenda"] = [
            _record(addendum, staff, exclude=("assessment",)) for addendum in course.assessment.addenda.all()
        ]
    data["assignments"] = [_record(row, staff, exclude=("course",)) for row in course.assignments.all()]
    data["tasks"] = [_record(task, staff, exclude=("course",)) for task in course.tasks.all()]
    decision = _related(course, "decision")
    if decision is not None:
        record = _record(decision, staff, exclude=("course",))
        # What was decided, how and when first; then the offer and the reasons (``DecisionContent``).
        data["decision"] = {name: record.pop(name) for name in ("id", "outcome", "form", "decided_on")} | record
        data["decision"]["letter_generated"] = bool(decision.letter)
        data["decision"]["complaints"] = [
            _record(complaint, staff, exclude=("decision",)) for complaint in decision.complaints.all()
        ]
        data["decision"]["earlier_versions"] = [
            _record(revision, staff, exclude=("decision",)) for revision in decision.revisions.all()
        ]
    else:
        data["decision"] = None
    free_choice = _related(course, "free_choice")
    data["free_choice"] = _record(free_choice, staff, exclude=("course",)) if free_choice is not None else None
    data["deadlines"] = [_deadline(deadline, staff) for deadline in course.deadlines.all()]
    for key, related_name, exclude, nested in TREATMENT_SETS:
        data[key] = [_treatment_record(row, staff, exclude, nested) for row in getattr(course, related_name).all()]
    discharge = _related(course, "discharge")
    data["discharge"] = _record(discharge, staff, exclude=("course",)) if discharge is not None else None
    return data


def _treatment_record(row: models.Model, staff: "_Staff", exclude: Iterable[str], nested) -> dict[str, Any]:
    data = _record(row, staff, exclude=("course", *exclude))
    for key, related_name in nested:
        data[key] = [
            _record(inner, staff, exclude=("version", "appointment", "stay", "previous_goal"))
            for inner in getattr(row, related_name).all()
        ]
    return data


def _deadline(deadline: Deadline, staff: _Staff) -> dict[str, Any]:
    data = _record(deadline, staff, exclude=("course", "centre"))
    reason = deadline.waiver_reason
    if reason:  # a plain text field that holds a WaiverReason value
        label = WaiverReason(reason).label if reason in WaiverReason.values else reason
        data["waiver_reason"] = {"value": reason, "label": str(label)}
    else:
        data["waiver_reason"] = None
    return data


def object_name(object_type: str) -> str:
    """The record an event concerns, in words ("the assessment")."""
    if object_type in OBJECT_NAMES:
        return str(OBJECT_NAMES[object_type])
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def purpose(event: AuditEvent) -> str:
    """What the staff member did, in plain words ("Read the record", "Changed the assessment").

    An event that did not succeed (refused, failed) says so after the purpose.
    """
    text = _purpose(event)
    outcome = getattr(event, "outcome", "")  # recorded since the hash chain (audit/0003)
    if outcome and outcome != "success" and event.action != AuditEvent.Action.ACCESS_DENIED:
        text = f"{text} ({event.get_outcome_display().lower()})"
    return text


def _purpose(event: AuditEvent) -> str:
    if not event.object_type and event.changes.get("citizens"):  # a list or search page that showed the citizen
        return _("Saw the citizen in a list or search result")
    if event.object_type == "emergency.EmergencyAccess":
        if event.changes.get("break_the_glass"):
            return _("Opened the record from another centre in an emergency (break-the-glass). Reason: %(reason)s") % {
                "reason": event.changes.get("reason", "")
            }
        if event.changes.get("break_the_glass_reviewed"):
            return _("A manager reviewed an emergency access to the record")
    if event.action == AuditEvent.Action.ACCESS_DENIED:  # a probe from outside, or a page the role does not allow
        return _("Tried to open the record and was refused")
    if event.action == AuditEvent.Action.EXPORT:
        if event.object_type == "citizens.Citizen":
            fmt = str(event.changes.get("format", "")).upper()
            return _("Made the citizen's own copy of the data (%(format)s)") % {"format": fmt}
        if event.object_type == "decisions.Decision":
            if event.changes.get("download"):
                return _("Downloaded the decision letter")
            return _("Generated the decision letter")
    template = PURPOSES.get(event.action)
    if template is None:
        action = AuditEvent.Action(event.action).label if event.action in AuditEvent.Action.values else event.action
        return capfirst(f"{action}: {object_name(event.object_type)}")
    return str(template) % {"object": object_name(event.object_type)}


def _event(event: AuditEvent, staff: _Staff, centre_names: dict[int, str], citizen: Citizen) -> dict[str, Any]:
    centre_id = event.centre_id or citizen.centre_id
    local = timezone.localtime(event.occurred_at)
    recorded = getattr(event, "role", "")  # the roles at the time, since audit/0003
    # Without a centre on the event, the recorded roles are the actor's roles at all their centres.
    centre_then = centre_names.get(event.centre_id, "") if event.centre_id else ""
    roles_then = [_role(code, centre_then) for code in recorded.split(",") if code]
    return {
        "occurred_at_utc": event.occurred_at.astimezone(datetime.UTC).isoformat(),
        "occurred_at_local": local.isoformat(),
        "action": event.action,
        "purpose": purpose(event),
        "outcome": getattr(event, "outcome", "") or None,  # recorded since audit/0003
        "object_type": event.object_type,
        "object": object_name(event.object_type),
        "object_id": event.object_id,
        "centre": centre_names.get(centre_id, ""),
        "actor": {
            "name": staff.name(event.actor_id, fallback=event.actor_username),
            "roles": roles_then or staff.roles(event.actor_id, centre_id),
            "roles_recorded_then": bool(roles_then),
        },
    }
