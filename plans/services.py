"""Workflow steps of the treatment plan: the first version at treatment start and each review.

Both write a new ``PlanVersion`` (nothing is edited in place), in one transaction that locks the
course, writes the audit trail and recomputes the course's deadlines: version 1 meets the
"treatment plan" deadline and each later version the review that was due (``deadlines.rules``).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AuditEvent
from audit.services import audit_record
from courses.models import Course, CourseState
from deadlines.services import recompute_course_deadlines

from . import rules
from .models import PlanGoal, PlanVersion

GOAL_FIELDS = ("description", "measure", "target_on", "sub_goals", "actions", "attainment", "previous_goal")

MESSAGES = {
    "required": gettext_lazy("This field is required."),
    "future": gettext_lazy("The date cannot be in the future."),
    "before_start": gettext_lazy("The plan cannot be made before treatment started."),
    "before_previous": gettext_lazy("A review cannot be dated before the version it reviews."),
    "period_required": gettext_lazy("The quality standard reviews the plan at the end of each period: give its end."),
    "period_before_made": gettext_lazy("The period must end after the day the plan is made."),
    "target_past": gettext_lazy("A goal that goes on needs a date on or after the day the plan is made."),
    "unknown_attainment": gettext_lazy("Choose how far the goal was attained."),
    "attainment_required": gettext_lazy("Record how far this goal from the previous version was attained."),
    "attainment_on_new_goal": gettext_lazy("Attainment is recorded only for goals from the previous version."),
    "unknown_previous": gettext_lazy("This goal is not one of the previous version's goals."),
    "no_goal": gettext_lazy("The plan needs at least one goal to work towards."),
    "carried_missing": gettext_lazy(
        "Every goal of the previous version must be on the review, with how far it was attained."
    ),
    "carried_twice": gettext_lazy("A goal of the previous version appears twice."),
    "tier_kind": gettext_lazy("Choose an offer of the kind chosen above."),
    "tier_standard": gettext_lazy("Choose an offer of the quality standard in force."),
    "not_in_treatment": gettext_lazy("A treatment plan is written and reviewed only while the course is in treatment."),
    "no_plan": gettext_lazy("There is no plan to review yet: write the first plan."),
}


class PlanGoalErrors(ValidationError):
    """The plan's goals are refused: ``goal_errors`` is one ``{field: message}`` per goal typed, in
    order; ``messages`` holds the plan's own problems (for the top of the form)."""

    def __init__(self, goal_errors: list[dict[str, str]], plan_errors: list[str]):
        self.goal_errors = goal_errors
        super().__init__(plan_errors or [_("Correct the goals below.")])


class StalePlan(ValidationError):
    """Another version was saved after the form was opened: ``latest`` is that version."""

    def __init__(self, latest: PlanVersion):
        self.latest = latest
        who = latest.made_by.get_full_name() or latest.made_by.get_username()
        when = date_format(timezone.localtime(latest.created_at), "SHORT_DATETIME_FORMAT")
        super().__init__(
            _(
                "%(who)s saved version %(number)s of the plan at %(when)s, while you were writing. Your text is "
                "not saved, but it is kept in the form below. Read version %(number)s, then review the plan from it."
            )
            % {"who": who, "number": latest.number, "when": when},
            code="stale",
        )


def _latest(course: Course) -> PlanVersion | None:
    return course.plan_versions.select_related("made_by").order_by("-number").first()


def _lock(course: Course) -> None:
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


def _messages(problems: dict[str, str]) -> dict[str, str]:
    return {name: str(MESSAGES[code]) for name, code in problems.items()}


@transaction.atomic
def plan_version_save(
    *,
    course: Course,
    by,
    based_on: int,
    made_on: date,
    goals: list[dict],
    period_ends_on: date | None = None,
    problems_resources_needs: str,
    citizen_wishes: str,
    content: str,
    offer_kind: str,
    expected_duration_months: int,
    follow_up_after_discharge: str,
    intensity_tier=None,
    substance_goal: str = "",
    other_actors: str = "",
    citizen_view: str = "",
    coordinated_plan: str = "",
    coordinated_plan_on: date | None = None,
    coordinated_plan_keeper: str = "",
    changes_summary: str = "",
) -> PlanVersion:
    """Save the next version of the plan: version 1 made with the citizen at treatment start
    (SEL §101(8); G3.7.1), or a review of the newest version (G3.7.4).

    ``based_on`` is the number of the version the form was opened on (0: no plan yet). If another
    version was saved meanwhile, the save is refused (``StalePlan``) and nothing is written: two
    people can never overwrite each other, the database's unique (course, number) backs the check.
    ``goals`` are dicts of ``GOAL_FIELDS``; ``previous_goal`` is the id of a goal of the version
    reviewed. Only a course in treatment takes a plan.
    """
    _lock(course)
    if course.state != CourseState.IN_TREATMENT:
        raise ValidationError(MESSAGES["not_in_treatment"])
    latest = _latest(course)
    latest_number = latest.number if latest else 0
    if rules.is_stale(based_on=based_on, latest=latest_number):
        if latest is None:
            raise ValidationError(MESSAGES["no_plan"])
        raise StalePlan(latest)
    kind = rules.next_kind(latest_number)
    standard = course.request.standard
    problems = rules.version_problems(
        kind=kind,
        made_on=made_on,
        today=timezone.localdate(),
        treatment_started_on=course.treatment_started_on,
        previous_made_on=latest.made_on if latest else None,
        period_ends_on=period_ends_on,
        period_required=standard.plan_review_at_period_end,
        changes_summary=changes_summary,
        coordinated_plan=coordinated_plan,
        coordinated_plan_on=coordinated_plan_on,
        coordinated_plan_keeper=coordinated_plan_keeper,
    )
    if intensity_tier is not None:
        if intensity_tier.standard_id != standard.pk:
            problems["intensity_tier"] = "tier_standard"
        elif not rules.tier_matches(offer_kind, intensity_tier.kind):
            problems["intensity_tier"] = "tier_kind"
    if problems:
        raise ValidationError(_messages(problems))
    carried = {g.pk: g for g in (latest.goals.all() if latest else []) if rules.carries_forward(g.attainment)}
    facts = [
        rules.GoalFacts(
            description=g.get("description") or "",
            measure=g.get("measure") or "",
            target_on=g.get("target_on"),
            actions=g.get("actions") or "",
            attainment=g.get("attainment") or "",
            previous_goal=g.get("previous_goal"),
        )
        for g in goals
    ]
    per_goal, plan_problems = rules.plan_goal_problems(
        facts, made_on=made_on, review=kind == rules.REVIEW, carried_ids=frozenset(carried)
    )
    if plan_problems or any(per_goal):
        raise PlanGoalErrors([_messages(p) for p in per_goal], [str(MESSAGES[c]) for c in plan_problems])
    try:
        with transaction.atomic():
            version = PlanVersion.objects.create(
                course=course,
                number=latest_number + 1,
                kind=kind,
                made_on=made_on,
                period_ends_on=period_ends_on,
                made_by=by,
                problems_resources_needs=problems_resources_needs,
                citizen_wishes=citizen_wishes,
                substance_goal=substance_goal,
                content=content,
                offer_kind=offer_kind,
                intensity_tier=intensity_tier,
                expected_duration_months=expected_duration_months,
                other_actors=other_actors,
                follow_up_after_discharge=follow_up_after_discharge,
                citizen_view=citizen_view,
                coordinated_plan=coordinated_plan,
                coordinated_plan_on=coordinated_plan_on if coordinated_plan else None,
                coordinated_plan_keeper=coordinated_plan_keeper if coordinated_plan else "",
                changes_summary=changes_summary if kind == rules.REVIEW else "",
            )
    except IntegrityError:  # another version with this number was committed after the check
        raise StalePlan(_latest(course)) from None
    PlanGoal.objects.bulk_create(
        PlanGoal(
            version=version,
            order=order,
            previous_goal=carried.get(fact.previous_goal),
            description=fact.description.strip(),
            measure=fact.measure.strip(),
            target_on=fact.target_on,
            sub_goals=(goal.get("sub_goals") or "").strip(),
            actions=fact.actions.strip(),
            attainment=fact.attainment,
        )
        for order, (fact, goal) in enumerate(zip(facts, goals, strict=True), start=1)
    )
    attainment = {str(fact.previous_goal): fact.attainment for fact in facts if fact.previous_goal is not None}
    changes = {
        "number": version.number,
        "kind": kind,
        "made_on": str(made_on),
        "period_ends_on": str(period_ends_on) if period_ends_on else None,
        "goals": len(facts),
        "offer_kind": offer_kind,
        "intensity_tier": intensity_tier.pk if intensity_tier else None,
    }
    if attainment:
        changes["attainment"] = attainment  # goal ids and codes only, never the goals' text
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=version,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes=changes,
    )
    recompute_course_deadlines(course)
    return version


def goal_initial(version: PlanVersion | None) -> list[dict]:
    """The goals a review starts from: those of ``version`` that go on, pre-filled (attainment left
    for the worker to record)."""
    if version is None:
        return []
    return [
        {
            **{name: getattr(g, name) for name in GOAL_FIELDS if name not in ("attainment", "previous_goal")},
            "previous_goal": g.pk,
        }
        for g in version.goals.all()
        if rules.carries_forward(g.attainment)
    ]
