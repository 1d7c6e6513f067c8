"""The decision's part of the course page (``courses.views.COURSE_PANELS``): while the course awaits
its decision, the draft's state and the steps each role may take (a visitator writes the draft,
only the authority issues); once decided, a link to the decision and, for the authority, the way
to issue a new one."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import CourseState
from organisations.access import has_role
from organisations.models import Role

from .models import DecisionDraft

DECIDE_ROLES = (Role.AUTHORITY,)
PREPARE_ROLES = (Role.AUTHORITY, Role.VISITATOR)


def _awaits_decision(course) -> bool:
    if course.state == CourseState.ASSESSED:
        return True
    try:
        request = course.request
    except ObjectDoesNotExist:
        return False
    return course.state == CourseState.REQUESTED and bool(request.outside_standard)


def course_panel(course, user) -> dict | None:
    """None while the course neither awaits a decision nor has one. At most three queries."""
    try:
        decision = course.decision
    except ObjectDoesNotExist:
        decision = None
    if decision is None and not _awaits_decision(course):
        return None
    steps = []
    draft = None
    if decision is None:
        draft = DecisionDraft.objects.filter(course=course).select_related("written_by").first()
        if has_role(user, PREPARE_ROLES, centre_id=course.centre_id):
            if draft is not None:
                steps.append((reverse("decisions:draft_preview", args=[course.pk]), _("Read the decision draft")))
            else:
                steps.append((reverse("decisions:draft", args=[course.pk]), _("Write a decision draft")))
        if has_role(user, DECIDE_ROLES, centre_id=course.centre_id):
            label = _("Issue the decision from the draft") if draft else _("Issue the decision")
            steps.append((reverse("decisions:issue", args=[course.pk]), label))
    return {
        "template": "decisions/includes/course_panel.html",
        "steps": steps,
        "decision": decision,
        "draft": draft,
    }
