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


def check_placeholders(documents: Iterable[tuple[Document, bool]],
                       kept: dict[int, tuple[Document, list[Diagnostic]]] | None = None) -> Iterator[Diagnostic]:
    """Every text that still holds a mark, once per text, at the text; ``documents`` with
    whether each is an explainer's (which may be marked a draft) or the desk's own. ``kept`` (a
    preview's, validate.Kept) holds what each document held at the last call: a document that
    is the very one it was is not read through again (every text of a desk of 40 explainers,
    at each save, took more of the preview's time than any other check)."""
    for document, explainers in documents:
        found = kept.get(id(document)) if kept is not None else None
        if found is None or found[0] is not document:
            found = (document, list(_marks(document, explainers)))
            if kept is not None:
                kept[id(document)] = found
        yield from found[1]


def _marks(document: Document, explainers: bool) -> Iterator[Diagnostic]:
    """What ``check_placeholders`` says of one document."""
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
