"""This stage's part of the course page (``courses.views.COURSE_PANELS``): the plan's state and,
for those who may write it on a course in treatment, the step to write or review it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import CourseState
from deadlines.models import DeadlineKind
from organisations.access import has_role
from organisations.models import CASEWORK_ROLES


def course_panel(course, user) -> dict | None:
    """None before treatment starts and no plan exists; else the newest version (or none yet) and
    the deadline that stands next: the first plan's, or the review due after the newest version.
    Two queries, whatever the course's history."""
    latest = course.plan_versions.order_by("-number").first()
    if latest is None and course.treatment_started_on is None:
        return None
    if latest is None:
        deadline = course.deadlines.filter(kind=DeadlineKind.TREATMENT_PLAN).first()
    else:
        deadline = course.deadlines.filter(kind=DeadlineKind.PLAN_REVIEW, ref=str(latest.number + 1)).first()
    steps = []
    if course.state == CourseState.IN_TREATMENT and has_role(user, CASEWORK_ROLES, centre_id=course.centre_id):
        if latest is None:
            steps.append((reverse("plans:new", args=[course.pk]), _("Write the treatment plan")))
        else:
            steps.append((reverse("plans:review", args=[course.pk]), _("Review the plan")))
    return {
        "template": "plans/includes/course_panel.html",
        "steps": steps,
        "latest": latest,
        "deadline": deadline,
        "standard_sets_reviews": latest is None or deadline is not None,
    }
