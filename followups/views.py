"""The follow-ups of a discharged course, and recording one (G3.12)."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import course_for_user
from forlob.forms import submit
from organisations.access import has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES

from . import services
from .forms import FollowUpForm
from .selectors import follow_ups_of, months_label

MONTHS_PARAMETER = "maaneder"  # ?maaneder=1 preselects the follow-up on the record form


@role_required(*CASE_READ_ROLES)
def course(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk)  # 404 outside the user's centres; the read is logged
    return render(
        request,
        "followups/course.html",
        {
            "course": course,
            "citizen": course.citizen,
            "follow_ups": follow_ups_of(course),
            "can_write": has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id),
            "today": timezone.localdate(),
        },
    )


@role_required(*CASEWORK_ROLES)
def record(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)
    follow_ups = follow_ups_of(course)
    months = follow_ups.unrecorded_months
    if not months:
        messages.info(request, _("No follow-up is waiting to be recorded on this course."))
        return redirect("followups:course", course.pk)
    wanted = request.GET.get(MONTHS_PARAMETER, "")
    open_months = [row.months for row in follow_ups.open_rows]
    chosen = int(wanted) if wanted.isdigit() and int(wanted) in months else (open_months or months)[0]
    form = FollowUpForm(
        request.POST or None,
        initial={"months": chosen, "held_on": timezone.localdate()},
        months_choices=[(m, months_label(m)) for m in months],
    )
    step = partial(services.follow_up_record, course=course, by=request.user)
    if submit(request, form, step, saved=_("The follow-up is recorded.")).done:
        return redirect("followups:course", course.pk)
    return render(
        request,
        "followups/record_form.html",
        {
            "title": _("Record a follow-up after discharge"),
            "course": course,
            "citizen": course.citizen,
            "follow_ups": follow_ups,
            "form": form,
        },
    )
