"""Structured data on the built site: schema.org JSON-LD and share-card meta tags on every page.

The JSON-LD is checked against the part of schema.org it uses, written out below from the
definitions on schema.org: each type's properties (its own and those it inherits), what kind
of thing a property may point to, and the JSON type of plain values.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator import load, render, validate
from generator.model import STANCES, sort_key
from generator.structured import ACTOR_TYPES, page_descriptions, structured_data
from generator.validate import Content

from .conftest import CONTENT, FIXTURES, make_project, mkdocs

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
    "subjectOf": {"CreativeWork", "Event"},
    "contentLocation": {"Place"},
    "additionalProperty": {"PropertyValue"},
    "itemListElement": {"Thing"},
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


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(built_site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(built_site.rglob("*.html"))
    }


def json_ld(soup: BeautifulSoup) -> list[Any]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def the_json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    found = json_ld(soup)
    assert len(found) == 1, f"expected one JSON-LD script, found {len(found)}"
    return found[0]


def meta(soup: BeautifulSoup, key: str) -> str:
    attr = "property" if key.startswith("og:") else "name"
    tags = soup.find_all("meta", attrs={attr: key})
    assert len(tags) == 1, f"expected one <meta {attr}={key!r}>, found {len(tags)}"
    return tags[0]["content"]


def site_path(page_path: str) -> str:
    """``actors/russia.md`` → ``actors/russia/index.html``; ``index.md`` → ``index.html``."""
    stem = page_path.removesuffix(".md")
    if stem == "index":
        return "index.html"
    if stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


# --------------------------------------------------------------------------- the pure step


def test_structured_data_covers_exactly_the_rendered_pages():
    content = validate(load(FIXTURES / "minimal"))
    assert structured_data(content).keys() == render(content).keys() == page_descriptions(content).keys()


def test_structured_data_is_plain_json_and_deterministic():
    content = validate(load(FIXTURES / "minimal"))
    first = json.dumps(structured_data(content))
    assert json.dumps(structured_data(validate(load(FIXTURES / "minimal")))) == first
    assert json.loads(first) == structured_data(content)


# --------------------------------------------------------------------------- JSON-LD on the built site


def test_every_page_has_one_json_ld_object_of_schema_org(pages, content):
    for rel, soup in pages.items():
        if rel == "404.html":
            assert json_ld(soup) == [], "the 404 page describes nothing"
            continue
        data = the_json_ld(soup)
        assert data["@context"] == "https://schema.org", rel
        problems = list(schema_problems(data, rel))
        assert not problems, "\n".join(problems)


def test_json_ld_scripts_sit_in_the_head(pages):
    for rel, soup in pages.items():
        for script in soup.find_all("script", type="application/ld+json"):
            assert script.find_parent("head") is not None, rel


def test_each_page_kind_has_its_type(pages, content):
    assert types_of(the_json_ld(pages["index.html"])) == ["BackgroundNewsArticle"]
    for actor in content.actors.values():
        expected = ACTOR_TYPES[actor.kind]
        assert the_json_ld(pages[f"actors/{actor.id}/index.html"])["@type"] == expected, actor.id
    for issue in content.issues.values():
        assert the_json_ld(pages[f"issues/{issue.id}/index.html"])["@type"] == "Question", issue.id
    lists = {
        "timeline/index.html": ("Event", len(content.events)),
        "positions/index.html": ("Claim", len(content.positions)),
        "figures/index.html": ("Observation", len(content.figures)),
        "sources/index.html": ("CreativeWork", len(content.sources)),
        "issues/index.html": ("Question", len(content.issues)),
        "actors/index.html": (None, len(content.actors)),
    }
    for rel, (kind, count) in lists.items():
        data = the_json_ld(pages[rel])
        assert data["@type"] == "ItemList", rel
        assert data["numberOfItems"] == len(data["itemListElement"]) == count, rel
        if kind:
            assert {item["@type"] for item in data["itemListElement"]} == {kind}, rel


def test_the_article_describes_the_explainer(pages, content):
    x = content.explainer
    article = the_json_ld(pages["index.html"])
    assert article["headline"] == x.title
    assert article["description"] == x.standfirst
    assert article["dateModified"] == x.updated
    first = min((c.date for c in x.changes), key=sort_key, default=x.date)
    assert article["datePublished"] == first
    assert sort_key(article["datePublished"]) <= sort_key(article["dateModified"])
    assert article["temporalCoverage"] == x.date
    if x.place:
        assert article["contentLocation"] == {"@type": "Place", "name": x.place}
    assert [c["name"] for c in article["citation"]] == [s.title for s in content.sources.values()]
    for cited, source in zip(article["citation"], content.sources.values(), strict=True):
        assert cited["@type"] == "CreativeWork"
        assert cited["publisher"] == {"@type": "Organization", "name": source.publisher}
        assert cited["datePublished"] == source.date
        if source.reported_by:
            assert cited["author"]["name"] == source.reported_by
    about = [thing["name"] for thing in article["about"]]
    assert about[: len(x.parties)] == [content.actors[p].name for p in x.parties]
    assert set(about[len(x.parties):]) == {i.title for i in content.issues.values()}


def test_actor_pages_describe_the_actor(pages, content):
    for actor in content.actors.values():
        data = the_json_ld(pages[f"actors/{actor.id}/index.html"])
        assert data["name"] == actor.name
        assert data["description"] == actor.description
        assert data["disambiguatingDescription"] == actor.role
        assert data.get("alternateName", []) == actor.aliases
        members_of = [(m["@type"], m["name"]) for m in data.get("memberOf", [])]
        assert members_of == [(ACTOR_TYPES[content.actors[m.of].kind], content.actors[m.of].name) for m in actor.memberships]


def test_issue_pages_hold_every_position_as_a_claim(pages, content):
    for issue in content.issues.values():
        data = the_json_ld(pages[f"issues/{issue.id}/index.html"])
        assert (data["name"], data["text"], data["description"]) == (issue.title, issue.question, issue.description)
        positions = [p for p in content.positions if p.issue == issue.id]
        claims = data.get("subjectOf", [])
        assert len(claims) == len(positions), issue.id
        for claim, p in zip(claims, positions, strict=True):
            actor = content.actors[p.actor]
            assert claim["@type"] == "Claim"
            assert claim["text"] == p.summary
            assert claim["author"] == {"@type": ACTOR_TYPES[actor.kind], "name": actor.name}
            assert claim["name"].endswith(STANCES[p.stance][0])
            assert claim["dateCreated"] == p.date
            assert claim["appearance"]["name"] == content.sources[p.source].title
            if p.said_by and p.said_by != p.actor:
                assert claim["contributor"]["name"] == content.actors[p.said_by].name


def test_timeline_events_and_figures_carry_their_dates_and_values(pages, content):
    events = the_json_ld(pages["timeline/index.html"])["itemListElement"]
    timeline = sorted(content.events.values(), key=lambda e: sort_key(e.date))
    assert [(e["name"], e["startDate"], e["description"]) for e in events] == [(e.title, e.date, e.summary) for e in timeline]
    for thing, event in zip(events, timeline, strict=True):
        assert [a["name"] for a in thing.get("attendee", [])] == [content.actors[a].name for a in event.actors]
        assert [i["name"] for i in thing.get("about", [])] == [content.issues[i].title for i in event.issues]

    observations = the_json_ld(pages["figures/index.html"])["itemListElement"]
    for thing, figure in zip(observations, content.figures.values(), strict=True):
        assert thing["name"] == figure.label
        assert thing["unitText"] == figure.unit
        assert thing["observationDate"] == figure.as_of
        if figure.value_max is None:
            assert thing["value"] == figure.value and "maxValue" not in thing
        else:
            assert (thing["minValue"], thing["maxValue"]) == (figure.value, figure.value_max)
        facts = {p["name"]: p["value"] for p in thing["additionalProperty"]}
        assert facts["status"] == figure.status
        assert facts["scope"] == figure.scope
        assert facts.get("claimed by", []) == [content.actors[a].name for a in figure.claimed_by]
        if figure.issue:
            assert thing["observationAbout"]["name"] == content.issues[figure.issue].title


def test_every_type_used_is_in_the_checker(pages):
    used = {t for soup in pages.values() for data in json_ld(soup) for thing in walk(data) if "@type" in thing for t in types_of(thing)}
    assert used <= TYPES.keys()
    assert {"BackgroundNewsArticle", "Person", "Country", "Organization", "Claim", "Question", "Event", "Observation"} <= used


# --------------------------------------------------------------------------- share cards

SHARE_TAGS = ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title", "twitter:description")


def test_every_page_has_open_graph_and_twitter_tags(pages):
    for rel, soup in pages.items():
        for key in SHARE_TAGS:
            assert meta(soup, key).strip(), f"{rel}: empty {key}"
        assert meta(soup, "og:type") == "article"
        assert meta(soup, "og:site_name") == "Explainers"
        assert meta(soup, "twitter:card") == "summary"
        assert meta(soup, "twitter:title") == meta(soup, "og:title")
        assert meta(soup, "twitter:description") == meta(soup, "og:description")


def test_share_cards_describe_each_page(pages, content):
    home = pages["index.html"]
    assert meta(home, "og:title") == content.explainer.title
    assert meta(home, "og:description") == content.explainer.standfirst
    for actor in content.actors.values():
        soup = pages[f"actors/{actor.id}/index.html"]
        assert meta(soup, "og:title") == actor.name
        assert meta(soup, "og:description") == actor.description
    for issue in content.issues.values():
        soup = pages[f"issues/{issue.id}/index.html"]
        assert meta(soup, "og:title") == issue.title
        assert meta(soup, "og:description") == issue.question
    descriptions = page_descriptions(content)
    for path in ("timeline.md", "positions.md", "figures.md", "sources.md", "actors/index.md", "issues/index.md"):
        description = meta(pages[site_path(path)], "og:description")
        assert description == descriptions[path]
        assert description.startswith(content.explainer.title)
    assert meta(pages["404.html"], "og:description") == "Explainers built from structured, sourced data."


# --------------------------------------------------------------------------- hostile text

HOSTILE_NAME = "</script><script>alert(1)</script>"
HOSTILE_DESCRIPTION = "<!-- \"quotes\" & 'apostrophes' --> </SCRIPT > ]]> end"


def test_hostile_text_cannot_break_out_of_json_ld_or_meta_tags(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    path = content / "actors.yml"
    actors = yaml.safe_load(path.read_text())
    actors[0].update(name=HOSTILE_NAME, description=HOSTILE_DESCRIPTION)
    path.write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False))
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"

    html = (site / "actors/north/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    data = the_json_ld(soup)
    assert data["name"] == HOSTILE_NAME
    assert data["description"] == HOSTILE_DESCRIPTION
    assert meta(soup, "og:title") == HOSTILE_NAME
    assert meta(soup, "og:description") == HOSTILE_DESCRIPTION
    assert meta(soup, "twitter:title") == HOSTILE_NAME
    assert "<script>alert" not in html and "</script><script>" not in html

    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text() and s.get("type") != "application/ld+json"], page
        for script in soup.find_all("script", type="application/ld+json"):
            # Nothing in it a browser's HTML parser would take as markup.
            assert not re.search(r"[<>&]", script.string), page
            json.loads(script.string)
        mentions = [thing for data in json_ld(soup) for thing in walk(data) if HOSTILE_NAME in thing.values()]
        if page.relative_to(site).as_posix() in ("actors/north/index.html", "actors/index.html", "index.html"):
            assert mentions, page
