"""Step 2, validate: loaded documents → a typed, cross-checked ``Content``.

Every problem is collected before anything is reported: wrong shapes and types (from the
model), duplicate ids, and references to ids that do not exist.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import types
import typing
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model
from .diagnostics import ContentError, Diagnostic
from .load import Document, Key
from .model import Actor, Entry, Event, Explainer, Figure, Issue, Position, Source


@dataclasses.dataclass(frozen=True)
class Content:
    """A validated explainer: every reference in it resolves."""

    explainer: Explainer
    sources: dict[str, Source]
    actors: dict[str, Actor]
    issues: dict[str, Issue]
    positions: list[Position]
    figures: dict[str, Figure]
    events: dict[str, Event]
    # Problems that do not stop a build (``mkdocs build --strict`` still fails on them).
    warnings: tuple[Diagnostic, ...] = ()


def validate(documents: dict[str, Document], folder: str = "content") -> Content:
    """Raises ContentError with every problem when the content is not valid.

    ``folder`` names the content folder in diagnostics about files that are missing.
    """
    problems: list[Diagnostic] = []
    entries: dict[str, list[tuple[Key, Entry]]] = {}

    for name in documents.keys() - model.FILES.keys():
        problems.append(
            documents[name].diagnostic((), f"unexpected file (expected only: {', '.join(model.FILES)})", severity="error")
        )
    for name, cls in model.FILES.items():
        document = documents.get(name)
        if document is None:
            problems.append(Diagnostic(f"{folder}/{name}", 0, 0, "error", f"file is missing (expected {_what(cls)})"))
            continue
        entries[name] = list(_check_shape(document, cls, problems))

    ids: dict[str, dict[str, Key]] = {}
    for name, items in entries.items():
        # A file that is not a list at all has no ids to check against: saying that every
        # reference into it is unknown would only repeat its one error many times.
        if "id" in model.FILES[name].model_fields and isinstance(documents[name].data, list):
            ids[name] = _check_unique_ids(documents[name], items, problems)
    # An entry with a wrong field is left out, but its id still exists for the editor:
    # counting it keeps one mistake from showing up as "unknown id" everywhere it is used.
    for name, known in ids.items():
        for key, raw_id in _ids_of_invalid_entries(documents[name], entries[name]):
            known.setdefault(raw_id, key)
    incomplete = {name for name in entries if len(entries[name]) < _entry_count(documents[name])}
    referenced: dict[str, set[str]] = defaultdict(set)
    for name, items in entries.items():
        for key, entry in items:
            for ref_key, target, ref in _references(entry, key):
                known = ids.get(target.file)
                referenced[target.file].add(ref)
                if known is not None and ref not in known:
                    problems.append(documents[name].diagnostic(ref_key, _unknown(ref, target, known)))
    problems.extend(_check_unique_positions(documents.get("positions.yml"), entries.get("positions.yml", [])))
    problems.extend(_editorial_warnings(documents, entries, referenced, incomplete))

    if any(p.severity == "error" for p in problems) or len(entries) < len(model.FILES):
        raise ContentError(problems)
    (_, explainer), = entries["explainer.yml"]
    return Content(
        explainer=explainer,  # type: ignore[arg-type]
        sources={e.id: e for _, e in entries["sources.yml"]},  # type: ignore[attr-defined]
        actors={e.id: e for _, e in entries["actors.yml"]},  # type: ignore[attr-defined]
        issues={e.id: e for _, e in entries["issues.yml"]},  # type: ignore[attr-defined]
        positions=[e for _, e in entries["positions.yml"]],  # type: ignore[misc]
        figures={e.id: e for _, e in entries["figures.yml"]},  # type: ignore[attr-defined]
        events={e.id: e for _, e in entries["events.yml"]},  # type: ignore[attr-defined]
        warnings=tuple(sorted(problems)),
    )


def _entry_count(document: Document) -> int:
    return len(document.data) if isinstance(document.data, list) else 1


def _ids_of_invalid_entries(document: Document, valid: list[tuple[Key, Entry]]) -> Iterator[tuple[Key, str]]:
    valid_keys = {key for key, _ in valid}
    if isinstance(document.data, list):
        for i, raw in enumerate(document.data):
            if (i,) not in valid_keys and isinstance(raw, dict) and isinstance(raw.get("id"), str):
                yield (i,), raw["id"]


def _editorial_warnings(
    documents: dict[str, Document],
    entries: dict[str, list[tuple[Key, Entry]]],
    referenced: dict[str, set[str]],
    incomplete: set[str],
) -> Iterator[Diagnostic]:
    """What is valid but probably not what the editor meant: loose ends readers can't reach.

    Entries left out for errors may hold the missing links, so these checks wait until every
    entry is valid: before that they would only repeat an error in other words.
    """

    def warn(file: str, key: Key, message: str) -> Diagnostic:
        return documents[file].diagnostic((*key, "id"), message, severity="warning")

    if incomplete:
        return
    for key, actor in entries.get("actors.yml", []):
        if actor.id not in referenced["actors.yml"] and not actor.memberships:  # type: ignore[attr-defined]
            yield warn(
                "actors.yml", key,
                f"actor '{actor.id}' is not connected to anything (expected a position, figure, event or "  # type: ignore[attr-defined]
                "membership that names it, or a membership of its own)",
            )
    for key, source in entries.get("sources.yml", []):
        if source.id not in referenced["sources.yml"]:  # type: ignore[attr-defined]
            yield warn("sources.yml", key, f"source '{source.id}' is not cited by anything (expected it cited, or removed)")  # type: ignore[attr-defined]
    counts = Counter(p.issue for _, p in entries.get("positions.yml", []))  # type: ignore[attr-defined]
    for key, issue in entries.get("issues.yml", []):
        n = counts[issue.id]  # type: ignore[attr-defined]
        if n < 2:
            yield warn(
                "issues.yml", key,
                f"issue '{issue.id}' has {n} position{'' if n == 1 else 's'} (expected at least 2, so readers see more "  # type: ignore[attr-defined]
                "than one side; use stance 'not-stated' where the source gives none)",
            )


def _what(cls: type[Entry]) -> str:
    return "a mapping of the explainer's fields" if cls is Explainer else f"a list of {cls.__name__.lower()} entries"


def _check_shape(document: Document, cls: type[Entry], problems: list[Diagnostic]) -> Iterator[tuple[Key, Entry]]:
    """The entries of one file that match the model; the others become problems."""
    data = document.data
    if data is None:
        problems.append(document.diagnostic((), f"the file is empty (expected {_what(cls)})"))
        return
    if cls is Explainer:
        items: list[tuple[Key, Any]] = [((), data)]
    elif isinstance(data, list):
        items = [((i,), item) for i, item in enumerate(data)]
    else:
        problems.append(document.diagnostic((), f"{_describe(data)} is not {_what(cls)} (expected {_what(cls)}, each starting with '- id:')"))
        return
    for key, item in items:
        if cls is Explainer and not isinstance(item, dict):
            problems.append(document.diagnostic((), f"{_describe(item)} is not {_what(cls)} (expected {_what(cls)}: 'title:', 'date:', …)"))
            continue
        try:
            yield key, cls.model_validate(item)
        except ValidationError as error:
            problems.extend(_translate(document, cls, key, error))


def _check_unique_ids(document: Document, items: list[tuple[Key, Entry]], problems: list[Diagnostic]) -> dict[str, Key]:
    first: dict[str, Key] = {}
    for key, entry in items:
        id_ = entry.id  # type: ignore[attr-defined]
        if id_ in first:
            line, col = document.place((*first[id_], "id"))
            problems.append(
                document.diagnostic((*key, "id"), f"duplicate id '{id_}' (first defined at {document.file}:{line}:{col}; expected each id once)")
            )
        else:
            first[id_] = key
    return first


def _check_unique_positions(document: Document | None, items: list[tuple[Key, Entry]]) -> Iterator[Diagnostic]:
    first: dict[tuple[str, str], Key] = {}
    for key, position in items:
        pair = (position.actor, position.issue)  # type: ignore[attr-defined]
        if pair in first and document is not None:
            line, _ = document.place(first[pair])
            yield document.diagnostic(
                key, f"second position of '{pair[0]}' on '{pair[1]}' (first at line {line}; expected one position per actor and issue)"
            )
        else:
            first.setdefault(pair, key)


def _unknown(ref: str, target: model.RefTo, known: dict[str, Key]) -> str:
    message = f"unknown {target.noun} '{ref}' (expected the id of an entry in {target.file}"
    close = difflib.get_close_matches(ref, known, n=1)
    return message + (f"; did you mean '{close[0]}'?)" if close else ")")


# -- references, found from the model's annotations so a new field is checked automatically --


def _references(entry: BaseModel, key: Key) -> Iterator[tuple[Key, model.RefTo, str]]:
    for name, field in type(entry).model_fields.items():
        yield from _refs_in(getattr(entry, name), _field_annotation(type(entry), name), (*key, name))


@functools.cache
def _field_annotation(cls: type[BaseModel], name: str) -> Any:
    return typing.get_type_hints(cls, include_extras=True)[name]


def _refs_in(value: Any, annotation: Any, key: Key) -> Iterator[tuple[Key, model.RefTo, str]]:
    if value is None:
        return
    target = _ref_target(annotation)
    if target:
        yield key, target, value
    elif isinstance(value, BaseModel):
        yield from _references(value, key)
    elif isinstance(value, list):
        (item_annotation,) = typing.get_args(annotation) or (Any,)
        for i, item in enumerate(value):
            yield from _refs_in(item, item_annotation, (*key, i))
    elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            if option is not type(None):
                yield from _refs_in(value, option, key)


def _ref_target(annotation: Any) -> model.RefTo | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, model.RefTo):
            return meta
    return None


# -- pydantic's errors, said the way an editor needs them --------------------------------


def _translate(document: Document, cls: type[BaseModel], key: Key, error: ValidationError) -> Iterator[Diagnostic]:
    for problem in error.errors(include_url=False):
        loc = tuple(problem["loc"])
        kind = problem["type"]
        where = (*key, *loc)
        if kind == "extra_forbidden":
            yield document.diagnostic(where, _unknown_field(cls, loc), of_key=True)
        elif kind == "missing":
            yield document.diagnostic(where[:-1], f"missing field '{loc[-1]}' ({_expected(cls, loc)})")
        else:
            yield document.diagnostic(where, _wrong_value(problem, cls, loc))


def _field(cls: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], str] | None:
    """The model class and field name that ``loc`` points at inside ``cls``."""
    owner: type[BaseModel] = cls
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if field is not None:
            inner = _model_in(_field_annotation(owner, field))
            if inner is None:
                return owner, field
            owner = inner
        if part not in owner.model_fields:
            return None
        field = part
    return (owner, field) if field else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _unknown_field(cls: type[BaseModel], loc: tuple) -> str:
    parent = _field(cls, loc[:-1]) if loc[:-1] else None
    owner = _model_in(_field_annotation(*parent)) if parent else cls
    names = list(owner.model_fields) if owner else []
    message = f"unknown field '{loc[-1]}' (expected one of: {', '.join(names)}"
    close = difflib.get_close_matches(str(loc[-1]), names, n=1)
    return message + (f"; did you mean '{close[0]}'?)" if close else ")")


def _expected(cls: type[BaseModel], loc: tuple) -> str:
    found = _field(cls, loc)
    if not found:
        return "expected a value"
    owner, name = found
    info = owner.model_fields[name]
    annotation = _field_annotation(owner, name)
    target = _ref_target(annotation)
    if target:
        return f"expected the id of an entry in {target.file}"
    # Every field is described (a test holds the model to that): the description says what belongs there.
    return f"expected {_lower_first((info.description or 'a value').rstrip('.'))}"


def _wrong_value(problem: dict, cls: type[BaseModel], loc: tuple) -> str:
    kind, value, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    got = _describe(value)
    if kind == "string_type":
        hint = " in quotes to keep it exactly as written" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {got}" + (f" (put it{hint})" if hint else "")
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        hint = ""
        if isinstance(value, str):
            hint = " (remove the quotes)" if _is_number(value) else " (write the number without commas or units, e.g. 12000)"
        return f"expected a number, got {got}{hint}"
    if kind == "finite_number":
        return f"expected an ordinary number, got {got}"
    if kind == "bool_type":
        return f"expected true or false, got {got}"
    if kind == "list_type":
        return f"expected a list, got {got}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {got}"
    if kind == "literal_error":
        options = [str(o) for o in typing.get_args(_field_annotation(*_field(cls, loc)))] if _field(cls, loc) else []
        close = difflib.get_close_matches(str(value), options, n=1)
        tail = f"; did you mean '{close[0]}'?" if close else ""
        return f"'{_shown(value)}' is not allowed here (expected one of: {', '.join(options)}{tail})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == model.SLUG_PATTERN:
            return f"'{_shown(value)}' is not an id (expected lowercase letters, digits and hyphens, e.g. 'russian-delegation')"
        if pattern == model.TEXT_PATTERN:
            return "is blank (expected some text)"
        if pattern == model.DATE_PATTERN:
            return f"'{_shown(value)}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-06-02)"
        return f"'{_shown(value)}' is not an http(s) address (expected e.g. https://example.org/report)"
    if kind == "string_too_short":
        return "is empty (expected some text)"
    if kind == "too_short":
        return f"has {len(value)} items (expected at least {ctx.get('min_length')})"
    if kind == "value_error":
        return str(ctx.get("error", problem["msg"]))
    return f"{problem['msg'][:1].lower()}{problem['msg'][1:]}, got {got}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _shown(value: Any) -> str:
    """A value as quoted back to the editor: short, on one line."""
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "…"
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {_shown(value)}"
    if isinstance(value, str):
        return f"the text '{_shown(value)}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
