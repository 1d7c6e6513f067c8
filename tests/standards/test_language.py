"""The standard's pages read as Danish staff and citizens read them: no seed lines, no compact codes (issue 10)."""

import re

import pytest
from django.urls import reverse

from standards.display import document_quotes
from standards.models import QualityStandard
from tests.conftest import staff

pytestmark = pytest.mark.django_db

CODES = ("730", "607", "846", "306")


def _visible_main_text(html: str) -> str:
    """The page's text outside <details> (what a reader sees before asking for the source)."""
    html = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("code", CODES)
def test_the_staff_page_shows_the_standards_own_words_never_the_seed(code, as_user, randers_centre):
    standard = QualityStandard.objects.get(municipality__code=code)
    centre = standard.municipality.centres.first()
    manager = staff(centre, "manager", username=f"leder-{code}")
    html = as_user(manager).get(reverse("standards:detail", args=[standard.pk])).content.decode()
    assert "seed" not in html.lower()
    assert not re.search(r"\blines? \d", html)
    text = _visible_main_text(html)
    assert not re.search(r"\b(SEL|SUL|FVL|RSL)\b|§\d", text), re.findall(r".{30}(?:SEL|SUL|§\d).{30}", text)
    assert not re.search(r"\bG\d+\.\d", text)
    # The quotations are there, on demand.
    assert "»" in html and "<details" in html


@pytest.mark.parametrize("code", CODES)
def test_the_public_page_has_no_internal_references(code, client):
    html = client.get(reverse("public:public", args=[code])).content.decode()
    assert "seed" not in html.lower()
    assert not re.search(r"\b(SEL|SUL|FVL|RSL)\b|§\d|\bG\d+\.\d", _visible_main_text(html))


def test_the_quotes_are_taken_from_the_seed_citation():
    citation = "seed 000 lines 339-341: «Der er en behandlingsgaranti»; line 5: «14 dage»"
    assert document_quotes(citation) == ["Der er en behandlingsgaranti", "14 dage"]
    assert document_quotes("(law text reprinted in seed) seed 000 line 507: «§ 101 a»") == ["§ 101 a"]
    assert document_quotes("") == []
