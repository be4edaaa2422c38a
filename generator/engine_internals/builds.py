"""The build: the date MkDocs gives it, the log it counts warnings in, the theme's Jinja
environments, and the same site built again within it for another language.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import mkdocs
from mkdocs.commands import build as build_command
from mkdocs.utils import CountHandler

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# The engine's own logger, whose warnings fail a --strict build: "mkdocs", or "properdocs" under
# ProperDocs, which sends "mkdocs" logs on to its own.
engine_log = logging.getLogger(mkdocs.__name__)
# Where MkDocs' build logs what it says of pages and dirty builds ("properdocs.commands.build"
# under ProperDocs).
BUILD_LOG = logging.getLogger(build_command.__name__)



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
