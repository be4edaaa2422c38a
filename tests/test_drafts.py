"""Drafts, as Hugo has them: `new` starts an explainer marked `draft: true`; a preview shows it,
marked "Draft" on every page of it; a build for readers (`mkdocs build`, and `render` for the
other engines) leaves it out of every file it writes."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import kinds, messages, urls

from .conftest import CONTENT, build, make_project, run_cli
from .test_serve import _get, _wait_for, serving

SLUG = "budget-talks"
TITLE = "Budget talks"


def _desk_with_a_draft(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    result = run_cli("--content", str(content), "new", SLUG)
    assert result.returncode == 0, result.stderr
    return content


def _mentions(folder: Path) -> list[str]:
    """Every file under ``folder`` whose name or bytes (unzipped, for the compressed sitemap) name the draft."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace").lower()
        if SLUG in str(path.relative_to(folder)) or SLUG in text or TITLE.lower() in text:
            found.append(str(path.relative_to(folder)))
    return found


def test_a_build_leaves_a_draft_out_of_every_file_it_writes(tmp_path):
    content = _desk_with_a_draft(tmp_path)
    # `new` then `make build`: the draft's placeholders and its missing summary stop nothing.
    site = build(tmp_path / "project", content)
    assert (site / "index.html").is_file()
    assert _mentions(site) == []
    # `make zensical` checks and renders with the command line, which leaves drafts out too.
    check = run_cli("--content", str(content), "check", "--strict")
    assert (check.returncode, check.stderr) == (0, "")
    rendered = run_cli("--content", str(content), "render", str(tmp_path / "docs"))
    assert rendered.returncode == 0, rendered.stderr
    assert _mentions(tmp_path / "docs") == []
    # With --drafts, as under `mkdocs serve`, the draft is there, with its warning.
    drafts = run_cli("--content", str(content), "check", "--strict", "--drafts")
    assert drafts.returncode == 1
    assert f"explainers/{SLUG}/explainer.yml:4:1: warning: the explainer has no summary" in drafts.stderr


# A scoop in the works (fictional): the draft's own person, issue and source, in the desk's
# shared files, named by nothing published.
SCOOP = {
    "sources.yml": "- id: scoop-leak\n  publisher: The Scoop Gazette\n  title: Leaked budget plan\n  date: 2026-01-05\n",
    "actors.yml": "- id: scoop-minister\n  name: Ivana Scoopova\n  kind: person\n  description: A minister only the draft names.\n"
                  "  source: scoop-leak\n",
    "issues.yml": "- id: scoop-gap\n  title: The hidden budget gap\n  question: Will the gap be closed?\n"
                  "  description: Only the draft covers it.\n  source: scoop-leak\n",
}
SCOOP_POSITION = ("- actor: scoop-minister\n  issue: scoop-gap\n  stance: demands\n  summary: The minister wants cuts.\n"
                  "  date: 2026-01-05\n  source: scoop-leak\n")


def _scoop_mentions(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".gz"
            and any(word in p.read_text("utf-8", "replace") for word in ("Scoopova", "scoop-", "Scoop Gazette", "hidden budget gap"))]


def test_what_only_a_draft_names_in_the_desks_files_stays_out_of_a_build(tmp_path):
    content = _desk_with_a_draft(tmp_path)
    for name, entry in SCOOP.items():
        (content / name).write_text((content / name).read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    (content / "explainers" / SLUG / "positions.yml").write_text(SCOOP_POSITION, encoding="utf-8")
    site = build(tmp_path / "project", content, env={"SITE_URL": "https://example.org/"})
    assert _scoop_mentions(site) == []  # its pages, the desk's lists, search, downloads, sitemap
    # Nor does a build for readers ask for their translation (the desk is in two languages).
    check = run_cli("--content", str(content), "check", "--strict")
    assert (check.returncode, check.stderr) == (0, "")
    drafts = run_cli("--content", str(content), "check", "--drafts")
    assert "actor 'scoop-minister' is not translated into bg" in drafts.stderr
    # Published, the draft brings them with it.
    story = content / "explainers" / SLUG / "explainer.yml"
    story.write_text(story.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    published = run_cli("--content", str(content), "check")
    assert "actor 'scoop-minister' is not translated into bg" in published.stderr


def test_a_mistake_in_a_draft_stops_no_one_elses_build(tmp_path):
    content = _desk_with_a_draft(tmp_path)
    (content / "explainers" / SLUG / "positions.yml").write_text(
        "- actor: rusia\n  issue: ceasefire\n  stance: demands\n  summary: A draft's line.\n  date: 2025-06-02\n"
        "  source: reuters-via-bta-2025-06-02\n", encoding="utf-8")
    check = run_cli("--content", "content", "check", "--strict", cwd=tmp_path)
    assert (check.returncode, check.stderr) == (0, "")
    assert (build(tmp_path / "project", content) / "index.html").is_file()
    # Where the draft is shown, the mistake stops it, as any other.
    drafts = run_cli("--content", "content", "check", "--drafts", cwd=tmp_path)
    assert drafts.returncode == 1
    assert f"content/explainers/{SLUG}/positions.yml:1:10: error: unknown actor 'rusia'" in drafts.stderr


def test_a_desk_of_drafts_alone_has_nothing_to_publish(tmp_path):
    content = _desk_with_a_draft(tmp_path)
    for folder in (content / "explainers").iterdir():
        if folder.name != SLUG:
            shutil.rmtree(folder)
    result = run_cli("--content", str(content), "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{content}: error: every explainer is a draft, so there is nothing to publish "
        "(expected at least one explainer without `draft: true`; `make serve` shows drafts)"
    )


# `make serve` is `mkdocs serve --dirty`; a plain `mkdocs serve` shows drafts too.
@pytest.mark.parametrize("args", [(), ("--dirty",)], ids=["serve", "serve-dirty"])
def test_the_preview_shows_a_draft_marked_draft_on_every_page_of_it(tmp_path, args):
    content = _desk_with_a_draft(tmp_path)
    project = make_project(tmp_path / "project")
    with serving(project, content, tmp_path / "serve.log", ready=lambda body: "Istanbul" in body, args=args) as url:
        hub = _wait_for(f"{url}/", lambda body: TITLE in body)
        assert "explainer-draft" not in hub  # the desk's pages are not the draft's
        for kind in kinds.pages("explainer"):
            page = BeautifulSoup(_get(f"{url}/{urls.url(urls.path(kind.name, slug=SLUG))}"), "html.parser")
            label = page.select_one(".explainer-draft")
            assert label is not None, kind.name
            assert " ".join(label.get_text().split()) == f"{messages.DRAFT['label']}: {messages.DRAFT['note']}"
        other = BeautifulSoup(_get(f"{url}/{urls.url(urls.path('explainer', slug='what-each-side-wants'))}"), "html.parser")
        assert other.select_one(".explainer-draft") is None


def test_a_draft_made_public_with_its_placeholders_gets_an_error_for_each(tmp_path):
    content = _desk_with_a_draft(tmp_path)
    story = content / "explainers" / SLUG / "explainer.yml"
    story.write_text(story.read_text().replace("draft: true\n", ""))
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert result.returncode == 1
    tail = "(expected the real text, or `draft: true` while the explainer is being written)"
    assert result.stderr.splitlines() == [
        # Published, it is one more explainer the desk's Bulgarian site lacks.
        f"content/explainers/{SLUG}/explainer.yml: warning: not translated into bg (expected explainer.bg.yml beside it: "
        "`python -m generator translate bg` writes it)",
        f"content/explainers/{SLUG}/explainer.yml:4:1: warning: the explainer has no summary (expected at least one "
        "paragraph under 'summary:', so readers learn what happened)",
        f"content/explainers/{SLUG}/explainer.yml:5:13: error: standfirst is still the text `new` wrote, "
        f"'Replace this with the one-sentence su…' {tail}",
        f"content/explainers/{SLUG}/explainer.yml:6:17: error: why_it_matters is still the text `new` wrote, "
        f"'Replace this with one sentence on why…' {tail}",
        "2 errors, 2 warnings in 1 file",
    ]
