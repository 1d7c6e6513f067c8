"""The citizen's copy (GDPR art. 15) holds the treatment stages too: the plan, appointments, gift
cards, lapses, the residential stay, the discharge and the follow-ups, in a fixed number of queries."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments import services as appointments
from discharges import services as discharges
from exports.collect import citizen_data
from exports.documents import copy_html
from followups import services as followups
from plans import services as plans
from tests.pathway import course_in_treatment
from treatment import services as treatment

TODAY = date(2026, 6, 1)


def _treated(centre, therapist, citizen=None, *, extra: int = 0):
    """A course in treatment since 1 April with a plan, appointments, gift cards and a lapse,
    discharged as completed on 1 May with its 1-month follow-up held (``extra`` more of each)."""
    with time_machine.travel(date(2026, 5, 1), tick=False):
        course = course_in_treatment(centre, therapist=therapist, citizen=citizen, today=date(2026, 4, 1), days_ago=5)
        start = course.treatment_started_on
        plans.plan_version_save(
            course=course,
            by=therapist,
            based_on=0,
            made_on=start,
            goals=[
                {"description": "Stoppe med hash", "measure": "Ingen brug", "target_on": start, "actions": "Samtaler"}
            ],
            problems_resources_needs="Behov.",
            citizen_wishes="Ønsker.",
            content="Samtaler.",
            offer_kind="outpatient",
            expected_duration_months=3,
            follow_up_after_discharge="Telefon efter 1 og 6 måneder.",
        )
        for n in range(1 + extra):
            moment = timezone.make_aware(datetime.combine(start + timedelta(days=2 + n), time(10 + extra)))
            appointment = appointments.appointment_book(
                course=course, by=therapist, kind="individual", starts_at=moment, worker=therapist, place="Lokale 2"
            )
            appointments.attendance_record(appointment=appointment, by=therapist, attendance="attended")
            treatment.gift_card_issue(
                course=course,
                by=therapist,
                issued_on=start + timedelta(days=3),
                amount=100,
                kind="physical",
                reason="X",
            )
        treatment.lapse_record(
            course=course,
            by=therapist,
            occurred_on=start + timedelta(days=6),
            kind="lapse",
            substances="Hash",
            account="Røg en joint til en fest.",
            offer_change="keep",
        )
        discharges.discharge_record(
            course=course,
            by=therapist,
            discharged_on=date(2026, 5, 1),
            reason="completed",
            drug_use_status="abstinent",
            self_help_contact="yes",
            drug_free_partner="no",
            housing="own_home",
            income="wages",
            told_about_follow_up=True,
        )
    with time_machine.travel(TODAY, tick=False):
        followups.follow_up_record(
            course=course,
            by=therapist,
            months=1,
            held_on=TODAY,
            reached=True,
            how="phone",
            status="keeps_goal",
            situation="Har det godt.",
            goal_holds=True,
        )
    course.refresh_from_db()
    return course


@pytest.mark.django_db
def test_the_copy_holds_every_treatment_stage(randers_centre, randers_therapist):
    course = _treated(randers_centre, randers_therapist)
    data = citizen_data(course.citizen, full_cpr=False)
    (held,) = [c for c in data["courses"] if c["id"] == course.pk]
    assert held["plan_versions"][0]["goals"][0]["description"] == "Stoppe med hash"
    assert held["appointments"][0]["attendance"]["value"] == "attended"
    assert held["gift_cards"][0]["amount"] == 100
    assert held["lapses"][0]["account"] == "Røg en joint til en fest."
    assert held["discharge"]["reason"]["value"] == "completed"
    assert held["follow_ups"][0]["months"] == 1
    html = copy_html(course.citizen, full_cpr=False)
    for text in ("Stoppe med hash", "Røg en joint til en fest.", "Har det godt."):
        assert text in html


@pytest.mark.django_db
def test_the_copy_reads_the_treatment_stages_in_a_fixed_number_of_queries(randers_centre, randers_therapist):
    course = _treated(randers_centre, randers_therapist)
    citizen_data(course.citizen, full_cpr=False)  # the first call fills caches (content types)
    with CaptureQueriesContext(connection) as before:
        citizen_data(course.citizen, full_cpr=False)
    _treated(randers_centre, randers_therapist, citizen=course.citizen, extra=3)  # a second course, more rows
    with CaptureQueriesContext(connection) as after:
        citizen_data(course.citizen, full_cpr=False)
    assert len(after) == len(before)
