"""Hostile text in YAML reaches readers as literal text: never HTML, Markdown or a template."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from .conftest import FIXTURES, make_project, mkdocs

HOSTILE = {
    "name": '<script>alert("name")</script> {{ 7*7 }}',
    "role": '<img src=x onerror="alert(1)"> *role* | cell',
    "description": "# heading? [link](javascript:alert(1)) `code` <!-- comment --> :smile: {% if %}",
    "title": "- list? ==mark== ~~del~~ ^^ins^^ &amp; &lt;b&gt;",
    "summary": '1. ordered? > quote {: #id .class } [^1] <a href="https://evil.test">x</a>',
}


def _plant(content: Path) -> None:
    def edit(name: str, change) -> None:
        path = content / name
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    edit("actors.yml", lambda d: d[0].update(name=HOSTILE["name"], role=HOSTILE["role"], description=HOSTILE["description"]))
    edit("issues.yml", lambda d: d[0].update(title=HOSTILE["title"], description=HOSTILE["summary"]))
    edit("positions.yml", lambda d: d[0].update(summary=HOSTILE["summary"], quote=HOSTILE["role"]))
    edit("figures.yml", lambda d: d[0].update(label=HOSTILE["name"], unit=HOSTILE["role"]))


def _scripts(soup):
    """The scripts a browser runs: JSON-LD is data, holding the text as typed (tests/test_structured.py)."""
    return [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]


def _text(element) -> str:
    """What a reader sees: the text, without the ¶ permalinks beside headings."""
    element = BeautifulSoup(str(element), "html.parser")
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    return " ".join(element.get_text(" ").split())


def test_hostile_text_is_shown_literally_in_the_built_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    _plant(content)
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"

    actor = BeautifulSoup((site / "actors/north/index.html").read_text(), "html.parser")
    article = actor.find("article")
    assert _text(article.find("h1")) == HOSTILE["name"]
    assert HOSTILE["role"] in _text(article)
    assert " ".join(HOSTILE["description"].split()) in _text(article)

    issue = BeautifulSoup((site / "issues/harbour/index.html").read_text(), "html.parser")
    assert _text(issue.find("article").find("h1")) == HOSTILE["title"]
    assert HOSTILE["summary"] in _text(issue.find("article"))

    # Charts are inline SVG: text reaches <title>, <desc> and <text> as text, never markup.
    chart = BeautifulSoup((site / "figures/index.html").read_text(), "html.parser").find("figure", id="chart-boats")
    assert chart.find("title").get_text() == HOSTILE["name"]
    assert HOSTILE["role"] in chart.find("desc").get_text()
    assert chart.find("script") is None and chart.find("img") is None

    # MkDocs takes the page title from the h1; it reaches <title>, the header and the nav.
    assert actor.find("title").get_text() == f"{HOSTILE['name']} - Explainers"
    assert [s.get_text() for s in _scripts(actor) if "alert" in s.get_text()] == []

    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert not [s for s in _scripts(soup) if "alert" in s.get_text()], page
        body = soup.find("article") or soup
        assert body.find("script") is None, page
        assert body.find("img") is None, page
        assert not body.find_all(attrs={"onerror": True}), page
        assert not [a for a in body.find_all("a", href=True) if a["href"].startswith(("javascript:", "https://evil"))], page
        assert "49" not in _text(body.find("h1") or body), page
