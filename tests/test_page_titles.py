"""Every page's title is plain text: a <title> holding markup (a block left open) reads as noise
to a screen reader and in the browser's tab (WCAG 2.4.2, page titled)."""

import re
from pathlib import Path

from django.conf import settings

TITLE = re.compile(r"\{% block title %\}(.*?)\{% endblock", re.S)


def test_no_title_block_holds_markup_or_runs_on():
    templates = [p for p in Path(settings.BASE_DIR).glob("*/templates/**/*.html") if ".venv" not in p.parts]
    templates += list(Path(settings.BASE_DIR, "templates").glob("**/*.html"))
    wrong = []
    for path in templates:
        for title in TITLE.findall(path.read_text()):
            if "<" in title or len(title) > 200:
                wrong.append(str(path.relative_to(settings.BASE_DIR)))
    assert not wrong, wrong
