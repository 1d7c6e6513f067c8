"""A course's page and its steps: contact and advice, request, waiver, treatment start, closing."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_read
from citizens.selectors import citizen_for_user
from forlob.forms import add_service_errors
from organisations.access import has_role, role_required
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
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_open(citizen=citizen, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            return redirect("courses:detail", course.pk)
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


@role_required(*CASE_READ_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk)  # the read is logged there
    context = {
        "course": course,
        "citizen": course.citizen,
        "treatment_request": _related(course, "request"),
        "waiver": _related(course, "waiver"),
        "assessment": _related(course, "assessment"),
        "decision": _related(course, "decision"),
        "advice_talks": course.advice_talks.all(),
        "deadlines": course.deadlines.all(),
        "can_write": has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id),
        "today": timezone.localdate(),
    }
    return render(request, "courses/detail.html", context)


def _step(
    request: HttpRequest,
    pk: int,
    form_class,
    title: str,
    submit_label: str,
    service: Callable[..., object],
    initial: dict | None = None,
    template: str = "form_page.html",
) -> HttpResponse:
    """One form page for one workflow step of a course; the service's refusal lands on the form."""
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)  # 404, 403, or the read logged
    form = form_class(request.POST or None, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        try:
            service(course=course, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(request, _("Saved."))
            return redirect("courses:detail", course.pk)
    return render(
        request,
        template,
        {
            "title": title,
            "intro": f"{course.citizen} – {course.get_kind_display()}",
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("courses:detail", args=[course.pk]),
            "back_label": _("Back to the course"),
        },
    )


@role_required(*CASEWORK_ROLES)
def advice(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
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
    return _step(
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
    return _step(
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
    return _step(
        request,
        pk,
        forms.TreatmentStartForm,
        _("Treatment started"),
        _("Record the start"),
        services.treatment_start,
        {"started_on": timezone.localdate()},
    )


@role_required(*CASEWORK_ROLES)
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        forms.CloseForm,
        _("Close the course"),
        _("Close"),
        services.course_close,
        {"closed_on": timezone.localdate()},
    )
