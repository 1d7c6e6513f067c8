"""This stage's part of the course page (``courses.views.COURSE_PANELS``): the step "Discharge the
citizen" on a course in treatment, the discharge's summary on a discharged course. At most two
queries (the discharge, its follow-up deadlines) whatever the course's history."""

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import CloseReason, CourseState
from deadlines.models import Deadline, DeadlineKind
from organisations.access import has_role
from organisations.models import CASEWORK_ROLES

from . import rules
from .models import Discharge

TEMPLATE = "discharges/includes/course_panel.html"


def course_panel(course, user) -> dict | None:
    if course.state == CourseState.IN_TREATMENT:
        if not has_role(user, CASEWORK_ROLES, centre_id=course.centre_id):
            return None
        return {
            "template": TEMPLATE,
            "steps": [(reverse("discharges:discharge", args=[course.pk]), _("Discharge the citizen"))],
            "discharge": None,
        }
    if course.state != CourseState.CLOSED or course.closed_kind != CloseReason.DISCHARGED:
        return None
    discharge = Discharge.objects.select_related("provider").filter(course=course).first()
    if discharge is None:
        return None
    required = rules.follow_up_required(discharge.reason)
    follow_ups = (
        list(Deadline.objects.filter(course=course, kind=DeadlineKind.FOLLOW_UP).order_by("due_on")) if required else []
    )
    return {
        "template": TEMPLATE,
        "steps": [],
        "discharge": discharge,
        "follow_up_required": required,
        "follow_ups": follow_ups,
        "course": course,
    }
