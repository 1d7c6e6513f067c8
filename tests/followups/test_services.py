"""Recording a follow-up after discharge (G3.12; BEK 1477 §4(2)) through the service."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from deadlines.models import Deadline
from followups.models import FollowUp
from followups.services import follow_up_record

from .conftest import DISCHARGED_ON, TODAY, discharge, not_reached, reached, relapsed


def follow_up_deadline(course, months):
    return Deadline.objects.get(course=course, kind="follow_up", ref=str(months))


def refusal(course, by, **fields) -> dict:
    with pytest.raises(ValidationError) as refused:
        follow_up_record(course=course, by=by, **fields)
    return refused.value.message_dict


def test_recording_the_1_month_follow_up_meets_its_deadline(discharged, randers_therapist):
    assert follow_up_deadline(discharged, 1).due_on == date(2026, 6, 1)
    follow_up = follow_up_record(course=discharged, by=randers_therapist, **reached())
    deadline = follow_up_deadline(discharged, 1)
    assert deadline.met_on == date(2026, 6, 1)
    assert deadline.status_on(TODAY).code == "kept"
    assert follow_up_deadline(discharged, 6).is_open
    assert follow_up.needs == ["housing"] and follow_up.offer_response == ""


def test_a_follow_up_held_late_is_met_late(discharged, randers_therapist):
    follow_up_record(course=discharged, by=randers_therapist, **reached(held_on=date(2026, 6, 10)))
    status = follow_up_deadline(discharged, 1).status_on(TODAY)
    assert (status.code, status.days_late) == ("late", 9)


def test_a_citizen_not_reached_is_recorded_as_such_and_meets_the_deadline(discharged, randers_therapist):
    follow_up = follow_up_record(
        course=discharged, by=randers_therapist, **not_reached(status="relapsed", situation="Ikke talt med.")
    )
    assert not follow_up.reached and follow_up.attempts == "Ringet tre gange og sendt sms."
    assert follow_up.situation == "" and follow_up.status == ""  # nothing was said: nothing kept
    assert follow_up_deadline(discharged, 1).met_on == date(2026, 6, 1)


def test_not_reached_needs_what_was_tried(discharged, randers_therapist):
    assert set(refusal(discharged, randers_therapist, **not_reached(attempts="  "))) == {"attempts"}


def test_reached_needs_the_conversation_about_the_situation_and_the_goal(discharged, randers_therapist):
    errors = refusal(discharged, randers_therapist, **reached(status="", situation="", goal_holds=None))
    assert set(errors) == {"status", "situation", "goal_holds"}


@pytest.mark.parametrize("missing", ["offer_response", "offer"])
def test_when_the_result_did_not_hold_the_offer_of_follow_up_treatment_is_required(
    discharged, randers_therapist, missing
):
    errors = refusal(discharged, randers_therapist, **relapsed(**{missing: ""}))
    assert set(errors) == {missing}


def test_the_offer_of_follow_up_treatment_is_kept(discharged, randers_therapist):
    follow_up = follow_up_record(course=discharged, by=randers_therapist, **relapsed(offer_response="declined"))
    assert (follow_up.offer_response, follow_up.offer) == ("declined", "MOVE")
    assert follow_up.result_did_not_hold


def test_a_status_that_contradicts_the_result_is_refused(discharged, randers_therapist):
    assert set(
        refusal(discharged, randers_therapist, **reached(goal_holds=False, offer_response="offered", offer="MOVE"))
    ) == {"goal_holds"}


def test_another_need_is_described(discharged, randers_therapist):
    assert set(refusal(discharged, randers_therapist, **reached(needs=["other"], needs_note=""))) == {"needs_note"}


@pytest.mark.parametrize("reason", ["moved", "wished_to_stop", "expelled", "no_show", "died"])
def test_no_follow_up_after_a_discharge_the_law_does_not_follow_up(treated, randers_therapist, reason):
    course = discharge(treated, randers_therapist, reason=reason)
    assert not Deadline.objects.filter(course=course, kind="follow_up").exists()
    with pytest.raises(ValidationError):
        follow_up_record(course=course, by=randers_therapist, **reached())
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("reason", ["completed", "other_offer", "hospital", "other"])
def test_the_four_reasons_the_law_names_are_followed_up(treated, randers_therapist, reason):
    course = discharge(treated, randers_therapist, reason=reason)
    follow_up_record(course=course, by=randers_therapist, **reached())
    assert follow_up_deadline(course, 1).met_on == date(2026, 6, 1)


def test_no_follow_up_before_discharge(treated, randers_therapist):
    with pytest.raises(ValidationError):
        follow_up_record(course=treated, by=randers_therapist, **reached())


def test_no_follow_up_for_a_month_the_course_does_not_have(discharged, randers_therapist):
    assert set(refusal(discharged, randers_therapist, **reached(months=3))) == {"months"}


def test_the_citizen_who_opted_out_is_not_followed_up(treated, randers_therapist):
    course = discharge(treated, randers_therapist, opted_out_on=date(2026, 5, 20))
    errors = refusal(course, randers_therapist, **reached(held_on=date(2026, 6, 1)))
    with translation.override("da"):
        errors = refusal(course, randers_therapist, **reached(held_on=date(2026, 6, 1)))
        assert errors["held_on"] == [_("The citizen declined follow-up on %(date)s.") % {"date": "20.05.2026"}]
    assert follow_up_deadline(course, 1).waived_on == date(2026, 5, 20)
    assert not FollowUp.objects.exists()


def test_a_follow_up_held_before_the_opt_out_may_still_be_recorded(treated, randers_therapist):
    course = discharge(treated, randers_therapist, opted_out_on=date(2026, 6, 5))
    follow_up_record(course=course, by=randers_therapist, **reached(held_on=date(2026, 6, 1)))
    assert follow_up_deadline(course, 1).status_on(TODAY).code == "kept"


@pytest.mark.parametrize(
    ("held_on", "why"),
    [(DISCHARGED_ON - timedelta(days=1), "before the discharge"), (TODAY + timedelta(days=1), "in the future")],
)
def test_the_date_is_between_the_discharge_and_today(discharged, randers_therapist, held_on, why):
    assert set(refusal(discharged, randers_therapist, **reached(held_on=held_on))) == {"held_on"}, why


def test_on_the_day_of_discharge_and_today_are_allowed(discharged, randers_therapist):
    follow_up_record(course=discharged, by=randers_therapist, **reached(held_on=DISCHARGED_ON))
    follow_up_record(course=discharged, by=randers_therapist, **reached(months=6, held_on=TODAY))


def test_each_follow_up_is_recorded_once(discharged, randers_therapist):
    follow_up_record(course=discharged, by=randers_therapist, **reached())
    assert set(refusal(discharged, randers_therapist, **not_reached())) == {"months"}
    assert FollowUp.objects.count() == 1


def test_the_database_holds_one_follow_up_per_month(discharged, randers_therapist):
    from django.db import IntegrityError, transaction

    follow_up_record(course=discharged, by=randers_therapist, **reached())
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            course=discharged, months=1, held_on=TODAY, reached=False, how="phone", recorded_by=randers_therapist
        )


def test_the_audit_trail_names_codes_and_dates_never_free_text(discharged, randers_therapist):
    follow_up = follow_up_record(course=discharged, by=randers_therapist, **relapsed())
    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="followups.FollowUp", object_id=str(follow_up.pk)
    ).get()
    assert event.object_type == "followups.FollowUp"
    assert event.citizen_id == discharged.citizen_id and event.centre_id == discharged.centre_id
    assert event.changes == {
        "months": 1,
        "held_on": "2026-06-01",
        "reached": True,
        "how": "phone",
        "status": "relapsed",
        "goal_holds": False,
        "needs": ["housing"],
        "offer_response": "accepted",
    }
    assert "Eva" not in str(event.changes) and "MOVE" not in str(event.changes)


def test_odsherreds_3_month_follow_up_can_be_recorded(clock, odsherred_centre):
    from organisations.models import Role
    from tests.conftest import staff
    from tests.pathway import course_in_treatment

    therapist = staff(odsherred_centre, Role.THERAPIST, username="odsherred-behandler")
    course = discharge(course_in_treatment(odsherred_centre, therapist=therapist, days_ago=150), therapist)
    assert sorted(Deadline.objects.filter(course=course, kind="follow_up").values_list("ref", flat=True)) == [
        "1",
        "3",
        "6",
    ]
    follow_up_record(course=course, by=therapist, **reached(months=3, held_on=TODAY))
    assert follow_up_deadline(course, 3).met_on == TODAY
