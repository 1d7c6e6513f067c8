"""This stage's part of the course page (``courses.views.COURSE_PANELS``)."""

from django.urls import reverse
from django.utils.translation import ngettext

from organisations.access import has_role
from organisations.models import CASEWORK_ROLES

from .selectors import follow_ups_of
from .views import MONTHS_PARAMETER


def course_panel(course, user) -> dict | None:
    """On a discharged course: the follow-ups with their due dates and status, the opt-out, and the
    later courses (re-admission within 12 months of completed treatment, G2.7). Steps "Record the
    1-month follow-up" for the case workers of the course's centre. Four queries at most."""
    if course.state != "closed" or course.closed_kind != "discharged":
        return None
    follow_ups = follow_ups_of(course)
    if follow_ups.discharge is None:
        return None
    can_write = has_role(user, CASEWORK_ROLES, centre_id=course.centre_id)
    record_url = reverse("followups:record", args=[course.pk])
    steps = []
    if can_write:
        for row in follow_ups.open_rows:
            label = ngettext(
                "Record the %(months)s-month follow-up", "Record the %(months)s-month follow-up", row.months
            ) % {"months": row.months}
            steps.append((f"{record_url}?{MONTHS_PARAMETER}={row.months}", label))
    return {
        "template": "followups/includes/course_panel.html",
        "steps": steps,
        "follow_ups": follow_ups,
        "page_url": reverse("followups:course", args=[course.pk]),
        "record_url": record_url,
        "months_parameter": MONTHS_PARAMETER,
        "can_write": can_write,
    }
