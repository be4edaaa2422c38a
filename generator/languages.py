"""The site in each of the desk's languages (desk.yml's ``languages:``, the first the default).

The default language's site is at the root, each other's under ``/<code>/``: the same pages at
the same paths in every language (urls.py), each language one more build of the same
mkdocs.yml (plugin.py). Every page links the same page in each language: ``hreflang``
alternates in its head and the language switcher in its header (overrides/), from the
``alternates`` its front matter carries (``alternates``, called by structured.py).
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

from . import urls
from .diagnostics import ContentError
from .load import link_outside, load_file
from .locales import name
from .validate import validate_desk


def root(language: str, languages: tuple[str, ...] | list[str]) -> str:
    """Where a language's site is, relative to the site's root: "" for the default, "bg/"."""
    return "" if language == languages[0] else f"{language}/"


def site_url_of(site_url: str | None, language: str, languages: tuple[str, ...] | list[str]) -> str | None:
    """The address a language's site is published at: the site's own, under ``/<code>/`` for
    all but the default."""
    if not site_url:
        return site_url
    return site_url.rstrip("/") + "/" + root(language, languages)


def alternates(here: str, languages: tuple[str, ...] | list[str], language: str, site_url: str | None) -> list[dict[str, Any]]:
    """Page ``here`` in each language, the default first, as the page of ``language`` links it:
    its code, name (as the language writes it), address and whether it is this one. Full
    addresses under ``site_url`` (this language's, ``site_url_of``), else relative to the page.
    Empty for a site in one language."""
    if len(languages) < 2:
        return []
    found = []
    for other in languages:
        if site_url:
            # The root of the whole site: this language's address, less its own folder.
            top = site_url.rstrip("/") + "/"
            top = top[: len(top) - len(root(language, languages))]
            href = urllib.parse.urljoin(top, root(other, languages) + urls.url(here))
        else:
            href = urls.across(here, root(language, languages), root(other, languages))
        found.append({"lang": other, "name": name(other), "href": href, "current": other == language})
    return found


def declared(content_dir: Path) -> tuple[str, ...]:
    """The desk's languages, from desk.yml alone (before the content is read: the build's
    theme speaks the default one); ``("en",)`` when desk.yml is missing or has errors, which
    the build then reports."""
    desk_file = content_dir / "desk.yml"
    try:
        if not desk_file.is_file() or link_outside(desk_file, content_dir) is not None:
            return ("en",)
        return tuple(validate_desk(load_file(desk_file)).languages)
    except (ContentError, OSError):
        return ("en",)
