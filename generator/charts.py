"""Pictures of the data, as inline SVG drawn at build time: no script, nothing fetched.

This module decides what each picture shows and says (geometry and text alternatives); the
SVG itself is written by the templates in ``overrides/partials/explainer/`` (installed as
``generator/theme/``), the only place that knows HTML. Every picture carries its meaning in
words too: a title, a description for screen readers, and status labels, never colour or
pattern alone.
"""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import urls
from .blocks import Badge, status_badge
from .lookups import Pictures, each
from .model import Comparison, Figure
from .templating import PARTIALS, gettext_callables, html_block, partials_environment
from .messages import N_, filled
from .validated_desk import Content, Explainer
from .wording import Wording

if TYPE_CHECKING:
    from .lookups import View

# How a bar is drawn for each status, repeated in words beside every bar and in the caption:
# solid for what has happened or is stated as fact, hatched for what has not happened (yet),
# outlined for a value since replaced.
NOT_YET = {"agreed", "proposed", "target", "urged", "demanded"}
REPLACED = {"superseded"}

# The bar charts' measures, in viewBox units. Drawn no wider than this many CSS pixels
# (visuals.css), a chart keeps its smallest text at 15 units, so at least 12 px on a 360 px
# phone, where the picture is about 330 px wide.
WIDTH = 400.0
LINE = 20.0
BAR = 24.0
ROW_GAP = 16.0
# Characters per line of text, at the chart's type size, before it wraps.
WRAP = 44


def fill(status: str) -> str:
    """``hatched``, ``outlined`` or ``solid``: how a bar of this status is drawn."""
    return "hatched" if status in NOT_YET else "outlined" if status in REPLACED else "solid"


# What each way of drawing a bar means, for captions: only the ways a chart uses are explained.
FILL_MEANINGS = {"hatched": N_("Hatched bars: not yet reached or carried out."), "outlined": N_("Outlined bars: replaced by a later value.")}


class Drawn:
    """A picture drawn in a language's direction: right to left, every place across it is
    mirrored, measured from the right edge; its text is then anchored by the same ``start``
    and ``end``, which the SVG's ``direction`` turns around."""

    width: float
    direction: str

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def x(self, at: float, length: float = 0.0) -> float:
        """Where something ``length`` wide that starts ``at`` units from the start edge is drawn."""
        return round(self.width - at - length, 2) if self.rtl else at


@dataclasses.dataclass(frozen=True)
class Row:
    """One bar with its words: a label (wrapped), the value (and the status, where rows differ)."""

    label: tuple[str, ...]
    value: tuple[str, ...]  # empty when the value is on the label's line, at its right end
    y: float  # top of the row's first line
    bar_y: float
    start: float  # where the bar starts and how long it is, in viewBox units
    length: float
    fill: str
    # A range's upper end, drawn on from the value as an outline.
    range_start: float = 0.0
    range_length: float = 0.0
    inline_value: str = ""


@dataclasses.dataclass(frozen=True)
class BarChart(Drawn):
    """Bars, one under another, each under its own words, the chart headed by what it counts."""

    id: str  # the HTML id of the figure
    kind: str  # "each": one number for each of several actors; "comparison": several numbers
    title: str
    description: str
    # The status the whole chart shares, as a label beside its title, and what it means.
    status: Badge | None
    status_meaning: str
    rows: tuple[Row, ...]
    zero: float | None  # where zero is, when a bar is below it
    height: float
    caption: str
    width: float = WIDTH
    line: float = LINE
    bar: float = BAR
    direction: str = "ltr"


@dataclasses.dataclass(frozen=True)
class ShareChart(Drawn):
    """A part of a whole: one bar standing for the whole, filled as far as the part."""

    id: str
    title: str
    description: str
    status: Badge
    status_meaning: str
    value: str
    whole_lines: tuple[str, ...]
    part: float
    fill: str
    bar_y: float
    height: float
    caption: str
    kind: str = "share"
    width: float = WIDTH
    line: float = LINE
    direction: str = "ltr"


def _status_words(w: Wording, status: str) -> str:
    label, meaning = w.statuses[status]
    return filled(w.gettext("Status: {label}, {meaning}."), label=label.lower(), meaning=meaning)


def _wrap(text: str, width: int = WRAP) -> tuple[str, ...]:
    """Lines of at most ``width`` characters, broken at spaces and after hyphens. A word longer
    than a line (a German compound, a web address used as a name) is broken too, each piece but
    the last ending in a hyphen: an SVG text does not wrap, and what passes its edge is cut."""
    lines = []
    for line in textwrap.wrap(text, width, break_long_words=False):
        while len(line) > width:  # a word alone on its line: textwrap never adds others to it
            lines.append(line[: width - 1] + "-")
            line = line[width - 1:]
        lines.append(line)
    return tuple(lines) or ("",)


def _sources(w: Wording, content: Content, ids: list[str]) -> str:
    return w.semicolon.join(w.source_name(content.sources[s]) for s in dict.fromkeys(ids))


def _caption(w: Wording, fills: set[str], sources: str, lead: str = "") -> str:
    """What a chart's head does not say: a note, what its ways of drawing bars mean, its sources."""
    drawn = [w.gettext(FILL_MEANINGS[f]) for f in ("hatched", "outlined") if f in fills]
    return " ".join([*([lead] if lead else []), *drawn, filled(w.gettext("Source: {sources}."), sources=sources)])


def _rows(entries: list[tuple[tuple[str, ...], str, float, float | None, str]], top: float) -> tuple[tuple[Row, ...], float | None, float]:
    """Lays out (label lines, value words, value, upper end, status) from ``top`` down: bars
    share one scale from zero, so that their lengths compare. A short label and its value share
    a line, the value at its right end."""
    values = [v for _, _, v, _, _ in entries] + [m for _, _, _, m, _ in entries if m is not None]
    low, high = min(0.0, *values), max(0.0, *values)
    scale = WIDTH / (high - low) if high > low else 0.0
    zero = -low * scale + 0.0  # never -0.0
    rows, y = [], top
    for label, words, amount, upper, status in entries:
        inline = len(label) == 1 and len(label[0]) + len(words) + 3 <= WRAP
        value = () if inline else _wrap(words)
        bar_y = y + LINE * (len(label) + len(value)) + 6
        end = zero + amount * scale
        rows.append(
            Row(
                label=label, value=value, y=y, bar_y=bar_y,
                start=round(min(zero, end), 2), length=round(max(abs(end - zero), 2.0), 2), fill=fill(status),
                range_start=round(end, 2), range_length=round((upper - amount) * scale, 2) if upper is not None else 0.0,
                inline_value=words if inline else "",
            )
        )
        y = bar_y + BAR + ROW_GAP
    return tuple(rows), (round(zero, 2) if low < 0 else None), y - ROW_GAP + 8


def drawn(figure: Figure) -> bool:
    """Whether a figure marked ``chart: true`` is drawn. A number for each of several actors
    would be bars all of one length, which say no more than its sentence ("6,000 bodies
    each, for each of Russia and Ukraine"): only a share of a whole is drawn."""
    return figure.chart and figure.scope not in ("per-actor", "per-side")


def figure_chart(w: Wording, figure: Figure, x: Explainer, content: Content) -> BarChart | ShareChart:
    """A figure marked ``chart: true``: a bar for each actor it is for, or a share of a whole."""
    label, meaning = w.statuses[figure.status]
    top = 0.0
    sources = _sources(w, content, figure.source)
    if figure.scope in ("per-actor", "per-side"):
        names = [content.actors[a].name for a in each(x, figure)]
        value = w.figure_value(figure, each=False)
        rows, zero, height = _rows([(_wrap(name), value, figure.value, figure.value_max, figure.status) for name in names], top)
        description = f"{figure.label}: {w.semicolon.join(f'{name}{w.comma}{value}' for name in names)}. {_status_words(w, figure.status)}"
        return BarChart(
            id=urls.anchor("chart", id=figure.id), kind="each", title=figure.label, description=description,
            status=status_badge(w, figure.status), status_meaning=meaning, rows=rows, zero=zero, height=height,
            caption=_caption(w, {fill(figure.status)}, sources),
        )
    whole = (figure.unit or "").removeprefix("of ")
    whole_lines = _wrap(filled(w.gettext("The whole bar: all of {whole}"), whole=whole))
    bar_y = top + LINE * len(whole_lines) + 8
    description = filled(w.gettext("{label}: {value}, drawn as the filled part of a bar standing for all of {whole}."), 
        label=figure.label, value=w.figure_value(figure), whole=whole
    ) + " " + _status_words(w, figure.status)
    return ShareChart(
        id=urls.anchor("chart", id=figure.id), title=figure.label, description=description,
        status=status_badge(w, figure.status), status_meaning=meaning, value=w.amount(figure), whole_lines=whole_lines, part=round(WIDTH * figure.value, 2), fill=fill(figure.status),
        bar_y=bar_y, height=bar_y + 40 + 12 + LINE + 8,
        caption=_caption(w, {fill(figure.status)}, sources),
    )


def comparison_chart(w: Wording, comparison: Comparison, content: Content, figures: dict[str, Figure]) -> BarChart:
    """Several numbers of the same kind, a bar each, each with its status in words."""
    chosen = [figures[f] for f in comparison.figures]
    entries = []
    sentences = []
    for f in chosen:
        value = f"{w.figure_value(f)} · {w.status(f.status)}"
        entries.append((_wrap(f.label), value, f.value, f.value_max, f.status))
        label, meaning = w.statuses[f.status]
        sentences.append(f"{f.label}: {w.figure_value(f)}{w.comma}{label.lower()} ({meaning}).")
    rows, zero, height = _rows(entries, 0.0)
    lead = comparison.note or ""
    return BarChart(
        id=urls.anchor("comparison-chart", id=comparison.id), kind="comparison", title=comparison.title,
        description=" ".join(sentences), status=None, status_meaning="", rows=rows, zero=zero, height=height,
        caption=_caption(w, {fill(f.status) for f in chosen}, _sources(w, content, [s for f in chosen for s in f.source]), lead),
    )


# -- who is who: each actor others belong to, with those who belong to it ------------------


@dataclasses.dataclass(frozen=True)
class MapRow:
    depth: int
    name: tuple[str, ...]  # the member's name, wrapped
    lines: tuple[str, ...]  # their role, wrapped
    y: float


@dataclasses.dataclass(frozen=True)
class MapBox:
    """One actor that others belong to, listing them, nested: a picture of its own, so that
    boxes sit next to each other where the column is wide and one under another where it is not,
    each drawn at its own size rather than scaled down."""

    id: str
    name: tuple[str, ...]  # wrapped
    head: float  # the height of the box's head, which holds the name
    rows: tuple[MapRow, ...]
    height: float
    description: str


@dataclasses.dataclass(frozen=True)
class ActorMap(Drawn):
    boxes: tuple[MapBox, ...]
    # The layout's measures, for the template that draws it. A box is drawn no wider than its
    # width in CSS pixels (visuals.css), so its smallest text (13 units) stays above 12 px
    # down to a 320 px screen.
    width: float = 300.0
    indent: float = 22.0
    line: float = 16.0
    head_line: float = 20.0
    direction: str = "ltr"


ROW_LINE, ROW_PAD = ActorMap.line, 14.0
COLUMN_WIDTH, INDENT = ActorMap.width, ActorMap.indent
# Characters per line of a box's text at its type sizes: the head's, a name's, a role's.
HEAD_CHARS, NAME_CHARS, ROLE_CHARS = 28, 32, 38
# Each level of membership is indented; the deepest row keeps room for this many characters.
ROW_CHARS = 13


def _room(depth: int) -> float:
    """The share of a box's width left for a row's text ``depth`` levels down."""
    return (COLUMN_WIDTH - 24 - depth * INDENT) / COLUMN_WIDTH


# How many levels of members the map draws below an actor at the top (validation refuses deeper).
MAX_MEMBERSHIP_DEPTH = next(depth for depth in range(100) if int(ROLE_CHARS * _room(depth)) < ROW_CHARS)


def actor_map(w: Wording, view: View, content: Content) -> ActorMap:
    """A box for every actor that others belong to in one explainer, each listing its members, nested."""
    boxes = []
    for root in view.roots:
        rows: list[MapRow] = []
        sentences: list[str] = []
        head_lines = _wrap(root.name, HEAD_CHARS)
        head = ActorMap.head_line * len(head_lines) + 20
        cursor = head + 12
        for row in view.member_rows(root, MAX_MEMBERSHIP_DEPTH):
            name = _wrap(row.actor.name, int(NAME_CHARS * _room(row.depth)))
            lines = _wrap(row.role, int(ROLE_CHARS * _room(row.depth)))
            rows.append(MapRow(row.depth, name, lines, cursor))
            sentences.append(filled(w.gettext("{member}: {role}, {of}."), member=row.actor.name, role=row.role, of=content.actors[row.of].name))
            cursor += ROW_LINE * (len(name) + len(lines)) + ROW_PAD
        boxes.append(MapBox(f"actor-map-{root.id}", head_lines, head, tuple(rows), cursor, " ".join(sentences)))
    return ActorMap(tuple(boxes))


# -- drawing ------------------------------------------------------------------------------


def partial(w: Wording, partials: Path, template: str, **values: object) -> Markup:
    """Any other of the theme's partials for the pages' Markdown (the "Embed" disclosure),
    rendered as one raw HTML block, with the words of ``w``."""
    return html_block(partials_environment(partials).get_template(template).render(**values, **gettext_callables(w, escape)))


def draw(w: Wording, view: View, content: Content, partials: Path = PARTIALS) -> Pictures:
    """One explainer's pictures: its figures marked ``chart: true``, its comparisons, and its
    map of who belongs to whom, drawn in the language's direction (right to left: mirrored)."""
    env = partials_environment(partials)
    words = gettext_callables(w, escape)

    def drawn_as(template: str, **picture: Drawn) -> Markup:
        return html_block(env.get_template(template).render(
            **{name: dataclasses.replace(p, direction=w.direction) for name, p in picture.items()}, **words))

    figures = {
        figure.id: drawn_as("figure-chart.html", chart=figure_chart(w, figure, view.x, content))
        for figure in view.x.figures.values()
        if drawn(figure)
    }
    comparisons = {
        c.id: drawn_as("comparison-chart.html", chart=comparison_chart(w, c, content, view.x.figures))
        for c in view.comparisons
    }
    the_map = actor_map(w, view, content)
    drawn_map = drawn_as("actor-map.html", map=the_map) if the_map.boxes else None
    return Pictures(figures=figures, comparisons=comparisons, actor_map=drawn_map)
