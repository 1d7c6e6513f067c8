"""No template carries script the Content-Security-Policy would block (or that it exists to block).

script-src is 'self' only: an inline <script> body, an on*= event handler or a javascript: URL
would not run in the browser, so none may be written. style-src is 'self' too: no style
attribute and no <style> element in a page, except in the templates WeasyPrint turns into PDF
documents (never served to a browser).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

DJANGO_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL)
DJANGO_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


def template_files() -> list[Path]:
    files = [*BASE_DIR.glob("templates/**/*"), *BASE_DIR.glob("*/templates/**/*")]
    return sorted(path for path in files if path.is_file() and ".venv" not in path.parts)


def markup(source: str) -> str:
    """The HTML of a template with Django's comments removed and its tags and variables blanked."""
    return DJANGO_TAG.sub(" ", DJANGO_COMMENT.sub("", source))


class Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: event handler attribute {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                plain = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if plain.startswith(("javascript:", "vbscript:")):
                    self.problems.append(f"line {line}: {name}={value!r} on <{tag}>")
            if name == "style":
                self.styles.append(f"line {line}: style attribute on <{tag}>")
        if tag == "script":
            self.in_script = True
            if not dict(attrs).get("src"):
                self.problems.append(f"line {line}: <script> without src (inline script)")
        if tag == "style":
            self.styles.append(f"line {line}: <style> element")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"line {self.getpos()[0]}: <script> with a body: {data.strip()[:60]!r}")


def scan(source: str) -> Scanner:
    scanner = Scanner()
    scanner.feed(markup(source))
    scanner.close()
    if re.search(r"javascript\s*:", markup(source), re.IGNORECASE):
        scanner.problems.append("a javascript: URL")
    return scanner


def test_the_scan_finds_templates():
    names = {str(path.relative_to(BASE_DIR)) for path in template_files()}
    assert "templates/base.html" in names
    assert "citizens/templates/citizens/detail.html" in names
    assert len(names) > 30


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        "<script type='module'>import x from '/x.js'</script>",
        '<script src="/static/js/a.js">alert(1)</script>',
        '<button onclick="go()">Go</button>',
        "<body onload='go()'>",
        '<a href="javascript:go()">Go</a>',
        '<a href=" JavaScript:go()">Go</a>',
        '<form action="javascript:void(0)"></form>',
        '{% if x %}<a href="#" onmouseover="go()">{% endif %}',
        '<img src="x" {% if y %}onerror="go()"{% endif %}>',
    ],
)
def test_the_scanner_catches_script_in_a_template(bad):
    assert scan(bad).problems, bad


@pytest.mark.parametrize(
    "good",
    [
        "<script src=\"{% static 'js/session.js' %}\" defer></script>",
        "{% blocktranslate with on=decision.decided_on %}Decided on {{ on }}{% endblocktranslate %}",
        '<input name="one" data-online="yes">',
        "{# <script>alert(1)</script> #}",
    ],
)
def test_the_scanner_lets_plain_markup_through(good):
    assert not scan(good).problems, good


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_no_template_has_inline_script_handlers_or_javascript_urls(path):
    problems = scan(path.read_text(encoding="utf-8")).problems
    assert not problems, f"{path.relative_to(BASE_DIR)}: " + "; ".join(problems)


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_no_page_template_has_inline_styles(path):
    styles = scan(path.read_text(encoding="utf-8")).styles
    assert not styles, f"{path.relative_to(BASE_DIR)}: " + "; ".join(styles) + " (style-src is 'self': use a class)"


def test_no_javascript_evaluates_strings():
    """script-src has no 'unsafe-eval': eval, new Function and string timers would be blocked."""
    pattern = re.compile(r"\beval\s*\(|\bnew\s+Function\s*\(|\bset(?:Timeout|Interval)\s*\(\s*['\"`]")
    scripts = sorted((BASE_DIR / "static").glob("**/*.js"))
    assert scripts
    offenders = [str(path.relative_to(BASE_DIR)) for path in scripts if pattern.search(path.read_text())]
    assert not offenders
