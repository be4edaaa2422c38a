"""Step 3, render: a validated ``Content`` → ``{page path: Markdown}``.

The templates in ``templates/`` are the only place that writes Markdown. Text from the
content is data: every value printed by a template is escaped for Markdown and HTML unless
the template itself produced it, so a name like ``<script>`` or ``{{ x }}`` shows literally.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import charts, model, wording
from .diagnostics import ContentError, Diagnostic
from .load import display_path
from .model import Actor, Event, Figure, Issue, Position
from .templating import bytecode_cache
from .validate import Content

TEMPLATES = Path(__file__).parent / "templates"
# Sides shown in the "Where they stand" table at most.
MATRIX_COLUMNS = 10

# Characters that mean something to Markdown, its extensions (emoji, attribute lists,
# tables, footnotes…) or HTML, written as character references so they show as typed.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>&:~^=$]")
# Only special at the start of a line: list markers, numbered lists, rules.
_LINE_START = re.compile(r"^(-|[0-9]+(?=\.))")
_SPACE = re.compile(r"\s+")


def escape_markdown(text: str) -> Markup:
    """Plain text → Markdown that renders as exactly that text, on one line."""
    text = _SPACE.sub(" ", text).strip()
    text = _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    text = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)
    return Markup(text)


def _finalize(value: Any) -> Any:
    # Runs on every {{ … }}: template-made Markdown (Markup) passes, content text is escaped.
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return escape_markdown(value)
    return value


def _join(items: Any, separator: str = "") -> Markup:
    return Markup(separator).join(_finalize(item) for item in items)


def _url(address: str) -> Markup:
    # Addresses are validated as http(s) without spaces, quotes or brackets; percent-encoding
    # anything else keeps the Markdown link intact.
    return Markup(urllib.parse.quote(address, safe=":/?#@!$&'*+,;=%~-._"))


def environment(templates: Sequence[Path] = (TEMPLATES,)) -> jinja2.Environment:
    """The Jinja environment; ``templates`` are searched in order, so a folder placed before
    the built-in one overrides any template by giving a file the same name."""
    return _environment(tuple(templates))


# Compiling templates was most of a build's generator time: one environment per template
# folder is kept for the life of the process (Jinja still reloads a template edited on disk).
@functools.lru_cache(maxsize=16)
def _environment(templates: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(templates)),
        bytecode_cache=bytecode_cache(),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        join=_join,
        number=wording.number,
        figure_value=wording.figure_value,
        source_name=wording.source_name,
        date=model.format_date,
        url=_url,
    )
    env.globals.update(STANCES=model.STANCES, STATUSES=model.STATUSES, QUALIFIERS=model.QUALIFIERS)
    return env


@dataclasses.dataclass(frozen=True)
class Lookups:
    """The content plus the lookups pages need to link every item to every other."""

    content: Content
    positions_by_issue: dict[str, list[Position]]
    positions_by_actor: dict[str, list[Position]]
    positions_said_by: dict[str, list[Position]]
    figures_by_issue: dict[str, list[Figure]]
    figures_by_actor: dict[str, list[Figure]]
    events_by_issue: dict[str, list[Event]]
    events_by_actor: dict[str, list[Event]]
    members: dict[str, list[tuple[Actor, str]]]
    timeline: list[Event]
    matrix_actors: list[Actor]
    matrix_left_out: int
    citations: dict[str, dict[str, list[Any]]]
    # Actors others belong to but who belong to no one: the top of "who is who".
    roots: list[Actor]
    # Inline SVG pictures by figure id, and "actor-map".
    pictures: dict[str, Markup]

    def position(self, issue_id: str, actor_id: str) -> Position | None:
        for position in self.positions_by_issue.get(issue_id, []):
            if position.actor == actor_id:
                return position
        return None

    @classmethod
    def build(cls, content: Content, pictures: dict[str, Markup]) -> Lookups:
        positions_by_issue: dict[str, list[Position]] = defaultdict(list)
        positions_by_actor: dict[str, list[Position]] = defaultdict(list)
        actor_order = {actor_id: i for i, actor_id in enumerate(content.actors)}
        issue_order = {issue_id: i for i, issue_id in enumerate(content.issues)}
        for position in sorted(content.positions, key=lambda p: actor_order[p.actor]):
            positions_by_issue[position.issue].append(position)
        positions_said_by: dict[str, list[Position]] = defaultdict(list)
        for position in sorted(content.positions, key=lambda p: issue_order[p.issue]):
            positions_by_actor[position.actor].append(position)
            if position.said_by and position.said_by != position.actor:
                positions_said_by[position.said_by].append(position)

        figures_by_issue: dict[str, list[Figure]] = defaultdict(list)
        figures_by_actor: dict[str, list[Figure]] = defaultdict(list)
        for figure in content.figures.values():
            if figure.issue:
                figures_by_issue[figure.issue].append(figure)
            for actor_id in figure.claimed_by:
                figures_by_actor[actor_id].append(figure)

        timeline = sorted(content.events.values(), key=lambda e: model.sort_key(e.date))
        events_by_issue: dict[str, list[Event]] = defaultdict(list)
        events_by_actor: dict[str, list[Event]] = defaultdict(list)
        for event in timeline:
            for issue_id in event.issues:
                events_by_issue[issue_id].append(event)
            for actor_id in event.actors:
                events_by_actor[actor_id].append(event)

        members: dict[str, list[tuple[Actor, str]]] = defaultdict(list)
        for actor in content.actors.values():
            for membership in actor.memberships:
                members[membership.of].append((actor, membership.role))

        # The main parties first, then the sides with the most positions, up to a width a
        # reader can take in (each issue's page lists every side).
        parties = content.explainer.parties
        others = [a for a in content.actors.values() if a.id in positions_by_actor and a.id not in parties]
        others.sort(key=lambda a: -len(positions_by_actor[a.id]))  # stable: file order among equals
        room = max(MATRIX_COLUMNS - len(parties), 0)
        matrix_actors = [content.actors[p] for p in parties] + others[:room]
        matrix_left_out = len(others[room:])

        citations: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for kind, items in (
            ("actors", content.actors.values()),
            ("issues", content.issues.values()),
            ("positions", content.positions),
            ("figures", content.figures.values()),
            ("events", timeline),
            ("notes", [*content.explainer.summary, *content.explainer.unknowns, *content.explainer.next]),
        ):
            for item in items:
                citations[item.source][kind].append(item)

        return cls(
            content=content,
            positions_by_issue=_plain(positions_by_issue),
            positions_by_actor=_plain(positions_by_actor),
            positions_said_by=_plain(positions_said_by),
            figures_by_issue=_plain(figures_by_issue),
            figures_by_actor=_plain(figures_by_actor),
            events_by_issue=_plain(events_by_issue),
            events_by_actor=_plain(events_by_actor),
            members=_plain(members),
            timeline=timeline,
            matrix_actors=matrix_actors,
            matrix_left_out=matrix_left_out,
            citations={k: dict(v) for k, v in citations.items()},
            roots=[a for a in content.actors.values() if not a.memberships and a.id in members],
            pictures=pictures,
        )


def _plain(mapping: defaultdict) -> dict:
    # A plain dict, so a template asking for a missing key gets {} via .get, never a silent insert.
    return dict(mapping)


# (page path, template, extra variables) for the pages every explainer has.
_TOP_LEVEL_PAGES: list[tuple[str, str, dict[str, Any]]] = [
    ("index.md", "home.md.j2", {}),
    ("timeline.md", "timeline.md.j2", {}),
    ("positions.md", "positions.md.j2", {}),
    ("figures.md", "figures.md.j2", {}),
    ("sources.md", "sources.md.j2", {}),
    ("actors/index.md", "actors.md.j2", {}),
    ("issues/index.md", "issues.md.j2", {}),
]


def render(
    content: Content, templates: Sequence[Path] = (TEMPLATES,), partials: Path = charts.PARTIALS
) -> dict[str, str]:
    """Every page of the site as Markdown, keyed by its path under the docs folder.

    ``partials`` holds the HTML templates that draw the pictures embedded in the pages.
    """
    env = environment(templates)
    site = Lookups.build(content, charts.draw(content, partials))
    jobs = list(_TOP_LEVEL_PAGES)
    jobs += [(f"actors/{a.id}.md", "actor.md.j2", {"actor": a}) for a in content.actors.values()]
    jobs += [(f"issues/{i.id}.md", "issue.md.j2", {"issue": i}) for i in content.issues.values()]

    pages: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for path, template_name, extra in jobs:
        try:
            pages[path] = env.get_template(template_name).render(site=site, c=content, **extra)
        except jinja2.TemplateSyntaxError as error:
            file = display_path(Path(error.filename)) if error.filename else template_name
            problems.append(Diagnostic(file, error.lineno, 1, "error", f"template: {error.message}"))
        except jinja2.UndefinedError as error:
            file, line = _template_place(error, template_name)
            problems.append(Diagnostic(file, line, 1, "error", f"template: {error.message}"))
    if problems:
        raise ContentError(set(problems))
    return pages


def render_unavailable(templates: Sequence[Path] = (TEMPLATES,)) -> dict[str, str]:
    """Stand-ins for the top-level pages, for a preview whose content has never been valid."""
    page = environment(templates).get_template("unavailable.md.j2").render()
    return {path: page for path, _, _ in _TOP_LEVEL_PAGES}


def _template_place(error: Exception, fallback: str) -> tuple[str, int]:
    # Jinja rewrites tracebacks so that template frames carry the template's own file and line.
    place = (fallback, 0)
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            place = (display_path(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return place
