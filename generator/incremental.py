"""Under `mkdocs serve --dirty` (`make serve`), a save costs what it touches (see ``Incremental``)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, InclusionLevel

from . import search
from .diagnostics import Diagnostic
from .engine_internals.builds import BUILD_LOG, DirtyWarning, count_warnings, stop_counting, warnings_counted
from .engine_internals.page_steps import (
    PageState, converted, page_state, restore_converted, restore_page_state, reuse_pages, skipped,
)
from .engine_internals.search_index import (
    forget_earlier_searches, rewrite_search_index_from, search_entries, search_index_file, search_json,
)
from .preview import folder_stamp
from .two_cores import Shared, known_plugins

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.explainer")


class Incremental:
    """Under `mkdocs serve --dirty`, MkDocs builds again only the pages whose source file is newer
    than the page it built, and a page given to it in memory (``File.generated(content=…)``) is
    always new. So each page's Markdown is kept in a file of its own in a temporary folder,
    written only when it changed, and given to MkDocs as that file; a page that changed has its
    built HTML removed, so it is built again whatever the files' times say.

    What MkDocs alone then gets wrong, this puts right: every page when the navigation, the
    problems shown on every page, the theme or mkdocs.yml changed (each page carries them);
    titles and anchors of the pages it skipped (the navigation shows their titles, and links to
    their anchors are checked); Material's search index, which assumes one page was rebuilt
    (entries of rebuilt pages replaced, of skipped pages kept, of pages that are gone dropped);
    and files of pages or downloads that are gone, which MkDocs would go on serving.

    A page built again whose Markdown did not change (every page, when a title in the
    navigation or the problems changed) is rendered again but not converted again: it is given
    what its last conversion left on it (``converted``), when nothing else that conversion read
    changed either (``conversion_key``) and it logged no warning, which the next conversion
    logs again. Converting is half of building a page.

    The pages a save builds again are shared between two cores, as a cold build's are
    (``two_cores.py``): a title edited in a desk of many explainers changes dozens of its
    longest pages."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="explainer-preview-"))
        self.written: dict[str, str | bytes] = {}
        self.everything = True
        self.fingerprint = ""
        # Of the pages built before: their titles, front matter and anchors, and search entries.
        self.kept: dict[str, PageState] = {}
        self.search_entries: dict[str, list[str]] = {}
        # Of the pages converted before: the key of what their conversion read, and what it left
        # on them; and what every page's conversion reads besides its own Markdown.
        self.conversions: dict[str, tuple[str, bytes]] = {}
        self.conversion_base = ""
        self.warnings = count_warnings()
        self.outputs: set[str] = set()
        self.order: list[str] = []
        self.mark = 0
        self.filter = DirtyWarning()
        BUILD_LOG.addFilter(self.filter)
        # This save's build: its configuration and files, and its pages' two steps.
        self.config: MkDocsConfig | None = None
        self.site_files: Files | None = None
        self.shared = Shared()
        # The pages this save builds again, and of those the ones it converts again, known at
        # its first page (``_todo``, ``_to_convert``); how many it converted.
        self.todo: frozenset[str] | None = None
        self.convert: frozenset[str] | None = None
        self.reconverted = 0
        self.undo: Callable[[], None] | None = None

    def file(self, config: MkDocsConfig, path: str, text: str | bytes, inclusion: InclusionLevel) -> File:
        cached = self.folder / path
        file = _Saved.generated(config, path, abs_src_path=str(cached), inclusion=inclusion)
        if self.written.get(path) != text:
            cached.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):  # a share card's picture
                cached.write_bytes(text)
            else:
                cached.write_text(text, encoding="utf-8")
            self.written[path] = text
            _remove(file.abs_dest_path)
        return file

    def files(self, files: Files, config: MkDocsConfig, problems: tuple[Diagnostic, ...]) -> None:
        """Every page is built again when what each page carries besides its own Markdown changed."""
        seen = hashlib.sha256()
        # The navigation names a page listed by path alone by the page's own title: its H1 (or
        # front matter title), which a change of its Markdown may change.
        titles = [title_lines(self.written.get(path, "")) for path in nav_paths(config.nav)]
        seen.update(json.dumps([config.nav, titles, config.site_name, [str(p) for p in problems]], default=str).encode())
        settings = b""
        if config.config_file_path and os.path.isfile(config.config_file_path):
            settings = Path(config.config_file_path).read_bytes()
        seen.update(settings)
        # What converting a page reads besides its Markdown: every file's address (its links are
        # resolved and checked against them), the titles the navigation gives (a page it names
        # has that title until the page sets its own) and mkdocs.yml (the Markdown extensions).
        # Not the problems, nor the titles of the pages the navigation lists by path: the theme
        # shows those, and every page is rendered again when they change.
        self.conversion_base = hashlib.sha256(json.dumps([
            sorted((file.src_uri, file.dest_uri, file.url) for file in files), config.nav, config.site_url,
        ], default=str).encode() + settings).hexdigest()
        for gone in set(self.conversions) - {file.src_uri for file in files}:
            del self.conversions[gone]
        # The theme's own folders, not the installed Material's (14,000 icons to look at on each
        # save, and no one edits them while previewing).
        seen.update(repr(folder_stamp([Path(d) for d in config.theme.dirs if not installed_theme(d)])).encode())
        fingerprint = seen.hexdigest()
        self.everything = fingerprint != self.fingerprint
        self.fingerprint = fingerprint
        if self.everything:
            for file in files.documentation_pages():
                _remove(file.abs_dest_path)
        self.mark = 0
        self.stop_sharing()
        if known_plugins(config):
            self.config, self.site_files, self.shared, self.todo, self.convert = config, files, Shared(), None, None
            self.reconverted = 0
            self.undo = reuse_pages(self._populate, self._build)

    def _populate(self, page: Page, step: Callable[..., None]) -> None:
        uri = page.file.src_uri
        if uri not in self._todo():
            return step()  # MkDocs passes it by
        # Each save gets its own copy, as from the second process: the render may change them.
        if uri not in self._to_convert() and restore_converted(page, pickle.loads(self.conversions[uri][1]), self.site_files):
            return
        self.reconverted += 1
        before = warnings_counted(self.warnings)
        if not self.shared.converted(page, step, self.config, self.site_files, self._files_to_convert):
            step()
        if warnings_counted(self.warnings) == before:
            self.conversions[uri] = (self.conversion_key(page.file), pickle.dumps(converted(page), pickle.HIGHEST_PROTOCOL))
        else:
            self.conversions.pop(uri, None)

    def _build(self, page: Page, step: Callable[..., None]) -> None:
        if page.file.src_uri not in self._todo():
            return step()
        if self.shared.rendered(page, step, self.config, self._todo_files):
            self.built(page, self.config)  # as its on_post_page, which ran there, does here
        else:
            step()

    def _todo(self) -> frozenset[str]:
        """The pages MkDocs does again in this save, in both of its steps: those whose HTML was
        gone or older when the save began (``_Saved``; the other process writes its pages while
        this one renders)."""
        if self.todo is None:
            pages = self.site_files.documentation_pages() if self.site_files is not None else ()
            self.todo = frozenset(file.src_uri for file in pages if file.is_modified())
        return self.todo

    def _to_convert(self) -> frozenset[str]:
        """The pages of this save's that it converts again: those whose Markdown, or anything
        else their last conversion read, changed (``conversion_key``), and those it never
        converted (or that warned)."""
        if self.convert is None:
            pages = self.site_files.documentation_pages() if self.site_files is not None else ()
            self.convert = frozenset(
                file.src_uri for file in pages if file.src_uri in self._todo()
                and self.conversions.get(file.src_uri, ("",))[0] != self.conversion_key(file)
            )
        return self.convert

    def conversion_key(self, file: File) -> str:
        return hashlib.sha256(f"{self.conversion_base}\0{file.src_uri}\0".encode() + file.content_bytes).hexdigest()

    def _todo_files(self) -> list[File]:
        pages = self.site_files.documentation_pages() if self.site_files is not None else ()
        return [file for file in pages if file.src_uri in self._todo()]

    def _files_to_convert(self) -> list[File]:
        return [file for file in self._todo_files() if file.src_uri in self._to_convert()]

    def stop_sharing(self) -> None:
        """The build's steps MkDocs' own again, the second process ended (the build is over)."""
        self.shared.stop()
        if self.undo is not None:
            self.undo()
            self.undo = None
        self.config = self.site_files = None

    def env(self, files: Files, config: MkDocsConfig) -> None:
        """Pages MkDocs skipped were not read: they get the title, front matter and anchors they
        had, so that the navigation names them and links to their anchors are checked."""
        self.order = []
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            self.order.append(file.src_uri)
            if not skipped(page):
                self.kept[file.src_uri] = page_state(page)
            elif file.src_uri in self.kept:
                restore_page_state(page, self.kept[file.src_uri])
        outputs = {file.abs_dest_path for file in files}
        # Files of pages and downloads that are gone (an explainer removed, a page renamed).
        for gone in self.outputs - outputs:
            _remove(gone, prune=config.site_dir)
        self.outputs = outputs

    def built(self, page: Page, config: MkDocsConfig) -> None:
        """Material's search added this page's entries last: they are this page's, their search
        terms moved apart once, here (``search.keep_terms_apart``), and written as JSON once,
        not in the whole index at every save."""
        entries = search_entries(config)
        if entries is None:
            return
        own = entries[self.mark:]
        search.keep_terms_apart(own)
        self.search_entries[page.file.src_uri] = [search_json(entry) for entry in own]
        self.mark = len(entries)

    def post_build(self, config: MkDocsConfig) -> None:
        self.stop_sharing()
        if self.todo is not None:
            log.debug(f"Pages converted again: {self.reconverted} of the {len(self.todo)} built again")
        said = self.shared.said()
        if said is not None:
            log.debug(said)
        if search_entries(config) is None or not search_index_file(config).is_file():
            return
        current = set(self.order)
        for gone in set(self.search_entries) - current:
            del self.search_entries[gone]
        rewrite_search_index_from(config, [entry for uri in self.order for entry in self.search_entries.get(uri, [])])
        forget_earlier_searches(config)

    def close(self) -> None:
        self.stop_sharing()
        BUILD_LOG.removeFilter(self.filter)
        stop_counting(self.warnings)
        shutil.rmtree(self.folder, ignore_errors=True)


class _Saved(File):
    """A page or download as one save gives it to MkDocs. Whether its HTML must be built again
    (its Markdown newer than its HTML, or no HTML) is asked three times a save of every page of
    the desk (``Incremental._todo``, then MkDocs before each of its two steps), three file
    times each: at 1,000 pages, 30 ms of every save. The answer is worked out once, when first
    asked: the pages a save builds again are decided at its start, before any is written."""

    _modified: bool | None = None

    def is_modified(self) -> bool:
        if self._modified is None:
            self._modified = super().is_modified()
        return self._modified


def installed_theme(folder: str) -> bool:
    import material

    root = os.path.dirname(os.path.abspath(material.__file__))
    return os.path.commonpath([root, os.path.abspath(folder)]) == root


def nav_paths(nav) -> list[str]:
    """The pages a navigation in MkDocs' ``nav`` form lists."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    return []


def title_lines(markdown: str) -> list[str]:
    """The lines a page's title comes from: a ``title:`` in its front matter, its first H1."""
    found = []
    lines = markdown.splitlines()
    if lines and lines[0] == "---":
        for line in lines[1:]:
            if line == "---":
                break
            if line.startswith("title:"):
                found.append(line)
    found += [line for line in lines if line.startswith("# ")][:1]
    return found


def _remove(path: str, prune: str | None = None) -> None:
    """Removes a built file; with ``prune``, also the folders it leaves empty, up to that one."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    if prune is None:
        return
    folder = os.path.dirname(path)
    top = os.path.abspath(prune)
    while os.path.abspath(folder).startswith(top + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            break
        folder = os.path.dirname(folder)
