"""What a page's HTML needs beyond its body: a schema.org object, a link-preview description,
dates. The page templates write these into each page's front matter, where the theme reads
them (``page.meta``): overrides/partials/explainer-meta.html writes JSON-LD and share tags.
They are plain dicts; no HTML is written here.

The types are the schema.org ones closest to the model: the desk is a WebSite, an explainer a
BackgroundNewsArticle (schema.org's word for an explainer) that ``isPartOf`` it, a position a
Claim, an issue a Question, a number an Observation, an event an Event. Every ``@id`` is the
page's address, relative to the page the object is on, from ``urls``.

``read_front_matter`` reads a page's front matter back, as MkDocs would, for the plugin to
hand it over already read.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from . import cards, feeds, languages, urls
from .export import number as _number
from .kinds import KINDS
from .load import NOT_PRINTABLE
from .messages import filled
from .desk_index import DeskIndex
from .lookups import View
from .paging import Pager
from .model import Actor, Document, Event, Figure, Issue, Position, Source
from .validated_desk import Content, Explainer
from .values import sort_key
from .wording import Wording

CONTEXT = "https://schema.org"


def actor_type(schema_type: str) -> str | list[str]:
    """The ``@type`` of an actor whose kind has this schema.org type (``messages.KINDS``, or
    desk.yml's `kinds:`). A state is a place that also acts: it takes positions, claims numbers
    and has members. schema.org allows only a Person or Organization as a claim's author or
    what someone is a member of, and a Country alone is a Place, so a state is both."""
    return [schema_type, "Organization"] if schema_type == "Country" else schema_type

Thing = dict[str, Any]


@dataclasses.dataclass
class Page:
    """What one page is about, for its kind's schema.org object and description (kinds.py)."""

    kind: str
    w: Wording
    c: Content
    desk: DeskIndex
    x: View | None
    actor: Actor | None
    issue: Issue | None
    description: str


def front_matter(w: Wording, kind: str, here: str, content: Content, desk: DeskIndex, x: View | None = None,
                 actor: Actor | None = None, issue: Issue | None = None, site_url: str | None = None,
                 pager: Pager | None = None) -> dict[str, Any]:
    """The front matter of one page, in ``w``'s language: ``description``, ``structured_data``, ``updated``, the
    ``feeds`` of updates to link to (the explainer's, then the desk's) and, for an explainer's
    pages, the explainer's title (``explainer``, also the search ``tags``, so a search result
    says which explainer it comes from, and ``hide`` to keep them off the page) and its share
    ``card``. Addresses of feeds and cards are full under ``site_url``, else relative to the page.

    On one page of a list that goes on over several (``pager``), the structured data names the
    entries of that page only, so that it does not grow with the desk either."""
    site = _Site(w, here, content, pager)
    story = x.x.story if x else None
    found = KINDS[kind]
    page = Page(kind, w, content, desk, x, actor, issue, "")
    if found.describe is not None:
        page.description = found.describe(page)
    else:
        page.description = filled(w.PAGE_PREVIEW, title=story.title if story else content.desk.title, purpose=w.page_purposes[kind])
    meta: dict[str, Any] = {"description": page.description}
    if found.hide:
        meta["hide"] = list(found.hide)
    if x is not None:
        meta["explainer"] = story.title
        meta["tags"] = [story.title]
        # The tags are for search, not for the page: Zensical shows a page's tags unless told to
        # hide them (Material only with its tags plugin, which the site does not use).
        meta["hide"] = ["tags"]
        meta["card"] = cards.meta(w, content, x.x, here, site_url)
        meta["sections"] = sections(w, kind, here, x)
        if story.draft:
            meta["draft"] = dict(w.draft)
    meta.update(masthead(w, content))
    meta["feeds"] = feed_links(w, here, content, x, site_url)
    meta["updated"] = story.updated if story else content.updated
    # The same page in each of the desk's languages: its hreflang links and language switcher.
    found_alternates = languages.alternates(here, content.desk.languages, w.language, site_url)
    if found_alternates:
        meta["alternates"] = found_alternates
    if found.schema is not None:
        meta["structured_data"] = {"@context": CONTEXT, **found.schema(site, page)}
    return meta


def sections(w: Wording, kind: str, here: str, x: View) -> dict[str, Any]:
    """An explainer's own pages, in reading order, for the theme's section bar, menu and
    previous / next links: each page's name, address (relative to this page) and whether it
    is this one; and the explainer's title and first page, which the bar names above the
    heading of each other page ("Timeline" is also the desk's)."""
    pages = [
        {"title": title, "href": urls.href(here, urls.path(other, slug=x.x.slug)), "current": other == kind}
        for other, title in w.sections.items()
        if other in urls.PAGES
    ]
    return {"label": w.SECTIONS_LABEL, "pages": pages, "explainer": x.x.story.title}


def masthead(w: Wording, content: Content) -> dict[str, Any]:
    """What desk.yml says of the desk for the theme's header and footer, when it says it: a
    shorter name for phones, and who publishes it."""
    desk = content.desk
    found: dict[str, Any] = {}
    if desk.short_title:
        found["short_title"] = desk.short_title
    if desk.publisher:
        found["publisher"] = {"label": w.PUBLISHED_BY, "name": desk.publisher.name}
        if desk.publisher.url:
            found["publisher"]["url"] = desk.publisher.url
    return found


# -- reading it back ------------------------------------------------------------------------------
# The templates write each front matter value as one line of JSON (render._json), which YAML
# reads as the same value. MkDocs reads front matter with PyYAML, which for a desk of 40
# explainers (5 MB of front matter) takes 0.7 s; json reads the same lines in a seventh of that.

# One `key: value` line: the key a JSON string, or a name YAML reads as text.
_LINE = re.compile(r'(?:("(?:[^"\\\n]|\\.)*")|([A-Za-z][A-Za-z0-9_-]*)): (.*)')
# Bare names YAML 1.1 reads as something other than text.
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})
# An escaped half of a surrogate pair, which json joins into one character and YAML refuses.
_SURROGATE = re.compile(r"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F]")
# A float as YAML 1.1 writes one (a point, and a sign on any exponent); 1e+16 is text to it.
_YAML_FLOAT = re.compile(r"-?[0-9]*\.[0-9]*(?:[eE][-+][0-9]+)?")


class _NotJSON(ValueError):
    pass


def _yaml_float(text: str) -> float:
    if not _YAML_FLOAT.fullmatch(text):
        raise _NotJSON(text)
    return float(text)


def _constant(text: str) -> Any:
    raise _NotJSON(text)  # NaN, Infinity: not JSON that YAML reads


# One decoder for every value (json.loads with these options would make one a value).
_VALUE = json.JSONDecoder(parse_float=_yaml_float, parse_constant=_constant)


def _not_as_json(block: str) -> bool:
    """Whether YAML could read the block otherwise than json: a character YAML does not take as
    it is inside a quoted string or takes as a line break (one no content file may hold, or a
    carriage return), or an escaped half of a surrogate pair."""
    return bool(NOT_PRINTABLE.search(block) or "\r" in block or ("\\u" in block and _SURROGATE.search(block)))


def read_front_matter(page: str) -> tuple[str, dict[str, Any]] | None:
    """A page's body and front matter, exactly as MkDocs reads them (the front matter's YAML as
    values, the blank lines after it left out), when the front matter is as the templates write
    it: one ``key: JSON`` a line, nothing that YAML would read otherwise than JSON. None for
    any other page (a site's own template may write YAML of its own): MkDocs reads it itself."""
    # MkDocs ends the block at the first line that starts with "---" or "...": no line of ours
    # starts with either (each starts with a key), so it is the first "---" line here too.
    end = page.find("\n---\n", 3) if page.startswith("---\n") else -1
    block = page[4 : end + 1]
    if end == -1 or not block or _not_as_json(block):
        return None
    meta: dict[str, Any] = {}
    for line in block.splitlines():
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        quoted, name, value = found.groups()
        if name is not None and name.lower() in _YAML_WORDS:
            return None
        try:
            key = json.loads(quoted) if quoted is not None else name
            meta[key] = _VALUE.decode(value)
        except ValueError:  # not JSON, or JSON that YAML would read otherwise
            return None
    return page[end + 5 :].lstrip("\n"), meta


def feed_links(w: Wording, here: str, content: Content, x: View | None, site_url: str | None) -> list[dict[str, str]]:
    """The feeds a page offers readers: on an explainer's pages its own first, on every page the desk's."""
    found = []
    if x is not None:
        target = urls.download("explainer-feed", slug=x.x.slug)
        found.append({"title": feeds.feed_title(w, "explainer-feed", x.x.story.title), "href": urls.absolute(site_url, here, target)})
    target = urls.download("desk-feed")
    found.append({"title": feeds.feed_title(w, "desk-feed", content.desk.title), "href": urls.absolute(site_url, here, target)})
    return found


class _Site:
    """schema.org objects as seen from one page, whose @ids are relative to it."""

    def __init__(self, w: Wording, here: str, content: Content, pager: Pager | None = None):
        self.w = w
        self.here = here
        self.language = w.language
        self.c = content
        self.pager = pager

    def entries(self, everything: Any) -> Any:
        """The entries of a paged list on this page, else (one page holding them all) ``everything``,
        in its own order."""
        return self.pager.items if self.pager is not None and self.pager.count > 1 else everything

    def id(self, kind: str, at: str | None = None, page: int = 1, **params: str) -> str:
        return urls.href(self.here, urls.path(kind, page=page, **params), at)

    # -- pages ---------------------------------------------------------------------------

    def desk(self, desk: DeskIndex) -> Thing:
        return {
            **self.website(),
            "description": self.c.desk.description or self.w.DESK_PURPOSE,
            "dateModified": self.c.updated,
            "hasPart": [self.article_ref(x) for x in self.entries(desk.explainers)],
        }

    def article(self, view: View) -> Thing:
        x, story = view.x, view.x.story
        # The change log is newest first; its oldest entry is when the explainer was first published.
        published = min((change.date for change in story.changes), key=sort_key, default=story.date)
        article: Thing = {
            **self.article_ref(x),
            "description": story.standfirst,
            "datePublished": published,
            "dateModified": story.updated,
            "temporalCoverage": story.date,
            "inLanguage": self.language,
            "isPartOf": self.website(),
            "about": [self.ref(self.c.actors[a]) for a in story.parties] + [self.question(i) for i in view.issues],
        }
        if story.place:
            article["contentLocation"] = {"@type": "Place", "name": story.place}
        cited = sorted(view.citations, key=list(self.c.sources).index)
        article["citation"] = [self.source(self.c.sources[s]) for s in cited]
        return article

    def item_list(self, page: Page, elements: list[Thing], total: int | None = None) -> Thing:
        """A list page's ItemList of ``elements``; ``total`` items over every page, if not the pager's."""
        view = page.x
        thing: Thing = {
            "@type": "ItemList",
            "@id": self.id(page.kind, **({"slug": view.x.slug} if view else {}), page=self.pager.number if self.pager else 1),
            "name": self.w.page_titles[page.kind],
            "description": page.description,
            # Of the whole list, however many pages it goes on over (as schema.org says).
            "numberOfItems": total if total is not None else self.pager.total if self.pager else len(elements),
            "itemListElement": elements,
        }
        # No isPartOf: schema.org defines it only on CreativeWork, and an ItemList is not one.
        return thing

    def actor_page(self, actor: Actor, desk: DeskIndex) -> Thing:
        thing: Thing = {**self.ref(actor, with_id=True), "description": actor.description}
        if actor.role:
            thing["disambiguatingDescription"] = actor.role
        if actor.aliases:
            thing["alternateName"] = list(actor.aliases)
        if actor.memberships:
            thing["memberOf"] = [self.ref(self.c.actors[m.of], with_id=True) for m in actor.memberships]
        appearances = self.entries(desk.appearances.get(actor.id, ()))
        if appearances:
            thing["subjectOf"] = [self.article_ref(a.explainer) for a in appearances]
        return thing

    def question_page(self, issue: Issue, desk: DeskIndex) -> Thing:
        thing: Thing = {**self.question(issue), "@id": self.id("issue", id=issue.id), "inLanguage": self.language}
        history = desk.stances_within(issue.id, self.pager.items) if self.pager else desk.history.get(issue.id, {})
        claims = [
            self.claim(position, about=False, explainer=x)
            for stances in history.values()
            for stated in stances
            for x, position in stated.reports
        ]
        if claims:
            thing["subjectOf"] = claims
        return thing

    # -- things ---------------------------------------------------------------------------

    def website(self) -> Thing:
        return {"@type": "WebSite", "@id": self.id("desk"), "name": self.c.desk.title, "inLanguage": self.language}

    def article_ref(self, x: Explainer) -> Thing:
        return {"@type": "BackgroundNewsArticle", "@id": self.id("explainer", slug=x.slug), "headline": x.story.title}

    def ref(self, actor: Actor, with_id: bool = False) -> Thing:
        thing: Thing = {"@type": actor_type(self.c.kinds[actor.kind].schema_type), "name": actor.name}
        if with_id:
            thing["@id"] = self.id("actor", id=actor.id)
        return thing

    def question(self, issue: Issue) -> Thing:
        return {"@type": "Question", "name": issue.title, "text": issue.question, "description": issue.description}

    def source(self, source: Source) -> Thing:
        work: Thing = {"@type": "CreativeWork", "name": source.title}
        if source.headline:
            work["headline"] = source.headline
        work["datePublished"] = source.date
        # Who wrote it: the byline; and when the publisher relays someone else's report (BTA
        # relaying Reuters), the outlet whose report it is.
        authors: list[Thing] = []
        if source.author:
            authors.append({"@type": "Person", "name": source.author})
        if source.reported_by:
            authors.append({"@type": "Organization", "name": source.reported_by})
        if authors:
            work["author"] = authors[0] if len(authors) == 1 else authors
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.language:
            work["inLanguage"] = source.language
        if source.url:
            work["url"] = source.url
        return work

    def document(self, document: Document) -> Thing:
        thing: Thing = {"@type": "DigitalDocument", "name": document.title}
        if document.description:
            thing["description"] = document.description
        if document.issued_by:
            thing["author"] = [self.ref(self.c.actors[a], with_id=True) for a in document.issued_by]
        if document.date:
            thing["dateCreated"] = document.date
        if document.url:
            thing["url"] = document.url
        return thing

    def sources(self, ids: list[str]) -> Thing | list[Thing]:
        found = [self.source(self.c.sources[s]) for s in ids]
        return found[0] if len(found) == 1 else found

    def claim(self, position: Position, about: bool = True, explainer: Explainer | None = None) -> Thing:
        actor, issue = self.c.actors[position.actor], self.c.issues[position.issue]
        claim: Thing = {
            "@type": "Claim",
            "name": self.w.position_name(actor.name, issue.title, self.c.stances[position.stance].label),
            "text": position.summary,
            "author": self.ref(actor, with_id=True),
        }
        if position.said_by and position.said_by != position.actor:
            claim["contributor"] = self.ref(self.c.actors[position.said_by], with_id=True)
        if about:
            claim["about"] = self.question(issue)
        claim["dateCreated"] = position.date
        if position.document:
            claim["firstAppearance"] = self.document(self.c.documents[position.document])
        claim["appearance"] = self.sources(position.source)
        if explainer is not None:
            claim["isPartOf"] = self.article_ref(explainer)
        return claim

    def observation(self, figure: Figure) -> Thing:
        observation: Thing = {"@type": "Observation", "name": figure.label}
        if figure.value_max is None:
            observation["value"] = _number(figure.value)
        else:
            observation["minValue"] = _number(figure.value)
            observation["maxValue"] = _number(figure.value_max)
        if figure.currency:
            observation["unitCode"] = figure.currency
        observation["unitText"] = self.w.unit(figure)
        observation["observationDate"] = figure.as_of
        if figure.issue:
            observation["observationAbout"] = self.question(self.c.issues[figure.issue])
        if figure.note:
            observation["description"] = figure.note
        # What the model says about the number beyond its value, in schema.org's generic name/value pairs.
        facts: list[tuple[str, Any]] = [("status", figure.status), ("as worded", self.w.figure_value(figure))]
        if figure.qualifier not in (None, "exactly"):
            facts.append(("qualifier", figure.qualifier))
        # Fields given as typed, under their own names.
        facts += [(name, getattr(figure, name)) for name in ("wording", "scope", "rate", "period", "by") if getattr(figure, name)]
        if figure.claimed_by:
            facts.append(("claimed by", [self.c.actors[a].name for a in figure.claimed_by]))
        if figure.document:
            facts.append(("according to", self.c.documents[figure.document].title))
        observation["additionalProperty"] = [{"@type": "PropertyValue", "name": n, "value": v} for n, v in facts]
        observation["subjectOf"] = self.sources(figure.source)
        return observation

    def event(self, event: Event) -> Thing:
        thing: Thing = {"@type": "Event", "name": event.title, "startDate": event.date, "description": event.summary}
        if event.actors:
            thing["attendee"] = [self.ref(self.c.actors[a], with_id=True) for a in event.actors]
        if event.issues:
            thing["about"] = [self.question(self.c.issues[i]) for i in event.issues]
        thing["subjectOf"] = self.sources(event.source)
        return thing
