"""The decision letter: what it says for each outcome, read from the HTML before it becomes a PDF."""

import datetime
import re

import pytest

from decisions import letters
from organisations.models import Role
from standards.models import StandardOffer
from tests.conftest import staff

from .conftest import assessed_course, decide, requested_course

pytestmark = pytest.mark.django_db


def sections(html: str) -> set[str]:
    return set(re.findall(r'data-section="([a-z_]+)"', html))


def deadline_text(html: str) -> str:
    return re.search(r'data-section="complaint_deadline">(.*?)</p>', html, re.S).group(1)


def test_a_refusal_letter_carries_complaint_guidance_with_the_concrete_date_and_route(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert {"reasons", "legal_basis", "considerations", "key_facts", "other_help", "complaint_guidance"} <= sections(
        html
    )
    assert not {"offer", "free_choice", "implementation", "purpose", "outside_law"} & sections(html)
    guidance = re.search(r'data-section="complaint_guidance">(.*?)</section>', html, re.S).group(1)
    assert "Rusmiddelcenter Randers" in guidance  # the standard's route for decisions ...
    assert "Ankestyrelsen" in guidance  # ... and where an upheld decision goes


def test_a_letter_made_weeks_after_the_decision_is_dated_and_counts_from_that_day(course, randers_authority):
    """Decided 9 February; the letter is made on 16 March (today): its deadline runs from 16 March,
    not from the decision, so it never states a deadline that has already passed."""
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert re.search(r'data-section="date">[^<]*16\. marts 2026', html)
    assert "16. marts 2026" in deadline_text(html) and "13. april 2026" in deadline_text(html)
    assert "9. marts 2026" not in html


def test_a_deadline_ending_on_a_saturday_runs_to_monday_and_the_letter_says_why(course, randers_authority):
    decision = decide(course, randers_authority, "refusal")
    html = letters.letter_html(decision, dated_on=datetime.date(2026, 2, 28))  # + 4 weeks = Saturday 28 March
    assert "senest den 30. marts 2026" in deadline_text(html)
    moved = re.search(r'data-section="deadline_moved">(.*?)</span>', html, re.S).group(1)
    assert "28. marts 2026" in moved and "30. marts 2026" in moved


def test_a_letter_by_post_counts_from_the_day_it_is_taken_as_received(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"), channel="post")
    assert "Modtager du brevet den 23. marts 2026" in deadline_text(html)  # fifth working day after 16 March
    assert "20. april 2026" in deadline_text(html)


def test_a_refusal_outside_the_law_says_no_assessment_was_made(frozen_today, randers_centre, randers_authority):
    course = requested_course(randers_centre, randers_authority)
    html = letters.letter_html(decide(course, randers_authority, "refusal", refused_outside_law=True))
    assert "2. februar 2026" in re.search(r'data-section="outside_law">(.*?)</p>', html, re.S).group(1)
    assert "vurderet din situation sammen med dig" not in html  # no assessment is claimed


def test_a_full_grant_letter_has_free_choice_and_no_complaint_guidance(course, randers_authority):
    tier = StandardOffer.objects.get(standard=course.request.standard, name="Gruppebehandling")
    decision = decide(course, randers_authority, "grant", intensity_tier=tier)
    html = letters.letter_html(decision)
    assert {"offer", "implementation", "purpose", "free_choice", "free_choice_guarantee"} <= sections(html)
    assert not {"complaint_guidance", "complaint_deadline", "reasons", "other_help"} & sections(html)
    assert "Gruppebehandling" in html and "Rusmiddelcenter Randers" in html
    assert "Individuelle samtaler hver anden uge i centret." in html  # how it is carried out (SEL §3(2))
    assert "14" in re.search(r'data-section="free_choice_guarantee">(.*?)</p>', html, re.S).group(1)
    # The free-choice paragraphs cite the law in Danish, in the citizen's language, no English left.
    assert "(servicelovens § 101, stk. 5)" in html and "(servicelovens § 101, stk. 6)" in html
    assert "Social Services Act" not in html


def test_a_partial_grant_letter_has_both_the_offer_and_the_complaint_guidance(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "partial"))
    assert {"offer", "free_choice", "reasons", "complaint_guidance", "complaint_deadline"} <= sections(html)


def test_the_letter_names_and_addresses_the_citizen_but_never_prints_the_cpr_number(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    citizen = course.citizen
    name = re.search(r'data-section="citizen">(.*?)</section>', html, re.S).group(1)
    address = re.search(r'data-section="recipient_address">(.*?)</section>', html, re.S).group(1)
    assert "Bo Fiktivsen" in name and "Vestergade 1" in address and "8900 Randers C" in address
    assert citizen.cpr not in html and citizen.cpr[6:] not in html
    sender = re.search(r'data-section="sender">(.*?)</section>', html, re.S).group(1)
    assert "Randers Kommune" in sender and "Rusmiddelcenter Randers" in sender


def test_the_letter_is_rendered_in_danish_whatever_the_users_language(course, randers_authority):
    from django.utils import translation

    with translation.override("en"):
        html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert '<html lang="da">' in html
    assert "16. marts 2026" in html  # Danish month names, day first


def test_an_oral_refusal_letter_says_it_gives_the_reasons_in_writing(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal", form="oral"))
    assert "oral" in sections(html) and "complaint_guidance" in sections(html)


def test_odsherreds_letter_uses_odsherreds_route_and_sends_medical_complaints_to_the_patient_authority(
    frozen_today, odsherred_centre
):
    authority = staff(odsherred_centre, Role.AUTHORITY, username="odsherred-myndighed")
    course = assessed_course(odsherred_centre, authority, kind="medical")
    html = letters.letter_html(decide(course, authority, "refusal"))
    guidance = re.search(r'data-section="complaint_guidance">(.*?)</section>', html, re.S).group(1)
    assert "Odsherred Kommune" in guidance and "Ankestyrelsen" in guidance
    assert "Styrelsen for Patientsikkerhed" in re.search(r'data-section="medical_complaints">(.*?)</p>', html).group(1)
    assert "sundhedslovens § 142" in html and "retssikkerhedsloven" not in deadline_text(html)


def test_the_letter_promises_the_re_assessment_period_the_deadline_engine_uses(course, randers_authority):
    standard = course.request.standard
    standard.complaint_reassessment_weeks = 6  # slower than the law: the law's 4 weeks govern
    standard.save()
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert "inden for 4 uger" in re.search(r'data-section="complaint_route">(.*?)</p>', html, re.S).group(1)


def test_a_longer_local_complaint_period_is_told_with_its_date(course, randers_authority):
    standard = course.request.standard
    standard.complaint_deadline_weeks = 6
    standard.save()
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert "27. april 2026" in deadline_text(html)  # 16 March + 6 weeks


def test_the_pdf_is_a_pdf(course, randers_authority):
    content = letters.letter_content(
        decide(course, randers_authority, "grant"), dated_on=datetime.date(2026, 3, 16), channel="digital_post"
    )
    assert letters.render_pdf(content).startswith(b"%PDF")


def test_the_letter_reads_in_danish(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert "Afgørelse: Afslag på behandling" in html
    assert "Klagevejledning" in html
    assert "skal vi have din klage senest den 13. april 2026" in html
    assert "retssikkerhedslovens § 67" in html


ENGLISH = re.compile(r"\b(the|and|you|your|of|to|is|Act|under|within|treatment|decision|complaint)\b")


@pytest.mark.parametrize("outcome", ["grant", "partial", "refusal"])
def test_no_english_is_left_in_any_letter(course, randers_authority, outcome):
    html = letters.letter_html(decide(course, randers_authority, outcome))
    text = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
    assert not ENGLISH.findall(text), sorted(set(ENGLISH.findall(text)))
