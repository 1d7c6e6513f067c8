"""Reads of courses, always through the user's scope; every read of a course is audited."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from audit.services import audit_read
from organisations.access import centre_ids_with_role, get_or_404, has_role
from organisations.models import CASE_READ_ROLES

from .models import Course


def courses_for(user) -> QuerySet[Course]:
    """Courses of the centres where the user holds a case role (not merely any role)."""
    return Course.objects.select_related("citizen", "centre__municipality").filter(
        centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES)
    )


def course_for_user(user, pk: int, *, roles: Iterable[str] = CASE_READ_ROLES, audit: bool = True) -> Course:
    """The course, if it belongs to one of the user's centres (else 404) and the user holds one of
    ``roles`` at its own centre (else 403); the read of its citizen is then logged.

    Every page of a course, its assessment, tasks and decision reads the course here, so every
    such page (form pages and POST answers included) writes a VIEW event naming the citizen.
    ``audit=False`` only for a page that logs a more precise event itself (the decision it
    shows, a letter download as an export); ``tests/security/test_every_read_logged.py`` checks
    that no page ends up without one.
    """
    course = get_or_404(courses_for(user), pk=pk)
    if not has_role(user, roles, centre_id=course.centre_id):
        raise PermissionDenied
    if audit:
        audit_read(actor=user, obj=course, citizen_id=course.citizen_id, centre_id=course.centre_id)
    return course
