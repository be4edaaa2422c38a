"""The content model: what each content file holds, declared once, and the validated desk.

A desk is a registry shared by every explainer (``actors.yml``, ``issues.yml``,
``sources.yml``, and an optional ``desk.yml``) plus one folder per explainer under
``explainers/<slug>/`` (``explainer.yml``, ``positions.yml``, ``figures.yml``,
``events.yml``). Validation, the editors' JSON Schemas and the field reference are all derived
from these classes, so they cannot drift apart. How things are worded for readers lives in
``wording.py``, not here.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import difflib
import functools
import re
from pathlib import Path
from typing import Annotated, Literal

import babel.numbers

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from .diagnostics import Diagnostic, shown
from .templating import theme_templates

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
# A figure's value is between -1e30 and 1e30, about the largest number of 30 digits,
# load's limit for a number typed in full: pages write a number above a trillion out in full.
MAX_VALUE_ZEROS = 30
MAX_VALUE = 10.0**MAX_VALUE_ZEROS


def _year_as_text(value: object) -> object:
    # An unquoted year (`date: 2022`) reads as a number; it is still a date.
    return str(value) if type(value) is int else value


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A day `2025-06-02`, a month `2024-06` or a year `2022`: only as precise as the source.",
        }
    ),
    Field(
        pattern=DATE_PATTERN,
        description="A day `2025-06-02`, a month `2024-06` or a year `2022`: only as precise as the source.",
    ),
    AfterValidator(_real_date),
]


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
StanceWord = Annotated[str, Field(pattern=SLUG_PATTERN), Term("stances", "stance")]
KindWord = Annotated[str, Field(pattern=SLUG_PATTERN), Term("kinds", "kind of actor")]
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

FigureStatus = Literal["agreed", "delivered", "proposed", "target", "demanded", "claimed", "estimate", "reported", "superseded"]
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
URL_PATTERN = r"^https?://[^\s<>\"'()\\`]+$"
Url = Annotated[str, Field(pattern=URL_PATTERN, description="An http(s) address.")]
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


CURRENCY_PATTERN = r"^[A-Z]{3}$"
Currency = Annotated[
    str,
    Field(pattern=CURRENCY_PATTERN, description="The currency, as its ISO 4217 code: `USD`, `EUR`, `GBP`…"),
    AfterValidator(_currency),
]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def sort_key(date: str) -> tuple[int, int, int]:
    """Orders partial dates: ``2024-06`` sorts before ``2024-06-01``."""
    parts = [int(p) for p in date.split("-")]
    return (parts + [0, 0])[:3]  # type: ignore[return-value]


def epoch(date: str) -> int:
    """Seconds since 1970 at the start of a (possibly partial) date, in UTC."""
    year, month, day = sort_key(date)
    return calendar.timegm((year, month or 1, day or 1, 0, 0, 0))


# -- the registry: desk.yml, actors.yml, issues.yml, sources.yml -----------------------------


class StanceTerm(Entry):
    """One stance of a desk's own vocabulary, listed in desk.yml under stances."""

    id: Id = Field(description="The word positions use in `stance:`, e.g. `took-note`.")
    label: Text = Field(description="How readers see it, beside its icon, e.g. `Took note`.")
    legend: Text = Field(
        description="What it means, in one line of the legend under the label, e.g. `has taken note of it without saying yes or no`."
    )
    icon: Icon
    tone: Tone = Field(
        "neutral",
        description="How it reads in tables of stances, as a colour beside the icon and label: "
        "`for`, `against`, `mixed`, `proposal`, `neutral` or `unknown`.",
    )


class KindTerm(Entry):
    """A kind of actor a desk adds, listed in desk.yml under kinds."""

    id: Id = Field(description="The word actors use in `kind:`, e.g. `union`.")
    heading: Text = Field(description="The heading over actors of this kind on who's-who pages, e.g. `Unions`.")
    schema_type: SchemaType = Field(
        "Organization", description="What search engines are told an actor of this kind is (a schema.org type)."
    )


class Publisher(Entry):
    """Who publishes the desk, named in every page's footer."""

    name: Text = Field(description="The newsroom, organisation or person, e.g. `The Harbour Gazette`.")
    url: Url | None = Field(None, description="Their own site, linked from the footer: an http(s) address.")


# The header's room on a 360 px phone, beside its buttons: two lines of about 15 characters.
MAX_SHORT_TITLE = 30
ShortTitle = Annotated[str, Field(min_length=1, max_length=MAX_SHORT_TITLE, pattern=TEXT_PATTERN)]


class Desk(Entry):
    """desk.yml: the site as a whole. Optional: without it the desk is called “Explainers”."""

    title: Text = Field(description="The desk's name, shown on every page, e.g. `World desk explainers`.")
    description: Text | None = Field(None, description="One sentence on what the desk covers, shown on its home page.")
    short_title: ShortTitle | None = Field(
        None,
        description="A shorter name (at most 30 characters) for the header on phones, where a long `title` takes two lines, e.g. `World desk`.",
    )
    publisher: Publisher | None = Field(None, description="Who publishes the desk, named in every page's footer.")
    stances: list[StanceTerm] = Field(
        default=[], description="The desk's own stance vocabulary, in the order legends list it; it replaces the built-in one."
    )
    kinds: list[KindTerm] = Field(
        default=[], description="Kinds of actor the desk adds to the built-in ones (or rewords: give a built-in kind's id)."
    )


class Membership(Entry):
    """A tie between two actors, e.g. a person heading a delegation."""

    of: ActorRef = Field(description="The actor this one belongs to or acts for.")
    role: Text = Field(description="The role within it, e.g. `Head of delegation`.")


class Actor(Entry):
    """An entry of actors.yml: a person, state, bloc, institution, company or any other actor, shared by every explainer."""

    id: Id
    name: Text = Field(description="The name readers know, e.g. `Vladimir Medinsky`.")
    kind: KindWord = Field(description="What sort of actor this is, from the kinds of actor.")
    role: Text | None = Field(
        None, description="What they usually are, in a short phrase; an explainer's `actors:` entry can say more."
    )
    description: Text = Field(description="Who they are, in one to three sentences.")
    aliases: list[Text] = Field(default=[], description="Other names readers may search for (`Kiev`, `Kyiv`).")
    memberships: list[Membership] = Field(default=[], description="Lasting ties: who this actor belongs to or acts for.")
    source: Sources


class Issue(Entry):
    """An entry of issues.yml: a contested question, shared by every explainer."""

    id: Id
    title: Text = Field(description="A short name, e.g. `Ceasefire`.")
    question: Text = Field(description="The question in dispute, e.g. `Will there be a ceasefire?`.")
    description: Text = Field(description="What is at stake, in one to three sentences.")
    source: Sources


class Source(Entry):
    """An entry of sources.yml: where claims come from."""

    id: Id
    publisher: Text = Field(description="Who published it, e.g. `BTA`.")
    reported_by: Text | None = Field(None, description="Whose report it relays, e.g. `Reuters`.")
    title: Text = Field(description="The headline, or a description when there is none.")
    headline: Text | None = Field(
        None, description="The original headline, as published, when `title` describes or translates it."
    )
    author: Text | None = Field(None, description="Who wrote it, as the byline gives them, e.g. `Jane Doe and Ali Demir`.")
    date: PartialDate = Field(description="When it was published.")
    url: Url | None = Field(None, description="Where to read the original: an http(s) address.")


class Document(Entry):
    """An entry of documents.yml: a text that says things on its own authority, such as an adopted decision or a memorandum."""

    id: Id
    title: Text = Field(description="What readers call it, e.g. `The adopted text` or `Russia's memorandum`.")
    description: Text | None = Field(None, description="What it is, in one or two sentences.")
    issued_by: list[ActorRef] = Field(default=[], description="Who wrote, adopted or handed it over.")
    date: PartialDate | None = Field(None, description="When it was adopted or issued.")
    url: Url | None = Field(None, description="Where to read it: an http(s) address.")
    source: Sources


# -- one explainer: explainers/<slug>/explainer.yml, positions.yml, figures.yml, events.yml ---


class Note(Entry):
    """A sentence of the explainer's own text, with where it comes from."""

    text: Text = Field(description="One or two sentences, in our own words.")
    source: Sources


class Change(Entry):
    """One update to the explainer, shown to readers under “What changed”."""

    date: PartialDate
    text: Text = Field(description="What changed, for readers.")
    correction: bool = Field(False, description="true when the update corrects an error.")


class Cast(Entry):
    """What an actor is in this explainer, beyond what actors.yml says of them everywhere."""

    actor: ActorRef = Field(description="Who.")
    role: Text = Field(description="What they are in this story, in a short phrase, e.g. `Head of Russia's delegation`.")
    description: Text | None = Field(None, description="What they did in this story, in one to three sentences.")
    memberships: list[Membership] = Field(default=[], description="Ties in this story, e.g. heading a delegation.")
    source: Sources


class Comparison(Entry):
    """A chart comparing several numbers of the same kind, e.g. an old goal, a new one and a call for more."""

    id: Id
    title: Text = Field(description="What the chart compares, e.g. `Climate finance goals`.")
    figures: list[FigureRef] = Field(
        min_length=2, description="The ids of two or more of this explainer's figures, with the same unit, currency and rate."
    )
    key: bool = Field(False, description="true to show it with the key numbers on the explainer's home page too.")
    note: Text | None = Field(None, description="Anything a reader needs to read the comparison right.")


class Story(Entry):
    """explainer.yml: the story as a whole."""

    title: Text = Field(description="The headline of the explainer.")
    standfirst: Text = Field(description="The one-sentence summary under the title.")
    why_it_matters: Text | None = Field(
        None,
        description="One sentence on why the story matters to readers, shown under the standfirst on the explainer's "
        "home page, before the key numbers: what a reader on a phone sees first.",
    )
    date: PartialDate = Field(description="When the events the explainer is about happened.")
    updated: PartialDate = Field(description="When the explainer was last updated; its positions are as of this date.")
    place: Text | None = Field(None, description="Where the events happened, e.g. `Istanbul`.")
    parties: list[ActorRef] = Field(
        default=[],
        description="The main actors of the story (those in dispute, those making a deal…), "
        "shown in “Where they stand at a glance” on the explainer's home page.",
    )
    actors: list[Cast] = Field(default=[], description="Who is who in this story: each actor's role in it.")
    summary: list[Note] = Field(default=[], description="What happened, one paragraph per item.")
    unknowns: list[Note] = Field(default=[], description="What we don't know.")
    next: list[Note] = Field(default=[], description="What's next.")
    comparisons: list[Comparison] = Field(default=[], description="Charts comparing several of its numbers.")
    changes: list[Change] = Field(default=[], description="The change log, newest first.")


class Position(Entry):
    """An entry of positions.yml: where one actor stood on one issue on a date."""

    actor: ActorRef = Field(description="Whose position this is.")
    issue: IssueRef = Field(description="Which issue it is on.")
    stance: StanceWord = Field(description="Where they stand, from the desk's stance vocabulary.")
    summary: Text = Field(description="The position in our own words.")
    said_by: ActorRef | None = Field(None, description="Who stated it, when not the actor itself.")
    document: DocumentRef | None = Field(
        None, description="The document that sets it out, e.g. a memorandum: the id of an entry in documents.yml."
    )
    quote: Text | None = Field(None, description="Only words the source itself quotes, without quotation marks.")
    date: PartialDate = Field(description="When they took this position; an actor can take several on one issue over time.")
    source: Sources


class Figure(Entry):
    """An entry of figures.yml: a number, with how sure it is and who says so."""

    id: Id
    label: Text = Field(description="What is counted, e.g. `Prisoners released` or `Climate finance goal`.")
    value: float = Field(
        allow_inf_nan=False, ge=-MAX_VALUE, le=MAX_VALUE, description="The number, without commas: `6000`, `0.2`, `300000000000`."
    )
    value_max: float | None = Field(
        None, allow_inf_nan=False, ge=-MAX_VALUE, le=MAX_VALUE, description="The upper end of a range (`2` to `3` days)."
    )
    unit: Text | None = Field(
        None, description="What the number counts, e.g. `bodies`, `km²` or `%`; for money, the `currency` says it."
    )
    currency: Currency | None = Field(None, description="For money: the currency, as its ISO 4217 code (`USD`, `EUR`…).")
    rate: Rate | None = Field(None, description="For an amount per period: `year` (“a year”), `month`, `week`, `day` or `hour`.")
    wording: Text | None = Field(
        None, description="The source's own words for a vague number, shown instead of the value (`a fifth`)."
    )
    qualifier: Qualifier = Field("exactly", description="How exact the source is.")
    scope: Scope = Field(
        "total",
        description="Who it is for: `total`; `per-person`; `per-actor`, each of the `actors` listed; "
        "`per-side`, each of the explainer's `parties`.",
    )
    actors: list[ActorRef] = Field(default=[], description="With `scope: per-actor`: the actors who each give or get this many.")
    by: PartialDate | None = Field(None, description="For a target: the date it is to be reached by, e.g. `2035`.")
    status: FigureStatus = Field(description="How far the number is settled.")
    replaced_by: FigureRef | None = Field(
        None, description="With `status: superseded`: the id of the figure that replaced this one."
    )
    claimed_by: list[ActorRef] = Field(
        default=[], description="Who says so; leave out when a document or the source itself states it."
    )
    document: DocumentRef | None = Field(
        None, description="The document that states it, e.g. an adopted text: the id of an entry in documents.yml."
    )
    issue: IssueRef | None = Field(None, description="The issue the number belongs to, if any.")
    as_of: PartialDate = Field(description="The date the number describes.")
    key: bool = Field(False, description="true to show it in the key numbers on the explainer's home page.")
    chart: bool = Field(
        False,
        description="true to draw it: a share (a value from 0 to 1) as part of a whole. A `per-actor` or "
        "`per-side` number, the same for each actor, is said (\"6,000 each\"), not drawn.",
    )
    note: Text | None = Field(None, description="Anything a reader needs to read the number right.")
    source: Sources

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.value_max is not None and self.value_max <= self.value:
            raise ValueError(f"value_max {self.value_max:g} is not above value {self.value:g} (expected the upper end of a range)")
        if self.unit is None and self.currency is None:
            raise ValueError("missing field 'unit' (expected what the number counts, e.g. `bodies`, or a `currency` for money)")
        if self.scope == "per-actor" and not self.actors:
            raise ValueError("scope per-actor names no actors (expected `actors:`, the actors who each give or get this many)")
        if self.actors and self.scope != "per-actor":
            raise ValueError(f"actors listed with scope {self.scope} (expected scope: per-actor with `actors:`)")
        if self.replaced_by is not None and self.status != "superseded":
            raise ValueError(f"replaced_by with status {self.status} (expected status: superseded for a value that was replaced)")
        if self.chart and not (self.scope in ("per-actor", "per-side") or (0 < self.value <= 1 and self.currency is None)):
            raise ValueError(
                "only numbers for each of several actors and shares can be drawn "
                "(expected scope: per-actor or per-side, or a value from 0 to 1; to compare numbers, use `comparisons:` in explainer.yml)"
            )
        return self


class Event(Entry):
    """An entry of events.yml: something that happened on a (possibly partial) date."""

    id: Id
    date: PartialDate = Field(description="When it happened, as precisely as the source says.")
    title: Text = Field(description="What happened, in a few words.")
    summary: Text = Field(description="What happened, in one to three sentences.")
    actors: list[ActorRef] = Field(default=[], description="Who took part.")
    issues: list[IssueRef] = Field(default=[], description="The issues it bears on.")
    source: Sources


# What each content file holds: a mapping for desk.yml and explainer.yml, a list for the rest.
REGISTRY: dict[str, type[Entry]] = {
    "desk.yml": Desk,
    "sources.yml": Source,
    "actors.yml": Actor,
    "issues.yml": Issue,
    "documents.yml": Document,
}
EXPLAINER: dict[str, type[Entry]] = {
    "explainer.yml": Story,
    "positions.yml": Position,
    "figures.yml": Figure,
    "events.yml": Event,
}
FILES: dict[str, type[Entry]] = {**REGISTRY, **EXPLAINER}
# Files a desk may leave out: no desk.yml means the default title and vocabularies, no
# documents.yml no documents; an explainer may have no positions, figures or events (yet).
OPTIONAL = frozenset({"desk.yml", "documents.yml", "positions.yml", "figures.yml", "events.yml"})
# The folder that holds one folder per explainer.
EXPLAINERS_FOLDER = "explainers"
DEFAULT_DESK = Desk(title="Explainers")


# -- the validated desk -------------------------------------------------------------------


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
    # The desk's vocabularies, in legend order: desk.yml's, or the built-in ones (wording.py).
    stances: dict[str, StanceTerm] = dataclasses.field(default_factory=dict)
    kinds: dict[str, KindTerm] = dataclasses.field(default_factory=dict)
    documents: dict[str, Document] = dataclasses.field(default_factory=dict)
    # Problems that do not stop a build (``mkdocs build --strict`` still fails on them).
    warnings: tuple[Diagnostic, ...] = ()

    # Every page's front matter asks: worked out once, not once per page over every explainer.
    @functools.cached_property
    def updated(self) -> str:
        """The latest update of any explainer: the desk's own date."""
        return max((x.story.updated for x in self.explainers.values()), key=sort_key)


def newest_first(explainers: list[Explainer]) -> list[Explainer]:
    return sorted(explainers, key=lambda x: (sort_key(x.story.date), sort_key(x.story.updated), x.slug), reverse=True)
