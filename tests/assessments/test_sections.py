"""The assessment form in its sections: the start and the five areas (G3.5; DOMAIN.md §2.3), each a
<details> element saying whether it is filled in, the area with an error opened, nothing lost."""

import dataclasses
import re
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments import rules, services
from assessments.forms import COMPLETION_FIELDS, AssessmentForm
from assessments.models import Assessment
from courses.models import CourseState

from .conftest import full_answers
from .test_views import form_data

COMPLETE = rules.Answers(
    **{k: v for k, v in full_answers().items() if k in rules.Answers.__dataclass_fields__},
)
AREA_KEYS = [key for key, _fields in rules.SECTIONS if key != rules.START]


# Rules (no database)


def test_the_sections_are_the_start_and_the_five_areas_in_order():
    assert [key for key, _fields in rules.SECTIONS] == [rules.START, *rules.FIVE_AREAS]


def test_every_field_of_the_form_is_in_exactly_one_section_or_the_completion():
    in_sections = [name for _key, names in rules.SECTIONS for name in names]
    assert len(in_sections) == len(set(in_sections))
    assert set(in_sections) | set(COMPLETION_FIELDS) == set(AssessmentForm.base_fields)


def test_children_and_pregnancy_belong_to_social_conditions():
    for name in ("children_at_home_asked", "children_at_home_count", "child_concern", "pregnancy"):
        assert rules.section_of(name) == "social_conditions"
    assert rules.section_of("other_help_needed") == "other_matters"
    assert rules.section_of("instrument") == rules.START


def test_a_complete_assessment_lacks_nothing_in_any_section():
    assert rules.missing_by_section(COMPLETE) == {key: [] for key, _fields in rules.SECTIONS}


def test_an_empty_assessment_lacks_something_in_every_section():
    missing = rules.missing_by_section(rules.Answers())
    assert all(missing[key] for key, _fields in rules.SECTIONS)


@given(blank=st.sets(st.sampled_from(rules.FIVE_AREAS)))
def test_exactly_the_areas_left_blank_are_missing(blank):
    answers = dataclasses.replace(COMPLETE, **{name: "  " for name in blank})
    missing = rules.missing_by_section(answers)
    assert {key for key, items in missing.items() if items} == blank
    # Completion needs every section: it is refused exactly when some area is blank.
    assert bool(rules.missing_for_completion(answers)) == bool(blank)


@given(
    asked=st.booleans(),
    count=st.none() | st.integers(min_value=0, max_value=5),
    pregnancy=st.sampled_from(
        [rules.PREGNANCY_NOT_ASKED, rules.PREGNANCY_NONE, rules.PREGNANCY_EXPECTING, rules.PREGNANCY_PARTNER_EXPECTING]
    ),
)
def test_the_children_and_pregnancy_questions_are_missing_only_in_social_conditions(asked, count, pregnancy):
    answers = dataclasses.replace(
        COMPLETE, children_at_home_asked=asked, children_at_home_count=count, pregnancy=pregnancy
    )
    missing = rules.missing_by_section(answers)
    assert all(not items for key, items in missing.items() if key != "social_conditions")
    expected = (not asked) or count is None or pregnancy == rules.PREGNANCY_NOT_ASKED
    assert bool(missing["social_conditions"]) == expected


def test_only_a_section_that_names_a_law_shows_it_in_the_summary():
    assert rules.cites_a_law(rules.SECTION_SOURCES["social_conditions"])
    assert not rules.cites_a_law(rules.SECTION_SOURCES["work_education"])


# The page

pytestmark = pytest.mark.django_db


def edit_url(course) -> str:
    return reverse("assessments:edit", args=[course.pk])


def details(html: str) -> dict[str, str]:
    """Each area's <details> opening tag, by its section key."""
    return {key: tag for tag, key in re.findall(r'(<details id="section-(\w+)"[^>]*>)', html)}


def open_sections(html: str) -> set[str]:
    return {key for key, tag in details(html).items() if " open" in tag}


def states(html: str) -> dict[str, str]:
    return dict(re.findall(r'<details id="section-(\w+)"[^>]*data-state="(\w+)"', html))


def test_the_form_is_one_page_of_six_closed_sections_with_a_contents_list(as_user, randers_visitator, randers_course):
    html = as_user(randers_visitator).get(edit_url(randers_course)).content.decode()
    assert set(details(html)) == {rules.START, *rules.FIVE_AREAS}
    assert "data-contents" in html
    for key in details(html):
        assert f'href="#section-{key}"' in html
    assert open_sections(html) == {rules.START}  # a new assessment opens where it starts
    assert set(states(html).values()) == {"missing"}
    assert 'id="section-completion"' in html  # the completion is not folded away
    assert html.count("<h1") == 1


def test_a_saved_draft_opens_the_first_area_still_missing(as_user, randers_visitator, randers_course):
    services.assessment_save(
        course=randers_course,
        by=randers_visitator,
        started_on=date(2025, 3, 5),
        instrument="ASI",
        told_how_it_works=True,
        drug_use="Hash dagligt.",
    )
    html = as_user(randers_visitator).get(edit_url(randers_course)).content.decode()
    assert states(html)[rules.START] == "filled"
    assert states(html)["drug_use"] == "filled"
    assert states(html)["social_conditions"] == "missing"
    assert open_sections(html) == {"social_conditions"}


def test_completing_with_gaps_opens_exactly_the_areas_with_errors_and_keeps_the_draft(
    as_user, randers_visitator, randers_course
):
    data = {**form_data(health="", pregnancy="not_asked"), "action": "complete"}
    response = as_user(randers_visitator).post(edit_url(randers_course), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert open_sections(html) == {"health", "social_conditions"}
    assert states(html)["health"] == "errors" and states(html)["drug_use"] == "filled"
    assert 'id="id_health_error"' in html and 'id="id_pregnancy_error"' in html
    assessment = Assessment.objects.get(course=randers_course)
    assert assessment.drug_use == "Dagligt forbrug af hash."  # nothing typed is lost
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.REQUESTED


@pytest.mark.parametrize("area", rules.FIVE_AREAS)
def test_completion_requires_every_area(as_user, randers_visitator, randers_course, area):
    response = as_user(randers_visitator).post(
        edit_url(randers_course), {**form_data(**{area: ""}), "action": "complete"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {area}
    assert open_sections(response.content.decode()) == {area}
    randers_course.refresh_from_db()
    assert randers_course.state == CourseState.REQUESTED


def test_an_invalid_date_opens_the_start_and_saves_nothing(as_user, randers_visitator, randers_course):
    data = {**form_data(), "started_on": "31-02-2025", "action": "save"}
    response = as_user(randers_visitator).post(edit_url(randers_course), data)
    assert response.status_code == 200
    assert open_sections(response.content.decode()) == {rules.START}
    assert not Assessment.objects.exists()
    assert response.context["form"]["drug_use"].value() == "Dagligt forbrug af hash."  # kept in the form


def test_an_error_in_the_completion_date_shows_on_its_field(as_user, randers_visitator, randers_course):
    data = {**form_data(), "completed_on": "2025-03-01", "action": "complete"}  # before it started
    response = as_user(randers_visitator).post(edit_url(randers_course), data)
    html = response.content.decode()
    assert 'id="id_completed_on_error"' in html
    assert open_sections(html) == set()


def test_the_concern_for_a_child_is_saved_with_the_social_conditions(as_user, randers_visitator, randers_course):
    data = {**form_data(child_concern=True, children_at_home_count=1), "action": "save"}
    data["child_concern_details"] = "Barnet kommer ofte uden madpakke."
    assert as_user(randers_visitator).post(edit_url(randers_course), data).status_code == 302
    assert Assessment.objects.get().child_concern_details == "Barnet kommer ofte uden madpakke."


def test_a_completed_assessment_is_read_area_by_area(as_user, randers_visitator, randers_course):
    services.assessment_save(course=randers_course, by=randers_visitator, **full_answers())
    services.assessment_complete(course=randers_course, by=randers_visitator, completed_on=date(2025, 3, 10))
    html = as_user(randers_visitator).get(edit_url(randers_course)).content.decode()
    for key in (rules.START, *rules.FIVE_AREAS, "completion"):
        assert f'data-summary-section="{key}"' in html
    assert '<details id="section-' not in html


def _main_text(html: str) -> str:
    """The page without its <details> (sources on demand) and without tags."""
    html = re.sub(r"<details class=\"source\">.*?</details>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("name", ["assessments:edit", "assessments:physician", "assessments:tasks"])
def test_no_guideline_codes_or_old_paragraphs_in_the_main_text(as_user, randers_visitator, randers_course, name):
    from assessments.models import Task

    Task.objects.create(
        course=randers_course,
        kind="child_notification",
        created_on=date(2025, 3, 10),
        reason="Bekymring.",
        source=rules.CHILD_NOTIFICATION_SOURCE,
    )
    html = as_user(randers_visitator).get(reverse(name, args=[randers_course.pk])).content.decode()
    text = _main_text(html)
    assert not re.search(r"\bG\d+\.\d", text), re.search(r".{40}\bG\d+\.\d.{20}", text)
    assert "SEL §" not in text and "SUL §" not in text
    assert "seed" not in text.lower()
