"""The treatment plan's rules, pure: plain values in, problems (codes) out. No ORM, no request.

The service (``plans.services``) turns the codes into Danish messages on the form's fields.
"""

from dataclasses import dataclass
from datetime import date

SUBSTANCE_STOP, SUBSTANCE_REDUCE, SUBSTANCE_STABILISE = "stop", "reduce", "stabilise"
ACHIEVED, PARTLY, NOT_ACHIEVED, DROPPED = "achieved", "partly", "not_achieved", "dropped"
ATTAINMENTS = (ACHIEVED, PARTLY, NOT_ACHIEVED, DROPPED)

INITIAL, REVIEW = "initial", "review"


def carries_forward(attainment: str) -> bool:
    """A goal goes on into the next review unless it was achieved or dropped (G3.7.4: the plan is
    adjusted continuously; a finished goal stays readable in the version that recorded it)."""
    return attainment not in (ACHIEVED, DROPPED)


@dataclass(frozen=True)
class GoalFacts:
    """One goal as typed: ``previous_goal`` is the id of the goal it carries on (a review), or None."""

    description: str = ""
    measure: str = ""
    target_on: date | None = None
    actions: str = ""
    attainment: str = ""
    previous_goal: int | None = None


def goal_problems(goal: GoalFacts, *, made_on: date, review: bool, carried_ids: frozenset[int]) -> dict[str, str]:
    """What is wrong with one goal, as ``{field: code}``.

    Goals must be specific, measurable and time-bound (G3.7.3): a description, how it is measured,
    a date, and the concrete actions (who does what by when; Mariagerfjord's standard). A goal that
    goes on must be dated on or after the day the plan is made (``target_past``); a goal recorded
    as achieved or dropped keeps the date it had. At a review each goal carried from the previous
    version records its attainment (G3.7.4, G3.9.3: follow-up on the goals), and only those goals
    can (``attainment_on_new_goal``); a goal can only be carried from the previous version
    (``unknown_previous``).
    """
    problems: dict[str, str] = {}
    for name in ("description", "measure", "actions"):
        if not getattr(goal, name).strip():
            problems[name] = "required"
    if goal.target_on is None:
        problems["target_on"] = "required"
    elif goal.target_on < made_on and carries_forward(goal.attainment):
        problems["target_on"] = "target_past"
    if goal.attainment and goal.attainment not in ATTAINMENTS:
        problems["attainment"] = "unknown_attainment"
    elif goal.previous_goal is not None:
        if not review or goal.previous_goal not in carried_ids:
            problems["previous_goal"] = "unknown_previous"
        elif not goal.attainment:
            problems["attainment"] = "attainment_required"
    elif goal.attainment:
        problems["attainment"] = "attainment_on_new_goal"
    return problems


def plan_goal_problems(
    goals: list[GoalFacts], *, made_on: date, review: bool, carried_ids: frozenset[int] = frozenset()
) -> tuple[list[dict[str, str]], list[str]]:
    """Each goal's problems (``goal_problems``), and the plan's own: at least one goal that goes on
    (``no_goal``: a plan without a goal to work towards is no plan, G3.7.3); every goal carried from
    the previous version accounted for (``carried_missing``: a review records each goal's
    attainment), and none twice (``carried_twice``)."""
    per_goal = [goal_problems(g, made_on=made_on, review=review, carried_ids=carried_ids) for g in goals]
    plan: list[str] = []
    if not any(carries_forward(g.attainment) for g in goals):
        plan.append("no_goal")
    carried = [g.previous_goal for g in goals if g.previous_goal is not None]
    if review and set(carried_ids) - set(carried):
        plan.append("carried_missing")
    if len(carried) != len(set(carried)):
        plan.append("carried_twice")
    return per_goal, plan


def version_problems(
    *,
    kind: str,
    made_on: date,
    today: date,
    treatment_started_on: date | None,
    previous_made_on: date | None,
    period_ends_on: date | None,
    period_required: bool,
    changes_summary: str,
    coordinated_plan: str,
    coordinated_plan_on: date | None,
    coordinated_plan_keeper: str,
) -> dict[str, str]:
    """What is wrong with a version's dates and links, as ``{field: code}``.

    - ``made_on``: the plan records a meeting with the citizen, so not in the future; not before
      treatment started (SEL §101(8); G3.7.1: made when treatment starts); a review not before the
      version it reviews.
    - ``period_ends_on``: required where the standard reviews at the end of each period (Odsherred;
      G3.7.4), and after ``made_on`` when given.
    - ``changes_summary``: a review says what changed (G3.7.4: "reviewed and adjusted").
    - a §141 action plan or coordinated intervention plan is named with its date and its
      coordinator or where it is kept (G2.6.12–2.6.13).
    """
    problems: dict[str, str] = {}
    if made_on > today:
        problems["made_on"] = "future"
    elif treatment_started_on is not None and made_on < treatment_started_on:
        problems["made_on"] = "before_start"
    elif kind == REVIEW and previous_made_on is not None and made_on < previous_made_on:
        problems["made_on"] = "before_previous"
    if period_ends_on is None:
        if period_required:
            problems["period_ends_on"] = "period_required"
    elif period_ends_on <= made_on:
        problems["period_ends_on"] = "period_before_made"
    if kind == REVIEW and not changes_summary.strip():
        problems["changes_summary"] = "required"
    if coordinated_plan:
        if coordinated_plan_on is None:
            problems["coordinated_plan_on"] = "required"
        elif coordinated_plan_on > today:
            problems["coordinated_plan_on"] = "future"
        if not coordinated_plan_keeper.strip():
            problems["coordinated_plan_keeper"] = "required"
    return problems


def is_stale(*, based_on: int, latest: int) -> bool:
    """The form was opened on version ``based_on`` (0: no plan yet) and ``latest`` is the newest
    version now: saving would silently pass over the newer version, so the save is refused."""
    return based_on != latest


def next_kind(latest: int) -> str:
    """The first version is the plan at treatment start (G3.7.1); every later one is a review."""
    return INITIAL if latest == 0 else REVIEW


@dataclass(frozen=True)
class ReviewRhythm:
    """How the standard in force times reviews: ``months`` (first review after ``first_months``
    from treatment start, then every ``interval_months``), ``period_end`` (at the end of each
    period, maybe also ``months``), or ``continuous`` (no maximum interval: G3.7.4 alone)."""

    code: str
    first_months: int | None = None
    interval_months: int | None = None


def review_rhythm(*, first_months: int | None, interval_months: int | None, at_period_end: bool) -> ReviewRhythm:
    """The standard's review rhythm, as ``deadlines.rules.next_review_due`` applies it: a standard
    that gives only the first review repeats it (DOMAIN.md §2.5, Mariagerfjord); Odsherred reviews
    at the end of each period; Fredericia sets no interval, so reviews are continuous with no
    maximum in the standard (G3.7.4, G3.9.1)."""
    first = first_months or interval_months
    interval = interval_months or first_months
    if at_period_end:
        return ReviewRhythm("period_end", first, interval)
    if first:
        return ReviewRhythm("months", first, interval)
    return ReviewRhythm("continuous")


def tier_matches(offer_kind: str, tier_kind: str | None) -> bool:
    """The offer and intensity chosen from the standard must be of the plan's kind of offer."""
    return tier_kind is None or tier_kind == offer_kind
