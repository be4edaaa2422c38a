"""The kinds of value a content field takes: ids, text, dates, references to other entries,
words of the desk's vocabularies, icons, currencies, web addresses.

Each is a type with its constraints, its JSON Schema and its description, so that a field of
``model.py`` says only which kind of value it holds and what it means.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import difflib
import functools
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

import babel.numbers

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from . import locales
from .diagnostics import shown
from .templating import theme_languages, theme_templates

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# Ids become file and folder names, and a file name has room for 255 bytes at most.
MAX_ID_LENGTH = 100


def _real_date(text: str) -> str:
    parts = [int(p) for p in text.split("-")]
    if parts[0] == 0:
        raise ValueError(f"'{text}' has no year 0 (expected a year from 0001, e.g. 2025)")
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise ValueError(f"'{text}' has no month {parts[1]} (expected a month from 01 to 12)")
    if len(parts) == 3:
        try:
            datetime.date(*parts)
        except ValueError:
            raise ValueError(f"'{text}' is not a date in the calendar (expected a real day, e.g. 2025-06-02)") from None
    return text


# Names Windows keeps for devices, whatever the case and with any extension (con.md as much as
# con): no file or folder there can have one. Ids and explainers' folder names become file and
# folder names, and a desk is shared through git with editors on Windows.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in "123456789¹²³")})


def windows_device(name: str) -> bool:
    """Whether Windows keeps this file or folder name for a device: ``con``, ``NUL.yml``, ``lpt1``."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_DEVICES


def windows_device_problem(name: str, noun: str) -> str:
    return (
        f"'{shown(name)}' is a name Windows keeps for a device, which no file or folder there can have "
        f"(expected another {noun}: a desk is shared through git with editors on Windows)"
    )


def _not_a_windows_device(id_: str) -> str:
    if windows_device(id_):
        raise ValueError(windows_device_problem(id_, "id"))
    return id_


Id = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=MAX_ID_LENGTH,
        description="Lowercase letters, digits and single hyphens, e.g. `russian-delegation`.",
    ),
    AfterValidator(_not_a_windows_device),
]
# At least one visible character: not a space, and not one of the characters that show as
# nothing (zero-width spaces and joiners, direction marks, the byte order mark, fillers).
TEXT_PATTERN = r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
# Ten times the longest text in the shipped desk: room for any paragraph, while a pasted dump
# (a 1 MB name) is refused before it costs minutes of building.
MAX_TEXT_LENGTH = 5000
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_LENGTH, pattern=TEXT_PATTERN)]
# The header's room on a 360 px phone, beside its buttons: two lines of about 15 characters.
MAX_SHORT_TITLE = 30
ShortTitle = Annotated[str, Field(min_length=1, max_length=MAX_SHORT_TITLE, pattern=TEXT_PATTERN)]
# A figure's value is between -1e30 and 1e30, about the largest number of 30 digits,
# load's limit for a number typed in full: pages write a number above a trillion out in full.
MAX_VALUE_ZEROS = 30
MAX_VALUE = 10.0**MAX_VALUE_ZEROS


def _year_as_text(value: object) -> object:
    # An unquoted year (`date: 2022`) reads as a number; it is still a date.
    return str(value) if type(value) is int else value


def _dated(pattern: str, description: str, check: typing.Callable[[str], str], checks_pattern: bool = False) -> Any:
    """A date-like text, which an unquoted year (a number in YAML) may also give; ``check``
    says what is wrong with it, and with ``checks_pattern`` also when it does not match."""
    return Annotated[
        str,
        BeforeValidator(_year_as_text),
        WithJsonSchema(
            {
                "anyOf": [{"type": "string", "pattern": pattern}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
                "description": description,
            }
        ),
        Field(description=description) if checks_pattern else Field(pattern=pattern, description=description),
        AfterValidator(check),
    ]


PartialDate = _dated(
    DATE_PATTERN, "A day `2025-06-02`, a month `2024-06` or a year `2022`: only as precise as the source.", _real_date
)


@functools.lru_cache(maxsize=1 << 14)
def sort_key(date: str) -> tuple[int, int, int]:
    """Orders partial dates: ``2024-06`` sorts before ``2024-06-01``. Remembered: a desk's
    lists sort by a few hundred dates, tens of thousands of times a build."""
    parts = [int(p) for p in date.split("-")]
    return tuple((parts + [0, 0])[:3])  # type: ignore[return-value]


def after(date: str, than: str) -> bool:
    """Whether ``date`` is later than ``than``, as precisely as ``than`` says: 2025-03-05 is not
    after 2025-03, and 4 March is after a stance dated 2025-03-03 but not one dated 2025-03."""
    precision = than.count("-") + 1
    return sort_key(date)[:precision] > sort_key(than)[:precision]


def epoch(date: str) -> int:
    """Seconds since 1970 at the start of a (possibly partial) date, in UTC."""
    year, month, day = sort_key(date)
    return calendar.timegm((year, month or 1, day or 1, 0, 0, 0))


# A date, or a span from one date to another as ISO 8601 writes it: `2020/2022`.
PERIOD_PATTERN = f"{DATE_PATTERN[:-1]}(/{DATE_PATTERN[1:-1]})?$"


def _real_period(text: str) -> str:
    if not re.fullmatch(PERIOD_PATTERN, text):
        raise ValueError(
            f"'{shown(text)}' is not a date or a span of dates "
            "(expected a year, month or day, e.g. 2022, or a span from one to another, e.g. 2020/2022)"
        )
    start, _, end = text.partition("/")
    for part in (start, end) if end else (start,):
        _real_date(part)
    if end and _date_key(end) <= _date_key(start):
        raise ValueError(f"'{text}' ends before it starts (expected the earlier date first, e.g. 2020/2022)")
    return text


def _date_key(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("-"))


Period = _dated(
    PERIOD_PATTERN, "A year `2022`, a month `2022-06` or a day, or a span from one to another: `2020/2022`.", _real_period,
    checks_pattern=True,
)


@dataclasses.dataclass(frozen=True)
class RefTo:
    """Marks a field as the id of an entry in a registry file; validation checks it exists."""

    file: str
    noun: str


def _one_or_more(value: object) -> object:
    # `source: reuters` and `source: [reuters, ap]` are both fine: one claim, one or more sources.
    return [value] if isinstance(value, str) else value


@dataclasses.dataclass(frozen=True)
class Term:
    """Marks a field as a word of one of the desk's vocabularies (``stances``, ``kinds``): the
    built-in one, or the one desk.yml declares. Validation checks it against the desk's."""

    vocabulary: str
    noun: str


def marker(annotation: Any) -> RefTo | Term | None:
    """The reference or vocabulary mark of a type itself (``ActorRef`` → its ``RefTo``)."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, (RefTo, Term)):
            return meta
    return None


def refers(annotation: Any) -> tuple[RefTo | Term | None, bool]:
    """What a field's type refers to, and whether it holds a list of such references:
    ``list[ActorRef]`` → (actors.yml, True); ``ActorRef | None`` → (actors.yml, False)."""
    found = marker(annotation)
    if found:
        return found, False
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return refers(args[0])
    if origin is list:
        return refers(args[0])[0], True
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        return refers(next(a for a in args if a is not type(None)))
    return None, False


@functools.cache
def annotation_of(cls: type, name: str) -> Any:
    """The full type of a model's field, with its marks (pydantic keeps only part of it)."""
    return typing.get_type_hints(cls, include_extras=True)[name]


SourceRef = Annotated[str, Field(pattern=SLUG_PATTERN, description="The id of an entry in sources.yml."), RefTo("sources.yml", "source")]
ActorRef = Annotated[str, Field(pattern=SLUG_PATTERN, description="The id of an entry in actors.yml."), RefTo("actors.yml", "actor")]
IssueRef = Annotated[str, Field(pattern=SLUG_PATTERN, description="The id of an entry in issues.yml."), RefTo("issues.yml", "issue")]
DocumentRef = Annotated[
    str, Field(pattern=SLUG_PATTERN, description="The id of an entry in documents.yml."), RefTo("documents.yml", "document")
]
# Figures are an explainer's own, but their ids are unique across the desk, like every id.
FigureRef = Annotated[
    str, Field(pattern=SLUG_PATTERN, description="The id of an entry in an explainer's figures.yml."), RefTo("figures.yml", "figure")
]
# Any text: a word outside the vocabulary, its label typed for it (`Supports`) included, is
# refused against the desk's own vocabulary (checks/vocabulary.py), with the id meant.
StanceWord = Annotated[str, Term("stances", "stance")]
KindWord = Annotated[str, Term("kinds", "kind of actor")]
Sources = Annotated[
    list[SourceRef],
    BeforeValidator(_one_or_more),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}, "minItems": 1},
            ],
            "description": "The id of an entry in sources.yml, or a list of them: `[reuters-0602, ap-0602]`.",
        }
    ),
    Field(min_length=1, description="Where it comes from: the id of an entry in sources.yml, or a list of them."),
]

FigureStatus = Literal["agreed", "delivered", "proposed", "target", "urged", "demanded", "claimed", "estimate", "reported", "superseded"]
Qualifier = Literal["exactly", "about", "just-under", "less-than", "more-than", "at-least", "up-to"]
# `per-side` is `per-actor` for the explainer's `parties`: content written before `per-actor` keeps its meaning.
Scope = Literal["total", "per-person", "per-actor", "per-side"]
Rate = Literal["year", "month", "week", "day", "hour"]
# How a stance reads in a table of stances: its colour there. An icon and a word always carry
# the meaning too, never the colour alone.
Tone = Literal["for", "against", "mixed", "proposal", "neutral", "unknown"]
# What search engines are told an actor of a kind is (schema.org types that can author a claim).
SchemaType = Literal[
    "Person", "Organization", "Country", "GovernmentOrganization", "Corporation", "NGO",
    "PoliticalParty", "WorkersUnion", "NewsMediaOrganization", "EducationalOrganization",
]
# http(s), a host of no space, quote, bracket or comma (`reuters,com` is a typo), then any path
# but spaces, double quotes, angle brackets, backslashes and backticks, which no address holds
# unencoded. Brackets and apostrophes may be in the path ("…/wiki/Istanbul_(disambiguation)"):
# a Markdown link percent-encodes them (render._url), every other place escapes its own way.
URL_PATTERN = r"^https?://[^\s/?#<>\"'()\\`,]+(?:[/?#][^\s<>\"\\`]*)?$"
Url = Annotated[str, Field(pattern=URL_PATTERN, description="An http(s) address.")]


def not_an_address(address: str) -> str:
    """What is wrong with an address that does not match URL_PATTERN, said so that it can be fixed."""
    expected = "(expected e.g. https://example.org/report)"
    start = re.match(r"https?://", address)
    if start is None:
        return f"'{shown(address)}' is not an http(s) address {expected}"
    bad = re.search(r"[\s<>\"\\`]", address)
    if bad is None:
        return f"'{shown(address)}' has no host name an address can have after '{start.group()}' {expected}"
    char = {" ": "a space", "\t": "a tab", "\n": "a line break", '"': "a double quote"}.get(bad.group(), f"'{bad.group()}'")
    if address != address.rstrip():  # a block scalar (`url: |`) keeps the line break after it
        return f"'{shown(address)}' ends with {char} (expected the address alone, on one line)"
    return (
        f"'{shown(address)}' holds {char} at character {bad.start() + 1}, which no address holds as it is "
        "(expected it percent-encoded: a space is %20, a double quote %22)"
    )


ICON_PATTERN = r"^(material|octicons|simple|fontawesome-(brands|regular|solid))-[a-z0-9]+(-[a-z0-9]+)*$"


@functools.cache
def _icons_folder() -> Path | None:
    """The theme's (Material for MkDocs') icons, when it is installed."""
    templates = theme_templates()
    return templates / ".icons" if templates else None


@functools.cache
def theme_icons() -> frozenset[str]:
    """The icon names the theme (Material for MkDocs) can draw, as ``material-check-circle``;
    empty when the theme is not installed, and then icons are not checked."""
    root = _icons_folder()
    if root is None:
        return frozenset()
    return frozenset(
        "-".join((*svg.relative_to(root).parent.parts, svg.stem)) for svg in root.glob("*/**/*.svg")
    )


# Icons that point a way (a figure running off, a hand held out, an arrow to the right): mirrored
# where the page reads right to left, as the reading direction mirrors them. A clock's arrow
# (history) and a checkmark are not: time and "done" do not turn with the script.
# By the words of their names, not by any text in them: "brightness" holds "right".
_POINTS_A_WAY = frozenset({"right", "left", "run", "walk", "extended", "send", "bullhorn", "voice", "reply", "forward",
                           "undo", "redo", "trending"})


def points_a_way(name: str) -> bool:
    """Whether an icon named as in content (``material-exit-run``) is drawn pointing one way."""
    return not _POINTS_A_WAY.isdisjoint(name.split("-"))


_ICON_SET = re.compile(r"^(material|octicons|simple|fontawesome-(?:brands|regular|solid))-(.+)$")


@functools.cache
def theme_icon(name: str) -> str | None:
    """The theme's template of an icon named as in content (``material-check-circle`` →
    ``.icons/material/check-circle.svg``), or None when the theme is not installed or has no
    such icon. The icon's own file is looked up: listing the theme's 14,000 icons
    (``theme_icons``) costs a tenth of a second, which only a misspelt name needs."""
    root = _icons_folder()
    found = _ICON_SET.match(name)
    if root is None or found is None:
        return None
    relative = f"{found.group(1).replace('-', '/')}/{found.group(2)}.svg"
    return f".icons/{relative}" if (root / relative).is_file() else None


def _known_icon(name: str) -> str:
    if _icons_folder() is None or theme_icon(name):
        return name
    known = theme_icons()
    if known and name not in known:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"the theme has no icon '{name}' (expected a name from its icon set, e.g. material-check-circle{hint})")
    return name


Icon = Annotated[
    str,
    Field(pattern=ICON_PATTERN, description="An icon of the theme's set, e.g. `material-check-circle`."),
    AfterValidator(_known_icon),
]


def _currency(code: str) -> str:
    if not babel.numbers.is_currency(code):
        raise ValueError(f"'{code}' is not a currency code (expected a three-letter ISO 4217 code, e.g. USD, EUR or GBP)")
    return code


def not_a_language(code: str) -> str:
    """What is wrong with a code that names no language: badly formed, or unknown to Babel."""
    return f"'{shown(code)}' is not a language code (expected a code such as en, bg or ar)"


def _known_language(code: str) -> str:
    """A language Babel knows, so that pages can name it in any other language."""
    try:
        locales.locale(code)
    except (ValueError, babel.UnknownLocaleError):
        raise ValueError(not_a_language(code)) from None
    return code


def _language(code: str) -> str:
    """A language the site can be published in: Babel must know its numbers, dates and plural
    forms, and the theme must have its own words (its buttons, search and skip links)."""
    _known_language(code)
    known = theme_languages()
    if known and code not in known:
        raise ValueError(f"the theme has no words in '{code}' (expected one of its languages, e.g. en, bg or ar)")
    return code


LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Language = Annotated[
    str,
    Field(pattern=LANGUAGE_PATTERN, description="A language, as its code: `en`, `bg`, `ar`, `pt-BR`…"),
    AfterValidator(_language),
]

# Any language Babel knows, such as a source's: it need not be one the site is published in.
LanguageCode = Annotated[
    str,
    Field(pattern=LANGUAGE_PATTERN, description="A language, as its code: `en`, `ru`, `uk`, `pt-BR`…"),
    AfterValidator(_known_language),
]

CURRENCY_PATTERN = r"^[A-Z]{3}$"
Currency = Annotated[
    str,
    Field(pattern=CURRENCY_PATTERN, description="The currency, as its ISO 4217 code: `USD`, `EUR`, `GBP`…"),
    AfterValidator(_currency),
]
