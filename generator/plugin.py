"""The MkDocs plugin: wires MkDocs' events to the generator and its helpers, and nothing more.

It adds the pages in memory (nothing is written into ``docs/``) and the package's theme after
the site's own (``site_config.py``); the rest is in modules named for what they do, listed in
the README's architecture part; every MkDocs or Material internal is in ``engine_internals/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from . import TEMPLATES, Diagnostic, Generated, generate, languages, search, urls
from .engine_internals import builds, live_server, search_index
from . import site_config, syntax, templating
from .build_cache import BuildCache
from .collector import Collector
from .diagnostics import errors, summary
from .failures import attempted, build_failed, cannot_serve, unavailable
from .incremental import Incremental
from .load import display_path
from .other_sites import OtherSites
from .preview import Preview
from .staging import Staging
from .stopping import LikeCtrlC
from .theme_handoff import Handoff
from .values import epoch
from .watcher import Watcher

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

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
        self.handoff = Handoff()
        self.syntax: syntax.TemplatesSyntax | None = None
        self.problems: tuple[Diagnostic, ...] = ()
        self.staging: Staging | None = None
        self.watcher: Watcher | None = None
        self.preview: Preview | None = None
        self.incremental: Incremental | None = None
        self.stopping: LikeCtrlC | None = None
        self.build_cache: BuildCache | None = None
        self.collector = Collector()
        self.build_date = builds.BuildDate()
        self.unwrap_build = None
        self.config_file = "mkdocs.yml"  # until on_config names it
        self.dirty = False
        # This build's language: None for the default's, at the site's root, whose build then
        # builds each other language's site under /<code>/ (see ``other_sites.py``).
        self.language: str | None = None
        self.languages: tuple[str, ...] = ("en",)
        # Of each other language's site, what lasts from one rebuild of a preview to the next.
        self.other_sites = OtherSites()
        # Where this language's site is published (site/<code>/ for another language's build).
        self.published: Path | None = None
        # What the default language's build logged, which another language's finds again.
        self.logged: frozenset[str] = frozenset()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve` rebuilds, which is
        # how the last good pages survive a broken save.
        self.serving = command == "serve"
        # A preview builds again only what a save changed, with or without --dirty: the
        # incremental build is the full one's, page for page (tests/test_preview.py).
        self.dirty = dirty or self.serving
        if self.serving:
            self.preview = Preview()
            self.unwrap_build = live_server.answer_first_build(self._answer, dirty=True)
            self.incremental = Incremental()
            self.stopping = LikeCtrlC()

    # First: the theme's language, which the default language's site speaks, is read by
    # Material's search in its own on_config, from templates of the theme.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> None:
        # Every environment of the theme, this build's and those Material's search makes for its
        # words in its own on_config, compiles each template once per machine.
        builds.prepare_theme_environments(config, templating.keep_compiled)
        here = Path(config.config_file_path).parent
        self.config_file = display_path(Path(config.config_file_path))
        # Before anything is built: pages, feeds and share cards print it in attributes.
        problem = site_config.site_url_problem_of(config)
        if problem is not None:
            raise PluginError(str(problem))
        self.content_dir = here / self.config.content
        self.templates_dir = here / self.config.templates if self.config.templates else None
        self.templates = ((self.templates_dir,) if self.templates_dir else ()) + (TEMPLATES,)
        site_config.add_theme(config)
        self.syntax = syntax.add_to(config.markdown_extensions)
        self.partials = site_config.partials(config)
        if self.language is None:
            self.languages = languages.declared(self.content_dir)
            builds.speak(config, self.languages[0])
        site_config.speak_words(config, self.language or self.languages[0])
        if not self.serving:
            # Another language's site is built into the default's staging folder, published with it.
            self.staging = Staging(config) if self.language is None else None
            # The generator then runs as the preview does, from the last build's state.
            # Another language's pages are linked from its own folder of the published site.
            published = self.staging.site_dir if self.staging is not None else self.published
            self.build_cache = BuildCache.open(config, self.templates, self.partials, published, self.language)
            if self.build_cache is not None:
                self.preview = self.build_cache.preview

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Before MkDocs empties site/, so content with errors never costs the last good site.
        with self.collector.held(), urls.served(config.use_directory_urls):
            generated, self.problems = attempted(lambda: self._generate(config.site_url), self.content_dir, self.logged)
        if generated is not None:
            self.last_good, self.pages = generated, generated.pages
        elif not self.serving:
            raise PluginError(f"explainer content: {summary(self.problems)}")
        else:
            # While previewing, a broken save must not hang the server: build the last good pages
            # (or placeholders) and show the problems on every page until it is fixed.
            self.pages = self.last_good.pages if self.last_good else unavailable(self.templates)
        # The site's date (the sitemap's lastmod) is the explainer's, not the day of the build,
        # so that two builds of the same content are the same byte for byte.
        self.build_date.pin(epoch(self.last_good.updated) if self.last_good else None)

    def _generate(self, site_url: str | None) -> Generated:
        site_config.templates_found(self.templates_dir)
        if self.preview is not None:
            return self.preview.generate(self.content_dir, self.templates, self.partials, site_url, self.language)
        return generate(self.content_dir, self.templates, self.partials, site_url, language=self.language)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        made = self.incremental.file if self.incremental is not None else _in_memory
        self.handoff.clear()
        for path, markdown in self.pages.items():
            files.append(made(config, path, markdown, InclusionLevel.NOT_IN_NAV))  # see from_content
        # The downloads, feeds and share cards: not Markdown, so MkDocs copies them into site/ as
        # static files. The pages always show the last good content, even after a broken save,
        # so these come from it too.
        for path, text in ({**self.last_good.downloads, **self.last_good.files} if self.last_good else {}).items():
            files.append(made(config, path, text, InclusionLevel.UNDEFINED))
        site_config.from_content(config, self.last_good, self.pages)
        if self.incremental is not None:
            self.incremental.files(files, config, self.problems)
        if self.build_cache is not None:
            self.build_cache.files(files, config, self.problems)
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.handoff.source(page, self.pages.get(page.file.src_uri) if page.file.generated_by else None)

    # First, so that every other plugin's on_page_markdown sees the page's front matter.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.handoff.meta(page)
        if self.syntax is not None:  # MkDocs makes the page's converter next
            self.syntax.generated = bool(page.file.generated_by) and page.file.src_uri in self.pages
        return markdown

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.handoff.title(page)
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

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        return site_config.error_page(context, template_name, config, self.language)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.incremental is not None:
            self.incremental.built(page, config)
        return output

    # Late, after every other plugin's: Material's search writes its index in its own
    # on_post_build, which the preview then puts right.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        # A preview's save collects once, in the default language's build: another language's
        # garbage, given back after it, is collected at the next save's.
        self.collector.give_back(collect=self.serving and self.language is None)
        self.build_date.unpin()
        if self.incremental is not None:
            self.incremental.post_build(config)
        # Before the site is put in place: a result shows the page's words, never its hidden ones
        # (a dirty preview has done it page by page, and so has the build cache, whose entries
        # this finds done), and the index is written as the preview writes it (``search_json``).
        if self.build_cache is not None:
            self.build_cache.save()
        if self.incremental is None:
            search_index.edit_search_index(config, search.keep_terms_apart)
        if self.language is None:
            if self.last_good is not None:
                self.languages = self.last_good.languages
            self.other_sites.build(self, config)
        if self.staging is not None:
            self.staging.finish(config)

    # Last: a full disk ends the build here, with one line instead of a traceback.
    @event_priority(-100)
    def on_build_error(self, error: Exception) -> None:
        self.collector.give_back(collect=self.serving and self.language is None)
        self.build_date.unpin()
        if self.build_cache is not None:
            self.build_cache.close()
        if self.incremental is not None:
            self.incremental.stop_sharing()
        if self.staging is not None:
            self.staging.abandon(error)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        self.watcher = Watcher(server, [self.content_dir, *self.templates, self.partials])
        live_server.answer_rebuilds(server, self._answer)
        live_server.say_when_the_port_is_taken(server, cannot_serve)
        return server

    def _answer(self, error: Exception, served: Path) -> None:
        build_failed(error, served, self.config_file, self.problems)

    def on_shutdown(self) -> None:
        self.build_date.unpin()  # a build that a Ctrl-C ended
        for part in (self.watcher, self.incremental, self.stopping, self.build_cache, *self.other_sites.parts()):
            if part is not None:
                part.close()
        self.other_sites.clear()
        if self.unwrap_build is not None:
            self.unwrap_build()
        self.watcher = self.incremental = self.stopping = self.build_cache = self.unwrap_build = None


def _in_memory(config: MkDocsConfig, path: str, text: str | bytes, inclusion: InclusionLevel) -> File:
    return File.generated(config, path, content=text, inclusion=inclusion)
