"""Reads of courses, always through the user's scope."""

from django.db.models import QuerySet

from organisations.access import get_or_404, scope_to_centres

from .models import Course


def courses_for(user) -> QuerySet[Course]:
    return scope_to_centres(Course.objects.select_related("citizen", "centre__municipality"), user)


def course_for_user(user, pk: int) -> Course:
    """The course, if it belongs to one of the user's centres; else 404."""
    return get_or_404(courses_for(user), pk=pk)
