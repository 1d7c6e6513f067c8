"""``repeated_no_shows``: the worklist's section, in one query, agreeing with the pure rule."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appointments import rules
from appointments.models import Appointment
from appointments.selectors import repeated_no_show_course_ids, repeated_no_shows, with_no_show_streak
from courses.models import Course
from tests.pathway import course_in_treatment

from .conftest import TODAY, history

A, N, P, CC, CZ = rules.ATTENDED, rules.NO_SHOW, rules.PLANNED, rules.CANCELLED_BY_CENTRE, rules.CANCELLED_BY_CITIZEN


@pytest.mark.parametrize(
    ("attendances", "streak"),
    [
        ([], 0),
        ([N], 1),
        ([N, N], 2),
        ([N, A, N], 1),
        ([A, N, N, N], 3),
        ([N, N, A], 0),
        ([N, CZ, N], 2),  # a cancellation neither counts nor breaks the streak
        ([N, CC, N, P], 2),  # nor does a planned appointment not yet recorded
    ],
)
def test_the_streak_counts_no_shows_since_the_last_attended(course, randers_therapist, attendances, streak):
    history(course, randers_therapist, attendances)
    assert rules.no_show_streak(attendances) == streak
    assert with_no_show_streak(Course.objects.filter(pk=course.pk)).get().no_show_streak == streak
    found = repeated_no_shows(Course.objects.all())
    assert [(r.course, r.count) for r in found] == ([(course, streak)] if streak >= 2 else [])


def test_last_on_is_the_local_date_of_the_latest_no_show(course, randers_therapist):
    made = history(course, randers_therapist, [N, N, P])
    # 00:30 Copenhagen time is the evening before in UTC: last_on is the local date
    Appointment.objects.filter(pk=made[1].pk).update(starts_at=made[1].starts_at.replace(hour=0, minute=30))
    (row,) = repeated_no_shows(Course.objects.all())
    assert row.last_on == made[1].starts_at.date()


def test_one_query_closed_courses_left_out_latest_first_and_limited(
    course, randers_centre, randers_therapist, django_assert_num_queries
):
    others = [
        course_in_treatment(randers_centre, therapist=randers_therapist, days_ago=30 + i, username_prefix=f"s{i}")
        for i in range(3)
    ]
    history(course, randers_therapist, [N, N], first=TODAY - timedelta(days=10))
    for i, other in enumerate(others):
        history(other, randers_therapist, [A, N, N, N], first=TODAY - timedelta(days=20 - i))
    Course.objects.filter(pk=others[2].pk).update(state="closed")
    with django_assert_num_queries(1):
        rows = repeated_no_shows(Course.objects.all(), limit=50)
        shown = [(r.course.pk, r.count, str(r.course.citizen), r.course.responsible_id) for r in rows]
    assert [pk for pk, *_ in shown] == [course.pk, others[1].pk, others[0].pk]
    assert [count for _, count, *_ in shown] == [2, 3, 3]
    assert [r.course.pk for r in repeated_no_shows(Course.objects.all(), limit=2)] == [course.pk, others[1].pk]
    assert repeated_no_show_course_ids([course.pk, others[2].pk]) == {course.pk}


def test_the_callers_scope_is_kept(course, randers_therapist):
    history(course, randers_therapist, [N, N])
    assert repeated_no_shows(Course.objects.exclude(pk=course.pk)) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([A, N, P, CC, CZ]), max_size=8))
def test_the_query_agrees_with_the_rule(course, randers_therapist, attendances):
    Appointment.objects.filter(course=course).delete()
    history(course, randers_therapist, attendances)
    annotated = with_no_show_streak(Course.objects.filter(pk=course.pk)).get()
    assert annotated.no_show_streak == rules.no_show_streak(attendances)
    assert (course.pk in repeated_no_show_course_ids([course.pk])) == rules.repeated_no_show(annotated.no_show_streak)
