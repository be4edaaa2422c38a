"""The generator's pages are converted with the Markdown its templates write, and no more.

Python-Markdown tries each of its inline patterns on every stretch of a page's text. Ten of
them are for syntax no template writes (code spans, backslash escapes, images, reference links,
autolinks, hard line breaks), and content text cannot bring any: it reaches a page as character
references (``render.escape_markdown``). Without them, converting the generator's pages takes
about a quarter less time, a tenth of a cold build, and gives the same HTML byte for byte
(tests/test_syntax.py, which fails when a template starts writing one of them). A page a builder
writes by hand in docs/ is converted with all of Markdown.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

# Python-Markdown's own names (its documented registry names) for the inline patterns of
# syntax that no template writes.
UNWRITTEN = ("backtick", "escape", "reference", "image_link", "image_reference", "short_reference",
             "short_image_ref", "autolink", "automail", "linebreak")


class TemplatesSyntax(Extension):
    """One of the build's Markdown extensions (the plugin adds it last, in on_config). MkDocs
    makes a converter for each page, just after the page's ``on_page_markdown``, in which the
    plugin says whether the page is one of the generator's (``generated``)."""

    def __init__(self) -> None:
        super().__init__()
        self.generated = False

    def extendMarkdown(self, md: Markdown) -> None:
        if self.generated:
            narrow(md)


def narrow(md: Markdown) -> Markdown:
    """``md`` without the inline patterns of syntax the templates do not write."""
    for name in UNWRITTEN:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    return md


def add_to(markdown_extensions: list) -> TemplatesSyntax:
    """A new ``TemplatesSyntax``, last of a configuration's Markdown extensions (instead of one
    added there before)."""
    markdown_extensions[:] = [e for e in markdown_extensions if not isinstance(e, TemplatesSyntax)]
    extension = TemplatesSyntax()
    markdown_extensions.append(extension)
    return extension
