"""The validated desk: what validation (``validate.py``) hands to every later step. Each
explainer with its story, positions, numbers and events, and the desk's shared entries, every
reference resolved. What each content file holds is ``model.py``'s.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from .diagnostics import Diagnostic
from .model import Actor, Desk, Document, Event, Figure, Issue, KindTerm, Position, Source, StanceTerm, Story
from .values import sort_key


@dataclasses.dataclass(frozen=True)
class Explainer:
    """One validated explainer: its folder name, its story and what it says."""

    slug: str
    story: Story
    positions: tuple[Position, ...]
    figures: dict[str, Figure]
    events: dict[str, Event]


@dataclasses.dataclass(frozen=True)
class Content:
    """A validated desk: every reference in it resolves, every stance and kind is in its vocabulary."""

    desk: Desk
    sources: dict[str, Source]
    actors: dict[str, Actor]
    issues: dict[str, Issue]
    # Newest first: by date, then by last update.
    explainers: dict[str, Explainer]
    # The desk's vocabularies, in legend order: desk.yml's, or the built-in ones (messages.py).
    stances: dict[str, StanceTerm] = dataclasses.field(default_factory=dict)
    kinds: dict[str, KindTerm] = dataclasses.field(default_factory=dict)
    documents: dict[str, Document] = dataclasses.field(default_factory=dict)
    # Problems that do not stop a build (``mkdocs build --strict`` still fails on them).
    warnings: tuple[Diagnostic, ...] = ()
    # The translation files, by language: (explainer's slug, or "" for the desk's files; the
    # original's name) → what the file holds (translations.py applies them).
    translations: dict[str, dict[tuple[str, str], Any]] = dataclasses.field(default_factory=dict)
    # The language the text is in: "" for the desk's default, as written.
    language: str = ""

    @property
    def in_language(self) -> str:
        """The code of the language the content's text is in."""
        return self.language or self.desk.languages[0]

    # Every page's front matter asks: worked out once, not once per page over every explainer.
    @functools.cached_property
    def updated(self) -> str:
        """The latest update of any explainer: the desk's own date."""
        return max((x.story.updated for x in self.explainers.values()), key=sort_key)


def newest_first(explainers: list[Explainer]) -> list[Explainer]:
    return sorted(explainers, key=lambda x: (sort_key(x.story.date), sort_key(x.story.updated), x.slug), reverse=True)
