"""Reads of appointments for other parts of the product (the worklist, the course page).

Scoping is the caller's: pass a queryset of courses already limited to the user's centres.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Count, DateTimeField, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import Course, CourseState

from . import rules
from .models import Appointment, Attendance

BEFORE_ANY = datetime(1900, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class RepeatedNoShow:
    """A course whose latest recorded appointments are no-shows (``rules.no_show_streak``)."""

    course: Course
    count: int  # no-shows in a row (≥ rules.REPEATED_NO_SHOWS)
    last_on: date  # the local date of the latest of them


def _recorded(attendance: str) -> QuerySet[Appointment]:
    """The outer course's appointments recorded as ``attendance`` (one range of the index on
    course, attendance and start)."""
    return Appointment.objects.filter(course=OuterRef("pk"), attendance=attendance).order_by()


def with_no_show_streak(courses: QuerySet[Course]) -> QuerySet[Course]:
    """``courses`` annotated with ``no_show_streak`` (int) and ``last_no_show_at`` (datetime or None):
    the no-shows after the latest attended appointment (``rules.no_show_streak``), each a probe of
    the index on (course, attendance, starts_at), however long the course's history."""
    last_attended = _recorded(Attendance.ATTENDED).order_by("-starts_at").values("starts_at")[:1]
    # Never attended: every no-show counts (from a moment before any appointment).
    courses = courses.annotate(
        last_attended_at=Coalesce(Subquery(last_attended, output_field=DateTimeField()), Value(BEFORE_ANY))
    )
    since = _recorded(Attendance.NO_SHOW).filter(starts_at__gt=OuterRef("last_attended_at"))
    count = since.values("course").annotate(n=Count("pk")).values("n")[:1]
    last = since.order_by("-starts_at").values("starts_at")[:1]
    return courses.annotate(
        no_show_streak=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        last_no_show_at=Subquery(last, output_field=DateTimeField()),
    )


def repeated_no_shows(courses: QuerySet[Course], limit: int = 50) -> list[RepeatedNoShow]:
    """Open courses among ``courses`` with repeated no-shows, latest no-show first; ONE query.

    ``courses``: a queryset of ``courses.models.Course``, already scoped by the caller (e.g.
    ``scope_to_centres(Course.objects.all(), user, roles=CASE_READ_ROLES)``, narrowed to
    ``responsible=user`` or a team). Closed courses are left out. At most ``limit`` rows.

    Returns ``RepeatedNoShow(course, count, last_on)``: ``course`` with ``citizen``,
    ``responsible`` and ``team`` loaded (select_related, no further queries to show them);
    ``count`` the no-shows in a row (2 or more: ``rules.REPEATED_NO_SHOWS``, G3.10.3);
    ``last_on`` the local date of the latest no-show. The streak counts back from the latest
    appointment until one the citizen attended; planned appointments and cancellations neither
    count nor break it (``rules.no_show_streak``).
    """
    rows = repeated_no_show_courses(courses).order_by("-last_no_show_at", "pk")[:limit]
    return [as_repeated_no_show(course) for course in rows]


def repeated_no_show_courses(courses: QuerySet[Course]) -> QuerySet[Course]:
    """The open courses among ``courses`` with repeated no-shows, annotated (``no_show_streak``,
    ``last_no_show_at``) and with ``citizen``, ``responsible`` and ``team`` loaded; unordered, for
    a caller that pages them (the worklist: ``forlob.paging.keyset_page`` on
    ``("-last_no_show_at", "id")``). Turn each row into a ``RepeatedNoShow`` with ``as_repeated_no_show``."""
    return (
        with_no_show_streak(courses.exclude(state=CourseState.CLOSED))
        .filter(no_show_streak__gte=rules.REPEATED_NO_SHOWS)
        .select_related("citizen", "responsible", "team")
    )


def as_repeated_no_show(course: Course) -> RepeatedNoShow:
    """A course of ``repeated_no_show_courses`` as a ``RepeatedNoShow``."""
    return RepeatedNoShow(
        course=course, count=course.no_show_streak, last_on=timezone.localtime(course.last_no_show_at).date()
    )


def repeated_no_show_course_ids(course_ids) -> set[int]:
    """The ids among ``course_ids`` (open courses) with repeated no-shows; one query."""
    ids = list(course_ids)
    return {row.course.pk for row in repeated_no_shows(Course.objects.filter(pk__in=ids), limit=len(ids) or 1)}
