"""Blocks of a page that Markdown cannot express: key numbers as cards, tables of stances with
row and column headers, and the words a section answers to in search.

Like ``charts.py``, this module decides what each block shows and says; the HTML is written by
the partials in ``overrides/partials/explainer/`` (``number-cards.html``, ``stance-table.html``,
``search-terms.html``), the only place that knows HTML. Each partial is self-contained: given
its object it draws the whole block, so another kind of page (an embed) can draw it too.
MkDocs does not rewrite links inside raw HTML, so every address here is already the one the
built site serves, relative to the page the block is on (``urls.href``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import urls
from .lookups import each, gives_position
from .messages import filled
from .model import Actor, Figure, Issue, Position
from .templating import PARTIALS, gettext_callables, html_block, partials_environment
from .validated_desk import Content
from .values import after, points_a_way, theme_icon
from .wording import Wording

if TYPE_CHECKING:
    from .lookups import View


@dataclasses.dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclasses.dataclass(frozen=True)
class Cite:
    """A compact citation: whose report it is and who relayed it, which readers see; the rest of
    the source's name, which screen readers hear after ``prefix`` ("Source:"); and the source's
    entry on a sources page."""

    short: str
    rest: str
    href: str
    prefix: str  # "Source:"


@dataclasses.dataclass(frozen=True)
class Badge:
    """A word with its icon (a status, a stance): the icon is the theme's, drawn inline, and
    never carries the meaning alone."""

    name: str
    label: str
    icon: str | None  # the icon's template, e.g. ``.icons/material/handshake.svg``
    tone: str = ""
    flips: bool = False  # mirrored right to left (values.points_a_way)


@dataclasses.dataclass(frozen=True)
class Card:
    """One key number: the number as the source words it, what it counts, how settled it is,
    who says so and where that comes from."""

    id: str
    amount: str  # the number itself: "12,000", "about 113,100", "$300 billion"
    rest: str  # what follows it: "bodies each", "km²", "a year by 2035"
    label: Link
    # Whom "each" is for: "for each of Russia and Ukraine"; empty for any other number.
    for_whom: str
    status: Badge
    according_to: str
    cites: tuple[Cite, ...]


@dataclasses.dataclass(frozen=True)
class NumberCards:
    cards: tuple[Card, ...]
    according_to: str  # "According to"
    every_from: str  # "Every number above from"

    @property
    def one_source(self) -> bool:
        """Whether every card has the same sources: then they are named once, under the cards,
        and a card says only who states its number, when someone other than the outlet does."""
        return len(self.cards) > 1 and len({card.cites for card in self.cards}) == 1


@dataclasses.dataclass(frozen=True)
class Cell:
    """One actor's stance on one issue: linked to the position in full, named in full for screen
    readers ("Russia on Ceasefire: Conditional"), and beside it, in brackets, its date when it
    was reported before the story's (the latest known is not news of the day) and what it was
    when it changed."""

    actor: str
    name: str
    link: str | None
    stance: Badge | None
    note: str | None


@dataclasses.dataclass(frozen=True)
class Row:
    issue: Link
    cells: tuple[Cell, ...]


def _holds(c: Content, view: View, issue_id: str, actor_id: str) -> bool:
    """Whether the actor's latest stance on the issue in this explainer gives a position.
    "Not stated" gives none: a row or column of it alone would fill a table of stances and tell
    a reader nothing at a glance."""
    p = view.current(issue_id, actor_id)
    return p is not None and gives_position(c, p.stance)


def _unshown(c: Content, view: View, issues: list[Issue], actors: list[Actor]) -> tuple[list[Actor], list[Issue]]:
    """What a table of stances leaves out, to name below it: the actors with no position on any
    of ``issues``, and the issues none of ``actors`` has a position on (``_holds``)."""
    held = {(i.id, a.id) for i in issues for a in actors if _holds(c, view, i.id, a.id)}
    silent = [a for a in actors if not any((i.id, a.id) in held for i in issues)]
    unheld = [i for i in issues if not any((i.id, a.id) in held for a in actors)]
    return silent, unheld


@dataclasses.dataclass(frozen=True)
class StanceTable:
    """Issues down, actors across: a real table, with a header for every row and column. On a
    narrow screen each issue becomes a card of its own (overrides' CSS), each stance under its
    actor's name."""

    id: str
    caption: str
    corner: str
    columns: tuple[Link, ...]
    rows: tuple[Row, ...]
    # Who has no position on any issue and what nobody has a position on: left out of the
    # table, so that it holds no rows or columns of empty cells, and named here once.
    left_out: tuple[str, ...] = ()

    @property
    def cards(self) -> bool:
        """Whether it is drawn as cards at every width: with more actors than a laptop's column
        holds next to each other without breaking their names or stances mid-word."""
        return len(self.columns) > CARDS_ABOVE


# The most actors a stance table shows as columns; with more, each issue is a card.
CARDS_ABOVE = 6


def run_ends(claims: Iterable[object], attr: str = "source") -> list[tuple[object, bool]]:
    """Each claim, with whether its source marker is shown: consecutive claims with the same
    sources (``attr``, a list of source ids) get one marker, after the last of them, so a
    paragraph of claims from one report reads without the same marker after each."""
    found = list(claims)
    keys = [tuple(getattr(claim, attr)) for claim in found]
    return [(claim, i + 1 == len(found) or keys[i + 1] != keys[i]) for i, claim in enumerate(found)]


def status_badge(w: Wording, status: str) -> Badge:
    return Badge(status, w.status(status), theme_icon(w.status_icons[status]), flips=points_a_way(w.status_icons[status]))


def stance_badge(content: Content, stance: str) -> Badge:
    term = content.stances[stance]
    return Badge(stance, term.label, theme_icon(term.icon), term.tone, points_a_way(term.icon))


class Drawing:
    """Draws the blocks of one render: ``partials`` is the folder of HTML partials (a theme
    folder of one's own, or the built-in one)."""

    def __init__(self, w: Wording, content: Content, partials: Path = PARTIALS):
        self.w = w
        self.c = content
        self.env = partials_environment(partials)
        self.words = gettext_callables(w, escape)
        self.badges: dict[tuple[Badge, str], Markup] = {}

    def _draw(self, template: str, **data: object) -> Markup:
        return html_block(self.env.get_template(template).render(**data, **self.words, badge=self.badge))

    def badge(self, badge: Badge, kind: str) -> Markup:
        """A status or a stance as ``_marks.html`` draws it, drawn once a render: a stance table
        has one in each cell, of a dozen kinds, each including its icon's template."""
        found = self.badges.get((badge, kind))
        if found is None:
            found = self.badges[badge, kind] = self.env.get_template("_marks.html").module.badge(badge, kind)
        return found

    # -- what each block says ---------------------------------------------------------------

    def cites(self, here: str, ids: Sequence[str], view: View | None = None) -> tuple[Cite, ...]:
        """Citations of a claim, linked to each source's entry on the explainer's sources page
        (on an explainer's pages) or the desk's."""
        sources = [self.c.sources[s] for s in dict.fromkeys(ids)]
        page = urls.path("explainer-sources", slug=view.x.slug) if view else urls.path("desk-sources")
        return tuple(
            Cite(short, rest, urls.href(here, page, urls.anchor("source", id=s.id)), self.w.SOURCE_PREFIX)
            for s, (short, rest) in zip(sources, self.w.citations(sources))
        )

    def according_to(self, figure: Figure) -> str:
        """Who says a number: the actors who claim it, or the document that states it; empty
        when the outlets state it on their own authority, whose citations then say so."""
        c = self.c
        if not figure.attributed:
            return ""
        return self.w.who_says(
            [c.actors[a].sentence_name for a in figure.claimed_by],
            c.documents[figure.document].title if figure.document else None,
        )

    def for_each(self, view: View, figure: Figure) -> str:
        """Whom a number for each of several is for, named: on a card, "4 negotiators each" says
        each of whom only with it (the numbers page gives it on the number's own line)."""
        ids = each(view.x, figure) if figure.scope in ("per-side", "per-actor") else ()
        if not ids:
            return ""
        return f"{self.w.figure_for(figure)} {self.w.listing([self.c.actors[a].sentence_name for a in ids])}"

    def card(self, here: str, view: View, figure: Figure) -> Card:
        where = urls.href(here, urls.path("explainer-figures", slug=view.x.slug), urls.anchor("figure", id=figure.id))
        amount, value = self.w.amount(figure), self.w.figure_value(figure)
        return Card(
            id=figure.id,
            amount=amount,
            rest=value.removeprefix(amount).strip(),
            label=Link(figure.label, where),
            for_whom=self.for_each(view, figure),
            status=status_badge(self.w, figure.status),
            according_to=self.according_to(figure),
            cites=self.cites(here, figure.source, view),
        )

    def stance_table(self, here: str, view: View, issues: Iterable[Issue], actors: Iterable[Actor | str], id: str, caption: str) -> StanceTable:
        slug = view.x.slug
        issues_page = urls.path("explainer-issues", slug=slug)
        asked = [self.c.actors[a] if isinstance(a, str) else a for a in actors]
        issues = list(issues)
        silent, unheld = _unshown(self.c, view, issues, asked)
        actors = [a for a in asked if a not in silent]
        issues = [i for i in issues if i not in unheld]
        rows = []
        for issue in issues:
            cells = []
            for actor in actors:
                p: Position | None = view.current(issue.id, actor.id)
                if p is None:
                    cells.append(Cell(actor.name, self.w.position_name(actor.name, issue.title, self.w.NO_POSITION), None, None, None))
                    continue
                badge = stance_badge(self.c, p.stance)
                was = view.was(issue.id, actor.id)
                # Reported before the story's day, not just less precisely ("2025-03" of 4 March).
                notes = [self.w.date(p.date)] if after(view.x.story.date, p.date) else []
                if was:
                    notes.append(filled(self.w.WAS, stance=self.c.stances[was.stance].label, date=self.w.date(was.date)))
                cells.append(
                    Cell(
                        actor=actor.name,
                        name=self.w.position_name(actor.name, issue.title, badge.label),
                        link=urls.href(here, issues_page, urls.anchor("position", issue=issue.id, actor=actor.id)),
                        stance=badge,
                        note=self.w.semicolon.join(notes) or None,
                    )
                )
            rows.append(Row(Link(issue.title, urls.href(here, issues_page, urls.anchor("issue", id=issue.id))), tuple(cells)))
        left_out = []
        if silent and rows:
            left_out.append(filled(self.w.NO_POSITION_FOR, names=self.w.listing([a.name for a in silent])))
        if unheld:
            titles = self.w.listing([i.title for i in unheld])
            # Someone outside the table gives a position on one of them (the United States, beside
            # the glance's two parties): the line names whose it lacks.
            in_table = {a.id for a in asked}
            if any(_holds(self.c, view, i.id, a) for i in unheld for a in view.holders.get(i.id, ()) if a not in in_table):
                left_out.append(filled(self.w.NO_POSITION_BY, names=self.w.listing([a.name for a in asked], style="or"), issues=titles))
            else:
                left_out.append(filled(self.w.NO_POSITION_ON, issues=titles))
        return StanceTable(
            id=id,
            caption=caption,
            corner=self.w.STANCE_TABLE_CORNER,
            columns=tuple(Link(a.name, urls.href(here, urls.path("actor", id=a.id))) for a in actors),
            rows=tuple(rows),
            left_out=tuple(left_out),
        )

    # -- drawn --------------------------------------------------------------------------------

    def number_cards(self, here: str, view: View, figures: Iterable[Figure]) -> Markup:
        """Numbers as cards, for a page of the explainer ``view``: its key numbers on its
        overview, every number on its numbers page."""
        return self._draw("number-cards.html", block=NumberCards(tuple(self.card(here, view, f) for f in figures), self.w.ACCORDING_TO, self.w.EVERY_NUMBER_FROM))

    def leaves_out(self, view: View, actors: Iterable[Actor]) -> bool:
        """Whether the table of ``actors``' stances on the explainer's issues names anyone or any
        issue below it, for having no position in it (``stance_table``'s ``left_out``)."""
        silent, unheld = _unshown(self.c, view, view.issues, list(actors))
        return bool(silent or unheld)

    def stances(self, here: str, view: View, actors: Iterable[Actor | str], id: str, caption: str) -> Markup:
        """Each issue of the explainer ``view``, with the stance of each of ``actors`` (actors or
        their ids); ``id`` names the table in the page, ``caption`` says what it shows."""
        return self._draw("stance-table.html", table=self.stance_table(here, view, view.issues, actors, id, caption))

    def search_terms(self, terms: Sequence[tuple[str, str]]) -> Markup:
        return self._draw("search-terms.html", terms=terms)
