"""How things are worded for readers, in English: vocabularies, page names, dates and lists.

The model says what a value is (``stance: conditional``, ``value: 300000000000``,
``currency: USD``); this module says how a reader sees it ("Conditional: would accept it only
on its own terms", "$300 billion"). The Markdown pages, the pictures, the structured data and
the navigation all word things through here, so they agree. Lists are written by Babel, with
the conventions of the locale below; numbers and amounts by ``amounts``, with these words.
"""

from __future__ import annotations

import calendar
import functools
import typing
from collections.abc import Iterable

import babel
import babel.lists

from . import model
from .model import Figure, KindTerm, Source, StanceTerm

LOCALE = babel.Locale.parse("en")
MONTHS = list(calendar.month_name)[1:]

# The built-in stance vocabulary, in the order legends list it. A desk may declare its own in
# desk.yml (`stances:`), which replaces this one. Each legend reads on its own after its label:
# "Noncommittal: has taken note of it without saying yes or no."
STANCES: tuple[StanceTerm, ...] = tuple(
    StanceTerm(id=id_, label=label, legend=legend, icon=icon, tone=tone)  # type: ignore[arg-type]
    for id_, label, legend, icon, tone in (
        ("supports", "Supports", "is in favour", "material-check-circle", "for"),
        ("agrees", "Agreed", "has agreed to it", "material-handshake", "for"),
        ("proposes", "Proposes", "has put it forward", "material-lightbulb-on", "proposal"),
        ("requests", "Asks for", "has asked for it", "material-hand-extended", "neutral"),
        ("demands", "Demands", "makes it a condition or a firm demand", "material-alert-decagram", "mixed"),
        ("conditional", "Conditional", "accepts it only on its own terms", "material-scale-balance", "mixed"),
        ("noncommittal", "Noncommittal", "has taken note of it without saying yes or no", "material-minus-circle-outline", "neutral"),
        ("disputes", "Disputes", "contests another account of it", "material-comment-alert", "against"),
        ("opposes", "Opposes", "is against it", "material-close-circle", "against"),
        ("boycotts", "Walked out", "has walked out, or stays away", "material-exit-run", "neutral"),
        ("not-stated", "Not stated", "our source gives no position", "material-help-circle-outline", "unknown"),
    )
)

# The built-in kinds of actor, in the order who's-who pages list them, with the heading over
# each and what search engines are told each is. A desk may add kinds in desk.yml (`kinds:`).
KINDS: tuple[KindTerm, ...] = tuple(
    KindTerm(id=id_, heading=heading, schema_type=schema_type)  # type: ignore[arg-type]
    for id_, heading, schema_type in (
        ("state", "States", "Country"),
        ("bloc", "Blocs and coalitions", "Organization"),
        ("institution", "Institutions", "GovernmentOrganization"),
        ("court", "Courts", "GovernmentOrganization"),
        ("organization", "Organizations", "Organization"),
        ("company", "Companies", "Corporation"),
        ("group", "Groups and alliances", "Organization"),
        ("delegation", "Delegations", "Organization"),
        ("person", "People", "Person"),
    )
)

# How settled a number is: (label, what it means).
STATUSES: dict[str, tuple[str, str]] = {
    "agreed": ("Agreed", "agreed to, not yet carried out"),
    "delivered": ("Delivered", "it has happened"),
    "proposed": ("Proposed", "put forward, not agreed"),
    "target": ("Target", "a goal set for the future, not yet reached"),
    # A call in an adopted text ("calls on all actors to scale up to…"): the text asks it of
    # others, who are not bound by it; neither a goal set nor one actor's demand.
    "urged": ("Urged", "called for in an adopted text, without binding anyone to it"),
    "demanded": ("Called for", "asked for or demanded, not agreed"),
    "claimed": ("Claimed", "asserted by one of those involved; not independently confirmed"),
    "estimate": ("Estimate", "an approximate figure"),
    "reported": ("Reported", "stated by the source on its own authority"),
    "superseded": ("Replaced", "an earlier value, since replaced by another"),
}

# The icon beside each status, wherever a number's status is shown: with its label, never alone.
STATUS_ICONS: dict[str, str] = {
    "agreed": "material-handshake",
    "delivered": "material-check-all",
    "proposed": "material-lightbulb-on",
    "target": "material-target",
    "urged": "material-file-document-arrow-right",
    "demanded": "material-bullhorn",
    "claimed": "material-account-voice",
    "estimate": "material-approximately-equal",
    "reported": "material-newspaper-variant",
    "superseded": "material-history",
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

# How newsrooms write each currency: by its sign where that currency is usually written with
# one ("$300 billion", "€4.5 billion", "£2 million", "¥500"), otherwise by its name after the
# number. Names are Babel's (CLDR's) English ones: for a currency marked "word", only its own
# word, as newsrooms write it alone ("177 billion yuan", "50 million rupees"); any currency not
# listed is named in full ("2 million Swiss francs", "5 billion Canadian dollars").
CURRENCY_STYLES: dict[str, typing.Literal["sign", "word"]] = {
    "USD": "sign",
    "EUR": "sign",
    "GBP": "sign",
    "JPY": "sign",
    "CNY": "word",
    "INR": "word",
    "PKR": "word",
    "RUB": "word",
    "KRW": "word",
    "UAH": "word",
    "TRY": "word",
}

# An amount's equivalent in another currency, after it: "177 billion yuan (about $24.5 billion)".
# Always "about": a conversion at one day's rate is not the amount itself.
EQUIVALENT = "(about {amount})"
# On the number's own page, when the rate it was converted at is of a day: "About $24.5 billion
# at the exchange rate of 31 December 2022."
EQUIVALENT_AS_OF = "About {amount} at the exchange rate of {date}."

# The words after an amount per period: "$300 billion a year".
RATES: dict[str, str] = {"year": "a year", "month": "a month", "week": "a week", "day": "a day", "hour": "an hour"}

# What the scope of a number adds, when the content gives one: after the amount ("6,000 bodies
# each"), and on the number's own line ("for each of Russia and Ukraine", the names following;
# "in total" for a sum over several).
SCOPES: dict[str, tuple[str, str]] = {
    "total": ("", "in total"),
    "per-person": ("per person", "per person"),
    "per-actor": ("each", "for each of"),
    "per-side": ("each", "for each of"),
}

# Page names, by the page kinds of the registry (kinds.py): headings, navigation and structured data.
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
# The navigation's names for the kinds it lists that are not named by their page titles: the home
# page, and the newest explainers (kinds.py says which kinds it lists, in which order).
NAV_TITLES: dict[str, str] = {"desk": "Home", "explainer": "Latest explainers"}
# An explainer's own pages, as its section bar, its menu and its previous / next links name
# them, in reading order: the story, then what is in dispute, then the detail.
SECTIONS: dict[str, str] = {
    "explainer": "Overview",
    "explainer-issues": "Issues",
    "explainer-positions": "Where they stand",
    "explainer-figures": "Numbers",
    "explainer-timeline": "Timeline",
    "explainer-actors": "Who's who",
    "explainer-sources": "Sources",
}
# What the section bar and the menu call that list of pages.
SECTIONS_LABEL = "In this explainer"
# Before the publisher's name, in every page's footer.
PUBLISHED_BY = "Published by"
# Above every page of an explainer marked `draft: true`, which only a preview shows.
DRAFT = {"label": "Draft", "note": "not published: the site built for readers leaves this explainer out."}
# What a reader finds on each list page, for link previews: “{title}: {what}.”
PAGE_PURPOSES: dict[str, str] = {
    "desk-timeline": "every dated event in every explainer, in order",
    "desk-actors": "everyone the explainers name, and where each appears",
    "desk-issues": "the contested questions, and every stance taken on them over time",
    "desk-sources": "where every claim comes from, and the data to download",
    "explainer-timeline": "every dated event, in order",
    "explainer-actors": "who is who in this story",
    "explainer-issues": "each question in dispute, with every position taken on it",
    "explainer-positions": "every actor's stance on every issue",
    "explainer-figures": "every number, with how settled it is and who says so",
    "explainer-sources": "where every claim comes from, and the data to download",
}

# The way through a list that goes on over several pages (urls.PAGED).
PAGER: dict[str, str] = {"pages": "Pages", "previous": "Previous page", "next": "Next page"}


def paged(title: str, number: int, count: int) -> str:
    """The title of one page of a list that goes on over several: page 1 keeps its own title,
    the others say where they are, "Who's who, page 2 of 3"."""
    return title if number <= 1 else f"{title}, page {number} of {count}"


def more(count: int, noun: str, plural: str | None = None) -> str:
    """What a shortened list says of the rest: "and 3 more explainers"."""
    return f"and {count:,} more {noun if count == 1 else plural or noun + 's'}"


# The embed pages (generator/embeds.py): each block's title, by the names of urls.EMBED_NAMES
# (a chart's is its figure's label or its comparison's title); what an embed page says it is,
# for link previews; the words of the one "Share and embed" disclosure at the end of a page.
EMBED_TITLES: dict[str, str] = {
    "key-numbers": "Key numbers",
    "glance": "Where they stand at a glance",
    "positions": "Where they stand",
    "actor-map": "Who belongs to whom",
}
EMBED_DESCRIPTION = "{title}, from “{explainer}”, to show on another site."
EMBED_FRAME_TITLE = "{title} · {explainer}"
EMBED_SUMMARY = "Share and embed"
EMBED_HOW = "To show a table or picture of this page on your own site, paste its code into your page's HTML: the frame takes the height of what it shows."
EMBED_CODE_LABEL = "Code for the {what} “{title}”"
EMBED_RELATIVE = (
    "This site was built without its address (site_url), so the code gives the page's address "
    "relative to this one: write it in full (https://…) before pasting."
)
EMBED_FROM = "From"

# The desk's home page, for link previews, when desk.yml gives no description.
DESK_PURPOSE = "Every explainer on this site, newest first, and what changed in them lately."

# Words of the tables of stances (an explainer's "Where they stand"): the header over the issues,
# and a cell with no position, as its legend says it.
STANCE_TABLE_CORNER = "Issue"
NO_POSITION = "no position reported"
# Under a stance table, those left out of it for having no position in it, named once.
NO_POSITION_FOR = "No position reported for: {names}."
NO_POSITION_ON = "No position reported on: {issues}."
# A stance that changed, after the current one: "was: Rejects, 2 June 2025".
WAS = "was: {stance}, {date}"
# Before who says a key number, on its card.
ACCORDING_TO = "According to"
# Under key-number cards that all have the same sources, before their one marker.
EVERY_NUMBER_FROM = "Every number above from"

# The Atom feeds of updates (generator/feeds.py): each update's title, by whether it corrects
# an error; the names feed readers and browsers show for the feeds; and the word a correction
# is filed under, as an Atom category.
FEED_ENTRY = "{title}: {text}"
FEED_CORRECTION = "Correction to {title}: {text}"
FEED_CORRECTION_CATEGORY = "Correction"
FEED_TITLES = {"desk-feed": "{title}: updates", "explainer-feed": "{title}: updates"}

# The share card (generator/cards.py): its key number's line under the number, and the text
# alternative link previews give for it.
CARD_NUMBER_LABEL = "{label} · {status}"
CARD_ALT = "{desk}: {headline}. {standfirst}"
CARD_ALT_NUMBER = " Key number: {value}, {label} ({status})."

for _words, _names in ((STATUS_ICONS, model.FigureStatus), (STATUSES, model.FigureStatus), (QUALIFIERS, model.Qualifier), (RATES, model.Rate), (SCOPES, model.Scope)):
    assert set(_words) == set(typing.get_args(_names)), _names


# Called for every date and number on every page: the same few hundred values, each worded once.
@functools.lru_cache(maxsize=1 << 14)
def date(value: str) -> str:
    """``2025-06-02`` → ``2 June 2025``; ``2024-06`` → ``June 2024``; ``2022`` → ``2022``."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"


def period(value: str) -> str:
    """When an amount in one period was spent or counted: ``2022`` → ``in 2022``; ``2022-06-02``
    → ``on 2 June 2022``; ``2020/2022`` → ``in 2020–2022``; ``2020-06/2022-05`` → ``from June
    2020 to May 2022``."""
    start, _, end = value.partition("/")
    if not end:
        return f"{'on' if start.count('-') == 2 else 'in'} {date(start)}"
    if "-" not in start + end:
        return f"in {start}–{end}"
    return f"from {date(start)} to {date(end)}"


def listing(items: Iterable[str], style: str = "standard") -> str:
    """``a, b and c`` as the locale writes a list; ``style="or"`` for ``a, b or c``."""
    found = list(items)
    return babel.lists.format_list(found, style=style, locale=LOCALE) if found else ""


# -- who says so ----------------------------------------------------------------------------


def source_name(source: Source) -> str:
    """``Reuters via BTA, 2 June 2025``: who reported it, through whom, and when."""
    via = f"{source.reported_by} via " if source.reported_by else ""
    return f"{via}{source.publisher}, {date(source.date)}"


# A quote's translation is shown after the quote, as a translation: “ours alone” (translated from English: “само наше”).
TRANSLATED_FROM = "translated from {language}"
# What a sources page says of a source in another language than the page's: "In Russian."
SOURCE_LANGUAGE = "In {language}."


def language_name(code: str, in_language: str) -> str:
    """A language's name as a page in ``in_language`` writes it: ``Russian``, ``руски``."""
    return babel.Locale.parse(code).get_language_name(babel.Locale.parse(in_language)) or code


# What a screen reader hears before a citation's source: "Source: Reuters via BTA, 2 June 2025".
SOURCE_PREFIX = "Source:"


def citations(sources: Iterable[Source]) -> list[tuple[str, str]]:
    """Each source of one claim as its compact marker shows it, and the rest of its name, which
    only screen readers hear, so that the two read as its whole name:
    ``("Reuters", " via BTA, 2 June 2025")``, ``("AP", ", 3 June 2025")``. The marker is the
    outlet; with its date too when the claim cites the same outlet twice."""
    found = list(sources)
    seen = [outlet(s) for s in found]
    parts = []
    for source, name in zip(found, seen):
        full = source_name(source)
        short = f"{name}, {date(source.date)}" if seen.count(name) > 1 and not source.reported_by else name
        parts.append((short, full.removeprefix(short)) if full.startswith(short) else (full, ""))
    return parts


def position_name(actor: str, issue: str, stance: str) -> str:
    """What a stance in a table is, said in full: ``Russia on Ceasefire: Conditional``."""
    return f"{actor} on {issue}: {stance}"


def outlet(source: Source) -> str:
    """Whose report it is: ``Reuters`` for Reuters relayed by BTA."""
    return source.reported_by or source.publisher


def mid_sentence(name: str) -> str:
    """A name of a document or an outlet inside a sentence: its own case kept, but a leading
    "The" is the article of the sentence ("according to the adopted text", "the Harbour Ledger")."""
    return "the" + name[3:] if name.startswith("The ") else name


def outlets(sources: Iterable[Source]) -> str:
    """The outlets that state a claim on their own authority, inside a sentence: ``Reuters and
    AP``, ``the Harbour Ledger``."""
    names = list(dict.fromkeys(mid_sentence(outlet(s)) for s in sources))
    return listing(names)


def who_says(claimed_by: list[str], document: str | None, sources: Iterable[Source]) -> str:
    """Who says a number, in plain words: the actors who claim it (in the document that states
    it, if one does), else the document, else the outlets that state it on their own authority,
    to follow "According to": ``Russia and Ukraine``, ``Medinsky, in Russia's memorandum``,
    ``the adopted text``, ``Reuters``."""
    document = mid_sentence(document) if document else None
    if claimed_by:
        names = listing(claimed_by)
        return f"{names}, in {document}" if document else names
    return document or outlets(sources)


def status(name: str) -> str:
    return STATUSES[name][0]
