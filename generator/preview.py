"""A preview's rebuilds: the same pages as ``generate()``, re-rendering only what an edit touched.

Under ``mkdocs serve`` each save runs the generator again. Rendering every page of a large desk
costs what the desk holds, not what the edit touched, so ``Preview`` keeps the last rebuild
(the parsed files, the content, the pages) and, when only files inside explainer folders
changed, renders again only the pages that can show them: those explainers' own pages; of the
actors and issues their files name (before or after the edit), the pages that list those
explainers, and on an issue's pages also any explainer whose stances there now read otherwise
("was: …" names the stance before, which may be the edited one), and its first page; of the
desk's home page and timeline, the first page and those listing those explainers or their
events; and every page of the desk's who's who, issues and sources. Every other page is kept.

Whenever that could be wrong it renders everything, as ``generate()`` does: on the first call;
when a file outside the explainers' folders changed (the registry, desk.yml), or a template or
picture partial; when explainers were added, removed or reordered; when the desk's date changed;
or when any entry moved to another page of a paged list (links into those lists name the page).
Either way the result is the same Markdown, byte for byte, as ``generate()`` gives
(tests/test_preview.py checks it edit after edit).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import Generated, cards, feeds, generated_from, urls
from .charts import PARTIALS
from .export import export
from .load import display_path, load
from .lookups import DeskIndex, desk_index
from .model import EXPLAINERS_FOLDER, Content, Explainer
from .render import TEMPLATES, Only, render
from .validate import validate


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


class Preview:
    """The generator as a preview runs it, save after save (see the module's docstring)."""

    def __init__(self) -> None:
        self.cache: dict[Path, Any] = {}
        self.last: _Last | None = None
        # What the last call rendered: None for every page, else the pages' paths.
        self.rendered: set[str] | None = None

    def generate(self, content_dir: Path, templates: Sequence[Path] = (TEMPLATES,), partials: Path = PARTIALS,
                 site_url: str | None = None) -> Generated:
        documents = load(content_dir, self.cache)
        content = validate(documents, display_path(content_dir))
        desk = desk_index(content)
        stamp = folder_stamp([*templates, partials])
        only = self._only(documents, content, desk, stamp, site_url)
        last = self.last
        files = None
        if only is None or last is None:
            pages = render(content, templates, partials, site_url, desk=desk)
            downloads = export(content)
            self.rendered = None
        else:
            fresh = render(content, templates, partials, site_url, only=only, desk=desk)
            if not fresh.keys() <= last.generated.pages.keys():
                # A page that was not there before: the site's structure changed after all.
                pages, downloads, self.rendered = render(content, templates, partials, site_url, desk=desk), export(content), None
            else:
                pages = {path: fresh.get(path, markdown) for path, markdown in last.generated.pages.items()}
                downloads = {**last.generated.downloads, **export(content, only.explainers)}
                self.rendered = set(fresh)
                # The feeds are the desk's; of the share cards, only the edited explainers' change.
                files = {**last.generated.files, **feeds.feeds(content, site_url)}
                for slug in only.explainers:
                    files[urls.download("explainer-card", slug=slug)] = cards.draw(cards.card(content, content.explainers[slug]))
        generated = generated_from(content, pages, downloads, site_url, files)
        self.last = _Last(documents, content, desk, generated, stamp, site_url, urls.directory_urls())
        return generated

    def _only(self, documents: dict[str, Any], content: Content, desk: DeskIndex, stamp: tuple, site_url: str | None) -> Only | None:
        """The pages an edit since the last call can have changed, or None for all of them."""
        last = self.last
        if (last is None or stamp != last.templates or documents.keys() != last.documents.keys() or site_url != last.site_url
                or urls.directory_urls() != last.directory_urls):
            return None
        changed = [name for name, document in documents.items() if document is not last.documents[name]]
        parts = [name.split("/") for name in changed]
        if any(len(p) != 3 or p[0] != EXPLAINERS_FOLDER for p in parts):
            return None
        if list(content.explainers) != list(last.content.explainers) or content.updated != last.content.updated:
            return None
        if desk.entry_pages != last.desk.entry_pages:
            return None
        slugs = {p[1] for p in parts}
        if not slugs <= content.explainers.keys():
            return None
        names: set[str] = set()
        events: set[str] = set()
        for slug in slugs:
            for x in (last.content.explainers[slug], content.explainers[slug]):
                names |= _strings(x)
                events |= set(x.events)
        actors = names & content.actors.keys()
        issues = names & content.issues.keys()
        at = {slug: urls.anchor("explainer", slug=slug) for slug in content.explainers}
        pages: dict[str, set[str]] = {
            "desk": {urls.path("desk")} | {urls.path("desk", page=desk.page_of("desk", at[s])) for s in slugs},
            "desk-timeline": {urls.path("desk-timeline")} | {
                urls.path("desk-timeline", page=desk.page_of("desk-timeline", urls.anchor("event", id=e))) for e in events
            },
            "actor": {urls.path("actor", id=a, page=desk.page_of("actor", at[s], id=a)) for a in actors for s in slugs},
            "issue": set(),
        }
        for issue_id in issues:
            before, after = _stances(last.desk, issue_id), _stances(desk, issue_id)
            reread = slugs | {s for s in before.keys() | after.keys() if before.get(s) != after.get(s)}
            pages["issue"] |= {urls.path("issue", id=issue_id)} | {
                urls.path("issue", id=issue_id, page=desk.page_of("issue", at[s], id=issue_id)) for s in reread if s in at
            }
        return Only(
            explainers=frozenset(slugs),
            actors=frozenset(actors),
            issues=frozenset(issues),
            pages={kind: frozenset(paths) for kind, paths in pages.items()},
        )


def _stances(desk: DeskIndex, issue_id: str) -> dict[str, tuple]:
    """Per explainer, the stances on an issue it reports as its page shows them: who, when,
    what, and what it was before (from whichever explainer reported that)."""
    found: dict[str, list] = {}
    for actor_id, stances in desk.history.get(issue_id, {}).items():
        for stated in stances:
            was = (stated.was.date, stated.was.stance) if stated.was else None
            for x, _ in stated.reports:
                found.setdefault(x.slug, []).append((actor_id, stated.date, stated.stance, was))
    return {slug: tuple(lines) for slug, lines in found.items()}


def _strings(x: Explainer) -> set[str]:
    """Every string in an explainer's data: among them, the id of every actor and issue it names,
    wherever it names them (a position, a figure, an event, the cast, the parties…)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[Any] = [x]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, (int, float, bool)) or value is None:
            continue
        elif id(value) in seen:
            continue
        else:
            seen.add(id(value))
            if isinstance(value, dict):
                stack += [*value.keys(), *value.values()]
            elif isinstance(value, (list, tuple, set, frozenset)):
                stack += list(value)
            elif hasattr(value, "__dict__"):
                stack += list(vars(value).values())
            elif hasattr(value, "__slots__"):
                stack += [getattr(value, name, None) for name in value.__slots__]
    return found


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
