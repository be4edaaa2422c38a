"""The MkDocs plugin: wires ``generate`` into a build. No logic of its own lives here.

What it adds to MkDocs: the pages, in memory (nothing is written into ``docs/``); the package's
HTML theme, after the site's own ``custom_dir``; a build that replaces ``site/`` only when it
succeeds (``publish.py``); and, under ``mkdocs serve``, a preview that never waits for a build
that will not come: any problem, whatever raised it, is shown on every page until it is fixed.

Under ``mkdocs serve --dirty`` (``make serve``) a save costs what it touches, not what the desk
holds: the generator renders again only the pages the edit can change (``preview.py``), and
MkDocs builds again only the pages whose Markdown changed (see ``_Incremental``), unless the
navigation, the problems shown on every page, the theme or mkdocs.yml changed: then every page.
A plain ``mkdocs serve`` rebuilds every page on each save; ``mkdocs build`` is always full.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import html
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import jinja2
from markupsafe import escape
import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from . import PARTIALS, TEMPLATES, ContentError, Diagnostic, Generated, generate, no_cycle_collection, publish, search, site_url_problem, urls
from .diagnostics import errors, failure, summary
from .load import display_path
from .model import epoch
from .preview import Preview, folder_stamp
from .render import problem_of, render_unavailable
from .structured import read_front_matter
from .templating import site_name, theme

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# Under "mkdocs.plugins." so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.explainer")
# The engine's own logger, whose warnings fail a --strict build: "mkdocs", or "properdocs" under
# ProperDocs, which answers imports of mkdocs with itself and sends "mkdocs" logs on to its own.
engine_log = logging.getLogger(mkdocs.__name__)

# The theme's stylesheets, in the order a page loads them (print last, so that it wins on
# paper): added to extra_css when mkdocs.yml does not list them.
STYLESHEETS = ("assets/stylesheets/explainer.css", "assets/stylesheets/visuals.css", "assets/stylesheets/print.css")
# How often, in seconds, the preview looks whether a watched folder was deleted or replaced.
WATCH_POLL = 0.5


class ExplainerConfig(base.Config):
    content = c.Type(str, default="content")
    """The folder of YAML content files, relative to mkdocs.yml."""
    templates = c.Optional(c.Type(str))
    """A folder of Markdown templates, relative to mkdocs.yml, that replace built-in ones of the same name."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.last_good: Generated | None = None
        self.pages: dict[str, str] = {}
        # Each page's front matter, read by read_front_matter until MkDocs asks for it.
        self.front_matter: dict[str, dict] = {}
        self.problems: tuple[Diagnostic, ...] = ()
        self.staging: Path | None = None
        self.watcher: _Watcher | None = None
        self.warning_count = CountHandler()
        self.warning_count.setLevel(logging.WARNING)
        self.preview: Preview | None = None
        self.incremental: _Incremental | None = None
        self._unwrap_build = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve` rebuilds, which is
        # how the last good pages survive a broken save.
        self.serving = command == "serve"
        if self.serving:
            self.preview = Preview()
            self._first_build_answers()
            if dirty:
                self.incremental = _Incremental()

    def on_config(self, config: MkDocsConfig) -> None:
        here = Path(config.config_file_path).parent
        # Before anything is built: pages, feeds and share cards print it in attributes.
        problem = _site_url_problem(config)
        if problem is not None:
            raise PluginError(str(problem))
        self.content_dir = here / self.config.content
        self.templates_dir = here / self.config.templates if self.config.templates else None
        self.templates = ((self.templates_dir,) if self.templates_dir else ()) + (TEMPLATES,)
        if config.theme.name == "material":
            # The package's theme (main.html, the pictures' partials, the stylesheets), searched
            # after the site's own custom_dir, which may replace any of its files.
            dirs = config.theme.dirs
            if os.path.realpath(theme()) not in map(os.path.realpath, dirs):
                dirs.insert(1 if config.theme.custom_dir else 0, str(theme()))
            config.extra_css.extend(sheet for sheet in STYLESHEETS if sheet not in config.extra_css)
        custom = Path(config.theme.custom_dir) / "partials" / "explainer" if config.theme.custom_dir else None
        self.partials = custom if custom is not None and custom.is_dir() else PARTIALS
        if not self.serving:
            self._build_beside_site(config)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Before MkDocs empties site/, so content with errors never costs the last good site.
        try:
            with _collector.held(), urls.served(config.use_directory_urls):
                generated = self._generate(config.site_url)
        except ContentError as error:
            problems = tuple(error.diagnostics)
        except Exception as error:  # noqa: BLE001 - a preview must never hang on a traceback
            log.debug("The generator failed", exc_info=error)
            problems = (failure(error, display_path(self.content_dir)),)
        else:
            self.last_good = generated
            # The site's date (the sitemap's lastmod) is the explainer's, not the day of the
            # build, so that two builds of the same content are the same byte for byte.
            os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoch(generated.updated)))
            self.pages = generated.pages
            self.problems = generated.warnings
            for warning in generated.warnings:
                log.warning(str(warning))
            return
        self.problems = problems
        for diagnostic in problems:
            (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
        if not self.serving:
            raise PluginError(f"explainer content: {summary(problems)}")
        # While previewing, a broken save must not hang the server: build the last good pages
        # (or placeholders) and show the problems on every page until it is fixed.
        self.pages = self.last_good.pages if self.last_good else self._unavailable()

    def _generate(self, site_url: str | None) -> Generated:
        if self.templates_dir is not None and not self.templates_dir.is_dir():
            raise ContentError([Diagnostic(
                display_path(self.templates_dir), 0, 0, "error",
                "templates folder not found (expected the folder the plugin's 'templates' option names)",
            )])
        if self.preview is not None:
            return self.preview.generate(self.content_dir, self.templates, self.partials, site_url)
        return generate(self.content_dir, self.templates, self.partials, site_url)

    def _unavailable(self) -> dict[str, str]:
        try:
            return render_unavailable(self.templates)
        except Exception:  # noqa: BLE001 - the site's own template is broken: use the built-in one
            return render_unavailable()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Every page is left out of the automatic navigation: the navigation is the generator's
        # short list of key pages (config.nav, read by MkDocs right after this event), so that
        # its size, which every page carries, does not grow with the desk.
        made = self.incremental.file if self.incremental is not None else _in_memory
        self.front_matter.clear()  # what an aborted build left
        for path, markdown in self.pages.items():
            files.append(made(config, path, markdown, InclusionLevel.NOT_IN_NAV))
        config.nav = self.last_good.nav if self.last_good else [path for path in self.pages]
        # The downloads, feeds and share cards: not Markdown, so MkDocs copies them into site/ as
        # static files. The pages always show the last good content, even after a broken save,
        # so these come from it too.
        for path, text in ({**self.last_good.downloads, **self.last_good.files} if self.last_good else {}).items():
            files.append(made(config, path, text, InclusionLevel.UNDEFINED))
        if self.last_good and self.last_good.site_name:
            config.site_name = site_name(self.last_good.site_name)
        if self.incremental is not None:
            self.incremental.files(files, config, self.problems)
        return files

    # -- front matter, read as the JSON it is ---------------------------------------------------
    # MkDocs reads every page's front matter as YAML: 0.7 s at 40 explainers, for values the
    # templates wrote as JSON. Each page here is given to it with its front matter read already.

    def on_page_read_source(self, *, page, config: MkDocsConfig) -> str | None:
        markdown = self.pages.get(page.file.src_uri) if page.file.generated_by else None
        read = read_front_matter(markdown) if markdown is not None else None
        if read is None:
            return None  # not a page of ours, or a site template's own front matter: MkDocs reads it
        body, self.front_matter[page.file.src_uri] = read
        return _READ_ALREADY + body

    # First, so that every other plugin's on_page_markdown sees the page's front matter.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        meta = self.front_matter.pop(page.file.src_uri, None)
        if meta is not None:
            page.meta = meta
        if page.file.generated_by and isinstance(page.meta.get("tags"), list):
            # The tags (an explainer's title, text) are for Material's search alone, which draws
            # them as HTML, as it draws the titles and text it escaped itself, the same way.
            # Zensical reads them from the front matter as the text they are.
            page.meta["tags"] = [html.escape(tag, quote=False) if isinstance(tag, str) else tag for tag in page.meta["tags"]]
        return markdown

    def on_page_content(self, content: str, *, page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by and page.title:
            # MkDocs takes the title from the h1 as HTML, with the character references our
            # Markdown escapes with (&#40; for "("): the theme prints it as it is in text, but
            # escapes it again in attributes (the footer's "Next: …"). The same text, escaped
            # once and marked so (as site_name is), reads right in both.
            page.title = escape(html.unescape(page.title))
        return content

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # The theme's partials/explainer-problems.html lists these above every page while previewing.
        env.globals["explainer_problems"] = self.problems if self.serving else ()
        # Errors keep the pages at their last good version; warnings alone do not.
        env.globals["explainer_errors"] = errors(self.problems) if self.serving else ()
        env.globals["explainer_summary"] = summary(self.problems)
        if self.incremental is not None:
            self.incremental.env(files, config)
        return env

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        if self.incremental is not None:
            self.incremental.built(page, config)
        return output

    # -- a failed build leaves the last good site/ exactly as it was ---------------------------
    # MkDocs empties site/ early in a build and aborts strict builds only at the very end, so
    # the build goes to a fresh folder beside site/ that replaces site/ only on success.

    def _build_beside_site(self, config: MkDocsConfig) -> None:
        self.site_dir = Path(config.site_dir)
        self.staging = publish.staging(self.site_dir)
        config.site_dir = str(self.staging)
        # The same count MkDocs keeps to fail --strict builds after on_post_build.
        engine_log.addHandler(self.warning_count)
        logging.getLogger("mkdocs.commands.build").addFilter(_disk_full_page)

    # Late, after every other plugin's: Material's search writes its index in its own
    # on_post_build, which the preview then puts right.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        _collector.give_back()
        if self.incremental is not None:
            self.incremental.post_build(config)
        search.keep_terms_apart(Path(config.site_dir) / "search" / "search_index.json")
        if self.staging is None:
            return
        engine_log.removeHandler(self.warning_count)
        if config.strict and self.warning_count.get_counts():
            return  # MkDocs aborts next; on_build_error removes the staging folder
        try:
            publish.put_in_place(self.staging, self.site_dir)
        except publish.PublishError as error:
            raise PluginError(str(error)) from None
        config.site_dir = str(self.site_dir)
        self.staging = None

    # Last: a full disk ends the build here, with one line instead of a traceback.
    @event_priority(-100)
    def on_build_error(self, error: Exception) -> None:
        _collector.give_back()
        engine_log.removeHandler(self.warning_count)
        if self.staging is None:
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None
        full = publish.disk_full(error, self.site_dir) if isinstance(error, OSError) else None
        if full is not None:
            log.error(str(full))
            raise Abort("Aborted with a BuildError!")

    # -- the preview -----------------------------------------------------------------------------

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        self.watcher = _Watcher(server, [self.content_dir, *self.templates, self.partials])
        # A rebuild that raises leaves every request of MkDocs' server waiting ("The server will
        # appear stuck"): the generator's own problems never get this far (on_pre_build), and
        # anything else (a broken theme template) is shown on a page of its own instead.
        rebuild = server.builder
        config_file = display_path(Path(config.config_file_path))

        def builder_that_answers(*args, **kwargs) -> None:
            try:
                rebuild(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - see above
                log.debug("The rebuild failed", exc_info=error)
                problem = problem_of(error, config_file)
                log.error(str(problem))
                # With the content's own problems, which may be why (`serve --strict` aborts on warnings).
                _serve_failure(Path(server.root), (*self.problems, problem))

        server.builder = builder_that_answers
        server.server_bind = _bind_or_say(server.server_bind, server.server_address)
        return server

    def _first_build_answers(self) -> None:
        """`mkdocs serve` builds once before it serves or calls on_serve, and exits with a
        traceback if that build raises (a broken theme template, say): the only hold on that
        first build is the name `build` in MkDocs' serve module, which its builder looks up at
        each call. Wrapped here, a first build that raises leaves the page listing the problem
        (as a failed rebuild does, in on_serve) and the preview starts; later builds raise as
        before, for on_serve's wrapper."""
        from mkdocs.commands import serve as serve_command

        build = serve_command.build
        if getattr(build, "explainer_wrapped", None) is not None:
            build = build.explainer_wrapped  # a plugin object of an earlier serve in this process

        def build_that_answers(config: MkDocsConfig, **kwargs) -> None:
            root = Path(config.site_dir)  # the served folder: the build may point config elsewhere
            try:
                build(config, **kwargs)
            except Exception as error:  # noqa: BLE001 - the preview must start whatever broke
                if self.watcher is not None:
                    raise
                log.debug("The first build failed", exc_info=error)
                problem = problem_of(error, display_path(Path(config.config_file_path)))
                log.error(str(problem))
                _serve_failure(root, (*self.problems, problem))

        build_that_answers.explainer_wrapped = build
        serve_command.build = build_that_answers
        self._unwrap_build = lambda: setattr(serve_command, "build", build)

    def on_shutdown(self) -> None:
        if self._unwrap_build is not None:
            self._unwrap_build()
            self._unwrap_build = None
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self.incremental is not None:
            self.incremental.close()
            self.incremental = None


def _bind_or_say(bind, address: tuple[str, int]):
    """MkDocs' server takes its port only after the first build, and a port another program
    holds ends `mkdocs serve` with a traceback: said in one line here, with how to pick another."""
    host, port = address[:2]

    def bind_or_say() -> None:
        try:
            bind()
        except OSError as error:
            problem = "the port is already in use" if error.errno == errno.EADDRINUSE else error.strerror
            log.error(
                f"{host}:{port}: error: {problem}, so the preview cannot be served there (expected a free port: "
                f"pick another, as in `make serve PORT={port + 1}` or `mkdocs serve --dev-addr {host}:{port + 1}`)"
            )
            raise Abort("Aborted: the preview did not start.") from None

    return bind_or_say


class _Collector:
    """Python's cycle collector around a build. The generator runs with it off (a desk of 40
    explainers allocates some 450,000 objects), and what is alive after it (the configuration,
    the theme, the generated desk and its caches) lives through the build: frozen, out of the
    collector's way, until ``on_post_build`` or ``on_build_error`` gives it back. At 40
    explainers that spares a pass over the generator's objects (0.25 s) and makes the full
    passes while MkDocs writes the pages 0.4 s instead of 0.9 s. The generator's cyclic garbage
    waits until then too.

    While MkDocs writes the pages, the collector also passes less often: Python-Markdown builds
    each page's parser anew, and a young-generation pass every 700 allocations (Python's
    default) found little to free. Every 7,000, the collector's share of a 40-explainer build
    goes from 0.7 s to 0.35 s, and its peak memory does not change."""

    THRESHOLD = (7000, 10, 10)

    def __init__(self) -> None:
        self.threshold_before: tuple[int, ...] | None = None

    @contextlib.contextmanager
    def held(self):
        # Frozen before the collector is back on: its first pass would otherwise go over all
        # that is alive (generate() turns it off as well, and back on as it returns).
        with no_cycle_collection():
            try:
                yield
            finally:
                gc.freeze()
                if self.threshold_before is None:
                    self.threshold_before = gc.get_threshold()
                    gc.set_threshold(*self.THRESHOLD)

    def give_back(self) -> None:
        """Nothing frozen, the threshold as it was: a preview builds again and again in one
        process, and must collect what each build left."""
        gc.unfreeze()
        if self.threshold_before is not None:
            gc.set_threshold(*self.threshold_before)
            self.threshold_before = None


_collector = _Collector()


def _site_url_problem(config: MkDocsConfig) -> Diagnostic | None:
    """What is wrong with site_url, named as the editor gave it: SITE_URL when it comes from
    there (mkdocs.yml's `!ENV [SITE_URL, null]`; MkDocs adds a slash), else mkdocs.yml's own."""
    given = os.environ.get("SITE_URL")
    if given is not None and config.site_url is not None and config.site_url.rstrip("/") == given.rstrip("/"):
        return site_url_problem(given, "SITE_URL")
    return site_url_problem(config.site_url, display_path(Path(config.config_file_path)), "site_url ")


# An empty front matter: MkDocs reads it in no time, and then takes the rest as the body (a body
# given without one would be searched for MultiMarkdown metadata, "key: value" lines at its top).
_READ_ALREADY = "---\n{}\n---\n"


def _in_memory(config: MkDocsConfig, path: str, text: str | bytes, inclusion: InclusionLevel) -> File:
    return File.generated(config, path, content=text, inclusion=inclusion)


class _DiskFullPage(logging.Filter):
    """MkDocs logs "Error building page 'x.md': [Errno 28] No space left on device" as the error
    goes by, and on_build_error then says what it means in a line of its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]  # the filter runs in MkDocs' except block, which logs the line
        full = isinstance(error, OSError) and error.errno in publish.DISK_FULL
        return not (full and record.getMessage().startswith("Error building page"))


_disk_full_page = _DiskFullPage()


class _DirtyWarning(logging.Filter):
    """MkDocs warns on every `serve --dirty` build that the navigation and links may be wrong
    ("A 'dirty' build is being performed…"): true of MkDocs alone, not with this plugin, which
    rebuilds every page when the navigation changes and removes pages that are gone."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _Incremental:
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
    and files of pages or downloads that are gone, which MkDocs would go on serving."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="explainer-preview-"))
        self.written: dict[str, str | bytes] = {}
        self.everything = True
        self.fingerprint = ""
        # Of the pages built before: their titles, front matter and anchors, and search entries.
        self.kept: dict[str, tuple[str | None, dict, set[str] | None]] = {}
        self.search_entries: dict[str, list[dict]] = {}
        self.outputs: set[str] = set()
        self.order: list[str] = []
        self.mark = 0
        self.filter = _DirtyWarning()
        logging.getLogger("mkdocs.commands.build").addFilter(self.filter)

    def file(self, config: MkDocsConfig, path: str, text: str | bytes, inclusion: InclusionLevel) -> File:
        cached = self.folder / path
        file = File.generated(config, path, abs_src_path=str(cached), inclusion=inclusion)
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
        titles = [_title_lines(self.written.get(path, "")) for path in _paths(config.nav)]
        seen.update(json.dumps([config.nav, titles, config.site_name, [str(p) for p in problems]], default=str).encode())
        if config.config_file_path and os.path.isfile(config.config_file_path):
            seen.update(Path(config.config_file_path).read_bytes())
        # The theme's own folders, not the installed Material's (14,000 icons to look at on each
        # save, and no one edits them while previewing).
        seen.update(repr(folder_stamp([Path(d) for d in config.theme.dirs if not _installed_theme(d)])).encode())
        fingerprint = seen.hexdigest()
        self.everything = fingerprint != self.fingerprint
        self.fingerprint = fingerprint
        if self.everything:
            for file in files.documentation_pages():
                _remove(file.abs_dest_path)
        self.mark = 0

    def env(self, files: Files, config: MkDocsConfig) -> None:
        """Pages MkDocs skipped were not read: they get the title, front matter and anchors they
        had, so that the navigation names them and links to their anchors are checked."""
        self.order = []
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            self.order.append(file.src_uri)
            if page.markdown is None and file.src_uri in self.kept:
                title, meta, anchors = self.kept[file.src_uri]
                page.title, page.meta, page.present_anchor_ids = title, meta, anchors
            elif page.markdown is not None:
                self.kept[file.src_uri] = (page.title, page.meta, page.present_anchor_ids)
        outputs = {file.abs_dest_path for file in files}
        # Files of pages and downloads that are gone (an explainer removed, a page renamed).
        for gone in self.outputs - outputs:
            _remove(gone, prune=config.site_dir)
        self.outputs = outputs

    def built(self, page, config: MkDocsConfig) -> None:
        """Material's search added this page's entries last: they are this page's."""
        search = _search(config)
        if search is None:
            return
        entries = search.search_index.entries
        self.search_entries[page.file.src_uri] = entries[self.mark:]
        self.mark = len(entries)

    def post_build(self, config: MkDocsConfig) -> None:
        search = _search(config)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if search is None or not index.is_file():
            return
        current = set(self.order)
        for gone in set(self.search_entries) - current:
            del self.search_entries[gone]
        data = json.loads(index.read_text(encoding="utf-8"))
        data["docs"] = [entry for uri in self.order for entry in self.search_entries.get(uri, [])]
        # As Material writes it.
        index.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
        # Material would otherwise merge this build's entries into all of the earlier ones.
        search.search_index_prev = None

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self.filter)
        shutil.rmtree(self.folder, ignore_errors=True)


def _installed_theme(folder: str) -> bool:
    import material

    root = os.path.dirname(os.path.abspath(material.__file__))
    return os.path.commonpath([root, os.path.abspath(folder)]) == root


def _paths(nav) -> list[str]:
    """The pages a navigation in MkDocs' ``nav`` form lists."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _paths(item)]
    return []


def _title_lines(markdown: str) -> list[str]:
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


def _search(config: MkDocsConfig):
    """Material's search plugin, when the site uses it."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and type(plugin).__module__.startswith("material."):
            return plugin
    return None


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


def _serve_failure(root: Path, problems: tuple[Diagnostic, ...]) -> None:
    """Empties the served folder (but for dot-entries, as MkDocs does) and leaves a "not found"
    page that lists the problems: MkDocs' server answers every address with it until a build
    succeeds."""
    for entry in os.scandir(root):
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme()), autoescape=True)
    page = env.get_template("explainer-failed.html").render(problems=problems, summary=summary(problems))
    (root / "404.html").write_text(page, encoding="utf-8")


class _Watcher:
    """Keeps `mkdocs serve` watching folders that are deleted, replaced or only created while it
    runs. MkDocs' watcher stops for good when a watched folder disappears, even for a moment (a
    `git checkout`, a sync tool replacing the folder), and ignores folders that do not exist
    yet; this looks every WATCH_POLL seconds, watches the folder again once it is back, and
    asks for a rebuild whenever one comes or goes, so the preview says what happened."""

    def __init__(self, server: LiveReloadServer, folders: list[Path]):
        self.server = server
        self.folders = [os.path.abspath(folder) for folder in dict.fromkeys(folders)]
        self.present = {folder: os.path.isdir(folder) for folder in self.folders}
        for folder in self.folders:
            if self.present[folder]:
                server.watch(folder)
        # Writing a file here is how a rebuild is asked for: MkDocs rebuilds on any change in a
        # watched folder, and this one is the preview's own, in the folder MkDocs serves (which
        # its builds empty of everything but dot-entries, and which it removes when it stops).
        self.trigger = os.path.join(server.root, ".explainer-rebuild")
        os.makedirs(self.trigger, exist_ok=True)
        server.watch(self.trigger)
        self.asked = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="explainer-watcher", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(WATCH_POLL):
            if not self.server.observer.is_alive():
                continue  # not serving yet, or no longer
            for folder in self.folders:
                present = os.path.isdir(folder)
                if present and not self._watched(folder):
                    self._watch_again(folder)
                    self._rebuild()
                elif not present and self.present[folder]:
                    self._rebuild()
                self.present[folder] = present

    def _watched(self, folder: str) -> bool:
        return any(e.watch.path == folder and e.is_alive() for e in self.server.observer.emitters)

    def _watch_again(self, folder: str) -> None:
        times = 0
        while True:
            try:
                self.server.unwatch(folder)
            except KeyError:
                break
            times += 1
        for _ in range(max(times, 1)):
            self.server.watch(folder)

    def _rebuild(self) -> None:
        self.asked += 1
        Path(self.trigger, "rebuild").write_text(str(self.asked), encoding="utf-8")

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=10)
