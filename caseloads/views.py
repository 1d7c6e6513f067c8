"""Caseload pages: the user's own courses, a team's, the manager's overview, and the hand-overs.

Lists name citizens, so each showing is logged with the citizens it showed (``audit_list_read``);
the hand-over of one course reads the course through ``course_for_user`` (404 outside the user's
centres) and logs the read once the user is found to be allowed (a manager there, or the
responsible worker).
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_list_read, audit_read
from courses.models import Course, CourseState
from courses.selectors import course_for_user
from deadlines.models import Deadline
from forlob.forms import add_service_errors, submit
from forlob.paging import KeysetPage, keyset_page
from organisations.access import centre_ids_with_role, get_or_404, has_role, role_required, roles_of
from organisations.models import CASE_READ_ROLES, Centre, Membership, Role, User

from . import rules, selectors, services
from .forms import ReassignForm, TransferForm

PAGE_SIZE = 50
HISTORY_SHOWN = 50


def _page(request: HttpRequest, courses) -> KeysetPage:
    """A page of open courses, most recently opened first: keyset paged (``?efter=``/``?foer=``)
    on the partial indexes of the open courses (``courses.models.Course.Meta.indexes``), so the
    last page costs what the first does, with the total."""
    page = keyset_page(courses, order=selectors.CASELOAD_ORDER, params=request.GET, size=PAGE_SIZE)
    _next_deadlines(page.rows)
    return page


def _next_deadlines(courses) -> None:
    """Each course's next open deadline as an unsaved row, so the one status rule and the
    ``deadline_status`` tag show it as on every other page."""
    for course in courses:
        due_on = getattr(course, "next_due_on", None)
        course.next_deadline = Deadline(kind=course.next_kind, due_on=due_on) if due_on else None


def _tabs(user) -> dict:
    return {"is_manager": has_role(user, (Role.MANAGER,))}


@role_required(*CASE_READ_ROLES)
def mine(request: HttpRequest) -> HttpResponse:
    """ "My citizens and courses": the open courses the user is responsible for, paged."""
    page = _page(request, selectors.my_courses(request.user))
    audit_list_read(actor=request.user, citizen_ids=[c.citizen_id for c in page], what="caseloads:mine")
    return render(request, "caseloads/mine.html", {"page": page, "today": timezone.localdate(), **_tabs(request.user)})


@role_required(*CASE_READ_ROLES)
def team(request: HttpRequest) -> HttpResponse:
    """A team's open courses: the user's own team(s), or for a manager any team of their centres."""
    teams = selectors.viewable_teams(request.user)
    chosen = request.GET.get("team")
    if chosen:
        current = next((t for t in teams if str(t.pk) == chosen), None)
        if current is None:
            raise Http404
    else:
        current = teams[0] if teams else None
    page = _page(request, selectors.team_courses(request.user, current)) if current else None
    if page is not None:
        audit_list_read(
            actor=request.user, citizen_ids=[c.citizen_id for c in page], what=f"caseloads:team?team={current.pk}"
        )
    context = {
        "teams": [(t, f"{reverse('caseloads:team')}?team={t.pk}") for t in teams],
        "current": current,
        "page": page,
        "today": timezone.localdate(),
        **_tabs(request.user),
    }
    return render(request, "caseloads/team.html", context)


@role_required(Role.MANAGER)
def overview(request: HttpRequest) -> HttpResponse:
    """The manager's view: each worker's open courses and overdue deadlines, per centre. Names
    staff only, never a citizen."""
    today = timezone.localdate()
    centres = selectors.caseload_overview(centre_ids_with_role(request.user, (Role.MANAGER,)), today)
    return render(request, "caseloads/overview.html", {"centres": centres, "today": today, "is_manager": True})


@role_required(*CASE_READ_ROLES)
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand one course over (a manager at its centre, or its responsible worker), with its history."""
    course = course_for_user(request.user, pk, audit=False)  # 404 outside the user's centres
    if not rules.may_reassign(
        roles_at_centre=roles_of(request.user, centre_id=course.centre_id),
        user_id=request.user.pk,
        responsible_id=course.responsible_id,
    ):
        raise PermissionDenied
    audit_read(actor=request.user, obj=course, citizen_id=course.citizen_id, centre_id=course.centre_id)
    is_open = course.state != CourseState.CLOSED
    form = None
    if is_open:
        form = ReassignForm(
            request.POST or None,
            course=course,
            initial={"responsible": course.responsible_id, "team": course.team_id},
        )
        step = partial(services.course_reassign, course=course, by=request.user)
        if submit(request, form, step, saved=_("The course is handed over.")).done:
            return redirect("courses:detail", course.pk)
    history = list(
        course.assignments.select_related("responsible", "team", "assigned_by", "previous_responsible")[:HISTORY_SHOWN]
    )
    context = {
        "course": course,
        "citizen": course.citizen,
        "form": form,
        "history": history,
        "title": _("Responsible worker and team"),
    }
    return render(request, "caseloads/reassign.html", context)


def _transfer_centre(request: HttpRequest, from_user: User) -> tuple[Centre, list[Centre]]:
    """The centre whose caseload moves: one of the manager's centres where the worker holds a role
    or open courses (``?centre=`` chooses among several). 404 when there is none."""
    managed = centre_ids_with_role(request.user, (Role.MANAGER,))
    member_of = Membership.objects.filter(user=from_user, centre_id__in=managed).values_list("centre_id", flat=True)
    carrying = (
        Course.objects.filter(responsible=from_user, centre_id__in=managed)
        .exclude(state=CourseState.CLOSED)
        .values_list("centre_id", flat=True)
    )
    centres = list(Centre.objects.filter(Q(pk__in=member_of) | Q(pk__in=carrying)).order_by("name"))
    if not centres:
        raise Http404
    chosen = request.GET.get("centre")
    centre = next((c for c in centres if str(c.pk) == chosen), None) if chosen else centres[0]
    if centre is None:
        raise Http404
    return centre, centres


# The most courses the transfer page lists (and moves) at a time.
TRANSFER_SIZE = 200


@role_required(Role.MANAGER)
def transfer(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Move a worker's open courses at a centre (all, or the ticked ones) to another worker."""
    from_user = get_or_404(User.objects.all(), pk=user_pk)
    centre, centres = _transfer_centre(request, from_user)
    carried = Course.objects.filter(centre=centre, responsible=from_user).exclude(state=CourseState.CLOSED)
    # A bounded page: the first TRANSFER_SIZE courses (oldest first); once they are moved the page
    # offers the rest. A worker rarely carries that many; the page says so when they do.
    courses = list(
        selectors.with_next_deadline(carried.select_related("citizen", "team")).order_by("id")[:TRANSFER_SIZE]
    )
    total = len(courses) if len(courses) < TRANSFER_SIZE else carried.count()
    _next_deadlines(courses)
    form = TransferForm(
        request.POST or None,
        centre=centre,
        from_user=from_user,
        courses=courses,
        initial={"course_ids": [c.pk for c in courses]},
    )
    audit_list_read(actor=request.user, citizen_ids=[c.citizen_id for c in courses], what="caseloads:transfer")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moved = services.caseload_transfer(
                by=request.user,
                from_user=from_user,
                to_user=data["to_user"],
                centre=centre,
                course_ids=data["course_ids"],
                team=data["team"],
                reason=data["reason"],
            )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(
                request,
                ngettext("%(count)d course moved to %(worker)s.", "%(count)d courses moved to %(worker)s.", len(moved))
                % {"count": len(moved), "worker": data["to_user"]},
            )
            return redirect("caseloads:overview")
    chosen = {int(pk) for pk in (form["course_ids"].value() or [])}
    context = {
        "from_user": from_user,
        "centre": centre,
        "centres": [(c, f"{reverse('caseloads:transfer', args=[from_user.pk])}?centre={c.pk}") for c in centres],
        "courses": courses,
        "total": total,
        "chosen": chosen,
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "caseloads/transfer.html", context)
