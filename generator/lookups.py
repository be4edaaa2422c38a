"""Cross-references the pages need: who appears where, who said what when, what cites what.

``DeskIndex`` serves the desk's shared pages (the hub, an actor's or an issue's page across
explainers, the desk timeline and sources); ``View`` serves one explainer's pages. Both are
computed once per render from a validated ``Content``, as plain lists and dicts in reading
order, so templates only loop and look up.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from . import urls
from .model import Actor, Cast, Change, Comparison, Content, Document, Event, Explainer, Figure, Issue, Position, sort_key

# Actors shown in an explainer's "Where they stand" table at most: the parties first, then the
# actors with the most positions (each issue's section lists every one).
MATRIX_COLUMNS = 10
# Updates listed under "What changed lately" on the desk's home page.
RECENT_CHANGES = 10
# Entries per page of each shared page whose main list grows with the desk (urls.PAGED): a
# longer list goes on over numbered pages, so that no page grows with the number of explainers.
# Each holds at most about as much as an explainer's own longest page (its positions).
PER_PAGE: dict[str, int] = {
    "desk": 10,  # explainers, newest first
    "desk-timeline": 30,  # events; page 1 holds the latest
    "desk-actors": 100,  # actors, by kind
    "desk-issues": 100,  # issues
    "desk-sources": 50,  # sources, then documents
    "actor": 5,  # the explainers an actor appears in, newest first, with what it is and says in each
    "issue": 5,  # the explainers that cover an issue, newest first, with what each reports on it
}
# Items listed at most in a list that is not a page's main one (who cites a source, the members
# of an actor, the explainers that report one stance…): the others are counted, not listed.
# Above what a desk of a few explainers holds, so that its pages list everything.
SHOWN = 25


def _latest_first(positions: list[Position]) -> list[Position]:
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


@dataclasses.dataclass(frozen=True)
class Appearance:
    """What an actor is and says in one explainer."""

    explainer: Explainer
    cast: Cast | None
    positions: tuple[Position, ...]
    spoke_for: tuple[Position, ...]
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
    """Who a number for each of several actors is for: its `actors`, or for `per-side`
    the explainer's parties; nobody for a total."""
    if figure.scope == "per-side":
        return tuple(x.story.parties)
    return tuple(figure.actors)


@dataclasses.dataclass(frozen=True)
class Pager:
    """One page of a shared page's main list: which page of how many, and the entries on it."""

    kind: str
    params: dict[str, str]
    number: int
    count: int
    items: tuple[Any, ...]
    # Entries over every page.
    total: int

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers a pager shows: the first, the last and those around this one, with
        None for a gap, so that the pager itself does not grow with the desk: 1 … 4 5 6 … 9."""
        near = {1, self.count, *range(self.number - 2, self.number + 3)}
        shown: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in near:
                shown.append(n)
            elif shown[-1] is not None:
                shown.append(None)
        return shown


def _paged(kind: str, items: list[Any] | tuple[Any, ...], params: dict[str, str] | None = None) -> tuple[Pager, ...]:
    per = PER_PAGE[kind]
    chunks = [tuple(items[i : i + per]) for i in range(0, len(items), per)] or [()]
    return tuple(Pager(kind, params or {}, n, len(chunks), chunk, len(items)) for n, chunk in enumerate(chunks, 1))


def _key(kind: str, params: dict[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    return kind, tuple(sorted(params.items()))


def shown(items: Any) -> tuple[list[Any], int]:
    """A secondary list cut to SHOWN items: (those listed, how many more there are)."""
    items = list(items)
    return items[:SHOWN], max(len(items) - SHOWN, 0)


@dataclasses.dataclass(frozen=True)
class DeskIndex:
    """The desk's shared pages' cross-references."""

    explainers: tuple[Explainer, ...]
    appearances: dict[str, tuple[Appearance, ...]]
    # issue → actor → the stances they took on it, latest first; actors as the registry orders them.
    history: dict[str, dict[str, tuple[Stated, ...]]]
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
    # The pages of every paged list (urls.PAGED), by kind and page parameters (see pages()).
    paged: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[Pager, ...]] = dataclasses.field(default_factory=dict)
    # For links into a paged list: which page each entry is on, by the entry's anchor.
    entry_pages: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, int]] = dataclasses.field(default_factory=dict)

    def pages(self, kind: str, **params: str) -> tuple[Pager, ...]:
        return self.paged[_key(kind, params)]

    def page_of(self, kind: str, entry: str, **params: str) -> int:
        """The page of a paged list that holds the entry with this anchor (1 when none does)."""
        return self.entry_pages.get(_key(kind, params), {}).get(entry, 1)

    @staticmethod
    def within(pairs: Any, explainers: tuple[Explainer, ...]) -> tuple[tuple[Explainer, Any], ...]:
        """The (explainer, item) pairs whose explainer is one of ``explainers``."""
        slugs = {x.slug for x in explainers}
        return tuple((x, item) for x, item in pairs if x.slug in slugs)

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


def view(content: Content, x: Explainer, pictures: Pictures | None = None) -> View:
    actor_order = {actor_id: i for i, actor_id in enumerate(content.actors)}
    story = x.story
    cast = {c.actor: c for c in story.actors}

    named: set[str] = set(cast) | set(story.parties)
    issue_ids: set[str] = set()
    for p in x.positions:
        named |= {p.actor, *([p.said_by] if p.said_by else [])}
        issue_ids.add(p.issue)
    for f in x.figures.values():
        named |= set(f.claimed_by) | set(f.actors)
        issue_ids |= {f.issue} if f.issue else set()
    for e in x.events.values():
        named |= set(e.actors)
        issue_ids |= set(e.issues)

    # Who belongs to whom among them: the registry's lasting ties and this story's own.
    ties: list[tuple[str, str, str]] = []
    for actor_id in sorted(named, key=actor_order.__getitem__):
        ties += [(actor_id, m.of, m.role) for m in content.actors[actor_id].memberships]
        if actor_id in cast:
            ties += [(actor_id, m.of, m.role) for m in cast[actor_id].memberships]
    named |= {parent for _, parent, _ in ties}
    order = [a for a in cast] + sorted(named - set(cast), key=actor_order.__getitem__)
    members: dict[str, list[tuple[Actor, str]]] = defaultdict(list)
    for member, parent, role in ties:
        members[parent].append((content.actors[member], role))

    positions: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in x.positions:
        positions[(p.issue, p.actor)].append(p)
    place = {a: i for i, a in enumerate(list(story.parties) + [a for a in order if a not in story.parties])}
    holders: dict[str, list[str]] = defaultdict(list)
    for issue_id, actor_id in sorted(positions, key=lambda pair: place[pair[1]]):
        holders[issue_id].append(actor_id)
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
    figures_by_issue: dict[str, list[Figure]] = defaultdict(list)
    for f in x.figures.values():
        if f.issue:
            figures_by_issue[f.issue].append(f)
    events_by_issue: dict[str, list[Event]] = defaultdict(list)
    for e in timeline:
        for issue_id in e.issues:
            events_by_issue[issue_id].append(e)

    named_documents = {p.document for p in x.positions} | {f.document for f in x.figures.values()}
    documents = tuple(d for d in content.documents.values() if d.id in named_documents)
    citations: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for kind, items in (
        ("cast", story.actors),
        ("positions", x.positions),
        ("figures", x.figures.values()),
        ("events", timeline),
        ("notes", [*story.summary, *story.unknowns, *story.next]),
        ("documents", documents),
    ):
        for item in items:
            for source_id in item.source:
                citations[source_id][kind].append(item)

    return View(
        x=x,
        issues=tuple(i for i in content.issues.values() if i.id in issue_ids),
        actors=tuple(content.actors[a] for a in order),
        cast=cast,
        positions={pair: tuple(_latest_first(found)) for pair, found in positions.items()},
        holders={issue_id: tuple(found) for issue_id, found in holders.items()},
        silent={issue_id: found for issue_id, found in silent.items() if found},
        matrix_actors=tuple(content.actors[a] for a in [*story.parties, *others[:room]]),
        matrix_left_out=len(others[room:]),
        figures_by_issue={k: tuple(v) for k, v in figures_by_issue.items()},
        events_by_issue={k: tuple(v) for k, v in events_by_issue.items()},
        timeline=tuple(timeline),
        members={k: tuple(v) for k, v in members.items()},
        roots=tuple(content.actors[a] for a in order if a in members and not any(m == a for m, _, _ in ties)),
        citations={k: dict(v) for k, v in citations.items()},
        documents=documents,
        comparisons=tuple(story.comparisons),
        pictures=pictures or Pictures(),
    )


def desk_index(content: Content) -> DeskIndex:
    explainers = tuple(content.explainers.values())  # newest first
    actor_order = {actor_id: i for i, actor_id in enumerate(content.actors)}
    issue_order = {issue_id: i for i, issue_id in enumerate(content.issues)}

    appearances: dict[str, list[Appearance]] = defaultdict(list)
    issue_explainers: dict[str, list[Explainer]] = defaultdict(list)
    issue_figures: dict[str, list[tuple[Explainer, Figure]]] = defaultdict(list)
    issue_events: dict[str, list[tuple[Explainer, Event]]] = defaultdict(list)
    said: dict[tuple[str, str], dict[tuple[str, str], list[tuple[Explainer, Position]]]] = defaultdict(lambda: defaultdict(list))
    for x in explainers:
        cast = {c.actor: c for c in x.story.actors}
        who = set(cast) | set(x.story.parties)
        by_actor: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for p in x.positions:
            by_actor[p.actor]["positions"].append(p)
            if p.said_by and p.said_by != p.actor:
                by_actor[p.said_by]["spoke_for"].append(p)
            said[(p.issue, p.actor)][(p.date, p.stance)].append((x, p))
        for f in x.figures.values():
            for actor_id in f.claimed_by:
                by_actor[actor_id]["figures"].append(f)
            for actor_id in each(x, f):
                if actor_id not in f.claimed_by:
                    by_actor[actor_id]["figures_for"].append(f)
            if f.issue:
                issue_figures[f.issue].append((x, f))
        for e in sorted(x.events.values(), key=lambda e: sort_key(e.date)):
            for actor_id in e.actors:
                by_actor[actor_id]["events"].append(e)
            for issue_id in e.issues:
                issue_events[issue_id].append((x, e))
        for actor_id in sorted(who | set(by_actor), key=actor_order.__getitem__):
            found = by_actor.get(actor_id, {})
            appearances[actor_id].append(
                Appearance(
                    explainer=x,
                    cast=cast.get(actor_id),
                    # By issue, each issue's latest position first, as on every page that lists positions.
                    positions=tuple(sorted(found.get("positions", []), key=lambda p: (issue_order[p.issue], [-n for n in sort_key(p.date)]))),
                    spoke_for=tuple(found.get("spoke_for", [])),
                    figures=tuple(found.get("figures", [])),
                    figures_for=tuple(found.get("figures_for", [])),
                    events=tuple(found.get("events", [])),
                )
            )
        covered = {p.issue for p in x.positions} | {f.issue for f in x.figures.values() if f.issue}
        covered |= {i for e in x.events.values() for i in e.issues}
        for issue_id in covered:
            issue_explainers[issue_id].append(x)

    history: dict[str, dict[str, tuple[Stated, ...]]] = defaultdict(dict)
    for (issue_id, actor_id), stances in sorted(said.items(), key=lambda item: actor_order[item[0][1]]):
        oldest_first: list[Stated] = []
        for (date, stance), reports in sorted(stances.items(), key=lambda item: sort_key(item[0][0])):
            previous = oldest_first[-1] if oldest_first else None
            was = previous if previous is not None and previous.stance != stance else None
            oldest_first.append(Stated(actor_id, date, stance, tuple(reports), was))
        history[issue_id][actor_id] = tuple(reversed(oldest_first))

    members: dict[str, list[tuple[Actor, str]]] = defaultdict(list)
    for actor in content.actors.values():
        for membership in actor.memberships:
            members[membership.of].append((actor, membership.role))

    cited_by_registry: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for kind, items in (("actors", content.actors.values()), ("issues", content.issues.values()), ("documents", content.documents.values())):
        for item in items:
            for source_id in item.source:
                cited_by_registry[source_id][kind].append(item)
    cited_in: dict[str, list[tuple[Explainer, int]]] = defaultdict(list)
    for x in explainers:
        counts: dict[str, int] = defaultdict(int)
        story = x.story
        for item in [*story.actors, *x.positions, *x.figures.values(), *x.events.values(), *story.summary, *story.unknowns, *story.next]:
            for source_id in item.source:
                counts[source_id] += 1
        for source_id, n in counts.items():
            cited_in[source_id].append((x, n))

    # The parties of the explainers on an issue that none reports a position for.
    holding = {(p.issue, p.actor) for x in explainers for p in x.positions}
    silent: dict[str, list[Actor]] = defaultdict(list)
    for issue_id, covering in issue_explainers.items():
        parties = {a for x in covering for a in x.story.parties if (issue_id, a) not in holding}
        silent[issue_id] = [content.actors[a] for a in sorted(parties, key=actor_order.__getitem__)]

    document_uses: dict[str, list[tuple[Explainer, int]]] = defaultdict(list)
    for x in explainers:
        uses: dict[str, int] = defaultdict(int)
        for item in [*x.positions, *x.figures.values()]:
            if item.document:
                uses[item.document] += 1
        for document_id, n in uses.items():
            document_uses[document_id].append((x, n))

    timeline = sorted(((x, e) for x in explainers for e in x.events.values()), key=lambda xe: sort_key(xe[1].date))
    changes = [(x, change) for x in explainers for change in x.story.changes]
    changes.sort(key=lambda xc: sort_key(xc[1].date), reverse=True)

    # The paged lists: the home page's explainers; the desk's timeline, the latest events on its
    # first page (each page in date order); every actor and issue, by kind; the sources, then
    # the documents; and each actor's and issue's explainers, newest first.
    kind_order = {kind: i for i, kind in enumerate(content.kinds)}
    issue_explainers_t = {k: tuple(v) for k, v in issue_explainers.items()}
    lists: list[tuple[str, dict[str, str], Any, Any]] = [
        ("desk", {}, explainers, lambda x: urls.anchor("explainer", slug=x.slug)),
        ("desk-actors", {}, sorted(content.actors.values(), key=lambda a: kind_order.get(a.kind, len(kind_order))), lambda a: a.id),
        ("desk-issues", {}, list(content.issues.values()), lambda i: i.id),
        ("desk-sources", {}, [("source", s) for s in content.sources.values()] + [("document", d) for d in content.documents.values()],
         lambda item: urls.anchor(item[0], id=item[1].id)),
    ]
    for actor_id in content.actors:
        lists.append(("actor", {"id": actor_id}, appearances.get(actor_id, []), lambda a: urls.anchor("explainer", slug=a.explainer.slug)))
    for issue_id in content.issues:
        lists.append(("issue", {"id": issue_id}, issue_explainers_t.get(issue_id, ()), lambda x: urls.anchor("explainer", slug=x.slug)))
    paged: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[Pager, ...]] = {}
    entry_pages: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, int]] = {}
    for kind, params, items, key in lists:
        pagers = _paged(kind, items, params)
        paged[_key(kind, params)] = pagers
        entry_pages[_key(kind, params)] = {key(item): pager.number for pager in pagers for item in pager.items}
    # The timeline is cut from its end, so that its first page holds the latest events.
    per = PER_PAGE["desk-timeline"]
    ends = list(range(len(timeline), 0, -per)) or [0]
    chunks = [tuple(timeline[max(end - per, 0) : end]) for end in ends]
    paged[_key("desk-timeline", {})] = tuple(
        Pager("desk-timeline", {}, n, len(chunks), chunk, len(timeline)) for n, chunk in enumerate(chunks, 1)
    )
    entry_pages[_key("desk-timeline", {})] = {
        urls.anchor("event", id=e.id): n for n, chunk in enumerate(chunks, 1) for _, e in chunk
    }

    return DeskIndex(
        explainers=explainers,
        appearances={k: tuple(v) for k, v in appearances.items()},
        history=dict(history),
        issue_explainers=issue_explainers_t,
        issue_figures={k: tuple(v) for k, v in issue_figures.items()},
        issue_events={k: tuple(sorted(v, key=lambda xe: sort_key(xe[1].date))) for k, v in issue_events.items()},
        timeline=tuple(timeline),
        members={k: tuple(v) for k, v in members.items()},
        cited_by_registry={k: dict(v) for k, v in cited_by_registry.items()},
        cited_in={k: tuple(v) for k, v in cited_in.items()},
        recent_changes=tuple(changes[:RECENT_CHANGES]),
        silent={k: tuple(v) for k, v in silent.items() if v},
        figure_home={f.id: x for x in explainers for f in x.figures.values()},
        document_uses={k: tuple(v) for k, v in document_uses.items()},
        paged=paged,
        entry_pages=entry_pages,
    )
