"""The journal's parts of other pages: the course page (``courses.views.COURSE_PANELS``) and the
citizen's page. Each is one query, whatever the number of notes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.access import has_role
from organisations.models import CASEWORK_ROLES

from .selectors import latest_notes

LATEST = 5


def course_panel(course, user) -> dict:
    """The course's latest notes and, for those who may write one, the step "Write a journal note"
    (offentlighedsloven §13: notes are written as soon as possible, so the step is always there)."""
    steps = []
    if has_role(user, CASEWORK_ROLES, centre_id=course.centre_id):
        steps.append((reverse("journal:course_add", args=[course.pk]), _("Write a journal note")))
    return {
        "template": "journal/includes/course_panel.html",
        "steps": steps,
        "course": course,
        "notes": latest_notes(course.journal_notes.all(), LATEST),
    }


def citizen_panel(citizen, user) -> dict:
    """The citizen's latest notes (on any course or none), a link to the timeline and, for those who
    may write, to a new note. Include with
    ``{% include journal_panel.template with panel=journal_panel %}``."""
    return {
        "template": "journal/includes/citizen_panel.html",
        "citizen": citizen,
        "can_write": has_role(user, CASEWORK_ROLES, centre_id=citizen.centre_id),
        "notes": latest_notes(citizen.journal_notes.all(), LATEST),
    }
