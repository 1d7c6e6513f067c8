"""Reads of courses, always through the user's scope."""

from django.db.models import QuerySet

from organisations.access import centre_ids_with_role, get_or_404
from organisations.models import CASE_READ_ROLES

from .models import Course


def courses_for(user) -> QuerySet[Course]:
    """Courses of the centres where the user holds a case role (not merely any role)."""
    return Course.objects.select_related("citizen", "centre__municipality").filter(
        centre_id__in=centre_ids_with_role(user, CASE_READ_ROLES)
    )


def course_for_user(user, pk: int) -> Course:
    """The course, if it belongs to one of the user's centres; else 404."""
    return get_or_404(courses_for(user), pk=pk)
