"""The treatment plan's pages: the current plan, the form for the first plan and for a review, the
list of versions, one version, and the plan as a PDF for the citizen."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from courses.selectors import course_for_user
from deadlines.models import DeadlineKind
from forlob.forms import add_service_errors
from organisations.access import has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES

from . import documents, forms, rules, services
from .models import PlanVersion

VERSIONS_PER_PAGE = 25


def _related(obj, name):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _versions(course: Course):
    return course.plan_versions.select_related("made_by", "intensity_tier").order_by("-number")


def _standard(course: Course):
    request = _related(course, "request")
    return request.standard if request else None


def _rhythm(standard) -> rules.ReviewRhythm | None:
    if standard is None:
        return None
    return rules.review_rhythm(
        first_months=standard.plan_first_review_months,
        interval_months=standard.plan_review_interval_months,
        at_period_end=standard.plan_review_at_period_end,
    )


def _plan_deadlines(course: Course, latest: PlanVersion | None):
    """The deadline the page shows: the review due after the newest version, else the first plan's."""
    if latest is None:
        return course.deadlines.filter(kind=DeadlineKind.TREATMENT_PLAN).first()
    return course.deadlines.filter(kind=DeadlineKind.PLAN_REVIEW, ref=str(latest.number + 1)).first()


def _version_context(request, course: Course, version: PlanVersion | None, latest: PlanVersion | None) -> dict:
    can_write = has_role(request.user, CASEWORK_ROLES, centre_id=course.centre_id)
    return {
        "course": course,
        "citizen": course.citizen,
        "version": version,
        "latest": latest,
        "goals": version.goals.all() if version else [],
        "is_current": version is not None and latest is not None and version.pk == latest.pk,
        "deadline": _plan_deadlines(course, latest),
        "rhythm": _rhythm(_standard(course)),
        "can_write": can_write and course.state == CourseState.IN_TREATMENT,
        "today": timezone.localdate(),
    }


@role_required(*CASE_READ_ROLES)
def plan(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The current plan (the newest version), or "no plan yet" with the way to write it."""
    course = course_for_user(request.user, course_pk)
    latest = _versions(course).first()
    return render(request, "plans/plan.html", _version_context(request, course, latest, latest))


def _version_course(request: HttpRequest, pk: int, *, audit: bool = True) -> tuple[PlanVersion, Course]:
    """The version and its course, through the course's scope: 404 outside the user's centres."""
    course_pk = PlanVersion.objects.filter(pk=pk).values_list("course_id", flat=True).first()
    if course_pk is None:
        raise Http404
    course = course_for_user(request.user, course_pk, audit=audit)
    return _versions(course).get(pk=pk), course


@role_required(*CASE_READ_ROLES)
def version(request: HttpRequest, pk: int) -> HttpResponse:
    shown, course = _version_course(request, pk)
    latest = _versions(course).first()
    return render(request, "plans/plan.html", _version_context(request, course, shown, latest))


@role_required(*CASE_READ_ROLES)
def versions(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Every version of the plan, newest first, paged (ordered by the indexed (course, number))."""
    course = course_for_user(request.user, course_pk)
    rows = _versions(course).annotate(goal_count=Count("goals"))
    page = Paginator(rows, VERSIONS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "plans/versions.html", {"course": course, "citizen": course.citizen, "page": page})


@role_required(*CASE_READ_ROLES)
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The version as a PDF the citizen can take home; every download is audited as an export."""
    shown, course = _version_course(request, pk, audit=False)
    content = documents.plan_pdf(shown)
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        obj=shown,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={"plan_version": shown.number, "download": True},
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"behandlingsplan-{shown.number}-{shown.made_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _initial(course: Course, latest: PlanVersion | None) -> dict:
    """A review starts from the newest version; the first plan from the decision's offer."""
    today = timezone.localdate()
    if latest is not None:
        names = [n for n in forms.PlanForm.Meta.fields if n not in ("made_on", "period_ends_on", "changes_summary")]
        initial = {name: getattr(latest, name) for name in names if name != "intensity_tier"}
        initial["intensity_tier"] = latest.intensity_tier_id
        return {**initial, "made_on": today, "based_on": latest.number}
    decision = _related(course, "decision")
    initial = {"made_on": course.treatment_started_on or today, "based_on": 0}
    if decision is not None:
        initial.update(offer_kind=decision.offer_kind, intensity_tier=decision.intensity_tier_id)
        tier = decision.intensity_tier
        if tier and (tier.duration_months_max or tier.duration_months_min):
            initial["expected_duration_months"] = tier.duration_months_max or tier.duration_months_min
    return initial


def _goal_errors_onto(filled: list, refused: services.PlanGoalErrors) -> None:
    for form, errors in zip(filled, refused.goal_errors, strict=True):
        for name, message in errors.items():
            form.add_error(name if name in form.fields else None, message)


def _plan_form(request: HttpRequest, course_pk: int, *, review: bool) -> HttpResponse:
    course = course_for_user(request.user, course_pk, roles=CASEWORK_ROLES)
    latest = _versions(course).first()
    if request.method != "POST" and (latest is None) == review:
        # The first plan is written once; a review needs a plan (a POST is answered on its form).
        return redirect("plans:new" if review else "plans:review", course.pk)
    standard = _standard(course)
    context = {
        "course": course,
        "citizen": course.citizen,
        "review": review,
        "latest": latest,
        "assessment": _related(course, "assessment"),
        "rhythm": _rhythm(standard),
        "title": _("Review the treatment plan") if review else _("Write the treatment plan"),
    }
    if course.state != CourseState.IN_TREATMENT or standard is None:
        return render(request, "plans/form.html", {**context, "closed": True})
    goal_initial = services.goal_initial(latest) if review else []
    data = request.POST if request.method == "POST" else None
    adding = data is not None and forms.ADD_GOAL in data
    if adding:
        data = forms.with_one_more_goal(data)
    form = forms.PlanForm(data, initial=_initial(course, latest), standard=standard, review=review)
    formset = forms.goal_formset(data=data, initial=goal_initial, review=review)
    if adding:
        forms.quiet(form, formset)
    elif data is not None and form.is_valid() & formset.is_valid():
        filled = [f for f in formset.forms if f.cleaned_data]
        fields = dict(form.cleaned_data)
        try:
            saved = services.plan_version_save(
                course=course,
                by=request.user,
                goals=[f.cleaned_data for f in filled],
                based_on=fields.pop("based_on"),
                **fields,
            )
        except services.StalePlan as refused:
            form.add_error(None, refused.messages)
            context["newer"] = refused.latest
        except services.PlanGoalErrors as refused:
            form.add_error(None, refused.messages)
            _goal_errors_onto(filled, refused)
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            saved_message = _("Version %(number)s of the treatment plan is saved.") % {"number": saved.number}
            messages.success(request, saved_message)
            return redirect("plans:plan", course.pk)
    return render(request, "plans/form.html", {**context, "form": form, "formset": formset})


@role_required(*CASEWORK_ROLES)
def new(request: HttpRequest, course_pk: int) -> HttpResponse:
    return _plan_form(request, course_pk, review=False)


@role_required(*CASEWORK_ROLES)
def review(request: HttpRequest, course_pk: int) -> HttpResponse:
    return _plan_form(request, course_pk, review=True)
