"""Downloads: a validated ``Content`` → the explainer's data as files, ``{path: text}``.

``data/explainer.json`` is the whole validated model, with the same fields as the YAML, for
programs. The CSV files are for spreadsheets: one row per number, position or event, each
reference given both as its id (as in the JSON) and as the name readers see.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .model import sort_key
from .validate import Content

LIST_SEPARATOR = "; "

# Declared apart from the rows so that a file with no entries still has its header.
FIGURE_COLUMNS = (
    "id", "label", "value", "value_max", "unit", "wording", "qualifier", "scope", "status",
    "claimed_by", "claimed_by_names", "issue", "issue_title", "as_of", "note", "source", "source_title",
)
POSITION_COLUMNS = (
    "actor", "actor_name", "issue", "issue_title", "stance", "summary", "said_by", "said_by_name",
    "quote", "date", "source", "source_title",
)
EVENT_COLUMNS = (
    "id", "date", "title", "summary", "actors", "actor_names", "issues", "issue_titles", "source", "source_title",
)


def export(content: Content) -> dict[str, str]:
    """Every download, keyed by its path in the site."""
    return {
        "data/explainer.json": json.dumps(dump(content), ensure_ascii=False, indent=2) + "\n",
        "data/figures.csv": _csv(FIGURE_COLUMNS, _figure_rows(content)),
        "data/positions.csv": _csv(POSITION_COLUMNS, _position_rows(content)),
        "data/events.csv": _csv(EVENT_COLUMNS, _event_rows(content)),
    }


def dump(content: Content) -> dict[str, Any]:
    """The content as JSON-ready data: each file's entries, in file order."""
    return {
        "explainer": content.explainer.model_dump(mode="json"),
        "sources": [s.model_dump(mode="json") for s in content.sources.values()],
        "actors": [a.model_dump(mode="json") for a in content.actors.values()],
        "issues": [i.model_dump(mode="json") for i in content.issues.values()],
        "positions": [p.model_dump(mode="json") for p in content.positions],
        "figures": [f.model_dump(mode="json") for f in content.figures.values()],
        "events": [e.model_dump(mode="json") for e in content.events.values()],
    }


def number(value: float) -> int | float:
    """``6000.0`` → ``6000``: a whole number without the ``.0`` a float would print."""
    return int(value) if value.is_integer() else value


# Spreadsheets run a cell that starts with one of these as a formula: text pasted from a
# hostile source could then compute, or fetch, on a reader's machine. Such text gets a leading
# apostrophe, which spreadsheets show as plain text (the JSON keeps the text exactly).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    # DictWriter refuses a row key that is not a column, so a new field cannot be dropped silently.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _inert(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def _joined(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def _figure_rows(c: Content) -> list[dict[str, Any]]:
    return [
        {
            "id": f.id,
            "label": f.label,
            "value": number(f.value),
            "value_max": None if f.value_max is None else number(f.value_max),
            "unit": f.unit,
            "wording": f.wording,
            "qualifier": f.qualifier,
            "scope": f.scope,
            "status": f.status,
            "claimed_by": _joined(f.claimed_by),
            "claimed_by_names": _joined(c.actors[a].name for a in f.claimed_by),
            "issue": f.issue,
            "issue_title": c.issues[f.issue].title if f.issue else None,
            "as_of": f.as_of,
            "note": f.note,
            "source": f.source,
            "source_title": c.sources[f.source].title,
        }
        for f in c.figures.values()
    ]


def _position_rows(c: Content) -> list[dict[str, Any]]:
    return [
        {
            "actor": p.actor,
            "actor_name": c.actors[p.actor].name,
            "issue": p.issue,
            "issue_title": c.issues[p.issue].title,
            "stance": p.stance,
            "summary": p.summary,
            "said_by": p.said_by,
            "said_by_name": c.actors[p.said_by].name if p.said_by else None,
            "quote": p.quote,
            "date": p.date,
            "source": p.source,
            "source_title": c.sources[p.source].title,
        }
        for p in c.positions
    ]


def _event_rows(c: Content) -> list[dict[str, Any]]:
    # In date order, as on the timeline; sorted() keeps file order for events on the same date.
    return [
        {
            "id": e.id,
            "date": e.date,
            "title": e.title,
            "summary": e.summary,
            "actors": _joined(e.actors),
            "actor_names": _joined(c.actors[a].name for a in e.actors),
            "issues": _joined(e.issues),
            "issue_titles": _joined(c.issues[i].title for i in e.issues),
            "source": e.source,
            "source_title": c.sources[e.source].title,
        }
        for e in sorted(c.events.values(), key=lambda e: sort_key(e.date))
    ]
