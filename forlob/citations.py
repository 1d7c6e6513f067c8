"""Legal sources as staff and citizens read them: "SEL §101(4)" becomes "servicelovens § 101, stk. 4".

Rules and deadlines keep compact source codes (``SEL §101(4); G3.4.1``) so that code and tests
can cite them; pages show the Danish legal notation of the laws, and the national guidelines by
their number, with the compact code one click away (``<details>``). Pure.
"""

import re

# The abbreviation in our source codes -> the law's name in the genitive, as Danish legal text cites it.
LAWS = {
    "SEL": "servicelovens",
    "SUL": "sundhedslovens",
    "FVL": "forvaltningslovens",
    "RSL": "retssikkerhedslovens",
    "BL": "barnets lovs",
    "OFL": "offentlighedslovens",
    "BEK 1477": "bekendtgørelse nr. 1477 af 17. december 2019",
}
_PARAGRAPH = re.compile(
    r"^(?P<law>SEL|SUL|FVL|RSL|BL|OFL|BEK 1477|Barnets lov)\s*§\s*(?P<section>\d+[a-z]?)"
    r"(?:\((?P<subsection>[\d–\-]+)\))?(?:\s*nr\.\s*(?P<number>\d+))?(?P<rest>.*)$"
)
_GUIDELINE = re.compile(r"^G(?P<number>\d+(?:\.\d+)*)(?P<rest>.*)$")


def _one(part: str) -> str:
    part = part.strip()
    paragraph = _PARAGRAPH.match(part)
    if paragraph:
        law = "barnets lovs" if paragraph["law"] == "Barnets lov" else LAWS[paragraph["law"]]
        text = f"§ {paragraph['section']}"
        if paragraph["subsection"]:
            text += f", stk. {paragraph['subsection']}"
        if paragraph["number"]:
            text += f", nr. {paragraph['number']}"
        # A statute in the genitive before the paragraph; an executive order after it ("i ...").
        text = f"{text} i {law}" if paragraph["law"] == "BEK 1477" else f"{law} {text}"
        return text + paragraph["rest"]
    guideline = _GUIDELINE.match(part)
    if guideline:
        return f"de nationale retningslinjer, anvisning {guideline['number']}{guideline['rest']}"
    if part == "kvalitetsstandard":
        return "kommunens kvalitetsstandard"
    return part


def danish_citation(source: str) -> str:
    """Every part of ``source`` (parts separated by ";") in Danish legal notation.

    >>> danish_citation("SEL §101(4); G3.4.1")
    'servicelovens § 101, stk. 4; de nationale retningslinjer, anvisning 3.4.1'
    """
    return "; ".join(_one(part) for part in source.split(";") if part.strip())


def law_citation(source: str) -> str:
    """The laws of ``source`` only, in Danish notation (the guideline numbers left to the details);
    the guidelines if ``source`` cites nothing else."""
    parts = [p.strip() for p in source.split(";") if p.strip()]
    laws = [p for p in parts if not _GUIDELINE.match(p)]
    return danish_citation("; ".join(laws or parts))
