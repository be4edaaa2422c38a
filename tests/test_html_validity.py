"""Every HTML page of the built site passes the Nu HTML Checker (vnu.jar, the W3C's checker).

vnu.jar comes from npm (package.json pins vnu-jar; ``make test`` runs ``npm ci``) and runs on
the machine's Java (``make test`` installs Debian's default-jre-headless when there is none).
Neither being there is a failure, not a skip: ``make test`` provides both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import load, urls, validate

from .conftest import CONTENT, ROOT, html_file

# A page with mistakes in it, which the checker must fail (test_the_checker_does_catch_errors).
BROKEN = (
    '<!doctype html><html lang="en"><head><title>x</title></head>'
    '<body><label for="nowhere">x</label><p><div>block in a paragraph</div></p></body></html>'
)

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Allowed:
    """One error that Material for MkDocs writes and that our overrides cannot sensibly reach."""

    message: str  # the checker's message, exactly
    markup: str  # the markup it is about (the excerpt's highlighted part), exactly but for the spaces around it
    why: str

    def matches(self, error: dict) -> bool:
        # The checker's highlight sometimes takes in a space before the element (its column one
        # less), depending on what came before it in the page: the element is the same.
        return error.get("message") == self.message and flagged(error).strip() == self.markup


def flagged(error: dict) -> str:
    """The part of the page an error is about: the highlighted stretch of its excerpt."""
    extract, start = error.get("extract", ""), error.get("hiliteStart", 0)
    return extract[start : start + error.get("hiliteLength", len(extract))]


AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
# Kept as short as possible. Each entry is checked to still occur, so that one Material no
# longer needs is noticed and removed.
ALLOWED = [
    # Material's base.html writes its two hidden state checkboxes (the navigation drawer and
    # search) with autocomplete="off", so that browsers do not restore them as checked on
    # back/forward navigation (Firefox does). The inputs are in base.html itself, outside every
    # block and partial: fixing them means copying all of base.html into overrides/, which
    # would then silently drift from Material's. They are display:none and never announced.
    Allowed(
        AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        "Material base.html: the drawer toggle",
    ),
    Allowed(
        AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        "Material base.html: the search toggle",
    ),
]


def nu_errors(files: list[Path]) -> list[dict]:
    """The checker's errors (not warnings) for ``files``, as it reports them in JSON."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("no `java` on PATH: the Nu HTML Checker needs it; `make test` installs default-jre-headless")
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: `make test` installs it (npm ci, from package-lock.json)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The report goes to standard error; exit status 1 just means it holds errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit status {result.returncode}):\n{result.stderr}\n{result.stdout}")
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def describe(errors: list[dict], site: Path) -> str:
    lines = []
    for e in errors:
        where = e.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
        lines.append(f"- {where}:{e.get('lastLine', '?')}:{e.get('firstColumn', '?')}: {e['message']}")
        if e.get("extract"):
            lines.append(f"      {' '.join(flagged(e).split())}")
    return "\n".join(lines)


def every_page_type() -> dict[str, str]:
    """One page of every kind (generator/urls.py), by kind: the desk's own pages, the first
    actor's and issue's pages, and each kind of explainer page for every explainer."""
    content = validate(load(CONTENT))
    pages = {}
    for kind, pattern in urls.PAGES.items():
        if "{slug}" in pattern:
            pages.update({f"{kind} ({slug})": urls.path(kind, slug=slug) for slug in content.explainers})
        elif kind == "actor":
            pages[kind] = urls.path(kind, id=next(iter(content.actors)))
        elif kind == "issue":
            pages[kind] = urls.path(kind, id=next(iter(content.issues)))
        else:
            pages[kind] = urls.path(kind)
    return pages


def climate_pages() -> list[str]:
    """The climate desk's pages checked: its explainer's, an issue's, its sources and who's who."""
    pages = [urls.path(kind, slug="finance-deal") for kind, pattern in urls.PAGES.items() if "{slug}" in pattern]
    return pages + [urls.path("issue", id="finance-goal"), urls.path("desk-sources"), urls.path("desk-actors")]


@pytest.fixture(scope="module")
def checked(built_site: Path, climate_site: Path, shared) -> dict[str, list[dict]]:
    """The checker's errors for every file the tests below check, by file: one run of vnu.jar
    for them all, once per run for all the workers (``shared``): starting Java and its checker is
    most of a run's time. Errors that name no file are the built site's."""
    files = [*sorted(built_site.rglob("*.html")), *(climate_site / html_file(page) for page in climate_pages())]

    def make(where: Path) -> None:
        (where / "broken.html").write_text(BROKEN, encoding="utf-8")
        errors = nu_errors([*files, where / "broken.html"])
        (where / "errors.json").write_text(json.dumps(errors), encoding="utf-8")

    folder = shared(f"vnu {VNU.stat().st_size} {built_site} {climate_site} {BROKEN}", make)
    by_file: dict[str, list[dict]] = {}
    for error in json.loads((folder / "errors.json").read_text(encoding="utf-8")):
        where = error.get("url", "").removeprefix("file:")
        by_file.setdefault(where if where else str(built_site / "?"), []).append(error)
    by_file["broken"] = by_file.pop(str(folder / "broken.html"), [])
    return by_file


def errors_in(checked: dict[str, list[dict]], site: Path) -> list[dict]:
    return [e for where, errors in checked.items() if where.startswith(f"{site}/") for e in errors]


def test_every_page_is_valid_html(built_site: Path, checked: dict[str, list[dict]]):
    files = sorted(built_site.rglob("*.html"))
    assert len(files) > 10, f"only {len(files)} HTML files in the built site"
    # Every kind of page is among them, for every explainer.
    checked_files = {str(f.relative_to(built_site)) for f in files}
    missing = {kind: html_file(page) for kind, page in every_page_type().items() if html_file(page) not in checked_files}
    assert not missing, f"page types missing from the built site: {missing}"
    errors = errors_in(checked, built_site)
    unexpected = [e for e in errors if not any(a.matches(e) for a in ALLOWED)]
    assert not unexpected, f"Nu HTML Checker errors in {built_site}:\n" + describe(unexpected, built_site)
    stale = [a.why for a in ALLOWED if not any(a.matches(e) for e in errors)]
    assert not stale, "allow-listed errors that no longer occur; remove them from ALLOWED: " + "; ".join(stale)


def test_a_desk_of_another_kind_of_story_is_valid_html(climate_site: Path, checked: dict[str, list[dict]]):
    """The fictional climate-finance desk (tests/fixtures/climate) draws what the shipped desk
    does not: a comparison of several numbers, a replaced value, documents, a vocabulary of
    the desk's own. Its explainer's pages and an issue's page pass the checker too."""
    errors = errors_in(checked, climate_site)
    unexpected = [e for e in errors if not any(a.matches(e) for a in ALLOWED)]
    assert not unexpected, f"Nu HTML Checker errors in {climate_site}:\n" + describe(unexpected, climate_site)


def test_the_checker_does_catch_errors(checked: dict[str, list[dict]]):
    """The check above is real: a page with mistakes in it fails, and not via the allow-list."""
    errors = checked["broken"]
    assert errors, "vnu.jar found nothing wrong in a page with errors"
    assert not any(a.matches(e) for e in errors for a in ALLOWED)
