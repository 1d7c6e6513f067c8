"""Legal sources as staff and citizens read them: "SEL §101(4)" becomes "servicelovens § 101, stk. 4".

Rules and deadlines keep compact source codes (``SEL §101(4); G3.4.1``) so that code and tests
can cite them; pages show the Danish legal notation of the laws, and the national guidelines by
their number, with the compact code one click away (``<details>``). Pure.

Danish notation: the statute in the genitive before the paragraph ("servicelovens § 101, stk. 4"),
a space after the section sign and before a section's letter ("§ 101 a"); an executive order after
the paragraph ("§ 4, stk. 2 i bekendtgørelse nr. 1477 ..."). Barnets lov keeps its name
undeclined ("barnets lov § 133"), as the Social Ministry writes it.
"""

import re

# The abbreviation in our source codes -> the law's name as Danish legal text cites it before "§".
LAWS = {
    "SEL": "servicelovens",
    "SUL": "sundhedslovens",
    "FVL": "forvaltningslovens",
    "RSL": "retssikkerhedslovens",
    "BL": "barnets lov",
    "Barnets lov": "barnets lov",
    "OFL": "offentlighedslovens",
    "Offentlighedsloven": "offentlighedslovens",
    "CPR-loven": "CPR-lovens",
    "CPRL": "CPR-lovens",
    "BEK 1477": "bekendtgørelse nr. 1477 af 17. december 2019",
}
# Executive orders are cited after the paragraph ("§ 4, stk. 2 i bekendtgørelse ...").
_AFTER = {"BEK 1477"}
# A source that has moved: the old paragraph is shown as the one in force, naming the old one.
MOVED = {
    # Barnets lov §133 replaced SEL §153 on 1 January 2024 (the duty to notify).
    ("SEL", "153"): "barnets lov § 133 (tidligere servicelovens § 153)",
}
_LAW_NAMES = "|".join(re.escape(name) for name in sorted(LAWS, key=len, reverse=True))
_PARAGRAPH = re.compile(
    rf"^(?P<law>{_LAW_NAMES})\s*(?P<signs>§§?)\s*(?P<section>\d+\s?[a-z]?(?:\s*[–-]\s*\d+\s?[a-z]?)?)"
    r"(?:\((?P<subsection>[\d–\-]+)\))?(?:\s*nr\.\s*(?P<number>\d+))?(?P<rest>.*)$",
    re.IGNORECASE,
)
_GDPR = re.compile(r"^(?:GDPR|DBF)\s*art(?:\.|ikel)?\s*(?P<article>\d+)(?:\((?P<paragraph>\d+)\))?(?P<rest>.*)$")
# References to the repository itself (a file, a seed line) are never shown on a page.
_INTERNAL = re.compile(r"\.(md|py|json|ya?ml)\b|\bseed\b|\blines?\s+\d", re.IGNORECASE)
_GUIDELINE = re.compile(r"^G(?P<number>\d+(?:\.\d+)*)(?P<rest>.*)$")
_ANKESTYRELSEN = re.compile(r"^(?:Ankestyrelsen|AST)\s+(?P<number>\d+-\d+)(?P<rest>.*)$")


def _section(text: str) -> str:
    """ "101a" -> "101 a"; "22–25" stays a range."""
    text = re.sub(r"\s*([–-])\s*", "–", text.strip())
    return re.sub(r"(\d)\s?([a-z])\b", r"\1 \2", text)


_FORMERLY = re.compile(r"^\s*[,(]?\s*formerly\s+(?P<old>[^)]+?)\)?\s*$", re.IGNORECASE)


def _rest(rest: str) -> str:
    """What follows a paragraph: ", formerly SEL §153" -> " (tidligere servicelovens § 153)"."""
    formerly = _FORMERLY.match(rest)
    if formerly:
        return f" (tidligere {_one(formerly['old'], moved=False)})"
    return rest


def _law_key(name: str) -> str:
    return next(key for key in LAWS if key.lower() == name.lower())


def _one(part: str, moved: bool = True) -> str:
    part = part.strip()
    paragraph = _PARAGRAPH.match(part)
    if paragraph:
        key = _law_key(paragraph["law"])
        now = MOVED.get((key, paragraph["section"].strip())) if moved else None
        if now and not paragraph["subsection"]:
            return now + ("" if _FORMERLY.match(paragraph["rest"]) else paragraph["rest"])
        text = f"{paragraph['signs']} {_section(paragraph['section'])}"
        if paragraph["subsection"]:
            text += f", stk. {paragraph['subsection'].replace('-', '–')}"
        if paragraph["number"]:
            text += f", nr. {paragraph['number']}"
        text = f"{text} i {LAWS[key]}" if key in _AFTER else f"{LAWS[key]} {text}"
        return text + _rest(paragraph["rest"])
    gdpr = _GDPR.match(part)
    if gdpr:
        text = f"databeskyttelsesforordningens artikel {gdpr['article']}"
        if gdpr["paragraph"]:
            text += f", stk. {gdpr['paragraph']}"
        return text + gdpr["rest"]
    ankestyrelsen = _ANKESTYRELSEN.match(part)
    if ankestyrelsen:
        return f"Ankestyrelsens principmeddelelse {ankestyrelsen['number']}{ankestyrelsen['rest']}"
    guideline = _GUIDELINE.match(part)
    if guideline:
        return f"de nationale retningslinjer, anvisning {guideline['number']}{guideline['rest']}"
    if part == "kvalitetsstandard":
        return "kommunens kvalitetsstandard"
    return part


def _parts(source: str) -> list[str]:
    """The parts of a compact source, without references to the repository's own files."""
    return [p.strip() for p in source.split(";") if p.strip() and not _INTERNAL.search(p)]


def danish_citation(source: str) -> str:
    """Every part of ``source`` (parts separated by ";") in Danish legal notation.

    >>> danish_citation("SEL §101(4); G3.4.1")
    'servicelovens § 101, stk. 4; de nationale retningslinjer, anvisning 3.4.1'
    """
    texts: list[str] = []
    guidelines: list[str] = []  # consecutive guideline numbers, named once: "anvisning 3.4.3 og 3.5.2"
    for part in [*_parts(source), ""]:
        guideline = _GUIDELINE.match(part)
        if guideline and not guideline["rest"].strip():
            guidelines.append(guideline["number"])
            continue
        if guidelines:
            numbers = guidelines[0] if len(guidelines) == 1 else f"{', '.join(guidelines[:-1])} og {guidelines[-1]}"
            texts.append(f"de nationale retningslinjer, anvisning {numbers}")
            guidelines = []
        if part:
            texts.append(_one(part))
    return "; ".join(texts)


def law_citation(source: str) -> str:
    """The laws of ``source`` only, in Danish notation (the guideline numbers left to the details);
    the guidelines if ``source`` cites nothing else."""
    parts = _parts(source)
    laws = [p for p in parts if not _GUIDELINE.match(p)]
    return danish_citation("; ".join(laws or parts))


_IN_TEXT = re.compile(
    rf"\b(?:{_LAW_NAMES})\s*§§?\s*\d+[a-z]?\b(?:\s*[–-]\s*\d+[a-z]?\b)?(?:\([\d–\-]+\))?(?:\s*nr\.\s*\d+)?",
)


def danish_text(text: str) -> str:
    """Running text (a standard's local practice, an offer's description) with its compact legal
    references in Danish notation: "efter SEL §107 og §101a" -> "efter servicelovens § 107 og § 101 a".

    >>> danish_text("Opholdet bevilges efter SEL §107 og behandlingen efter §101.")
    'Opholdet bevilges efter servicelovens § 107 og behandlingen efter § 101.'
    """
    text = _IN_TEXT.sub(lambda match: _one(match.group(0)), text or "")
    return re.sub(r"§(§?)\s*(\d+)([a-z])?\b", lambda m: f"§{m[1]} {m[2]}" + (f" {m[3]}" if m[3] else ""), text)
