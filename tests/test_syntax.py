"""The generator's pages are converted with only the Markdown its templates write
(generator/syntax.py): the same HTML as with all of Markdown, on every page of every fixture
desk and for any content text; pages written by hand keep all of Markdown."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator import generate, syntax, urls
from generator.render import escape_markdown

from .conftest import CONTENT, FIXTURES, ROOT, article, html_file, make_project, mkdocs, read
from .test_hostile import _plant


@functools.cache
def _extensions() -> tuple[list, dict]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), config.mdx_configs


def converted(text: str, *, narrowed: bool) -> str:
    """``text`` converted with mkdocs.yml's Markdown extensions, as MkDocs converts a page (a
    converter of its own), narrowed to the templates' syntax or not."""
    extensions, configs = _extensions()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return (syntax.narrow(md) if narrowed else md).convert(text)


def body(page: str) -> str:
    """A page's Markdown without its front matter, which MkDocs reads as data."""
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


def _hostile(tmp_path: Path) -> Path:
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    _plant(content)
    return content


DESKS = {
    "shipped, en": (lambda tmp: CONTENT, None),
    "shipped, bg": (lambda tmp: CONTENT, "bg"),
    "climate": (lambda tmp: FIXTURES / "climate", None),
    "arabic": (lambda tmp: FIXTURES / "arabic", None),
    "desk": (lambda tmp: FIXTURES / "desk", None),
    "hostile": (_hostile, None),
}


def test_the_templates_syntax_is_python_markdowns():
    """Each name syntax.py takes out is one of Python-Markdown's inline patterns in the build's
    converter: were one renamed by an upgrade, it would silently stay in."""
    extensions, configs = _extensions()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    assert set(syntax.UNWRITTEN) <= {pattern.name for pattern in md.inlinePatterns._priority}
    assert not set(syntax.UNWRITTEN) & {pattern.name for pattern in syntax.narrow(md).inlinePatterns._priority}
    # What the templates do write is still converted.
    assert {"link", "em_strong", "entity", "html", "emoji"} <= {pattern.name for pattern in md.inlinePatterns._priority}


@pytest.mark.parametrize("desk", DESKS)
def test_every_page_converts_the_same_without_the_syntax_templates_do_not_write(desk, tmp_path):
    """Fails when a template starts writing a code span, an image, an autolink… : give it back
    by taking its name out of syntax.UNWRITTEN."""
    where, language = DESKS[desk]
    pages = generate(where(tmp_path), language=language).pages
    assert len(pages) > 10
    differing = [path for path, page in pages.items()
                 if converted(body(page), narrowed=True) != converted(body(page), narrowed=False)]
    assert differing == []


# Inline places content text takes on the pages, as the templates write them: a link, a
# citation with its hidden words, a list item with an icon, a table cell, a heading, emphasis.
PLACES = (
    "# {0} {{ #anchor }}\n\n{0}\n",
    "[{0}](../actors/x.md#y){{ .cite }} {0}&#32;{0}\n",
    "- **[{0}](a.md#b)**: :material-check-circle:{{ .stance }} {0} · 2 June 2025\n\n    {0} [*Source:*{{ .visually-hidden }} {0}*, 2025*{{ .visually-hidden }}](s.md#c){{ .cite }}\n",
    "| {0} | {0} |\n| :--- | ---: |\n| **{0}** | *{0}* |\n",
)


@settings(max_examples=60, deadline=None)
# What each pattern taken out would convert, were content text to reach it unescaped.
@example("`code` \\*not em\\* ![a picture](x.png) [a][ref] [ref] <https://example.org> <a@b.org>  \nnext")
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t  `\\![]<>*_:@"), max_size=40))
def test_content_text_converts_the_same_without_that_syntax(text):
    """Content text reaches a page as character references (render.escape_markdown): whatever
    it holds, it cannot start the syntax taken out."""
    for place in PLACES:
        written = place.format(escape_markdown(text))
        assert converted(written, narrowed=True) == converted(written, narrowed=False)


def test_a_page_written_by_hand_keeps_all_of_markdown(tmp_path):
    """The generator's pages are built beside a page in docs/ that uses the syntax its
    templates do not: that page still has its image, code, autolink and line break."""
    project = make_project(tmp_path / "project")
    (project / "docs" / "about.md").write_text(
        "# About\n\nA picture: ![the desk](desk.png) and `code`, <https://example.org>  \nnext line.\n",
        encoding="utf-8")
    (project / "docs" / "desk.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = mkdocs(project, "build", content=FIXTURES / "minimal")
    assert result.returncode == 0, result.stderr
    about = article(read(project / "site", "about.md"))
    assert about.select_one('img[alt="the desk"]') is not None
    assert about.select_one("code").get_text() == "code"
    assert about.select_one('a[href="https://example.org"]') is not None
    assert about.select_one("br") is not None
    # And the generator's pages were built with it.
    assert (project / "site" / html_file(urls.path("desk-actors"))).is_file()
