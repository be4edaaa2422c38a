"""Explainer generator: a desk of explainers as YAML → Markdown pages for MkDocs.

Three pure steps, each usable alone: ``load`` (files → plain data with places),
``validate`` (plain data → a typed, cross-checked ``Content``), ``render`` (``Content`` →
``{path: Markdown}``). Each raises ``ContentError`` carrying every ``Diagnostic`` it found.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import cards, feeds
from .templating import PARTIALS
from .diagnostics import ContentError, Diagnostic, shown
from .export import export
from .load import load
from .model import DEFAULT_DESK
from .render import TEMPLATES, navigation, render
from .translations import translated
from .validate import validate, validated
from .validated_desk import Content
from .values import URL_PATTERN
from .wording import Wording

__all__ = [
    "ContentError", "Content", "Diagnostic", "Generated", "PARTIALS", "TEMPLATES",
    "generate", "load", "render", "site_url_problem", "translated", "validate",
]


@dataclasses.dataclass(frozen=True)
class Generated:
    """What a build needs: every page as Markdown, the downloads, the feeds and share cards,
    the navigation, and the warnings to show beside them."""

    title: str
    updated: str
    pages: dict[str, str]
    warnings: tuple[Diagnostic, ...]
    # The data as files to download, by path in the site (``data/figures.csv``…).
    downloads: dict[str, str] = dataclasses.field(default_factory=dict)
    # The site's navigation, in MkDocs' ``nav`` form.
    nav: list[Any] = dataclasses.field(default_factory=list)
    # The desk's own name, when desk.yml gives one: it replaces mkdocs.yml's site_name.
    site_name: str | None = None
    # Its description, likewise, in the site's language: mkdocs.yml's site_description, which
    # the pages that have none of their own (the 404 page) give search engines and link previews.
    site_description: str | None = None
    # The other files the site publishes, by path: the Atom feeds (text) and share cards (PNG).
    files: dict[str, str | bytes] = dataclasses.field(default_factory=dict)
    # The theme's own words in the site's language (messages.THEME_WORDS), for mkdocs.yml's ``extra``.
    theme_words: dict[str, str] = dataclasses.field(default_factory=dict)
    # The languages the desk is published in (desk.yml's), the default first.
    languages: tuple[str, ...] = ("en",)


def generate(content_dir: Path, templates: Sequence[Path] = (TEMPLATES,), partials: Path = PARTIALS,
             site_url: str | None = None, *, drafts: bool = False, language: str | None = None) -> Generated:
    """All three steps, or ContentError with every problem found. ``site_url`` is the address
    the site is published at (mkdocs.yml's ``site_url``), if known: feeds and share cards then
    give full addresses. Explainers marked ``draft: true`` are left out unless ``drafts``."""
    with no_cycle_collection():
        # The text in the language asked for (None: the default), the same ids and addresses in every language.
        content = translated(validated(content_dir, drafts=drafts)[1], language)
        pages = render(content, templates, partials, site_url, language=language)
        return generated_from(content, pages, export(content, language=language), site_url, language=language)


def site_url_problem(site_url: str | None, where: str, name: str = "") -> Diagnostic | None:
    """What is wrong with the address the site is published at (``SITE_URL``, mkdocs.yml's
    ``site_url``, ``render --site-url``), told as a problem of ``where``; None when it is fine.
    Pages, feeds and share cards print it in attributes and links: an http(s) address without
    spaces, quotes or angle brackets, as content's own addresses are (values.URL_PATTERN)."""
    if site_url is None or (re.fullmatch(URL_PATTERN, site_url) and urllib.parse.urlsplit(site_url).hostname):
        return None
    return Diagnostic(
        where, 0, 0, "error",
        f"{name}'{shown(site_url)}' is not an http(s) address (expected the site's address, "
        "e.g. https://example.org/explainers/, without spaces, quotes or angle brackets)",
    )


@contextlib.contextmanager
def no_cycle_collection():
    """Python's cycle collector off while generating: a desk of 40 explainers allocates some
    450,000 objects that live until the pages are written (Jinja contexts, Markup strings…),
    and collecting cycles among them, and among everything MkDocs holds, found next to nothing
    while costing 5 % of generate(). Collection resumes, as it was, when it returns or raises."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generated_from(content: Content, pages: dict[str, str], downloads: dict[str, str], site_url: str | None = None,
                   files: dict[str, str | bytes] | None = None, *, language: str | None = None) -> Generated:
    """What a build needs, from the content and its rendered pages and downloads (and the feeds
    and share cards, made here unless given), in ``language`` (by default the desk's first)."""
    w = Wording.built(content, language)
    return Generated(
        content.desk.title,
        content.updated,
        pages,
        content.warnings,
        downloads=downloads,
        nav=navigation(content, language),
        site_name=None if content.desk is DEFAULT_DESK else content.desk.title,
        site_description=None if content.desk is DEFAULT_DESK else content.desk.description,
        files=files if files is not None else {**feeds.feeds(w, content, site_url), **cards.cards(w, content)},
        theme_words=w.theme_words,
        languages=tuple(content.desk.languages),
    )
