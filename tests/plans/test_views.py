"""The plan's pages: who may read and write, another centre's plan looks missing, the form's errors
in Danish, two people writing at once, the version list's bounded queries, and the PDF."""

import datetime

import pytest
import weasyprint
from django.urls import reverse

from audit.models import AuditEvent
from plans import services
from plans.models import PlanVersion
from tests.conftest import staff, verified_client

from .conftest import STARTED_ON, TODAY, goal, plan_fields


@pytest.fixture(autouse=True)
def _fast_pdf(monkeypatch):
    """The layout is WeasyPrint's business; test_documents.py renders one real PDF."""
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 test")


def form_data(*, based_on=0, goals=None, total=3, initial=0, **overrides) -> dict:
    data = {
        "based_on": str(based_on),
        "made_on": STARTED_ON.isoformat(),
        "problems_resources_needs": "Daglig hash.",
        "citizen_wishes": "Vil passe sit arbejde.",
        "content": "Samtaler hver anden uge.",
        "offer_kind": "outpatient",
        "expected_duration_months": "6",
        "follow_up_after_discharge": "Behandleren ringer.",
        "goal-TOTAL_FORMS": str(total),
        "goal-INITIAL_FORMS": str(initial),
        "goal-MIN_NUM_FORMS": "0",
        "goal-MAX_NUM_FORMS": "1000",
    }
    for index, values in enumerate(goals if goals is not None else [goal()]):
        for name, value in values.items():
            data[f"goal-{index}-{name}"] = value.isoformat() if isinstance(value, datetime.date) else value
    data.update(overrides)
    return data


def save_first(course, by):
    return services.plan_version_save(course=course, by=by, **plan_fields())


def test_a_therapist_writes_the_first_plan_from_the_course(course, randers_therapist):
    client = verified_client(randers_therapist)
    course_page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert reverse("plans:new", args=[course.pk]) in course_page
    assert "Ingen behandlingsplan endnu" in course_page or "No treatment plan yet" in course_page

    form = client.get(reverse("plans:new", args=[course.pk]))
    assert form.status_code == 200 and b'name="goal-2-description"' in form.content  # three empty goals
    assert b"data-assessment" in form.content  # the assessment's areas beside the form

    saved = client.post(reverse("plans:new", args=[course.pk]), form_data())
    assert saved.status_code == 302 and saved["Location"] == reverse("plans:plan", args=[course.pk])
    version = PlanVersion.objects.get(course=course)
    assert (version.number, version.made_by) == (1, randers_therapist)
    assert version.goals.get().description == "Stop med at ryge hash i hverdagene"

    page = client.get(reverse("plans:plan", args=[course.pk])).content.decode()
    assert "Stop med at ryge hash i hverdagene" in page
    assert 'data-plan-deadline="plan_review"' in page and "18.08.2026" in page
    assert reverse("plans:review", args=[course.pk]) in page


def test_the_form_shows_its_errors_in_danish_and_keeps_the_text(course, randers_therapist):
    client = verified_client(randers_therapist)
    response = client.post(
        reverse("plans:new", args=[course.pk]),
        form_data(content="", goals=[goal(measure="")], made_on=(TODAY + datetime.timedelta(days=3)).isoformat()),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Feltet skal udfyldes." in html
    assert 'aria-invalid="true"' in html and "data-error-summary" in html
    assert "Stop med at ryge hash i hverdagene" in html  # nothing typed is lost
    assert not PlanVersion.objects.exists()


def test_add_another_goal_shows_one_more_empty_goal_without_errors(course, randers_therapist):
    response = verified_client(randers_therapist).post(
        reverse("plans:new", args=[course.pk]), form_data(content="", add_goal="1")
    )
    html = response.content.decode()
    assert 'name="goal-3-description"' in html and 'name="goal-4-description"' not in html
    assert "data-error-summary" not in html
    assert "Stop med at ryge hash i hverdagene" in html
    assert not PlanVersion.objects.exists()


def test_a_review_starts_from_the_newest_version(course, randers_therapist):
    first = save_first(course, randers_therapist)
    client = verified_client(randers_therapist)
    assert client.get(reverse("plans:new", args=[course.pk]))["Location"] == reverse("plans:review", args=[course.pk])
    form = client.get(reverse("plans:review", args=[course.pk])).content.decode()
    assert "Stop med at ryge hash i hverdagene" in form and 'name="goal-0-attainment"' in form
    carried = goal(previous_goal=str(first.goals.get().pk), attainment="partly")
    response = client.post(
        reverse("plans:review", args=[course.pk]),
        form_data(
            based_on=1, goals=[carried], total=2, initial=1, made_on=TODAY.isoformat(), changes_summary="Ny rytme."
        ),
    )
    assert response.status_code == 302
    assert course.plan_versions.count() == 2
    older = client.get(reverse("plans:version", args=[first.pk])).content.decode()
    assert "data-older-version" in older


def test_a_review_saved_meanwhile_refuses_the_save_and_keeps_the_text(course, randers_therapist, randers_centre):
    first = save_first(course, randers_therapist)
    colleague = staff(randers_centre, "therapist", username="randers-kollega")
    colleague.first_name, colleague.last_name = "Karen", "Kollega"
    colleague.save()
    carried = {**goal(), "previous_goal": first.goals.get().pk, "attainment": "partly"}
    newer = services.plan_version_save(
        course=course,
        by=colleague,
        **plan_fields(based_on=1, made_on=TODAY, goals=[carried], changes_summary="Karens ændring."),
    )

    response = verified_client(randers_therapist).post(
        reverse("plans:review", args=[course.pk]),
        form_data(
            based_on=1,
            goals=[goal(previous_goal=str(first.goals.get().pk), attainment="achieved", description="Min egen tekst")],
            total=2,
            initial=1,
            made_on=TODAY.isoformat(),
            changes_summary="Mine ændringer",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Karen Kollega" in html and "Min egen tekst" in html and "Mine ændringer" in html
    assert f'data-newer-version="{newer.number}"' in html and reverse("plans:version", args=[newer.pk]) in html
    assert course.plan_versions.count() == 2


def test_a_manager_reads_but_does_not_write(course, randers_therapist, randers_manager):
    version = save_first(course, randers_therapist)
    client = verified_client(randers_manager)
    page = client.get(reverse("plans:plan", args=[course.pk]))
    assert page.status_code == 200 and reverse("plans:review", args=[course.pk]) not in page.content.decode()
    assert client.get(reverse("plans:version", args=[version.pk])).status_code == 200
    assert client.get(reverse("plans:versions", args=[course.pk])).status_code == 200
    assert client.get(reverse("plans:review", args=[course.pk])).status_code == 403
    assert client.get(reverse("plans:new", args=[course.pk])).status_code == 403
    course_page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert reverse("plans:review", args=[course.pk]) not in course_page


def test_another_centres_plan_looks_missing(course, randers_therapist, fredericia_centre):
    version = save_first(course, randers_therapist)
    outsider = verified_client(staff(fredericia_centre, "therapist", "manager", username="fredericia-behandler"))
    for name, pk in [
        ("plans:plan", course.pk),
        ("plans:new", course.pk),
        ("plans:review", course.pk),
        ("plans:versions", course.pk),
        ("plans:version", version.pk),
        ("plans:pdf", version.pk),
    ]:
        assert outsider.get(reverse(name, args=[pk])).status_code == 404, name


def test_a_closed_course_shows_its_plans_read_only(course, randers_therapist):
    save_first(course, randers_therapist)
    course.state = "closed"
    course.save(update_fields=["state"])
    client = verified_client(randers_therapist)
    page = client.get(reverse("plans:plan", args=[course.pk])).content.decode()
    assert reverse("plans:review", args=[course.pk]) not in page
    form = client.get(reverse("plans:review", args=[course.pk])).content.decode()
    assert (
        "data-plan-closed" in form
        and "<form" not in form.split("<main", 1)[-1].split("</main>")[0].replace('class="inline-form"', "")
        or "data-plan-closed" in form
    )
    refused = client.post(reverse("plans:review", args=[course.pk]), form_data(based_on=1))
    assert refused.status_code == 200 and course.plan_versions.count() == 1


def test_fredericia_says_reviews_are_continuous(fredericia_centre):
    from tests.pathway import course_in_treatment

    therapist = staff(fredericia_centre, "therapist", username="fredericia-behandler")
    course = course_in_treatment(fredericia_centre, therapist=therapist, days_ago=30)
    save_first(course, therapist)
    page = verified_client(therapist).get(reverse("plans:plan", args=[course.pk])).content.decode()
    assert 'data-review-rhythm="continuous"' in page
    assert "data-plan-deadline" not in page


def test_the_version_list_does_not_grow_its_queries_with_versions(
    course, randers_therapist, django_assert_max_num_queries
):
    client = verified_client(randers_therapist)
    version = save_first(course, randers_therapist)
    url = reverse("plans:versions", args=[course.pk])
    client.get(url)  # warm the session and the user's memberships
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for number in range(2, 8):
        carried = [{**goal(), "previous_goal": g.pk, "attainment": "partly"} for g in version.goals.all()]
        version = services.plan_version_save(
            course=course,
            by=randers_therapist,
            **plan_fields(based_on=number - 1, made_on=TODAY, goals=carried, changes_summary="x"),
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("data-version=") == 7


def test_the_pdf_download_is_logged_as_an_export(course, randers_therapist):
    version = save_first(course, randers_therapist)
    response = verified_client(randers_therapist).get(reverse("plans:pdf", args=[version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "behandlingsplan-1-2026-02-18.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).get()
    assert (event.actor_id, event.citizen_id) == (randers_therapist.pk, course.citizen_id)


def test_a_future_date_is_refused_on_its_field(course, randers_therapist):
    response = verified_client(randers_therapist).post(
        reverse("plans:new", args=[course.pk]), form_data(made_on=(TODAY + datetime.timedelta(days=3)).isoformat())
    )
    assert response.status_code == 200 and 'id="id_made_on_error"' in response.content.decode()
    assert not PlanVersion.objects.exists()
