"""Corrections with history: a decision drafted by a visitator, read with its letter and issued by
the authority; a decision in force replaced by a new one whose letter says what changed and why;
letters to a citizen with a protected address; the form that asks only what the outcome needs."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from audit.models import AuditEvent
from courses import services as course_services
from deadlines.models import Deadline
from decisions import forms, letters, selectors, services
from decisions.models import Decision, DecisionDraft, DecisionRevision
from organisations.models import Role
from tests.conftest import staff

from .conftest import DECIDED_ON, assessed_course, decide, decision_fields
from .test_views import grant_post, refusal_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitator(randers_centre):
    return staff(randers_centre, Role.VISITATOR, username="randers-visitator-udkast")


def _draft_fields(outcome: str, centre, **overrides) -> dict:
    fields = decision_fields(outcome, centre, **overrides)
    fields.pop("decided_on")
    return fields


def sections(html: str) -> set[str]:
    return set(re.findall(r'data-section="([a-z_]+)"', html))


# ----------------------------------------------------------------------------------------- the draft


def test_a_draft_decides_nothing_and_may_be_incomplete(course, visitator):
    draft = services.decision_draft_save(course=course, by=visitator, outcome="refusal", reasons="Begrundelse.")
    course.refresh_from_db()
    assert course.state == "assessed" and not Decision.objects.filter(course=course).exists()
    decision_deadline = Deadline.objects.get(course=course, kind="decision")
    assert decision_deadline.met_on is None  # the guarantee's clock still runs: nothing is decided
    fields = {p.field for p in services.draft_problems(draft)}
    assert {"form"} == fields  # the form first: what else is missing depends on it
    draft = services.decision_draft_save(course=course, by=visitator, outcome="refusal", form="written")
    missing = {p.field for p in services.draft_problems(draft)}
    assert {"reasons", "legal_basis", "considerations", "key_facts", "other_help", "not_dual_diagnosis"} <= missing
    assert DecisionDraft.objects.filter(course=course).count() == 1  # one draft per course, saved over


def test_saving_a_draft_is_audited_by_field_name_never_by_its_text(course, visitator):
    services.decision_draft_save(course=course, by=visitator, **_draft_fields("refusal", course.centre))
    event = AuditEvent.objects.get(object_type="decisions.DecisionDraft", action="create")
    assert event.citizen_id == course.citizen_id and "reasons" in event.changes["fields"]
    assert "Begrundelse X." not in str(event.changes)


def test_no_draft_once_the_decision_is_issued_or_before_the_request_can_be_decided(
    course, visitator, randers_authority, randers_centre
):
    from .conftest import requested_course

    closed = requested_course(randers_centre, randers_authority)
    course_services.course_close(course=closed, by=randers_authority, closed_on=DECIDED_ON, reason="Flyttet.")
    with pytest.raises(ValidationError):
        services.decision_draft_save(course=closed, by=visitator, outcome="grant")
    decide(course, randers_authority, "grant")
    with pytest.raises(ValidationError):
        services.decision_draft_save(course=course, by=visitator, outcome="grant")


def test_issuing_takes_the_draft_and_deletes_it(course, visitator, randers_authority):
    services.decision_draft_save(course=course, by=visitator, send=True, **_draft_fields("grant", course.centre))
    decision = decide(course, randers_authority, "grant")
    assert not DecisionDraft.objects.filter(course=course).exists()
    created = AuditEvent.objects.get(object_type="decisions.Decision", action="create")
    assert created.changes["draft_written_by"] == visitator.pk  # who prepared it stays on record
    assert AuditEvent.objects.filter(object_type="decisions.DecisionDraft", action="delete").exists()
    assert decision.decided_by == randers_authority


def test_drafts_waiting_for_the_authority_in_one_query(
    course, visitator, randers_centre, randers_authority, django_assert_num_queries
):
    other = assessed_course(randers_centre, randers_authority)
    services.decision_draft_save(course=course, by=visitator, send=True, **_draft_fields("refusal", course.centre))
    services.decision_draft_save(course=other, by=visitator, outcome="grant")  # saved, not sent
    with django_assert_num_queries(1):
        waiting = selectors.drafts_waiting([course.pk, other.pk])
    assert set(waiting) == {course.pk, other.pk}
    assert waiting[course.pk].outcome == "refusal" and waiting[course.pk].sent_at is not None
    assert set(selectors.drafts_waiting([course.pk, other.pk], sent_only=True)) == {course.pk}


def test_visitator_writes_the_draft_reads_it_with_its_letter_and_the_authority_issues_it(
    as_user, course, visitator, randers_authority
):
    client = as_user(visitator)
    draft_url = reverse("decisions:draft", args=[course.pk])
    response = client.get(draft_url)
    assert response.status_code == 200 and b'data-show-when="outcome:refusal"' in response.content
    data = refusal_post()
    data.pop("decided_on")
    response = client.post(draft_url, {**data, "send": "1"})
    assert response.status_code == 302 and response.url == reverse("decisions:draft_preview", args=[course.pk])
    assert not Decision.objects.filter(course=course).exists()

    preview = client.get(response.url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert 'data-section="draft_mark"' in html and 'data-section="complaint_guidance"' in html  # the letter
    assert "data-draft-complete" in html
    assert "data-issue-from-draft" not in html  # only the authority issues
    assert client.get(reverse("decisions:issue", args=[course.pk])).status_code == 403
    assert not Decision.objects.filter(course=course).exists()  # previewing saved nothing

    authority = as_user(randers_authority)
    assert b"data-issue-from-draft" in authority.get(reverse("decisions:draft_preview", args=[course.pk])).content
    issue = authority.get(reverse("decisions:issue", args=[course.pk]))
    assert issue.context["form"].initial["reasons"] == "R" and b"data-from-draft" in issue.content
    assert authority.post(reverse("decisions:issue", args=[course.pk]), refusal_post()).status_code == 302
    assert Decision.objects.get(course=course).outcome == "refusal"
    assert not DecisionDraft.objects.filter(course=course).exists()
    assert client.get(reverse("decisions:draft_preview", args=[course.pk])).status_code == 302


def test_the_preview_lists_what_is_missing_and_shows_no_letter_without_an_outcome(as_user, course, visitator):
    services.decision_draft_save(course=course, by=visitator, offer_kind="outpatient")
    response = as_user(visitator).get(reverse("decisions:draft_preview", args=[course.pk]))
    assert b'data-problem="outcome"' in response.content and b"data-letter-preview" not in response.content


def test_a_draft_can_be_deleted(as_user, course, visitator):
    services.decision_draft_save(course=course, by=visitator, outcome="grant")
    response = as_user(visitator).post(reverse("decisions:draft_discard", args=[course.pk]))
    assert response.status_code == 302 and not DecisionDraft.objects.filter(course=course).exists()


def test_draft_pages_are_not_found_from_another_centre_and_closed_to_therapists(
    as_user, course, visitator, odsherred_centre, randers_centre
):
    services.decision_draft_save(course=course, by=visitator, outcome="grant")
    stranger = staff(odsherred_centre, Role.VISITATOR, username="odsherred-visitator-udkast")
    therapist = staff(randers_centre, Role.THERAPIST, username="randers-behandler-udkast")
    for name in ("decisions:draft", "decisions:draft_preview"):
        url = reverse(name, args=[course.pk])
        assert as_user(stranger).get(url).status_code == 404
        assert as_user(therapist).get(url).status_code == 403
    assert as_user(stranger).post(reverse("decisions:draft_discard", args=[course.pk])).status_code == 404


# ----------------------------------------------------------------------------------------- reissue


def test_a_correction_keeps_the_old_version_and_its_letter_and_the_new_letter_says_what_changed(
    course, randers_authority, frozen_today
):
    decision = decide(course, randers_authority, "grant")
    with transaction.atomic():
        decision = services.letter_generate(decision=decision, by=randers_authority)
    old_letter = decision.letter.name
    decision = services.decision_reissue(
        decision=decision,
        by=randers_authority,
        reason="Tilbuddet var skrevet forkert.",
        **decision_fields(
            "grant", course.centre, decided_on=datetime.date(2026, 3, 10), purpose="At du bliver stoffri."
        ),
    )
    assert (decision.decided_on, decision.reissued_on, decision.letter.name) == (
        DECIDED_ON,
        datetime.date(2026, 3, 10),
        "",
    )
    revision = DecisionRevision.objects.get(decision=decision)
    assert revision.changed == ["purpose"] and revision.reason == "Tilbuddet var skrevet forkert."
    assert revision.fields["purpose"] == "At du mindsker dit forbrug og får en stabil hverdag."
    assert revision.letter.name == old_letter and default_storage.exists(old_letter)  # never deleted

    html = letters.letter_html(decision)
    assert "changes" in sections(html)
    changes = re.search(r'data-section="changes">(.*?)</section>', html, re.S).group(1)
    assert "9. februar 2026" in changes  # the decision it replaces
    assert "Tilbuddet var skrevet forkert." in changes
    first = re.search(r"<h1>.*?</h1>", html, re.S).group(0)
    assert html.index('data-section="changes"') > html.index(first)  # after the title, before the decision


def test_the_new_letter_lists_every_changed_field_and_counts_the_complaint_deadline_from_itself(
    course, randers_authority, frozen_today
):
    decision = decide(course, randers_authority, "refusal")
    decision = services.decision_reissue(
        decision=decision,
        by=randers_authority,
        reason="Nye oplysninger.",
        **decision_fields("partial", course.centre, decided_on=datetime.date(2026, 3, 12)),
    )
    revision = decision.revisions.get()
    assert revision.changed == ["outcome", "offer_kind", "provider", "implementation", "purpose", "other_help"]
    html = letters.letter_html(decision, dated_on=datetime.date(2026, 3, 16))
    deadline = re.search(r'data-section="complaint_deadline">(.*?)</p>', html, re.S).group(1)
    assert "13. april 2026" in deadline  # from this letter (16 March), not the first decision (9 February)


def test_a_new_decision_needs_a_reason_a_change_and_a_date_not_before_the_one_it_replaces(course, randers_authority):
    decision = decide(course, randers_authority, "grant")
    with pytest.raises(ValidationError) as refused:
        services.decision_reissue(
            decision=decision,
            by=randers_authority,
            reason="Ingen ændring.",
            **decision_fields("grant", course.centre, decided_on=DECIDED_ON),
        )
    assert "__all__" in refused.value.message_dict  # nothing the citizen reads has changed
    with pytest.raises(ValidationError) as refused:
        services.decision_reissue(
            decision=decision,
            by=randers_authority,
            reason="Rettelse.",
            **decision_fields("grant", course.centre, decided_on=datetime.date(2026, 2, 8), purpose="Nyt formål."),
        )
    assert "decided_on" in refused.value.message_dict
    assert not DecisionRevision.objects.exists()


def test_a_closed_courses_decision_is_not_reissued(course, randers_authority):
    decision = decide(course, randers_authority, "refusal")
    course_services.course_close(course=decision.course, by=randers_authority, closed_on=DECIDED_ON, kind="refused")
    with pytest.raises(ValidationError):
        services.decision_reissue(
            decision=decision,
            by=randers_authority,
            reason="Rettelse.",
            **decision_fields("grant", course.centre, decided_on=datetime.date(2026, 3, 1)),
        )


def test_the_reissue_page_and_the_earlier_versions_letter(as_user, course, randers_authority, frozen_today):
    decision = decide(course, randers_authority, "grant")
    with transaction.atomic():
        services.letter_generate(decision=decision, by=randers_authority)
    client = as_user(randers_authority)
    detail = client.get(reverse("decisions:detail", args=[course.pk]))
    assert b"data-reissue" in detail.content
    url = reverse("decisions:issue", args=[course.pk])
    page = client.get(url)
    assert page.status_code == 200 and "reason" in page.context["form"].fields
    data = grant_post(course, decided_on="2026-03-10", purpose="Et nyt formål.", reason="Formålet var uklart.")
    assert client.post(url, data).status_code == 302
    detail = client.get(reverse("decisions:detail", args=[course.pk])).content.decode()
    assert 'data-revision="1"' in detail and "Formålet var uklart." in detail
    download = client.get(reverse("decisions:letter_download", args=[course.pk]) + "?version=1")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    export = AuditEvent.objects.filter(action="export", changes__version=1).get()
    assert export.citizen_id == course.citizen_id
    assert client.get(reverse("decisions:letter_download", args=[course.pk]) + "?version=7").status_code == 404
    assert client.get(reverse("decisions:letter_download", args=[course.pk]) + "?version=x").status_code == 404


def test_only_the_authority_reissues(as_user, course, randers_authority, visitator):
    decide(course, randers_authority, "grant")
    assert as_user(visitator).get(reverse("decisions:issue", args=[course.pk])).status_code == 403
    assert b"data-reissue" not in as_user(visitator).get(reverse("decisions:detail", args=[course.pk])).content


# ----------------------------------------------------------------------------------------- protected address


def test_a_protected_address_allows_only_digital_post_or_hand_over_and_is_not_printed(
    course, randers_authority, frozen_today
):
    citizen = course.citizen
    citizen.address_protected = True
    citizen.save()
    decision = decide(course, randers_authority, "refusal")
    html = letters.letter_html(decision, channel="digital_post")
    assert "recipient_address" not in sections(html) and citizen.address not in html
    assert "Bo Fiktivsen" in html  # still named
    assert [c for c, _label in forms.LetterForm(address_protected=True).fields["channel"].choices] == [
        "digital_post",
        "handed_over",
    ]
    assert "post" in dict(forms.LetterForm(address_protected=False).fields["channel"].choices)
    with pytest.raises(ValidationError) as refused:
        services.letter_generate(decision=decision, by=randers_authority, channel="post")
    assert "channel" in refused.value.message_dict
    with transaction.atomic():
        decision = services.letter_generate(decision=decision, by=randers_authority, channel="digital_post")
    with pytest.raises(ValidationError) as refused:
        services.letter_send(decision=decision, by=randers_authority, channel="post", sent_on=frozen_today)
    assert "channel" in refused.value.message_dict
    services.letter_send(decision=decision, by=randers_authority, channel="handed_over", sent_on=frozen_today)


def test_the_decision_page_tells_staff_the_address_is_protected(as_user, course, randers_authority):
    course.citizen.address_protected = True
    course.citizen.save()
    decide(course, randers_authority, "refusal")
    page = as_user(randers_authority).get(reverse("decisions:detail", args=[course.pk])).content.decode()
    assert "data-address-protected" in page
    assert 'value="post"' not in page


# ----------------------------------------------------------------------------------------- the form


def test_the_form_marks_each_fieldset_with_the_outcomes_it_serves(as_user, course, randers_authority):
    html = as_user(randers_authority).get(reverse("decisions:issue", args=[course.pk])).content.decode()
    assert 'data-show-when="outcome:grant,partial" data-fieldset="offer"' in html
    assert 'data-show-when="outcome:partial,refusal" data-fieldset="reasons"' in html
    assert 'data-show-when="outcome:refusal" data-fieldset="refusal"' in html
    assert "<script" not in html.split("</head>")[1]  # no inline script in the page body


def test_the_server_decides_what_each_outcome_requires(as_user, course, randers_authority):
    client = as_user(randers_authority)
    url = reverse("decisions:issue", args=[course.pk])
    response = client.post(url, {"outcome": "refusal", "form": "written", "decided_on": "2026-02-09"})
    errors = response.context["form"].errors
    assert {"reasons", "legal_basis", "considerations", "key_facts", "other_help", "not_dual_diagnosis"} <= set(errors)
    assert not {"offer_kind", "provider", "implementation", "purpose"} & set(errors)
    response = client.post(url, {"outcome": "grant", "form": "written", "decided_on": "2026-02-09"})
    errors = response.context["form"].errors
    assert {"offer_kind", "provider", "implementation", "purpose"} <= set(errors)
    assert not {"reasons", "other_help", "not_dual_diagnosis"} & set(errors)
    # A grant as the script sends it: the hidden (disabled) refusal fields are simply absent.
    assert client.post(url, grant_post(course)).status_code == 302


def test_no_guideline_codes_or_seed_references_as_main_text_on_the_decision_pages(
    as_user, course, randers_authority, randers_centre, visitator
):
    services.decision_draft_save(course=course, by=visitator, **_draft_fields("refusal", course.centre))
    client = as_user(randers_authority)
    pages = [
        reverse("decisions:detail", args=[course.pk]),
        reverse("decisions:issue", args=[course.pk]),
        reverse("decisions:draft", args=[course.pk]),
        reverse("decisions:draft_preview", args=[course.pk]),
    ]
    decided = assessed_course(randers_centre, randers_authority)
    decide(decided, randers_authority, "grant")
    pages += [reverse("decisions:detail", args=[decided.pk]), reverse("decisions:free_choice", args=[decided.pk])]
    for url in pages:
        html = client.get(url).content.decode()
        main = re.sub(r"<details.*?</details>", "", html.split("<main", 1)[1], flags=re.S)
        assert not re.search(r"\bG\d+\.\d+", main), url
        assert "seed" not in main.lower(), url


# ----------------------------------------------------------------------------------------- the course page's panel


def test_the_course_panel_shows_each_role_only_the_steps_it_may_take(
    course, visitator, randers_authority, randers_centre, django_assert_max_num_queries
):
    from decisions.panels import course_panel

    therapist = staff(randers_centre, Role.THERAPIST, username="randers-behandler-panel")
    urls = lambda user: [url for url, _label in course_panel(course, user)["steps"]]  # noqa: E731
    assert urls(visitator) == [reverse("decisions:draft", args=[course.pk])]
    assert urls(therapist) == []
    assert reverse("decisions:issue", args=[course.pk]) in urls(randers_authority)
    services.decision_draft_save(course=course, by=visitator, send=True, outcome="grant")
    with django_assert_max_num_queries(4):
        panel = course_panel(course, randers_authority)
    assert panel["draft"] is not None
    decide(course, randers_authority, "grant")
    course.refresh_from_db()
    assert course_panel(course, randers_authority)["steps"] == []
