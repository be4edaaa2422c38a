"""The registry of page kinds: each kind of page the site has, declared once.

A kind says where its pages are saved (its path pattern, and page ``{n}``'s when its main list
goes on over several), which template writes them, what its pages are about (one page, or one
per explainer, actor or issue), its words (keys of ``messages.PAGE_TITLES`` and
``PAGE_PURPOSES``), its schema.org object, its place in the navigation, whether search reads it,
and what content it reads. Everything else asks this module rather than keeping a table of its
own: the URL scheme (``urls.PAGES``/``urls.PAGED`` are views of the patterns below), the render
(``render.jobs``), the structured data, the search words, the embeds, the navigation, the paged
lists (``paging.py``) and the preview (which pages an edit can change).

To add a kind, see the README's "How to add a page kind". ``register`` adds one at run time
(tests do, to prove those steps).

Nothing here imports the rest of the generator at load time but the list of content files
(``files``, which never needs ``urls``): ``urls`` reads this module, so the few calls it makes into ``urls`` and ``structured`` are made when a page is built.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .files import DESK_FILES
from .messages import filled

if TYPE_CHECKING:  # only for the annotations: importing them here would be circular
    from .desk_index import DeskIndex
    from .validated_desk import Content
    from .structured import Page, Thing, _Site

# What content a kind's pages read, for the preview: the files at the top of the content folder
# by name, and EXPLAINERS for the explainers' own files (an explainer's pages read their own
# explainer's; the desk's, actors' and issues' pages, every explainer's).
EXPLAINERS = "explainers"
REGISTRY = frozenset(f.name for f in DESK_FILES)
EVERYTHING = REGISTRY | {EXPLAINERS}
# Of an explainer's story (its explainer.yml), the fields that only its own pages and the front
# page show (``Kind.unshown`` of the kinds about no one explainer says so).
OWN_STORY = frozenset({"standfirst", "why_it_matters", "place"})
# What one page of a kind is about: the desk (one page), or each explainer, actor or issue;
# with the key each fills in the kind's path (``{name}``, besides, is a bare page's own).
SUBJECT_KEYS = {"desk": (), "actor": ("id",), "issue": ("id",), "explainer": ("slug",)}
# A key in a kind's path: ``{slug}``, ``{id}``.
PATH_KEY = re.compile(r"\{(\w+)\}")


def _at(kind: str, **params: str) -> str:
    return _urls().anchor(kind, **params)


@functools.cache
def _urls():
    """``urls``, which reads this module's patterns: imported when a page is first built, once
    (an import statement here would run again for each of the thousands of entries of a desk)."""
    from . import urls

    return urls


@dataclasses.dataclass(frozen=True)
class Paging:
    """How a page's main list goes on over numbered pages, so that no page grows with the desk."""

    # Where page ``{n}`` (2, 3…) is saved; page 1 is the kind's own path.
    path: str
    # Entries a page holds, at most about as much as an explainer's own longest page.
    per_page: int
    # The list, in order: of the desk's cross-references (and the page's ``{id}``, if any).
    entries: Callable[[Content, DeskIndex, dict[str, str]], Any]
    # Each entry's anchor: a link to an entry names the page that holds it.
    anchor: Callable[[Any], str]
    # The explainer an entry comes from, for the preview: an edit to an explainer re-renders the
    # first page and the pages holding its entries. None: every page reads every explainer.
    owner: Callable[[Any], str] | None = None
    # Of a list whose entries come from no one explainer (the sources, each cited by several):
    # the explainers an entry shows, by the desk's cross-references. An edit to an explainer
    # re-renders the first page and the pages holding an entry that shows it, before or after.
    mentions: Callable[[DeskIndex, Any], Iterable[str]] | None = None
    # What an entry shows of other explainers besides its own (an issue's "was: …" stance), by
    # the entry's explainer: the preview re-renders the pages where it changed too.
    shows: Callable[[DeskIndex, dict[str, str]], dict[str, Any]] | None = None
    # Cut from the end, so that page 1 holds the latest entries (each page still in order).
    latest_first: bool = False
    # Of an explainer's story, the fields shown only beside its own entries (its title heading
    # them): an edit of nothing else renders the pages holding them, not the first page too.
    beside_entries: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True)
class Kind:
    """One kind of page (see the module's docstring)."""

    name: str
    # Where its page is saved, under the docs folder: ``{slug}`` an explainer's folder name,
    # ``{id}`` an actor's or issue's id.
    path: str
    # What content its pages show (REGISTRY files, EXPLAINERS): an edit to anything else
    # leaves its pages as they are in a preview.
    reads: frozenset[str]
    # What one page is about (SUBJECT_KEYS): one page for the desk, else one per explainer, actor or
    # issue, which its template gets as ``x``, ``actor`` or ``issue``.
    subject: str = "desk"
    # Its schema.org object, by structured._Site's builders; None for a page with none.
    schema: Callable[[_Site, Page], Thing] | None = None
    # Its link-preview description; None for "{title}: {purpose}." from messages.PAGE_PURPOSES.
    describe: Callable[[Page], str] | None = None
    paging: Paging | None = None
    # Its place in the navigation (an explainer kind's: the newest explainers), None if none.
    nav: int | None = None
    # A bare page (an embed): in no search, no navigation, and no list of the site's pages.
    bare: bool = False
    # Parts of the theme's page it leaves out (front matter's ``hide``).
    hide: tuple[str, ...] = ()
    # Of an explainer's story, the fields its pages never show, of any explainer: a preview
    # renders none of them again after an edit of nothing else. Left empty, a kind is rendered
    # again on every edit (tests/test_preview.py edits each field against a full render).
    unshown: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # A kind's pages are made one per subject, its path filled with that subject's key: a
        # kind declared with another subject, or a path naming another key, would fail only
        # once a build renders it, far from the declaration.
        if self.subject not in SUBJECT_KEYS:
            raise ValueError(f"kind {self.name!r}: subject {self.subject!r} (expected one of {', '.join(SUBJECT_KEYS)})")
        keys = set(PATH_KEY.findall(self.path)) - ({"name"} if self.bare else set())
        expected = set(SUBJECT_KEYS[self.subject])
        if keys != expected:
            about = f"pages about each {self.subject}" if expected else "the desk's one page"
            shown = ", ".join(f"{{{k}}}" for k in sorted(expected)) or "no {…}"
            raise ValueError(f"kind {self.name!r}: path {self.path!r} for {about} (expected {shown} in it)")

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"


def _item_list(items: Callable[[_Site, Page], list[Any]], total: Callable[[_Site, Page], int] | None = None):
    """A list page's schema.org ItemList, of the items ``items`` gives."""
    return lambda site, page: site.item_list(page, items(site, page), total(site, page) if total else None)


def _cited(page: Page) -> list[Any]:
    c = page.c
    return [c.sources[s] for s in sorted(page.x.citations, key=list(c.sources).index)]


def _actor_preview(page: Page) -> str:
    actor = page.actor
    return filled(page.w.ACTOR_PREVIEW, role=actor.role, description=actor.description) if actor.role else actor.description


def _citing_explainers(desk: DeskIndex, item: tuple[str, Any]) -> list[str]:
    """The explainers a sources page's entry lists as citing a source, or naming a document."""
    what, entry = item
    return [x.slug for x, _ in (desk.cited_in if what == "source" else desk.document_uses).get(entry.id, ())]


def _by_kind(content: Content) -> list[Any]:
    order = {kind: i for i, kind in enumerate(content.kinds)}
    return sorted(content.actors.values(), key=lambda a: order.get(a.kind, len(order)))


_KINDS = [
    # -- the desk's own pages ------------------------------------------------------------------
    Kind(
        "desk", "index.md", EVERYTHING, nav=1,
        describe=lambda page: page.c.desk.description or page.w.DESK_PURPOSE,
        # The front lists the explainers itself: the theme's footer leads to no "Next" one.
        hide=("footer",),
        schema=lambda site, page: site.desk(page.desk),
        paging=Paging("page/{n}.md", 10, lambda c, d, p: d.explainers, lambda x: _at("explainer", slug=x.slug),
                      owner=lambda x: x.slug),
    ),
    Kind(
        "desk-timeline", "timeline.md", EVERYTHING, nav=3,
        schema=_item_list(lambda site, page: [site.event(e) for _, e in site.entries(page.desk.timeline)]),
        paging=Paging("timeline/page/{n}.md", 30, lambda c, d, p: d.timeline, lambda xe: _at("event", id=xe[1].id),
                      owner=lambda xe: xe[0].slug, latest_first=True, beside_entries=frozenset({"title"})),
        unshown=OWN_STORY,
    ),
    Kind(
        "desk-actors", "actors/index.md", EVERYTHING, nav=4,
        schema=_item_list(lambda site, page: [site.ref(a, with_id=True) for a in site.entries(page.c.actors.values())]),
        paging=Paging("actors/page/{n}.md", 100, lambda c, d, p: _by_kind(c), lambda a: a.id),
        # It counts the explainers naming each actor, and shows nothing of their stories.
        unshown=OWN_STORY | {"title"},
    ),
    Kind(
        "desk-issues", "issues/index.md", EVERYTHING, nav=5,
        schema=_item_list(lambda site, page: [site.question(i) for i in site.entries(page.c.issues.values())]),
        paging=Paging("issues/page/{n}.md", 100, lambda c, d, p: list(c.issues.values()), lambda i: i.id),
        unshown=OWN_STORY | {"title"},
    ),
    Kind(
        "desk-sources", "sources.md", EVERYTHING, nav=6,
        # Of every source, however many pages the list goes on over; the documents that follow
        # the sources on its pages are not items of this list.
        schema=_item_list(
            lambda site, page: [site.source(s) for what, s in site.entries([("source", s) for s in page.c.sources.values()])
                                if what == "source"],
            total=lambda site, page: len(page.c.sources),
        ),
        paging=Paging(
            "sources/page/{n}.md", 50,
            lambda c, d, p: [("source", s) for s in c.sources.values()] + [("document", d) for d in c.documents.values()],
            lambda item: _at(item[0], id=item[1].id), mentions=_citing_explainers,
            # An explainer's title is shown only in its sources' entries ("Cited in: …").
            beside_entries=frozenset({"title"}),
        ),
        unshown=OWN_STORY,
    ),
    # -- an actor's and an issue's page, across explainers -------------------------------------
    Kind(
        "actor", "actors/{id}.md", EVERYTHING, subject="actor",
        describe=_actor_preview,
        schema=lambda site, page: site.actor_page(page.actor, page.desk),
        # The explainers it appears in, newest first, with what it is and says in each.
        paging=Paging("actors/{id}/page/{n}.md", 5, lambda c, d, p: d.appearances.get(p["id"], []),
                      lambda a: _at("explainer", slug=a.explainer.slug), owner=lambda a: a.explainer.slug,
                      beside_entries=frozenset({"title"})),
        unshown=OWN_STORY,
    ),
    Kind(
        "issue", "issues/{id}.md", EVERYTHING, subject="issue",
        describe=lambda page: page.issue.question,
        schema=lambda site, page: site.question_page(page.issue, page.desk),
        # The explainers that cover it, newest first, with what each reports on it; a stance's
        # "was: …" may come from another explainer.
        paging=Paging("issues/{id}/page/{n}.md", 5, lambda c, d, p: d.issue_explainers.get(p["id"], ()),
                      lambda x: _at("explainer", slug=x.slug), owner=lambda x: x.slug,
                      shows=lambda d, p: d.stances_by_explainer(p["id"]), beside_entries=frozenset({"title"})),
        unshown=OWN_STORY,
    ),
    # -- an explainer's pages, in the order its "In this explainer" bar lists them -------------
    Kind(
        "explainer", "{slug}/index.md", EVERYTHING, subject="explainer", nav=2,
        describe=lambda page: page.x.x.story.standfirst,
        schema=lambda site, page: site.article(page.x),
    ),
    Kind("explainer-timeline", "{slug}/timeline.md", EVERYTHING, subject="explainer",
         schema=_item_list(lambda site, page: [site.event(e) for e in page.x.timeline])),
    Kind("explainer-actors", "{slug}/actors.md", EVERYTHING, subject="explainer",
         schema=_item_list(lambda site, page: [site.ref(a, with_id=True) for a in page.x.actors])),
    Kind("explainer-issues", "{slug}/issues.md", EVERYTHING, subject="explainer",
         schema=_item_list(lambda site, page: [site.question(i) for i in page.x.issues])),
    Kind("explainer-positions", "{slug}/positions.md", EVERYTHING, subject="explainer",
         schema=_item_list(lambda site, page: [site.claim(p) for p in page.x.x.positions])),
    Kind("explainer-figures", "{slug}/figures.md", EVERYTHING, subject="explainer",
         schema=_item_list(lambda site, page: [site.observation(f) for f in page.x.x.figures.values()])),
    Kind("explainer-sources", "{slug}/sources.md", EVERYTHING, subject="explainer",
         schema=_item_list(lambda site, page: [site.source(s) for s in _cited(page)])),
    # -- bare pages ------------------------------------------------------------------------------
    # One picture or table of an explainer each (generator/embeds.py), for other sites'
    # <iframe>s, at ``{slug}/embed/{name}/``: ``{name}`` is urls.EMBED_NAMES's, by the block it
    # shows. Its front matter is embeds.front_matter's.
    Kind("embed", "{slug}/embed/{name}.md", EVERYTHING, subject="explainer", bare=True),
]

KINDS: dict[str, Kind] = {kind.name: kind for kind in _KINDS}


def register(kind: Kind) -> None:
    """Add a kind (or replace one of the same name): every view of the registry follows."""
    KINDS[kind.name] = kind


def pages(subject: str | None = None) -> list[Kind]:
    """The kinds of the site's own pages (not bare ones), in the registry's order; with
    ``subject``, those whose pages are about it."""
    return [k for k in KINDS.values() if not k.bare and (subject is None or k.subject == subject)]


V = TypeVar("V")


class ByKind(Mapping[str, V], Generic[V]):
    """A live mapping of kind names to one thing each kind declares (``urls.PAGES`` is the
    patterns'), over the kinds for which it is not None: a kind registered later is in it."""

    def __init__(self, field: Callable[[Kind], V | None]):
        self._field = field

    def __getitem__(self, name: str) -> V:
        found = self._field(KINDS[name]) if name in KINDS and not KINDS[name].bare else None
        if found is None:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return (k.name for k in pages() if self._field(k) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)
