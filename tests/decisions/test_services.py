"""Workflow steps of the decision: issue, letters, written reasons, free choice, complaints."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from audit.models import AuditEvent
from courses import services as course_services
from courses.models import CourseState
from deadlines.models import Deadline
from decisions import letters, services
from decisions.models import Decision, FreeChoice, LetterDispatch

from .conftest import ASSESSED_ON, DECIDED_ON, decide, decision_fields, requested_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals are compared with their English msgids."""
    with translation.override("en"):
        yield


def errors(raised) -> dict[str, list[str]]:
    return raised.value.message_dict


def test_a_grant_moves_the_course_to_decided_and_meets_the_decision_deadline(course, randers_authority):
    decision = decide(course, randers_authority, "grant")
    course.refresh_from_db()
    assert course.state == CourseState.DECIDED
    assert decision.decided_by == randers_authority
    assert Deadline.objects.get(course=course, kind="decision").met_on == DECIDED_ON
    event = AuditEvent.objects.get(object_type="decisions.Decision", action="create")
    assert (event.citizen_id, event.centre_id) == (course.citizen_id, course.centre_id)


def test_a_refusal_leaves_the_course_decided_and_answers_the_guarantee(course, randers_authority):
    decide(course, randers_authority, "refusal")
    course.refresh_from_db()
    assert course.state == CourseState.DECIDED
    assert Deadline.objects.get(course=course, kind="guarantee").met_on == DECIDED_ON


def test_a_decision_needs_an_assessed_course(course, randers_authority):
    course_services.course_move(course, CourseState.CLOSED)
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant")
    assert raised.value.messages == ["A decision is made when the assessment is complete."]
    assert not Decision.objects.exists()


def test_a_course_gets_one_decision(course, randers_authority):
    decide(course, randers_authority, "grant")
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant")
    assert raised.value.messages == ["The course already has a decision."]


def test_a_decision_cannot_be_dated_before_the_assessment_was_completed(course, randers_authority):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", decided_on=ASSESSED_ON - datetime.timedelta(days=1))
    assert errors(raised) == {
        "decided_on": ["The decision cannot be dated before the assessment was completed on 02/06/2026."]
    }
    assert decide(course, randers_authority, "grant", decided_on=ASSESSED_ON).decided_on == ASSESSED_ON


def test_without_an_assessment_only_a_refusal_outside_the_law_can_be_issued(
    frozen_today, randers_centre, randers_authority
):
    course = requested_course(randers_centre, randers_authority)
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant")
    assert errors(raised) == {
        "refused_outside_law": [
            "Without a completed assessment only a refusal because the request falls outside the law or the "
            "quality standard can be issued."
        ]
    }
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", refused_outside_law=True)
    assert errors(raised)["refused_outside_law"] == [
        "Only a refusal can rest on the request falling outside the law or the quality standard."
    ]
    decision = decide(
        course, randers_authority, "refusal", refused_outside_law=True, decided_on=datetime.date(2026, 2, 3)
    )
    course.refresh_from_db()
    assert (course.state, decision.refused_outside_law) == (CourseState.DECIDED, True)


def test_a_refusal_without_the_g2_6_14_confirmation_is_not_issued(course, randers_authority):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "refusal", not_dual_diagnosis=False)
    assert errors(raised) == {
        "not_dual_diagnosis": ["Confirm that the refusal does not rest on mental illness as well as drug use."]
    }
    assert not Decision.objects.exists()


def test_a_refusal_that_mentions_mental_illness_needs_a_written_explanation_and_is_flagged(course, randers_authority):
    reasons = "Borgeren har en psykose og er i behandling i psykiatrien."
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "refusal", reasons=reasons)
    assert list(errors(raised)) == ["mental_illness_explanation"]
    assert "psykose, psykiatrien" in errors(raised)["mental_illness_explanation"][0]
    decision = decide(
        course,
        randers_authority,
        "refusal",
        reasons=reasons,
        mental_illness_explanation="Afslaget bygger alene på, at forbruget ikke er behandlingskrævende.",
    )
    assert decision.mentions_mental_illness


def test_a_refusal_that_mentions_nothing_of_the_kind_is_not_flagged(course, randers_authority):
    assert not decide(course, randers_authority, "refusal").mentions_mental_illness


def test_a_partial_grant_without_reasons_is_not_issued(course, randers_authority):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "partial", reasons="", key_facts="")
    assert errors(raised) == {
        "reasons": ["A decision that does not fully grant the request must give the reasons (FVL §22)."],
        "key_facts": ["State the facts that weighed most in the decision (FVL §24(2))."],
    }


def test_the_provider_must_be_of_the_courses_municipality(course, randers_authority, odsherred_centre):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", provider=odsherred_centre)
    assert errors(raised) == {"provider": ["Choose an active provider of the course's municipality."]}


def test_the_tier_must_come_from_the_standard_in_force(course, randers_authority):
    from standards.models import StandardOffer

    odsherred_tier = StandardOffer.objects.filter(standard__municipality__code="306", kind="outpatient").first()
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", intensity_tier=odsherred_tier)
    assert errors(raised) == {"intensity_tier": ["Choose an offer from the quality standard in force."]}


def test_the_decision_cannot_be_in_the_future(course, randers_authority, frozen_today):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", decided_on=frozen_today + datetime.timedelta(days=1))
    assert errors(raised) == {"decided_on": ["The decision date cannot be in the future."]}


# ----------------------------------------------------------------- letter


def test_generating_the_letter_stores_a_pdf_dated_today_and_audits_an_export(course, randers_authority, frozen_today):
    decision = services.letter_generate(decision=decide(course, randers_authority, "refusal"), by=randers_authority)
    assert decision.letter.name.startswith("letters/decision-")
    assert "Fiktivsen" not in decision.letter.name
    with decision.letter.open("rb") as stored:
        assert stored.read(4) == b"%PDF"
    assert (decision.letter_dated_on, decision.letter_channel) == (frozen_today, "digital_post")
    assert decision.letter_complaint_deadline == datetime.date(2026, 4, 13)  # from the letter, not the decision
    event = AuditEvent.objects.get(action="export")
    assert event.changes == {"letter": decision.letter.name, "channel": "digital_post"}
    assert event.citizen_id == course.citizen_id


def test_the_pdf_is_written_only_when_the_step_commits(course, randers_authority, django_capture_on_commit_callbacks):
    decision = decide(course, randers_authority, "refusal")
    files_before = set(default_storage.listdir("letters")[1]) if default_storage.exists("letters") else set()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.letter_generate(decision=decision, by=randers_authority)
        raise RuntimeError("a later part of the step fails")
    assert callbacks == []  # rolled back: nothing is written
    decision.refresh_from_db()
    assert not decision.letter
    assert not default_storage.exists("letters") or set(default_storage.listdir("letters")[1]) == files_before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        decision = services.letter_generate(decision=decision, by=randers_authority)
    assert len(callbacks) == 1 and default_storage.exists(decision.letter.name)


def test_sending_the_letter_is_recorded_and_audited(course, randers_authority, frozen_today):
    decision = services.letter_generate(decision=decide(course, randers_authority, "refusal"), by=randers_authority)
    dispatch = services.letter_send(
        decision=decision, by=randers_authority, channel="digital_post", sent_on=frozen_today
    )
    assert (dispatch.letter_name, dispatch.sent_by, dispatch.received_on) == (
        decision.letter.name,
        randers_authority,
        frozen_today,
    )
    event = AuditEvent.objects.get(object_type="decisions.LetterDispatch")
    assert event.changes == {"channel": "digital_post", "sent_on": str(frozen_today)}


def test_a_letter_cannot_be_sent_before_it_is_generated(course, randers_authority, frozen_today):
    decision = decide(course, randers_authority, "refusal")
    with pytest.raises(ValidationError) as raised:
        services.letter_send(decision=decision, by=randers_authority, channel="post", sent_on=frozen_today)
    assert raised.value.messages == ["Generate the letter first."]


def test_a_letter_written_for_digital_post_cannot_go_by_post_with_its_shorter_deadline(
    course, randers_authority, frozen_today
):
    decision = services.letter_generate(decision=decide(course, randers_authority, "refusal"), by=randers_authority)
    with pytest.raises(ValidationError) as raised:
        services.letter_send(decision=decision, by=randers_authority, channel="post", sent_on=frozen_today)
    assert errors(raised) == {
        "channel": [
            "Sent like this, the citizen has longer to complain than the letter says. "
            "Generate the letter again, dated the day it is sent."
        ]
    }
    assert not LetterDispatch.objects.exists()


# ----------------------------------------------------------------- written reasons (FVL §23)


def test_an_oral_refusal_may_get_written_reasons_within_14_days(course, randers_authority):
    decision = decide(course, randers_authority, "refusal", form="oral")
    decision = services.written_reasons_request(
        decision=decision, by=randers_authority, requested_on=DECIDED_ON + datetime.timedelta(days=14)
    )
    deadline = Deadline.objects.get(course=course, kind="written_reasons")
    assert deadline.due_on == datetime.date(2026, 3, 9) and deadline.met_on is None
    with pytest.raises(ValidationError):  # the letter with the reasons comes first
        services.written_reasons_send(decision=decision, by=randers_authority, sent_on=datetime.date(2026, 3, 2))
    decision = services.letter_generate(decision=decision, by=randers_authority)
    services.written_reasons_send(decision=decision, by=randers_authority, sent_on=datetime.date(2026, 3, 2))
    assert Deadline.objects.get(course=course, kind="written_reasons").met_on == datetime.date(2026, 3, 2)


def test_no_written_reasons_for_a_full_grant_or_a_late_demand(frozen_today, randers_centre, randers_authority):
    from .conftest import assessed_course

    granted = decide(assessed_course(randers_centre, randers_authority), randers_authority, "grant", form="oral")
    with pytest.raises(ValidationError):
        services.written_reasons_request(decision=granted, by=randers_authority, requested_on=DECIDED_ON)
    course_services.course_close(course=granted.course, by=randers_authority, closed_on=DECIDED_ON, reason="test")
    refused = decide(assessed_course(randers_centre, randers_authority), randers_authority, "refusal", form="oral")
    with pytest.raises(ValidationError) as raised:
        services.written_reasons_request(
            decision=refused, by=randers_authority, requested_on=DECIDED_ON + datetime.timedelta(days=15)
        )
    assert "requested_on" in raised.value.message_dict


# ----------------------------------------------------------------- free choice


def test_free_choice_of_an_approved_provider_waives_the_guarantee(course, randers_authority, private_outpatient):
    decide(course, randers_authority, "grant")
    chosen_on = datetime.date(2026, 2, 11)
    choice = services.free_choice_record(
        course=course,
        by=randers_authority,
        chosen_provider=private_outpatient,
        chosen_on=chosen_on,
        note="Ønsker privat",
    )
    assert choice.chosen_provider == private_outpatient
    course.refresh_from_db()
    assert (course.waiver.reason, course.waiver.waived_on) == ("free_choice", chosen_on)
    guarantee = Deadline.objects.get(course=course, kind="guarantee")
    assert (guarantee.waived_on, guarantee.waiver_reason) == (chosen_on, "free_choice")


def test_free_choice_of_a_residential_place_is_refused_after_an_outpatient_allocation(
    course, randers_authority, private_residential
):
    decide(course, randers_authority, "grant")
    with pytest.raises(ValidationError) as raised:
        services.free_choice_record(
            course=course,
            by=randers_authority,
            chosen_provider=private_residential,
            chosen_kind="residential",
            chosen_on=DECIDED_ON,
        )
    assert any("23-18" in m for m in raised.value.message_dict["chosen_provider"])
    assert not FreeChoice.objects.exists()
    course.refresh_from_db()
    assert not hasattr(course, "waiver")


def test_no_free_choice_after_a_refusal(course, randers_authority, private_outpatient):
    decide(course, randers_authority, "refusal")
    with pytest.raises(ValidationError):
        services.free_choice_record(
            course=course, by=randers_authority, chosen_provider=private_outpatient, chosen_on=DECIDED_ON
        )


def test_a_private_provider_not_on_tilbudsportalen_cannot_be_chosen(course, randers_authority, private_outpatient):
    private_outpatient.approved_on_tilbudsportalen = False
    private_outpatient.save()
    decide(course, randers_authority, "grant")
    with pytest.raises(ValidationError):
        services.free_choice_record(
            course=course, by=randers_authority, chosen_provider=private_outpatient, chosen_on=DECIDED_ON
        )


# ----------------------------------------------------------------- complaints


def test_a_late_complaint_is_registered_and_flagged(course, randers_authority):
    decision = decide(course, randers_authority, "refusal")
    in_time = services.complaint_register(
        decision=decision,
        by=randers_authority,
        received_on=datetime.date(2026, 3, 9),
        decision_received_on=DECIDED_ON,
        form="written",
    )
    late = services.complaint_register(
        decision=decision,
        by=randers_authority,
        received_on=datetime.date(2026, 3, 10),
        decision_received_on=DECIDED_ON,
        form="written",
    )
    assert (in_time.is_late, late.is_late) == (False, True)
    assert Deadline.objects.filter(course=course, kind="complaint_reassessment").count() == 2
    assert Deadline.objects.get(ref=str(late.pk)).due_on == datetime.date(2026, 4, 7)


def test_an_oral_complaint_needs_the_written_down_account(course, randers_authority):
    decision = decide(course, randers_authority, "refusal")
    with pytest.raises(ValidationError) as raised:
        services.complaint_register(
            decision=decision,
            by=randers_authority,
            received_on=DECIDED_ON,
            decision_received_on=DECIDED_ON,
            form="oral",
        )
    assert "oral_account" in raised.value.message_dict
    complaint = services.complaint_register(
        decision=decision,
        by=randers_authority,
        received_on=DECIDED_ON,
        decision_received_on=DECIDED_ON,
        form="oral",
        oral_account="Borgeren ringede og er uenig i afslaget.",
    )
    assert complaint.oral_account.startswith("Borgeren ringede")


def test_only_the_person_concerned_may_complain(course, randers_authority):
    decision = decide(course, randers_authority, "refusal")
    with pytest.raises(ValidationError) as raised:
        services.complaint_register(
            decision=decision,
            by=randers_authority,
            received_on=DECIDED_ON,
            decision_received_on=DECIDED_ON,
            form="written",
            complainant_is_citizen=False,
        )
    assert "complainant_is_citizen" in raised.value.message_dict


def _complaint(course, by):
    decision = decide(course, by, "refusal")
    return services.complaint_register(
        decision=decision,
        by=by,
        received_on=datetime.date(2026, 2, 20),
        decision_received_on=DECIDED_ON,
        form="written",
    )


def test_an_upheld_decision_must_be_forwarded_to_ankestyrelsen(course, randers_authority):
    complaint = _complaint(course, randers_authority)
    with pytest.raises(ValidationError) as raised:
        services.complaint_reassess(
            complaint=complaint, by=randers_authority, reassessed_on=datetime.date(2026, 3, 2), outcome="upheld"
        )
    assert "forwarded_on" in raised.value.message_dict
    complaint = services.complaint_reassess(
        complaint=complaint,
        by=randers_authority,
        reassessed_on=datetime.date(2026, 3, 2),
        outcome="upheld",
        forwarded_on=datetime.date(2026, 3, 3),
    )
    assert Deadline.objects.get(ref=str(complaint.pk)).met_on == datetime.date(2026, 3, 2)
    complaint = services.complaint_appeals_outcome(
        complaint=complaint, by=randers_authority, outcome="remitted", outcome_on=datetime.date(2026, 3, 13)
    )
    assert complaint.calls_for_new_decision


def test_a_changed_decision_is_reissued_and_needs_a_new_letter(course, randers_authority):
    complaint = _complaint(course, randers_authority)
    decision = services.letter_generate(decision=complaint.decision, by=randers_authority)
    old_letter = decision.letter.name
    with pytest.raises(ValidationError) as refused:  # a new decision always says why
        services.decision_reissue(
            decision=decision,
            by=randers_authority,
            **decision_fields("grant", course.centre, decided_on=datetime.date(2026, 3, 2)),
        )
    assert "reason" in refused.value.message_dict
    services.complaint_reassess(
        complaint=complaint, by=randers_authority, reassessed_on=datetime.date(2026, 3, 2), outcome="changed"
    )
    decision = services.decision_reissue(
        decision=decision,
        by=randers_authority,
        reason="Genvurderet efter klagen.",
        **decision_fields("grant", course.centre, decided_on=datetime.date(2026, 3, 2)),
    )
    assert (decision.outcome, decision.letter.name) == ("grant", "")
    (revision,) = decision.revisions.all()  # the refusal is kept, with its letter
    assert (revision.number, revision.issued_on, revision.fields["outcome"]) == (1, DECIDED_ON, "refusal")
    assert (revision.letter.name, revision.complaint) == (old_letter, complaint)
    assert (decision.decided_on, decision.reissued_on) == (DECIDED_ON, datetime.date(2026, 3, 2))
    assert Deadline.objects.get(course=course, kind="decision").met_on == DECIDED_ON  # decided in time
    html = letters.letter_html(decision)  # the new letter is dated the day it is made
    assert "16. marts 2026" in html and "complaint_guidance" not in html
    assert decision.reasons == ""  # a full grant keeps nothing from the refusal
    complaint.refresh_from_db()
    assert complaint.decision_reissued_on == datetime.date(2026, 3, 2)
    assert not complaint.calls_for_new_decision
    event = AuditEvent.objects.filter(object_type="decisions.Decision", action="update").get()
    assert event.changes["outcome"] == ["refusal", "grant"]
    course.refresh_from_db()
    course_services.treatment_start(course=course, by=randers_authority, started_on=datetime.date(2026, 3, 3))
