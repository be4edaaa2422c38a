"""Material's search: the entries its plugin gathers during a build, and the index it writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig



def _search(config: MkDocsConfig):
    """Material's search plugin, when the site uses it."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and material_plugin(plugin):
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

def add_search_entries(config: MkDocsConfig, entries: list[dict]) -> None:
    """Entries of a page added to Material's search index as its on_page_context would add them."""
    search = _search(config)
    if search is not None:
        search.search_index.entries.extend(entries)


def material_plugin(plugin) -> bool:
    """Whether a plugin is one of Material's own (``material.plugins.…``)."""
    return type(plugin).__module__.startswith("material.")
