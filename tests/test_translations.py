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
    compiled_ids = {key if isinstance(key, str) else key[0] for key in catalogue._catalog}
    assert source_ids <= compiled_ids, "run `make messages` to compile locale/da"
