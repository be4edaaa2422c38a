"""Every use of MkDocs' or Material's internals, in one place: what the plugin needs that no
public API gives. Each is guarded by a test in ``tests/test_engine_internals.py`` that fails when
an upgrade of MkDocs, ProperDocs or Material changes it; read that test before upgrading.

ProperDocs answers ``import mkdocs`` with itself, so the same code serves both engines.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import mkdocs
from mkdocs.commands import build as build_command
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# The engine's own logger, whose warnings fail a --strict build: "mkdocs", or "properdocs" under
# ProperDocs, which sends "mkdocs" logs on to its own.
engine_log = logging.getLogger(mkdocs.__name__)
# Where MkDocs' build logs what it says of pages and dirty builds ("properdocs.commands.build"
# under ProperDocs).
BUILD_LOG = logging.getLogger(build_command.__name__)
# What a failed build is given: the error, and the folder MkDocs serves.
Answer = Callable[[Exception, Path], None]


# -- the build's date --------------------------------------------------------------------------


class BuildDate:
    """MkDocs takes a build's date (each page's ``update_date``, hence the sitemap's lastmod and
    the gzip header of sitemap.xml.gz, and ``build_date_utc``) from SOURCE_DATE_EPOCH, else from
    the clock: it is the only way to give it one. Set for one build, from ``pin`` (on_pre_build)
    to ``unpin`` (on_post_build or on_build_error), so that each of a preview's rebuilds gets
    its own content's date, and the process's environment is as it was in between. A
    SOURCE_DATE_EPOCH set by whoever runs the build wins."""

    NAME = "SOURCE_DATE_EPOCH"

    def __init__(self) -> None:
        self.pinned = False

    def pin(self, seconds: int | None) -> None:
        self.unpin()
        if seconds is not None and self.NAME not in os.environ:
            os.environ[self.NAME] = str(seconds)
            self.pinned = True

    def unpin(self) -> None:
        if self.pinned:
            os.environ.pop(self.NAME, None)
            self.pinned = False


# -- logs --------------------------------------------------------------------------------------


def count_warnings() -> CountHandler:
    """The same count MkDocs keeps to fail a --strict build after on_post_build; ``stop_counting``
    takes it off again."""
    count = CountHandler()
    count.setLevel(logging.WARNING)
    engine_log.addHandler(count)
    return count


def warnings_counted(count: CountHandler) -> int:
    """How many warnings (and errors) ``count`` has counted so far."""
    return sum(number for _, number in count.get_counts())


def stop_counting(count: CountHandler) -> None:
    engine_log.removeHandler(count)


class _DiskFullPage(logging.Filter):
    """MkDocs logs "Error building page 'x.md': [Errno 28] No space left on device" as the error
    goes by, and on_build_error then says what it means in a line of its own."""

    def __init__(self, disk_full: tuple[int, ...]) -> None:
        super().__init__()
        self.disk_full = disk_full

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]  # the filter runs in MkDocs' except block, which logs the line
        full = isinstance(error, OSError) and error.errno in self.disk_full
        return not (full and record.getMessage().startswith("Error building page"))


def quiet_disk_full_page(disk_full: tuple[int, ...]) -> None:
    """No line of MkDocs' own for a page that could not be written for want of room."""
    if not any(isinstance(f, _DiskFullPage) for f in BUILD_LOG.filters):
        BUILD_LOG.addFilter(_DiskFullPage(disk_full))


class DirtyWarning(logging.Filter):
    """MkDocs warns on every `serve --dirty` build that the navigation and links may be wrong
    ("A 'dirty' build is being performed…"): true of MkDocs alone, not with this plugin, which
    rebuilds every page when the navigation changes and removes pages that are gone."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


# -- the theme's Jinja environments -----------------------------------------------------------


class _ThemeLoader(jinja2.FileSystemLoader):
    """MkDocs' loader of the theme's templates, except that its listing leaves out folders whose
    name starts with a dot. MkDocs lists the theme's every file at each build, to publish its
    assets (``Files.add_files_from_theme``), and then drops every path with a part that starts
    with a dot: Material's 14,348 icons in ``.icons/`` (its templates have 161 other files) were
    walked and dropped one by one at each build: 0.13 s of CPU, a fifth of a preview's rebuild."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for root in self.searchpath:
            for folder, folders, names in os.walk(root, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                within = Path(folder).relative_to(root)
                found.update((within / name).as_posix() for name in names)
        return sorted(found)


def prepare_theme_environments(config: MkDocsConfig, prepare: Callable[[jinja2.Environment], None]) -> None:
    """Every Jinja environment of the theme made from now on for this configuration given to
    ``prepare`` as it is made, and listing its files with ``_ThemeLoader``: MkDocs makes the
    build's (``Theme.get_env``) before any event sees it, and Material's search makes three more
    in its on_config, for its words. Call before Material's on_config."""
    theme = config.theme
    make = type(theme).get_env.__get__(theme)

    def get_env() -> jinja2.Environment:
        env = make()
        if type(env.loader) is jinja2.FileSystemLoader:
            env.loader = _ThemeLoader(env.loader.searchpath, env.loader.encoding, env.loader.followlinks)
        prepare(env)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


# -- dirty builds and Material's search --------------------------------------------------------


def skipped(page: Page) -> bool:
    """Whether a dirty build left the page unread: its source file was not newer than the page
    MkDocs built from it before (``File.is_modified``)."""
    return page.markdown is None


# What a page read in a build knows of itself that others show or check: its title (the
# navigation names it), front matter, and anchors (links to them are checked).
PageState = tuple  # (title, meta, present_anchor_ids)


def page_state(page: Page) -> PageState:
    return (page.title, page.meta, page.present_anchor_ids)


def restore_page_state(page: Page, state: PageState) -> None:
    """A page a dirty build skipped, given what it knew when it was read (MkDocs checks anchors
    only against a page's ``present_anchor_ids``, None when it was not rendered)."""
    page.title, page.meta, page.present_anchor_ids = state


def _search(config: MkDocsConfig):
    """Material's search plugin, when the site uses it."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and type(plugin).__module__.startswith("material."):
            return plugin
    return None


def search_entries(config: MkDocsConfig) -> list[dict] | None:
    """The entries Material's search gathered so far in this build, each page's added as the page
    is built (on_page_context); None when the site does not use it."""
    search = _search(config)
    return None if search is None else search.search_index.entries


def search_index_file(config: MkDocsConfig) -> Path:
    """Where Material's search writes its index: ``{"config": …, "docs": [entries]}``."""
    return Path(config.site_dir) / "search" / "search_index.json"


def edit_search_index(config: MkDocsConfig, edit: Callable[[list[dict]], None]) -> None:
    """Material's search index, its entries changed in place by ``edit``, written back as Material
    writes it; nothing when the site has none."""
    index = search_index_file(config)
    if index.is_file():
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        edit(docs)
        rewrite_search_index(config, docs)


def rewrite_search_index(config: MkDocsConfig, docs: list[dict]) -> None:
    """Material's search index with these entries, written as Material writes it."""
    index = search_index_file(config)
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = docs
    index.write_text(search_json(data), encoding="utf-8")


def search_json(data: object) -> str:
    """JSON as Material writes its search index, compact, but in UTF-8 rather than ASCII: a
    Bulgarian site's index took 592 KB with each letter written ``\\uXXXX``, 240 KB so (42 KB
    and 28 KB compressed), which a reader's browser fetches with the first page."""
    return json.dumps(data, separators=(",", ":"), default=str, ensure_ascii=False)


def rewrite_search_index_from(config: MkDocsConfig, docs: list[str]) -> None:
    """Material's search index with these entries, each given as its JSON (``search_json``),
    written as ``rewrite_search_index`` would write them: the whole index is not encoded again
    when only a few pages' entries changed (a dirty preview's save)."""
    index = search_index_file(config)
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = []
    # Compact JSON of an object is its keys and values, each encoded on its own, joined so.
    members = [f"{search_json(key)}:{'[' + ','.join(docs) + ']' if key == 'docs' else search_json(value)}"
               for key, value in data.items()]
    index.write_text("{" + ",".join(members) + "}", encoding="utf-8")


def forget_earlier_searches(config: MkDocsConfig) -> None:
    """Material would otherwise merge the next build's entries into this one's, assuming a dirty
    build rebuilt a single page."""
    search = _search(config)
    if search is not None:
        search.search_index_prev = None


# -- `mkdocs serve` ----------------------------------------------------------------------------


def answer_first_build(answer: Answer, *, dirty: bool = False) -> Callable[[], None]:
    """`mkdocs serve` builds once before it serves or calls on_serve, and exits with a traceback
    if that build raises (a broken theme template, say): the only hold on that first build is the
    name `build` in MkDocs' serve module, which its builder looks up at each call. Wrapped here,
    a build that raises is given to ``answer`` with the served folder (the build may point
    config elsewhere), and the preview starts. With ``dirty``, every build of the preview is
    MkDocs' dirty one, as under `serve --dirty`. Returns what undoes the wrapping."""
    from mkdocs.commands import serve as serve_command

    build = serve_command.build
    if getattr(build, "explainer_wrapped", None) is not None:
        build = build.explainer_wrapped  # a plugin object of an earlier serve in this process

    def build_that_answers(config: MkDocsConfig, **kwargs) -> None:
        root = Path(config.site_dir)
        if dirty:
            kwargs["dirty"] = True
        try:
            build(config, **kwargs)
        except Exception as error:  # noqa: BLE001 - the preview must start whatever broke
            answer(error, root)

    def undo() -> None:
        serve_command.build = build

    build_that_answers.explainer_wrapped = build  # type: ignore[attr-defined]
    serve_command.build = build_that_answers
    return undo


def answer_rebuilds(server: LiveReloadServer, answer: Answer) -> None:
    """A rebuild that raises leaves every request of MkDocs' server waiting ("The server will
    appear stuck"): what ``answer_first_build`` does not catch (mkdocs.yml that no longer
    loads) is given to ``answer`` instead, with the served folder."""
    rebuild = server.builder

    def builder_that_answers(*args, **kwargs) -> None:
        try:
            rebuild(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - see above
            answer(error, served_folder(server))

    server.builder = builder_that_answers


def served_folder(server: LiveReloadServer) -> Path:
    """The folder MkDocs' server serves, which its builds empty of everything but dot-entries."""
    return Path(server.root)


def say_when_the_port_is_taken(server: LiveReloadServer, say: Callable[[str, int, OSError], None]) -> None:
    """MkDocs' server takes its port only after the first build (``serve`` calls
    ``server_bind``), and a port another program holds ends `mkdocs serve` with a traceback:
    ``say`` says it instead, and raises."""
    bind = server.server_bind
    host, port = server.server_address[:2]

    def bind_or_say() -> None:
        try:
            bind()
        except OSError as error:
            say(host, port, error)

    server.server_bind = bind_or_say  # type: ignore[method-assign]


def port_taken(error: OSError) -> bool:
    return error.errno == errno.EADDRINUSE


def observing(server: LiveReloadServer) -> bool:
    """Whether MkDocs' server is watching files: not before it serves, nor after it stops."""
    return server.observer.is_alive()


def watched(server: LiveReloadServer, folder: str) -> bool:
    """Whether MkDocs' watcher is alive for the folder: it stops for good when the folder goes."""
    return any(e.watch.path == folder and e.is_alive() for e in server.observer.emitters)


def watch_again(server: LiveReloadServer, folder: str) -> None:
    """The folder watched anew, as many times as it was (each watch of a path is counted)."""
    times = 0
    while True:
        try:
            server.unwatch(folder)
        except KeyError:
            break
        times += 1
    for _ in range(max(times, 1)):
        server.watch(folder)


# -- `mkdocs build` reusing pages ------------------------------------------------------------

# What MkDocs does with one page: ``step()`` runs MkDocs' own code for it; a hook may instead
# not call it, having done what it would have done. ``step(other)`` does it for another page of
# the same build (``two_cores.py`` does some in a second process).
PageStep = Callable[["Page", Callable[..., None]], None]


def reuse_pages(populate: PageStep, build: PageStep) -> Callable[[], None]:
    """MkDocs' build reads and converts every page (``_populate_page``), then renders each with
    the theme and writes it (``_build_page``), and has no event in which a plugin may do either
    step in its place: the build command looks both up in its module at each call, and wrapped
    there each is given to a hook with the page. Returns what undoes the wrapping."""
    populate_page, build_page = build_command._populate_page, build_command._build_page

    def populating(page: Page, config: MkDocsConfig, files, dirty: bool = False) -> None:
        def step(other: Page = page) -> None:
            populate_page(other, config, files, dirty)

        populate(page, step)

    def building(page: Page, config: MkDocsConfig, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        def step(other: Page = page) -> None:
            build_page(other, config, doc_files, nav, env, dirty, excluded if other is page else other.file.inclusion.is_excluded())

        build(page, step)

    def undo() -> None:
        build_command._populate_page, build_command._build_page = populate_page, build_page

    build_command._populate_page, build_command._build_page = populating, building
    return undo


# What a converted page knows of itself that the rest of a build reads: its title (the
# navigation and the previous/next links name it), front matter, the anchors it has, and the
# anchors it links to (by the linked page's path), which MkDocs checks after every page is built.
ReadPage = tuple  # (title, meta, present_anchor_ids, {src_uri: {anchor: link}})


def read_page(page: Page) -> ReadPage:
    return (page.title, page.meta, page.present_anchor_ids, _links_by_path(page.links_to_anchors or {}))


def restore_read_page(page: Page, read: ReadPage, files) -> bool:
    """A page given what it knew when it was converted, as if converted again; False when a page
    it links to is no longer among ``files`` (the caller converts it instead)."""
    title, meta, anchors, links = read
    targets = _links_to_files(links, files)
    if targets is None:
        return False
    page.title, page.meta, page.present_anchor_ids, page.links_to_anchors = title, meta, anchors, targets
    return True


# What MkDocs' conversion of a page (``_populate_page``: its source read, the plugins' page
# events, Markdown to HTML) leaves on it for the rest of the build, by attribute; the title is
# one when a plugin set it (ours does, in on_page_content).
CONVERTED = frozenset({"markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids",
                       "links_to_anchors", "title"})


def converted(page: Page) -> dict:
    """What converting the page left on it, to be handed to another process: the pages it links
    to by path."""
    found = {name: value for name, value in vars(page).items() if name in CONVERTED}
    if found.get("links_to_anchors") is not None:
        found["links_to_anchors"] = _links_by_path(found["links_to_anchors"])
    return found


def restore_converted(page: Page, found: dict, files) -> bool:
    """A page as another process converted it (``converted``); False when a page it links to is
    not among ``files`` (the caller converts it instead)."""
    if found.get("links_to_anchors") is not None:
        targets = _links_to_files(found["links_to_anchors"], files)
        if targets is None:
            return False
        found = {**found, "links_to_anchors": targets}
    for name, value in found.items():
        setattr(page, name, value)
    return True


def _links_by_path(links: dict) -> dict[str, dict[str, str]]:
    """A page's links to anchors (``links_to_anchors``), each linked page by its path."""
    return {file.src_uri: dict(anchors) for file, anchors in links.items()}


def _links_to_files(links: dict[str, dict[str, str]], files) -> dict | None:
    """``_links_by_path`` undone, with ``files``' File objects; None when one is not among them."""
    targets = {uri: files.get_file_from_path(uri) for uri in links}
    if any(target is None for target in targets.values()):
        return None
    return {targets[uri]: dict(anchors) for uri, anchors in links.items()}


def new_page(file, config: MkDocsConfig) -> Page:
    """The page of a file the navigation does not list, made as MkDocs makes it at its turn."""
    return file.page if file.page is not None else Page(None, file, config)


def add_search_entries(config: MkDocsConfig, entries: list[dict]) -> None:
    """Entries of a page added to Material's search index as its on_page_context would add them."""
    search = _search(config)
    if search is not None:
        search.search_index.entries.extend(entries)


def link_page(page: Page, built: Path) -> None:
    """A page's finished HTML, the file ``built`` (a page of the last build), put where MkDocs
    writes it: a hard link (no copy, and the file keeps its time, so that rsync passes it by),
    or a copy where the file system has none."""
    target = page.file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(built, target)
    except OSError:
        shutil.copyfile(built, target)


def material_plugin(plugin) -> bool:
    """Whether a plugin is one of Material's own (``material.plugins.…``)."""
    return type(plugin).__module__.startswith("material.")


# -- the site in each language -------------------------------------------------------------


def config_for(config: MkDocsConfig, **overrides) -> MkDocsConfig:
    """The configuration of this build read again from its file, with ``overrides`` as the
    command line gives them (``site_dir``, ``site_url``, ``strict``…): the same site, once more,
    for another language. Its plugins are new objects of their own."""
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    keep = {"strict": config.strict, "use_directory_urls": config.use_directory_urls}
    # MkDocs keeps the object of a plugin that has on_startup for the next load of the
    # configuration (the rebuilds of `mkdocs serve`), in its schema's `plugins` option: this
    # load, within the build, makes its own, and leaves the kept ones as they were.
    kept = MkDocsConfig.plugins.plugin_cache
    MkDocsConfig.plugins.plugin_cache = {}
    try:
        return load_config(config_file=config.config_file_path, **{**keep, **overrides})
    finally:
        MkDocsConfig.plugins.plugin_cache = kept


def speak(config: MkDocsConfig, language: str) -> None:
    """The theme's language (mkdocs.yml's ``theme.language``): Material's own words, ``<html
    lang>``, the reading direction and its search's language and stemmer, which Material's search
    plugin reads in its on_config. MkDocs' ``Theme`` is a mapping of mkdocs.yml's ``theme:``."""
    config.theme["language"] = language


def explainer_plugin(config: MkDocsConfig):
    """This configuration's own object of the explainer plugin."""
    return config.plugins["explainer"]


def build_site(config: MkDocsConfig, dirty: bool = False) -> None:
    """One whole MkDocs build of ``config`` (what `mkdocs build` runs, its plugins' events and
    all), within the build that calls it: it raises as `mkdocs build` would end."""
    build_command.build(config, dirty=dirty)
