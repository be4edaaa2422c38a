"""Structured data on the built site: schema.org JSON-LD and share-card meta tags on every page.

The JSON-LD is checked against the part of schema.org it uses, written out below from the
definitions on schema.org: each type's properties (its own and those it inherits), what kind
of thing a property may point to, and the JSON type of plain values. Every ``@id`` is an address
relative to the page it is on, and must lead to the page of the site that describes that thing.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from generator import load, render, urls, validate
from generator.structured import read_front_matter
from generator.validated_desk import Content, Explainer
from generator.values import LANGUAGE_PATTERN, sort_key
from generator.messages import PAGE_PURPOSES, PAGE_TITLES, STANCES

from .conftest import (
    CONTENT, FIXTURES, appears_in, cited_sources, covered_issues, html_file, make_project, mkdocs, named_in, own_templates,
)

# What search engines are told each kind of actor in the shipped desk is. A state is a place
# that also acts, and schema.org lets only a Person or an Organization author a claim.
ACTOR_TYPES = {
    "state": ["Country", "Organization"],
    "person": "Person",
    "delegation": "Organization",
    "organization": "Organization",
    "group": "Organization",
}
STANCE_LABELS = {t.id: t.label for t in STANCES}

# --------------------------------------------------------------------------- schema.org, as used

THING = {
    "additionalType", "alternateName", "description", "disambiguatingDescription", "identifier",
    "image", "mainEntityOfPage", "name", "potentialAction", "sameAs", "subjectOf", "url",
}
CREATIVE_WORK = THING | {
    "about", "abstract", "author", "citation", "contentLocation", "contributor", "creator",
    "dateCreated", "dateModified", "datePublished", "hasPart", "headline", "inLanguage", "isPartOf",
    "keywords", "mainEntity", "mentions", "publisher", "sourceOrganization", "spatialCoverage",
    "temporalCoverage", "text",
}
ARTICLE = CREATIVE_WORK | {"articleBody", "articleSection", "backstory", "pageEnd", "pageStart", "pagination", "speakable", "wordCount"}
NEWS_ARTICLE = ARTICLE | {"dateline", "printColumn", "printEdition", "printPage", "printSection"}
COMMENT = CREATIVE_WORK | {"downvoteCount", "parentItem", "sharedContent", "upvoteCount"}
QUANTITATIVE_VALUE = THING | {"additionalProperty", "maxValue", "minValue", "unitCode", "unitText", "value", "valueReference"}
PLACE = THING | {"address", "containedInPlace", "containsPlace", "geo", "latitude", "longitude"}

# Each type used: (its supertypes, itself included; its properties).
TYPES: dict[str, tuple[set[str], set[str]]] = {
    "Thing": ({"Thing"}, THING),
    "CreativeWork": ({"CreativeWork", "Thing"}, CREATIVE_WORK),
    "BackgroundNewsArticle": ({"BackgroundNewsArticle", "NewsArticle", "Article", "CreativeWork", "Thing"}, NEWS_ARTICLE),
    "Claim": ({"Claim", "CreativeWork", "Thing"}, CREATIVE_WORK | {"appearance", "claimInterpreter", "firstAppearance"}),
    "Question": (
        {"Question", "Comment", "CreativeWork", "Thing"},
        COMMENT | {"acceptedAnswer", "answerCount", "eduQuestionType", "suggestedAnswer"},
    ),
    "Person": (
        {"Person", "Thing"},
        THING | {"additionalName", "affiliation", "birthDate", "familyName", "givenName", "honorificPrefix", "jobTitle", "memberOf", "nationality", "worksFor"},
    ),
    "Organization": (
        {"Organization", "Thing"},
        THING | {"alumni", "foundingDate", "legalName", "location", "member", "memberOf", "parentOrganization", "subOrganization"},
    ),
    "GovernmentOrganization": (
        {"GovernmentOrganization", "Organization", "Thing"},
        THING | {"alumni", "foundingDate", "legalName", "location", "member", "memberOf", "parentOrganization", "subOrganization"},
    ),
    "Corporation": (
        {"Corporation", "Organization", "Thing"},
        THING | {"alumni", "foundingDate", "legalName", "location", "member", "memberOf", "parentOrganization", "subOrganization", "tickerSymbol"},
    ),
    "DigitalDocument": ({"DigitalDocument", "CreativeWork", "Thing"}, CREATIVE_WORK | {"hasDigitalDocumentPermission"}),
    "Country": ({"Country", "AdministrativeArea", "Place", "Thing"}, PLACE),
    "Place": ({"Place", "Thing"}, PLACE),
    "Event": (
        {"Event", "Thing"},
        THING | {"about", "actor", "attendee", "audience", "contributor", "doorTime", "duration", "endDate", "eventStatus",
                 "inLanguage", "location", "organizer", "performer", "startDate", "subEvent", "superEvent"},
    ),
    "Observation": (
        {"Observation", "QuantitativeValue", "StructuredValue", "Intangible", "Thing"},
        QUANTITATIVE_VALUE | {"marginOfError", "measuredProperty", "measurementDenominator", "measurementMethod",
                              "measurementQualifier", "measurementTechnique", "observationAbout", "observationDate",
                              "observationPeriod", "variableMeasured"},
    ),
    "PropertyValue": (
        {"PropertyValue", "StructuredValue", "Intangible", "Thing"},
        THING | {"maxValue", "measurementMethod", "measurementTechnique", "minValue", "propertyID", "unitCode", "unitText", "value", "valueReference"},
    ),
    "ItemList": ({"ItemList", "Intangible", "Thing"}, THING | {"itemListElement", "itemListOrder", "numberOfItems"}),
    "WebSite": ({"WebSite", "CreativeWork", "Thing"}, CREATIVE_WORK | {"issn"}),
}

# What an object-valued property may point to (schema.org's "values expected to be one of these types").
RANGES: dict[str, set[str]] = {
    "about": {"Thing"},
    "observationAbout": {"Thing"},
    "author": {"Organization", "Person"},
    "contributor": {"Organization", "Person"},
    "publisher": {"Organization", "Person"},
    "attendee": {"Organization", "Person"},
    "memberOf": {"Organization"},
    "citation": {"CreativeWork"},
    "appearance": {"CreativeWork"},
    "firstAppearance": {"CreativeWork"},
    "subjectOf": {"CreativeWork", "Event"},
    "contentLocation": {"Place"},
    "additionalProperty": {"PropertyValue"},
    "itemListElement": {"Thing"},
    "hasPart": {"CreativeWork"},
    "isPartOf": {"CreativeWork"},
}
TEXT = {"name", "headline", "description", "disambiguatingDescription", "text", "unitText", "alternateName"}
DATES = {"datePublished", "dateModified", "dateCreated", "startDate", "observationDate", "temporalCoverage"}
NUMBERS = {"minValue", "maxValue", "numberOfItems"}
URLS = {"url"}
# ISO 8601 as the content has it: a day, a month or a year.
ISO_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


def types_of(thing: dict[str, Any]) -> list[str]:
    kind = thing["@type"]
    return kind if isinstance(kind, list) else [kind]


def schema_problems(thing: Any, where: str = "") -> Iterator[str]:
    """Everything in ``thing`` that is not schema.org as described above."""
    if not isinstance(thing, dict) or "@type" not in thing:
        yield f"{where}: expected an object with @type, got {thing!r:.60}"
        return
    kinds = types_of(thing)
    unknown = [k for k in kinds if k not in TYPES]
    if unknown:
        yield f"{where}: unknown @type {unknown}"
        return
    allowed = set().union(*(TYPES[k][1] for k in kinds))
    for prop, value in thing.items():
        here = f"{where}.{prop}"
        if prop in ("@type", "@context"):
            continue
        if prop == "@id":
            # The page that describes the thing, as an address relative to the page it is on:
            # the site works wherever it is published (resolution is checked on the built site).
            if not (isinstance(value, str) and value and not re.match(r"^(?:[a-z][a-z0-9+.-]*:|/)", value, re.I)):
                yield f"{here}: expected an address relative to the page, got {value!r}"
            continue
        if prop not in allowed:
            yield f"{here}: not a property of {kinds}"
            continue
        values = value if isinstance(value, list) else [value]
        if not values:
            yield f"{here}: empty list"
        for i, v in enumerate(values):
            at = f"{here}[{i}]"
            if prop in RANGES:
                if not isinstance(v, dict):
                    yield f"{at}: expected an object, got {v!r:.60}"
                    continue
                supertypes = set().union(*(TYPES[k][0] for k in types_of(v) if k in TYPES))
                if not supertypes & RANGES[prop]:
                    yield f"{at}: a {types_of(v)} is not one of {sorted(RANGES[prop])}"
                yield from schema_problems(v, at)
            elif prop in TEXT:
                if not (isinstance(v, str) and v.strip()):
                    yield f"{at}: expected text, got {v!r:.60}"
            elif prop in DATES:
                if not (isinstance(v, str) and ISO_DATE.match(v)):
                    yield f"{at}: expected an ISO 8601 date, got {v!r}"
            elif prop in NUMBERS:
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    yield f"{at}: expected a number, got {v!r}"
            elif prop in URLS:
                if not (isinstance(v, str) and re.match(r"^https?://\S+$", v)):
                    yield f"{at}: expected an http(s) address, got {v!r}"
            elif prop == "inLanguage":
                # The language the page is written in, as its code (BCP 47, as desk.yml's `languages:`).
                if not (isinstance(v, str) and re.match(LANGUAGE_PATTERN, v)):
                    yield f"{at}: expected a language code, got {v!r}"
            elif prop == "value":
                # A QuantitativeValue's value is a number; a PropertyValue's may also be text.
                expected = (int, float) if "Observation" in kinds else (int, float, str)
                if isinstance(v, bool) or not isinstance(v, expected):
                    yield f"{at}: expected one of {[t.__name__ for t in expected]}, got {v!r}"
            else:
                yield f"{here}: this checker has no rule for {prop!r}"


def walk(thing: Any) -> Iterator[dict[str, Any]]:
    """Every object inside ``thing``, itself included."""
    if isinstance(thing, dict):
        yield thing
        for value in thing.values():
            yield from walk(value)
    elif isinstance(thing, list):
        for item in thing:
            yield from walk(item)


def test_checker_catches_what_schema_org_does_not_allow():
    assert list(schema_problems({"@type": "Person", "name": "A"})) == []
    assert list(schema_problems({"@type": "Country", "memberOf": [{"@type": "Organization", "name": "B"}]}))
    assert list(schema_problems({"@type": "Claim", "author": {"@type": "Country", "name": "C"}}))
    assert not list(schema_problems({"@type": "Claim", "author": {"@type": ["Country", "Organization"], "name": "C"}}))
    assert list(schema_problems({"@type": "Event", "startDate": "2 June 2025"}))
    assert list(schema_problems({"@type": "Event", "startDate": "2025-13"}))
    assert list(schema_problems({"@type": "Observation", "value": "6,000"}))
    assert list(schema_problems({"@type": "Article", "headline": "x"}))  # not a type this site uses
    assert list(schema_problems({"@type": "Person", "headline": "x"}))
    assert list(schema_problems({"@type": "BackgroundNewsArticle", "isPartOf": {"@type": "Person", "name": "D"}}))
    assert not list(schema_problems({"@type": "BackgroundNewsArticle", "@id": "../", "isPartOf": {"@type": "WebSite", "@id": "../../"}}))
    for absolute in ("https://example.org/x/", "/actors/russia/", "javascript:alert(1)", ""):
        assert list(schema_problems({"@type": "Person", "@id": absolute})), absolute


# --------------------------------------------------------------------------- fixtures and helpers

BASE = "http://site.invalid/"  # a stand-in origin for resolving relative addresses
EXPLAINER_LISTS = ("explainer-timeline", "explainer-actors", "explainer-issues", "explainer-positions", "explainer-figures", "explainer-sources")
DESK_LISTS = ("desk-timeline", "desk-actors", "desk-issues", "desk-sources")


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


@pytest.fixture(scope="module")
def pages(built_site: Path, content) -> dict[str, BeautifulSoup]:
    """The default language's pages (test_languages reads each other language's structured data)."""
    others = tuple(content.desk.languages[1:])
    return {
        rel: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(built_site.rglob("*.html")) if (rel := p.relative_to(built_site).as_posix()).split("/")[0] not in others
    }


def page_of(kind: str, **params: str) -> str:
    return html_file(urls.path(kind, **params))


def resolve(rel: str, address: str) -> str:
    """The site file an address on page ``rel`` leads to (addresses here carry no fragment)."""
    base = BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, address))
    assert (parts.scheme, parts.netloc) == ("http", "site.invalid"), f"{rel}: {address!r} leaves the site"
    assert not parts.fragment and not parts.query, f"{rel}: {address!r}"
    path = urllib.parse.unquote(parts.path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def json_ld(soup: BeautifulSoup) -> list[Any]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def the_json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    found = json_ld(soup)
    assert len(found) == 1, f"expected one JSON-LD script, found {len(found)}"
    return found[0]


def meta(soup: BeautifulSoup, key: str) -> str:
    attr = "property" if key.startswith(("og:", "article:")) else "name"
    tags = soup.find_all("meta", attrs={attr: key})
    assert len(tags) == 1, f"expected one <meta {attr}={key!r}>, found {len(tags)}"
    return tags[0]["content"]


def names(things: Any) -> list[str]:
    things = things if isinstance(things, list) else [things]
    return [t["name"] for t in things]






def front_matter(markdown: str) -> dict[str, Any]:
    assert markdown.startswith("---\n"), markdown[:40]
    head, _ = markdown[len("---\n"):].split("\n---\n", 1)
    return yaml.safe_load(head)


# --------------------------------------------------------------------------- the pure step: front matter


def test_every_rendered_page_carries_its_metadata_in_front_matter():
    content = validate(load(FIXTURES / "minimal"))
    (slug,) = content.explainers
    story = content.explainers[slug].story
    pages = render(content)
    expected = {urls.path(kind) for kind, pattern in urls.PAGES.items() if "{" not in pattern}
    expected |= {urls.path("actor", id=a) for a in content.actors} | {urls.path("issue", id=i) for i in content.issues}
    expected |= {urls.path(kind, slug=slug) for kind in urls.PAGES if kind.startswith("explainer")}
    embeds = {p for p in pages if p.startswith(urls.embed("key-numbers", slug).rsplit("/", 1)[0] + "/")}
    assert embeds, "the fixture has embed pages (tests/test_embeds.py checks which)"
    assert pages.keys() == expected | embeds
    for path, markdown in pages.items():
        data = front_matter(markdown)
        assert isinstance(data["description"], str) and data["description"].strip(), path
        if path in embeds:
            # A bare page for other sites' frames, which search engines are asked to leave out:
            # it describes nothing its explainer's pages do not.
            assert data["template"] == "embed.html" and "structured_data" not in data, path
            assert data["explainer"] == story.title and data["updated"] == story.updated, path
            continue
        structured = data["structured_data"]
        assert structured["@context"] == "https://schema.org", path
        assert structured["@id"] == "./", f"{path}: a page's own object is the page itself"
        assert not list(schema_problems(structured, path))
        # Plain JSON: the same after a round trip.
        assert json.loads(json.dumps(structured)) == structured, path
        if path.startswith(urls.url(urls.path("explainer", slug=slug))):
            assert data["explainer"] == story.title, path
            assert data["tags"] == [story.title], path
            assert data["updated"] == story.updated, path
        else:
            assert "explainer" not in data and "tags" not in data, path
            assert data["updated"] == content.updated, path
    explainer = front_matter(pages[urls.path("explainer", slug=slug)])
    assert html.unescape(explainer["description"]) == story.standfirst


def test_front_matter_is_deterministic():
    first = render(validate(load(FIXTURES / "minimal")))
    second = render(validate(load(FIXTURES / "minimal")))
    assert first == second
    assert {p: front_matter(m) for p, m in first.items()} == {p: front_matter(m) for p, m in second.items()}


# --------------------------------------------------------------------------- JSON-LD on the built site


def test_every_page_has_one_json_ld_object_of_schema_org(pages, content):
    for rel, soup in pages.items():
        if rel == "404.html" or "/embed/" in rel:
            assert json_ld(soup) == [], f"{rel} describes nothing: the 404 page, or an embed page"
            continue
        data = the_json_ld(soup)
        assert data["@context"] == "https://schema.org", rel
        problems = list(schema_problems(data, rel))
        assert not problems, "\n".join(problems)


def test_json_ld_scripts_sit_in_the_head(pages):
    for rel, soup in pages.items():
        for script in soup.find_all("script", type="application/ld+json"):
            assert script.find_parent("head") is not None, rel


def test_every_id_leads_to_the_page_that_describes_the_thing(pages):
    """An @id, joined with the page's address, is a page of the site whose own JSON-LD is the
    same thing: same type, same name."""
    checked = 0
    for rel, soup in pages.items():
        if rel == "404.html" or "/embed/" in rel:
            continue
        data = the_json_ld(soup)
        assert resolve(rel, data["@id"]) == rel, f"{rel}: its own @id is {data['@id']!r}"
        for thing in walk(data):
            if "@id" not in thing:
                continue
            target = resolve(rel, thing["@id"])
            assert target in pages, f"{rel}: @id {thing['@id']!r} → {target}, not a page of the site"
            described = the_json_ld(pages[target])
            assert types_of(described) == types_of(thing), f"{rel}: @id {thing['@id']!r}"
            for key in ("name", "headline"):
                if key in thing:
                    assert described[key] == thing[key], f"{rel}: @id {thing['@id']!r}"
            checked += 1
    assert checked > len(pages)


def test_each_page_kind_has_its_type(pages, content):
    home = the_json_ld(pages[page_of("desk")])
    assert types_of(home) == ["WebSite"]
    for slug, x in content.explainers.items():
        data = the_json_ld(pages[page_of("explainer", slug=slug)])
        assert types_of(data) == ["BackgroundNewsArticle"], slug
        assert data["isPartOf"]["@type"] == "WebSite"
        assert resolve(page_of("explainer", slug=slug), data["isPartOf"]["@id"]) == page_of("desk")
    for actor in content.actors.values():
        assert the_json_ld(pages[page_of("actor", id=actor.id)])["@type"] == ACTOR_TYPES[actor.kind], actor.id
    for issue in content.issues.values():
        assert the_json_ld(pages[page_of("issue", id=issue.id)])["@type"] == "Question", issue.id

    every_event = sum(len(x.events) for x in content.explainers.values())
    lists: dict[str, tuple[str | None, int]] = {
        page_of("desk-timeline"): ("Event", every_event),
        page_of("desk-actors"): (None, len(content.actors)),
        page_of("desk-issues"): ("Question", len(content.issues)),
        page_of("desk-sources"): ("CreativeWork", len(content.sources)),
    }
    for slug, x in content.explainers.items():
        lists |= {
            page_of("explainer-timeline", slug=slug): ("Event", len(x.events)),
            page_of("explainer-actors", slug=slug): (None, len(named_in(content, x))),
            page_of("explainer-issues", slug=slug): ("Question", len(covered_issues(content, x))),
            page_of("explainer-positions", slug=slug): ("Claim", len(x.positions)),
            page_of("explainer-figures", slug=slug): ("Observation", len(x.figures)),
            page_of("explainer-sources", slug=slug): ("CreativeWork", len(cited_sources(content, x))),
        }
    for rel, (kind, count) in lists.items():
        data = the_json_ld(pages[rel])
        assert data["@type"] == "ItemList", rel
        assert data["numberOfItems"] == len(data["itemListElement"]) == count, rel
        if kind:
            assert {item["@type"] for item in data["itemListElement"]} == {kind}, rel
    assert len(lists) == len(DESK_LISTS) + len(EXPLAINER_LISTS) * len(content.explainers)


def test_the_home_page_is_the_website_with_every_explainer(pages, content):
    rel = page_of("desk")
    data = the_json_ld(pages[rel])
    assert data["name"] == content.desk.title
    assert data["description"] == content.desk.description
    assert data["dateModified"] == max((x.story.updated for x in content.explainers.values()), key=sort_key)
    assert [part["headline"] for part in data["hasPart"]] == [x.story.title for x in content.explainers.values()]
    assert [resolve(rel, part["@id"]) for part in data["hasPart"]] == [page_of("explainer", slug=s) for s in content.explainers]


@pytest.mark.parametrize("slug", list(validate(load(CONTENT)).explainers))
def test_the_article_describes_the_explainer(pages, content, slug):
    x = content.explainers[slug]
    story = x.story
    rel = page_of("explainer", slug=slug)
    article = the_json_ld(pages[rel])
    assert article["headline"] == story.title
    assert article["description"] == story.standfirst
    assert article["dateModified"] == story.updated
    first = min((c.date for c in story.changes), key=sort_key, default=story.date)
    assert article["datePublished"] == first
    assert sort_key(article["datePublished"]) <= sort_key(article["dateModified"])
    assert article["temporalCoverage"] == story.date
    if story.place:
        assert article["contentLocation"] == {"@type": "Place", "name": story.place}
    else:
        assert "contentLocation" not in article
    assert article["isPartOf"] == {"@type": "WebSite", "@id": article["isPartOf"]["@id"], "name": content.desk.title, "inLanguage": "en"}
    assert article["inLanguage"] == "en"
    cited = cited_sources(content, x)
    assert [c["name"] for c in article["citation"]] == [content.sources[s].title for s in cited]
    for thing, source_id in zip(article["citation"], cited, strict=True):
        source = content.sources[source_id]
        assert thing["@type"] == "CreativeWork"
        assert thing["publisher"] == {"@type": "Organization", "name": source.publisher}
        assert thing["datePublished"] == source.date
        if source.reported_by:
            assert thing["author"]["name"] == source.reported_by
        if source.url:
            assert thing["url"] == source.url
    about = [thing["name"] for thing in article["about"]]
    parties = list(story.parties)
    assert about[: len(parties)] == [content.actors[p].name for p in parties]
    assert about[len(parties):] == [content.issues[i].title for i in covered_issues(content, x)]


def test_actor_pages_describe_the_actor_and_where_it_appears(pages, content):
    for actor in content.actors.values():
        rel = page_of("actor", id=actor.id)
        data = the_json_ld(pages[rel])
        assert data["name"] == actor.name
        assert data["description"] == actor.description
        assert data.get("disambiguatingDescription") == actor.role
        assert data.get("alternateName", []) == actor.aliases
        members_of = [(m["@type"], m["name"]) for m in data.get("memberOf", [])]
        assert members_of == [(ACTOR_TYPES[content.actors[m.of].kind], content.actors[m.of].name) for m in actor.memberships]
        assert [resolve(rel, m["@id"]) for m in data.get("memberOf", [])] == [page_of("actor", id=m.of) for m in actor.memberships]
        # The explainers it appears in, newest first, each leading to the explainer.
        expected = appears_in(content, actor.id)
        subject_of = data.get("subjectOf", [])
        assert [(s["@type"], s["headline"]) for s in subject_of] == [("BackgroundNewsArticle", x.story.title) for x in expected], actor.id
        assert [resolve(rel, s["@id"]) for s in subject_of] == [page_of("explainer", slug=x.slug) for x in expected], actor.id


def test_issue_pages_hold_every_position_across_the_desk_as_a_claim(pages, content):
    actor_order = list(content.actors)
    actor_pages = {page_of("actor", id=a.id): a for a in content.actors.values()}
    explainer_pages = {page_of("explainer", slug=x.slug): x for x in content.explainers.values()}
    for issue in content.issues.values():
        rel = page_of("issue", id=issue.id)
        data = the_json_ld(pages[rel])
        assert (data["name"], data["text"], data["description"]) == (issue.title, issue.question, issue.description)
        positions = [(x, p) for x in content.explainers.values() for p in x.positions if p.issue == issue.id]
        claims = data.get("subjectOf", [])
        assert len(claims) == len(positions), issue.id

        def seen(claim: dict[str, Any]) -> tuple:
            return (
                claim["author"]["name"], claim["text"], claim["dateCreated"], claim["isPartOf"]["headline"],
                claim["name"], tuple(names(claim["appearance"])), claim.get("contributor", {}).get("name"),
            )

        def wanted(x: Explainer, p) -> tuple:
            actor = content.actors[p.actor]
            return (
                actor.name, p.summary, p.date, x.story.title, f"{actor.name} on {issue.title}: {STANCE_LABELS[p.stance]}",
                tuple(content.sources[s].title for s in p.source),
                content.actors[p.said_by].name if p.said_by and p.said_by != p.actor else None,
            )

        assert sorted(map(seen, claims)) == sorted(wanted(x, p) for x, p in positions), issue.id
        for claim in claims:
            assert claim["@type"] == "Claim"
            author = actor_pages[resolve(rel, claim["author"]["@id"])]
            assert claim["author"] == {"@type": ACTOR_TYPES[author.kind], "@id": claim["author"]["@id"], "name": author.name}
            explainer = explainer_pages[resolve(rel, claim["isPartOf"]["@id"])]
            assert claim["isPartOf"]["headline"] == explainer.story.title
        # Side by side in the registry's order, each side's stances latest first.
        authors = [actor_order.index(actor_pages[resolve(rel, c["author"]["@id"])].id) for c in claims]
        assert authors == sorted(authors), issue.id
        for a, b in zip(claims, claims[1:]):
            if a["author"] == b["author"]:
                assert sort_key(a["dateCreated"]) >= sort_key(b["dateCreated"]), issue.id


@pytest.mark.parametrize("slug", list(validate(load(CONTENT)).explainers))
def test_timeline_events_and_figures_carry_their_dates_and_values(pages, content, slug):
    x = content.explainers[slug]
    events = the_json_ld(pages[page_of("explainer-timeline", slug=slug)])["itemListElement"]
    timeline = sorted(x.events.values(), key=lambda e: sort_key(e.date))
    assert [(e["name"], e["startDate"], e["description"]) for e in events] == [(e.title, e.date, e.summary) for e in timeline]
    for thing, event in zip(events, timeline, strict=True):
        assert [a["name"] for a in thing.get("attendee", [])] == [content.actors[a].name for a in event.actors]
        assert [i["name"] for i in thing.get("about", [])] == [content.issues[i].title for i in event.issues]
        assert names(thing["subjectOf"]) == [content.sources[s].title for s in event.source]

    observations = the_json_ld(pages[page_of("explainer-figures", slug=slug)])["itemListElement"]
    for thing, figure in zip(observations, x.figures.values(), strict=True):
        assert thing["name"] == figure.label
        assert thing["unitText"] == figure.unit
        assert thing["observationDate"] == figure.as_of
        if figure.value_max is None:
            assert thing["value"] == figure.value and "maxValue" not in thing
        else:
            assert (thing["minValue"], thing["maxValue"]) == (figure.value, figure.value_max)
        facts = {p["name"]: p["value"] for p in thing["additionalProperty"]}
        assert facts["status"] == figure.status
        assert facts.get("scope") == figure.scope  # only where the content gives one
        assert facts.get("claimed by", []) == [content.actors[a].name for a in figure.claimed_by]
        if figure.issue:
            assert thing["observationAbout"]["name"] == content.issues[figure.issue].title
        assert names(thing["subjectOf"]) == [content.sources[s].title for s in figure.source]

    claims = the_json_ld(pages[page_of("explainer-positions", slug=slug)])["itemListElement"]
    assert [(c["author"]["name"], c["about"]["name"], c["dateCreated"], c["text"]) for c in claims] == [
        (content.actors[p.actor].name, content.issues[p.issue].title, p.date, p.summary) for p in x.positions
    ]


def test_desk_timeline_holds_every_event_in_date_order(pages, content):
    events = the_json_ld(pages[page_of("desk-timeline")])["itemListElement"]
    every = sorted((e for x in content.explainers.values() for e in x.events.values()), key=lambda e: sort_key(e.date))
    assert [(e["name"], e["startDate"], e["description"]) for e in events] == [(e.title, e.date, e.summary) for e in every]


def test_every_type_used_is_in_the_checker(pages):
    used = {t for soup in pages.values() for data in json_ld(soup) for thing in walk(data) if "@type" in thing for t in types_of(thing)}
    assert used <= TYPES.keys()
    assert {"WebSite", "BackgroundNewsArticle", "ItemList", "Person", "Country", "Organization", "Claim", "Question", "Event", "Observation"} <= used


# --------------------------------------------------------------------------- share cards

SHARE_TAGS = ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title", "twitter:description")


def explainer_of(rel: str, content: Content) -> Explainer | None:
    for slug, x in content.explainers.items():
        if rel.startswith(urls.url(urls.path("explainer", slug=slug))):
            return x
    return None


def test_every_page_has_open_graph_and_twitter_tags(pages, content):
    for rel, soup in pages.items():
        for key in SHARE_TAGS:
            assert meta(soup, key).strip(), f"{rel}: empty {key}"
        x = explainer_of(rel, content)
        # An explainer's pages are articles; the desk's own pages are the website's.
        assert meta(soup, "og:type") == ("article" if x else "website"), rel
        assert meta(soup, "og:site_name") == content.desk.title
        # An explainer's pages show its share card, large (tests/test_cards.py); other pages none.
        assert meta(soup, "twitter:card") == ("summary_large_image" if x else "summary"), rel
        assert meta(soup, "twitter:title") == meta(soup, "og:title")
        assert meta(soup, "twitter:description") == meta(soup, "og:description")
        if rel != "404.html":
            assert meta(soup, "article:modified_time") == (x.story.updated if x else content.updated), rel


def test_share_cards_describe_each_page(pages, content):
    home = pages[page_of("desk")]
    assert meta(home, "og:title") == content.desk.title
    assert meta(home, "og:description") == content.desk.description
    for kind in DESK_LISTS:
        soup = pages[page_of(kind)]
        assert meta(soup, "og:title") == PAGE_TITLES[kind]
        description = meta(soup, "og:description")
        assert description == f"{content.desk.title}: {PAGE_PURPOSES[kind]}.", kind
    for slug, x in content.explainers.items():
        soup = pages[page_of("explainer", slug=slug)]
        assert meta(soup, "og:title") == x.story.title
        assert meta(soup, "og:description") == x.story.standfirst
        for kind in EXPLAINER_LISTS:
            soup = pages[page_of(kind, slug=slug)]
            assert meta(soup, "og:title") == PAGE_TITLES[kind]
            description = meta(soup, "og:description")
            assert description == f"{x.story.title}: {PAGE_PURPOSES[kind]}.", (slug, kind)
            assert description.startswith(x.story.title)
    for actor in content.actors.values():
        soup = pages[page_of("actor", id=actor.id)]
        assert meta(soup, "og:title") == actor.name
        # The role first, as the page shows it above the description: none of the shipped roles ends its sentence.
        assert meta(soup, "og:description") == (f"{actor.role}. {actor.description}" if actor.role else actor.description), actor.id
    for issue in content.issues.values():
        soup = pages[page_of("issue", id=issue.id)]
        assert meta(soup, "og:title") == issue.title
        assert meta(soup, "og:description") == issue.question
    # The 404 page has no description of its own: the desk's is the site's (mkdocs.yml's is
    # only for a desk.yml without one).
    assert meta(pages["404.html"], "og:description") == content.desk.description


# --------------------------------------------------------------------------- hostile text

HOSTILE_NAME = "</script><script>alert(1)</script>"
HOSTILE_DESCRIPTION = "<!-- \"quotes\" & 'apostrophes' --> </SCRIPT > ]]> end"


def test_hostile_text_cannot_break_out_of_json_ld_or_meta_tags(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    path = content / "actors.yml"
    actors = yaml.safe_load(path.read_text())
    actor_id = actors[0]["id"]
    actors[0].update(name=HOSTILE_NAME, description=HOSTILE_DESCRIPTION)
    path.write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False))
    path = content / "explainer.yml"
    story = yaml.safe_load(path.read_text())
    story.update(standfirst=HOSTILE_DESCRIPTION)
    path.write_text(yaml.safe_dump(story, allow_unicode=True, sort_keys=False))
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    (slug,) = validate(load(content)).explainers

    html_text = (site / page_of("actor", id=actor_id)).read_text(encoding="utf-8")
    soup = BeautifulSoup(html_text, "html.parser")
    data = the_json_ld(soup)
    assert data["name"] == HOSTILE_NAME
    assert data["description"] == HOSTILE_DESCRIPTION
    assert meta(soup, "og:title") == HOSTILE_NAME
    assert meta(soup, "og:description") == f"{actors[0]['role']}. {HOSTILE_DESCRIPTION}"
    assert meta(soup, "twitter:title") == HOSTILE_NAME
    assert "<script>alert" not in html_text and "</script><script>" not in html_text

    overview = BeautifulSoup((site / page_of("explainer", slug=slug)).read_text(encoding="utf-8"), "html.parser")
    assert the_json_ld(overview)["description"] == HOSTILE_DESCRIPTION
    assert meta(overview, "og:description") == HOSTILE_DESCRIPTION
    assert meta(overview, "twitter:description") == HOSTILE_DESCRIPTION
    # The share card's text alternative carries the standfirst too, as text.
    assert HOSTILE_DESCRIPTION in meta(overview, "og:image:alt")
    assert meta(overview, "twitter:image:alt") == meta(overview, "og:image:alt")

    mentioned = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text() and s.get("type") != "application/ld+json"], page
        for script in soup.find_all("script", type="application/ld+json"):
            # Nothing in it a browser's HTML parser would take as markup.
            assert not re.search(r"[<>&]", script.string), page
            json.loads(script.string)
        if [thing for data in json_ld(soup) for thing in walk(data) if HOSTILE_NAME in thing.values()]:
            mentioned.add(page.relative_to(site).as_posix())
    must = {page_of("actor", id=actor_id), page_of("desk-actors"), page_of("desk-timeline")}
    must |= {page_of(kind, slug=slug) for kind in ("explainer", "explainer-actors", "explainer-positions", "explainer-timeline")}
    assert must <= mentioned, must - mentioned


# --------------------------------------------------------------------------- front matter read back


def every_page() -> Iterator[tuple[str, str]]:
    """Every page of the shipped desk and of each fixture desk, hostile text included."""
    for folder in (CONTENT, *sorted(p for p in FIXTURES.iterdir() if p.is_dir())):
        for path, markdown in render(validate(load(folder))).items():
            yield f"{folder.name}/{path}", markdown


def test_front_matter_is_read_back_exactly_as_mkdocs_reads_it(tmp_path):
    # The plugin hands MkDocs each page's front matter read as JSON (generator/plugin.py):
    # it must be what MkDocs' own YAML reading gives, value for value and type for type.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    path = content / "actors.yml"
    actors = yaml.safe_load(path.read_text())
    actors[0].update(name=HOSTILE_NAME + ' "\\u00e9" \\ud83d é 🙂 1e+16 on: yes', description=HOSTILE_DESCRIPTION + " ---\n...")
    path.write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False))
    pages = [*every_page(), *((f"hostile/{p}", m) for p, m in render(validate(load(content))).items())]
    for name, markdown in pages:
        read = read_front_matter(markdown)
        assert read is not None, f"{name}: a page as the templates write it is read without YAML"
        assert repr(read) == repr(get_data(markdown)), name


@pytest.mark.parametrize("front", [
    'description: "a"\nwidth: 1e+16\n',  # YAML 1.1 reads 1e+16 as text
    'description: "a"\nwidth: 1.5e+16\n',
    'description: "a"\nratio: 0.25\n',
    'on: "a"\n',  # YAML 1.1 reads on as true
    'Null: "a"\n',
    'description: "a"\n\ntitle: "b"\n',  # a blank line
    'description: "a" # a comment\n',
    'tags:\n  - a\n',  # YAML of a site's own template
    'description: a\n',
    'description: "\\ud83d\\ude00"\n',  # a surrogate pair, escaped
    'description: "a\u2028b"\n',  # a line break to YAML
    'description: "a\x85b"\n',
    'description: "a"\r\ntitle: "b"\n',  # a carriage return
    'description: "a"\n...\n',  # YAML's other end of a block
    '"a\\"b": [1, {"c": null}]\n"d": true\n',
    'description: NaN\n',
    'description: "a"\n--- \n',
])
def test_front_matter_read_back_is_mkdocs_reading_or_nothing(front):
    for page in (f"---\n{front}---\n\n# Title\n", f"---\n{front}---\nkey: value\n"):
        read = read_front_matter(page)
        assert read is None or repr(read) == repr(get_data(page)), page


def test_a_page_with_no_front_matter_is_left_to_mkdocs():
    assert read_front_matter("# Title\n") is None
    assert read_front_matter("---\n---\n# Title\n") is None


def test_front_matter_of_a_template_of_ones_own_is_read_by_mkdocs(tmp_path):
    # A site's own template may write its front matter in YAML of any form: MkDocs reads it
    # as it would without the plugin, while the built-in templates' pages keep theirs.
    project = make_project(tmp_path / "project")
    (own_templates(project) / "desk-timeline.md.j2").write_text(
        "---\ndescription: >-\n  Written in YAML,\n  over two lines\n---\n\n# Timeline\n",
        encoding="utf-8",
    )
    result = mkdocs(project, "build", "--strict", content=FIXTURES / "minimal")
    assert result.returncode == 0, result.stderr
    own = BeautifulSoup((project / "site" / page_of("desk-timeline")).read_text(encoding="utf-8"), "html.parser")
    assert own.find("meta", attrs={"name": "description"})["content"] == "Written in YAML, over two lines"
    built_in = BeautifulSoup((project / "site" / page_of("desk-actors")).read_text(encoding="utf-8"), "html.parser")
    assert the_json_ld(built_in)["@type"]
