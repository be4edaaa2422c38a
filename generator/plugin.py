"""The MkDocs plugin: wires ``generate`` into a build. No logic of its own lives here."""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from . import PARTIALS, TEMPLATES, ContentError, Diagnostic, Generated, generate
from .diagnostics import summary
from .model import epoch
from .render import render_unavailable

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# Under "mkdocs.plugins." so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.explainer")
# The engine's own logger, whose warnings fail a --strict build: "mkdocs", or "properdocs" under
# ProperDocs, which answers imports of mkdocs with itself and sends "mkdocs" logs on to its own.
engine_log = logging.getLogger(mkdocs.__name__)


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
        self.problems: tuple[Diagnostic, ...] = ()
        self.staging: Path | None = None
        self.warning_count = CountHandler()
        self.warning_count.setLevel(logging.WARNING)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve` rebuilds, which is
        # how the last good pages survive a broken save.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        here = Path(config.config_file_path).parent
        self.content_dir = here / self.config.content
        self.templates = ((here / self.config.templates,) if self.config.templates else ()) + (TEMPLATES,)
        # The pictures are HTML, drawn by partials in the theme's custom_dir when it has them.
        custom = Path(config.theme.custom_dir or here / "overrides") / "partials" / "explainer"
        self.partials = custom if custom.is_dir() else PARTIALS
        if not self.serving:
            self._build_beside_site(config)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Before MkDocs empties site/, so content with errors never costs the last good site.
        try:
            generated = generate(self.content_dir, self.templates, self.partials, config.site_url)
        except ContentError as error:
            self.problems = tuple(error.diagnostics)
            for diagnostic in self.problems:
                (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
            if not self.serving:
                raise PluginError(f"explainer content: {summary(self.problems)}") from None
            # While previewing, a broken save must not hang the server: build the last good
            # pages (or placeholders) and show the problems on every page until it is fixed.
            self.pages = self.last_good.pages if self.last_good else render_unavailable(self.templates)
            return
        self.last_good = generated
        # The site's date (the sitemap's lastmod) is the explainer's, not the day of the build,
        # so that two builds of the same content are the same byte for byte.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoch(generated.updated)))
        self.pages = generated.pages
        self.problems = generated.warnings
        for warning in generated.warnings:
            log.warning(str(warning))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Every page is left out of the automatic navigation: the navigation is the generator's
        # short list of key pages (config.nav, read by MkDocs right after this event), so that
        # its size, which every page carries, does not grow with the desk.
        for path, markdown in self.pages.items():
            files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        config.nav = self.last_good.nav if self.last_good else [path for path in self.pages]
        # The downloads, feeds and share cards: not Markdown, so MkDocs copies them into site/ as
        # static files. The pages always show the last good content, even after a broken save,
        # so these come from it too.
        for path, text in ({**self.last_good.downloads, **self.last_good.files} if self.last_good else {}).items():
            files.append(File.generated(config, path, content=text))
        if self.last_good and self.last_good.site_name:
            # The theme prints the site's name as HTML; the desk's title is text.
            config.site_name = html.escape(self.last_good.site_name, quote=False)
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # overrides/main.html lists these above every page while previewing.
        env.globals["explainer_problems"] = self.problems if self.serving else ()
        env.globals["explainer_summary"] = summary(self.problems)
        return env

    # -- a failed build leaves the last good site/ exactly as it was ---------------------------
    # MkDocs empties site/ early in a build and aborts strict builds only at the very end, so
    # the build goes to a fresh folder beside site/ that replaces site/ only on success.

    def _build_beside_site(self, config: MkDocsConfig) -> None:
        self.site_dir = Path(config.site_dir)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}-building-", dir=self.site_dir.parent))
        config.site_dir = str(self.staging)
        # The same count MkDocs keeps to fail --strict builds after on_post_build.
        engine_log.addHandler(self.warning_count)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.staging is None:
            return
        engine_log.removeHandler(self.warning_count)
        if config.strict and self.warning_count.get_counts():
            return  # MkDocs aborts next; on_build_error removes the staging folder
        previous = self.site_dir.with_name(f".{self.site_dir.name}-previous")
        shutil.rmtree(previous, ignore_errors=True)
        if self.site_dir.exists():
            self.site_dir.rename(previous)
        self.staging.rename(self.site_dir)
        config.site_dir = str(self.site_dir)
        self.staging = None
        shutil.rmtree(previous, ignore_errors=True)

    def on_build_error(self, error: Exception) -> None:
        engine_log.removeHandler(self.warning_count)
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(str(self.content_dir))
        for folder in (*self.templates, self.partials):
            server.watch(str(folder))
        return server
