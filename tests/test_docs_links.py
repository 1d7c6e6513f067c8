"""The repository explains itself: README.md and docs/*.md link only to files inside the repository.

Someone who has only the repository must be able to follow every link. So every relative link
resolves to a file (or folder) in the repository, none climbs out of it, none is an absolute path
on some machine, and every anchor names a heading of the page it points to. File names written as
code (`docs/operations.md`) must exist too.
"""

import os
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR).resolve()
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])

FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.M | re.S)
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
AUTOLINK = re.compile(r"<((?:https?|file|ftp)://[^>]+)>")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# A file named as code: a path of plain characters ending in an extension the repository uses.
FILE_IN_CODE = re.compile(r"^(?:\./)?[\w.\-]+(?:/[\w.\-]+)*\.(?:md|py|sh|txt|toml|html|css|js|in|cfg|po)$")
# Text that points out of the repository whatever the markup: the shared folder beside it, or a
# machine's own absolute paths.
OUTSIDE = re.compile(r"(?:\.\./)+shared\b|(?<![\w.])/(?:work|tmp|home|root|Users|mnt)/|\bfile://")


def prose(path: Path) -> str:
    """The document without its fenced code blocks (commands and diagrams, not links)."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def slug(heading: str) -> str:
    """The anchor GitHub and most renderers give a heading: lower case, punctuation dropped,
    each space a hyphen ("Anonymous treatment (§ 101 a): planned" -> "anonymous-treatment--101-a-planned")."""
    text = re.sub(r"`([^`]*)`", r"\1", heading.strip()).lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for line in prose(path).splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            base = slug(match.group(1))
            name, n = base, 0
            while name in found:  # repeated headings get -1, -2, ...
                n += 1
                name = f"{base}-{n}"
            found.add(name)
    return found


def links(path: Path) -> list[str]:
    text = CODE_SPAN.sub("", prose(path))
    return [*INLINE_LINK.findall(text), *REFERENCE.findall(text), *AUTOLINK.findall(text)]


def is_web(target: str) -> bool:
    return re.match(r"^(?:https?:|mailto:)", target) is not None


def link_problem(document: Path, target: str) -> str | None:
    """Why ``target``, linked from ``document``, does not lead to something in the repository."""
    if is_web(target):
        return None
    if re.match(r"^[a-z][a-z0-9+.\-]*:", target, re.I):
        return "a link to another scheme than the web"
    path_part, _hash, anchor = target.partition("#")
    if path_part.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", path_part):
        return "an absolute path: it exists only on one machine"
    resolved = (document.parent / path_part).resolve() if path_part else document
    if not resolved.is_relative_to(ROOT):
        return "leaves the repository"
    if not resolved.exists():
        return "no such file in the repository"
    if anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
        return f"no heading #{anchor} in {resolved.relative_to(ROOT)}"
    return None


def test_there_is_a_domain_page_and_the_readme_links_it():
    assert (ROOT / "docs" / "domain.md") in DOCUMENTS
    assert "docs/domain.md" in links(ROOT / "README.md")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_resolves_inside_the_repository(document):
    problems = [(target, why) for target in links(document) if (why := link_problem(document, target))]
    assert problems == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_document_points_out_of_the_repository(document):
    text = document.read_text(encoding="utf-8")
    found = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)]
    assert found == []


def repository_files() -> list[str]:
    """Every file's path in the repository, relative to its root (not the venv, data or caches)."""
    skip = {".venv", ".git", "var", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in skip]
        base = Path(folder).relative_to(ROOT)
        found += [(base / name).as_posix() for name in files]
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_file_names_written_as_code_exist(document):
    """A path written as code names a file of the repository: from the root, or, in a table row
    about one folder, from inside it (`migrations/_seed_data.py` in the row on `standards/`)."""
    files = repository_files()
    missing = []
    for span in CODE_SPAN.findall(prose(document)):
        name = span.strip().removeprefix("./")
        named = FILE_IN_CODE.match(name) and "/" in name
        if named and not any(path == name or path.endswith("/" + name) for path in files):
            missing.append(name)
    assert missing == []


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("docs/operations.md", None),
        ("https://example.org/", None),
        ("#quick-start", None),
        ("../shared/spec/DOMAIN.md", "leaves the repository"),
        ("/work/shared/spec/DOMAIN.md", "an absolute path: it exists only on one machine"),
        ("file:///etc/passwd", "a link to another scheme than the web"),
        ("docs/nothing-here.md", "no such file in the repository"),
        ("docs/domain.md#no-such-heading", "no heading #no-such-heading in docs/domain.md"),
    ],
)
def test_the_check_itself_catches_what_it_should(target, problem):
    assert link_problem(ROOT / "README.md", target) == problem


def test_headings_become_the_anchors_renderers_make():
    assert slug("Anonymous treatment (§ 101 a): planned") == "anonymous-treatment--101-a-planned"
    assert slug("The quality standard (kvalitetsstandard)") == "the-quality-standard-kvalitetsstandard"
    assert slug("Backup and restore") == "backup-and-restore"
    assert slug("`make run` and `make test`") == "make-run-and-make-test"


DOTTED_NAME = re.compile(r"^[a-z_]+(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")


def code_object(dotted: str):
    """The module, function, class or constant a dotted name names, or None."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(obj, attribute):
                return None
            obj = getattr(obj, attribute)
        return obj
    return None


def test_every_function_the_domain_page_names_exists():
    """docs/domain.md names the code behind each rule (`deadlines.rules.guarantee_deadline`): a
    renamed or removed function must not leave the page pointing at nothing."""
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    named = {
        span
        for span in CODE_SPAN.findall(prose(ROOT / "docs" / "domain.md"))
        if DOTTED_NAME.match(span) and span.split(".")[0] in packages
    }
    assert len(named) > 50  # the page names the code of every rule, not a handful
    assert sorted(name for name in named if code_object(name) is None) == []
