"""The citizen's own copy as JSON (for machines) and as a Danish PDF (for the citizen).

Both are made from the same data (``collect.citizen_data``), always in Danish whatever the
user's language. The PDF follows the decision letter (``decisions.letters``): an HTML template
rendered under ``translation.override("da")``, then WeasyPrint; it is written as PDF/UA (tagged,
with language and title) so that a screen reader can read it. ``copy_html`` is separate so that
tests can read the text.

The PDF labels every value with the model field's own (translated) name and formats it from the
field's type: dates as "j. F Y", times in Danish time, yes/no, choices by their label. Empty
values are left out of the PDF for readability; the JSON has every field.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from appointments.models import Appointment, ReminderConsent
from assessments.models import Addendum, Assessment, PhysicianConsultation, Task
from audit.models import AuditEvent
from caseloads.models import CourseAssignment
from citizens.models import Citizen, Consent, ConsentVersion, RelatedPerson, RelatedPersonVersion
from courses.models import AdviceTalk, Course, GuaranteeWaiver, TreatmentRequest
from deadlines.models import Deadline
from decisions.models import Complaint, Decision, DecisionRevision, FreeChoice
from discharges.models import Discharge
from followups.models import FollowUp
from forlob.documents import document_pdf
from journal.models import JournalNote, JournalNoteVersion
from plans.models import PlanGoal, PlanVersion
from treatment.models import GiftCard, Lapse, ProviderStatus, RelapsePreventionPlan, ResidentialStay, StatusMeeting

from .collect import citizen_data

STYLESHEET = Path(__file__).with_name("document.css")  # a file, not a <style>: no template carries CSS

LANGUAGE = "da"
SCHEMA = "forlob.citizen-copy"
SCHEMA_VERSION = 1
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"

# Labels for fields whose model gives no translated name, and for values that are not fields.
LABELS = {
    "recorded_by": gettext_lazy("recorded by"),
    "recorded_at": gettext_lazy("recorded at"),
    "created_at": gettext_lazy("registered at"),
    "updated_at": gettext_lazy("last changed at"),
    "responsible": gettext_lazy("responsible worker"),
    "team": gettext_lazy("team"),
    "cpr": gettext_lazy("CPR number"),
    "letter_generated": gettext_lazy("a letter has been generated"),
}
# Internal identifiers: in the JSON, not in the citizen's document.
PDF_SKIP = {"id", "ref"}
CITIZEN_FIRST = ("first_name", "last_name", "cpr", "birth_date")


@dataclass
class Block:
    """One heading of the document with its label/value rows, or a table, or an "empty" text."""

    level: int
    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    empty: str = ""
    note: str = ""
    section: str = ""


# JSON -------------------------------------------------------------------------------------------


def export_json(citizen: Citizen, *, full_cpr: bool) -> bytes:
    """The copy as UTF-8 JSON, indented, with the schema, its version and the time it was made.

    ``full_cpr``: the CPR number in full, or masked (``collect.citizen_data``).
    """
    with translation.override(LANGUAGE):
        data = citizen_data(citizen, full_cpr=full_cpr)
    document = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().astimezone(datetime.UTC).isoformat(),
        "language": LANGUAGE,
        **data,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# PDF --------------------------------------------------------------------------------------------


def copy_html(citizen: Citizen, *, full_cpr: bool) -> str:
    """The copy as HTML, always in Danish; ``full_cpr`` as for ``export_json``."""
    with translation.override(LANGUAGE):
        data = citizen_data(citizen, full_cpr=full_cpr)
        centre = citizen.centre
        context = {
            # The letterhead (includes/letterhead.html): the citizen by name, the centre and its
            # municipality, each named once; no address (it may be protected) and no CPR number.
            "citizen": citizen,
            "centre": centre,
            "municipality": centre.municipality,
            "held_by": data["held_by"],
            "generated_at": timezone.localtime(),
            "blocks": blocks(data),
        }
        return render_to_string("exports/copy.html", context)


def export_pdf(citizen: Citizen, *, full_cpr: bool) -> bytes:
    """The copy as a tagged PDF (PDF/UA-1); ``full_cpr`` as for ``export_json``."""
    return document_pdf(copy_html(citizen, full_cpr=full_cpr), STYLESHEET, pdf_variant="pdf/ua-1")


def blocks(data: dict[str, Any]) -> list[Block]:
    """The document's sections in reading order (the template adds the purpose and the rights)."""
    citizen = data["citizen"]
    ordered = {name: citizen[name] for name in CITIZEN_FIRST} | citizen
    result = [Block(2, _("Personal details"), rows=rows(Citizen, ordered))]

    result.append(Block(2, _("Related people"), empty="" if data["related_people"] else _("None recorded.")))
    for person in data["related_people"]:
        result.append(Block(3, person["name"], rows=rows(RelatedPerson, person)))
        result += _versions(RelatedPersonVersion, person)

    result.append(Block(2, _("Consents"), empty="" if data["consents"] else _("None recorded.")))
    for consent in data["consents"]:
        result.append(Block(3, consent["recipient"], rows=rows(Consent, consent)))
        result += _versions(ConsentVersion, consent)

    result.append(Block(2, _("Journal notes"), empty="" if data["journal_notes"] else _("None recorded.")))
    for note in data["journal_notes"]:
        result.append(Block(3, _titled(JournalNote, note["event_on"]), rows=rows(JournalNote, note)))
        for version in note["versions"]:
            title = f"{_('version')} {version['number']}"
            result.append(Block(4, title, rows=rows(JournalNoteVersion, version)))

    result.append(Block(2, _("Courses"), empty="" if data["courses"] else _("None recorded.")))
    for course in data["courses"]:
        result += _course_blocks(course)

    result.append(_access_log(data["access_log"]))
    return result


def _versions(model: type[models.Model], row: dict[str, Any]) -> list[Block]:
    """The earlier versions of a corrected row (a related person, a consent), oldest first."""
    return [Block(4, _titled(model), rows=rows(model, version)) for version in row["versions"]]


def _course_blocks(course: dict[str, Any]) -> list[Block]:
    heading = f"{_label_of(course['kind'])} – {_date(course['opened_on'])}"
    result = [Block(3, heading, rows=rows(Course, course))]
    for talk in course["advice_talks"]:
        result.append(Block(4, _titled(AdviceTalk, talk["held_on"]), rows=rows(AdviceTalk, talk)))
    for key, model in (
        ("treatment_request", TreatmentRequest),
        ("guarantee_waiver", GuaranteeWaiver),
        ("assessment", Assessment),
        ("physician_consultation", PhysicianConsultation),
    ):
        if course[key]:
            result.append(Block(4, _titled(model), rows=rows(model, course[key])))
    if course["assessment"]:
        result += [Block(5, _titled(Addendum), rows=rows(Addendum, row)) for row in course["assessment"]["addenda"]]
    for task in course["tasks"]:
        result.append(Block(4, f"{_titled(Task)}: {_label_of(task['kind'])}", rows=rows(Task, task)))
    decision = course["decision"]
    if decision:
        result.append(Block(4, _titled(Decision), rows=rows(Decision, decision)))
        result += [
            Block(5, _titled(DecisionRevision), rows=rows(DecisionRevision, row))
            for row in decision["earlier_versions"]
        ]
        for complaint in decision["complaints"]:
            result.append(Block(4, _titled(Complaint, complaint["received_on"]), rows=rows(Complaint, complaint)))
    if course["free_choice"]:
        result.append(Block(4, _titled(FreeChoice), rows=rows(FreeChoice, course["free_choice"])))
    if course["assignments"]:
        names = ("assigned_at", "kind", "responsible", "team", "assigned_by")
        result.append(
            Block(
                4,
                capfirst(CourseAssignment._meta.verbose_name_plural),
                columns=[_field_label(CourseAssignment, name) for name in names],
                table=[[_display(CourseAssignment, n, row[n]) or "–" for n in names] for row in course["assignments"]],
            )
        )
    result += _treatment_blocks(course)
    if course["deadlines"]:
        names = ("kind", "due_on", "local_due_on", "met_on", "waived_on", "waiver_reason", "source")
        result.append(
            Block(
                4,
                capfirst(Deadline._meta.verbose_name_plural),
                columns=[_field_label(Deadline, name) for name in names],
                table=[[_display(Deadline, name, row[name]) or "–" for name in names] for row in course["deadlines"]],
            )
        )
    return result


def _treatment_blocks(course: dict[str, Any]) -> list[Block]:
    """The treatment stages: plan versions with their goals, appointments, gift cards, lapses, the
    relapse-prevention plan, residential stays, the discharge and the follow-ups."""
    result = []
    for version in course["plan_versions"]:
        title = f"{_titled(PlanVersion, version['made_on'])} ({_('version')} {version['number']})"
        result.append(Block(4, title, rows=rows(PlanVersion, version)))
        for number, goal in enumerate(version["goals"], start=1):
            result.append(Block(5, f"{_titled(PlanGoal)} {number}", rows=rows(PlanGoal, goal)))
    if course["appointments"]:
        names = ("starts_at", "kind", "place", "attendance")
        result.append(
            Block(
                4,
                capfirst(Appointment._meta.verbose_name_plural),
                columns=[_field_label(Appointment, name) for name in names],
                table=[[_display(Appointment, n, row[n]) or "–" for n in names] for row in course["appointments"]],
            )
        )
    for key, model in (
        ("reminder_consents", ReminderConsent),
        ("gift_cards", GiftCard),
        ("lapses", Lapse),
        ("relapse_prevention_plans", RelapsePreventionPlan),
    ):
        result += [Block(4, _titled(model), rows=rows(model, row)) for row in course[key]]
    for stay in course["residential_stays"]:
        result.append(Block(4, _titled(ResidentialStay, stay["starts_on"]), rows=rows(ResidentialStay, stay)))
        result += [Block(5, _titled(StatusMeeting), rows=rows(StatusMeeting, m)) for m in stay["meetings"]]
        result += [Block(5, _titled(ProviderStatus), rows=rows(ProviderStatus, st)) for st in stay["statuses"]]
    if course["discharge"]:
        result.append(Block(4, _titled(Discharge), rows=rows(Discharge, course["discharge"])))
    result += [Block(4, _titled(FollowUp, row["held_on"]), rows=rows(FollowUp, row)) for row in course["follow_ups"]]
    return result


def _access_log(events: list[dict[str, Any]]) -> Block:
    """The log as a table. The same purpose by the same person on the same day is one line with
    the number of times and the span of time: readable, and quick to render (WeasyPrint lays out
    some hundred rows a second). The JSON has every entry."""
    columns = [
        capfirst(AuditEvent._meta.get_field("occurred_at").verbose_name),
        capfirst(AuditEvent._meta.get_field("actor").verbose_name),
        _("Purpose"),
    ]
    lines: dict[tuple[datetime.date, str, str], list[datetime.datetime]] = {}
    for event in events:
        at = timezone.localtime(datetime.datetime.fromisoformat(event["occurred_at_utc"]))
        lines.setdefault((at.date(), _who(event["actor"]), event["purpose"]), []).append(at)
    table = []
    for (_day, who, what), times in lines.items():
        when = dateformat.format(times[0], DATETIME_FORMAT)
        if len(times) > 1:
            until = dateformat.format(times[-1], "H:i")
            when = when if when.endswith(until) else f"{when}–{until}"
            count = ngettext("%(count)d time", "%(count)d times", len(times)) % {"count": len(times)}
            what = f"{what} ({count})"
        table.append([when, who, what])
    return Block(
        2,
        _("Access log"),
        columns=columns,
        table=table,
        empty="" if events else _("None recorded."),
        note=_(
            "Times are Danish time. The same action by the same person on the same day is shown on one line, "
            "with the number of times. The role is the one the log recorded at the time; where it recorded none, "
            "the role the member of staff has when this copy is made."
        ),
        section="access_log",
    )


def _who(actor: dict[str, Any]) -> str:
    roles = "; ".join(", ".join(part for part in (role["label"], role["centre"]) if part) for role in actor["roles"])
    return f"{actor['name']} ({roles})" if roles else actor["name"]


# Values -----------------------------------------------------------------------------------------


def rows(model: type[models.Model], data: dict[str, Any]) -> list[tuple[str, str]]:
    """Label/value rows for the non-empty values of ``data`` that belong to ``model`` itself."""
    result = []
    for name, value in data.items():
        model_field = _model_field(model, name)
        own = name in LABELS if model_field is None else model_field.concrete
        if name in PDF_SKIP or not own:  # nested records (a course's decision) are blocks of their own
            continue
        shown = _display(model, name, value)
        if shown:
            result.append((_field_label(model, name), shown))
    return result


def _model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a value that is not a field ("cpr", "letter_generated")
        return None


def _field_label(model: type[models.Model], name: str) -> str:
    model_field = _model_field(model, name)
    label = getattr(model_field, "verbose_name", None)
    if not isinstance(label, Promise):
        label = LABELS.get(name, label or name)
    return capfirst(str(label))


def _display(model: type[models.Model], name: str, value: Any) -> str:
    """The value as the citizen reads it; "" for an empty value."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict) and "label" in value:
        return value["label"]
    model_field = _model_field(model, name)
    if isinstance(model_field, models.DateTimeField):
        return _datetime(value)
    if isinstance(model_field, models.DateField):
        return _date(value)
    if isinstance(value, dict):
        return "\n".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _label_of(choice: dict[str, str] | None) -> str:
    return choice["label"] if choice else ""


def _date(value: str) -> str:
    return dateformat.format(datetime.date.fromisoformat(value), DATE_FORMAT)


def _datetime(value: str) -> str:
    return dateformat.format(timezone.localtime(datetime.datetime.fromisoformat(value)), DATETIME_FORMAT)


def _titled(model: type[models.Model], on: str | None = None) -> str:
    name = capfirst(model._meta.verbose_name)
    return f"{name} {_date(on)}" if on else name
