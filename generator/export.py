"""Downloads: a validated desk → its data as files, ``{path in the site: text}``.

Each explainer gets ``explainer.json`` (its story, positions, numbers and events, with the
actors, issues and sources they name, in the same fields as the YAML) and CSV files for
spreadsheets: one row per number, position or event, each reference given both as its id
and as the name readers see. The desk gets the same for every explainer at once, with an
``explainer`` column, and ``desk.json``: the whole validated desk.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from . import files, lookups, urls, values
from .files import ContentFile
from .lookups import View
from .model import Entry
from .validated_desk import Content, Explainer
from .values import RefTo, Term, sort_key
from .wording import Wording

LIST_SEPARATOR = "; "
# The files with a CSV download, one row per entry: an explainer's lists of entries. Their
# columns come from the model: a field's column, and beside each reference the name or title
# readers know it by (``actor`` and ``actor_name``), so a new field is a new column by itself.
TABLES = tuple(f for f in files.EXPLAINER_FILES if not f.mapping)
# What readers see of a vocabulary's word, beside the word (``stance`` and ``stance_label``).
_TERM_LABELS = {"stances": "label", "kinds": "heading"}
# A field whose cell says more than its value: a number for each of the explainer's parties
# is for those parties, though it lists no actors of its own.
_CELLS: dict[tuple[str, str], Callable[[Explainer, Any], Any]] = {("figures.yml", "actors"): lookups.each}
# The files whose rows are in date order, as on the timeline (others keep file order).
_IN_DATE_ORDER = frozenset({"events.yml"})


@dataclasses.dataclass(frozen=True)
class Parts:
    """What the downloads say of one explainer, worked out once for its own files and the desk's
    (which are written again from every explainer's at each save of a preview): its files as
    JSON-ready data, its entry in desk.json as JSON text, and per table its rows as lines of
    CSV, each with the key it is sorted by on the desk's."""

    own: dict[str, Any]
    desk_entry: str
    lines: dict[str, list[tuple[Any, str]]]


def export(content: Content, explainers: Iterable[str] | None = None, *, language: str | None = None,
           kept: dict[str, Parts] | None = None) -> dict[str, str]:
    """Every download, keyed by its path in the site; with ``explainers``, the desk's and those
    of these explainers only (a preview's rebuild, see preview.py). The columns beside a stance
    or a kind (``stance_label``) word it in ``language`` (by default the desk's first).

    ``kept`` (a preview's, from one rebuild to the next) holds the ``Parts`` of each explainer:
    those of an explainer that ``explainers`` leaves out are taken from it (the caller names
    every explainer whose rows an edit can change: its own, or the registry, or a figure of
    another explainer's that it names); the others are worked out and kept there."""
    content = Wording.built(content, language).vocabularies(content)
    wanted = None if explainers is None else set(explainers)
    kept = {} if kept is None else kept
    parts = {}
    for slug, x in content.explainers.items():
        if slug not in kept or wanted is None or slug in wanted:
            kept[slug] = _parts(content, x)
        parts[slug] = kept[slug]
    for gone in kept.keys() - parts.keys():
        del kept[gone]
    result: dict[str, str] = {}
    for slug, x in content.explainers.items():
        if wanted is not None and slug not in wanted:
            continue
        names = {"explainer.json": _json(dump_explainer(content, lookups.view(content, x), parts[slug].own))}
        names |= {_csv_name(f): _csv(columns(f), [line for _, line in parts[slug].lines[f.name]]) for f in TABLES}
        result |= {urls.download("explainer-data", slug=slug, name=name): text for name, text in names.items()}
    desk = {"desk.json": _desk_json(content, [part.desk_entry for part in parts.values()])}
    desk |= {_csv_name(f): _desk_csv(f, [part.lines[f.name] for part in parts.values()]) for f in TABLES}
    result |= {urls.download("desk-data", name=name): text for name, text in desk.items()}
    return result


def _parts(c: Content, x: Explainer) -> Parts:
    own = _own(x)
    lines = {}
    for f in TABLES:
        keyed = _rows(c, x, f)
        lines[f.name] = list(zip([key for key, _ in keyed], _csv_lines(columns(f), [row for _, row in keyed])))
    return Parts(own, _json_text({"slug": x.slug, **own}), lines)


def _desk_csv(file: ContentFile, each: list[list[tuple[Any, str]]]) -> str:
    """The desk's CSV of a table: every explainer's rows, in date order where the table has one
    (sorted() keeps the explainers' order, and each one's, for rows on the same date)."""
    lines = [line for found in each for line in found]
    if file.name in _IN_DATE_ORDER:
        lines.sort(key=lambda keyed: keyed[0])
    return _csv(columns(file), [line for _, line in lines])


def _csv_name(file: ContentFile) -> str:
    return _stem(file) + ".csv"


@functools.cache
def _fields(cls: type[Entry]) -> tuple[tuple[str, RefTo | Term | None, str | None], ...]:
    """Each field of a model in order, what it refers to, and the name of the column beside it
    that says what readers know the referred entry by (None when it refers to nothing)."""
    result = []
    for name in cls.model_fields:
        target, many = values.refers(values.annotation_of(cls, name))
        label = None
        if isinstance(target, RefTo):
            label = files.BY_NAME[target.file].label
        elif isinstance(target, Term):
            label = _TERM_LABELS[target.vocabulary]
        result.append((name, target, label and _beside(name, target.noun, label, many)))
    return tuple(result)


def _beside(name: str, noun: str, label: str, many: bool) -> str:
    """The column beside a reference: ``actor`` → ``actor_name``, ``actors`` → ``actor_names``,
    ``claimed_by`` → ``claimed_by_names``, ``source`` (one or more) → ``source_title``."""
    if not many or name == noun:
        return f"{name}_{label}"
    return f"{noun if name == noun + 's' else name}_{label}s"


def columns(file: ContentFile) -> tuple[str, ...]:
    """The columns of a file's CSV download, declared apart from the rows so that a file with
    no entries still has its header."""
    return ("explainer", *(column for name, _, beside in _fields(file.model) for column in (name, beside) if column))


def _rows(c: Content, x: Explainer, file: ContentFile) -> list[tuple[Any, dict[str, Any]]]:
    """An explainer's rows of a table, each with its date's sort key (None for a table in file order)."""
    entries = list(_entries_of(getattr(x, file.attribute)))
    if file.name not in _IN_DATE_ORDER:
        return [(None, _row(c, x, entry, file)) for entry in entries]
    # sorted() keeps file order for entries on the same date.
    keyed = sorted(((sort_key(getattr(entry, "date")), entry) for entry in entries), key=lambda ke: ke[0])
    return [(key, _row(c, x, entry, file)) for key, entry in keyed]


def _entries_of(held: Any) -> Iterable[Entry]:
    return held.values() if isinstance(held, dict) else held


def _row(c: Content, x: Explainer, entry: Entry, file: ContentFile) -> dict[str, Any]:
    row: dict[str, Any] = {"explainer": x.slug}
    for name, target, beside in _fields(type(entry)):
        cell = _CELLS.get((file.name, name))
        value = cell(x, entry) if cell else getattr(entry, name)
        row[name] = _cell(value)
        if beside and target:
            row[beside] = _cell(None if value is None else _labels(c, target, value))
    return row


def _labels(c: Content, target: RefTo | Term, value: Any) -> Any:
    """What readers know the entry (or entries) a reference names by: its name or title."""
    if isinstance(value, (list, tuple)):
        return [_labels(c, target, one) for one in value]
    if isinstance(target, Term):
        return getattr(getattr(c, target.vocabulary)[value], _TERM_LABELS[target.vocabulary])
    file = files.BY_NAME[target.file]
    return getattr(_named(c, file)[value], file.label or "id")


def _named(c: Content, file: ContentFile) -> dict[str, Any]:
    """The entries of a file with ids, by id: the desk's own, or those of every explainer."""
    if file.where == "desk":
        return getattr(c, file.attribute)
    return {id_: entry for x in c.explainers.values() for id_, entry in getattr(x, file.attribute).items()}


def _cell(value: Any) -> Any:
    """A value as a spreadsheet cell: lists joined, numbers as typed, true and false as in YAML."""
    if isinstance(value, (list, tuple)):
        return _joined(str(_cell(v)) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    return value


def _own(x: Explainer) -> dict[str, Any]:
    """An explainer's own files, each under its name (``positions``), in the same fields as the YAML."""
    return {_stem(f): _dumped(getattr(x, f.attribute)) for f in files.EXPLAINER_FILES}


def _stem(file: ContentFile) -> str:
    return file.name.rsplit(".", 1)[0]


def _dumped(held: Any) -> Any:
    if isinstance(held, BaseModel):
        return held.model_dump(mode="json")
    return [entry.model_dump(mode="json") for entry in _entries_of(held)]


def dump_explainer(content: Content, view: View, own: dict[str, Any]) -> dict[str, Any]:
    """One explainer as JSON-ready data (``own``: its own files', ``_own``), with the registry
    entries it names."""
    cited = set(view.citations)
    return {
        "slug": view.x.slug,
        **own,
        "actors": [a.model_dump(mode="json") for a in view.actors],
        "issues": [i.model_dump(mode="json") for i in view.issues],
        "documents": [d.model_dump(mode="json") for d in view.documents],
        "sources": [s.model_dump(mode="json") for s in content.sources.values() if s.id in cited],
        "stances": [t.model_dump(mode="json") for t in content.stances.values()],
    }


def _dump_registry(content: Content) -> dict[str, Any]:
    """The desk's registry as JSON-ready data: desk.json but for its last key, the explainers."""
    return {
        **{_stem(f): _dumped(getattr(content, f.attribute)) for f in files.DESK_FILES},
        # The vocabularies in use: desk.yml's, or the built-in ones it leaves unsaid.
        "stances": [t.model_dump(mode="json") for t in content.stances.values()],
        "kinds": [t.model_dump(mode="json") for t in content.kinds.values()],
    }


def _desk_json(content: Content, entries: list[str]) -> str:
    """desk.json, the whole desk: the registry, then every explainer in file order, each written
    already (``Parts.desk_entry``), as one object whose last key is ``explainers``."""
    registry = _json_text(_dump_registry(content))
    return f'{registry[:-1]}, "explainers": [{", ".join(entries)}]}}\n'


def number(value: float) -> int | float:
    """``6000.0`` → ``6000``: a whole number without the ``.0`` a float would print, with the
    digits as typed: ``1e30`` → ``1`` and 30 zeros (``int(1e30)`` has other digits at its end)."""
    return int(Decimal(repr(value))) if value.is_integer() else value


def _json(data: Any) -> str:
    return _json_text(data) + "\n"


def _json_text(data: Any) -> str:
    # On one line: Python writes indented JSON with its pure-Python encoder, at half the speed
    # of the C one, and the whole desk's file is written again at every save of a preview.
    # Browsers and editors lay JSON out for reading.
    return json.dumps(data, ensure_ascii=False)


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


def _csv(columns: tuple[str, ...], lines: list[str]) -> str:
    """A CSV file: its header, then its rows' lines (``_csv_lines``)."""
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=columns, lineterminator="\n").writeheader()
    out.writelines(lines)
    return out.getvalue()


def _csv_lines(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> list[str]:
    """Each row as a line of CSV: written once, and joined into an explainer's file and the
    desk's (at each save of a preview, of rows mostly unchanged)."""
    out = io.StringIO()
    # DictWriter refuses a row key that is not a column, so a new field cannot be dropped silently.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    lines = []
    for row in rows:
        writer.writerow({key: _inert(value) for key, value in row.items()})
        lines.append(out.getvalue())
        out.seek(0)
        out.truncate()
    return lines


def _joined(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)
