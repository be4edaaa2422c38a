"""The site's URL scheme: every page path, link, anchor and download path comes from here.

In the spirit of Pelican's ``ARTICLE_URL``/``ARTICLE_SAVE_AS``: each kind of page has one
pattern, declared with the kind in the registry (``kinds.py``), and the renderer, the templates, the structured data, the downloads and the
navigation all ask this module rather than spelling a path. Change a pattern and the whole
site follows.

Paths are Markdown files under the docs folder; links between pages are written relative to
the page they are on (``../actors/russia.md``), which MkDocs, ProperDocs and Zensical all
resolve and check. With directory URLs (MkDocs' default), ``x.md`` and ``x/index.md`` are both
served at ``x/``; without (mkdocs.yml's ``use_directory_urls: false``, for a site read from disk),
at ``x.html`` and ``x/index.html``: ``served`` says which for a build.
"""

from __future__ import annotations

import contextlib
import functools
import posixpath
import re
import unicodedata
import urllib.parse
from collections.abc import Mapping

from .kinds import KINDS, PATH_KEY, ByKind

# Where each kind of page is saved, and page ``{n}`` (2, 3…) of a page whose main list goes on
# over several: views of the patterns each kind declares in the registry (generator/kinds.py),
# kept by kind name. ``{id}`` is an actor's or issue's id, ``{slug}`` an explainer's folder name.
PAGES: Mapping[str, str] = ByKind(lambda kind: kind.path)
PAGED: Mapping[str, str] = ByKind(lambda kind: kind.paging.path if kind.paging else None)

# The files the site publishes beside its pages: the data readers can download, by ``{name}``
# (``figures.csv``…); the Atom feeds of updates, the desk's and each explainer's; and each
# explainer's share card, the picture link previews show. The feeds sit at the top of the site:
# the theme's script takes every <link rel="alternate"> for a translation of the site and
# fetches the sitemap.xml beside it, which is there only at the top.
DOWNLOADS: dict[str, str] = {
    "desk-data": "data/{name}",
    "explainer-data": "{slug}/data/{name}",
    "desk-feed": "feed.xml",
    "explainer-feed": "feed-{slug}.xml",
    "explainer-card": "{slug}/card.png",
}

# The names of the bare pages other sites put in an <iframe> (the registry's "embed" kind): one
# picture or table of an explainer each (generator/embeds.py), by the block it shows. A
# figure's chart and a comparison's are named after their anchors on the explainer's pages.
EMBED_NAMES: dict[str, str] = {
    "key-numbers": "key-numbers",
    "glance": "at-a-glance",
    "positions": "where-they-stand",
    "actor-map": "who-belongs-to-whom",
    "figure-chart": "chart-{id}",
    "comparison-chart": "compare-{id}",
}

# Anchors within a page. Each kind has its own prefix, so an id can never take the anchor of
# a heading the templates write ("What changed", "Get the data") or of another kind of thing.
ANCHORS: dict[str, str] = {
    "figure": "figure-{id}",
    "event": "event-{id}",
    "source": "source-{id}",
    # An actor's stance history on an issue's page.
    "stances": "stances-{id}",
    # An issue's section on an explainer's issues page, and one actor's position in it.
    "issue": "issue-{id}",
    "position": "issue-{issue}--{actor}",
    "explainer": "explainer-{slug}",
    # A document's entry on a sources page.
    "document": "document-{id}",
    # A comparison of several figures (explainer.yml's `comparisons:`), and the pictures: a
    # figure's chart, a comparison's chart.
    "comparison": "comparison-{id}",
    "chart": "chart-{id}",
    "comparison-chart": "compare-{id}",
    "changes": "what-changed",
    "data": "get-the-data",
    # The sections the templates head, named here rather than after their words, so that a
    # section's address is the same in every language and when its heading is reworded
    # (Markdown would name a Bulgarian heading "_2", by its place on the page).
    "key-numbers": "key-numbers",
    "what-happened": "what-happened",
    "at-a-glance": "where-they-stand-at-a-glance",
    "whats-next": "whats-next",
    "unknowns": "what-we-dont-know",
    "where-they-stand": "where-they-stand",
    "the-numbers": "the-numbers",
    "events": "events",
    "in-the-explainers": "in-the-explainers",
    "part-of": "part-of",
    "members": "members-and-representatives",
    "belongs-to": "who-belongs-to-whom",
    "kind": "kind-{id}",
    "documents": "documents",
    "stances-legend": "what-the-stances-mean",
    "statuses-legend": "what-the-statuses-mean",
    "front-explainers": "the-explainers-newest-first",
    "front-across": "across-the-explainers",
}

# What MkDocs and the theme put at the top of the site: an explainer may not take these names.
_THEME_NAMES = frozenset({"assets", "search", "404", "sitemap.xml", "sitemap.xml.gz"})
# Whether pages are served at their folder's address (``x/``) or their HTML file's (``x.html``).
_directory_urls = True


@contextlib.contextmanager
def served(directory_urls: bool):
    """Addresses as a site built with mkdocs.yml's ``use_directory_urls`` serves them, while
    generating: the links MkDocs does not rewrite (in raw HTML, structured data, feeds, embed
    code) must point where the engine puts each page."""
    global _directory_urls
    before, _directory_urls = _directory_urls, directory_urls
    try:
        yield
    finally:
        _directory_urls = before


def directory_urls() -> bool:
    """Whether pages are served at their folder's address, for this build (see ``served``)."""
    return _directory_urls


def path(kind: str, page: int = 1, **params: str) -> str:
    """The Markdown file a page is saved as: ``path("actor", id="russia")`` → ``actors/russia.md``,
    and with ``page=2`` its second page, ``actors/russia/page/2.md``."""
    found = KINDS[kind]
    if page > 1:
        return found.paging.path.format(n=page, **params)
    return found.path.format(**params)


def download(kind: str, **params: str) -> str:
    return DOWNLOADS[kind].format(**params)


def embed(block: str, slug: str, **params: str) -> str:
    """The Markdown file of the embed page showing ``block`` of explainer ``slug``:
    ``embed("figure-chart", "budget", id="cost")`` → ``budget/embed/chart-cost.md``."""
    return KINDS["embed"].path.format(slug=slug, name=EMBED_NAMES[block].format(**params))


def anchor(kind: str, **params: str) -> str:
    return ANCHORS[kind].format(**params)


def url(page: str) -> str:
    """The address a page file is served at, relative to the site's root: ``actors/russia/``
    (or ``actors/russia.html`` without directory URLs)."""
    if not page.endswith(".md"):
        return page
    stem = page[: -len(".md")]
    if not _directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def link(here: str, target: str, at: str | None = None) -> str:
    """A link from page ``here`` to file ``target`` (a page or a download), relative to ``here``."""
    relative = _relative(target, posixpath.dirname(here) or ".")
    return f"{relative}#{at}" if at else relative


# A desk's pages make tens of thousands of links among a few thousand addresses: computing each
# relative path once took a sixth of the time rendering them.
@functools.lru_cache(maxsize=1 << 16)
def _relative(target: str, start: str) -> str:
    # posixpath.relpath makes both paths absolute (a getcwd and a normpath each) before
    # comparing them; the site's paths are already plain relative ones, so only their common
    # folders need dropping: the same answer, in a fifth of the time, for thousands of pairs.
    ends, starts = target.split("/"), [] if start == "." else start.split("/")
    if not target or any(part in ("", ".", "..") for part in (*ends, *starts)):
        return posixpath.relpath(target, start)  # absolute, or with "." or "..": not the site's own
    common = 0
    for a, b in zip(ends, starts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(starts) - common) + ends[common:]) or "."


def href(here: str, target: str, at: str | None = None) -> str:
    """The same link as an address in the built site, relative to page ``here``'s own address:
    for structured data and HTML, which no engine rewrites."""
    return _between(url(here), url(target), at)


def across(here: str, from_root: str, to_root: str) -> str:
    """A link from page ``here`` of the site under ``from_root`` to the same page of the site
    under ``to_root`` (each "" or a language's folder, ``bg/``: generator/languages.py)."""
    return _between(from_root + url(here), to_root + url(here))


def _between(base: str, goal: str, at: str | None = None) -> str:
    """A link from the page at address ``base`` to address ``goal`` (both relative to the site's root)."""
    if goal == base:
        return f"#{at}" if at else posixpath.basename(goal) or "./"
    # The folder the page is served from: ``actors/russia`` for ``actors/russia/``, ``actors``
    # for ``actors/russia.html``.
    relative = _relative(goal.rstrip("/") or ".", posixpath.dirname(base) or ".")
    if goal == "" or goal.endswith("/"):
        relative += "/"
    return f"{relative}#{at}" if at else relative


def href_from_file(here: str, target: str, at: str | None = None) -> str:
    """A link from a file that is not a page (a feed) to a page or file, relative to the folder
    the file is served from: ``href_from_file("feed.xml", "budget/index.md")`` → ``budget/``."""
    goal = url(target)
    relative = posixpath.relpath(goal.rstrip("/") or ".", posixpath.dirname(here) or ".")
    if relative == ".":
        relative = "./"
    elif goal == "" or goal.endswith("/"):
        relative += "/"
    return f"{relative}#{at}" if at else relative


def absolute(site_url: str | None, here: str, target: str, at: str | None = None) -> str:
    """The address of ``target`` as a page or file ``here`` should write it where a full
    address is wanted (feeds, share cards): under ``site_url`` when the site has one, else
    relative to ``here``, which the reader's software resolves against the address it fetched."""
    if site_url:
        goal = url(target)
        return urllib.parse.urljoin(site_url.rstrip("/") + "/", goal) + (f"#{at}" if at else "")
    return href(here, target, at) if here.endswith(".md") else href_from_file(here, target, at)


def taken(kind: str) -> frozenset[str]:
    """Values of a page's ``{id}`` or ``{slug}`` that would give it the address of another page
    or of a folder the site already has: refused by validation, so no page silently replaces
    another."""
    prefix = PAGES[kind].split("{", 1)[0]
    names = set(_THEME_NAMES) if prefix == "" else set()
    patterns = [other for other_kind, other in {**PAGES, **DOWNLOADS}.items() if other_kind != kind]
    for other in [*patterns, *PAGED.values()]:
        if other.startswith(prefix):
            name = other[len(prefix):].split("/", 1)[0]
            if "{" not in name:
                names.add(name.removesuffix(".md"))
    return frozenset(names)


def variable(kind: str) -> str:
    """The name of a page pattern's variable part: ``id`` or ``slug``."""
    found = PATH_KEY.findall(PAGES[kind])
    return found[0] if found else ""


def slugify(title: str, longest: int = 60) -> str:
    """An id made from a title, for an explainer whose folder does not name it (a desk of one):
    ``Russia–Ukraine talks in Istanbul`` → ``russia-ukraine-talks-in-istanbul``."""
    # Accents go (Erdoğan → erdogan); any other character that is not a letter or digit
    # separates words (Russia–Ukraine → russia-ukraine).
    decomposed = unicodedata.normalize("NFKD", title.lower())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", kept)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > longest:
            break
        slug = f"{slug}-{word}" if slug else word
    slug = slug or (words[0][:longest] if words else "")
    return slug if slug and slug not in taken("explainer") else f"explainer-{slug}".rstrip("-")
