"""The decision letter: what it says for each outcome, read from the HTML before it becomes a PDF."""

import datetime
import re

import pytest

from decisions import letters
from organisations.models import Role
from standards.models import StandardOffer
from tests.conftest import staff

from .conftest import assessed_course, decide

pytestmark = pytest.mark.django_db


def sections(html: str) -> set[str]:
    return set(re.findall(r'data-section="([a-z_]+)"', html))


def test_a_refusal_letter_carries_complaint_guidance_with_the_concrete_date_and_route(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert {"reasons", "legal_basis", "considerations", "key_facts", "other_help", "complaint_guidance"} <= sections(
        html
    )
    assert not {"offer", "free_choice", "implementation", "purpose"} & sections(html)
    deadline = re.search(r'data-section="complaint_deadline">(.*?)</p>', html, re.S).group(1)
    # Decided (and dated) 9 February 2026; 4 weeks from receipt that day is 9 March 2026.
    assert "9. februar 2026" in deadline and "9. marts 2026" in deadline
    guidance = re.search(r'data-section="complaint_guidance">(.*?)</section>', html, re.S).group(1)
    assert "Rusmiddelcenter Randers" in guidance  # the standard's route for decisions ...
    assert "Ankestyrelsen" in guidance  # ... and where an upheld decision goes


def test_a_full_grant_letter_has_free_choice_and_no_complaint_guidance(course, randers_authority):
    tier = StandardOffer.objects.get(standard=course.request.standard, name="Gruppebehandling")
    decision = decide(course, randers_authority, "grant", intensity_tier=tier)
    html = letters.letter_html(decision)
    assert {"offer", "implementation", "purpose", "free_choice", "free_choice_guarantee"} <= sections(html)
    assert not {"complaint_guidance", "complaint_deadline", "reasons", "other_help"} & sections(html)
    assert "Gruppebehandling" in html and "Rusmiddelcenter Randers" in html
    assert "Individuelle samtaler hver anden uge i centret." in html  # how it is carried out (SEL §3(2))
    assert "14" in re.search(r'data-section="free_choice_guarantee">(.*?)</p>', html, re.S).group(1)


def test_a_partial_grant_letter_has_both_the_offer_and_the_complaint_guidance(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "partial"))
    assert {"offer", "free_choice", "reasons", "complaint_guidance", "complaint_deadline"} <= sections(html)


def test_the_letter_names_and_addresses_the_citizen_but_never_prints_the_cpr_number(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    citizen = course.citizen
    recipient = re.search(r'data-section="recipient">(.*?)</section>', html, re.S).group(1)
    assert "Bo Fiktivsen" in recipient and "Vestergade 1" in recipient and "8900 Randers C" in recipient
    assert citizen.cpr not in html and citizen.cpr[6:] not in html
    sender = re.search(r'data-section="sender">(.*?)</section>', html, re.S).group(1)
    assert "Randers Kommune" in sender and "Rusmiddelcenter Randers" in sender


def test_the_letter_is_rendered_in_danish_whatever_the_users_language(course, randers_authority):
    from django.utils import translation

    with translation.override("en"):
        html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert '<html lang="da">' in html
    assert "9. februar 2026" in html  # Danish month names, day first


def test_an_oral_refusal_letter_says_it_gives_the_reasons_in_writing(course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal", form="oral"))
    assert "oral" in sections(html) and "complaint_guidance" in sections(html)


def test_odsherreds_letter_uses_odsherreds_route_and_re_assessment_period(frozen_today, odsherred_centre):
    authority = staff(odsherred_centre, Role.AUTHORITY, username="odsherred-myndighed")
    course = assessed_course(odsherred_centre, authority)
    html = letters.letter_html(decide(course, authority, "refusal"))
    guidance = re.search(r'data-section="complaint_guidance">(.*?)</section>', html, re.S).group(1)
    assert "Odsherred Kommune" in guidance and "Ankestyrelsen" in guidance
    assert "4" in re.search(r'data-section="complaint_route">(.*?)</p>', html, re.S).group(1)


def test_a_longer_local_complaint_period_is_told_with_its_date(course, randers_authority):
    standard = course.request.standard
    standard.complaint_deadline_weeks = 6
    standard.save()
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    deadline = re.search(r'data-section="complaint_deadline">(.*?)</p>', html, re.S).group(1)
    assert "23. marts 2026" in deadline  # 9 February + 6 weeks
    assert datetime.date(2026, 2, 9) + datetime.timedelta(weeks=6) == datetime.date(2026, 3, 23)


def test_the_pdf_is_a_pdf(course, randers_authority):
    assert letters.render_decision_letter(decide(course, randers_authority, "grant")).startswith(b"%PDF")


@pytest.fixture
def danish_catalogue(tmp_path, settings):
    """The project's Danish catalogue, plus decisions/translations_da.po while it awaits merging."""
    import shutil
    import subprocess
    from pathlib import Path

    pending = Path(settings.BASE_DIR) / "decisions" / "translations_da.po"
    if pending.exists():
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            pytest.skip("msgfmt (GNU gettext) is needed to compile the pending translations")
        target = tmp_path / "da" / "LC_MESSAGES"
        target.mkdir(parents=True)
        subprocess.run([msgfmt, "-o", str(target / "django.mo"), str(pending)], check=True)
        settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


def test_the_letter_reads_in_danish(danish_catalogue, course, randers_authority):
    html = letters.letter_html(decide(course, randers_authority, "refusal"))
    assert "Afgørelse: Afslag på behandling" in html
    assert "Klagevejledning" in html
    assert "skal vi have din klage senest den 9. marts 2026" in html
    assert "retssikkerhedsloven § 67" in html
