"""Writing and reviewing the treatment plan: preconditions, versions, two people at once, the audit
trail and the deadlines the plan meets (SEL §101(8); G3.7.1, G3.7.4)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from audit.models import AuditEvent
from deadlines.models import Deadline
from plans import services
from plans.models import PlanGoal, PlanVersion
from standards.models import StandardOffer
from tests.conftest import staff
from tests.pathway import course_in_treatment

from .conftest import STARTED_ON, TODAY, goal, plan_fields


def first_plan(course, by, **overrides):
    return services.plan_version_save(course=course, by=by, **plan_fields(**overrides))


def review(course, by, previous, *, attainment="partly", **overrides):
    carried = [
        {**goal(description=g.description), "previous_goal": g.pk, "attainment": attainment}
        for g in previous.goals.all()
    ]
    fields = {"based_on": previous.number, "made_on": TODAY, "goals": carried, "changes_summary": "Færre samtaler."}
    return services.plan_version_save(course=course, by=by, **plan_fields(**{**fields, **overrides}))


def deadline(course, kind, ref=""):
    return Deadline.objects.get(course=course, kind=kind, ref=ref)


def test_the_first_plan_is_version_1_and_meets_the_plan_deadline(course, randers_therapist):
    version = first_plan(course, randers_therapist)

    assert (version.number, version.kind, version.made_by) == (1, "initial", randers_therapist)
    assert [g.description for g in version.goals.all()] == ["Stop med at ryge hash i hverdagene"]
    plan = deadline(course, "treatment_plan")
    assert (plan.due_on, plan.met_on) == (STARTED_ON, STARTED_ON)
    # Randers reviews at least every 6 months: the review after version 1 is due 6 months after the start.
    assert deadline(course, "plan_review", "2").due_on == datetime.date(2026, 8, 18)


def test_a_review_is_the_next_version_and_meets_the_review_deadline(course, randers_therapist):
    first = first_plan(course, randers_therapist)
    second = review(course, randers_therapist, first)

    assert (second.number, second.kind) == (2, "review")
    assert deadline(course, "plan_review", "2").met_on == TODAY
    # The next review runs from the newest version: 6 months after 16 March.
    assert deadline(course, "plan_review", "3").due_on == datetime.date(2026, 9, 16)
    # The earlier version is kept as it was.
    first.refresh_from_db()
    assert first.goals.get().attainment == ""
    carried = second.goals.get()
    assert (carried.previous_goal_id, carried.attainment) == (first.goals.get().pk, "partly")


def test_mariagerfjord_reviews_5_months_after_treatment_start(mariagerfjord_centre):
    therapist = staff(mariagerfjord_centre, "therapist", username="mariagerfjord-behandler")
    course = course_in_treatment(mariagerfjord_centre, therapist=therapist, days_ago=30)
    first_plan(course, therapist)
    assert deadline(course, "plan_review", "2").due_on == datetime.date(2026, 7, 18)


def test_odsherred_needs_the_period_end_and_reviews_on_it(odsherred_centre):
    therapist = staff(odsherred_centre, "therapist", username="odsherred-behandler")
    course = course_in_treatment(odsherred_centre, therapist=therapist, days_ago=30)
    with pytest.raises(ValidationError) as refused:
        first_plan(course, therapist)
    assert "period_ends_on" in refused.value.message_dict

    first_plan(course, therapist, period_ends_on=datetime.date(2026, 5, 31), substance_goal="reduce")
    assert deadline(course, "plan_review", "2").due_on == datetime.date(2026, 5, 31)


def test_fredericia_sets_no_review_date(fredericia_centre):
    therapist = staff(fredericia_centre, "therapist", username="fredericia-behandler")
    course = course_in_treatment(fredericia_centre, therapist=therapist, days_ago=30)
    first_plan(course, therapist)
    assert not Deadline.objects.filter(course=course, kind="plan_review").exists()
    assert deadline(course, "treatment_plan").met_on == STARTED_ON


def test_only_a_course_in_treatment_takes_a_plan(randers_centre, randers_therapist):
    granted = course_in_treatment(randers_centre, therapist=randers_therapist, started=False)
    with pytest.raises(ValidationError, match="kun, mens forløbet er i behandling"):
        first_plan(granted, randers_therapist)
    assert not PlanVersion.objects.exists()


def test_a_closed_course_takes_no_review(course, randers_therapist, monkeypatch):
    first = first_plan(course, randers_therapist)
    course.state = "closed"  # as after discharge (discharges closes the course)
    course.save(update_fields=["state"])
    with pytest.raises(ValidationError, match="kun, mens forløbet er i behandling"):
        review(course, randers_therapist, first)
    assert PlanVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"made_on": TODAY + datetime.timedelta(days=1)}, "made_on"),
        ({"made_on": STARTED_ON - datetime.timedelta(days=1)}, "made_on"),
        ({"period_ends_on": STARTED_ON}, "period_ends_on"),
        ({"coordinated_plan": "action_plan"}, "coordinated_plan_on"),
        (
            {"coordinated_plan": "coordinated", "coordinated_plan_on": datetime.date(2026, 1, 5)},
            "coordinated_plan_keeper",
        ),
    ],
)
def test_a_version_with_wrong_dates_or_links_is_refused_on_its_field(course, randers_therapist, overrides, field):
    with pytest.raises(ValidationError) as refused:
        first_plan(course, randers_therapist, **overrides)
    assert field in refused.value.message_dict
    assert not PlanVersion.objects.exists()


def test_the_intensity_tier_must_be_of_the_standard_in_force_and_the_offer_kind(
    course, randers_therapist, odsherred_centre
):
    standard = course.request.standard
    residential = standard.offers.get(kind="residential")
    with pytest.raises(ValidationError) as refused:
        first_plan(course, randers_therapist, intensity_tier=residential)
    assert "intensity_tier" in refused.value.message_dict
    other = StandardOffer.objects.filter(
        standard__municipality=odsherred_centre.municipality, kind="outpatient"
    ).first()
    with pytest.raises(ValidationError) as refused:
        first_plan(course, randers_therapist, intensity_tier=other)
    assert "intensity_tier" in refused.value.message_dict

    group = standard.offers.filter(kind="outpatient").first()
    assert first_plan(course, randers_therapist, intensity_tier=group).intensity_tier == group


def test_a_plan_needs_a_goal_that_is_measurable_and_dated(course, randers_therapist):
    with pytest.raises(services.PlanGoalErrors) as refused:
        first_plan(course, randers_therapist, goals=[goal(measure=" ", target_on=datetime.date(2026, 1, 1))])
    assert set(refused.value.goal_errors[0]) == {"measure", "target_on"}
    with pytest.raises(services.PlanGoalErrors) as refused:
        first_plan(course, randers_therapist, goals=[])
    assert refused.value.messages == ["Planen skal have mindst ét mål at arbejde hen imod."]


def test_a_review_records_the_attainment_of_every_goal_it_carries(course, randers_therapist):
    first = first_plan(course, randers_therapist, goals=[goal(), goal(description="Få styr på økonomien")])
    old = list(first.goals.all())
    base = {"based_on": 1, "made_on": TODAY, "changes_summary": "Justeret."}
    with pytest.raises(services.PlanGoalErrors) as refused:  # the second goal left out
        services.plan_version_save(
            course=course,
            by=randers_therapist,
            **plan_fields(**base, goals=[{**goal(), "previous_goal": old[0].pk, "attainment": "partly"}]),
        )
    assert "Alle mål fra forrige version" in refused.value.messages[0]
    with pytest.raises(services.PlanGoalErrors) as refused:  # no attainment
        services.plan_version_save(
            course=course,
            by=randers_therapist,
            **plan_fields(**base, goals=[{**goal(), "previous_goal": g.pk} for g in old]),
        )
    assert all("attainment" in errors for errors in refused.value.goal_errors)

    second = services.plan_version_save(
        course=course,
        by=randers_therapist,
        **plan_fields(
            **base,
            goals=[
                {**goal(target_on=datetime.date(2026, 3, 1)), "previous_goal": old[0].pk, "attainment": "achieved"},
                {**goal(), "previous_goal": old[1].pk, "attainment": "not_achieved"},
            ],
        ),
    )
    # The achieved goal is not carried into the next review; the other goes on.
    assert [g["previous_goal"] for g in services.goal_initial(second)] == [second.goals.get(order=2).pk]


def test_a_review_needs_what_changed(course, randers_therapist):
    first = first_plan(course, randers_therapist)
    with pytest.raises(ValidationError) as refused:
        review(course, randers_therapist, first, changes_summary="")
    assert "changes_summary" in refused.value.message_dict


def test_a_save_based_on_an_older_version_is_refused_and_names_who_saved(course, randers_therapist, randers_centre):
    colleague = staff(randers_centre, "therapist", username="randers-kollega")
    colleague.first_name, colleague.last_name = "Karen", "Kollega"
    colleague.save()
    first = first_plan(course, randers_therapist)
    review(course, colleague, first)  # Karen saves version 2 while the therapist still writes on version 1

    with pytest.raises(services.StalePlan) as refused:
        review(course, randers_therapist, first, changes_summary="Min tekst")
    assert refused.value.latest.number == 2
    assert "Karen Kollega gemte version 2" in refused.value.messages[0]
    assert PlanVersion.objects.filter(course=course).count() == 2

    with pytest.raises(services.StalePlan):  # a second "first plan" is refused the same way
        first_plan(course, randers_therapist)


def test_the_database_backs_the_refusal(course, randers_therapist, monkeypatch):
    """Two saves that both passed the check: the unique (course, number) refuses the second."""
    first_plan(course, randers_therapist)
    with pytest.raises(IntegrityError):
        PlanVersion.objects.create(
            course=course,
            number=1,
            made_on=TODAY,
            made_by=randers_therapist,
            offer_kind="outpatient",
            expected_duration_months=1,
        )


def test_a_number_taken_between_check_and_insert_is_refused_as_stale(course, randers_therapist, monkeypatch):
    first = first_plan(course, randers_therapist)
    real_create = PlanVersion.objects.create

    def raced(**kwargs):
        real_create(**{**kwargs, "made_by": randers_therapist})  # the other writer wins the number
        return real_create(**kwargs)

    monkeypatch.setattr(PlanVersion.objects, "create", raced)
    with pytest.raises(services.StalePlan):
        review(course, randers_therapist, first)
    assert PlanGoal.objects.filter(version__course=course, version__number=2).count() == 0


def test_each_version_is_audited_without_free_text(course, randers_therapist):
    first = first_plan(course, randers_therapist)
    second = review(course, randers_therapist, first)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type="plans.PlanVersion")
    assert events.count() == 2
    last = events.order_by("-id").first()
    assert last.citizen_id == course.citizen_id and last.centre_id == course.centre_id
    assert last.changes["number"] == 2 and last.changes["attainment"] == {str(first.goals.get().pk): "partly"}
    assert "hash" not in str(last.changes) and "Færre" not in str(last.changes)
    assert second.pk
