"""The content model: what each content file holds, declared once (the validated desk that
validation makes of them is ``validated_desk.py``'s).

A desk is a registry shared by every explainer (``actors.yml``, ``issues.yml``,
``sources.yml``, and an optional ``desk.yml``) plus one folder per explainer under
``explainers/<slug>/`` (``explainer.yml``, ``positions.yml``, ``figures.yml``,
``events.yml``). Validation, the editors' JSON Schemas, the field reference and the downloads
are all derived from these classes, so they cannot drift apart. Which file holds which class is
declared in ``files.py``; the kinds of value a field takes (ids, dates, references…) in
``values.py``. How things are worded for readers lives in ``wording.py``, not here.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .values import (
    MAX_VALUE,
    ActorRef,
    Currency,
    DocumentRef,
    FigureRef,
    FigureStatus,
    Icon,
    Id,
    IssueRef,
    KindWord,
    Language,
    LanguageCode,
    PartialDate,
    Period,
    Qualifier,
    Rate,
    SchemaType,
    Scope,
    ShortTitle,
    Sources,
    StanceWord,
    Text,
    Tone,
    Url,
)

class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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
        "`for`, `against`, `mixed`, `proposal`, `neutral` or `unknown` (no position given, as `not-stated`: "
        "not counted as a position).",
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


class Desk(Entry):
    """desk.yml: the site as a whole. Optional: without it the desk is called “Explainers”."""

    title: Text = Field(description="The desk's name, shown on every page, e.g. `World desk explainers`.")
    description: Text | None = Field(None, description="One sentence on what the desk covers, shown on its home page.")
    short_title: ShortTitle | None = Field(
        None,
        description="A shorter name (at most 30 characters) for the header on phones, where a long `title` takes two lines, "
        "and for the share cards' band when `title` is too long for it (a warning says so), e.g. `World desk`.",
    )
    publisher: Publisher | None = Field(None, description="Who publishes the desk, named in every page's footer.")
    stances: list[StanceTerm] = Field(
        default=[], description="The desk's own stance vocabulary, in the order legends list it; it replaces the built-in one."
    )
    kinds: list[KindTerm] = Field(
        default=[], description="Kinds of actor the desk adds to the built-in ones (or rewords: give a built-in kind's id)."
    )
    languages: list[Language] = Field(
        default=["en"],
        min_length=1,
        description="The languages the desk is published in, e.g. `[en, bg]`: the first at the site's root, "
        "each other under `/<code>/`, from the content's translation files (`actors.bg.yml`…).",
    )

    @field_validator("languages")
    @classmethod
    def _once_each(cls, languages: list[str]) -> list[str]:
        repeated = sorted({code for code in languages if languages.count(code) > 1})
        if repeated:
            raise ValueError(f"'{repeated[0]}' is listed twice (expected each language once)")
        return languages

    kind_order: list[KindWord] = Field(
        default=[],
        description="The order of the kinds of actor on who's-who pages and in every list grouped by kind, "
        "e.g. `[bloc, fund, person]`: ids of kinds, built-in or the desk's own; those left out follow, in their usual order.",
    )


class Membership(Entry):
    """A tie between two actors, e.g. a person heading a delegation."""

    of: ActorRef = Field(description="The actor this one belongs to or acts for.")
    role: Text = Field(description="The role within it, e.g. `Head of delegation`.")


class Actor(Entry):
    """An entry of actors.yml: a person, state, bloc, institution, company or any other actor, shared by every explainer."""

    id: Id
    name: Text = Field(description="The name readers know, e.g. `Vladimir Medinsky`.")
    name_in_text: Text | None = Field(
        None, description="The name as a sentence says it, when that is not `name` alone, e.g. `the United States` "
        "(\"according to the United States\"); headings and lists keep `name`.",
    )
    kind: KindWord = Field(description="What sort of actor this is, from the kinds of actor.")
    role: Text | None = Field(
        None, description="What they usually are, in a short phrase; an explainer's `actors:` entry can say more."
    )
    description: Text = Field(description="Who they are beyond their role, in one to three sentences: pages show it under the role, and link previews after it.")
    aliases: list[Text] = Field(default=[], description="Other names readers may search for (`Kiev`, `Kyiv`).")
    memberships: list[Membership] = Field(default=[], description="Lasting ties: who this actor belongs to or acts for.")
    source: Sources

    @property
    def sentence_name(self) -> str:
        """The name a sentence says: ``name_in_text`` when the desk gives one, else ``name``."""
        return self.name_in_text or self.name


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
    language: LanguageCode | None = Field(
        None, description="The language it is in, as its code (`ru`, `uk`…), when not the desk's own: pages in another language say it."
    )


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
    memberships: list[Membership] = Field(
        default=[],
        description="Ties in this story, e.g. heading a delegation; a tie to an actor they already belong to in actors.yml "
        "gives that tie this story's role.",
    )
    source: Sources


class Comparison(Entry):
    """A chart comparing several numbers of the same kind, e.g. an old goal, a new one and a call for more."""

    id: Id
    title: Text = Field(description="What the chart compares, e.g. `Climate finance goals`.")
    figures: list[FigureRef] = Field(
        min_length=2, description="The ids of two or more of this explainer's figures, with the same unit and currency, and the same rate where "
        "they have one: a sum a year compares with a sum in one year.",
    )
    key: bool = Field(False, description="true to show it with the key numbers on the explainer's home page too.")
    note: Text | None = Field(None, description="Anything a reader needs to read the comparison right.")


class Story(Entry):
    """explainer.yml: the story as a whole."""

    title: Text = Field(description="The headline of the explainer. One the share card cannot show whole in its three "
                        "lines (about 130 characters, fewer in wide letters) gets a warning quoting what the card shows.")
    standfirst: Text = Field(description="The one-sentence summary under the title.")
    why_it_matters: Text | None = Field(
        None,
        description="One sentence on why the story matters to readers, shown under the standfirst on the explainer's "
        "home page, before the key numbers: what a reader on a phone sees first.",
    )
    date: PartialDate = Field(description="When the events the explainer is about happened.")
    updated: PartialDate = Field(description="When the explainer was last updated; its positions are as of this date.")
    place: Text | None = Field(
        None,
        description="Where the events happened, e.g. `Istanbul`, shown with the date in the dateline "
        "(“Istanbul, 2 June 2025”); the explainer's home page leaves both out when its title already gives them.",
    )
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
    draft: bool = Field(
        False,
        description="true while the explainer is being written: `make serve` shows it, marked “Draft”; "
        "`make build` leaves it out of the site. `new` starts every explainer as a draft; outside a draft, "
        "the texts `new` wrote (“Replace this with…”) are errors.",
    )


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
    # The quote's translation into the language of the page, from a translation file's `quote:`
    # (translations.py): shown beside the quote, never in its place, and never in positions.yml.
    quote_translation: ClassVar[str | None] = None
    date: PartialDate = Field(description="When they took this position; an actor can take several on one issue over time.")
    source: Sources


class Equivalent(Entry):
    """What an amount comes to in another currency, as the source converts it: “(about $24.5 billion)”."""

    value: float = Field(
        allow_inf_nan=False, ge=-MAX_VALUE, le=MAX_VALUE, description="The amount in the other currency, without commas: `24500000000`."
    )
    currency: Currency = Field(description="The other currency, as its ISO 4217 code, e.g. `USD`.")
    as_of: PartialDate = Field(description="The date of the exchange rate the source converts at.")


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
        None, description="What the number counts, e.g. `bodies`, `km²` or `%`; for money, the `currency` says it, "
        "and for an amount per period, the `rate` (a unit holding money or a period is refused)."
    )
    currency: Currency | None = Field(None, description="For money: the currency, as its ISO 4217 code (`USD`, `EUR`…).")
    equivalent: Equivalent | None = Field(
        None,
        description="For money: what it comes to in another currency, as the source converts it, "
        "shown after the amount: “177 billion yuan (about $24.5 billion)”.",
    )
    rate: Rate | None = Field(None, description="For an amount per period: `year` (“a year”), `month`, `week`, `day` or `hour`.")
    period: Period | None = Field(
        None,
        description="For an amount in one period, not per period: the year (“in 2022”), month or day it is for, "
        "or a span `2020/2022` (“in 2020–2022”). Not with `rate:`.",
    )
    wording: Text | None = Field(
        None, description="The source's own words for a vague number, shown instead of the value (`a fifth`): "
        "no currency sign, and no number other than the value."
    )
    qualifier: Qualifier | None = Field(
        None, description="How exact the source is, when it says: `about`, `more-than`… or `exactly`."
    )
    scope: Scope | None = Field(
        None,
        description="Who it is for, when the source says: `total`, a sum over several (“in total”); `per-person`; "
        "`per-actor`, each of the `actors` listed; `per-side`, each of the explainer's `parties`.",
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

    @property
    def attributed(self) -> bool:
        """Whether someone besides its outlets says it, "according to" whom pages then name:
        actors who claim it, or a document that states it. An outlet's own number is cited alone."""
        return bool(self.claimed_by or self.document)

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.value_max is not None and self.value_max <= self.value:
            raise ValueError(f"value_max {self.value_max:g} is not above value {self.value:g} (expected the upper end of a range)")
        if self.rate is not None and self.period is not None:
            raise ValueError(
                "both rate and period given (expected one: `rate: year` for an amount per period, “a year”, "
                "or `period: 2022` for an amount in one period, “in 2022”)"
            )
        if self.equivalent is not None and self.currency is None:
            raise ValueError("equivalent given for a number that is not money (expected `currency:` beside it)")
        if self.equivalent is not None and self.equivalent.currency == self.currency:
            raise ValueError(f"equivalent in {self.currency}, the figure's own currency (expected an amount in another currency)")
        if self.unit is None and self.currency is None:
            raise ValueError("missing field 'unit' (expected what the number counts, e.g. `bodies`, or a `currency` for money)")
        if self.scope == "per-actor" and not self.actors:
            raise ValueError("scope per-actor names no actors (expected `actors:`, the actors who each give or get this many)")
        if self.actors and self.scope != "per-actor":
            with_scope = f"with scope {self.scope}" if self.scope else "without a scope"
            raise ValueError(f"actors listed {with_scope} (expected scope: per-actor with `actors:`)")
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


# The folder that holds one folder per explainer.
EXPLAINERS_FOLDER = "explainers"
DEFAULT_DESK = Desk(title="Explainers")
