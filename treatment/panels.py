"""This stage's part of the course page (``courses.views.COURSE_PANELS``): gift-card totals, the
latest lapses, the relapse-prevention plan, the residential stay and the course's open tasks.

A fixed number of queries whatever the course's history (at most eight)."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import TaskKind
from courses.models import CourseState
from organisations.access import has_role
from organisations.models import CASEWORK_ROLES

from . import rules
from .models import GiftCard
from .selectors import next_checkpoint, stay_checkpoints, stay_length_warning

LATEST_LAPSES = 3
SHOWN_FROM = (CourseState.DECIDED, CourseState.IN_TREATMENT, CourseState.CLOSED)


def _granted(course) -> bool:
    decision = getattr(course, "decision", None)  # the missing related object raises an AttributeError
    return decision is not None and decision.outcome != "refusal"


def course_panel(course, user) -> dict | None:
    """None before a grant (and on a closed course that never started treatment)."""
    if course.state not in SHOWN_FROM:
        return None
    if course.state == CourseState.DECIDED and not _granted(course):
        return None
    if course.state == CourseState.CLOSED and course.treatment_started_on is None:
        return None
    today = timezone.localdate()
    totals = GiftCard.objects.filter(course__citizen_id=course.citizen_id).aggregate(
        count=Count("id"), total=Sum("amount")
    )
    course_totals = course.gift_cards.aggregate(count=Count("id"), total=Sum("amount"))
    lapses = list(course.lapses.all()[:LATEST_LAPSES])
    plan = course.relapse_plans.order_by("-number").first()
    stays = list(course.residential_stays.select_related("provider").prefetch_related("meetings", "statuses"))
    stay = next((s for s in stays if s.ended_on is None), stays[0] if stays else None)
    stay_state = None
    if stay is not None:
        rows = stay_checkpoints(stay, list(stay.meetings.all()), list(stay.statuses.all()), today)
        request = getattr(course, "request", None)
        standard = request.standard if request else None
        stay_state = {
            "standard": standard,
            "stay": stay,
            "next": next_checkpoint(rows),
            "overdue": [row for row in rows if row.status == rules.OVERDUE],
            "length_warning": stay_length_warning(stay, standard),
        }
    open_tasks = list(course.tasks.filter(done_on__isnull=True).order_by("created_on", "id"))
    steps = []
    if course.state != CourseState.CLOSED and has_role(user, CASEWORK_ROLES, centre_id=course.centre_id):
        steps.append((reverse("treatment:gift_card_add", args=[course.pk]), _("Record a gift card")))
        if course.state == CourseState.IN_TREATMENT:
            steps.append((reverse("treatment:lapse_add", args=[course.pk]), _("Record a lapse or relapse")))
            steps.append((reverse("treatment:relapse_plan", args=[course.pk]), _("Relapse-prevention plan")))
            if stay is None or stay.ended_on is not None:
                steps.append((reverse("treatment:stay_add", args=[course.pk]), _("Record a residential stay")))
    return {
        "template": "treatment/includes/course_panel.html",
        "steps": steps,
        "course": course,
        "gift_cards": {
            "count": totals["count"],
            "total": totals["total"] or 0,
            "course_count": course_totals["count"],
            "course_total": course_totals["total"] or 0,
        },
        "lapses": lapses,
        "plan": plan,
        "stay": stay_state,
        "stays": stays,
        "open_tasks": open_tasks,
        "aftercare_open": [t for t in open_tasks if t.kind == TaskKind.AFTERCARE],
        "today": today,
    }
