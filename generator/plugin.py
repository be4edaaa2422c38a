"""The MkDocs plugin: wires ``generate`` into a build. No logic of its own lives here."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import TEMPLATES, ContentError, generate
from .diagnostics import summary

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# Under "mkdocs.plugins." so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerConfig(base.Config):
    content = c.Type(str, default="content")
    """The folder of YAML content files, relative to mkdocs.yml."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.content_dir = Path(config.config_file_path).parent / self.config.content
        self.pages: dict[str, str] = {}

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Before MkDocs empties site/, so content with errors never costs the last good site.
        try:
            self.pages = generate(self.content_dir)
        except ContentError as error:
            for diagnostic in error.diagnostics:
                (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
            raise PluginError(f"explainer content: {summary(error.diagnostics)}") from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for path, markdown in self.pages.items():
            files.append(File.generated(config, path, content=markdown))
        return files

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(str(self.content_dir))
        server.watch(str(TEMPLATES))
        return server
