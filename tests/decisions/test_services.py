"""Workflow steps of the decision: issue, letters, written reasons, free choice, complaints."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from courses import services as course_services
from courses.models import CourseState
from deadlines.models import Deadline
from decisions import letters, services
from decisions.models import Decision, FreeChoice

from .conftest import DECIDED_ON, decide, decision_fields

pytestmark = pytest.mark.django_db


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
    with pytest.raises(ValidationError):
        decide(course, randers_authority, "grant")
    assert not Decision.objects.exists()


def test_a_course_gets_one_decision(course, randers_authority):
    decide(course, randers_authority, "grant")
    course.refresh_from_db()
    with pytest.raises(ValidationError):
        decide(course, randers_authority, "grant")


def test_a_refusal_without_the_g2_6_14_confirmation_is_not_issued(course, randers_authority):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "refusal", not_dual_diagnosis=False)
    assert "not_dual_diagnosis" in raised.value.message_dict
    assert not Decision.objects.exists()


def test_a_partial_grant_without_reasons_is_not_issued(course, randers_authority):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "partial", reasons="", key_facts="")
    assert set(raised.value.message_dict) == {"reasons", "key_facts"}


def test_the_provider_must_be_of_the_courses_municipality(course, randers_authority, odsherred_centre):
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", provider=odsherred_centre)
    assert "provider" in raised.value.message_dict


def test_the_tier_must_come_from_the_standard_in_force(course, randers_authority):
    from standards.models import StandardOffer

    odsherred_tier = StandardOffer.objects.filter(standard__municipality__code="306", kind="outpatient").first()
    with pytest.raises(ValidationError) as raised:
        decide(course, randers_authority, "grant", intensity_tier=odsherred_tier)
    assert "intensity_tier" in raised.value.message_dict


def test_the_decision_cannot_be_before_the_request_or_in_the_future(course, randers_authority, frozen_today):
    for day in (datetime.date(2026, 2, 1), frozen_today + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as raised:
            decide(course, randers_authority, "grant", decided_on=day)
        assert "decided_on" in raised.value.message_dict


# ----------------------------------------------------------------- letter


def test_generating_the_letter_stores_a_pdf_and_audits_an_export(course, randers_authority):
    decision = services.letter_generate(decision=decide(course, randers_authority, "refusal"), by=randers_authority)
    assert decision.letter.name.startswith("letters/decision-")
    assert "Fiktivsen" not in decision.letter.name
    with decision.letter.open("rb") as stored:
        assert stored.read(4) == b"%PDF"
    assert decision.letter_generated_at is not None
    event = AuditEvent.objects.get(action="export")
    assert event.changes == {"letter": decision.letter.name}
    assert event.citizen_id == course.citizen_id


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
    with pytest.raises(ValidationError):  # no re-issue before the re-assessment
        services.decision_reissue(
            decision=decision,
            by=randers_authority,
            **decision_fields("grant", course.centre, decided_on=datetime.date(2026, 3, 2)),
        )
    services.complaint_reassess(
        complaint=complaint, by=randers_authority, reassessed_on=datetime.date(2026, 3, 2), outcome="changed"
    )
    decision = services.decision_reissue(
        decision=decision,
        by=randers_authority,
        **decision_fields("grant", course.centre, decided_on=datetime.date(2026, 3, 2)),
    )
    assert (decision.outcome, decision.letter.name) == ("grant", "")
    assert (decision.decided_on, decision.reissued_on) == (DECIDED_ON, datetime.date(2026, 3, 2))
    assert Deadline.objects.get(course=course, kind="decision").met_on == DECIDED_ON  # decided in time
    html = letters.letter_html(decision)  # the new letter is dated, and its deadline runs, from the new decision
    assert "2. marts 2026" in html and "complaint_guidance" not in html
    assert decision.reasons == ""  # a full grant keeps nothing from the refusal
    complaint.refresh_from_db()
    assert complaint.decision_reissued_on == datetime.date(2026, 3, 2)
    assert not complaint.calls_for_new_decision
    event = AuditEvent.objects.filter(object_type="decisions.Decision", action="update").get()
    assert event.changes["outcome"] == ["refusal", "grant"]
    course.refresh_from_db()
    course_services.treatment_start(course=course, by=randers_authority, started_on=datetime.date(2026, 3, 3))
