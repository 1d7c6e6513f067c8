"""The assessment pages: who may read and write, what a failed submit shows, and query bounds."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, PhysicianConsultation, Task
from courses.models import CourseState
from organisations.models import Role
from tests.conftest import staff

from .conftest import full_answers

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    """Answers as a browser posts them: dates ISO, results as "domain: text" lines, ticks as "on"."""
    data = {}
    for name, value in full_answers(**overrides).items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, date):
            data[name] = value.isoformat()
        elif isinstance(value, dict):
            data[name] = "\n".join(f"{k}: {v}" for k, v in value.items())
        else:
            data[name] = "" if value is None else str(value)
    return data


def edit_url(course) -> str:
    return reverse("assessments:edit", args=[course.pk])


def labelled_inputs_only(html: str) -> bool:
    """Every visible input, select and textarea has a <label for> (WCAG 1.3.1, 4.1.2)."""
    ids = re.findall(r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\sid="([^"]+)"', html)
    labels = set(re.findall(r'<label for="([^"]+)"', html))
    return bool(ids) and set(ids) <= labels


# Reading and writing


def test_a_visitator_sees_the_assessment_form_with_every_field_labelled(as_user, randers_visitator, randers_course):
    response = as_user(randers_visitator).get(edit_url(randers_course))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert labelled_inputs_only(html)
    assert 'name="action" value="complete"' in html


def test_a_visitator_saves_a_draft(as_user, randers_visitator, randers_course):
    response = as_user(randers_visitator).post(edit_url(randers_course), {**form_data(), "action": "save"})
    assert response.status_code == 302
    assessment = Assessment.objects.get(course=randers_course)
    assert assessment.instrument_results == {"Stoffer": "Dagligt forbrug"}
    assert assessment.completed_on is None


def test_completing_with_gaps_keeps_the_draft_and_shows_each_gap_on_its_field(
    as_user, randers_visitator, randers_course
):
    data = {**form_data(health="", told_how_it_works=False), "action": "complete"}
    response = as_user(randers_visitator).post(edit_url(randers_course), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"health", "told_how_it_works"}
    assert 'href="#id_health"' in response.content.decode()  # the error summary links to the field
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.REQUESTED
    assert Assessment.objects.get(course=randers_course).drug_use  # the draft is kept


def test_completing_a_full_assessment_moves_the_course_and_shows_its_tasks(as_user, randers_visitator, randers_course):
    data = {**form_data(opioid_use=True, started_on=date(2025, 3, 5)), "action": "complete"}
    response = as_user(randers_visitator).post(edit_url(randers_course), data)
    assert response.status_code == 302
    assert response.url == reverse("assessments:tasks", args=[randers_course.pk])
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.ASSESSED
    assert list(randers_course.tasks.values_list("kind", flat=True)) == ["naloxone"]
    page = as_user(randers_visitator).get(edit_url(randers_course))
    assert page.context["form"] is None  # a completed assessment is read, not edited
    assert "Dagligt forbrug af hash." in page.content.decode()


def test_the_assessment_is_completed_on_the_date_the_caseworker_enters(as_user, randers_visitator, randers_course):
    client = as_user(randers_visitator)
    assert client.get(edit_url(randers_course)).context["form"].initial["completed_on"] == timezone.localdate()
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {**form_data(), "completed_on": tomorrow.isoformat(), "action": "complete"}
    response = client.post(edit_url(randers_course), data)
    assert response.status_code == 200 and "completed_on" in response.context["form"].errors
    data["completed_on"] = "2025-03-04"  # before the assessment started on 5 March
    response = client.post(edit_url(randers_course), data)
    assert "completed_on" in response.context["form"].errors
    assert client.post(edit_url(randers_course), {**data, "completed_on": "2025-03-07"}).status_code == 302
    assert Assessment.objects.get().completed_on == date(2025, 3, 7)


def test_invalid_input_shows_the_form_with_an_error_and_saves_nothing(as_user, randers_visitator, randers_course):
    data = {**form_data(), "started_on": "31-02-2025", "instrument_results": "no colon here", "action": "save"}
    response = as_user(randers_visitator).post(edit_url(randers_course), data)
    assert response.status_code == 200
    assert {"started_on", "instrument_results"} <= set(response.context["form"].errors)
    assert 'class="error-summary"' in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_manager_reads_but_cannot_write(as_user, randers_manager, randers_course):
    client = as_user(randers_manager)
    assert client.get(edit_url(randers_course)).status_code == 200
    assert client.post(edit_url(randers_course), {**form_data(), "action": "save"}).status_code == 403
    physician = reverse("assessments:physician", args=[randers_course.pk])
    assert client.post(physician, {"informed_on": "2025-03-04", "response": "accepted"}).status_code == 403
    assert not Assessment.objects.exists()
    assert not PhysicianConsultation.objects.exists()


def test_a_manager_sees_no_form(as_user, randers_manager, randers_course):
    response = as_user(randers_manager).get(edit_url(randers_course))
    assert response.context["form"] is None
    assert '<form method="post" novalidate>' not in response.content.decode()


@pytest.mark.parametrize("name", ["assessments:edit", "assessments:physician", "assessments:tasks"])
def test_another_centre_gets_not_found(as_user, fredericia_outsider, randers_course, name):
    assert as_user(fredericia_outsider).get(reverse(name, args=[randers_course.pk])).status_code == 404


def test_another_centres_therapist_cannot_mark_a_task_done(as_user, fredericia_therapist, randers_course):
    task = Task.objects.create(course=randers_course, kind="naloxone", created_on=date(2025, 3, 10))
    response = as_user(fredericia_therapist).post(
        reverse("assessments:task_done", args=[task.pk]), {f"task-{task.pk}-done_on": "2025-03-11"}
    )
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.done_on is None


def test_a_role_at_another_centre_gives_no_right_here(as_user, randers_centre, fredericia_centre, randers_course):
    """A therapist in Fredericia who is only a manager in Randers may read in Randers, not write."""
    user = staff(fredericia_centre, Role.THERAPIST, username="to-centre")
    from tests.factories import MembershipFactory

    MembershipFactory(user=user, centre=randers_centre, role=Role.MANAGER)
    response = as_user(user).post(edit_url(randers_course), {**form_data(), "action": "save"})
    assert response.status_code == 403
    assert not Assessment.objects.exists()


# Physician consultation


def test_a_physician_records_the_consultation(as_user, randers_physician, randers_course):
    url = reverse("assessments:physician", args=[randers_course.pk])
    client = as_user(randers_physician)
    page = client.get(url)
    assert page.status_code == 200
    assert labelled_inputs_only(page.content.decode())
    response = client.post(url, {"informed_on": "2025-03-04", "response": "accepted", "held_on": "2025-03-12"})
    assert response.status_code == 302
    assert PhysicianConsultation.objects.get(course=randers_course).held_on == date(2025, 3, 12)


def test_a_therapist_cannot_record_the_physician_consultation(as_user, randers_therapist, randers_course):
    url = reverse("assessments:physician", args=[randers_course.pk])
    client = as_user(randers_therapist)
    assert client.get(url).status_code == 200
    assert client.post(url, {"informed_on": "2025-03-04", "response": "accepted"}).status_code == 403


def test_a_consultation_held_without_acceptance_is_an_error_on_its_field(as_user, randers_visitator, randers_course):
    url = reverse("assessments:physician", args=[randers_course.pk])
    response = as_user(randers_visitator).post(
        url, {"informed_on": "2025-03-04", "response": "declined", "held_on": "2025-03-12"}
    )
    assert response.status_code == 200
    assert "held_on" in response.context["form"].errors
    assert not PhysicianConsultation.objects.exists()


# Tasks


def make_tasks(course, count: int) -> list[Task]:
    kinds = ["child_notification", "naloxone", "contraception", "screening"]
    return [
        Task.objects.create(course=course, kind=kinds[i % len(kinds)], created_on=date(2025, 3, 10))
        for i in range(count)
    ]


def test_the_task_list_does_a_bounded_number_of_queries(
    as_user, randers_therapist, randers_course, django_assert_max_num_queries
):
    make_tasks(randers_course, 30)
    client = as_user(randers_therapist)
    # 12 for the page and its tasks, 6 for the citizen header (citizens.selectors.citizen_header).
    with django_assert_max_num_queries(18):
        response = client.get(reverse("assessments:tasks", args=[randers_course.pk]))
    assert len(response.context["tasks"]) == 30
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert labelled_inputs_only(html)


def test_a_notification_without_its_recipient_shows_an_error_and_stays_open(as_user, randers_therapist, randers_course):
    (task,) = make_tasks(randers_course, 1)
    url = reverse("assessments:task_done", args=[task.pk])
    response = as_user(randers_therapist).post(url, {f"task-{task.pk}-done_on": "2025-03-11"})
    assert response.status_code == 200
    assert "recipient" in response.context["error_form"].errors
    task.refresh_from_db()
    assert task.done_on is None


def test_a_therapist_marks_a_notification_sent(as_user, randers_therapist, randers_course):
    (task,) = make_tasks(randers_course, 1)
    url = reverse("assessments:task_done", args=[task.pk])
    data = {f"task-{task.pk}-done_on": "2025-03-11", f"task-{task.pk}-recipient": "Favrskov Kommune"}
    response = as_user(randers_therapist).post(url, data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.done_on, task.recipient, task.done_by) == (date(2025, 3, 11), "Favrskov Kommune", randers_therapist)


def test_a_manager_cannot_mark_a_task_done(as_user, randers_manager, randers_course):
    (task,) = make_tasks(randers_course, 1)
    url = reverse("assessments:task_done", args=[task.pk])
    response = as_user(randers_manager).post(url, {f"task-{task.pk}-done_on": "2025-03-11"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.done_on is None
