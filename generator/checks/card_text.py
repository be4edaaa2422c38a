"""The texts a share card may have to cut short: an explainer's headline (three lines) and the
desk's name (one line, in the band across the top). The link preview is often a reader's first
sight of an explainer, so either cut short is a warning that quotes what the card shows."""

from __future__ import annotations

from collections.abc import Callable

from .. import cards
from ..diagnostics import ContentError, Diagnostic
from ..model import Desk, Entry, Story
from ..parsing import Document, Key


def headline_problem(document: Document, key: Key, headline: str) -> Diagnostic | None:
    if (shown := _shown(cards.headline_shown, headline)) is None:
        return None
    return document.diagnostic(
        key, f"the headline is too long for the share card, which shows only \"{shown}\" (expected a shorter "
        "headline, which the card can show whole in three lines)", severity="warning",
    )


def desk_name_problem(document: Document, key: Key, title: str, short_title: str | None) -> Diagnostic | None:
    """A title the cards' band cannot hold is a problem only with no short title to stand in."""
    if short_title or (shown := _shown(cards.desk_shown, title)) is None:
        return None
    return document.diagnostic(
        key, f"the desk's name is too long for the band across the top of the share cards, which show only \"{shown}\" "
        "(expected a shorter title, or a short_title, which the cards then show)", severity="warning",
    )


def _shown(measure: Callable[[str], str | None], text: str) -> str | None:
    """What the card shows of ``text`` as ``measure`` sets it, when it cuts it; None when it does not."""
    try:
        return measure(text)
    except ContentError:
        return None  # no font to measure with: the build says so, once


def translated_problem(original: Entry, field: str, document: Document, key: Key, text: str) -> Diagnostic | None:
    """The same, for a translated headline or desk name (``original``: the entry it translates),
    which that language's cards show."""
    if isinstance(original, Story) and field == "title":
        return headline_problem(document, key, text)
    if isinstance(original, Desk) and field == "title":
        # The original's short title stands in, translated or not.
        return desk_name_problem(document, key, text, original.short_title)
    return None
