"""`mkdocs build` (`make build`) reuses what did not change since the last build in this
checkout (see ``BuildCache``); ``EXPLAINER_COLD_BUILD=1`` builds everything again."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence, Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING

from .engine_internals import builds, page_steps, search_index
from . import no_cycle_collection, search
from .incremental import installed_theme, nav_paths, title_lines
from .preview import Preview
from .two_cores import Shared, known_plugins

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from .diagnostics import Diagnostic

log = logging.getLogger("mkdocs.plugins.explainer")

# Where the cache lives, beside mkdocs.yml: .cache/ is where Material's plugins keep theirs, so
# that CI can keep the folder between runs; `make clean` removes it.
FOLDER = Path(".cache") / "explainer"
# Set to 1 (or anything but 0 or empty): the cache is not read, every page is built again, and
# what this build made is kept for the next.
COLD = "EXPLAINER_COLD_BUILD"
# Raised whenever what the cache holds changes shape: an older cache is then not read.
FORMAT = 3
# What Material's navigation shows of a page it lists, besides its title, from its front matter.
NAV_META = ("icon:", "subtitle:", "status:")


# A file a build wrote: the digest of its bytes, and its inode, size and time of change, which
# stay the same while it is that very file (hard-linked from build to build, or moved with
# its folder when the site is put in place).
_Written = tuple[str, tuple[int, int, int]]


@dataclasses.dataclass
class _Page:
    """What a page's build left: its key, what it knew of itself once converted, its search
    entries (their search terms apart already), and which file its HTML is (None: MkDocs wrote
    no file for it); kept only once the page was built. The HTML itself is not kept: it is the
    published site's file, taken when its bytes are still the ones the last build wrote."""

    key: str
    read: page_steps.ReadPage
    entries: list[dict] | None = None
    html: _Written | None = None
    built: bool = False


class BuildCache:
    """One `mkdocs build` that reuses the last one's work where its inputs are the same.

    The generator's part is the preview's (``Preview``, kept on disk between builds): files
    whose bytes did not change are not parsed again, and only the pages an edit can change are
    rendered again, the same Markdown byte for byte as a full render. MkDocs' part: a page
    whose key is the last build's is neither converted nor rendered again; it gets what it knew
    of itself (title, front matter, anchors, links to anchors, which MkDocs checks every build),
    its finished HTML, the published site's file when its bytes are still the ones the last
    build wrote, is hard-linked into the new site (the staging folder, ``staging.py``), and its
    search entries are given to Material's search, in the page's turn, so that the index comes
    out in the same order. The sitemap, the 404 page, the feeds, downloads and share cards are
    made every build, from the pages.

    A page's key is its Markdown and front matter, its path, and everything else that shows on
    every page or decides how it is built (``_inputs``, ``files``): the navigation and what it
    shows of its pages, the site's name, every file's path (links are resolved and checked
    against them), the problems summarised on pages, mkdocs.yml and SITE_URL, the theme's
    folders, the generator's code, and the version of every package installed. The Markdown
    templates reach a page only through its Markdown; the generator's saved state is used only
    when they are the same too. Whenever the cache cannot tell, the page is built: a page that logged a warning
    is not kept (the next build logs it again), a site with a plugin the cache does not know
    is built whole, and a cache that cannot be read is ignored."""

    def __init__(self, config: MkDocsConfig, templates: Sequence[Path], partials: Path, site: Path,
                 language: str | None = None) -> None:
        self.config = config
        # Where the last build's pages are (site/, or the folder it links to; site/<code>/ for
        # another language's).
        self.published = Path(os.path.realpath(site))
        # Each language's cache its own (the default's at the top): each site is built in turn.
        self.named = FOLDER / (language or "")
        self.folder = Path(config.config_file_path).parent / self.named
        self.inputs = _inputs(config)
        # The generator's output depends on the Markdown templates too; a page only through it.
        self.generator_inputs = _digest(json.dumps([self.inputs, _tree([*templates, partials])]).encode())
        stored = None if os.environ.get(COLD, "") not in ("", "0") else self._load()
        same = stored is not None and stored.get("generator_inputs") == self.generator_inputs
        self.preview: Preview = stored["preview"] if same else Preview(drafts=False, saves=False)
        self.stored: dict[str, _Page] = stored["pages"] if stored else {}
        self.made: dict[str, _Page] = {}  # by page, what this build keeps for the next
        self.reusing: dict[str, Path] = {}  # pages given what they knew, and their HTML in site/
        self.base = ""
        self.reused = self.built = 0
        self.site_files: Files | None = None
        self.warnings = builds.count_warnings()
        # Each page's key, and whether the last build's work for it can be taken, known at the
        # first page (``_plan``).
        self.keys: dict[str, str] = {}
        self.reusable: frozenset[str] | None = None
        # The pages built again share each of the two steps with a second process (two_cores.py),
        # started at the step's first page.
        self.shared = Shared()
        self.undo: Callable[[], None] | None = page_steps.reuse_pages(self._populate, self._build)

    @classmethod
    def open(cls, config: MkDocsConfig, templates: Sequence[Path], partials: Path, site: Path,
             language: str | None = None) -> BuildCache | None:
        """The cache for this build of the site published in ``site`` (of ``language``'s site,
        else the default's), or None when the site has a plugin it does not know."""
        if not known_plugins(config):
            return None
        return cls(config, templates, partials, site, language)

    def files(self, files: Files, config: MkDocsConfig, problems: tuple[Diagnostic, ...]) -> None:
        """What every page's key holds besides its own Markdown, once the files and the
        navigation are known."""
        self.site_files = files
        nav = [files.get_file_from_path(path) for path in nav_paths(config.nav)]
        self.base = _digest(json.dumps([
            self.inputs, config.site_name, config.nav,
            [_shown_in_nav(file.content_string) for file in nav if file is not None],
            sorted((file.src_uri, file.dest_uri, file.url) for file in files),
            [str(problem) for problem in problems],
        ], default=str).encode())

    def _plan(self) -> None:
        """Each page's key, and which pages the last build's work serves: the same key, and its
        HTML still the file the last build wrote."""
        reusable = set()
        for file in self.site_files.documentation_pages() if self.site_files is not None else ():
            key = self.keys[file.src_uri] = _digest(f"{self.base}\0{file.src_uri}\0".encode() + file.content_bytes)
            stored = self.stored.get(file.src_uri)
            if stored is not None and stored.key == key and _holds(self.published / file.dest_uri, stored.html):
                reusable.add(file.src_uri)
        self.reusable = frozenset(reusable)

    def _populate(self, page: Page, step: Callable[..., None]) -> None:
        uri = page.file.src_uri
        if self.reusable is None:
            self._plan()
        key = self.keys.get(uri)
        if uri in self.reusable and page_steps.restore_read_page(page, self.stored[uri].read, self.site_files):
            self.reusing[uri] = self.published / page.file.dest_uri
            return
        before = builds.warnings_counted(self.warnings)
        if not self.shared.converted(page, step, self.config, self.site_files, lambda: self._todo(self.reusable)):
            step()
        if key is not None and builds.warnings_counted(self.warnings) == before:
            self.made[uri] = _Page(key, page_steps.read_page(page))

    def _build(self, page: Page, step: Callable[..., None]) -> None:
        uri = page.file.src_uri
        self.built += 1
        if uri in self.reusing:
            stored = self.stored[uri]
            if stored.html is not None:
                page_steps.link_page(page, self.reusing[uri])
            search_index.add_search_entries(self.config, stored.entries or [])
            self.made[uri] = stored
            self.reused += 1
            return
        entries = search_index.search_entries(self.config)
        mark = len(entries) if entries is not None else 0
        before = builds.warnings_counted(self.warnings)
        if not self.shared.rendered(page, step, self.config, lambda: self._todo(self.reusing.keys())):
            step()
        if entries is not None:
            # Material writes its index from these entries; the plugin's on_post_build would
            # otherwise read it back to do this to every page's, reused or not.
            search.keep_terms_apart(entries[mark:])
        made = self.made.get(uri)
        if made is None or builds.warnings_counted(self.warnings) != before:
            self.made.pop(uri, None)
            return
        made.entries = entries[mark:] if entries is not None else None
        written = Path(page.file.abs_dest_path)
        made.html = _written(written) if written.is_file() else None
        made.built = True

    def _todo(self, reused: AbstractSet[str]) -> list[File]:
        """The pages of this build that it does not take from the last (``reused``)."""
        pages = self.site_files.documentation_pages() if self.site_files is not None else ()
        return [file for file in pages if file.src_uri not in reused]

    def save(self) -> None:
        """What this build made, kept for the next (and only that: what it no longer has goes)."""
        self.close()
        log.info(f"Pages reused from the last build ({self.named}): {self.reused} of {self.built}")
        said = self.shared.said()
        if said is not None:
            log.info(said)
        pages = {uri: page for uri, page in self.made.items() if page.built}
        state = {"format": FORMAT, "inputs": self.inputs, "generator_inputs": self.generator_inputs, "preview": self.preview,
                 "pages": pages}
        try:
            with no_cycle_collection():  # a third of pickle's time, for a graph that has no garbage
                data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
            _write(self.folder / "state.pickle", data)
        except OSError as error:  # a full disk or a read-only checkout: the site is built all the same
            log.info(f"The build cache could not be written ({error}); the next build is built whole.")

    def close(self) -> None:
        self.shared.stop()
        if self.undo is not None:
            self.undo()
            self.undo = None
        builds.stop_counting(self.warnings)

    def _load(self) -> dict | None:
        try:
            with no_cycle_collection():
                state = pickle.loads((self.folder / "state.pickle").read_bytes())
        except FileNotFoundError:
            return None
        except Exception as error:  # noqa: BLE001 - a cache that cannot be read is as good as none
            log.info(f"The build cache could not be read ({type(error).__name__}); everything is built again.")
            return None
        if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("inputs") != self.inputs:
            return None
        return state


def _inputs(config: MkDocsConfig) -> str:
    """What every page and the generator's output depend on besides the content (and the
    Markdown templates, which reach a page through its Markdown)."""
    import generator

    config_file = Path(config.config_file_path)
    # Every installed package by name and version, as its metadata folder is named (reading
    # each one's metadata would cost a tenth of a second).
    packages = sorted(name for folder in sys.path if os.path.isdir(folder) for name in os.listdir(folder)
                      if name.endswith((".dist-info", ".egg-info")))
    folders = [Path(generator.__file__).parent, *(Path(d) for d in config.theme.dirs if not installed_theme(d))]
    return _digest(json.dumps([
        FORMAT, sys.version, packages, _tree(folders), _digest(config_file.read_bytes()) if config_file.is_file() else "",
        config.site_url, config.use_directory_urls, config.docs_dir, config.extra_css, [str(js) for js in config.extra_javascript],
        config.theme.name, config.theme["language"] if "language" in config.theme else None, sorted(config.plugins),
    ]).encode())


def _shown_in_nav(markdown: str) -> list[str]:
    """The lines of a page that the navigation shows on every page: its title, and some front matter."""
    lines = markdown.splitlines()
    front = lines[1:lines.index("---", 1)] if lines[:1] == ["---"] and "---" in lines[1:] else []
    return title_lines(markdown) + [line for line in front if line.startswith(NAV_META)]


def _tree(folders: Iterable[Path]) -> list[tuple[str, str]]:
    """Each file under the folders, by path, with a digest of its bytes (compiled Python left out)."""
    found = []
    for folder in dict.fromkeys(os.path.abspath(f) for f in folders):
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                path = os.path.join(root, name)
                try:
                    found.append((path, _digest(Path(path).read_bytes())))
                except OSError:
                    found.append((path, ""))
    return found


def _write(path: Path, data: bytes) -> None:
    """Written whole under another name first, so that a build killed meanwhile leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _written(path: Path) -> _Written:
    return _digest(path.read_bytes()), _stamp(os.stat(path))


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_ino, status.st_size, status.st_mtime_ns


def _holds(path: Path, written: _Written | None) -> bool:
    """Whether the file holds what the last build wrote (None: that there is no file to take):
    site/ may be another build's, or edited by hand, since. The very file, untouched, does;
    another (a copy, as on a mount point) does when its bytes are the same."""
    if written is None:
        return True
    digest, stamp = written
    try:
        return _stamp(os.stat(path)) == stamp or _digest(path.read_bytes()) == digest
    except OSError:
        return False


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
