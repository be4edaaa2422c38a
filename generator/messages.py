"""What the tool says to readers, in English: the vocabularies, page names, section names and
one-off words of every page, picture, feed and card, each marked for extraction (``N_``).

They are the gettext catalogs' message ids (``make catalogs``), not what readers read: a
``wording.Wording`` translates them into the language being built. The checks read them as
they are, as the content they check is written in English.
"""

from __future__ import annotations

import calendar
import typing

from . import model
from .model import KindTerm, StanceTerm
from .templating import stopped_once


def N_(message: str) -> str:
    """Marks a message for extraction (``make catalogs``); a ``Wording`` translates it when used."""
    return message


def NP_(context: str, message: str) -> str:
    """As ``N_``, for a message that needs its context to be translated ("Agreed" as a stance)."""
    return message


# The months as English content writes them in prose (checks/prose.py).
MONTHS = list(calendar.month_name)[1:]

# The built-in stance vocabulary, in the order legends list it. A desk may declare its own in
# desk.yml (`stances:`), which replaces this one. Each legend reads on its own after its label:
# "Noncommittal: has taken note of it without saying yes or no."
STANCES: tuple[StanceTerm, ...] = tuple(
    StanceTerm(id=id_, label=label, legend=legend, icon=icon, tone=tone)  # type: ignore[arg-type]
    for id_, label, legend, icon, tone in (
        ("supports", NP_("stance", "Supports"), NP_("stance legend", "is in favour"), "material-check-circle", "for"),
        ("agrees", NP_("stance", "Agreed"), NP_("stance legend", "has agreed to it"), "material-handshake", "for"),
        ("proposes", NP_("stance", "Proposes"), NP_("stance legend", "has put it forward"), "material-lightbulb-on", "proposal"),
        ("requests", NP_("stance", "Asks for"), NP_("stance legend", "has asked for it"), "material-hand-extended", "neutral"),
        ("demands", NP_("stance", "Demands"), NP_("stance legend", "makes it a condition or a firm demand"), "material-alert-decagram", "mixed"),
        ("conditional", NP_("stance", "Conditional"), NP_("stance legend", "supports it only under conditions"), "material-scale-balance", "mixed"),
        ("noncommittal", NP_("stance", "Noncommittal"), NP_("stance legend", "has taken note of it without saying yes or no"), "material-minus-circle-outline", "neutral"),
        ("disputes", NP_("stance", "Disputes"), NP_("stance legend", "contests another account of it"), "material-comment-alert", "against"),
        ("opposes", NP_("stance", "Opposes"), NP_("stance legend", "is against it"), "material-close-circle", "against"),
        ("boycotts", NP_("stance", "Walked out"), NP_("stance legend", "has walked out, or stays away"), "material-exit-run", "neutral"),
        ("not-stated", NP_("stance", "Not stated"), NP_("stance legend", "our source gives no position"), "material-help-circle-outline", "unknown"),
    )
)

# The built-in kinds of actor, in the order who's-who pages list them, with the heading over
# each and what search engines are told each is. A desk may add kinds in desk.yml (`kinds:`).
KINDS: tuple[KindTerm, ...] = tuple(
    KindTerm(id=id_, heading=heading, schema_type=schema_type)  # type: ignore[arg-type]
    for id_, heading, schema_type in (
        ("state", N_("States"), "Country"),
        ("bloc", N_("Blocs and coalitions"), "Organization"),
        ("institution", N_("Institutions"), "GovernmentOrganization"),
        ("court", N_("Courts"), "GovernmentOrganization"),
        ("organization", N_("Organizations"), "Organization"),
        ("company", N_("Companies"), "Corporation"),
        ("group", N_("Groups and alliances"), "Organization"),
        ("delegation", N_("Delegations"), "Organization"),
        ("person", N_("People"), "Person"),
    )
)

# How settled a number is: (label, what it means).
STATUSES: dict[str, tuple[str, str]] = {
    "agreed": (N_("Agreed"), N_("agreed to, not yet carried out")),
    "delivered": (N_("Delivered"), N_("it has happened")),
    "proposed": (N_("Proposed"), N_("put forward, not agreed")),
    "target": (N_("Target"), N_("a goal set for the future, not yet reached")),
    # A call in an adopted text ("calls on all actors to scale up to…"): the text asks it of
    # others, who are not bound by it; neither a goal set nor one actor's demand.
    "urged": (N_("Urged"), N_("called for in an adopted text, without binding anyone to it")),
    "demanded": (N_("Called for"), N_("asked for or demanded, not agreed")),
    "claimed": (N_("Claimed"), N_("asserted by one of those involved; not independently confirmed")),
    "estimate": (N_("Estimate"), N_("an approximate figure")),
    "reported": (N_("Reported"), N_("stated by the source on its own authority")),
    "superseded": (N_("Replaced"), N_("an earlier value, since replaced by another")),
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
    "about": N_("about"),
    "just-under": N_("just under"),
    "less-than": N_("less than"),
    "more-than": N_("more than"),
    "at-least": N_("at least"),
    "up-to": N_("up to"),
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
EQUIVALENT = N_("(about {amount})")
# On the number's own page, when the rate it was converted at is of a day: "About $24.5 billion
# at the exchange rate of 31 December 2022."
EQUIVALENT_AS_OF = N_("About {amount} at the exchange rate of {date}.")

# The words after an amount per period: "$300 billion a year".
RATES: dict[str, str] = {"year": N_("a year"), "month": N_("a month"), "week": N_("a week"), "day": N_("a day"), "hour": N_("an hour")}

# What the scope of a number adds, when the content gives one: after the amount ("6,000 bodies
# each"), and on the number's own line ("for each of Russia and Ukraine", the names following;
# "in total" for a sum over several).
SCOPES: dict[str, tuple[str, str]] = {
    "total": ("", N_("in total")),
    "per-person": (N_("per person"), N_("per person")),
    "per-actor": (N_("each"), N_("for each of")),
    "per-side": (N_("each"), N_("for each of")),
}

# Page names, by the page kinds of the registry (kinds.py): headings, navigation and structured data.
PAGE_TITLES: dict[str, str] = {
    "desk-timeline": N_("Timeline"),
    "desk-actors": N_("Who's who"),
    "desk-issues": N_("The issues"),
    "desk-sources": N_("Sources"),
    "explainer": N_("Overview"),
    "explainer-timeline": N_("Timeline"),
    "explainer-actors": N_("Who's who"),
    "explainer-issues": N_("The issues"),
    "explainer-positions": N_("Where they stand"),
    "explainer-figures": N_("The numbers"),
    "explainer-sources": N_("Sources"),
}
# The navigation's names for the kinds it lists that are not named by their page titles: the home
# page, and the newest explainers (kinds.py says which kinds it lists, in which order).
NAV_TITLES: dict[str, str] = {"desk": N_("Home"), "explainer": N_("Latest explainers")}
# An explainer's own pages, as its section bar, its menu and its previous / next links name
# them, in reading order: the story, then what is in dispute, then the detail.
SECTIONS: dict[str, str] = {
    "explainer": N_("Overview"),
    "explainer-issues": N_("Issues"),
    "explainer-positions": N_("Where they stand"),
    "explainer-figures": N_("Numbers"),
    "explainer-timeline": N_("Timeline"),
    "explainer-actors": N_("Who's who"),
    "explainer-sources": N_("Sources"),
}
# What the section bar and the menu call that list of pages.
SECTIONS_LABEL = N_("In this explainer")
# Before the publisher's name, in every page's footer.
PUBLISHED_BY = N_("Published by")
# Above every page of an explainer marked `draft: true`, which only a preview shows.
DRAFT = {"label": N_("Draft"), "note": N_("not published: the site built for readers leaves this explainer out.")}
# What a reader finds on each list page, for link previews (``PAGE_PREVIEW``).
PAGE_PURPOSES: dict[str, str] = {
    "desk-timeline": N_("every dated event in every explainer, in order"),
    "desk-actors": N_("everyone the explainers name, and where each appears"),
    "desk-issues": N_("the contested questions, and every stance taken on them over time"),
    "desk-sources": N_("where every claim comes from, and the data to download"),
    "explainer-timeline": N_("every dated event, in order"),
    "explainer-actors": N_("who is who in this story"),
    "explainer-issues": N_("each question in dispute, with every position taken on it"),
    "explainer-positions": N_("every actor's stance on every issue"),
    "explainer-figures": N_("every number, with how settled it is and who says so"),
    "explainer-sources": N_("where every claim comes from, and the data to download"),
}

# A list page's link-preview text: the explainer's title (the desk's, for the desk's pages),
# then what the page holds (PAGE_PURPOSES), "Istanbul talks: every dated event, in order.".
PAGE_PREVIEW = N_("{title}: {purpose}.")

# The way through a list that goes on over several pages (urls.PAGED).
PAGER: dict[str, str] = {"pages": N_("Pages"), "previous": N_("Previous page"), "next": N_("Next page")}


# The embed pages (generator/embeds.py): each block's title, by the names of urls.EMBED_NAMES
# (a chart's is its figure's label or its comparison's title); what an embed page says it is,
# for link previews; the words of the one "Share and embed" disclosure at the end of a page.
EMBED_TITLES: dict[str, str] = {
    "key-numbers": N_("Key numbers"),
    "glance": N_("Where they stand at a glance"),
    "positions": N_("Where they stand"),
    "actor-map": N_("Who belongs to whom"),
}
EMBED_DESCRIPTION = N_("{title}, from “{explainer}”, to show on another site.")
EMBED_FRAME_TITLE = N_("{title} · {explainer}")
EMBED_SUMMARY = N_("Share and embed")
EMBED_HOW = N_("To show a table or picture of this page on your own site, paste its code into your page's HTML: the frame takes the height of what it shows.")
EMBED_CODE_LABELS = {"table": N_("Code for the table “{title}”"), "picture": N_("Code for the picture “{title}”")}
# Under the code when the site was built without its address (site_url): said to whoever
# copies it, a reader of the page, in a reader's words.
EMBED_RELATIVE = N_("The code gives the page's address relative to this one: write it in full (https://…) before pasting it.")

# An actor's page, for link previews: their role, then the desk's description of them, which
# the page shows under the role ("Kremlin adviser. Headed Russia's team at the talks…").
ACTOR_PREVIEW = N_("{role}. {description}")
# The desk's home page, for link previews, when desk.yml gives no description.
DESK_PURPOSE = N_("Every explainer on this site, newest first, and what changed in them lately.")

# Words of the tables of stances (an explainer's "Where they stand"): the header over the issues,
# and a cell with no position, as its legend says it.
STANCE_TABLE_CORNER = N_("Issue")
NO_POSITION = N_("no position reported")
# Under a stance table, those left out of it for having no position in it, named once.
NO_POSITION_FOR = N_("No position reported for: {names}.")
NO_POSITION_ON = N_("No position reported on: {issues}.")
# The same, when others than the table's actors (the parties, in "at a glance") have one: the
# line says whose stances are missing, "for Russia or Ukraine", not that there are none.
NO_POSITION_BY = N_("No position reported for {names} on: {issues}.")
# A stance that changed, after the current one: "was: Rejects, 2 June 2025".
WAS = N_("was: {stance}, {date}")
# What a screen reader hears before a citation's source: "Source: Reuters via BTA, 2 June 2025".
SOURCE_PREFIX = N_("Source:")
# A quote's translation is shown after the quote, as a translation: “ours alone” (translated from English: “само наше”).
TRANSLATED_FROM = N_("translated from {language}")
# What a sources page says of a source in another language than the page's: "In Russian."
SOURCE_LANGUAGE = N_("In {language}.")
# Before who says a key number, on its card.
ACCORDING_TO = N_("According to")
# Under key-number cards that all have the same sources, before their one marker.
EVERY_NUMBER_FROM = N_("Every number above from")

# The Atom feeds of updates (generator/feeds.py): each update's title, by whether it corrects
# an error; the names feed readers and browsers show for the feeds; and the word a correction
# is filed under, as an Atom category.
FEED_ENTRY = N_("{title}: {text}")
FEED_CORRECTION = N_("Correction to {title}: {text}")
FEED_CORRECTION_CATEGORY = N_("Correction")
FEED_TITLES = {"desk-feed": N_("{title}: updates"), "explainer-feed": N_("{title}: updates")}

# The share card (generator/cards.py): its key number's line under the number, and the text
# alternative link previews give for it.
CARD_ALT = N_("{desk}: {headline}. {standfirst}")
CARD_ALT_NUMBER = N_(" Key number: {value}, {label} ({status}).")

# How a date is written, by how much of it the content gives (a year, a month, a day): CLDR
# date patterns (https://cldr.unicode.org/translation/date-time), which each catalog gives.
DATE_PATTERNS = (
    # TRANSLATORS: a CLDR date pattern for a year alone: "2022" (Bulgarian: y 'г'.).
    NP_("date pattern", "y"),
    # TRANSLATORS: a CLDR date pattern for a month: "June 2024" (Bulgarian: MMMM y 'г'.).
    NP_("date pattern", "MMMM y"),
    # TRANSLATORS: a CLDR date pattern for a day: "2 June 2025" (Bulgarian: d MMMM y 'г'.).
    NP_("date pattern", "d MMMM y"),
)

# The punctuation between the items of a list and between its parts, where the pages write it
# themselves (a byline's place and date, a list of links): Arabic has its own ("،" and "؛").
# TRANSLATORS: the comma between items, with the space after it (Arabic: "، ").
COMMA = NP_("punctuation", ", ")
# TRANSLATORS: the semicolon between the parts of a list, with the space after it (Arabic: "؛ ").
SEMICOLON = NP_("punctuation", "; ")

# Words mkdocs.yml gives the theme in English, said in the site's language (site_config.speak_words):
# the colour-scheme toggles' names as mkdocs.yml writes them (their tooltips, and what screen
# readers call them), and the title of the link after every heading, Python-Markdown's default.
PALETTE_TOGGLES = (N_("Switch to dark mode"), N_("Switch to light mode"))
PERMALINK_TITLE = N_("Permanent link")

# The theme's own words (overrides/404.html), which it reads from mkdocs.yml's `extra`, where
# the plugin (or zensical.yml, for engines without plugins) puts them in the site's language.
THEME_WORDS = {
    "not_found": N_("Page not found"),
    "not_found_note": N_("There is no page at this address. It may have moved, or the link that brought you here may have a mistake in it."),
    "unavailable": N_("This page is not available yet"),
    "unavailable_note": N_("It will appear here once the problems above are fixed."),
    "search_site": N_("Search this site"),
    "search": N_("Search"),
    "across": N_("Across the site"),
}


for _words, _names in ((STATUS_ICONS, model.FigureStatus), (STATUSES, model.FigureStatus), (QUALIFIERS, model.Qualifier), (RATES, model.Rate), (SCOPES, model.Scope)):
    assert set(_words) == set(typing.get_args(_names)), _names

# What a reader of each language sees for a currency (see CURRENCY_STYLES): Bulgarian newsrooms
# name every currency after the number ("300 млрд. долара", "4,5 млрд. евро"); Arabic ones too
# ("300 مليار دولار", "4.5 مليار يورو"), but the pound in full ("2 مليون جنيه إسترليني"): "جنيه"
# alone is Egypt's. A language not listed names each in full, as Babel does.
CURRENCY_STYLES_BY_LANGUAGE: dict[str, dict[str, typing.Literal["sign", "word"]]] = {
    "en": CURRENCY_STYLES,
    "bg": {code: "word" for code in ("USD", "EUR", "GBP", "JPY", *CURRENCY_STYLES)},
    "ar": {code: "word" for code in ("USD", "EUR", "JPY", *CURRENCY_STYLES) if code != "GBP"},
}
# Languages whose currency names put the noun before its adjective ("دولار أمريكي", a dollar
# American): a currency's own word is the first of its name, not the last ("US dollars").
CURRENCY_NOUN_FIRST = frozenset({"ar"})
# How large numbers are written in words, in running text and in amounts of money: English
# newsrooms write "1.2 million" and "$300 billion"; Bulgarian ones "1,2 милиона" but
# "300 млрд. долара" (Babel's long and short compact forms).
SCALE_STYLES: dict[str, tuple[str, str]] = {"bg": ("long", "short")}


def filled(message: str, **values: typing.Any) -> str:
    """``message.format(**values)``, each sentence ending once (``stopped_once``)."""
    return stopped_once(message, values).format(**values)
