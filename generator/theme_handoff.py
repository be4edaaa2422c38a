"""What the theme is handed of our pages, once per page: the front matter the templates wrote,
read already, and the tags and title as text escaped once for where Material prints them."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .structured import read_front_matter

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

# An empty front matter: MkDocs reads it in no time, and then takes the rest as the body (a body
# given without one would be searched for MultiMarkdown metadata, "key: value" lines at its top).
_READ_ALREADY = "---\n{}\n---\n"


class Handoff:
    def __init__(self) -> None:
        # Each page's front matter, read by read_front_matter until MkDocs asks for it.
        self.front_matter: dict[str, dict[str, Any]] = {}

    def clear(self) -> None:
        self.front_matter.clear()  # what an aborted build left

    def source(self, page: Page, markdown: str | None) -> str | None:
        """MkDocs reads every page's front matter as YAML: 0.7 s at 40 explainers, for values the
        templates wrote as JSON. Our page is given to it with its front matter read already;
        None (MkDocs reads it) for a page not ours or a site template's own front matter."""
        read = read_front_matter(markdown) if markdown is not None else None
        if read is None:
            return None
        body, self.front_matter[page.file.src_uri] = read
        return _READ_ALREADY + body

    def meta(self, page: Page) -> None:
        """The page's front matter, before any other plugin's on_page_markdown reads it."""
        meta = self.front_matter.pop(page.file.src_uri, None)
        if meta is not None:
            page.meta = meta
        if page.file.generated_by and isinstance(page.meta.get("tags"), list):
            # The tags (an explainer's title, text) are for Material's search alone, which draws
            # them as HTML, as it draws the titles and text it escaped itself, the same way.
            # Zensical reads them from the front matter as the text they are.
            page.meta["tags"] = [html.escape(tag, quote=False) if isinstance(tag, str) else tag for tag in page.meta["tags"]]

    @staticmethod
    def title(page: Page) -> None:
        """MkDocs takes the title from the h1 as HTML, with the character references our Markdown
        escapes with (&#40; for "("): the theme prints it as it is in text, but escapes it again
        in attributes (the footer's "Next: …"). The same text, escaped once and marked so (as
        site_name is), reads right in both."""
        if page.file.generated_by and page.title:
            page.title = escape(html.unescape(page.title))
