"""Embeds: each picture and table of an explainer on a bare page of its own, which other sites
put in an <iframe>, as they do with Datawrapper or Flourish.

This module decides which blocks of an explainer can be embedded and what each says about
itself (title, sources, where it comes from); the addresses are ``urls.embed``'s. The page's
Markdown is ``templates/embed.md.j2``, which draws the block with the very macros
(``_blocks.md.j2``) and pictures (``charts.py``) the explainer's own pages use, so an embed
always looks like the block it shows. The HTML around it is the theme's ``embed.html``, which
the page's front matter names; the code to copy, shown beside each block on the explainer's
pages, is the theme's ``partials/explainer/embed-code.html``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import jinja2
from markupsafe import Markup

from . import cards, charts, urls
from .lookups import View
from .messages import filled
from .structured import feed_links
from .validated_desk import Content
from .wording import Wording


# The blocks that name their sources as the explainer's pages draw them.
CITES_ITSELF = frozenset({"key-numbers", "figure-chart", "comparison-chart"})


@dataclasses.dataclass(frozen=True)
class Embed:
    """One embeddable block of an explainer."""

    block: str  # a key of urls.EMBED_NAMES: what it shows
    path: str  # its page's Markdown file (urls.embed)
    title: str
    what: str  # "picture" or "table", for the words of its "Embed" disclosure
    sources: tuple[str, ...]  # what its source line cites
    page: str  # the explainer's page (a urls.PAGES kind) it links back to, at ``at``
    at: str | None = None
    id: str | None = None  # the figure's or comparison's id, for a chart

    @property
    def source_line(self) -> bool:
        """Whether the embed page says its sources under the block: not where the block cites
        them itself (the key numbers' cards, a chart's caption), which would say them twice."""
        return bool(self.sources) and self.block not in CITES_ITSELF

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[1].removesuffix(".md")


def _ids(*lists: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for ids in lists for s in ids))


def embeds(w: Wording, view: View, content: Content) -> dict[str, Embed]:
    """Every block of one explainer that has an embed page, by the page's name, in the order
    its pages show them: the key numbers, the stance tables, the map, the charts."""
    x = view.x
    slug = x.slug
    found: list[Embed] = []

    def add(block: str, **fields: Any) -> None:
        params = {"id": fields["id"]} if fields.get("id") else {}
        found.append(Embed(block, urls.embed(block, slug, **params), **fields))

    key = [f for f in x.figures.values() if f.key]
    if key:
        add("key-numbers", title=w.embed_titles["key-numbers"], what="table",
            sources=_ids(*(f.source for f in key)), page="explainer")
    parties = [content.actors[a] for a in x.story.parties]
    for block, actors, page in (("glance", parties, "explainer"), ("positions", view.matrix_actors, "explainer-positions")):
        if block == "glance" and not (x.story.parties and view.issues):
            continue
        if block == "positions" and not (view.issues and view.matrix_actors):
            continue
        held = [view.current(i.id, a.id) for i in view.issues for a in actors]
        add(block, title=w.embed_titles[block], what="table",
            sources=_ids(*(p.source for p in held if p)), page=page)
    if view.roots:
        cast = view.cast
        shown = [a for root in view.roots for a in (root, *(row.actor for row in view.member_rows(root, charts.MAX_MEMBERSHIP_DEPTH)))]
        # What this story says of them (its cast), or else the registry's sources, as far as
        # the explainer's sources page lists them (the source line links there).
        cited = _ids(*(cast[a.id].source if a.id in cast else a.source for a in shown))
        add("actor-map", title=w.embed_titles["actor-map"], what="picture",
            sources=tuple(s for s in cited if s in view.citations), page="explainer-actors")
    for comparison in view.comparisons:
        figures = [x.figures[f] for f in comparison.figures]
        add("comparison-chart", title=comparison.title, what="picture", sources=_ids(*(f.source for f in figures)),
            page="explainer-figures", at=urls.anchor("comparison", id=comparison.id), id=comparison.id)
    for f in x.figures.values():
        if charts.drawn(f):
            add("figure-chart", title=f.label, what="picture", sources=_ids(f.source),
                page="explainer-figures", at=urls.anchor("figure", id=f.id), id=f.id)
    return {e.name: e for e in found}


def front_matter(w: Wording, e: Embed, view: View, content: Content, site_url: str | None) -> dict[str, Any]:
    """An embed page's front matter: the theme's bare template, out of the site's search, and
    what link previews and the browser's title say of it: its explainer's share card and
    feeds, as on the explainer's pages. No schema.org object: a bare page that asks search
    engines not to index it describes nothing its explainer's pages do not."""
    story = view.x.story
    draft = {"draft": dict(w.draft)} if story.draft else {}
    return {
        **draft,
        "description": filled(w.EMBED_DESCRIPTION, title=e.title, explainer=story.title),
        "template": "embed.html",
        # Material's search and Zensical's both read this; the embed pages are in no navigation
        # either (plugin.py, like every generated page, and zensical.yml lists none of them).
        "search": {"exclude": True},
        "explainer": story.title,
        "card": cards.meta(w, content, view.x, e.path, site_url),
        "feeds": feed_links(w, e.path, content, view, site_url),
        "updated": story.updated,
    }


def embed_name(block: str, **params: str) -> str:
    """The name of a block's embed page (``key-numbers``, ``figure-chart-bodies``), for ``share``."""
    return urls.EMBED_NAMES[block].format(**params)


@jinja2.pass_context
def share(context: jinja2.runtime.Context, names: list[str]) -> Markup:
    """The one "Share and embed" disclosure of the explainer page being rendered (``here``), at
    its end, out of the reading: for each of its blocks (``names``, from ``embed_name``) the
    <iframe> code to copy, with the embed page's full address under ``site_url``, else its
    address relative to this page, said as such. Nothing on a page with no block to embed."""
    if not names:
        return Markup("")
    site_url = context["site_url"]
    explainer = context["x"].x.story.title
    found: list[Embed] = [context["embeds"][name] for name in dict.fromkeys(names)]
    w: Wording = context["w"]
    return charts.partial(
        w, context["partials"], "embed-code.html",
        codes=[
            {
                "src": urls.absolute(site_url, context["here"], e.path),
                "frame_title": filled(w.EMBED_FRAME_TITLE, title=e.title, explainer=explainer),
                "name": e.name,
                "label": filled(w.embed_code_labels[e.what], title=e.title),
            }
            for e in found
        ],
        summary=w.EMBED_SUMMARY,
        how=w.EMBED_HOW,
        relative=None if site_url else w.EMBED_RELATIVE,
    )
