"""A course's page and its steps: contact and advice, request, waiver, treatment start, closing."""

from collections.abc import Callable
from functools import partial

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_read
from citizens.selectors import citizen_for_user
from deadlines.models import DeadlineKind
from forlob.citations import law_citation
from forlob.forms import submit
from organisations.access import has_role, role_required, roles_of
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES

from . import forms, services
from .selectors import course_for_user


def _related(obj, name):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


@role_required(*CASEWORK_ROLES)
def course_open(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    citizen = citizen_for_user(request.user, citizen_pk, audit=False)
    if not has_role(request.user, CASEWORK_ROLES, centre_id=citizen.centre_id):
        raise PermissionDenied
    # The form page names the citizen: a read, logged once the role is checked.
    audit_read(actor=request.user, obj=citizen, citizen_id=citizen.pk, centre_id=citizen.centre_id)
    form = forms.CourseOpenForm(request.POST or None, initial={"first_contact_on": timezone.localdate()})
    opened = submit(request, form, partial(services.course_open, citizen=citizen, by=request.user))
    if opened.done:
        return redirect("courses:detail", opened.result.pk)
    return render(
        request,
        "form_page.html",
        {
            "title": _("Record a contact"),
            "intro": str(citizen),
            "form": form,
            "submit_label": _("Open the course"),
            "back_url": reverse("citizens:detail", args=[citizen.pk]),
            "back_label": _("Back to the citizen"),
        },
    )


def _may(user, course, roles) -> bool:
    return has_role(user, roles, centre_id=course.centre_id)


def step_permissions(user, course) -> dict[str, bool]:
    """Which of the course page's action links the user may follow, by the roles each step's view
    and service require at the course's own centre: nobody is sent to a page they cannot use."""
    from assessments.views import PHYSICIAN_WRITE_ROLES
    from assessments.views import WRITE_ROLES as ASSESSMENT_WRITE_ROLES
    from caseloads.rules import may_reassign
    from decisions.views import DECIDE_ROLES, PREPARE_ROLES

    return {
        "course_steps": _may(user, course, CASEWORK_ROLES),  # advice, request, waiver, start, close
        "assess": _may(user, course, ASSESSMENT_WRITE_ROLES),
        "physician": _may(user, course, PHYSICIAN_WRITE_ROLES),
        "decide": _may(user, course, DECIDE_ROLES),
        "prepare": _may(user, course, PREPARE_ROLES),  # free choice
        "reassign": may_reassign(
            roles_at_centre=roles_of(user, centre_id=course.centre_id),
            user_id=user.pk,
            responsible_id=course.responsible_id,
        ),
    }


@role_required(*CASE_READ_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk)  # the read is logged there
    may = step_permissions(request.user, course)
    context = {
        "course": course,
        "citizen": course.citizen,
        "treatment_request": _related(course, "request"),
        "waiver": _related(course, "waiver"),
        "assessment": _related(course, "assessment"),
        "decision": _related(course, "decision"),
        "advice_talks": course.advice_talks.all(),
        "deadlines": course.deadlines.all(),
        "can_write": may["course_steps"],
        "may": may,
        "today": timezone.localdate(),
    }
    panels = [panel for panel in (import_string(path)(course, request.user) for path in COURSE_PANELS) if panel]
    context["panels"] = panels
    context["panel_steps"] = [step for panel in panels for step in panel.get("steps", ())]
    context["own_steps"] = _own_steps(course, context, may)
    return render(request, "courses/detail.html", context)


def _own_steps(course, context: dict, may: dict) -> list[tuple[str, str]]:
    """The course's next steps of the intake, the assessment and the decision, each only for the
    roles that may take it (``step_permissions``), as (url, label) pairs like the panels' steps."""
    state, decision, waiver = course.state, context["decision"], context["waiver"]
    request_ = context["treatment_request"]
    steps: list[tuple[str, str]] = []

    def add(allowed: bool, name: str, label: str) -> None:
        if allowed:
            steps.append((reverse(name, args=[course.pk]), label))

    if state == "advice":
        add(may["course_steps"], "courses:advice", _("Record an advice talk"))
        add(may["course_steps"], "courses:request", _("Register a treatment request"))
    # The decision's steps (a draft for the visitator, issuing for the authority) are the
    # decisions panel's (decisions.panels.course_panel).
    if state == "requested":
        label = _("Continue the assessment") if context["assessment"] else _("Start the assessment")
        add(may["assess"], "assessments:edit", label)
        add(may["physician"], "assessments:physician", _("Free physician consultation"))
    if state == "assessed":
        add(may["physician"], "assessments:physician", _("Free physician consultation"))
    if state == "decided" and decision is not None and decision.outcome != "refusal":
        add(may["course_steps"], "courses:start", _("Record the start of treatment"))
        add(may["prepare"], "decisions:free_choice", _("The citizen uses free choice"))
    waivable = (
        request_ is not None
        and request_.standard.local_guarantee_waivers
        and waiver is None
        and state not in ("in_treatment", "closed")
        and getattr(decision, "outcome", "") != "refusal"
    )
    add(may["course_steps"] and bool(waivable), "courses:waiver", _("Set the guarantee aside"))
    return steps


# The treatment stages' parts of the course page, in pathway order. Each is a function
# ``(course, user) -> dict | None``: None shows nothing; a dict names its ``template`` (included
# with ``panel``) and may list ``steps``, (url, label) pairs added to the page's "Next steps".
# Each does a bounded number of queries whatever the course's history.
COURSE_PANELS = (
    "decisions.panels.course_panel",
    "plans.panels.course_panel",
    "appointments.panels.course_panel",
    "treatment.panels.course_panel",
    "discharges.panels.course_panel",
    "followups.panels.course_panel",
    "journal.panels.course_panel",
)


def course_step(
    request: HttpRequest,
    pk: int,
    form_class,
    title: str,
    submit_label: str,
    service: Callable[..., object],
    initial: dict | None = None,
    template: str = "form_page.html",
    *,
    with_course: bool = False,
    intro: Callable[[object], str] | None = None,
    saved: Callable[[object], str] | None = None,
) -> HttpResponse:
    """One form page for one workflow step of a course; the service's refusal lands on the form.

    ``with_course`` passes the course to the form; ``intro`` and ``saved`` give the page's intro and
    the message after saving from the course (default: the citizen and "Saved.")."""
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)  # 404, 403, or the read logged
    extra = {"course": course} if with_course else {}
    form = form_class(request.POST or None, initial=initial or {}, **extra)
    step = partial(service, course=course, by=request.user)
    if submit(request, form, step, saved=lambda _result: saved(course) if saved else _("Saved.")).done:
        return redirect("courses:detail", course.pk)
    return render(
        request,
        template,
        {
            "title": title,
            "intro": intro(course) if intro else f"{course.citizen} – {course.get_kind_display()}",
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("courses:detail", args=[course.pk]),
            "back_label": _("Back to the course"),
        },
    )


@role_required(*CASEWORK_ROLES)
def advice(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.AdviceTalkForm,
        _("Record an advice talk"),
        _("Save the talk"),
        services.advice_talk_record,
        {"held_on": timezone.localdate(), "expressed_by": _("The citizen")},
        "courses/advice_form.html",
    )


@role_required(*CASEWORK_ROLES)
def treatment_request(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.TreatmentRequestForm,
        _("Register a treatment request"),
        _("Register the request"),
        services.treatment_request_register,
        {"expressed_by": _("The citizen")},
    )


@role_required(*CASEWORK_ROLES)
def waiver(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.WaiverForm,
        _("Set the guarantee aside"),
        _("Record the waiver"),
        services.guarantee_waive,
        {"waived_on": timezone.localdate()},
    )


@role_required(*CASEWORK_ROLES)
def treatment_start(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.TreatmentStartForm,
        _("Treatment started"),
        _("Record the start"),
        services.treatment_start,
        {"started_on": timezone.localdate()},
        with_course=True,
        intro=_guarantee_intro,
        saved=_guarantee_outcome,
    )


def _guarantee(course):
    return course.deadlines.filter(kind=DeadlineKind.GUARANTEE).first()


def _guarantee_intro(course) -> str:
    """The start form names the guarantee's last day, so the worker sees what the date means."""
    deadline, name = _guarantee(course), f"{course.citizen} – {course.get_kind_display()}"
    if deadline is None:
        return name
    return _("%(name)s. The guarantee's last day for starting treatment is %(due)s (%(source)s).") % {
        "name": name,
        "due": date_format(deadline.due_on, "SHORT_DATE_FORMAT"),
        "source": law_citation(deadline.source),
    }


def _guarantee_outcome(course) -> str:
    """After the start: kept, or missed by how many days (SEL §101(4)); a waiver says so."""
    deadline = _guarantee(course)
    if deadline is None:
        return _("Treatment started.")
    status = deadline.status_on(timezone.localdate())
    if status.code == "kept":
        return _("Treatment started within the treatment guarantee.")
    if status.code in ("waived", "waived_late"):
        return _("Treatment started. The guarantee was set aside: treatment must start as soon as possible.")
    return ngettext(
        "Treatment started %(days)d day after the guarantee's last day: the guarantee was not kept.",
        "Treatment started %(days)d days after the guarantee's last day: the guarantee was not kept.",
        status.days_late,
    ) % {"days": status.days_late}


@role_required(*CASEWORK_ROLES)
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.CloseForm,
        _("Close the course"),
        _("Close"),
        services.course_close,
        {"closed_on": timezone.localdate()},
    )
