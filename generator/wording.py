"""How things are worded for readers, in English: vocabularies, page names, dates and numbers.

The model says what a value is (``stance: conditional``); this module says how a reader sees
it ("Conditional: accepts it only on its own terms"). The Markdown pages, the pictures, the
structured data and the navigation all word things through here, so they agree.
"""

from __future__ import annotations

import calendar
import typing

from . import model
from .model import Figure, Source

MONTHS = list(calendar.month_name)[1:]

# The stance vocabulary and its legend: (label, what it means, said of the actor).
STANCES: dict[str, tuple[str, str]] = {
    "supports": ("Supports", "is in favour"),
    "agrees": ("Agreed", "has agreed to it"),
    "proposes": ("Proposes", "has put it forward"),
    "requests": ("Asks for", "has asked for it"),
    "demands": ("Demands", "makes it a condition or a firm demand"),
    "conditional": ("Conditional", "accepts it only on its own terms"),
    "noncommittal": ("Noncommittal", "has taken note of it without saying yes or no"),
    "disputes": ("Disputes", "contests another account of it"),
    "opposes": ("Opposes", "is against"),
    "boycotts": ("Walked out", "has walked out or stays away"),
    "not-stated": ("Not stated", "our source gives no position"),
}

# How settled a number is: (label, what it means).
STATUSES: dict[str, tuple[str, str]] = {
    "agreed": ("Agreed", "agreed to, not yet carried out"),
    "delivered": ("Delivered", "it has happened"),
    "proposed": ("Proposed", "put forward, not agreed"),
    "claimed": ("Claimed", "said by one party; not independently confirmed"),
    "estimate": ("Estimate", "an approximate figure"),
    "reported": ("Reported", "stated by the source on its own authority"),
}

# The words shown before a number for each qualifier.
QUALIFIERS: dict[str, str] = {
    "exactly": "",
    "about": "about",
    "just-under": "just under",
    "less-than": "less than",
    "more-than": "more than",
    "at-least": "at least",
    "up-to": "up to",
}

# Headings for each kind of actor, in the order who's-who pages list them.
ACTOR_KINDS: dict[str, str] = {
    "state": "States",
    "organization": "Organizations",
    "group": "Groups and alliances",
    "delegation": "Delegations",
    "person": "People",
}

# Page names, by the page kinds of urls.PAGES: headings, navigation and structured data.
PAGE_TITLES: dict[str, str] = {
    "desk-timeline": "Timeline",
    "desk-actors": "Who's who",
    "desk-issues": "The issues",
    "desk-sources": "Sources",
    "explainer": "Overview",
    "explainer-timeline": "Timeline",
    "explainer-actors": "Who's who",
    "explainer-issues": "The issues",
    "explainer-positions": "Where they stand",
    "explainer-figures": "The numbers",
    "explainer-sources": "Sources",
}
# What a reader finds on each list page, for link previews: “{title}: {what}.”
PAGE_PURPOSES: dict[str, str] = {
    "desk-timeline": "every dated event in every explainer, in order",
    "desk-actors": "everyone the explainers name, and where each appears",
    "desk-issues": "the contested questions, and where each side stands on them over time",
    "desk-sources": "where every claim comes from, and the data to download",
    "explainer-timeline": "every dated event, in order",
    "explainer-actors": "who is who in this story",
    "explainer-issues": "each question in dispute, with every side's position",
    "explainer-positions": "where every side stands on every issue",
    "explainer-figures": "every number, with how settled it is and who says so",
    "explainer-sources": "where every claim comes from, and the data to download",
}

# The desk's home page, for link previews, when desk.yml gives no description.
DESK_PURPOSE = "Every explainer on this site, newest first, and what changed in them lately."

for _words, _names in ((STANCES, model.Stance), (STATUSES, model.FigureStatus), (QUALIFIERS, model.Qualifier), (ACTOR_KINDS, model.ActorKind)):
    assert set(_words) == set(typing.get_args(_names)), _names


def date(value: str) -> str:
    """``2025-06-02`` → ``2 June 2025``; ``2024-06`` → ``June 2024``; ``2022`` → ``2022``."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"


def number(value: float) -> str:
    """``6000.0`` → ``6,000``; ``1200000`` → ``1.2 million``; ``0.2`` → ``0.2``."""
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def amount(figure: Figure) -> str:
    """The number as the source words it: ``about 113,100``, ``just under a fifth``, ``2–3``."""
    if figure.wording:
        core = figure.wording
    elif figure.value_max is not None:
        core = f"{number(figure.value)}–{number(figure.value_max)}"
    else:
        core = number(figure.value)
    qualifier = QUALIFIERS[figure.qualifier]
    return f"{qualifier} {core}" if qualifier else core


def figure_value(figure: Figure) -> str:
    """The whole figure: ``6,000 bodies each side``, ``just under a fifth of Ukraine's territory``."""
    text = f"{amount(figure)} {figure.unit}"
    return f"{text} each side" if figure.scope == "per-side" else text


def source_name(source: Source) -> str:
    """``Reuters via BTA, 2 June 2025``: who reported it, through whom, and when."""
    via = f"{source.reported_by} via " if source.reported_by else ""
    return f"{via}{source.publisher}, {date(source.date)}"


def stance(name: str) -> str:
    return STANCES[name][0]


def status(name: str) -> str:
    return STATUSES[name][0]
