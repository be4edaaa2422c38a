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
