"""Structured data: a validated ``Content`` → for each page, a schema.org object and a description.

Search engines, news aggregators and link previews read these rather than the prose. They are
plain dicts, keyed by the same page paths as ``render``; the theme serialises them as JSON-LD
and share-card meta tags (overrides/partials/explainer-meta.html), so no HTML is written here.

The types are the schema.org ones closest to the model: the explainer is a
BackgroundNewsArticle (schema.org's word for an explainer), a position is a Claim, an issue a
Question, a number an Observation, an event an Event.
"""

from __future__ import annotations

from typing import Any

from .export import number
from .model import STANCES, Actor, Event, Figure, Issue, Position, Source, sort_key
from .validate import Content

CONTEXT = "https://schema.org"

ACTOR_TYPES: dict[str, str | list[str]] = {
    "person": "Person",
    # A state is a place that also acts: it takes positions, claims numbers and has members.
    # schema.org allows only a Person or Organization as a claim's author or what someone is a
    # member of, and a Country alone is a Place, so a state is both.
    "state": ["Country", "Organization"],
    "delegation": "Organization",
    "organization": "Organization",
    "group": "Organization",
}

# The pages that list things: (name, what a reader finds there), after the explainer's title.
LISTS: dict[str, tuple[str, str]] = {
    "timeline.md": ("Timeline", "every dated event, in order"),
    "positions.md": ("Where they stand", "where every side stands on every issue"),
    "figures.md": ("The numbers", "every number, with how settled it is and who says so"),
    "sources.md": ("Sources", "where every claim comes from, and the data to download"),
    "actors/index.md": ("Who's who", "the states, people, delegations and groups involved"),
    "issues/index.md": ("The issues", "the contested questions"),
}

Thing = dict[str, Any]


def structured_data(content: Content) -> dict[str, Thing]:
    """One schema.org object per page, with its @context, keyed by page path."""
    descriptions = page_descriptions(content)
    timeline = sorted(content.events.values(), key=lambda e: sort_key(e.date))
    items: dict[str, list[Thing]] = {
        "timeline.md": [_event(e, content) for e in timeline],
        "positions.md": [_claim(p, content) for p in content.positions],
        "figures.md": [_observation(f, content) for f in content.figures.values()],
        "sources.md": [_source(s) for s in content.sources.values()],
        "actors/index.md": [_actor(a, content) for a in content.actors.values()],
        "issues/index.md": [_question(i) for i in content.issues.values()],
    }
    pages: dict[str, Thing] = {"index.md": _article(content)}
    for path, elements in items.items():
        pages[path] = {
            "@type": "ItemList",
            "name": LISTS[path][0],
            "description": descriptions[path],
            "numberOfItems": len(elements),
            "itemListElement": elements,
        }
    for actor in content.actors.values():
        pages[f"actors/{actor.id}.md"] = _actor(actor, content)
    for issue in content.issues.values():
        claims = [_claim(p, content, about=False) for p in content.positions if p.issue == issue.id]
        pages[f"issues/{issue.id}.md"] = {**_question(issue), **({"subjectOf": claims} if claims else {})}
    return {path: {"@context": CONTEXT, **thing} for path, thing in pages.items()}


def page_descriptions(content: Content) -> dict[str, str]:
    """The sentence a link preview shows for each page, keyed by page path."""
    title = content.explainer.title
    descriptions = {"index.md": content.explainer.standfirst}
    descriptions |= {path: f"{title}: {what}." for path, (_, what) in LISTS.items()}
    descriptions |= {f"actors/{a.id}.md": a.description for a in content.actors.values()}
    descriptions |= {f"issues/{i.id}.md": i.question for i in content.issues.values()}
    return descriptions


def _article(content: Content) -> Thing:
    x = content.explainer
    # The change log is newest first; its oldest entry is when the explainer was first published.
    published = min((change.date for change in x.changes), key=sort_key, default=x.date)
    article: Thing = {
        "@type": "BackgroundNewsArticle",
        "headline": x.title,
        "description": x.standfirst,
        "datePublished": published,
        "dateModified": x.updated,
        "temporalCoverage": x.date,
        "about": [_ref(content.actors[id_]) for id_ in x.parties] + [_question(i) for i in content.issues.values()],
    }
    if x.place:
        article["contentLocation"] = {"@type": "Place", "name": x.place}
    article["citation"] = [_source(s) for s in content.sources.values()]
    return article


def _ref(actor: Actor) -> Thing:
    return {"@type": ACTOR_TYPES[actor.kind], "name": actor.name}


def _actor(actor: Actor, content: Content) -> Thing:
    thing: Thing = {**_ref(actor), "description": actor.description, "disambiguatingDescription": actor.role}
    if actor.aliases:
        thing["alternateName"] = list(actor.aliases)
    if actor.memberships:
        thing["memberOf"] = [_ref(content.actors[m.of]) for m in actor.memberships]
    return thing


def _question(issue: Issue) -> Thing:
    return {"@type": "Question", "name": issue.title, "text": issue.question, "description": issue.description}


def _source(source: Source) -> Thing:
    work: Thing = {"@type": "CreativeWork", "name": source.title, "datePublished": source.date}
    if source.reported_by:
        # The publisher relays a report written by someone else, e.g. BTA relaying Reuters.
        work["author"] = {"@type": "Organization", "name": source.reported_by}
    work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        work["url"] = source.url
    return work


def _claim(position: Position, content: Content, about: bool = True) -> Thing:
    actor, issue = content.actors[position.actor], content.issues[position.issue]
    claim: Thing = {
        "@type": "Claim",
        "name": f"{actor.name} on {issue.title}: {STANCES[position.stance][0]}",
        "text": position.summary,
        "author": _ref(actor),
    }
    if position.said_by and position.said_by != position.actor:
        claim["contributor"] = _ref(content.actors[position.said_by])
    if about:
        claim["about"] = _question(issue)
    claim["dateCreated"] = position.date
    claim["appearance"] = _source(content.sources[position.source])
    return claim


def _observation(figure: Figure, content: Content) -> Thing:
    observation: Thing = {"@type": "Observation", "name": figure.label}
    if figure.value_max is None:
        observation["value"] = number(figure.value)
    else:
        observation["minValue"] = number(figure.value)
        observation["maxValue"] = number(figure.value_max)
    observation["unitText"] = figure.unit
    observation["observationDate"] = figure.as_of
    if figure.issue:
        observation["observationAbout"] = _question(content.issues[figure.issue])
    if figure.note:
        observation["description"] = figure.note
    # What the model says about the number beyond its value, in schema.org's generic name/value pairs.
    facts: list[tuple[str, Any]] = [("status", figure.status)]
    if figure.qualifier != "exactly":
        facts.append(("qualifier", figure.qualifier))
    if figure.wording:
        facts.append(("wording", figure.wording))
    facts.append(("scope", figure.scope))
    if figure.claimed_by:
        facts.append(("claimed by", [content.actors[a].name for a in figure.claimed_by]))
    observation["additionalProperty"] = [{"@type": "PropertyValue", "name": n, "value": v} for n, v in facts]
    observation["subjectOf"] = _source(content.sources[figure.source])
    return observation


def _event(event: Event, content: Content) -> Thing:
    thing: Thing = {"@type": "Event", "name": event.title, "startDate": event.date, "description": event.summary}
    if event.actors:
        thing["attendee"] = [_ref(content.actors[a]) for a in event.actors]
    if event.issues:
        thing["about"] = [_question(content.issues[i]) for i in event.issues]
    thing["subjectOf"] = _source(content.sources[event.source])
    return thing
