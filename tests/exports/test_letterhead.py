"""The citizen's copy has the documents' letterhead: the municipality named once, no address (issue 10)."""

import re

import pytest

from exports import documents

pytestmark = pytest.mark.django_db


def test_the_copy_names_the_municipality_once_and_the_centre_in_the_letterhead(bo):
    html = documents.copy_html(bo, full_cpr=False)
    opening = html.split('data-section="purposes"')[0]  # letterhead, title and the opening sentence
    assert opening.count("Randers Kommune") == 1
    head = re.search(r'<div class="head">.*?</div>', html, re.S).group(0)
    assert "Rusmiddelcenter Randers" in head and "Randers Kommune" in head
    assert bo.first_name in head


def test_the_letterhead_shows_no_address_of_the_citizen(bo):
    bo.address = "Hemmeligvej 7"
    bo.save(update_fields=["address"])
    head = re.search(r'<div class="head">.*?</div>', documents.copy_html(bo, full_cpr=False), re.S).group(0)
    assert "Hemmeligvej" not in head


def test_the_copy_carries_no_style_of_its_own(bo):
    assert "<style" not in documents.copy_html(bo, full_cpr=False)
