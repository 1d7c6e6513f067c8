"""The assessment page, the physician consultation and the tasks: thin views over the services.

Every view reads the course through ``course_for_user`` (another centre's course is "not found"),
which checks the role at the course's own centre and logs the read of the citizen; the assessment
and the physician consultation pages log the object they show instead.
"""

from datetime import date
from functools import partial

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from courses.selectors import course_for_user
from deadlines.models import DeadlineKind
from forlob.forms import add_service_errors, submit
from organisations.access import get_or_404, has_role, role_required, scope_to_centres
from organisations.models import Role

from . import documents, rules, services
from .forms import (
    ADDENDUM_FORMS,
    COMPLETION,
    SECTION_TITLES,
    AssessmentForm,
    FeedbackAddendumForm,
    PhysicianConsultationForm,
    TaskDoneForm,
)
from .models import Addendum, AddendumKind, Assessment, Task

READ_ROLES = (Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.MANAGER)
WRITE_ROLES = (Role.VISITATOR, Role.THERAPIST, Role.PHYSICIAN)
# The citizen is told of the right to a physician consultation at the request; the physician holds it.
PHYSICIAN_WRITE_ROLES = (Role.VISITATOR, Role.PHYSICIAN)


def _related(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _course(request: HttpRequest, course_pk: int, *, roles=READ_ROLES, audit: bool = True) -> Course:
    """The course in the user's scope (else 404), read by someone with one of ``roles`` at its
    centre (else 403); the read is logged unless the page logs what it shows itself."""
    return course_for_user(request.user, course_pk, roles=roles, audit=audit)


def _may(request: HttpRequest, course: Course, roles) -> bool:
    return has_role(request.user, roles, centre_id=course.centre_id)


def _audit_view(request: HttpRequest, obj, course: Course) -> None:
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=obj,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
    )


def _display(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if value in (None, ""):
        return "–"
    return str(value)


def _row(assessment: Assessment, name: str) -> dict:
    field = Assessment._meta.get_field(name)
    row = {"name": name, "label": capfirst(field.verbose_name), "value": "", "items": []}
    if name == "instrument_results":
        row["items"] = list(assessment.instrument_results.items())
        row["value"] = "" if row["items"] else "–"
    elif field.choices:
        row["value"] = _display(getattr(assessment, f"get_{name}_display")() if getattr(assessment, name) else "")
    else:
        row["value"] = _display(getattr(assessment, name))
    return row


def _summary(assessment: Assessment, addenda: list[Addendum]) -> list[dict]:
    """The assessment as it was, section by section (label/value rows), for reading (completed, or a
    reader without write access); each section names the corrections made to it later."""
    sections = []
    for number, (key, names) in enumerate(rules.SECTIONS):
        sections.append(
            {
                "key": key,
                "number": number or None,
                "title": SECTION_TITLES[key],
                "source": rules.SECTION_SOURCES[key],
                "rows": [_row(assessment, name) for name in names],
                "corrections": [a for a in addenda if a.kind == AddendumKind.CORRECTION and a.section == key],
            }
        )
    sections.append(
        {
            "key": COMPLETION,
            "number": None,
            "title": _("Completion"),
            "source": "G3.5.3; G3.5.7",
            "rows": [_row(assessment, "completed_on"), _row(assessment, "feedback_given_on")],
            "corrections": [],
            "feedback": [a for a in addenda if a.kind == AddendumKind.FEEDBACK],
        }
    )
    return sections


def _context(course: Course, **extra) -> dict:
    return {"course": course, "citizen": course.citizen, **extra}


def _assessment_page(request: HttpRequest, course: Course, *, form=None, addendum_form=None) -> HttpResponse:
    """The assessment page: the form while it may be changed, else the assessment as it was with its
    addenda (and, for those who may write, the forms to add one)."""
    assessment = _related(course, "assessment")
    request_ = _related(course, "request")
    can_write = _may(request, course, WRITE_ROLES)
    editable = can_write and course.state == CourseState.REQUESTED
    if form is None and editable:
        initial = model_to_dict(assessment, AssessmentForm.Meta.fields) if assessment else {}
        initial.setdefault("started_on", timezone.localdate())
        initial["completed_on"] = timezone.localdate()
        form = AssessmentForm(initial=initial, standard_instruments=request_.standard.instruments if request_ else None)
    addenda = list(assessment.addenda.select_related("recorded_by")) if assessment else []
    may_add = bool(can_write and assessment and assessment.completed_on)
    addendum_forms = {}
    if may_add:
        for kind, form_class in ADDENDUM_FORMS.items():
            bound = addendum_form if addendum_form is not None and addendum_form.kind == kind else None
            addendum_forms[kind] = bound or form_class(
                initial={"feedback_given_on": timezone.localdate()} if kind == AddendumKind.FEEDBACK else None
            )
    missing = rules.missing_by_section(assessment.answers() if assessment else rules.Answers())
    context = _context(
        course,
        assessment=assessment,
        form=form if editable or form is not None else None,
        sections=form.sections(missing) if form is not None else None,
        summary=_summary(assessment, addenda) if assessment and form is None else None,
        addenda=addenda,
        feedback_form=addendum_forms.get(AddendumKind.FEEDBACK),
        correction_form=addendum_forms.get(AddendumKind.CORRECTION),
        error_form=addendum_form,
        awaits_request=request_ is None,
        deadline=course.deadlines.filter(kind="assessment").first(),
        today=timezone.localdate(),
    )
    return render(request, "assessments/assessment_form.html", context)


@role_required(*READ_ROLES)
def assessment_edit(request: HttpRequest, course_pk: int) -> HttpResponse:
    """GET: the assessment (a form in sections while it may be changed). POST: save the draft; with
    ``action=complete`` also complete it, showing on the fields what is still missing."""
    course = _course(request, course_pk, audit=False)
    assessment = _related(course, "assessment")
    if request.method != "POST":
        _audit_view(request, assessment or course, course)
        return _assessment_page(request, course)
    if not _may(request, course, WRITE_ROLES):
        raise PermissionDenied
    _audit_view(request, assessment or course, course)
    request_ = _related(course, "request")
    form = AssessmentForm(request.POST, standard_instruments=request_.standard.instruments if request_ else None)
    if form.is_valid():
        try:
            services.assessment_save(course=course, by=request.user, **form.answers())
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            if request.POST.get("action") != "complete":
                messages.success(request, _("The draft is saved."))
                return redirect("assessments:edit", course.pk)
            try:
                completed_on = form.cleaned_data["completed_on"]
                services.assessment_complete(course=course, by=request.user, completed_on=completed_on)
            except ValidationError as refused:
                add_service_errors(form, refused)
                messages.info(request, _("The draft is saved, but the assessment cannot be completed yet."))
            else:
                messages.success(request, _("The assessment is completed."))
                return redirect("assessments:tasks", course.pk)
    course.refresh_from_db()
    return _assessment_page(request, course, form=form)


@role_required(*WRITE_ROLES)
@require_POST
def addendum_add(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Add to a completed assessment: the feedback date (``kind=feedback``) or a correction
    (``kind=correction``). A refusal shows the assessment page with the form and its errors."""
    course = _course(request, course_pk, roles=WRITE_ROLES, audit=False)
    assessment = _related(course, "assessment")
    _audit_view(request, assessment or course, course)
    kind = request.POST.get("kind")
    form_class = ADDENDUM_FORMS.get(kind, FeedbackAddendumForm)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            services.assessment_addendum_add(course=course, by=request.user, kind=form.kind, **form.cleaned_data)
        except ValidationError as refused:
            if not hasattr(refused, "error_dict"):
                messages.error(request, " ".join(refused.messages))
                return redirect("assessments:edit", course.pk)
            add_service_errors(form, refused)
        else:
            messages.success(request, _("The addendum is added to the assessment."))
            return redirect(reverse("assessments:edit", args=[course.pk]) + "#addenda")
    return _assessment_page(request, course, addendum_form=form)


@role_required(*READ_ROLES)
def physician_consultation(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The right to a free physician consultation: told on, the answer, held on (SUL §142; G3.4.5)."""
    course = _course(request, course_pk, audit=False)
    consultation = _related(course, "physician_consultation")
    can_write = _may(request, course, PHYSICIAN_WRITE_ROLES) and course.state != CourseState.CLOSED
    if request.method == "POST":
        if not _may(request, course, PHYSICIAN_WRITE_ROLES):
            raise PermissionDenied
        _audit_view(request, consultation or course, course)
        form = PhysicianConsultationForm(request.POST)
        step = partial(services.physician_consultation_record, course=course, by=request.user)
        if submit(request, form, step, saved=_("The physician consultation is saved.")).done:
            return redirect("assessments:physician", course.pk)
        can_write = True
    else:
        _audit_view(request, consultation or course, course)
        initial = (
            model_to_dict(consultation, PhysicianConsultationForm.Meta.fields)
            if consultation
            else {"informed_on": timezone.localdate()}
        )
        form = PhysicianConsultationForm(initial=initial)
    context = _context(course, consultation=consultation, form=form if can_write else None)
    return render(request, "assessments/physician_form.html", context)


def _task_page(request: HttpRequest, course: Course, *, bound: TaskDoneForm | None = None) -> HttpResponse:
    """Every task of the course; a child-welfare notification with its deadline and state (the
    deadline engine's row, shown by the ``deadline_status`` tag like the worklist) and its template."""
    can_write = _may(request, course, WRITE_ROLES)
    tasks = list(course.tasks.select_related("done_by"))
    deadlines = {d.ref: d for d in course.deadlines.filter(kind=DeadlineKind.CHILD_NOTIFICATION)}
    today = timezone.localdate()
    for task in tasks:
        task.deadline = deadlines.get(str(task.pk)) if task.kind == rules.CHILD_NOTIFICATION else None
        if task.done_on is None and can_write:
            task.form = bound if bound is not None and bound.prefix == f"task-{task.pk}" else None
            task.form = task.form or TaskDoneForm(task=task, initial={"done_on": today})
        else:
            task.form = None
    context = _context(course, tasks=tasks, can_write=can_write, error_form=bound, today=today)
    return render(request, "assessments/task_list.html", context)


@role_required(*READ_ROLES)
def task_list(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The tasks the assessment called for, each with a small form to mark it done."""
    course = _course(request, course_pk)  # the read is logged there
    return _task_page(request, course)


@role_required(*WRITE_ROLES)
@require_POST
def task_done(request: HttpRequest, task_pk: int) -> HttpResponse:
    """Mark one task done (a child-welfare notification names its recipient)."""
    task = get_or_404(
        scope_to_centres(Task.objects.all(), request.user, roles=WRITE_ROLES, centre_path="course__centre"), pk=task_pk
    )
    course = _course(request, task.course_id, roles=WRITE_ROLES)
    form = TaskDoneForm(request.POST, task=task)
    if form.is_valid():
        try:
            services.task_done(task=task, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            if not hasattr(refused, "error_dict"):  # e.g. already done: the task has no form any more
                messages.error(request, " ".join(refused.messages))
                return redirect("assessments:tasks", course.pk)
            add_service_errors(form, refused)
        else:
            messages.success(request, _("The task is marked done."))
            return redirect("assessments:tasks", course.pk)
    return _task_page(request, course, bound=form)


def _notification_task(request: HttpRequest, task_pk: int) -> tuple[Task, Course]:
    """A child-welfare notification task of a course the user may write on (else 404/403)."""
    task = get_or_404(
        scope_to_centres(
            Task.objects.filter(kind=rules.CHILD_NOTIFICATION),
            request.user,
            roles=WRITE_ROLES,
            centre_path="course__centre",
        ),
        pk=task_pk,
    )
    course = _course(request, task.course_id, roles=WRITE_ROLES, audit=False)
    return task, course


@role_required(*WRITE_ROLES)
def notification(request: HttpRequest, task_pk: int) -> HttpResponse:
    """The text of the notification to the child's home municipality, filled from the case, to copy
    into the municipality's form or to print (Barnets lov §133, formerly SEL §153)."""
    task, course = _notification_task(request, task_pk)
    _audit_view(request, task, course)
    content = documents.notification_content(task, worker=request.user)
    context = _context(
        course,
        task=task,
        deadline=course.deadlines.filter(kind=DeadlineKind.CHILD_NOTIFICATION, ref=str(task.pk)).first(),
        today=timezone.localdate(),
        letter=documents.notification_body_html(content),  # a SafeString from Django's escaping templates
        to_add=content["to_add"],
        source=content["source"],
    )
    return render(request, "assessments/notification.html", context)


@role_required(*WRITE_ROLES)
def notification_pdf(request: HttpRequest, task_pk: int) -> HttpResponse:
    """The notification as a PDF to print or attach; every download is audited as an export."""
    task, course = _notification_task(request, task_pk)
    pdf = documents.notification_pdf(documents.notification_content(task, worker=request.user))
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        obj=task,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={"document": "child_notification", "download": True},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="underretning-{task.created_on:%Y-%m-%d}.pdf"'
    return response
