"""Everything a user sees is in Danish: the catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_no_message_is_untranslated_or_fuzzy():
    text = PO.read_text()
    entries = text.split("\n\n")[1:]  # the first block is the header
    # An empty msgstr not followed by a continuation line ("...") is an untranslated message.
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""\n(?!")', e.strip() + "\n", re.M)]
    assert untranslated == []
    assert "#, fuzzy" not in text


def test_the_compiled_catalogue_matches_the_source():
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    source_ids = set(re.findall(r'^msgid "(.+)"$', PO.read_text(), re.M))
    # A msgid with a context (msgctxt) is compiled as "context\x04msgid".
    compiled_ids = {(key if isinstance(key, str) else key[0]).split("\x04")[-1] for key in catalogue._catalog}
    assert source_ids <= compiled_ids, "run `make messages` to compile locale/da"


def _translations():
    """(msgid, msgstr) pairs of the catalogue, continuation lines joined."""
    pairs = []
    for entry in PO.read_text().split("\n\n")[1:]:
        fields, current = {}, None
        for line in entry.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match[1]
                fields[current] = match[2]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
            else:
                current = None
        pairs += [(fields.get("msgid", ""), v) for k, v in fields.items() if k.startswith("msgstr")]
    return pairs


def test_the_danish_text_cites_laws_in_danish_notation():
    """ "servicelovens § 101, stk. 4", never the compact "SEL §101(4)" or a guideline code (issue 10)."""
    for msgid, msgstr in _translations():
        assert not re.search(r"\b(SEL|SUL|FVL|RSL|OFL)\b|§\d|\biht\.", msgstr), msgid
        assert not re.search(r"\bG\d+\.\d", msgstr), msgid
        assert "§ 153" not in msgstr or "tidligere" in msgstr, msgid  # the duty to notify: barnets lov § 133


def test_the_danish_text_uses_danish_quotation_marks():
    for msgid, msgstr in _translations():
        assert not re.search(r"[“”„]|\\\"", msgstr), msgid


def test_no_danish_text_names_a_municipality_or_the_repository():
    """Help text must not tell a Randers user what Mariagerfjord does; no file names or internal names."""
    for msgid, msgstr in _translations():
        assert not re.search(r"Mariagerfjord|Odsherred|Randers|Fredericia|\.md\b|\.py\b|rules\.", msgstr), msgid


def test_the_catalogue_is_valid_for_msgfmt():
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:  # pragma: no cover - gettext tools are in the dev image
        return
    subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(PO)], check=True)
