"""Entries against the model: the entries of a file that match its class, and pydantic's
errors for the others, said the way an editor needs them."""

from __future__ import annotations

import difflib
import functools
import math
import typing
import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import urls, values
from ..diagnostics import Diagnostic
from ..diagnostics import shown as _shown
from ..files import ContentFile
from ..parsing import Document, Key, reads_as_number
from ..model import Entry
from .vocabulary import LITERAL_LABELS, not_in_vocabulary

def what(file: ContentFile) -> str:
    """What a file holds, as messages say it: ``a list of actor entries``."""
    if file.mapping:
        return f"a mapping of the {file.where}'s fields"
    return f"a list of {file.model.__name__.lower()} entries"


def check_shape(document: Document, file: ContentFile, problems: list[Diagnostic],
                partial: list[tuple[Key, Entry]] | None = None) -> Iterator[tuple[Key, Entry]]:
    """The entries of one file that match the model; the others become problems, and, in
    ``partial``, what their right fields hold (``partly``)."""
    data, cls, mapping = document.data, file.model, file.mapping
    if data is None:
        if file.may_be_empty:
            return
        problems.append(document.diagnostic((), f"the file is empty (expected {what(file)})"))
        return
    if mapping:
        items: list[tuple[Key, Any]] = [((), data)]
    elif isinstance(data, list):
        items = [((i,), item) for i, item in enumerate(data)]
    else:
        problems.append(document.diagnostic((), f"{describe(data)} is not {what(file)} (expected {what(file)}, each starting with '- id:')"))
        return
    for key, item in items:
        if mapping and not isinstance(item, dict):
            problems.append(document.diagnostic((), f"{describe(item)} is not {what(file)} (expected {what(file)}: 'title:', …)"))
            continue
        try:
            yield key, cls.model_validate(item)
        except ValidationError as error:
            problems.extend(_translate(document, cls, key, error))
            if partial is not None and isinstance(item, dict):
                partial.append((key, partly(cls, item, error)))


def partly(cls: type[Entry], item: dict, error: ValidationError) -> Entry:
    """An entry with errors as far as its other fields are right: each field without an error
    validated on its own, the rest left unset (``model_construct`` checks nothing). Only its
    references are read from it: an unknown actor beside a misspelt stance is two mistakes,
    and both are said."""
    wrong = {problem["loc"][0] for problem in error.errors(include_url=False) if problem["loc"]}
    right: dict[str, Any] = {}
    for name, value in item.items():
        if name in cls.model_fields and name not in wrong:
            try:
                right[name] = _field_adapter(cls, name).validate_python(value)
            except ValidationError:
                continue  # wrong only with the rest of the entry (a model's own validator): left out
    return cls.model_construct(**right)


@functools.cache
def _field_adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    """The validator of one field of a model, made once."""
    return TypeAdapter(cls.model_fields[name].annotation)


def _translate(document: Document, cls: type[BaseModel], key: Key, error: ValidationError) -> Iterator[Diagnostic]:
    problems = error.errors(include_url=False)
    misspelt = _misspelt(problems)
    for problem in problems:
        loc = tuple(problem["loc"])
        kind = problem["type"]
        where = (*key, *loc)
        if kind == "extra_forbidden" and loc in misspelt:
            meant = misspelt[loc]
            yield document.diagnostic(
                where, f"unknown field '{_shown(loc[-1])}' and no field '{meant[-1]}' (expected '{meant[-1]}': "
                f"{_expected(cls, meant).removeprefix('expected ')})", of_key=True,
            )
        elif kind == "extra_forbidden":
            yield document.diagnostic(where, _unknown_field(cls, loc), of_key=True)
        elif kind == "missing" and loc in misspelt.values():
            continue  # said with the unknown field that misspells it
        elif kind == "missing":
            yield document.diagnostic(where[:-1], f"missing field '{loc[-1]}' ({_expected(cls, loc)})")
        else:
            yield document.diagnostic(where, wrong_value(problem, cls, loc))


def _misspelt(problems: list) -> dict[tuple, tuple]:
    """Unknown fields that misspell a missing one beside them (`sumary:` for a missing
    `summary:`), by where each is: one mistake, said once, at the name typed."""
    missing = [tuple(p["loc"]) for p in problems if p["type"] == "missing"]
    found: dict[tuple, tuple] = {}
    for problem in problems:
        loc = tuple(problem["loc"])
        if problem["type"] != "extra_forbidden":
            continue
        beside = {m[-1]: m for m in missing if m[:-1] == loc[:-1] and m not in found.values()}
        close = difflib.get_close_matches(str(loc[-1]).lower(), list(beside), n=1)
        if close:
            found[loc] = beside[close[0]]
    return found


def _field(cls: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], str] | None:
    """The model class and field name that ``loc`` points at inside ``cls``."""
    owner: type[BaseModel] = cls
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if field is not None:
            inner = _model_in(values.annotation_of(owner, field))
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
    owner = _model_in(values.annotation_of(*parent)) if parent else cls
    names = list(owner.model_fields) if owner else []
    message = f"unknown field '{_shown(loc[-1])}' (expected one of: {', '.join(names)}"
    close = difflib.get_close_matches(str(loc[-1]), names, n=1)
    return message + (f"; did you mean '{close[0]}'?)" if close else ")")


def _expected(cls: type[BaseModel], loc: tuple) -> str:
    found = _field(cls, loc)
    if not found:
        return "expected a value"
    owner, name = found
    info = owner.model_fields[name]
    annotation = values.annotation_of(owner, name)
    target = values.marker(annotation)
    if isinstance(target, values.RefTo):
        return f"expected the id of an entry in {target.file}"
    # Every field is described (a test holds the model to that): the description says what belongs there.
    return f"expected {_lower_first((info.description or 'a value').rstrip('.'))}"


def _blank(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return f"is blank: '{_shown(value)}' holds only invisible characters (expected some visible text)"
    return "is blank (expected some text)"


# What a value that does not match a field's pattern is not, by the pattern (values.py): every
# pattern the model uses has its words here (tests/test_validate.py holds it to that).
PATTERN_PROBLEMS: dict[str, typing.Callable[[Any], str]] = {
    values.SLUG_PATTERN: lambda v: f"'{_shown(v)}' is not an id (expected lowercase letters, digits and hyphens, {_as_id(v)})",
    values.TEXT_PATTERN: _blank,
    values.DATE_PATTERN: lambda v: f"'{_shown(v)}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-06-02)",
    values.ICON_PATTERN: lambda v: f"'{_shown(v)}' is not an icon name (expected a name from the theme's icon set, e.g. material-check-circle)",
    values.CURRENCY_PATTERN: lambda v: f"'{_shown(v)}' is not a currency code (expected a three-letter ISO 4217 code, e.g. USD, EUR or GBP)",
    values.LANGUAGE_PATTERN: values.not_a_language,
    values.URL_PATTERN: values.not_an_address,
}


def _as_id(text: Any) -> str:
    """The id an editor most likely meant ('Russia' → 'russia'), as a message suggests it."""
    visible = "".join(ch for ch in str(text) if unicodedata.category(ch) not in ("Cf", "Cc"))
    meant = urls.slugify(visible)
    return f"such as '{meant}'" if meant and meant != text else "e.g. 'russian-delegation'"


def wrong_value(problem: dict, cls: type[BaseModel], loc: tuple) -> str:
    message = _wrong_value(problem, cls, loc)
    if message.startswith(("is ", "has ")):
        # "is empty", "has 1 items": said of the field, which the message then names.
        named = next((part for part in reversed(loc) if isinstance(part, str)), None)
        return f"'{named}' {message}" if named else message
    return message


def _wrong_value(problem: dict, cls: type[BaseModel], loc: tuple) -> str:
    kind, value, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    got = describe(value)
    if kind == "string_type":
        hint = " in quotes to keep it exactly as written" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {got}" + (f" (put it{hint})" if hint else "")
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        hint = ""
        if isinstance(value, str):
            hint = " (remove the quotes)" if _is_number(value) else " (write the number without commas or units, e.g. 12000)"
            if "_" in value and _is_number(value.replace("_", "")):
                hint = f" (write it without underscores: {value.replace('_', '')})"
        return f"expected a number, got {got}{hint}"
    if kind in ("less_than_equal", "greater_than_equal"):
        return _out_of_range(got, kind == "less_than_equal")
    if kind == "finite_number":
        if isinstance(value, float) and math.isinf(value):
            # 1e999 reads as infinity: what was typed is not "inf", but a number too large.
            return _out_of_range("the number", value > 0)
        return f"expected an ordinary number, got {got}"
    if kind == "bool_type":
        quoted = isinstance(value, str) and value.strip().lower() in ("true", "false")
        return f"expected true or false, got {got}" + (" (remove the quotes)" if quoted else "")
    if kind == "list_type":
        return f"expected a list, got {got}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {got}"
    if kind == "literal_error":
        literal = _literal_in(values.annotation_of(*_field(cls, loc))) if _field(cls, loc) else None
        options = [str(o) for o in typing.get_args(literal)] if literal else []
        return not_in_vocabulary(value, options, LITERAL_LABELS.get(literal, {}))
    if kind == "string_pattern_mismatch":
        return PATTERN_PROBLEMS[ctx.get("pattern")](value)
    if kind == "string_too_short":
        return "is empty (expected some text)"
    if kind == "string_too_long":
        return f"'{_shown(value)}' is {len(value):,} characters long (expected at most {ctx.get('max_length'):,})"
    if kind == "too_short":
        return f"has {len(value)} items (expected at least {ctx.get('min_length')})"
    if kind == "value_error":
        return str(ctx.get("error", problem["msg"]))
    return f"{problem['msg'][:1].lower()}{problem['msg'][1:]}, got {got}"


def _literal_in(annotation: Any) -> Any:
    """The ``Literal[...]`` of a field's type (``Rate | None`` → ``Rate``): its words are the choices."""
    if typing.get_origin(annotation) is typing.Literal:
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := _literal_in(arg)) is not None), None)


def _out_of_range(got: str, large: bool) -> str:
    zeros = values.MAX_VALUE_ZEROS
    if large:
        return f"{got} is too large (expected at most 1e{zeros})"
    return f"{got} is too small (expected at least -1e{zeros})"


def _is_number(text: str) -> bool:
    """Whether YAML would have read the text as a number, had it not been quoted (``1_000``
    and ``١٢`` are text to YAML, whatever Python's float() makes of them)."""
    return reads_as_number(text)


def describe(value: Any) -> str:
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
