"""Text still to come: the texts `new` writes into an explainer, and the marks editors leave
in a draft ("TK", "TODO", "lorem ipsum"…), found in any file of the desk that is about to be
published, in any of its languages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic, shown
from ..files import PLACEHOLDERS
from ..parsing import Document, Key

# Newsroom and programmers' marks, in capitals and as whole words so that prose never trips
# them ("Todo" in Spanish, "tk" in a URL): TK (to come), TODO, TBD and TBC, FIXME, XXX; the
# typesetters' filler text; and a run of question marks, where nobody writes one in a fact.
MARKS = re.compile(r"(?<![\w-])(?:TK(?:TK)*|TODO|TBD|TBC|FIXME|XXX)(?![\w-])|[Ll]orem ipsum|\?{3,}")


def check_placeholders(documents: Iterable[tuple[Document, bool]]) -> Iterator[Diagnostic]:
    """Every text that still holds a mark, once per text, at the text; ``documents`` with
    whether each is an explainer's (which may be marked a draft) or the desk's own."""
    for document, explainers in documents:
        expected = (
            "the finished text, or `draft: true` in explainer.yml while the explainer is being written" if explainers
            else "the finished text: the desk's own files are published with every explainer"
        )
        for key, text in _texts(document.data):
            written = next((p for p in PLACEHOLDERS.values() if p in text), None)
            found = MARKS.search(text)
            if written:
                yield document.diagnostic(
                    key, f"{key[-1]} is still the text `new` wrote, '{shown(written)}' (expected the real text, "
                    "or `draft: true` while the explainer is being written)",
                )
            elif found:
                yield document.diagnostic(
                    key, f"{_named(key)} holds '{shown(found.group())}', a mark for text still to come (expected {expected})"
                )


def _named(key: Key) -> str:
    """The field a text is in, as an editor sees it: 'standfirst', or the list a paragraph's
    `text:` is in ('unknowns')."""
    names = [part for part in key if isinstance(part, str)]
    if not names:
        return "the text"
    if names[-1] == "text" and len(names) > 1:
        return f"the text under '{names[-2]}'"
    return f"'{names[-1]}'"


def _texts(data: object, key: Key = ()) -> Iterator[tuple[Key, str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _texts(value, (*key, name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*key, i))
