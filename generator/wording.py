"""How things are worded for readers, in each language: vocabularies, page names, dates, lists,
numbers and amounts.

The model says what a value is (``stance: conditional``, ``value: 300000000000``,
``currency: USD``); a ``Wording`` says how a reader of one language sees it ("Conditional:
supports it only under conditions", "$300 billion"; "Условно: …", "300 млрд. долара"). The
Markdown pages, the pictures, the structured data, the feeds and the navigation all word things
through the one ``Wording`` of the language being built (``Wording.of("bg")``), so they agree.

The English source of each word is in ``messages.py``, marked for extraction: the catalogs'
message ids. A ``Wording`` translates them with the gettext catalog of its language
(``locale/<lang>/LC_MESSAGES/messages.po``, compiled when first used); lists, dates, numbers
and currencies are written by Babel, with that locale's conventions.
"""

from __future__ import annotations

import dataclasses
import functools
import gettext as gettext_module
import io
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date as datetime_date
from pathlib import Path

import babel
import babel.dates
import babel.lists
import babel.numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import amounts, locales, messages
from .messages import (
    filled,
    COMMA,
    CURRENCY_NOUN_FIRST,
    CURRENCY_STYLES_BY_LANGUAGE,
    DATE_PATTERNS,
    DRAFT,
    EMBED_CODE_LABELS,
    EMBED_HOW,
    EMBED_TITLES,
    FEED_ENTRY,
    FEED_TITLES,
    KINDS,
    NAV_TITLES,
    PAGER,
    PAGE_PURPOSES,
    PAGE_TITLES,
    QUALIFIERS,
    RATES,
    SCALE_STYLES,
    SCOPES,
    SECTIONS,
    SEMICOLON,
    SOURCE_PREFIX,
    STANCES,
    STATUSES,
    STATUS_ICONS,
    THEME_WORDS,
)
from .model import Source
from .validated_desk import Content

LOCALE_DIR = Path(__file__).parent / "locale"


def _catalog(language: str) -> Path:
    return LOCALE_DIR / language.replace("-", "_") / "LC_MESSAGES" / "messages.po"


def has_catalog(language: str) -> bool:
    """Whether the tool's own words are translated into a language (its pages are else worded
    in English)."""
    return _catalog(language).is_file()


@functools.cache
def translations(language: str) -> gettext_module.NullTranslations:
    """The gettext catalog of a language, compiled from its .po file when first asked for (no
    compiled catalog is kept in the repository); none for a language without one, whose pages
    are then worded in English with the numbers and dates of their own locale. A language with
    a region (``pt-BR``) has its catalog in gettext's folder for it (``pt_BR``)."""
    po = _catalog(language)
    if not po.is_file():
        return gettext_module.NullTranslations()
    with po.open("rb") as file:
        catalog = read_po(file, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # leaves fuzzy entries out, as msgfmt does
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


class _Translated(Mapping[str, typing.Any]):
    """A table of message ids seen through a catalog: a view, so that a word a site registers
    later (kinds.py) is translated too. Values that are tuples are translated item by item."""

    def __init__(self, table: Mapping[str, typing.Any], translate: Callable[[str], str]):
        self._table, self._translate = table, translate

    def __getitem__(self, key: str) -> typing.Any:
        value = self._table[key]
        return tuple(map(self._translate, value)) if isinstance(value, tuple) else self._translate(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class Wording(amounts.Amounts):
    """Every word, date, list and number of the tool, for readers of one language."""

    def __init__(self, language: str):
        self.language = language
        self.locale = locales.locale(language)
        self.catalog = translations(language)
        self.currency_styles = CURRENCY_STYLES_BY_LANGUAGE.get(language, {})
        self.currency_word = 0 if language in CURRENCY_NOUN_FIRST else -1
        self.number_scale, self.money_scale = SCALE_STYLES.get(language, ("long", "long"))
        _ = self.gettext
        self.stances = tuple(t.model_copy(update={"label": self.pgettext("stance", t.label), "legend": self.pgettext("stance legend", t.legend)}) for t in STANCES)
        self.kinds = tuple(t.model_copy(update={"heading": _(t.heading)}) for t in KINDS)
        self.statuses = _Translated(STATUSES, _)
        self.status_icons = STATUS_ICONS
        self.qualifiers = _Translated(QUALIFIERS, self._word)
        self.rates = _Translated(RATES, _)
        self.scopes = _Translated(SCOPES, self._word)
        self.page_titles = _Translated(PAGE_TITLES, _)
        self.nav_titles = _Translated(NAV_TITLES, _)
        self.sections = _Translated(SECTIONS, _)
        self.page_purposes = _Translated(PAGE_PURPOSES, _)
        self.pager = _Translated(PAGER, _)
        self.embed_titles = _Translated(EMBED_TITLES, _)
        self.feed_titles = _Translated(FEED_TITLES, _)
        self.draft = _Translated(DRAFT, _)
        self.embed_code_labels = _Translated(EMBED_CODE_LABELS, _)
        self.theme_words = {name: _(message) for name, message in THEME_WORDS.items()}
        self.comma, self.semicolon = self.pgettext("punctuation", COMMA), self.pgettext("punctuation", SEMICOLON)

    @classmethod
    @functools.cache
    def of(cls, language: str) -> Wording:
        """The wording of a language (a desk.yml ``languages:`` entry: ``en``, ``bg``), made once."""
        return cls(language)

    @classmethod
    def built(cls, content: Content, language: str | None = None) -> Wording:
        """The wording of the language being built: ``language``, or else the desk's first."""
        return cls.of(language or content.desk.languages[0])

    def __repr__(self) -> str:
        return f"Wording.of({self.language!r})"

    @property
    def direction(self) -> str:
        """``rtl`` for a language written right to left (Babel's locale data), else ``ltr``:
        the way the pictures are drawn and the share cards laid out."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def language_name(self, code: str) -> str:
        """A language's name as this language writes it: ``Russian``, ``руски``."""
        return locales.locale(code).get_language_name(self.locale) or code

    def translated_from(self, code: str) -> str:
        """What follows a quote's translation: "translated from English"."""
        return filled(self.TRANSLATED_FROM, language=self.language_name(code))

    def source_language(self, code: str) -> str:
        """What a sources page says of a source in another language than its own: "In Russian."."""
        return filled(self.SOURCE_LANGUAGE, language=self.language_name(code))

    # -- gettext ------------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    def _word(self, message: str) -> str:
        # "" (no word: "exactly", "total") is not a message: gettext would give the catalog's header.
        return self.gettext(message) if message else ""

    def __getattr__(self, name: str) -> str:
        # The module's one-off words by their names, translated: ``w.SOURCE_PREFIX`` is
        # ``SOURCE_PREFIX`` ("Source:") in the wording's language (EMBED_HOW, FEED_ENTRY…).
        if name.isupper() and isinstance(getattr(messages, name, None), str):
            return self.gettext(getattr(messages, name))
        raise AttributeError(name)

    # -- dates and lists ----------------------------------------------------------------------

    @functools.lru_cache(maxsize=1 << 14)  # every date on every page: a few hundred values, each worded once
    def date(self, value: str) -> str:
        """``2025-06-02`` → ``2 June 2025`` (``2 юни 2025 г.``); ``2024-06`` → ``June 2024``;
        ``2022`` → ``2022``, in the pattern (CLDR's) the language's catalog gives for each."""
        parts = [int(p) for p in value.split("-")]
        when = datetime_date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        return babel.dates.format_date(when, format=self.pgettext("date pattern", DATE_PATTERNS[len(parts) - 1]), locale=self.locale)

    def period(self, value: str) -> str:
        """When an amount in one period was spent or counted: ``2022`` → ``in 2022``; ``2022-06-02``
        → ``on 2 June 2022``; ``2020/2022`` → ``in 2020–2022``; ``2020-06/2022-05`` → ``from June
        2020 to May 2022``."""
        start, _, end = value.partition("/")
        if not end:
            words = self.gettext("on {date}") if start.count("-") == 2 else self.gettext("in {date}")
            return filled(words, date=self.date(start))
        if "-" not in start + end:
            return filled(self.gettext("in {start}–{end}"), start=start, end=end)
        return filled(self.gettext("from {start} to {end}"), start=self.date(start), end=self.date(end))

    def listing(self, items: Iterable[str], style: str = "standard") -> str:
        """``a, b and c`` as the locale writes a list; ``style="or"`` for ``a, b or c``."""
        found = list(items)
        return babel.lists.format_list(found, style=style, locale=self.locale) if found else ""

    def paged(self, title: str, number: int, count: int) -> str:
        """The title of one page of a list that goes on over several: page 1 keeps its own title,
        the others say where they are, "Who's who, page 2 of 3"."""
        return title if number <= 1 else filled(self.gettext("{title}, page {number} of {count}"), title=title, number=number, count=count)

    # -- who says so --------------------------------------------------------------------------

    def via(self, source: Source) -> str:
        """``Reuters via BTA``: whose report it is and who relayed it, or its publisher alone."""
        if source.reported_by:
            return filled(self.gettext("{outlet} via {publisher}"), outlet=source.reported_by, publisher=source.publisher)
        return source.publisher

    def source_name(self, source: Source) -> str:
        """``Reuters via BTA, 2 June 2025``: who reported it, through whom, and when."""
        return f"{self.via(source)}{self.comma}{self.date(source.date)}"

    def citations(self, sources: Iterable[Source]) -> list[tuple[str, str]]:
        """Each source of one claim as its compact marker shows it, and the rest of its name, which
        only screen readers hear, so that the two read as its whole name:
        ``("Reuters via BTA", ", 2 June 2025")``, ``("AP", ", 3 June 2025")``. The marker says
        whose report it is and who relayed it (a reader should not take BTA's relay for
        Reuters' own report); with its date too when the claim cites the same one twice."""
        found = list(sources)
        seen = [self.via(s) for s in found]
        parts = []
        for source, name in zip(found, seen):
            full = self.source_name(source)
            short = full if seen.count(name) > 1 else name
            parts.append((short, full.removeprefix(short)))
        return parts

    def position_name(self, actor: str, issue: str, stance: str) -> str:
        """What a stance in a table is, said in full: ``Russia on Ceasefire: Conditional``."""
        return filled(self.gettext("{actor} on {issue}: {stance}"), actor=actor, issue=issue, stance=stance)

    def mid_sentence(self, name: str) -> str:
        """A name of a document or an outlet inside a sentence: its own case kept, but a leading
        "The" of an English name is the article of the sentence ("according to the adopted text",
        "the Harbour Ledger")."""
        return "the" + name[3:] if self.language == "en" and name.startswith("The ") else name

    def who_says(self, claimed_by: list[str], document: str | None) -> str:
        """Who says an attributed number (``Figure.attributed``), in plain words: the actors who
        claim it (in the document that states it, if one does), else the document, to follow
        "According to": ``Russia and Ukraine``, ``Medinsky, in Russia's memorandum``, ``the
        adopted text``."""
        document = self.mid_sentence(document) if document else None
        if claimed_by:
            names = self.listing(claimed_by)
            return filled(self.gettext("{names}, in {document}"), names=names, document=document) if document else names
        return document or ""

    def status(self, name: str) -> str:
        return self.statuses[name][0]

    def vocabularies(self, content: Content) -> Content:
        """The content with the built-in stances and kinds in this language; a desk's own
        (desk.yml ``stances:``, ``kinds:``) stay as the desk wrote them."""
        stances = content.stances if content.desk.stances else {t.id: t for t in self.stances}
        builtin = {t.id: t for t in self.kinds}
        kinds = {id_: builtin.get(id_, term) if id_ not in {k.id for k in content.desk.kinds} else term for id_, term in content.kinds.items()}
        return dataclasses.replace(content, stances=stances, kinds=kinds)
