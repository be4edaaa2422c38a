"""A failed build leaves the last good site/ exactly as it was.

MkDocs empties site/ early in a build and aborts strict builds only at the very end, so the
build goes to a fresh folder beside site/ that replaces site/ only on success (``publish.py``).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort, PluginError

from . import publish
from .engine_internals.builds import count_warnings, quiet_disk_full_page, stop_counting

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.explainer")


class Staging:
    """One `mkdocs build`: ``start`` in on_config, then ``finish`` (on_post_build) or ``abandon``
    (on_build_error)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.site_dir = Path(config.site_dir)
        self.folder: Path | None = publish.staging(self.site_dir)
        config.site_dir = str(self.folder)
        self.warnings = count_warnings()
        quiet_disk_full_page(publish.DISK_FULL)

    def finish(self, config: MkDocsConfig) -> None:
        stop_counting(self.warnings)
        if self.folder is None or (config.strict and self.warnings.get_counts()):
            return  # MkDocs aborts next; abandon() removes the staging folder
        try:
            publish.put_in_place(self.folder, self.site_dir)
        except publish.PublishError as error:
            raise PluginError(str(error)) from None
        config.site_dir = str(self.site_dir)
        self.folder = None

    def abandon(self, error: Exception) -> None:
        """A full disk ends the build here, with one line instead of a traceback."""
        stop_counting(self.warnings)
        if self.folder is None:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
        full = publish.disk_full(error, self.site_dir) if isinstance(error, OSError) else None
        if full is not None:
            log.error(str(full))
            raise Abort("Aborted with a BuildError!")
