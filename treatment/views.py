"""During treatment: gift cards (and the centre's overview), lapses, the relapse-prevention plan and
residential stays with their supervision."""

from datetime import date
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from audit.services import audit_list_read
from courses.models import Course
from courses.selectors import course_for_user
from courses.views import course_step
from forlob.forms import submit
from organisations.access import centre_ids_with_role, get_or_404, has_role, role_required, scope_to_centres
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES, Centre

from . import forms, services
from .models import GiftCard, ResidentialStay
from .selectors import stay_checkpoints, stay_length_warning

PAGE_SIZE = 50


@role_required(*CASEWORK_ROLES)
def gift_card_add(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.GiftCardForm,
        _("Record a gift card"),
        _("Save the gift card"),
        services.gift_card_issue,
        {"issued_on": timezone.localdate()},
        "treatment/gift_card_form.html",
        saved=lambda course: _("The gift card is recorded."),
    )


@role_required(*CASEWORK_ROLES)
def lapse_add(request: HttpRequest, pk: int) -> HttpResponse:
    return course_step(
        request,
        pk,
        forms.LapseForm,
        _("Record a lapse or relapse"),
        _("Save"),
        services.lapse_record,
        {"occurred_on": timezone.localdate()},
        "treatment/lapse_form.html",
    )


@role_required(*CASE_READ_ROLES)
def relapse_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The relapse-prevention plan (every version) and the course's lapses; a form to change the plan
    for the case roles while the course is in treatment."""
    course = course_for_user(request.user, pk)  # 404, 403, or the read logged
    versions = list(course.relapse_plans.select_related("made_by").order_by("-number"))
    current = versions[0] if versions else None
    can_write = has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id) and course.state == "in_treatment"
    form = None
    if can_write:
        initial = {"made_on": timezone.localdate()}
        if current:
            initial.update({name: getattr(current, name) for name in current.TEXT_FIELDS})
        form = forms.RelapsePlanForm(request.POST or None, initial=initial)
        step = partial(services.relapse_plan_save, course=course, by=request.user)
        if submit(request, form, step, saved=_("The relapse-prevention plan is saved.")).done:
            return redirect("treatment:relapse_plan", course.pk)
    elif request.method == "POST":
        if not has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id):
            raise PermissionDenied  # a manager reads the plan but does not change it
        messages.error(request, _("The relapse-prevention plan can be changed only while the course is in treatment."))
        return redirect("treatment:relapse_plan", course.pk)
    context = {
        "course": course,
        "current": current,
        "earlier": versions[1:],
        "lapses": course.lapses.select_related("recorded_by"),
        "form": form,
        "can_write": can_write,
    }
    return render(request, "treatment/relapse_plan.html", context)


# --- residential stays ---------------------------------------------------------------------


def _stay(request: HttpRequest, pk: int, roles=CASE_READ_ROLES) -> ResidentialStay:
    """The stay, if its course is at one of the user's centres (else 404); the course's read is
    logged by ``course_for_user`` (403 without ``roles`` there)."""
    scoped = scope_to_centres(
        ResidentialStay.objects.select_related("provider__municipality"),
        request.user,
        roles=CASE_READ_ROLES,
        centre_path="course__centre",
    )
    stay = get_or_404(scoped, pk=pk)
    stay.course = course_for_user(request.user, stay.course_id, roles=roles)
    return stay


@role_required(*CASEWORK_ROLES)
def stay_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_for_user(request.user, pk, roles=CASEWORK_ROLES)
    form = forms.StayForm(request.POST or None)
    step = partial(services.stay_start, course=course, by=request.user)
    started = submit(request, form, step, saved=_("The residential stay is recorded with proposed status meetings."))
    if started.done:
        return redirect("treatment:stay", started.result.pk)
    return render(
        request,
        "treatment/stay_form.html",
        {
            "title": _("Record a residential stay"),
            "intro": f"{course.citizen} – {course.get_kind_display()}",
            "form": form,
            "submit_label": _("Save the stay"),
            "back_url": reverse("courses:detail", args=[course.pk]),
            "back_label": _("Back to the course"),
            "standard": _standard(course),
        },
    )


def _standard(course: Course):
    request = getattr(course, "request", None)
    return request.standard if request is not None else None


@role_required(*CASE_READ_ROLES)
def stay(request: HttpRequest, pk: int) -> HttpResponse:
    stay = _stay(request, pk)
    course = stay.course
    today = timezone.localdate()
    meetings = list(stay.meetings.all())
    statuses = list(stay.statuses.select_related("recorded_by"))
    context = {
        "stay": stay,
        "course": course,
        "checkpoints": stay_checkpoints(stay, meetings, statuses, today),
        "statuses": statuses,
        "length_warning": stay_length_warning(stay, _standard(course)),
        "standard": _standard(course),
        "can_write": has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id),
        "today": today,
    }
    return render(request, "treatment/stay.html", context)


def _stay_step(request, pk, form_class, service, *, title, submit_label, done, initial=None):
    stay = _stay(request, pk, roles=CASEWORK_ROLES)
    form = form_class(request.POST or None, initial=initial(stay) if initial else {})
    if submit(request, form, partial(service, stay=stay, by=request.user), saved=done).done:
        return redirect("treatment:stay", stay.pk)
    intro = _("%(citizen)s – residential stay at %(provider)s from %(start)s") % {
        "citizen": stay.course.citizen,
        "provider": stay.provider.name,
        "start": date_format(stay.starts_on, "SHORT_DATE_FORMAT"),
    }
    return render(
        request,
        "form_page.html",
        {
            "title": title,
            "intro": intro,
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("treatment:stay", args=[stay.pk]),
            "back_label": _("Back to the stay"),
        },
    )


def _next_meeting(stay: ResidentialStay) -> dict:
    meeting = stay.meetings.filter(held_on__isnull=True).order_by("planned_on", "id").first()
    today = timezone.localdate()
    if meeting is None:
        return {"held_on": today}
    return {"kind": meeting.kind, "planned_on": meeting.planned_on, "held_on": today}


@role_required(*CASEWORK_ROLES)
def stay_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _stay_step(
        request,
        pk,
        forms.StayMeetingForm,
        services.stay_meeting_record,
        title=_("Status meeting"),
        submit_label=_("Save the meeting"),
        done=_("The meeting is saved."),
        initial=_next_meeting,
    )


@role_required(*CASEWORK_ROLES)
def stay_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _stay_step(
        request,
        pk,
        forms.ProviderStatusForm,
        services.provider_status_record,
        title=_("Record a written status from the provider"),
        submit_label=_("Save the status"),
        done=_("The written status is recorded."),
        initial=lambda stay: {"received_on": timezone.localdate()},
    )


@role_required(*CASEWORK_ROLES)
def stay_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _stay_step(
        request,
        pk,
        forms.StayEndForm,
        services.stay_end,
        title=_("End the residential stay"),
        submit_label=_("End the stay"),
        done=_("The stay has ended. Offer intensive outpatient or day treatment now: it is on the course's tasks."),
        initial=lambda stay: {"ended_on": timezone.localdate()},
    )


# --- the centre's gift cards -----------------------------------------------------------------


@never_cache
@role_required(*CASE_READ_ROLES)
def gift_cards(request: HttpRequest) -> HttpResponse:
    """A centre's gift cards in a year: totals per month and a paged list, newest first (the
    index ``giftcard_centre_issued_idx``). One list-read event names the citizens shown."""
    centres = Centre.objects.filter(pk__in=centre_ids_with_role(request.user, CASE_READ_ROLES)).order_by("name")
    today = timezone.localdate()
    first = centres.first()
    form = forms.GiftCardFilterForm(
        request.GET if "aar" in request.GET or "centre" in request.GET else None,
        centres=centres,
        initial={"centre": first, "aar": today.year},
    )
    if form.is_bound and form.is_valid():
        centre, year = form.cleaned_data["centre"], form.cleaned_data["aar"]
    else:
        centre, year = first, today.year
    cards = GiftCard.objects.filter(centre=centre, issued_on__gte=date(year, 1, 1), issued_on__lte=date(year, 12, 31))
    by_month = {
        row["month"]: row
        for row in cards.annotate(month=ExtractMonth("issued_on"))
        .values("month")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by("month")
    }
    months = [
        {
            "date": date(year, month, 1),
            "count": by_month.get(month, {}).get("count", 0),
            "total": by_month.get(month, {}).get("total") or 0,
        }
        for month in range(1, 13)
    ]
    page = Paginator(
        cards.select_related("course__citizen", "issued_by").order_by("-issued_on", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("side"))
    audit_list_read(
        actor=request.user, citizen_ids=[card.course.citizen_id for card in page], what="treatment:gift_cards"
    )
    context = {
        "form": form,
        "centre": centre,
        "year": year,
        "months": months,
        "year_count": sum(m["count"] for m in months),
        "year_total": sum(m["total"] for m in months),
        "page": page,
        "query": f"centre={centre.pk}&aar={year}" if centre else "",
    }
    return render(request, "treatment/gift_cards.html", context)
