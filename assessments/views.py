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
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from courses.selectors import course_for_user
from forlob.forms import add_service_errors, submit
from organisations.access import get_or_404, has_role, role_required, scope_to_centres
from organisations.models import Role

from . import services
from .forms import AssessmentForm, PhysicianConsultationForm, TaskDoneForm
from .models import Assessment, Task

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


def _summary(assessment: Assessment) -> list[dict]:
    """The assessment as label/value rows, for reading (completed, or a reader without write access)."""
    rows = []
    for name in AssessmentForm.Meta.fields:
        field = Assessment._meta.get_field(name)
        row = {"label": capfirst(field.verbose_name), "value": "", "items": []}
        if name == "instrument_results":
            row["items"] = list(assessment.instrument_results.items())
            row["value"] = "" if row["items"] else "–"
        elif field.choices:
            row["value"] = _display(getattr(assessment, f"get_{name}_display")() if getattr(assessment, name) else "")
        else:
            row["value"] = _display(getattr(assessment, name))
        rows.append(row)
    return rows


def _context(course: Course, **extra) -> dict:
    return {"course": course, "citizen": course.citizen, **extra}


@role_required(*READ_ROLES)
def assessment_edit(request: HttpRequest, course_pk: int) -> HttpResponse:
    """GET: the assessment (a form while it may be changed). POST: save the draft; with
    ``action=complete`` also complete it, showing on the fields what is still missing."""
    course = _course(request, course_pk, audit=False)
    assessment = _related(course, "assessment")
    request_ = _related(course, "request")
    editable = _may(request, course, WRITE_ROLES) and course.state == CourseState.REQUESTED
    standard_instruments = request_.standard.instruments if request_ else None
    form = None
    if request.method == "POST":
        if not _may(request, course, WRITE_ROLES):
            raise PermissionDenied
        _audit_view(request, assessment or course, course)
        form = AssessmentForm(request.POST, standard_instruments=standard_instruments)
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
                    services.assessment_complete(
                        course=course, by=request.user, completed_on=form.cleaned_data["completed_on"]
                    )
                except ValidationError as refused:
                    add_service_errors(form, refused)
                    messages.info(request, _("The draft is saved, but the assessment cannot be completed yet."))
                else:
                    messages.success(request, _("The assessment is completed."))
                    return redirect("assessments:tasks", course.pk)
        editable = True
    else:
        _audit_view(request, assessment or course, course)
        if editable:
            initial = model_to_dict(assessment, AssessmentForm.Meta.fields) if assessment else {}
            initial.setdefault("started_on", timezone.localdate())
            initial["completed_on"] = timezone.localdate()
            form = AssessmentForm(initial=initial, standard_instruments=standard_instruments)
    context = _context(
        course,
        assessment=assessment,
        form=form if editable else None,
        summary=_summary(assessment) if assessment and not editable else None,
        awaits_request=request_ is None,
        deadline=course.deadlines.filter(kind="assessment").first(),
    )
    return render(request, "assessments/assessment_form.html", context)


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
    can_write = _may(request, course, WRITE_ROLES)
    tasks = list(course.tasks.select_related("done_by"))
    today = timezone.localdate()
    for task in tasks:
        if task.done_on is None and can_write:
            task.form = bound if bound is not None and bound.prefix == f"task-{task.pk}" else None
            task.form = task.form or TaskDoneForm(task=task, initial={"done_on": today})
        else:
            task.form = None
    context = _context(course, tasks=tasks, can_write=can_write, error_form=bound)
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
