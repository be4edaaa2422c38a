"""Downloads: a validated desk → its data as files, ``{path in the site: text}``.

Each explainer gets ``explainer.json`` (its story, positions, numbers and events, with the
actors, issues and sources they name, in the same fields as the YAML) and CSV files for
spreadsheets: one row per number, position or event, each reference given both as its id
and as the name readers see. The desk gets the same for every explainer at once, with an
``explainer`` column, and ``desk.json``: the whole validated desk.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from collections.abc import Iterable
from typing import Any

from . import lookups, urls
from .lookups import View
from .model import Content, Explainer, sort_key

LIST_SEPARATOR = "; "

# Declared apart from the rows so that a file with no entries still has its header.
# A number's value is exact, as typed; its unit, currency and rate are columns of their own.
FIGURE_COLUMNS = (
    "explainer", "id", "label", "value", "value_max", "unit", "currency", "rate", "by", "wording", "qualifier",
    "scope", "actors", "actor_names", "status", "replaced_by", "claimed_by", "claimed_by_names", "document",
    "document_title", "issue", "issue_title", "as_of", "note", "source", "source_title",
)
POSITION_COLUMNS = (
    "explainer", "actor", "actor_name", "issue", "issue_title", "stance", "stance_label", "summary", "said_by",
    "said_by_name", "document", "document_title", "quote", "date", "source", "source_title",
)
EVENT_COLUMNS = (
    "explainer", "id", "date", "title", "summary", "actors", "actor_names", "issues", "issue_titles", "source", "source_title",
)
# What each download holds, by file name: for the pages that link to them.
FILES = ("explainer.json", "figures.csv", "positions.csv", "events.csv")
DESK_FILES = ("desk.json", "figures.csv", "positions.csv", "events.csv")


def export(content: Content, explainers: Iterable[str] | None = None) -> dict[str, str]:
    """Every download, keyed by its path in the site; with ``explainers``, the desk's and those
    of these explainers only (a preview's rebuild, see preview.py)."""
    files: dict[str, str] = {}
    wanted = None if explainers is None else set(explainers)
    for slug, x in content.explainers.items():
        if wanted is not None and slug not in wanted:
            continue
        view = lookups.view(content, x)
        names = {
            "explainer.json": _json(dump_explainer(content, view)),
            "figures.csv": _csv(FIGURE_COLUMNS, _figure_rows(content, [x])),
            "positions.csv": _csv(POSITION_COLUMNS, _position_rows(content, [x])),
            "events.csv": _csv(EVENT_COLUMNS, _event_rows(content, [x])),
        }
        files |= {urls.download("explainer-data", slug=slug, name=name): text for name, text in names.items()}
    every = list(content.explainers.values())
    desk = {
        "desk.json": _json(dump_desk(content)),
        "figures.csv": _csv(FIGURE_COLUMNS, _figure_rows(content, every)),
        "positions.csv": _csv(POSITION_COLUMNS, _position_rows(content, every)),
        "events.csv": _csv(EVENT_COLUMNS, _event_rows(content, every)),
    }
    files |= {urls.download("desk-data", name=name): text for name, text in desk.items()}
    return files


def _own(x: Explainer) -> dict[str, Any]:
    return {
        "explainer": x.story.model_dump(mode="json"),
        "positions": [p.model_dump(mode="json") for p in x.positions],
        "figures": [f.model_dump(mode="json") for f in x.figures.values()],
        "events": [e.model_dump(mode="json") for e in x.events.values()],
    }


def dump_explainer(content: Content, view: View) -> dict[str, Any]:
    """One explainer as JSON-ready data, with the registry entries it names."""
    cited = set(view.citations)
    return {
        "slug": view.x.slug,
        **_own(view.x),
        "actors": [a.model_dump(mode="json") for a in view.actors],
        "issues": [i.model_dump(mode="json") for i in view.issues],
        "documents": [d.model_dump(mode="json") for d in view.documents],
        "sources": [s.model_dump(mode="json") for s in content.sources.values() if s.id in cited],
        "stances": [t.model_dump(mode="json") for t in content.stances.values()],
    }


def dump_desk(content: Content) -> dict[str, Any]:
    """The whole desk as JSON-ready data: the registry and every explainer, in file order."""
    return {
        "desk": content.desk.model_dump(mode="json"),
        "sources": [s.model_dump(mode="json") for s in content.sources.values()],
        "actors": [a.model_dump(mode="json") for a in content.actors.values()],
        "issues": [i.model_dump(mode="json") for i in content.issues.values()],
        "documents": [d.model_dump(mode="json") for d in content.documents.values()],
        # The vocabularies in use: desk.yml's, or the built-in ones it leaves unsaid.
        "stances": [t.model_dump(mode="json") for t in content.stances.values()],
        "kinds": [t.model_dump(mode="json") for t in content.kinds.values()],
        "explainers": [{"slug": x.slug, **_own(x)} for x in content.explainers.values()],
    }


def number(value: float) -> int | float:
    """``6000.0`` → ``6000``: a whole number without the ``.0`` a float would print, with the
    digits as typed: ``1e30`` → ``1`` and 30 zeros (``int(1e30)`` has other digits at its end)."""
    return int(Decimal(repr(value))) if value.is_integer() else value


def _json(data: Any) -> str:
    # On one line: Python writes indented JSON with its pure-Python encoder, at half the speed
    # of the C one, and the whole desk's file is written again at every save of a preview.
    # Browsers and editors lay JSON out for reading.
    return json.dumps(data, ensure_ascii=False) + "\n"


# Spreadsheets run a cell that starts with one of these as a formula: text pasted from a
# hostile source could then compute, or fetch, on a reader's machine. Such text gets a leading
# apostrophe, which spreadsheets show as plain text (the JSON keeps the text exactly).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = f"'{value}" if value.startswith(_FORMULA_START) else value
    # The csv module quotes a cell holding "\n" (the line terminator) but not a bare "\r", which
    # would end the row early and could start a new row with a formula: in a cell, it is a line
    # break like any other.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    # DictWriter refuses a row key that is not a column, so a new field cannot be dropped silently.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _inert(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def _joined(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def _sources(c: Content, ids: list[str]) -> dict[str, str]:
    return {"source": _joined(ids), "source_title": _joined(c.sources[s].title for s in ids)}


def _figure_rows(c: Content, explainers: list[Explainer]) -> list[dict[str, Any]]:
    return [
        {
            "explainer": x.slug,
            "id": f.id,
            "label": f.label,
            "value": number(f.value),
            "value_max": None if f.value_max is None else number(f.value_max),
            "unit": f.unit,
            "currency": f.currency,
            "rate": f.rate,
            "by": f.by,
            "wording": f.wording,
            "qualifier": f.qualifier,
            "scope": f.scope,
            "actors": _joined(lookups.each(x, f)),
            "actor_names": _joined(c.actors[a].name for a in lookups.each(x, f)),
            "status": f.status,
            "replaced_by": f.replaced_by,
            "claimed_by": _joined(f.claimed_by),
            "claimed_by_names": _joined(c.actors[a].name for a in f.claimed_by),
            "document": f.document,
            "document_title": c.documents[f.document].title if f.document else None,
            "issue": f.issue,
            "issue_title": c.issues[f.issue].title if f.issue else None,
            "as_of": f.as_of,
            "note": f.note,
            **_sources(c, f.source),
        }
        for x in explainers
        for f in x.figures.values()
    ]


def _position_rows(c: Content, explainers: list[Explainer]) -> list[dict[str, Any]]:
    return [
        {
            "explainer": x.slug,
            "actor": p.actor,
            "actor_name": c.actors[p.actor].name,
            "issue": p.issue,
            "issue_title": c.issues[p.issue].title,
            "stance": p.stance,
            "stance_label": c.stances[p.stance].label,
            "summary": p.summary,
            "said_by": p.said_by,
            "said_by_name": c.actors[p.said_by].name if p.said_by else None,
            "document": p.document,
            "document_title": c.documents[p.document].title if p.document else None,
            "quote": p.quote,
            "date": p.date,
            **_sources(c, p.source),
        }
        for x in explainers
        for p in x.positions
    ]


def _event_rows(c: Content, explainers: list[Explainer]) -> list[dict[str, Any]]:
    # In date order, as on the timeline; sorted() keeps file order for events on the same date.
    events = sorted(((x, e) for x in explainers for e in x.events.values()), key=lambda xe: sort_key(xe[1].date))
    return [
        {
            "explainer": x.slug,
            "id": e.id,
            "date": e.date,
            "title": e.title,
            "summary": e.summary,
            "actors": _joined(e.actors),
            "actor_names": _joined(c.actors[a].name for a in e.actors),
            "issues": _joined(e.issues),
            "issue_titles": _joined(c.issues[i].title for i in e.issues),
            **_sources(c, e.source),
        }
        for x, e in events
    ]
