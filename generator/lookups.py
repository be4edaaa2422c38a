"""Cross-references one explainer's pages need: who appears where, who said what when, what
cites what; and the derived facts the desk's pages share with them (``named``, ``citing``).

``View`` serves one explainer's pages; ``desk_index.DeskIndex`` the desk's shared pages. Both
are computed once per render from a validated ``Content``, as plain lists and dicts in reading
order, so templates only loop and look up.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from .model import Actor, Cast, Comparison, Document, Event, Figure, Issue, Position
from .validated_desk import Content, Explainer
from .values import sort_key

# Actors shown in an explainer's "Where they stand" table at most: the parties first, then the
# actors with the most positions (each issue's section lists every one).
MATRIX_COLUMNS = 10
# Items listed at most in a list that is not a page's main one (who cites a source, the members
# of an actor, the explainers that report one stance…): the others are counted, not listed.
# Above what a desk of a few explainers holds, so that its pages list everything.
SHOWN = 25


def gives_position(c: Content, stance: str) -> bool:
    """Whether a stance says where an actor stands. One of tone ``unknown`` ("Not stated": the
    source gives none) is not counted as a position."""
    return c.stances[stance].tone != "unknown"


K = TypeVar("K")
V = TypeVar("V")


def grouped(pairs: Iterable[tuple[K, V]]) -> dict[K, tuple[V, ...]]:
    """The values of (key, value) pairs by key, each key's in the pairs' order."""
    found: dict[K, list[V]] = defaultdict(list)
    for k, value in pairs:
        found[k].append(value)
    return {k: tuple(values) for k, values in found.items()}


def _latest_first(positions: Iterable[Position]) -> list[Position]:
    return sorted(positions, key=lambda p: sort_key(p.date), reverse=True)


@dataclasses.dataclass(frozen=True)
class Stated:
    """One stance an actor took on an issue on a date, as one or more explainers report it."""

    actor: str
    date: str
    stance: str
    # Each explainer that reports it, with its position there (summary, quote, sources).
    reports: tuple[tuple[Explainer, Position], ...]
    # The stance before this one, when it was different: "was: proposes, 16 May 2025".
    was: Stated | None = None

    @property
    def accounts(self) -> tuple[tuple[Position, tuple[Explainer, ...]], ...]:
        """Its reports as a page gives them: a position worded alike in several explainers (the
        same summary, sources, speaker, document and quote) once, with each explainer that
        gives it; in the reports' order."""
        found: dict[tuple, tuple[Position, list[Explainer]]] = {}
        for x, p in self.reports:
            found.setdefault((p.summary, tuple(p.source), p.said_by, p.document, p.quote), (p, []))[1].append(x)
        return tuple((p, tuple(xs)) for p, xs in found.values())


def over_time(holders: dict[str, tuple[Stated, ...]]) -> bool:
    """Whether an issue's page shows any actor's stances over time: more than one, or one that
    says what it was before."""
    return any(len(stances) > 1 or stances[0].was for stances in holders.values())


def reported_alike(holders: dict[str, tuple[Stated, ...]]) -> tuple[Explainer, ...]:
    """The explainers that report every actor's latest stance, when the same ones report each
    (an issue's page then names them once, above the stances); else none."""
    reporters = {tuple(x.slug for x, _ in stances[0].reports) for stances in holders.values()}
    if len(reporters) != 1:
        return ()
    return tuple(x for x, _ in next(iter(holders.values()))[0].reports)


@dataclasses.dataclass(frozen=True)
class Appearance:
    """What an actor is and says in one explainer."""

    explainer: Explainer
    cast: Cast | None
    positions: tuple[Position, ...]
    spoke_for: tuple[Position, ...]
    # The positions quoting them: those they hold or voiced that carry a quote, as positions are ordered.
    quotes: tuple[Position, ...]
    # The numbers they give, and the numbers that others give for each of them.
    figures: tuple[Figure, ...]
    figures_for: tuple[Figure, ...]
    events: tuple[Event, ...]


@dataclasses.dataclass(frozen=True)
class Pictures:
    """One explainer's pictures, as inline SVG (``charts.draw``)."""

    # By figure id: the figures marked `chart: true`.
    figures: dict[str, Any] = dataclasses.field(default_factory=dict)
    # By comparison id: explainer.yml's `comparisons:`.
    comparisons: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Who belongs to whom, when anyone belongs to anyone.
    actor_map: Any = None


@dataclasses.dataclass(frozen=True)
class Member:
    """A row of who belongs to whom: ``actor`` is ``role`` of ``of``, ``depth`` levels down."""

    depth: int
    actor: Actor
    role: str
    of: str


@dataclasses.dataclass(frozen=True)
class View:
    """One explainer as its pages show it."""

    x: Explainer
    # The issues it covers and the actors it names, in the registry's order (cast order first).
    issues: tuple[Issue, ...]
    actors: tuple[Actor, ...]
    cast: dict[str, Cast]
    # (issue, actor) → that actor's positions on the issue in this explainer, latest first.
    positions: dict[tuple[str, str], tuple[Position, ...]]
    # issue → the actors with a position on it: the parties first, then in who's-who order.
    holders: dict[str, tuple[str, ...]]
    # issue → the parties with no position on it in this explainer, for "no position is reported".
    silent: dict[str, tuple[Actor, ...]]
    matrix_actors: tuple[Actor, ...]
    matrix_left_out: int
    figures_by_issue: dict[str, tuple[Figure, ...]]
    events_by_issue: dict[str, tuple[Event, ...]]
    timeline: tuple[Event, ...]
    # Who belongs to whom among the actors it names: lasting ties and this story's ones.
    members: dict[str, tuple[tuple[Actor, str], ...]]
    roots: tuple[Actor, ...]
    # source → kind of item → the items of this explainer that cite it.
    citations: dict[str, dict[str, list[Any]]]
    # The documents its positions and figures name, in documents.yml's order.
    documents: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    pictures: Pictures

    def current(self, issue_id: str, actor_id: str) -> Position | None:
        found = self.positions.get((issue_id, actor_id))
        return found[0] if found else None

    def was(self, issue_id: str, actor_id: str) -> Position | None:
        """The latest earlier position with another stance, if the stance changed."""
        found = self.positions.get((issue_id, actor_id), ())
        return next((p for p in found[1:] if p.stance != found[0].stance), None) if found else None

    def role(self, actor: Actor) -> str | None:
        cast = self.cast.get(actor.id)
        return cast.role if cast else actor.role

    def member_rows(self, root: Actor, deepest: int) -> tuple[Member, ...]:
        """Who belongs to ``root``, nested, as rows in reading order, at most ``deepest`` levels
        down. An actor's own members are listed under its first row only: an actor can belong
        to several others, and listing its members again under each would make a densely tied
        desk's map grow exponentially."""
        rows: list[Member] = []
        expanded = {root.id}

        def add(parent: str, depth: int) -> None:
            for member, role in self.members.get(parent, ()):
                first = member.id not in expanded
                expanded.add(member.id)
                rows.append(Member(depth, member, role, parent))
                if first and depth + 1 < deepest:
                    add(member.id, depth + 1)

        add(root.id, 0)
        return tuple(rows)


def each(x: Explainer, figure: Figure) -> tuple[str, ...]:
    """Who a number for each of several actors is for: its `actors`, or for `per-side` the
    explainer's parties; nobody for a total."""
    if figure.scope == "per-side":
        return tuple(x.story.parties)
    return tuple(figure.actors)


def shown(items: Any) -> tuple[list[Any], int]:
    """A secondary list cut to SHOWN items: (those listed, how many more there are)."""
    items = list(items)
    return items[:SHOWN], max(len(items) - SHOWN, 0)


@dataclasses.dataclass(frozen=True)
class Named:
    """The actors and issues an explainer names: its pages show them, their pages show it."""

    actors: frozenset[str]
    issues: frozenset[str]


def named(x: Explainer) -> Named:
    """Who and what an explainer names, wherever it names them: its cast and parties, who holds
    or states a position, who claims a number or is counted in it, who takes part in an event;
    the issues of its positions, figures and events. The one answer for its own pages, the
    desk's cross-references and the preview (which pages an edit to it can change)."""
    story = x.story
    actors: set[str] = {c.actor for c in story.actors} | set(story.parties)
    issues: set[str] = set()
    for p in x.positions:
        actors |= {p.actor, *([p.said_by] if p.said_by else [])}
        issues.add(p.issue)
    for f in x.figures.values():
        actors |= set(f.claimed_by) | set(f.actors)
        issues |= {f.issue} if f.issue else set()
    for e in x.events.values():
        actors |= set(e.actors)
        issues |= set(e.issues)
    return Named(frozenset(actors), frozenset(issues))


def citing(groups: Iterable[tuple[str, Iterable[Any]]]) -> dict[str, dict[str, list[Any]]]:
    """What cites each source: source id → kind of item → the items citing it, in the order of
    ``groups`` (each a kind of item and the items)."""
    found: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for kind, items in groups:
        for item in items:
            for source_id in item.source:
                found[source_id][kind].append(item)
    return {k: dict(v) for k, v in found.items()}


def explainer_citing(
    x: Explainer, documents: Iterable[Document] = (), issues: Iterable[Issue] = ()
) -> dict[str, dict[str, list[Any]]]:
    """What in one explainer cites each source, by kind of item (its events in date order), and
    of ``documents`` and ``issues``, the registry's entries it names and shows."""
    story = x.story
    return citing((
        ("cast", story.actors),
        ("positions", x.positions),
        ("figures", x.figures.values()),
        ("events", sorted(x.events.values(), key=lambda e: sort_key(e.date))),
        ("notes", [*story.summary, *story.unknowns, *story.next]),
        ("documents", documents),
        ("issues", issues),
    ))


def view(content: Content, x: Explainer, pictures: Pictures | None = None) -> View:
    actor_order = {actor_id: i for i, actor_id in enumerate(content.actors)}
    story = x.story
    cast = {c.actor: c for c in story.actors}
    names = named(x)
    named_actors, issue_ids = set(names.actors), names.issues

    # Who belongs to whom among them: the registry's lasting ties and this story's own. A tie
    # the story states to a parent the registry already ties the actor to refines that tie (the
    # story's role, in the registry's place): one row, not the actor twice under one parent.
    ties: dict[tuple[str, str], str] = {}
    for actor_id in sorted(named_actors, key=actor_order.__getitem__):
        ties |= {(actor_id, m.of): m.role for m in content.actors[actor_id].memberships}
        if actor_id in cast:
            ties |= {(actor_id, m.of): m.role for m in cast[actor_id].memberships}
    named_actors |= {parent for _, parent in ties}
    order = [a for a in cast] + sorted(named_actors - set(cast), key=actor_order.__getitem__)
    members = grouped((parent, (content.actors[member], role)) for (member, parent), role in ties.items())

    positions = grouped(((p.issue, p.actor), p) for p in x.positions)
    place = {a: i for i, a in enumerate(list(story.parties) + [a for a in order if a not in story.parties])}
    holders = grouped(sorted(positions, key=lambda pair: place[pair[1]]))
    silent = {
        issue_id: tuple(content.actors[a] for a in story.parties if (issue_id, a) not in positions) for issue_id in issue_ids
    }

    counts = defaultdict(int)
    for issue_id, actor_id in positions:
        counts[actor_id] += 1
    others = [a for a in order if a in counts and a not in story.parties]
    others.sort(key=lambda a: -counts[a])  # stable: who's-who order among equals
    room = max(MATRIX_COLUMNS - len(story.parties), 0)

    timeline = sorted(x.events.values(), key=lambda e: sort_key(e.date))

    named_documents = {p.document for p in x.positions} | {f.document for f in x.figures.values()}
    documents = tuple(d for d in content.documents.values() if d.id in named_documents)
    issues = tuple(i for i in content.issues.values() if i.id in issue_ids)
    return View(
        x=x,
        issues=issues,
        actors=tuple(content.actors[a] for a in order),
        cast=cast,
        positions={pair: tuple(_latest_first(found)) for pair, found in positions.items()},
        holders=holders,
        silent={issue_id: found for issue_id, found in silent.items() if found},
        matrix_actors=tuple(content.actors[a] for a in [*story.parties, *others[:room]]),
        matrix_left_out=len(others[room:]),
        figures_by_issue=grouped((f.issue, f) for f in x.figures.values() if f.issue),
        events_by_issue=grouped((issue_id, e) for e in timeline for issue_id in e.issues),
        timeline=tuple(timeline),
        members=members,
        roots=tuple(content.actors[a] for a in order if a in members and not any(m == a for m, _ in ties)),
        # Its issues page says what is at stake in each issue, from the issue's own sources.
        citations=explainer_citing(x, documents, issues),
        documents=documents,
        comparisons=tuple(story.comparisons),
        pictures=pictures or Pictures(),
    )
