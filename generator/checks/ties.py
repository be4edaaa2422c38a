"""Ties between actors (memberships): the who's-who map draws each actor under the one it
belongs to, so no tie may lead back to where it starts, nor go deeper than the map draws."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator

from .. import charts
from ..diagnostics import Diagnostic
from ..parsing import Document, Key
from ..model import Actor, Story
from .found import Checked, Folder, entries


# A tie between two actors: (the file it is in, where in it, the member, the actor it belongs to).
_Tie = tuple[Document, Key, str, str]


def tie_groups(desk: dict[str, Checked], folders: list[Folder]) -> list[list[_Tie]]:
    """The ties each who's-who map draws: the desk's lasting ones, and for each explainer those
    with its own story's ties after them."""
    lasting: list[_Tie] = [
        (desk["actors.yml"].document, (*key, "memberships", i), actor.id, m.of)
        for key, actor in entries(desk, "actors.yml", Actor)
        for i, m in enumerate(actor.memberships)
    ]
    groups = [lasting]
    for x in folders:
        own = [
            (x.documents["explainer.yml"], ("actors", i, "memberships", j), cast.actor, m.of)
            for _, s in x.entries("explainer.yml", Story) for i, cast in enumerate(s.actors)
            for j, m in enumerate(cast.memberships)
        ]
        # An explainer whose story ties no one draws the desk's ties alone: looked at once, above.
        if own:
            groups.append(lasting + own)
    return groups


def check_nesting(groups: list[list[_Tie]]) -> Iterator[Diagnostic]:
    """Memberships nested deeper than the who's-who map can draw, each chain reported once, at
    the tie that goes one level too deep. An explainer's map draws the desk's lasting ties and
    its own story's ties together."""
    limit = charts.MAX_MEMBERSHIP_DEPTH
    reported: set[tuple[str, Key]] = set()
    for ties in groups:
        for (document, key, member, _), top in _too_deep(ties, limit):
            if (document.file, key) not in reported:
                reported.add((document.file, key))
                yield document.diagnostic(
                    (*key, "of"), f"'{member}' is {limit + 1} memberships below '{top}' "
                    f"(expected at most {limit}: the who's-who map draws no deeper)",
                )


def check_cycles(groups: list[list[_Tie]]) -> Iterator[Diagnostic]:
    """Memberships that lead back to the actor they start from: the who's-who map draws each
    actor under the one it belongs to, so it would leave out everyone on such a circle. Each
    circle is reported once, at the tie that closes it."""
    reported: set[tuple[str, Key]] = set()
    for ties in groups:
        for (document, key, member, _), circle in _cycles(ties):
            if (document.file, key) not in reported:
                reported.add((document.file, key))
                if len(circle) == 2:
                    message = f"'{member}' is a member of itself (expected the id of another actor)"
                else:
                    message = "membership cycle " + " → ".join(f"'{a}'" for a in circle) + (
                        " (expected memberships that never lead back to the same actor: remove one of them)"
                    )
                yield document.diagnostic((*key, "of"), message)


def _cycles(ties: list[_Tie]) -> Iterator[tuple[_Tie, list[str]]]:
    """Each tie that closes a cycle, with the cycle from its member round to that member again.
    Ties are taken in the order they are written: a tie closes a cycle when its member can
    already be reached by going up from the actor it belongs to."""
    above: dict[str, list[str]] = defaultdict(list)
    for tie in ties:
        member, of = tie[2], tie[3]
        if of in above[member]:
            continue  # the same tie again (a story repeating a lasting one) adds no new way up
        way_up = _way_up(above, of, member)
        above[member].append(of)
        if way_up is not None:
            yield tie, [member, *way_up]


def _way_up(above: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of memberships from ``start`` up to ``goal`` (both included), if any."""
    came_from: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        actor = queue.popleft()
        if actor == goal:
            chain, step = [actor], came_from[actor]
            while step is not None:
                chain.append(step)
                step = came_from[step]
            return chain[::-1]
        for parent in above.get(actor, ()):
            if parent not in came_from:
                came_from[parent] = actor
                queue.append(parent)
    return None


def _too_deep(ties: list[_Tie], limit: int) -> Iterator[tuple[_Tie, str]]:
    """The ties whose member is ``limit + 1`` levels below the top of its longest chain, with
    that top: one per chain, however long. Levels are counted from the top down, as the map
    draws them (Kahn's order); actors caught in a cycle of ties have no top and are left out."""
    below: dict[str, list[_Tie]] = defaultdict(list)
    waiting: dict[str, int] = defaultdict(int)
    for tie in ties:
        below[tie[3]].append(tie)
        waiting[tie[2]] += 1
    level = {actor: 0 for actor in below if not waiting[actor]}
    top = {actor: actor for actor in level}
    ready = list(level)
    while ready:
        parent = ready.pop()
        for tie in below[parent]:
            member = tie[2]
            if level[parent] == limit:
                yield tie, top[parent]
            if level[parent] + 1 > level.get(member, -1):
                level[member], top[member] = min(level[parent] + 1, limit + 1), top[parent]
            waiting[member] -= 1
            if not waiting[member]:
                ready.append(member)
