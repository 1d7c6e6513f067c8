"""``manage.py generate_scale_data``: a fictional installation in realistic proportions, whose
deadlines are the engine's, whose CPR numbers are fictional and findable, whose audit chain holds,
and which a second run tops up instead of duplicating."""

import random
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from appointments.models import Appointment
from assessments.models import Assessment, PhysicianConsultation, Task
from audit.models import AuditEvent, AuditEventCitizen
from audit.verification import check_log
from caseloads.models import CourseAssignment
from citizens import crypto
from citizens.models import Citizen
from courses.models import Course, GuaranteeWaiver, TreatmentRequest
from deadlines.models import Deadline
from deadlines.services import recompute_course_deadlines
from decisions.models import Decision
from demo.cpr import _modulus_11
from discharges.models import Discharge, DischargeReason
from followups.models import FollowUp
from journal.models import JournalNote
from organisations.models import Membership, Municipality, Role
from plans.models import PlanGoal, PlanVersion
from scale.generator.organisations import SEEDED_CODES
from scale.generator.run import generate

pytestmark = pytest.mark.django_db


def _generate(citizens: int, **options) -> str:
    out = StringIO()
    call_command("generate_scale_data", citizens=citizens, stdout=out, **options)
    return out.getvalue()


def _chain_intact() -> bool:
    return check_log(anchor_path=None).report.intact


def test_an_installation_has_every_stage_every_reason_and_realistic_proportions():
    generate(400, per_municipality=100, say=lambda line: None)
    citizens = Citizen.objects.filter(email__endswith="@scale.invalid")
    assert citizens.count() == 400
    courses = Course.objects.filter(citizen__in=citizens)

    # Many municipalities, each with centres, teams and staff in every role.
    municipalities = Municipality.objects.filter(centres__citizens__in=citizens).distinct()
    assert set(SEEDED_CODES) <= set(municipalities.values_list("code", flat=True))
    for centre_id in citizens.values_list("centre_id", flat=True).distinct():
        roles = set(Membership.objects.filter(centre_id=centre_id).values_list("role", flat=True))
        assert set(Role.values) <= roles

    # Every stage, closed for every reason, re-admissions linked to the earlier course.
    states = Counter(courses.values_list("state", flat=True))
    assert set(states) == {"advice", "requested", "assessed", "decided", "in_treatment", "closed"}
    assert states["closed"] > states["in_treatment"] > states["requested"]
    kinds = set(courses.filter(state="closed").values_list("closed_kind", flat=True))
    assert {"discharged", "withdrawn", "refused"} <= kinds
    assert kinds & {"no_action", "referral"}
    assert set(Discharge.objects.values_list("reason", flat=True)) == set(DischargeReason.values)
    later = courses.filter(previous_course__isnull=False)
    assert 0.1 < later.count() / courses.count() < 0.35
    assert all(c.previous_course.closed_on < c.opened_on for c in later.select_related("previous_course"))
    assert 1.1 < courses.count() / 400 < 1.6

    # Each stage has the rows it really has.
    for model in (
        TreatmentRequest,
        GuaranteeWaiver,
        Assessment,
        PhysicianConsultation,
        Decision,
        PlanVersion,
        PlanGoal,
        Discharge,
        FollowUp,
        CourseAssignment,
        JournalNote,
    ):
        assert model.objects.exists(), model
    assert set(CourseAssignment.objects.values_list("kind", flat=True)) == {"opened", "treatment_start", "reassigned"}
    assert set(Task.objects.values_list("kind", flat=True)) >= {"child_notification", "outreach"}
    now = timezone.now()
    assert Appointment.objects.filter(starts_at__lt=now).exclude(attendance="planned").exists()
    assert Appointment.objects.filter(starts_at__gt=now, attendance="planned").exists()
    in_treatment = courses.filter(state="in_treatment")
    assert in_treatment.filter(plan_versions__number=1).distinct().count() >= 0.8 * in_treatment.count()
    assert Discharge.objects.count() == courses.filter(closed_kind="discharged").count()

    # Five years of history up to today, nothing recorded in the future.
    today = timezone.localdate()
    assert courses.filter(opened_on__lt=today - timedelta(days=5 * 366)).count() == 0
    assert courses.filter(opened_on__lt=today - timedelta(days=4 * 365)).exists()
    assert not courses.filter(opened_on__gt=today).exists()
    assert not courses.filter(closed_on__gt=today).exists()
    assert not Discharge.objects.filter(discharged_on__gt=today).exists()

    # About 30 audit events per citizen, list reads naming the citizens shown, the chain intact.
    events = AuditEvent.objects.count()
    assert 25 * 400 < events < 35 * 400
    assert AuditEventCitizen.objects.values("citizen_id").distinct().count() == 400
    assert _chain_intact()
    times = list(AuditEvent.objects.order_by("id").values_list("occurred_at", flat=True))
    assert times == sorted(times)
    assert max(times) <= now


def test_deadlines_are_what_the_engine_computes_and_most_history_is_done():
    generate(120, per_municipality=40, say=lambda line: None)
    deadlines = Deadline.objects.all()
    # A closed course keeps no pending deadline; only follow-ups after a discharge still run.
    assert not deadlines.open().filter(course__state="closed").exclude(kind="follow_up").exists()
    assert deadlines.open().count() < 0.2 * deadlines.count()
    # The stored rows are exactly those the deadline engine stores for the course.
    fields = ("kind", "ref", "due_on", "local_due_on", "met_on", "waived_on", "closed_on", "closed_reason", "source")
    sample = random.Random(3).sample(list(Course.objects.order_by("id")), 60)  # noqa: S311  # nosec B311
    for course in sample:
        before = set(course.deadlines.values_list(*fields))
        recompute_course_deadlines(course)
        assert set(course.deadlines.values_list(*fields)) == before, course.pk


def test_cpr_numbers_are_fictional_unique_and_found_by_the_blind_index():
    generate(60, per_municipality=20, say=lambda line: None)
    citizens = list(Citizen.objects.filter(email__endswith="@scale.invalid"))
    numbers = [c.cpr for c in citizens]
    assert len(set(numbers)) == len(numbers) == 60
    for citizen, cpr in zip(citizens, numbers, strict=True):
        assert cpr[6:8] == "99" and _modulus_11(cpr) != 0  # the fictional convention (demo.cpr)
        assert citizen.birth_date.strftime("%d%m%y") == cpr[:6]
        assert list(Citizen.objects.filter(cpr_index=crypto.cpr_index(cpr))) == [citizen]
        assert citizen.search_name == f"{citizen.first_name} {citizen.last_name}".casefold()


def test_a_second_run_adds_nothing_and_a_larger_one_tops_up():
    _generate(20, per_municipality=10)
    first = list(Citizen.objects.order_by("id").values_list("id", "first_name", "last_name", "birth_date"))
    rows = (Course.objects.count(), AuditEvent.objects.count(), Deadline.objects.count())

    out = _generate(20, per_municipality=10)
    assert "nothing to add" in out
    assert (Course.objects.count(), AuditEvent.objects.count(), Deadline.objects.count()) == rows

    _generate(35, per_municipality=10)
    assert Citizen.objects.filter(email__endswith="@scale.invalid").count() == 35
    assert list(Citizen.objects.order_by("id").values_list("id", "first_name", "last_name", "birth_date"))[:20] == first
    assert Course.objects.count() > rows[0]
    assert _chain_intact()


def test_the_same_seed_tells_the_same_stories_and_another_seed_others():
    _generate(25, per_municipality=10, seed=7)
    mine = list(Citizen.objects.order_by("email").values_list("first_name", "last_name", "birth_date", "centre__name"))
    courses = list(Course.objects.order_by("citizen__email", "opened_on").values_list("state", "opened_on", "kind"))

    # Citizens 0-24 again, told from scratch with the same seed: the same people and the same histories.
    from scale.generator import stories
    from scale.generator.citizens import build_citizen
    from scale.generator.organisations import ensure_installation

    installation = ensure_installation(25, 10, 7)
    today, tz = timezone.localdate(), timezone.get_current_timezone()
    again, again_courses, other = [], [], []
    for i in range(25):
        municipality, centre = installation.place(i)
        for seed, into in ((7, again), (8, other)):
            rng = random.Random(f"{seed}:citizen:{i}")  # noqa: S311  # nosec B311
            story = stories.citizen_story(rng, today, centre, tz)
            citizen = build_citizen(i, seed, rng, centre.id, municipality.town, story.died_on)
            into.append((citizen.first_name, citizen.last_name, citizen.birth_date, centre.name))
            if seed == 7:
                again_courses.extend((c.state, c.opened_on, c.kind) for c in story.courses)
    assert again == mine
    assert again_courses == courses
    assert other != mine
