"""The group course's steps: preconditions, states, and audit rows without anything identifying."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from anonymous.groups import services
from anonymous.models import Attendance, EndReason, Enrolment, GroupSession, Service, State, Talk
from audit.models import AuditEvent
from organisations.models import Centre

from .helpers import BIRTH_YEAR, NICKNAME, at, client, counsellor

pytestmark = pytest.mark.django_db

NOTE = "Talte om tiden efter forløbet"


@pytest.fixture
def aalborg(mariagerfjord_centre):
    return Centre.objects.get(municipality=mariagerfjord_centre.municipality, name="Rusmiddelafsnittet i Aalborg")


@pytest.fixture
def worker(mariagerfjord_centre):
    return counsellor(mariagerfjord_centre)


def make_group(worker, centre, provider, *, first=None, sessions=8, service=Service.DRUG_TREATMENT):
    return services.group_create(
        by=worker,
        centre=centre,
        provider=provider,
        service=service,
        name="Gruppe 1. kvartal 2027",
        first_session=first or at(2027, 1, 11),
        every_days=7,
        sessions=sessions,
        minutes=90,
        closing_talk=True,
    )


# Machine values that may hold any run of digits by chance (a hash, a request id, a time, ids):
# not where a nickname, a birth year or a note could be written.
NOT_CONTENT = ("id", "hash", "prev_hash", "request_id", "occurred_at", "object_id", "actor_id", "lane")


def assert_nothing_identifying(*clients):
    rows = [{k: v for k, v in row.items() if k not in NOT_CONTENT} for row in AuditEvent.objects.values()]
    dump = json.dumps(rows, default=str)
    for c in clients:
        assert c.reference_code not in dump
    for secret in [NICKNAME, str(BIRTH_YEAR), NOTE]:
        assert secret not in dump
    assert not AuditEvent.objects.filter(citizen_id__isnull=False).exists()


def test_a_group_gets_its_sessions_weekly_at_the_same_local_time(worker, mariagerfjord_centre, aalborg):
    with time_machine.travel(at(2027, 1, 2, 10)):
        group = make_group(worker, mariagerfjord_centre, aalborg, first=at(2027, 3, 15), sessions=3)
    sessions = list(group.sessions.order_by("number"))
    assert [s.number for s in sessions] == [1, 2, 3]
    assert [s.starts_at for s in sessions] == [at(2027, 3, 15), at(2027, 3, 22), at(2027, 3, 29)]
    assert group.starts_on == date(2027, 3, 15) and group.planned_sessions == 3
    event = AuditEvent.objects.get(object_type__icontains="group", action="create")
    assert event.changes["anonymous"] is True


def test_a_provider_outside_the_contracted_ones_is_refused(worker, mariagerfjord_centre, aalborg):
    with pytest.raises(ValidationError) as refused:
        services.group_create(
            by=worker,
            centre=mariagerfjord_centre,
            provider=mariagerfjord_centre,
            service=Service.DRUG_TREATMENT,
            name="Gruppe",
            first_session=at(2027, 1, 11),
            every_days=7,
            sessions=8,
            minutes=90,
            closing_talk=True,
            providers=[aalborg],
        )
    assert "provider" in refused.value.message_dict


@time_machine.travel(at(2027, 1, 20, 12))
def test_enrolment_starts_the_treatment_once(worker, mariagerfjord_centre, aalborg):
    group = make_group(worker, mariagerfjord_centre, aalborg)
    person = client(mariagerfjord_centre)
    services.enrol(by=worker, group=group, client=person, joined_on=date(2027, 1, 18))
    person.refresh_from_db()
    assert person.state == State.IN_TREATMENT and person.started_on == date(2027, 1, 18)
    assert_nothing_identifying(person)


@time_machine.travel(at(2027, 1, 20, 12))
@pytest.mark.parametrize(
    "service, state, allowed",
    [
        (Service.DRUG_TREATMENT, State.REQUESTED, False),  # SEL §101a(4): decision first
        (Service.DRUG_TREATMENT, State.NOT_ELIGIBLE, False),
        (Service.DRUG_TREATMENT, State.ELIGIBLE, True),
        (Service.ALCOHOL, State.REQUESTED, True),
        (Service.ADVICE, State.ADVICE, False),
    ],
)
def test_who_may_join(worker, mariagerfjord_centre, aalborg, service, state, allowed):
    group_service = Service.ALCOHOL if service == Service.ALCOHOL else Service.DRUG_TREATMENT
    group = make_group(worker, mariagerfjord_centre, aalborg, service=group_service)
    person = client(mariagerfjord_centre, service=service, state=state)
    if allowed:
        services.enrol(by=worker, group=group, client=person)
        assert Enrolment.objects.filter(client=person).exists()
    else:
        with pytest.raises(ValidationError):
            services.enrol(by=worker, group=group, client=person)


@time_machine.travel(at(2027, 1, 20, 12))
def test_one_open_place_and_no_other_centres_client(worker, mariagerfjord_centre, aalborg, randers_centre):
    group = make_group(worker, mariagerfjord_centre, aalborg)
    other = make_group(worker, mariagerfjord_centre, aalborg, first=at(2027, 4, 5))
    person = client(mariagerfjord_centre)
    services.enrol(by=worker, group=group, client=person)
    with pytest.raises(ValidationError):
        services.enrol(by=worker, group=other, client=person)
    with pytest.raises(ValidationError):
        services.enrol(by=worker, group=group, client=client(randers_centre))
    with pytest.raises(ValidationError):
        services.enrol(by=worker, group=group, client=client(mariagerfjord_centre), joined_on=date(2027, 1, 21))


def test_attendance_rolling_intake_and_the_closing_talk(worker, mariagerfjord_centre, aalborg):
    with time_machine.travel(at(2027, 1, 5, 12)):
        first = make_group(worker, mariagerfjord_centre, aalborg, sessions=8)
        following = make_group(worker, mariagerfjord_centre, aalborg, first=at(2027, 4, 5), sessions=8)
    person = client(mariagerfjord_centre)
    sessions = list(first.sessions.order_by("number"))
    with time_machine.travel(at(2027, 2, 3, 12)):
        # Rolling intake: joins the running group before its 5th session (8 February).
        services.enrol(by=worker, group=first, client=person, joined_on=date(2027, 2, 3))
        with pytest.raises(ValidationError):  # session 5 lies in the future
            services.attendance_record(by=worker, session=sessions[4], statuses={person.pk: "attended"})
    with time_machine.travel(at(2027, 3, 2, 12)):
        for session in sessions[4:]:
            services.attendance_record(by=worker, session=session, statuses={person.pk: "attended"})
        with pytest.raises(ValidationError):  # did not belong at session 1
            services.attendance_record(by=worker, session=sessions[0], statuses={person.pk: "attended"})
        course, last_closed = services.client_progress(person)
        assert (course.offered, course.attended, course.planned, course.remaining) == (4, 4, 8, 4)
        with pytest.raises(ValidationError):  # not yet ready for the closing talk
            services.closing_talk_record(by=worker, client=person, held=True, held_on=date(2027, 3, 2), note=NOTE)
        services.group_close(by=worker, group=first)
        place = Enrolment.objects.get(client=person, group=first)
        services.enrolment_leave(by=worker, enrolment=place, next_group=following)
    assert Enrolment.objects.get(client=person, group=following).left_on is None
    person.refresh_from_db()
    assert person.state == State.IN_TREATMENT and person.started_on == date(2027, 2, 3)
    later = list(following.sessions.order_by("number"))
    with time_machine.travel(at(2027, 4, 27, 12)):
        services.attendance_record(by=worker, session=later[0], statuses={person.pk: "attended"})
        services.attendance_record(by=worker, session=later[1], statuses={person.pk: "excused"})
        services.attendance_record(by=worker, session=later[2], statuses={}, cancelled=True)
        services.attendance_record(by=worker, session=later[3], statuses={person.pk: "absent"})
        course, _ = services.client_progress(person)
        assert (course.offered, course.attended) == (7, 5)
    with time_machine.travel(at(2027, 5, 3, 19)):
        services.attendance_record(by=worker, session=later[4], statuses={person.pk: "attended"})
        services.closing_talk_record(by=worker, client=person, held=True, held_on=date(2027, 5, 3), note=NOTE)
    person.refresh_from_db()
    assert person.state == State.COMPLETED and person.end_reason == EndReason.COMPLETED
    assert person.ended_on == date(2027, 5, 3)
    assert Talk.objects.get(client=person).kind == Talk.Kind.CLOSING
    assert not Enrolment.objects.filter(client=person, left_on__isnull=True).exists()
    assert GroupSession.objects.get(pk=later[2].pk).cancelled
    assert_nothing_identifying(person)


def test_completing_without_the_closing_talk_after_the_group_closed(worker, mariagerfjord_centre, aalborg):
    with time_machine.travel(at(2027, 1, 5, 12)):
        group = make_group(worker, mariagerfjord_centre, aalborg, sessions=2)
        person = client(mariagerfjord_centre)
        services.enrol(by=worker, group=group, client=person)
        with pytest.raises(ValidationError):  # the last session lies ahead
            services.group_close(by=worker, group=group)
    with time_machine.travel(at(2027, 1, 19, 12)):
        services.group_close(by=worker, group=group)
        services.closing_talk_record(by=worker, client=person, held=False, held_on=date(2027, 1, 19))
    person.refresh_from_db()
    assert person.state == State.COMPLETED and not Talk.objects.filter(client=person).exists()
    event = AuditEvent.objects.filter(changes__closing_talk="declined").get()
    assert event.changes["state"] == State.COMPLETED


def test_cancelling_a_session_removes_its_attendance(worker, mariagerfjord_centre, aalborg):
    with time_machine.travel(at(2027, 1, 5, 12)):
        group = make_group(worker, mariagerfjord_centre, aalborg, sessions=2)
        person = client(mariagerfjord_centre)
        services.enrol(by=worker, group=group, client=person)
    session = group.sessions.get(number=1)
    with time_machine.travel(at(2027, 1, 12, 12)):
        services.attendance_record(by=worker, session=session, statuses={person.pk: "attended"})
        services.attendance_record(by=worker, session=session, statuses={}, cancelled=True)
    assert not Attendance.objects.filter(session=session).exists()
    with time_machine.travel(at(2027, 1, 12, 12) + timedelta(minutes=1)), pytest.raises(ValidationError):
        services.attendance_record(by=worker, session=session, statuses={person.pk: "attended"})
