"""Pictures of the data, as inline SVG drawn at build time: no script, nothing fetched.

This module decides what each picture shows and says (geometry and text alternatives); the
SVG itself is written by the templates in ``overrides/partials/explainer/`` (installed as
``generator.theme``), the only place that knows HTML. Every picture carries its meaning in words too: a title, a description for
screen readers, and status labels, never colour or pattern alone.
"""

from __future__ import annotations

import dataclasses
import functools
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from . import wording
from .model import Content, Explainer, Figure
from .templating import bytecode_cache, theme
from .wording import STATUSES

if TYPE_CHECKING:
    from .lookups import View

PARTIALS = theme() / "partials" / "explainer"

# Statuses for things that have not happened (yet): drawn hatched rather than solid.
NOT_YET = {"agreed", "proposed"}


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: str
    length: float  # in viewBox units


@dataclasses.dataclass(frozen=True)
class FigureChart:
    id: str
    kind: str  # "sides": one bar per side, mirrored; "share": a part of a whole bar
    title: str
    description: str
    status: str
    status_label: str
    status_meaning: str
    hatched: bool
    bars: tuple[Bar, ...]
    source: str
    whole: str = ""


def figure_chart(figure: Figure, x: Explainer, content: Content) -> FigureChart:
    label, meaning = STATUSES[figure.status]
    status_words = f"Status: {label.lower()}, {meaning}."
    if figure.scope == "per-side":
        sides = [content.actors[a].name for a in x.story.parties]
        amount = f"{wording.amount(figure)} {figure.unit}"
        bars = tuple(Bar(side, amount, 260.0) for side in sides)
        description = f"{figure.label}: {'; '.join(f'{side}, {amount}' for side in sides)}. {status_words}"
        kind, whole = "sides", ""
    else:
        whole = figure.unit.removeprefix("of ")
        bars = (Bar(figure.label, wording.amount(figure), 600.0 * figure.value),)
        description = (
            f"{figure.label}: {wording.figure_value(figure)}, drawn as the filled part of a bar standing for "
            f"all of {whole}. {status_words}"
        )
        kind = "share"
    return FigureChart(
        id=figure.id,
        kind=kind,
        title=figure.label,
        description=description,
        status=figure.status,
        status_label=label,
        status_meaning=meaning,
        hatched=figure.status in NOT_YET,
        bars=bars,
        source="; ".join(wording.source_name(content.sources[s]) for s in figure.source),
        whole=whole,
    )


# -- who is who: states and groups with the people and delegations that belong to them --------


@dataclasses.dataclass(frozen=True)
class MapRow:
    depth: int
    name: str
    lines: tuple[str, ...]
    y: float


@dataclasses.dataclass(frozen=True)
class MapColumn:
    x: float
    y: float
    name: str
    rows: tuple[MapRow, ...]
    height: float


@dataclasses.dataclass(frozen=True)
class ActorMap:
    description: str
    columns: tuple[MapColumn, ...]
    width: float
    height: float
    # The layout's measures, for the template that draws it.
    column_width: float = 300.0
    head: float = 40.0
    indent: float = 22.0


GAP, ROW_LINE, ROW_PAD = 40.0, 16.0, 14.0
COLUMN_WIDTH, HEAD, INDENT = ActorMap.column_width, ActorMap.head, ActorMap.indent
# Each level of membership is indented; the deepest row keeps room for this many characters.
ROW_CHARS = 16
_CHAR_WIDTH = 7.2


def _row_chars(depth: int) -> int:
    return int((COLUMN_WIDTH - 24 - depth * INDENT) / _CHAR_WIDTH)


# How many levels of members the map draws below an actor at the top (validation refuses deeper).
MAX_MEMBERSHIP_DEPTH = next(depth for depth in range(100) if _row_chars(depth) < ROW_CHARS)


def actor_map(view: View, content: Content) -> ActorMap:
    """Columns for every actor that others belong to in one explainer, each listing its members, nested."""
    members, roots = view.members, view.roots

    columns, sentences = [], []
    x = y = row_height = 0.0
    for i, root in enumerate(roots):
        if i and i % 2 == 0:
            x, y = 0.0, y + row_height + GAP
            row_height = 0.0
        rows: list[MapRow] = []
        cursor = HEAD + 12

        def add(parent: str, depth: int, seen: frozenset[str]) -> None:
            nonlocal cursor
            if depth >= MAX_MEMBERSHIP_DEPTH:
                return  # refused by validation; never drawn narrower than a row can be
            for member, role in members.get(parent, []):
                lines = tuple(textwrap.wrap(role, _row_chars(depth))) or ("",)
                rows.append(MapRow(depth, member.name, lines, cursor))
                sentences.append(f"{member.name}: {role}, {content.actors[parent].name}.")
                cursor += ROW_LINE * (1 + len(lines)) + ROW_PAD
                if member.id not in seen:
                    add(member.id, depth + 1, seen | {member.id})

        add(root.id, 0, frozenset({root.id}))
        columns.append(MapColumn(x, y, root.name, tuple(rows), cursor))
        row_height = max(row_height, cursor)
        x += COLUMN_WIDTH + GAP
    width = 2 * COLUMN_WIDTH + GAP
    description = "Who belongs to whom. " + " ".join(sentences)
    return ActorMap(description, tuple(columns), width, y + row_height)


# -- drawing ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _environment(partials: Path) -> jinja2.Environment:
    # Kept per folder like the Markdown templates' environment, for the same reason.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(partials),
        bytecode_cache=bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _block(html: str) -> Markup:
    # Markdown passes raw HTML through only as one block: no blank lines inside it.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def draw(view: View, content: Content, partials: Path = PARTIALS) -> dict[str, Markup]:
    """One explainer's pictures: ``{figure id: svg}`` for figures marked ``chart: true``, and
    ``{"actor-map": svg}``."""
    env = _environment(partials)
    pictures = {
        figure.id: _block(env.get_template("figure-chart.html").render(chart=figure_chart(figure, view.x, content)))
        for figure in view.x.figures.values()
        if figure.chart
    }
    the_map = actor_map(view, content)
    if the_map.columns:
        pictures["actor-map"] = _block(env.get_template("actor-map.html").render(map=the_map))
    return pictures
