"""Sources in Danish legal notation, as staff and citizens read them (issue 9/10)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from forlob.citations import danish_citation, law_citation


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("SEL §101(4)", "servicelovens § 101, stk. 4"),
        ("SEL §101(9–11)", "servicelovens § 101, stk. 9–11"),
        ("SEL §101a(2)", "servicelovens § 101 a, stk. 2"),
        ("SEL §101a", "servicelovens § 101 a"),
        ("SEL §3(2)", "servicelovens § 3, stk. 2"),
        ("SEL §10", "servicelovens § 10"),
        ("SUL §141(2)", "sundhedslovens § 141, stk. 2"),
        ("SUL §142(1–2)", "sundhedslovens § 142, stk. 1–2"),
        ("FVL §23", "forvaltningslovens § 23"),
        ("FVL §24(2)", "forvaltningslovens § 24, stk. 2"),
        ("FVL §§22–25", "forvaltningslovens §§ 22–25"),
        ("RSL §66(1)", "retssikkerhedslovens § 66, stk. 1"),
        ("RSL §§66–67", "retssikkerhedslovens §§ 66–67"),
        ("Barnets lov §133", "barnets lov § 133"),
        ("BL §133", "barnets lov § 133"),
        ("OFL §13", "offentlighedslovens § 13"),
        ("Offentlighedsloven §13", "offentlighedslovens § 13"),
        ("CPR-loven §5", "CPR-lovens § 5"),
        ("GDPR art. 15", "databeskyttelsesforordningens artikel 15"),
        ("Ankestyrelsen 23-18", "Ankestyrelsens principmeddelelse 23-18"),
        ("BEK 1477 §4(2)", "§ 4, stk. 2 i bekendtgørelse nr. 1477 af 17. december 2019"),
        ("BEK 1477 §4(1) nr. 8", "§ 4, stk. 1, nr. 8 i bekendtgørelse nr. 1477 af 17. december 2019"),
        ("G3.12.1", "de nationale retningslinjer, anvisning 3.12.1"),
        ("kvalitetsstandard", "kommunens kvalitetsstandard"),
    ],
)
def test_each_kind_of_source_in_danish_notation(source, expected):
    assert danish_citation(source) == expected


@pytest.mark.parametrize(
    "source",
    ["SEL §153", "Barnets lov §133, formerly SEL §153", "Barnets lov §133 (formerly SEL §153)"],
)
def test_the_duty_to_notify_rests_on_barnets_lov_and_names_the_old_paragraph(source):
    # Barnets lov §133 replaced SEL §153 on 1 January 2024 (DOMAIN.md §6).
    assert danish_citation(source) == "barnets lov § 133 (tidligere servicelovens § 153)"


def test_the_main_text_names_the_laws_and_leaves_the_guideline_to_the_details():
    assert law_citation("SEL §101(4); G3.4.1") == "servicelovens § 101, stk. 4"
    assert danish_citation("SEL §101(4); G3.4.1") == (
        "servicelovens § 101, stk. 4; de nationale retningslinjer, anvisning 3.4.1"
    )
    assert law_citation("SEL §153; G3.5.9") == "barnets lov § 133 (tidligere servicelovens § 153)"


def test_a_guideline_alone_is_still_named():
    assert law_citation("G3.10.3") == "de nationale retningslinjer, anvisning 3.10.3"


def test_an_unknown_source_is_shown_as_written():
    assert danish_citation("Odsherred") == "Odsherred"
    assert law_citation("") == ""


def _sources_in_the_code():
    """Every compact source string the code hands to the citation filters: ``source="..."`` arguments,
    ``SOURCE(S) = "..."`` constants and the literals templates pass to ``|legal`` / ``|legal_full``."""
    root = Path(settings.BASE_DIR)
    found = set()
    skip = {".venv", "tests", "migrations", "node_modules", "var"}
    for path in root.rglob("*"):
        if skip & set(path.relative_to(root).parts) or path.suffix not in {".py", ".html"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found.update(re.findall(r'\bsource\s*[:=]\s*(?:str\s*=\s*)?"([^"]+)"', text))
        found.update(re.findall(r'\b[A-Z_]*SOURCES?\s*=\s*"([^"]+)"', text))
        found.update(re.findall(r'"([^"]+)"\s*\|\s*legal(?:_full)?\b', text))
    return sorted(found)


def test_every_source_the_code_cites_reads_as_danish():
    sources = _sources_in_the_code()
    assert len(sources) > 10  # the scan finds the rules' sources
    for source in sources:
        text = danish_citation(source)
        # No compact code is left: no "SEL", no "§101", no "(4)" after a paragraph, no guideline code.
        assert not re.search(r"\b(SEL|SUL|FVL|RSL|OFL|BL|BEK)\b", text), (source, text)
        assert not re.search(r"§\d", text), (source, text)
        assert not re.search(r"\bG\d+\.\d", text), (source, text)
        assert "formerly" not in text, (source, text)


@pytest.mark.parametrize("source", ["DOMAIN.md §1", "seed lines 12-14", "standards/seed.py"])
def test_references_to_the_repository_itself_are_never_shown(source):
    assert danish_citation(source) == ""
    assert law_citation(source) == ""
    assert danish_citation(f"SEL §101(4); {source}") == "servicelovens § 101, stk. 4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Opholdet bevilges efter SEL §107 og behandlingen efter §101.",
            "Opholdet bevilges efter servicelovens § 107 og behandlingen efter § 101.",
        ),
        ("efter SUL §§141-142 kan", "efter sundhedslovens §§ 141–142 kan"),
        ("Anonym stofmisbrugsbehandling (SEL § 101a)", "Anonym stofmisbrugsbehandling (servicelovens § 101 a)"),
        ("servicelovens § 101, stk. 3", "servicelovens § 101, stk. 3"),
        ("Ingen henvisning her.", "Ingen henvisning her."),
    ],
)
def test_running_text_gets_danish_notation(text, expected):
    from forlob.citations import danish_text

    assert danish_text(text) == expected


def test_guidelines_in_a_row_are_named_once():
    assert danish_citation("G3.4.3; G3.5.2") == "de nationale retningslinjer, anvisning 3.4.3 og 3.5.2"
    assert danish_citation("G3.11.1; G3.11.2; G3.11.3; BEK 1477 §4(2)") == (
        "de nationale retningslinjer, anvisning 3.11.1, 3.11.2 og 3.11.3; "
        "§ 4, stk. 2 i bekendtgørelse nr. 1477 af 17. december 2019"
    )
    assert law_citation("G3.4.3; G3.5.2") == "de nationale retningslinjer, anvisning 3.4.3 og 3.5.2"
