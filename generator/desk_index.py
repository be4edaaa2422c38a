"""Cross-references the desk's shared pages need: the hub, an actor's or an issue's page across
explainers, the desk timeline and sources. Computed once per render from a validated
``Content``, from the same derived facts as an explainer's own pages (``lookups.named``,
``lookups.citing``), so that both agree on who an explainer names and what cites a source.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from .lookups import Appearance, Named, Stated, citing, each, explainer_citing, gives_position, grouped, named
from .model import Actor, Change, Event, Figure, Position
from .validated_desk import Content, Explainer
from .values import sort_key
from .paging import Pager, key, paginate

# Updates listed under "What changed lately" on the desk's home page.
RECENT_CHANGES = 10


@dataclasses.dataclass(frozen=True)
class DeskIndex:
    """The desk's shared pages' cross-references."""

    explainers: tuple[Explainer, ...]
    appearances: dict[str, tuple[Appearance, ...]]
    # issue → actor → the stances they took on it, latest first; actors as the registry orders them.
    history: dict[str, dict[str, tuple[Stated, ...]]]
    # issue → how many actors took a position on it: a stance that gives one, once at least.
    holding: dict[str, int]
    issue_explainers: dict[str, tuple[Explainer, ...]]
    issue_figures: dict[str, tuple[tuple[Explainer, Figure], ...]]
    issue_events: dict[str, tuple[tuple[Explainer, Event], ...]]
    timeline: tuple[tuple[Explainer, Event], ...]
    # Lasting ties from actors.yml: actor → who belongs to it.
    members: dict[str, tuple[tuple[Actor, str], ...]]
    # source → registry entries citing it, and each explainer's count of claims citing it.
    cited_by_registry: dict[str, dict[str, list[Any]]]
    cited_in: dict[str, tuple[tuple[Explainer, int], ...]]
    recent_changes: tuple[tuple[Explainer, Change], ...]
    # issue → the parties of explainers covering it that no explainer reports a position for.
    silent: dict[str, tuple[Actor, ...]]
    # figure id → the explainer it belongs to, for links to a figure from anywhere.
    figure_home: dict[str, Explainer]
    # document → the explainers whose positions or figures name it, with how many do.
    document_uses: dict[str, tuple[tuple[Explainer, int], ...]]
    # The pages of every paged list (paging.py), by kind and page parameters (see pages()).
    paged: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[Pager, ...]] = dataclasses.field(default_factory=dict)
    # For links into a paged list: which page each entry is on, by the entry's anchor.
    entry_pages: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, int]] = dataclasses.field(default_factory=dict)

    def pages(self, kind: str, **params: str) -> tuple[Pager, ...]:
        return self.paged[key(kind, params)]

    def page_of(self, kind: str, entry: str, **params: str) -> int:
        """The page of a paged list that holds the entry with this anchor (1 when none does)."""
        return self.entry_pages.get(key(kind, params), {}).get(entry, 1)

    @staticmethod
    def within(pairs: Any, explainers: tuple[Explainer, ...]) -> tuple[tuple[Explainer, Any], ...]:
        """The (explainer, item) pairs whose explainer is one of ``explainers``."""
        slugs = {x.slug for x in explainers}
        return tuple((x, item) for x, item in pairs if x.slug in slugs)

    def stances_by_explainer(self, issue_id: str) -> dict[str, tuple[Any, ...]]:
        """Per explainer, the stances on an issue it reports as the issue's page shows them: who,
        when, what, and what it was before (from whichever explainer reported that)."""
        found: dict[str, list[Any]] = {}
        for actor_id, stances in self.history.get(issue_id, {}).items():
            for stated in stances:
                was = (stated.was.date, stated.was.stance) if stated.was else None
                for x, _ in stated.reports:
                    found.setdefault(x.slug, []).append((actor_id, stated.date, stated.stance, was))
        return {slug: tuple(lines) for slug, lines in found.items()}

    def stances_within(self, issue_id: str, explainers: tuple[Explainer, ...]) -> dict[str, tuple[Stated, ...]]:
        """Each actor's stances on an issue as these explainers report them, latest first; a
        stance's "was:" is still its predecessor over the whole desk."""
        slugs = {x.slug for x in explainers}
        found: dict[str, tuple[Stated, ...]] = {}
        for actor_id, stances in self.history.get(issue_id, {}).items():
            kept = []
            for stated in stances:
                reports = tuple((x, p) for x, p in stated.reports if x.slug in slugs)
                if reports:
                    kept.append(dataclasses.replace(stated, reports=reports))
            if kept:
                found[actor_id] = tuple(kept)
        return found


def _by_issue(positions: list[Position], issue_order: dict[str, int]) -> tuple[Position, ...]:
    """By issue, each issue's latest position first, as on every page that lists positions."""
    return tuple(sorted(positions, key=lambda p: (issue_order[p.issue], [-n for n in sort_key(p.date)])))


def desk_index(content: Content) -> DeskIndex:
    explainers = tuple(content.explainers.values())  # newest first
    actor_order = {actor_id: i for i, actor_id in enumerate(content.actors)}
    issue_order = {issue_id: i for i, issue_id in enumerate(content.issues)}
    names = {x.slug: named(x) for x in explainers}
    history = _history(explainers, actor_order)
    issue_explainers = grouped((issue_id, x) for x in explainers for issue_id in names[x.slug].issues)
    changes = sorted(((x, change) for x in explainers for change in x.story.changes), key=_by_date, reverse=True)
    index = DeskIndex(
        explainers=explainers,
        appearances=_appearances(explainers, names, actor_order, issue_order),
        history=history,
        holding={issue_id: sum(any(gives_position(content, s.stance) for s in stances) for stances in by_actor.values())
                 for issue_id, by_actor in history.items()},
        issue_explainers=issue_explainers,
        issue_figures=grouped((f.issue, (x, f)) for x in explainers for f in x.figures.values() if f.issue),
        issue_events={issue_id: tuple(sorted(pairs, key=_by_date)) for issue_id, pairs in grouped(
            (issue_id, (x, e)) for x in explainers for e in x.events.values() for issue_id in e.issues
        ).items()},
        timeline=tuple(sorted(((x, e) for x in explainers for e in x.events.values()), key=_by_date)),
        members=grouped((m.of, (actor, m.role)) for actor in content.actors.values() for m in actor.memberships),
        cited_by_registry=citing((("actors", content.actors.values()), ("issues", content.issues.values()),
                                  ("documents", content.documents.values()))),
        # Each explainer's count of the claims citing a source (the documents it names are not its claims).
        cited_in=grouped((source_id, (x, sum(len(items) for items in by_kind.values())))
                          for x in explainers for source_id, by_kind in explainer_citing(x).items()),
        recent_changes=tuple(changes[:RECENT_CHANGES]),
        silent=_silent(content, explainers, issue_explainers, actor_order),
        figure_home={f.id: x for x in explainers for f in x.figures.values()},
        document_uses=grouped((document_id, (x, n)) for x in explainers for document_id, n in _document_counts(x).items()),
    )
    paginate(content, index)
    return index


def _by_date(pair: tuple[Explainer, Any]) -> tuple[int, int, int]:
    """An (explainer, dated item) pair's sort key: by the item's date, oldest first (a stable
    sort keeps the newest explainer's first among items of one date)."""
    return sort_key(pair[1].date)


def _appearances(explainers: tuple[Explainer, ...], names: dict[str, Named], actor_order: dict[str, int],
                 issue_order: dict[str, int]) -> dict[str, tuple[Appearance, ...]]:
    """Each actor's part in each explainer that names them, newest explainer first: what an
    actor's page shows of each explainer."""
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    for x in explainers:
        cast = {c.actor: c for c in x.story.actors}
        by_actor: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for p in x.positions:
            by_actor[p.actor]["positions"].append(p)
            if p.said_by and p.said_by != p.actor:
                by_actor[p.said_by]["spoke_for"].append(p)
            if p.quote:
                for actor_id in {p.actor, p.said_by or p.actor}:
                    by_actor[actor_id]["quotes"].append(p)
        for f in x.figures.values():
            for actor_id in f.claimed_by:
                by_actor[actor_id]["figures"].append(f)
            for actor_id in each(x, f):
                if actor_id not in f.claimed_by:
                    by_actor[actor_id]["figures_for"].append(f)
        for e in sorted(x.events.values(), key=lambda e: sort_key(e.date)):
            for actor_id in e.actors:
                by_actor[actor_id]["events"].append(e)
        for actor_id in sorted(names[x.slug].actors, key=actor_order.__getitem__):
            found = by_actor.get(actor_id, {})
            appearances[actor_id].append(
                Appearance(
                    explainer=x,
                    cast=cast.get(actor_id),
                    positions=_by_issue(found.get("positions", []), issue_order),
                    spoke_for=tuple(found.get("spoke_for", [])),
                    quotes=_by_issue(found.get("quotes", []), issue_order),
                    figures=tuple(found.get("figures", [])),
                    figures_for=tuple(found.get("figures_for", [])),
                    events=tuple(found.get("events", [])),
                )
            )
    return {actor_id: tuple(found) for actor_id, found in appearances.items()}


def _history(explainers: tuple[Explainer, ...], actor_order: dict[str, int]) -> dict[str, dict[str, tuple[Stated, ...]]]:
    """Issue → actor → the stances they took on it over the whole desk, latest first, each with
    the explainers reporting it and what it was before (the stance it changed from)."""
    said: dict[tuple[str, str], dict[tuple[str, str], list[tuple[Explainer, Position]]]] = defaultdict(lambda: defaultdict(list))
    for x in explainers:
        for p in x.positions:
            said[(p.issue, p.actor)][(p.date, p.stance)].append((x, p))
    history: dict[str, dict[str, tuple[Stated, ...]]] = defaultdict(dict)
    for (issue_id, actor_id), stances in sorted(said.items(), key=lambda item: actor_order[item[0][1]]):
        oldest_first: list[Stated] = []
        for (date, stance), reports in sorted(stances.items(), key=lambda item: sort_key(item[0][0])):
            previous = oldest_first[-1] if oldest_first else None
            was = previous if previous is not None and previous.stance != stance else None
            oldest_first.append(Stated(actor_id, date, stance, tuple(reports), was))
        history[issue_id][actor_id] = tuple(reversed(oldest_first))
    return dict(history)


def _silent(content: Content, explainers: tuple[Explainer, ...], issue_explainers: dict[str, tuple[Explainer, ...]],
            actor_order: dict[str, int]) -> dict[str, tuple[Actor, ...]]:
    """Issue → the parties of the explainers on it that none reports a position for."""
    holding = {(p.issue, p.actor) for x in explainers for p in x.positions}
    silent = {}
    for issue_id, covering in issue_explainers.items():
        parties = {a for x in covering for a in x.story.parties if (issue_id, a) not in holding}
        if parties:
            silent[issue_id] = tuple(content.actors[a] for a in sorted(parties, key=actor_order.__getitem__))
    return silent


def _document_counts(x: Explainer) -> dict[str, int]:
    """How many of an explainer's positions and figures name each document."""
    uses: dict[str, int] = defaultdict(int)
    for item in [*x.positions, *x.figures.values()]:
        if item.document:
            uses[item.document] += 1
    return uses
