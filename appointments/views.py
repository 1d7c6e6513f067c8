"""Booking, attendance, reminders, consent and the week calendar: thin views over the services."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import audit_list_read
from courses.selectors import course_for_user
from forlob.forms import add_service_errors
from organisations.access import (
    centre_ids_with_role,
    get_or_404,
    has_role,
    memberships_of,
    role_required,
    scope_to_centres,
)
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES, Membership

from . import forms, rules, services
from .models import Appointment, Attendance


def _refused(form, refused: ValidationError, renames: dict[str, str] | None = None) -> None:
    """The service's refusal on the form, its field names translated to the form's."""
    if renames and hasattr(refused, "error_dict"):
        refused = ValidationError({renames.get(name, name): errors for name, errors in refused.error_dict.items()})
    add_service_errors(form, refused)


def _intro(course) -> str:
    return f"{course.citizen} – {course.get_kind_display()}"


@role_required(*CASEWORK_ROLES)
def book(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)  # 404, 403, or the read logged
    worker = request.user if has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id) else None
    initial = {"starts_on": timezone.localdate(), "duration_minutes": 60, "worker": worker}
    form = forms.BookForm(request.POST or None, initial=initial, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_book(course=course, by=request.user, **form.service_values())
        except ValidationError as refused:
            _refused(form, refused, forms.BookForm.service_fields)
        else:
            messages.success(request, _("The appointment is booked."))
            return redirect("courses:detail", appointment.course_id)
    return render(
        request,
        "form_page.html",
        {
            "title": _("Book an appointment"),
            "intro": _intro(course),
            "form": form,
            "submit_label": _("Book"),
            "back_url": reverse("courses:detail", args=[course.pk]),
            "back_label": _("Back to the course"),
        },
    )


def _appointment(request: HttpRequest, pk: int, roles) -> Appointment:
    """The appointment if its course is in the user's centres (else 404); the course read is logged."""
    appointment = get_or_404(
        scope_to_centres(
            Appointment.objects.select_related("worker"), request.user, roles=roles, centre_path="course__centre"
        ),
        pk=pk,
    )
    appointment.course = course_for_user(request.user, appointment.course_id, roles=roles)
    return appointment


@role_required(*CASE_READ_ROLES)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One appointment: its facts, attendance (recorded after the fact), reminders sent."""
    appointment = _appointment(request, pk, CASE_READ_ROLES)
    course = appointment.course
    can_write = has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    form = forms.AttendanceForm(
        request.POST or None,
        initial={"attendance": appointment.attendance if appointment.attendance != Attendance.PLANNED else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(appointment=appointment, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            _refused(form, refused)
        else:
            appointment.refresh_from_db()
            if appointment.attendance == Attendance.NO_SHOW:
                messages.success(
                    request, _("The no-show is recorded. A task to reach out to the citizen is on the course's tasks.")
                )
            else:
                messages.success(request, _("The attendance is recorded."))
            return redirect("courses:detail", course.pk)
    now = timezone.now()
    verdict = services.reminder_verdict(appointment, services.active_consent(course), timezone.localtime(now))
    return render(
        request,
        "appointments/attendance.html",
        {
            "appointment": appointment,
            "course": course,
            "form": form,
            "can_write": can_write and course.state != "closed",
            "recordable_now": appointment.starts_at <= now,
            "reminders": appointment.reminders.all()[:20],
            "verdict": verdict,
        },
    )


@require_POST
@role_required(*CASEWORK_ROLES)
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = _appointment(request, pk, CASEWORK_ROLES)
    try:
        services.reminder_send(appointment=appointment, by=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The reminder is sent."))
    return redirect("appointments:attendance", appointment.pk)


@role_required(*CASEWORK_ROLES)
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The citizen's consent to reminders for this course: record it, or withdraw it (G3.10.1)."""
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)
    current = services.active_consent(course)
    today = timezone.localdate()
    posted = request.POST if request.method == "POST" else None
    give = forms.ConsentForm(
        posted if current is None else None, initial={"given_on": today, "channel": _channel(course)}
    )
    withdraw = forms.WithdrawForm(posted if current is not None else None, initial={"withdrawn_on": today})
    form = give if current is None else withdraw
    if posted is not None and form.is_valid():
        try:
            if current is None:
                services.consent_give(course=course, by=request.user, **form.cleaned_data)
            else:
                services.consent_withdraw(course=course, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            _refused(form, refused)
        else:
            messages.success(
                request, _("The consent is recorded.") if current is None else _("The consent is withdrawn.")
            )
            return redirect("courses:detail", course.pk)
    return render(
        request,
        "appointments/consent.html",
        {
            "course": course,
            "citizen": course.citizen,
            "current": current,
            "form": form,
            "history": course.reminder_consents.all()[:20],
            "channel_is_electronic": course.citizen.contact_channel in rules.ELECTRONIC_CHANNELS,
        },
    )


def _channel(course) -> str | None:
    channel = course.citizen.contact_channel
    return channel if channel in rules.ELECTRONIC_CHANNELS else None


@role_required(*CASE_READ_ROLES)
def week(request: HttpRequest) -> HttpResponse:
    """The user's week of appointments (``?uge=2026-W49``), or their teams' (``?vis=team``): one
    query for the appointments, in the user's centres only, logged as a list read."""
    today = timezone.localdate()
    monday = rules.week_monday(request.GET.get("uge"), today)
    team_ids = {m.team_id for m in memberships_of(request.user) if m.team_id}
    show_team = request.GET.get("vis") == "team" and bool(team_ids)
    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = timezone.make_aware(datetime.combine(monday + timedelta(days=7), time.min))
    rows = Appointment.objects.filter(
        starts_at__gte=start,
        starts_at__lt=end,
        course__centre_id__in=centre_ids_with_role(request.user, CASE_READ_ROLES),
    )
    if show_team:
        members = Membership.objects.filter(team_id__in=team_ids).values("user_id")
        rows = rows.filter(Q(worker_id__in=members) | Q(worker=request.user))
    else:
        rows = rows.filter(worker=request.user)
    rows = list(rows.select_related("course__citizen", "worker").order_by("starts_at", "pk"))
    days = [{"day": monday + timedelta(days=i), "appointments": []} for i in range(7)]
    for appointment in rows:
        appointment.local_start = timezone.localtime(appointment.starts_at)
        appointment.local_end = timezone.localtime(appointment.ends_at)
        days[(appointment.local_start.date() - monday).days]["appointments"].append(appointment)
    label = rules.iso_week_label(monday)
    view = "team" if show_team else ""
    audit_list_read(
        actor=request.user,
        citizen_ids=[a.course.citizen_id for a in rows],
        what=f"appointments:week?uge={label}" + ("&vis=team" if show_team else ""),
    )
    year, number, _day = monday.isocalendar()
    return render(
        request,
        "appointments/week.html",
        {
            "days": days,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "week_number": number,
            "week_year": year,
            "label": label,
            "previous": rules.iso_week_label(monday - timedelta(days=7)),
            "next": rules.iso_week_label(monday + timedelta(days=7)),
            "this_week": rules.iso_week_label(today - timedelta(days=today.weekday())),
            "view": view,
            "has_team": bool(team_ids),
            "count": len(rows),
            "today": today,
        },
    )
