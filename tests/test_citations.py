"""Sources in Danish legal notation, as staff and citizens read them (issue 9/10)."""

import pytest

from forlob.citations import danish_citation, law_citation


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("SEL §101(4)", "servicelovens § 101, stk. 4"),
        ("SEL §101(9–11)", "servicelovens § 101, stk. 9–11"),
        ("SEL §101a(2)", "servicelovens § 101a, stk. 2"),
        ("SUL §142(1–2)", "sundhedslovens § 142, stk. 1–2"),
        ("FVL §23", "forvaltningslovens § 23"),
        ("RSL §66(1)", "retssikkerhedslovens § 66, stk. 1"),
        ("Barnets lov §133", "barnets lovs § 133"),
        ("BEK 1477 §4(2)", "§ 4, stk. 2 i bekendtgørelse nr. 1477 af 17. december 2019"),
        ("BEK 1477 §4(1) nr. 8", "§ 4, stk. 1, nr. 8 i bekendtgørelse nr. 1477 af 17. december 2019"),
        ("G3.12.1", "de nationale retningslinjer, anvisning 3.12.1"),
        ("kvalitetsstandard", "kommunens kvalitetsstandard"),
    ],
)
def test_each_kind_of_source_in_danish_notation(source, expected):
    assert danish_citation(source) == expected


def test_the_main_text_names_the_laws_and_leaves_the_guideline_to_the_details():
    assert law_citation("SEL §101(4); G3.4.1") == "servicelovens § 101, stk. 4"
    assert danish_citation("SEL §101(4); G3.4.1") == (
        "servicelovens § 101, stk. 4; de nationale retningslinjer, anvisning 3.4.1"
    )


def test_a_guideline_alone_is_still_named():
    assert law_citation("G3.10.3") == "de nationale retningslinjer, anvisning 3.10.3"


def test_an_unknown_source_is_shown_as_written():
    assert danish_citation("Odsherred") == "Odsherred"
    assert law_citation("") == ""
