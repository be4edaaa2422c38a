"""Hostile text in YAML reaches readers as literal text: never HTML, Markdown or a template."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from generator import urls

from .conftest import FIXTURES, make_project, mkdocs

HOSTILE = {
    "name": '<script>alert("name")</script> {{ 7*7 }}',
    "role": '<img src=x onerror="alert(1)"> *role* | cell',
    "description": "# heading? [link](javascript:alert(1)) `code` <!-- comment --> :smile: {% if %}",
    "title": "- list? ==mark== ~~del~~ ^^ins^^ &amp; &lt;b&gt;",
    "summary": '1. ordered? > quote {: #id .class } [^1] <a href="https://evil.test">x</a>',
    "explainer": "</title><script>alert('explainer')</script> _em_ {{ 7*7 }}",
    "desk": "</span><script>alert('desk')</script> **bold** & {{ 7*7 }}",
}
# A content folder of the old layout is a desk of one: its explainer's address comes from its title.
SLUG = urls.slugify(HOSTILE["explainer"])


def html_file(page: str) -> str:
    """The HTML file MkDocs writes for a page: ``x.md`` → ``x/index.html``, ``x/index.md`` →
    ``x/index.html``, ``index.md`` → ``index.html``."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return "index.html"
    return f"{stem.removesuffix('/index')}/index.html"


def _plant(content: Path) -> None:
    def edit(name: str, change) -> None:
        path = content / name
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def story(data: dict) -> None:
        data.update(title=HOSTILE["explainer"], standfirst=HOSTILE["summary"])
        # What North is in this story: its cast entry, shown on its page across explainers.
        data["actors"] = [{"actor": "north", "role": HOSTILE["title"], "description": HOSTILE["description"], "source": ["gazette"]}]

    edit("actors.yml", lambda d: d[0].update(name=HOSTILE["name"], role=HOSTILE["role"], description=HOSTILE["description"]))
    edit("issues.yml", lambda d: d[0].update(title=HOSTILE["title"], description=HOSTILE["summary"]))
    edit("positions.yml", lambda d: d[0].update(summary=HOSTILE["summary"], quote=HOSTILE["role"]))
    edit("figures.yml", lambda d: d[0].update(label=HOSTILE["name"], unit=HOSTILE["role"]))
    edit("explainer.yml", story)
    # A desk.yml beside the old layout's files names the site.
    (content / "desk.yml").write_text(yaml.safe_dump({"title": HOSTILE["desk"], "description": HOSTILE["summary"]}, allow_unicode=True))


def _scripts(soup):
    """The scripts a browser runs: JSON-LD is data, holding the text as typed (tests/test_structured.py)."""
    return [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]


def _text(element) -> str:
    """What a reader sees: the text, without the ¶ permalinks beside headings."""
    element = BeautifulSoup(str(element), "html.parser")
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    return " ".join(element.get_text(" ").split())


def _page(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / html_file(page)).read_text(), "html.parser")


def test_hostile_text_is_shown_literally_in_the_built_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    _plant(content)
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert SLUG and (site / html_file(urls.path("explainer", slug=SLUG))).is_file()

    actor = _page(site, urls.path("actor", id="north"))
    article = actor.find("article")
    assert _text(article.find("h1")) == HOSTILE["name"]
    assert HOSTILE["role"] in _text(article)
    assert " ".join(HOSTILE["description"].split()) in _text(article)
    # The cast entry: what North is in the explainer, under the explainer's name.
    section = article.find(id=urls.anchor("explainer", slug=SLUG))
    assert _text(section) == HOSTILE["explainer"]
    assert HOSTILE["title"] in _text(section.find_next("p"))
    assert _text(section.find_next("p").find_next("p")).startswith(" ".join(HOSTILE["description"].split()))

    issue = _page(site, urls.path("issue", id="harbour"))
    assert _text(issue.find("article").find("h1")) == HOSTILE["title"]
    assert HOSTILE["summary"] in _text(issue.find("article"))

    # Charts are inline SVG: text reaches <title>, <desc> and <text> as text, never markup.
    figures = _page(site, urls.path("explainer-figures", slug=SLUG))
    chart = figures.find("figure", id="chart-boats")
    assert chart.find("title").get_text() == HOSTILE["name"]
    assert HOSTILE["role"] in chart.find("desc").get_text()
    assert chart.find("script") is None and chart.find("img") is None

    overview = _page(site, urls.path("explainer", slug=SLUG))
    assert _text(overview.find("article").find("h1")) == HOSTILE["explainer"]
    assert HOSTILE["summary"] in _text(overview.find("article"))

    home = _page(site, urls.path("desk"))
    assert _text(home.find("article").find("h1")) == HOSTILE["desk"]
    assert HOSTILE["summary"] in _text(home.find("article"))
    assert HOSTILE["explainer"] in _text(home.find("article"))

    # MkDocs takes the page title from the h1; it reaches <title>, the header and the nav. The
    # desk's title is the site's name; an explainer's pages name the explainer too.
    assert home.find("title").get_text() == HOSTILE["desk"]
    assert actor.find("title").get_text() == f"{HOSTILE['name']} - {HOSTILE['desk']}"
    assert overview.find("title").get_text() == f"{HOSTILE['explainer']} - {HOSTILE['desk']}"
    assert figures.find("title").get_text() == f"The numbers · {HOSTILE['explainer']} - {HOSTILE['desk']}"
    assert HOSTILE["desk"] in [_text(e) for e in actor.select(".md-header__topic .md-ellipsis")]
    assert [s.get_text() for s in _scripts(actor) if "alert" in s.get_text()] == []

    pages = list(site.rglob("*.html"))
    assert len(pages) > 16
    for page in pages:
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert not [s for s in _scripts(soup) if "alert" in s.get_text()], page
        body = soup.find("article") or soup
        assert body.find("script") is None, page
        assert body.find("img") is None, page
        assert not soup.find_all(attrs={"onerror": True}), page
        assert not [a for a in body.find_all("a", href=True) if a["href"].startswith(("javascript:", "https://evil"))], page
        assert "49" not in _text(body.find("h1") or body), page
        assert "49" not in soup.find("title").get_text(), page
