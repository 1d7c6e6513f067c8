"""Pages of the discharge: the form, the discharge with its written status, its PDF, and the
citizen's later opt-out of the follow-up. Thin: scope, role, form, service.

Every view finds the course with ``courses.selectors.course_for_user`` (404 outside the user's
centres, 403 without the role at the course's centre, the read logged). Casework roles write
(therapists above all); managers read.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.services import audit_read, audit_record
from courses.models import Course, CourseState
from courses.selectors import course_for_user
from deadlines.models import Deadline
from forlob.forms import submit
from organisations.access import has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES

from . import forms, rules, services, status_pdf
from .models import Discharge

SOURCES = "G3.11.1; G3.11.2; G3.11.3; G3.11.4; G3.11.6; G3.12.3; BEK 1477 §4(2)"


def _discharge(course: Course) -> Discharge | None:
    try:
        return Discharge.objects.select_related("provider", "recorded_by").get(course=course)
    except ObjectDoesNotExist:
        return None


def _intro(course: Course) -> str:
    return f"{course.citizen} – {course.get_kind_display()}"


@role_required(*CASEWORK_ROLES)
def discharge(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)  # 404, 403, or the read logged
    if course.state != CourseState.IN_TREATMENT:
        if Discharge.objects.filter(course=course).exists():
            messages.info(request, _("The citizen is already discharged."))
            return redirect("discharges:detail", course.pk)
        messages.info(request, _("Only a course in treatment can be discharged."))
        return redirect("courses:detail", course.pk)
    form = forms.DischargeForm(
        request.POST or None, course=course, initial={"discharged_on": timezone.localdate(), "made_with_citizen": True}
    )
    step = partial(services.discharge_record, course=course, by=request.user)
    if submit(request, form, step, saved=_("The citizen is discharged and the course is closed.")).done:
        return redirect("discharges:detail", course.pk)
    return render(
        request,
        "discharges/discharge_form.html",
        {
            "title": _("Discharge the citizen"),
            "intro": _intro(course),
            "course": course,
            "form": form,
            "sources": SOURCES,
            "plan_url": _plan_url(course),
        },
    )


def _plan_url(course: Course) -> str | None:
    """The treatment plan's page, where its goals are (the plans app's page, once it exists)."""
    if not course.plan_versions.exists():
        return None
    try:
        return reverse("plans:plan", args=[course.pk])
    except NoReverseMatch:
        return None


@role_required(*CASE_READ_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk)  # the read is logged there
    record = _discharge(course)
    if record is None:
        messages.info(request, _("The citizen has not been discharged."))
        return redirect("courses:detail", course.pk)
    can_write = has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id)
    may_opt_out = rules.follow_up_required(record.reason) and record.follow_up_opted_out_on is None
    return render(
        request,
        "discharges/detail.html",
        {
            "course": course,
            "citizen": course.citizen,
            "discharge": record,
            "follow_ups": _follow_ups(course),
            "follow_up_required": rules.follow_up_required(record.reason),
            "outreach_prompted": rules.outreach_prompted(record.reason),
            "plan_url": _plan_url(course),
            "opt_out_form": forms.OptOutForm(initial={"opted_out_on": timezone.localdate()})
            if (can_write and may_opt_out)
            else None,
            "sources": SOURCES,
            "today": timezone.localdate(),
        },
    )


def _follow_ups(course: Course):
    return Deadline.objects.filter(course=course, kind="follow_up").order_by("due_on")


@role_required(*CASE_READ_ROLES)
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The written status as a PDF the citizen can take home, in Danish, without the CPR number.
    Every download is logged as an export."""
    course = course_for_user(request.user, pk, audit=False)
    record = _discharge(course)
    if record is None:
        audit_read(actor=request.user, obj=course, citizen_id=course.citizen_id, centre_id=course.centre_id)
        messages.info(request, _("The citizen has not been discharged."))
        return redirect("courses:detail", course.pk)
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        obj=record,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={"discharge_status_pdf": True},
    )
    content = status_pdf.render_pdf(status_pdf.status_content(record, follow_ups=list(_follow_ups(course))))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="udskrivningsstatus-{record.discharged_on:%Y-%m-%d}.pdf"'
    return response


@require_POST
@role_required(*CASEWORK_ROLES)
def opt_out(request: HttpRequest, pk: int) -> HttpResponse:
    """The citizen opts out of the follow-up after discharge (G3.12.3)."""
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)
    form = forms.OptOutForm(request.POST)
    step = partial(services.follow_up_opt_out, course=course, by=request.user)
    if submit(request, form, step, saved=_("The opt-out is recorded. The follow-ups will not be carried out.")).done:
        return redirect("discharges:detail", course.pk)
    return render(
        request,
        "form_page.html",
        {
            "title": _("The citizen opts out of the follow-up"),
            "intro": _intro(course),
            "form": form,
            "submit_label": _("Record the opt-out"),
            "back_url": reverse("courses:detail", args=[course.pk]),
            "back_label": _("Back to the course"),
        },
    )
