"""The decision pages: scoped to the course's centre, decided by the authority, the letter as PDF."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from courses.models import CourseState
from decisions import services
from decisions.models import Complaint, Decision, FreeChoice
from organisations.models import Role
from tests.conftest import staff

from .conftest import DECIDED_ON, assessed_course, decide, requested_course

pytestmark = pytest.mark.django_db


def grant_post(course, **overrides) -> dict:
    data = {
        "outcome": "grant",
        "form": "written",
        "decided_on": "2026-02-09",
        "offer_kind": "outpatient",
        "provider": str(course.centre.pk),
        "implementation": "Samtaler hver anden uge.",
        "purpose": "Stabil hverdag.",
    }
    return {**data, **overrides}


def refusal_post(**overrides) -> dict:
    data = {
        "outcome": "refusal",
        "form": "written",
        "decided_on": "2026-02-09",
        "reasons": "R",
        "legal_basis": "L",
        "considerations": "C",
        "key_facts": "F",
        "other_help": "O",
        "not_dual_diagnosis": "on",
    }
    return {**data, **overrides}


def test_the_authority_issues_a_grant(as_user, course, randers_authority):
    response = as_user(randers_authority).post(reverse("decisions:issue", args=[course.pk]), grant_post(course))
    assert response.status_code == 302
    assert response.url == reverse("decisions:detail", args=[course.pk])
    course.refresh_from_db()
    assert course.state == CourseState.DECIDED
    assert course.decision.provider == course.centre


def test_the_form_page_offers_only_the_municipalitys_providers_and_the_standards_offers(
    as_user, course, randers_authority, odsherred_centre
):
    response = as_user(randers_authority).get(reverse("decisions:issue", args=[course.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert odsherred_centre not in form.fields["provider"].queryset
    assert course.centre in form.fields["provider"].queryset
    assert {o.standard_id for o in form.fields["intensity_tier"].queryset} == {course.request.standard_id}
    assert b'<label for="id_not_dual_diagnosis">' in response.content


def test_a_missing_date_gives_a_danish_form_error_and_saves_nothing(as_user, course, randers_authority):
    response = as_user(randers_authority).post(
        reverse("decisions:issue", args=[course.pk]), grant_post(course, decided_on="")
    )
    assert response.status_code == 200
    assert "Feltet skal udfyldes." in response.content.decode()
    assert b"data-error-summary" in response.content
    assert not Decision.objects.exists()
    course.refresh_from_db()
    assert course.state == CourseState.ASSESSED


def test_a_refusal_without_the_g2_6_14_confirmation_is_a_form_error(as_user, course, randers_authority):
    data = refusal_post()
    del data["not_dual_diagnosis"]
    response = as_user(randers_authority).post(reverse("decisions:issue", args=[course.pk]), data)
    assert response.status_code == 200
    assert "not_dual_diagnosis" in response.context["form"].errors
    assert not Decision.objects.exists()


def test_a_therapist_cannot_issue_a_decision(as_user, course, randers_therapist):
    client = as_user(randers_therapist)
    assert client.get(reverse("decisions:issue", args=[course.pk])).status_code == 403
    assert client.post(reverse("decisions:issue", args=[course.pk]), grant_post(course)).status_code == 403
    assert not Decision.objects.exists()
    assert client.get(reverse("decisions:detail", args=[course.pk])).status_code == 200


def test_a_visitator_prepares_but_does_not_decide(as_user, course, randers_authority, randers_visitator):
    decide(course, randers_authority, "refusal")
    client = as_user(randers_visitator)
    assert client.get(reverse("decisions:issue", args=[course.pk])).status_code == 403
    assert client.post(reverse("decisions:letter", args=[course.pk])).status_code == 302
    assert client.get(reverse("decisions:complaint_add", args=[course.pk])).status_code == 200


def test_the_letter_is_generated_and_downloaded_as_a_pdf(as_user, course, randers_authority, randers_therapist):
    decide(course, randers_authority, "refusal")
    client = as_user(randers_authority)
    assert client.get(reverse("decisions:letter_download", args=[course.pk])).status_code == 404  # not yet
    assert client.get(reverse("decisions:letter", args=[course.pk])).status_code == 405  # POST only
    assert client.post(reverse("decisions:letter", args=[course.pk])).status_code == 302
    response = as_user(randers_therapist).get(reverse("decisions:letter_download", args=[course.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    download = AuditEvent.objects.filter(action="export", changes__download=True).get()
    assert download.actor_username == randers_therapist.username
    assert download.citizen_id == course.citizen_id


def test_the_detail_page_shows_the_decision_and_audits_the_read(as_user, course, randers_authority):
    decide(course, randers_authority, "refusal")
    response = as_user(randers_authority).get(reverse("decisions:detail", args=[course.pk]))
    assert response.status_code == 200
    assert b'data-outcome="refusal"' in response.content
    assert AuditEvent.objects.filter(action="view", object_type="decisions.Decision").exists()


def test_another_centre_finds_nothing(as_user, course, randers_authority, fredericia_outsider):
    decision = decide(course, randers_authority, "refusal")
    services.letter_generate(decision=decision, by=randers_authority)
    complaint = services.complaint_register(
        decision=decision, by=randers_authority, received_on=DECIDED_ON, decision_received_on=DECIDED_ON, form="written"
    )
    client = as_user(fredericia_outsider)
    for name in ("detail", "issue", "letter_download", "free_choice", "complaint_add"):
        assert client.get(reverse(f"decisions:{name}", args=[course.pk])).status_code == 404, name
    for name in ("letter", "written_reasons_request", "written_reasons_send"):
        assert client.post(reverse(f"decisions:{name}", args=[course.pk])).status_code == 404, name
    for name in ("complaint_reassess", "complaint_appeals_outcome"):
        assert client.get(reverse(f"decisions:{name}", args=[complaint.pk])).status_code == 404, name


def test_free_choice_of_a_residential_place_after_an_outpatient_grant_is_refused_on_the_form(
    as_user, course, randers_authority, private_residential, private_outpatient
):
    decide(course, randers_authority, "grant")
    client = as_user(randers_authority)
    url = reverse("decisions:free_choice", args=[course.pk])
    data = {"chosen_provider": private_residential.pk, "chosen_kind": "residential", "chosen_on": "2026-02-10"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "23-18" in " ".join(response.context["form"].errors["chosen_provider"])
    assert not FreeChoice.objects.exists()
    data = {"chosen_provider": private_outpatient.pk, "chosen_kind": "outpatient", "chosen_on": "2026-02-10"}
    assert client.post(url, data).status_code == 302
    course.refresh_from_db()
    assert course.waiver.reason == "free_choice"


def test_an_oral_complaint_is_written_down_and_a_late_one_flagged(as_user, course, randers_authority):
    decide(course, randers_authority, "refusal")
    client = as_user(randers_authority)
    url = reverse("decisions:complaint_add", args=[course.pk])
    data = {
        "received_on": "2026-03-10",
        "decision_received_on": "2026-02-09",
        "form": "oral",
        "complainant_is_citizen": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "oral_account" in response.context["form"].errors
    assert not Complaint.objects.exists()
    assert client.post(url, {**data, "oral_account": "Borgeren er uenig."}).status_code == 302
    assert Complaint.objects.get().is_late


def test_the_authority_re_assesses_and_forwards(as_user, course, randers_authority, randers_visitator):
    decision = decide(course, randers_authority, "refusal")
    complaint = services.complaint_register(
        decision=decision, by=randers_authority, received_on=DECIDED_ON, decision_received_on=DECIDED_ON, form="written"
    )
    url = reverse("decisions:complaint_reassess", args=[complaint.pk])
    assert as_user(randers_visitator).get(url).status_code == 403
    client = as_user(randers_authority)
    response = client.post(url, {"reassessed_on": "2026-02-20", "outcome": "upheld"})
    assert response.status_code == 200 and "forwarded_on" in response.context["form"].errors
    data = {"reassessed_on": "2026-02-20", "outcome": "upheld", "forwarded_on": "2026-02-23", "note": "Fastholdt."}
    assert client.post(url, data).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.reassessment_outcome, complaint.forwarded_on) == ("upheld", datetime.date(2026, 2, 23))


def test_after_a_changed_re_assessment_the_authority_issues_a_new_decision(as_user, course, randers_authority):
    decision = decide(course, randers_authority, "refusal")
    complaint = services.complaint_register(
        decision=decision, by=randers_authority, received_on=DECIDED_ON, decision_received_on=DECIDED_ON, form="written"
    )
    client = as_user(randers_authority)
    url = reverse("decisions:issue", args=[course.pk])
    services.complaint_reassess(
        complaint=complaint, by=randers_authority, reassessed_on=datetime.date(2026, 2, 20), outcome="changed"
    )
    response = client.get(url)
    assert response.status_code == 200 and response.context["form"].initial["reasons"] == "Begrundelse X."
    assert b"data-complaint-calls" in response.content
    response = client.post(url, grant_post(course, decided_on="2026-02-20"))
    assert response.status_code == 200 and "reason" in response.context["form"].errors  # why, for the letter
    data = grant_post(course, decided_on="2026-02-20") | {"reason": "Klagen er genvurderet."}
    assert client.post(url, data).status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, decision.reissued_on) == ("grant", datetime.date(2026, 2, 20))


def test_no_decision_before_the_assessment(as_user, course, randers_authority):
    from courses import services as course_services

    course_services.course_move(course, CourseState.CLOSED)
    response = as_user(randers_authority).get(reverse("decisions:issue", args=[course.pk]))
    assert response.status_code == 302


def test_an_oral_partial_grant_gets_written_reasons_through_the_page(
    as_user, course, randers_authority, private_outpatient
):
    decide(course, randers_authority, "partial", form="oral")
    client = as_user(randers_authority)
    detail = reverse("decisions:detail", args=[course.pk])
    assert b'name="requested_on"' in client.get(detail).content
    response = client.post(
        reverse("decisions:written_reasons_request", args=[course.pk]), {"requested_on": "2026-02-30"}
    )
    assert response.status_code == 200  # not a date: the form page with the error
    client.post(reverse("decisions:written_reasons_request", args=[course.pk]), {"requested_on": "2026-02-12"})
    client.post(reverse("decisions:letter", args=[course.pk]))
    data = {"chosen_provider": private_outpatient.pk, "chosen_kind": "outpatient", "chosen_on": "2026-02-12"}
    client.post(reverse("decisions:free_choice", args=[course.pk]), data)
    response = client.post(reverse("decisions:written_reasons_send", args=[course.pk]), {"sent_on": "2026-02-13"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.written_reasons_requested_on, decision.written_reasons_sent_on) == (
        datetime.date(2026, 2, 12),
        datetime.date(2026, 2, 13),
    )
    page = client.get(detail).content.decode()
    assert "Privat Ambulant Behandling" in page and "data-letter-download" in page


# ----------------------------------------------------------------- the letter goes out


def test_the_letter_is_generated_for_post_and_its_sending_shows_on_the_page(as_user, course, randers_authority):
    decide(course, randers_authority, "refusal")
    client = as_user(randers_authority)
    assert client.post(reverse("decisions:letter", args=[course.pk]), {"channel": "post"}).status_code == 302
    decision = Decision.objects.get()
    assert (decision.letter_dated_on, decision.letter_channel) == (datetime.date(2026, 3, 16), "post")
    url = reverse("decisions:letter_send", args=[course.pk])
    response = client.post(url, {"channel": "post", "sent_on": "2026-03-17"})  # a day late: the deadline would grow
    assert response.status_code == 200 and "sent_on" in response.context["form"].errors
    assert client.post(url, {"channel": "post", "sent_on": "2026-03-16"}).status_code == 302
    page = client.get(reverse("decisions:detail", args=[course.pk])).content.decode()
    sent = page[page.index("data-dispatches") :].split("</ul>")[0]
    assert "16.03.2026" in sent and str(randers_authority) in sent


def test_a_refusal_mentioning_mental_illness_is_flagged_on_the_decision_page(as_user, course, randers_authority):
    data = refusal_post(reasons="Borgeren har skizofreni.")
    client = as_user(randers_authority)
    response = client.post(reverse("decisions:issue", args=[course.pk]), data)
    assert response.status_code == 200 and "mental_illness_explanation" in response.context["form"].errors
    data["mental_illness_explanation"] = "Afslaget bygger på, at forbruget ikke er behandlingskrævende."
    assert client.post(reverse("decisions:issue", args=[course.pk]), data).status_code == 302
    page = client.get(reverse("decisions:detail", args=[course.pk])).content.decode()
    flag = page[page.index("data-mental-illness-flag") :].split("</div>")[0]
    assert "skizofreni" in flag and "behandlingskrævende" in flag


def test_a_request_outside_the_standard_is_offered_the_refusal_without_assessment(
    as_user, frozen_today, randers_centre, randers_authority
):
    course = requested_course(randers_centre, randers_authority)
    course.request.outside_standard = "under_minimum_age"
    course.request.save()
    client = as_user(randers_authority)
    assert b'href="/afgoerelser/forloeb/' in client.get(reverse("decisions:detail", args=[course.pk])).content
    form = client.get(reverse("decisions:issue", args=[course.pk])).context["form"]
    assert (form.initial["outcome"], form.initial["refused_outside_law"]) == ("refusal", True)
    data = refusal_post(decided_on="2026-02-03", refused_outside_law="on")
    assert client.post(reverse("decisions:issue", args=[course.pk]), data).status_code == 302
    page = client.get(reverse("decisions:detail", args=[course.pk])).content.decode()
    assert "data-outside-law" in page


# ----------------------------------------------------------------- the manager's review list (G2.6.14)


def flagged_refusal(centre, authority):
    course = assessed_course(centre, authority)
    return decide(
        course,
        authority,
        "refusal",
        reasons="Psykose.",
        mental_illness_explanation="Forbruget er ikke behandlingskrævende.",
    )


def test_the_manager_sees_flagged_refusals_of_the_centres_they_manage_only(
    as_user, frozen_today, randers_centre, randers_authority, randers_manager, fredericia_centre, fredericia_outsider
):
    mine = flagged_refusal(randers_centre, randers_authority)
    plain = decide(assessed_course(randers_centre, randers_authority), randers_authority, "refusal")
    theirs = flagged_refusal(fredericia_centre, staff(fredericia_centre, Role.AUTHORITY, username="fr-myndighed"))
    response = as_user(randers_manager).get(reverse("decisions:mental_illness_review"))
    assert response.status_code == 200
    assert [d.pk for d in response.context["page"]] == [mine.pk]
    assert "psykose" in response.content.decode()
    assert plain.pk not in [d.pk for d in response.context["page"]]
    assert [
        d.pk for d in as_user(fredericia_outsider).get(reverse("decisions:mental_illness_review")).context["page"]
    ] == [theirs.pk]


def test_only_a_manager_opens_the_review_list(as_user, randers_authority):
    assert as_user(randers_authority).get(reverse("decisions:mental_illness_review")).status_code == 403


def test_the_review_list_does_a_bounded_number_of_queries(
    as_user, frozen_today, randers_centre, randers_authority, randers_manager, django_assert_max_num_queries
):
    for _ in range(3):
        flagged_refusal(randers_centre, randers_authority)
    client = as_user(randers_manager)
    client.get(reverse("decisions:mental_illness_review"))  # warm the session
    # Includes the audited read: the event, PostgreSQL's chain lock and the citizens it names.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("decisions:mental_illness_review"))
    assert len(response.context["page"]) == 3


def test_the_managers_home_page_links_to_the_review_list(as_user, randers_manager, randers_authority):
    review = reverse("decisions:mental_illness_review")
    assert review in as_user(randers_manager).get(reverse("home:index")).content.decode()
    assert review not in as_user(randers_authority).get(reverse("home:index")).content.decode()
