"""The paged lists: a shared page whose main list grows with the desk (the home page's
explainers, an actor's explainers…) goes on over numbered pages, so that no page grows with the
desk. The registry (kinds.Paging) declares each list; this cuts it into pages and notes which
page holds each entry, for links into the list.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from .kinds import KINDS, pages

if TYPE_CHECKING:  # only for the annotations: desk_index reads this module
    from .desk_index import DeskIndex
    from .validated_desk import Content

# Entries per page of each paged list: the registry's (kinds.Paging), by kind, which tests
# shrink to see many pages of a small desk.
PER_PAGE: dict[str, int] = {kind.name: kind.paging.per_page for kind in pages() if kind.paging}


@dataclasses.dataclass(frozen=True)
class Pager:
    """One page of a shared page's main list: which page of how many, and the entries on it."""

    kind: str
    params: dict[str, str]
    number: int
    count: int
    items: tuple[Any, ...]
    # Entries over every page.
    total: int

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers a pager shows: the first, the last and those around this one, with
        None for a gap, so that the pager itself does not grow with the desk: 1 … 4 5 6 … 9."""
        near = {1, self.count, *range(self.number - 2, self.number + 3)}
        shown: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in near:
                shown.append(n)
            elif shown[-1] is not None:
                shown.append(None)
        return shown


def key(kind: str, params: dict[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A paged list's key: its kind and its page's parameters (an actor's id…)."""
    return kind, tuple(sorted(params.items()))


def paginate(content: Content, index: DeskIndex) -> None:
    """Every paged list the registry declares, for every page that has one, cut into pages
    (``index.paged``), and the page each entry is on, by its anchor (``index.entry_pages``)."""
    for kind in pages():
        if kind.paging is None:
            continue
        for params in _subjects(content, kind.subject):
            pagers = _paged(kind.name, kind.paging.entries(content, index, params), params)
            index.paged[key(kind.name, params)] = pagers
            index.entry_pages[key(kind.name, params)] = {kind.paging.anchor(item): p.number for p in pagers for item in p.items}


def _paged(kind: str, items: list[Any] | tuple[Any, ...], params: dict[str, str]) -> tuple[Pager, ...]:
    per = PER_PAGE.get(kind) or KINDS[kind].paging.per_page
    if KINDS[kind].paging.latest_first:  # cut from the end: page 1 holds the latest entries
        ends = list(range(len(items), 0, -per)) or [0]
        chunks = [tuple(items[max(end - per, 0) : end]) for end in ends]
    else:
        chunks = [tuple(items[i : i + per]) for i in range(0, len(items), per)] or [()]
    return tuple(Pager(kind, params, n, len(chunks), chunk, len(items)) for n, chunk in enumerate(chunks, 1))


def _subjects(content: Content, subject: str) -> list[dict[str, str]]:
    """The page parameters of each page of a kind about ``subject``: the desk's one, or one per
    actor or issue."""
    if subject == "desk":
        return [{}]
    return [{"id": id_} for id_ in (content.actors if subject == "actor" else content.issues)]
