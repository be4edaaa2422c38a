"""The site in each of the desk's other languages: one more MkDocs build of the same mkdocs.yml
per language, after the default's and into ``/<code>/`` of its site folder (the staging folder,
published whole with it), each with its own search index, sitemap, feeds, share cards and 404
page. The default language's plugin starts them; each build's own plugin object is told which
language it builds (``_build_as``) and given what its site keeps between the
rebuilds of a preview."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import Generated, languages, locales
from .engine_internals import builds
from .incremental import Incremental
from .preview import Preview

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .plugin import ExplainerPlugin

log = logging.getLogger("mkdocs.plugins.explainer")


@dataclasses.dataclass
class OtherSite:
    """What another language's site keeps from one rebuild of a preview to the next: its own
    generator state, its own `serve --dirty` files, its last good pages."""

    preview: Preview | None
    incremental: Incremental | None
    last_good: Generated | None = None


class OtherSites:
    """The default language's build's other sites, by language code."""

    def __init__(self) -> None:
        self.sites: dict[str, OtherSite] = {}

    def build(self, default: ExplainerPlugin, config: MkDocsConfig) -> None:
        """Each of ``default.languages`` but the first, built as ``default`` was (previewing or
        not, dirty or not) into its folder of ``config.site_dir``."""
        for code in default.languages[1:]:
            site = self.sites.get(code)
            if site is None:  # made once, at the first build: an Incremental holds a folder and a log filter
                site = self.sites[code] = OtherSite(Preview() if default.serving else None,
                                                    Incremental() if default.incremental is not None else None)
            other = builds.config_for(config, site_dir=str(Path(config.site_dir) / code),
                                      site_url=languages.site_url_of(config.site_url, code, default.languages))
            builds.speak(other, code)
            plugin = builds.explainer_plugin(other)
            _build_as(plugin, code, default, site)
            log.info(f"Building the site in {locales.name(code)} ({code}/)")
            try:
                builds.build_site(other, dirty=default.dirty)
            finally:
                site.last_good = plugin.last_good

    def parts(self) -> Iterator[Incremental | None]:
        """What must be closed when the preview stops."""
        return (site.incremental for site in self.sites.values())

    def clear(self) -> None:
        self.sites.clear()


def _build_as(plugin: ExplainerPlugin, code: str, default: ExplainerPlugin, site: OtherSite) -> None:
    """``plugin`` made the plugin of another language's build: that language, built as the
    default's build is (previewing or not, dirty or not), with what its site keeps."""
    plugin.language, plugin.languages, plugin.serving, plugin.dirty = code, default.languages, default.serving, default.dirty
    plugin.published = default.staging.site_dir / code if default.staging is not None else None
    plugin.preview, plugin.incremental, plugin.last_good = site.preview, site.incremental, site.last_good
    plugin.logged = frozenset(map(str, default.problems))
