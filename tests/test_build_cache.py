"""`make build` reuses the last build's unchanged pages (generator/build_cache.py), and the site
it publishes is the cold build's byte for byte: after each kind of edit, a build that reused
the cache and one that was told not to (EXPLAINER_COLD_BUILD=1) give the same tree, every
file's path, bytes and mode."""

from __future__ import annotations

import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build_cache import COLD, FOLDER

from .conftest import FIXTURES, make_project, mkdocs, own_templates

DESK = FIXTURES / "desk"
REUSED = re.compile(r"Pages reused from the last build \(\.cache/explainer\): (\d+) of (\d+)")


def _build(project: Path, content: Path, env: dict[str, str]) -> tuple[int, int]:
    """``mkdocs build --strict``, which must succeed: how many pages it reused, of how many."""
    result = mkdocs(project, "build", "--strict", content=content, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    found = REUSED.search(result.stderr)
    assert found, result.stderr[-3000:]
    return int(found[1]), int(found[2])


def _tree(site: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(site)): (stat.S_IMODE(p.stat().st_mode), p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _correction(content: Path, project: Path) -> None:
    # What a correction is: the standfirst put right, the explainer's date of update, and the
    # change-log entry telling readers (the checker asks for one, and --strict fails without).
    story = content / "explainers" / "budget-deal" / "explainer.yml"
    _replace(story, "and the council passed an amended budget", "and the city council passed an amended budget")
    _replace(story, "updated: 2026-04-16", "updated: 2026-04-18")
    _replace(story, "changes:\n", "changes:\n  - date: 2026-04-18\n    text: Named the council in the standfirst.\n    correction: true\n")


def _title(content: Path, project: Path) -> None:
    _replace(content / "explainers" / "budget-deal" / "explainer.yml", "title: The deal that ended", "title: The pact that ended")


def _registry(content: Path, project: Path) -> None:
    _replace(content / "actors.yml", "name: Riverton City Council", "name: Riverton Town Council")


def _desk(content: Path, project: Path) -> None:
    _replace(content / "desk.yml", "title: Riverton budget desk", "title: Riverton budget watch")


def _theme_template(content: Path, project: Path) -> None:
    footer = project / "overrides" / "partials" / "explainer-footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- the site's own line -->\n", encoding="utf-8")


def _markdown_template(content: Path, project: Path) -> None:
    _replace(project / "templates" / "explainer.md.j2", "{: .standfirst }\n", "{: .standfirst }\n\nA line of the site's own.\n")


def _own_templates(project: Path) -> None:
    shutil.copy(Path(__file__).parents[1] / "generator" / "templates" / "explainer.md.j2", own_templates(project))


def _config(content: Path, project: Path) -> None:
    _replace(project / "mkdocs.yml", "permalink: true", "permalink: \"#\"")


def _removed(content: Path, project: Path) -> None:
    shutil.rmtree(content / "explainers" / "budget-first-reading")
    # Its figures held the 2% that another explainer's prose cites: the checker would warn.
    _replace(content / "explainers" / "budget-strike" / "positions.yml", "against the 2% offer", "against the first offer")


# (what is edited, the edit, whether some pages must be reused, set-up before the first build)
EDITS: dict[str, tuple[Callable[[Path, Path], None], bool, Callable[[Path], None] | None]] = {
    "one explainer's file": (_correction, True, None),
    # Each explainer of this desk is in the navigation, which shows its title on every page.
    "an explainer's title": (_title, False, None),
    "a shared registry file (actors.yml)": (_registry, True, None),
    "desk.yml": (_desk, False, None),  # the desk's title heads every page
    "a template of the site's theme (overrides/)": (_theme_template, False, None),
    "a Markdown template of the site's own": (_markdown_template, True, _own_templates),
    "mkdocs.yml": (_config, False, None),
    # Pages gone: links are checked against every file, so every page is built again.
    "a removed explainer": (_removed, False, None),
}


def _first(where: Path, setup: Callable[[Path], None] | None = None) -> tuple[Path, Path]:
    """The desk's first build in ``where`` (after a ``setup`` of the project), with no cache
    yet: its content and project folders."""
    content = shutil.copytree(DESK, where / "content")
    project = make_project(where / "project")
    if setup is not None:
        setup(project)
    reused, pages = _build(project, content, {})
    assert reused == 0 and pages > 40
    return content, project


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The desk's first build made once per worker, and a copy of its folder as it was then
    (``pristine``) for each test to start from in the same place (``work``): the cache is kept
    for the same folders, so a copy elsewhere would build cold."""
    where = tmp_path_factory.mktemp("cached-desk")
    _first(where / "work")
    shutil.copytree(where / "work", where / "pristine", symlinks=True)
    return where


def _built(tmp_path: Path, first_build: Path, setup: Callable[[Path], None] | None) -> tuple[Path, Path]:
    """The content and project of a first build: the shared one put back as it was, or, with a
    ``setup`` of the project before it, a build of the test's own."""
    if setup is not None:
        return _first(tmp_path, setup)
    work = first_build / "work"
    shutil.rmtree(work)
    shutil.copytree(first_build / "pristine", work, symlinks=True)
    return work / "content", work / "project"


@pytest.mark.parametrize("what", list(EDITS))
def test_an_incremental_build_after_an_edit_is_the_cold_build_byte_for_byte(tmp_path: Path, first_build: Path, what: str):
    edit, reuses, setup = EDITS[what]
    content, project = _built(tmp_path, first_build, setup)
    edit(content, project)
    reused, pages = _build(project, content, {})
    incremental = _tree(project / "site")
    assert (0 < reused < pages) if reuses else reused == 0
    assert _build(project, content, {COLD: "1"})[0] == 0
    assert _tree(project / "site") == incremental
    if edit is _removed:
        assert not any(path.startswith("budget-first-reading/") for path in incremental)


def test_a_changed_site_url_and_an_unreadable_cache_build_as_cold_builds_do(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(DESK, content)
    project = make_project(tmp_path / "project")
    first = {"SITE_URL": "https://example.org/riverton/"}
    assert _build(project, content, first)[0] == 0
    assert _build(project, content, first)[0] > 0  # nothing changed: every page reused
    moved = {"SITE_URL": "https://news.example.com/budget/"}
    assert _build(project, content, moved)[0] == 0
    incremental = _tree(project / "site")
    assert "https://news.example.com/budget/" in incremental["sitemap.xml"][1].decode()
    (project / FOLDER / "state.pickle").write_bytes(b"not a cache")
    assert _build(project, content, moved)[0] == 0
    assert _tree(project / "site") == incremental
    _build(project, content, {**moved, COLD: "1"})
    assert _tree(project / "site") == incremental


def test_a_reused_page_is_the_published_file_unless_it_was_changed_since(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(DESK, content)
    project = make_project(tmp_path / "project")
    site = project / "site"
    _build(project, content, {})
    cold = _tree(site)
    kept, edited, removed = (site / "index.html"), (site / "actors" / "index.html"), (site / "issues" / "index.html")
    before = kept.stat()
    edited.write_text(edited.read_text(encoding="utf-8").replace("</main>", "<p>Edited by hand.</p></main>"), encoding="utf-8")
    removed.unlink()
    reused, pages = _build(project, content, {})
    # Nothing changed in the content: every page reused but the two whose published file is not
    # the one the last build wrote; those are built again, and the site is the cold build's.
    assert reused == pages - 2
    assert _tree(site) == cold
    # An unchanged page is the very file published before (a hard link), with its time:
    # whatever copies site/ elsewhere by time and size passes it by.
    after = kept.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
