"""A preview's rebuilds: the same pages as ``generate()``, re-rendering only what an edit touched.

Under ``mkdocs serve`` each save runs the generator again. Rendering every page of a large desk
costs what the desk holds, not what the edit touched, so ``Preview`` keeps the last rebuild
(the parsed files, the content, the pages) and renders again only the pages that can show what
changed, as the registry of page kinds (kinds.py) declares what each kind reads: of the kinds
that read a changed file, every page; when only explainers' files changed, those explainers'
own pages, and of the kinds that read every explainer, the pages about the actors and issues
their files name (before or after the edit, ``lookups.named``), and of a paged list the first
page and those holding an entry from those explainers, or showing something of them that now
reads otherwise (an issue's "was: …", ``Paging.shows``), or naming them before or after (a
source's "Cited in: …", ``Paging.mentions``); when only fields of their stories
changed, none of a kind that never shows them (``Kind.unshown``: the standfirst on an actor's
page), and no first page of a list that shows them only beside their own entries
(``Paging.beside_entries``: the title). Every other page is kept.

Whenever that could be wrong it renders everything, as ``generate()`` does: on the first call;
when a file every kind reads changed (the registry, desk.yml), or a template or picture partial;
when explainers, actors or issues were added, removed or reordered; when the desk's date
changed; when any entry moved to another page of a paged list (links into those lists name
the page); or when the desk spells or names anything anew (a word with accents, an actor's
other name), which every page's search words may answer to. Either way the result is the same
Markdown, byte for byte, as ``generate()`` gives (tests/test_preview.py checks it edit after
edit).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import Generated, cards, feeds, generated_from, kinds, urls
from .charts import PARTIALS
from .export import Parts, export
from .files import translation_of
from .translations import translated
from .kinds import EXPLAINERS, Kind
from .desk_index import DeskIndex, desk_index
from .lookups import named
from .model import EXPLAINERS_FOLDER
from .render import TEMPLATES, Only, render
from .search import Annotations
from .validate import Kept, validated
from .validated_desk import Content, Explainer
from .wording import Wording


@dataclasses.dataclass
class _Last:
    documents: dict[str, Any]
    content: Content
    desk: DeskIndex
    generated: Generated
    templates: tuple[tuple[str, int, int], ...]
    site_url: str | None
    # Whether pages were addressed as folders (mkdocs.yml's use_directory_urls may change).
    directory_urls: bool
    language: str | None = None
    # What the desk spells and names (search.Lexicon.spelled): every page's search words follow it.
    spelled: object = None


class Preview:
    """The generator as a preview runs it, save after save (see the module's docstring)."""

    def __init__(self, drafts: bool = True, saves: bool = True) -> None:
        # `make serve` shows drafts, marked "Draft"; `make build` reuses this code (build_cache)
        # and leaves them out, as every build does.
        self.drafts = drafts
        # Whether there is a next call, a preview's next save, to keep for what validation found
        # in each file and the pages' search terms (each page twice in memory): a build has none.
        self.saves = saves
        self.cache: dict[Path, Any] = {}
        self.last: _Last | None = None
        # What the last call rendered: None for every page, else the pages' paths.
        self.rendered: set[str] | None = None
        # What the downloads said of each explainer (export.Parts), for those an edit leaves alone;
        # and the pages' search terms, for pages rendered again as they were.
        self.exported: dict[str, Parts] = {}
        self.annotations: Annotations | None = Annotations() if saves else None
        self.validated: Kept | None = Kept() if saves else None

    def __getstate__(self) -> dict[str, Any]:
        # The build cache keeps the rest on disk: these would add half to it, and are worked out
        # again for the pages and downloads a build makes again.
        return {**self.__dict__, "exported": {}, "annotations": None, "validated": None, "saves": False}

    def generate(self, content_dir: Path, templates: Sequence[Path] = (TEMPLATES,), partials: Path = PARTIALS,
                 site_url: str | None = None, language: str | None = None) -> Generated:
        documents, content = validated(content_dir, drafts=self.drafts, cache=self.cache, kept=self.validated)
        content = translated(content, language)
        desk = desk_index(content)
        stamp = folder_stamp([*templates, partials])
        only = self._only(documents, content, desk, stamp, site_url, language) if self.last is None or self.last.language == language else None
        last = self.last
        files = None
        # A build's (saves=False) are kept for this call only, and what the desk spells in _Last.
        annotations = self.annotations or Annotations()
        if only is None or last is None:
            # Everything, templates and partials perhaps changed: no page's search terms are kept.
            annotations = Annotations()
            self.annotations = annotations if self.saves else None
            pages = render(content, templates, partials, site_url, desk=desk, language=language, annotations=annotations)
            downloads = export(content, language=language, kept=self.exported)
            self.rendered = None
        else:
            fresh = render(content, templates, partials, site_url, only=only, desk=desk, language=language, annotations=annotations)
            # A page that was not there before (the site's structure changed after all), or a new
            # spelling with accents or name of an actor, which any page's search words may answer to.
            if not fresh.keys() <= last.generated.pages.keys() or annotations.desk_spelled != last.spelled:
                pages = render(content, templates, partials, site_url, desk=desk, language=language, annotations=annotations)
                downloads, self.rendered = export(content, language=language, kept=self.exported), None
            else:
                pages = {path: fresh.get(path, markdown) for path, markdown in last.generated.pages.items()}
                downloads = {**last.generated.downloads, **export(content, only.explainers, language=language, kept=self.exported)}
                self.rendered = set(fresh)
                # Of the feeds, the desk's and the edited explainers' change; of the share cards, theirs.
                w = Wording.built(content, language)
                files = {**last.generated.files, **feeds.feeds(w, content, site_url, only.explainers)}
                for slug in only.explainers:
                    files[urls.download("explainer-card", slug=slug)] = cards.draw(cards.card(w, content, content.explainers[slug]))
        generated = generated_from(content, pages, downloads, site_url, files, language=language)
        self.last = _Last(documents, content, desk, generated, stamp, site_url, urls.directory_urls(), language, annotations.desk_spelled)
        return generated

    def _only(self, documents: dict[str, Any], content: Content, desk: DeskIndex, stamp: tuple, site_url: str | None,
              language: str | None = None) -> Only | None:
        """The pages an edit since the last call can have changed, or None for all of them. The
        registry (kinds.py) says what each kind of page reads, and of a paged list, which
        explainer each entry comes from."""
        last = self.last
        if (last is None or stamp != last.templates or documents.keys() != last.documents.keys() or site_url != last.site_url
                or urls.directory_urls() != last.directory_urls):
            return None
        if (list(content.explainers) != list(last.content.explainers) or list(content.actors) != list(last.content.actors)
                or list(content.issues) != list(last.content.issues) or content.updated != last.content.updated):
            return None  # pages came or went, or the navigation or every page's date changed
        if desk.entry_pages != last.desk.entry_pages:
            return None  # links into the paged lists name the page of their entry
        # A translation changes this language's pages as its original would; another language's, none.
        changed = (_read_as(name, language) for name, document in documents.items() if document is not last.documents[name])
        parts = [name.split("/") for name in changed if name is not None]
        top = {p[0] for p in parts if len(p) == 1}
        if any(len(p) not in (1, 3) or (len(p) == 3 and p[0] != EXPLAINERS_FOLDER) for p in parts):
            return None
        slugs = {p[1] for p in parts if len(p) == 3}
        # A figure superseded by an edited explainer's figure shows that one's label and value:
        # its explainer's pages change too.
        edited = {f for slug in slugs for x in (last.content.explainers[slug], content.explainers[slug]) for f in x.figures}
        slugs |= {x.slug for x in content.explainers.values() if any(f.replaced_by in edited for f in x.figures.values())}
        every = kinds.pages()
        reading = [k for k in every if k.reads & top or (EXPLAINERS in k.reads and (slugs or k.subject != "explainer"))]
        # Which fields of the edited explainers' stories changed, if nothing else of them did.
        changes = [] if top else [_story_changes(last.content.explainers[slug], content.explainers[slug]) for slug in slugs]
        fields = None if top or None in changes else set().union(*changes)
        if fields is not None:
            # No page of a kind about no one explainer that shows none of them.
            reading = [k for k in reading if k.subject == "explainer" or not fields <= k.unshown]
        if top:
            if len(reading) == len(every):
                return None
            # Every page of the kinds that read what changed.
            return Only(frozenset(k.name for k in reading), frozenset(content.explainers), frozenset(content.actors),
                        frozenset(content.issues))
        actors: set[str] = set()
        issues: set[str] = set()
        for slug in slugs:
            for x in (last.content.explainers[slug], content.explainers[slug]):
                names = named(x)
                actors |= names.actors
                issues |= names.issues
        pages = {}
        for kind in reading:
            if kind.subject != "explainer" and kind.paging is not None and (kind.paging.owner or kind.paging.mentions):
                ids = [{}] if kind.subject == "desk" else [{"id": i} for i in sorted(actors if kind.subject == "actor" else issues)]
                first = fields is None or not fields <= kind.unshown | kind.paging.beside_entries
                pages[kind.name] = frozenset(path for params in ids for path in _touched(kind, last.desk, desk, slugs, params, first))
        return Only(frozenset(k.name for k in reading), frozenset(slugs), frozenset(actors), frozenset(issues), pages)


def _story_changes(before: Explainer, after: Explainer) -> set[str] | None:
    """The fields of an explainer's story that an edit changed, or None if it changed more than
    its story (``Kind.unshown`` and ``Paging.beside_entries`` say which pages show which)."""
    if any(getattr(before, f.name) != getattr(after, f.name) for f in dataclasses.fields(Explainer) if f.name != "story"):
        return None
    return {name for name in type(after.story).model_fields if getattr(before.story, name) != getattr(after.story, name)}


def _touched(kind: Kind, before: DeskIndex, after: DeskIndex, slugs: set[str], params: dict[str, str],
             first: bool = True) -> set[str]:
    """Of a paged list, the pages an edit to these explainers can change: the first (which may
    say what is latest; unless not ``first``) and those holding an entry from one of them, or an
    entry that shows something of them (``Paging.shows``) that now reads otherwise, or that
    shows one of them (``Paging.mentions``), before the edit or after."""
    paging = kind.paging
    reread = set(slugs)
    if paging.shows is not None:
        was, now = paging.shows(before, params), paging.shows(after, params)
        reread |= {slug for slug in was.keys() | now.keys() if was.get(slug) != now.get(slug)}

    def of_reread(item: Any) -> bool:
        """Whether the entry comes from, or shows, an explainer read again."""
        if paging.owner is not None:
            return paging.owner(item) in reread
        return any(slug in reread for desk in (before, after) for slug in paging.mentions(desk, item))

    held = {p.number for p in after.pages(kind.name, **params) if any(of_reread(item) for item in p.items)}
    return {urls.path(kind.name, page=n, **params) for n in ({1} if first else set()) | held}


def _read_as(name: str, language: str | None) -> str | None:
    """The content file whose pages a change to file ``name`` can change in ``language`` (None:
    the default): the file itself, or a translation's original when it is this language's; None
    for another language's translation, which changes none of them."""
    folder, _, base = name.rpartition("/")
    found = translation_of(base)
    if found is None:
        return name
    original, written_in = found
    if written_in != language:
        return None
    return f"{folder}/{original.name}" if folder else original.name


def folder_stamp(folders: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    """What the template folders hold: each file's path, size and time of change."""
    found = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                found.append((path, info.st_size, info.st_mtime_ns))
    return tuple(found)
