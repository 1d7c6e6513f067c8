"""A completed assessment is never edited in place: the feedback date (G3.5.7) or a correction is an
addendum under it, with who and when, audited without its text."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Addendum, Assessment
from audit.models import AuditEvent
from organisations.models import Role
from tests.conftest import staff

from .conftest import full_answers

pytestmark = pytest.mark.django_db

COMPLETED_ON = date(2025, 3, 10)


@pytest.fixture
def completed(randers_course, randers_visitator):
    services.assessment_save(course=randers_course, by=randers_visitator, **full_answers())
    services.assessment_complete(course=randers_course, by=randers_visitator, completed_on=COMPLETED_ON)
    randers_course.refresh_from_db()
    return randers_course


def add(course, by, **fields):
    return services.assessment_addendum_add(course=course, by=by, **fields)


# The service


def test_a_draft_takes_no_addendum(randers_course, randers_visitator):
    services.assessment_save(course=randers_course, by=randers_visitator, **full_answers())
    with pytest.raises(ValidationError):
        add(randers_course, randers_visitator, kind="feedback", feedback_given_on=date(2025, 3, 6))
    assert not Addendum.objects.exists()


def test_feedback_is_recorded_with_its_date_and_the_assessment_stays_as_it_was(completed, randers_therapist):
    before = Assessment.objects.values().get(course=completed)
    addendum = add(completed, randers_therapist, kind="feedback", feedback_given_on=date(2025, 3, 20))
    assert (addendum.feedback_given_on, addendum.recorded_by) == (date(2025, 3, 20), randers_therapist)
    after = Assessment.objects.values().get(course=completed)
    assert after == before  # not edited in place


@pytest.mark.parametrize(
    ("feedback_on", "field"),
    [(None, "feedback_given_on"), (date(2025, 3, 1), "feedback_given_on")],  # missing; before it started
)
def test_feedback_needs_a_date_within_the_assessment(completed, randers_visitator, feedback_on, field):
    with pytest.raises(ValidationError) as refused:
        add(completed, randers_visitator, kind="feedback", feedback_given_on=feedback_on)
    assert field in refused.value.error_dict


def test_feedback_cannot_be_dated_in_the_future(completed, randers_visitator):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        add(completed, randers_visitator, kind="feedback", feedback_given_on=tomorrow)
    assert "feedback_given_on" in refused.value.error_dict


def test_a_correction_needs_its_part_text_and_reason(completed, randers_visitator):
    with pytest.raises(ValidationError) as refused:
        add(completed, randers_visitator, kind="correction")
    assert set(refused.value.error_dict) == {"section", "text", "reason"}
    assert not Addendum.objects.exists()


def test_the_history_keeps_every_addendum_in_order_and_the_audit_trail_no_text(completed, randers_visitator):
    first = add(
        completed,
        randers_visitator,
        kind="correction",
        section="health",
        text="Diagnosticeret med ADHD i 2019.",
        reason="Borgeren huskede det efterfølgende.",
    )
    second = add(completed, randers_visitator, kind="feedback", feedback_given_on=date(2025, 3, 12))
    assessment = Assessment.objects.get(course=completed)
    assert list(assessment.addenda.all()) == [first, second]
    events = AuditEvent.objects.filter(object_type="assessments.Addendum", action="create").order_by("pk")
    assert [e.changes for e in events] == [
        {"kind": "correction", "section": "health"},
        {"kind": "feedback", "feedback_given_on": "2025-03-12"},
    ]
    assert all(e.citizen_id == completed.citizen_id for e in events)
    assert "ADHD" not in str([e.changes for e in events])


# The page


def addendum_url(course) -> str:
    return reverse("assessments:addendum_add", args=[course.pk])


def edit_url(course) -> str:
    return reverse("assessments:edit", args=[course.pk])


def test_the_completed_assessment_offers_both_addenda_to_a_caseworker(as_user, completed, randers_visitator):
    html = as_user(randers_visitator).get(edit_url(completed)).content.decode()
    assert 'name="kind" value="feedback"' in html and 'name="kind" value="correction"' in html
    assert "data-addenda" in html


def test_a_manager_reads_the_addenda_but_is_offered_no_form(as_user, completed, randers_manager, randers_visitator):
    add(completed, randers_visitator, kind="feedback", feedback_given_on=date(2025, 3, 12))
    client = as_user(randers_manager)
    html = client.get(edit_url(completed)).content.decode()
    assert 'data-addendum="feedback"' in html
    assert 'name="kind"' not in html
    response = client.post(addendum_url(completed), {"kind": "feedback", "feedback-feedback_given_on": "2025-03-12"})
    assert response.status_code == 403
    assert Addendum.objects.count() == 1


def test_feedback_added_on_the_page_is_shown_under_the_assessment(as_user, completed, randers_visitator):
    client = as_user(randers_visitator)
    response = client.post(addendum_url(completed), {"kind": "feedback", "feedback-feedback_given_on": "2025-03-12"})
    assert response.status_code == 302
    assert response.url.endswith("#addenda")
    html = client.get(edit_url(completed)).content.decode()
    assert "data-feedback-addendum" in html  # in the completion section
    assert 'data-addendum="feedback"' in html and str(randers_visitator) in html  # in the history, with who


def test_a_correction_is_shown_in_its_area_and_in_the_history(as_user, completed, randers_therapist):
    client = as_user(randers_therapist)
    data = {
        "kind": "correction",
        "correction-section": "health",
        "correction-text": "Diagnosticeret med ADHD i 2019.",
        "correction-reason": "Borgeren huskede det efterfølgende.",
    }
    assert client.post(addendum_url(completed), data).status_code == 302
    addendum = Addendum.objects.get()
    html = client.get(edit_url(completed)).content.decode()
    health = html[html.index('data-summary-section="health"') :]
    health = health[: health.index("</section>")]
    assert f'href="#addendum-{addendum.pk}"' in health
    assert "Diagnosticeret med ADHD i 2019." in html
    assert "Søvnproblemer" in html  # the assessment as it was stays readable


def test_an_incomplete_correction_shows_its_errors_on_the_fields_and_saves_nothing(
    as_user, completed, randers_visitator
):
    response = as_user(randers_visitator).post(addendum_url(completed), {"kind": "correction", "correction-text": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_correction-section_error"' in html and 'id="id_correction-reason_error"' in html
    assert 'href="#id_correction-section"' in html  # the error summary links to the field
    assert re.search(r'name="correction-text"[^>]*>\s*x</textarea>', html)  # the text typed is kept
    assert not Addendum.objects.exists()


def test_another_centre_gets_not_found(as_user, completed, fredericia_outsider, fredericia_centre):
    therapist = staff(fredericia_centre, Role.THERAPIST, username="fredericia-addendum")
    for user in (fredericia_outsider, therapist):
        response = as_user(user).post(addendum_url(completed), {"kind": "feedback"})
        assert response.status_code in (403, 404)
    response = as_user(therapist).post(
        addendum_url(completed), {"kind": "feedback", "feedback-feedback_given_on": "2025-03-12"}
    )
    assert response.status_code == 404
    assert not Addendum.objects.exists()


def test_the_assessment_page_does_a_bounded_number_of_queries(
    as_user, completed, randers_visitator, django_assert_max_num_queries
):
    client = as_user(randers_visitator)
    client.get(edit_url(completed))
    for day in range(1, 21):
        add(completed, randers_visitator, kind="feedback", feedback_given_on=date(2025, 3, 10 + day % 10))
    with django_assert_max_num_queries(25):
        response = client.get(edit_url(completed))
    assert response.content.decode().count("data-addendum=") == 20
