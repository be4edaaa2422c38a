"""JSON Schemas for the content files, derived from the model, for editors' YAML tooling.

Each content file names its schema in its first line, relative to where the file is
(``# yaml-language-server: $schema=../generator/schema/actors.schema.json``), so editors with a
YAML language server complete field names and flag wrong values while typing.

The schemas list the words of the desk's vocabularies (the stances a position may take, the
kinds of actor). ``generator/schema/`` holds them for the built-in vocabularies; a desk that
declares its own in desk.yml gets schemas of its own in its content folder (``schema --desk``).
"""

from __future__ import annotations

import functools
import json
import os
import typing
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from . import model, values
from .checks.vocabulary import vocabularies as desk_vocabularies
from .files import FILES, ContentFile, schema_name, translation_name
from .translations import ORIGINAL, key_fields, text_fields
from .model import Desk

SCHEMA_DIR = Path(__file__).parent / "schema"
# Where `schema --desk` writes a desk's own schemas, inside its content folder.
DESK_SCHEMA_FOLDER = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas(vocabularies: dict[str, list[str]] | None = None) -> dict[str, dict[str, Any]]:
    """``{schema file name: schema}`` for every content file, each vocabulary field listing the
    words of ``vocabularies`` (``{"stances": [...], "kinds": [...]}``; the built-in ones by default)."""
    words = vocabularies or default_vocabularies()
    result = {}
    for file in FILES:
        cls = file.model
        shape = TypeAdapter(cls) if file.mapping else TypeAdapter(list[cls])  # type: ignore[valid-type]
        schema = {"$schema": DIALECT, "title": file.name, **shape.json_schema()}
        schema.setdefault("description", cls.__doc__)
        for field, term, many in _terms(cls):
            # A file of entries defines its entry's class; a file of one mapping (desk.yml) is it.
            properties = schema["$defs"][cls.__name__]["properties"] if not file.mapping else schema["properties"]
            (properties[field]["items"] if many else properties[field])["enum"] = list(words[term.vocabulary])
        result[file.schema] = schema
    for file in FILES:
        result[schema_name(translation_name(file.name, "xx"))] = _translation_schema(file)
    return result


def _translation_schema(file: ContentFile) -> dict[str, Any]:
    """The schema of a file's translations (``actors.bg.yml``): its text fields only, by key."""
    entry = _translation_entry(file.model)
    keys = "/".join(key_fields(file.model)).upper()
    shape = entry if file.mapping else {
        "type": ["object", "null"], "additionalProperties": entry,
        "description": f"Each entry's text fields, by its key in {file.name} ({keys}).",
    }
    return {"$schema": DIALECT, "title": translation_name(file.name, "LANG"),
            "description": f"The text of {file.name} in another language of the desk: only its text fields.", **shape}


def _translation_entry(cls: type) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field in text_fields(cls).values():
        described = {"description": cls.model_fields[field.name].description or ""}
        if field.kind == "text":
            properties[field.name] = {"type": ["string", "null"], **described}
        elif field.kind == "words":
            properties[field.name] = {"type": ["array", "null"], "items": {"type": "string"}, **described}
        elif field.kind == "entry":
            properties[field.name] = {**_translation_entry(field.of), **described}
        elif field.kind == "keyed":
            properties[field.name] = {"type": ["object", "null"], "additionalProperties": _translation_entry(field.of), **described}
        else:
            properties[field.name] = {"type": ["array", "null"], "items": _translation_entry(field.of), **described}
    texts = [name for name, field in text_fields(cls).items() if field.is_text]
    properties[ORIGINAL] = {
        "type": "object", "additionalProperties": False,
        "description": "The fingerprint of the original text each field was translated from (`python -m generator translate` writes it).",
        "properties": {name: {"type": "string", "pattern": "^[0-9a-f]{8}$"} for name in texts},
    }
    return {"type": ["object", "null"], "additionalProperties": False, "properties": properties}


def default_vocabularies() -> dict[str, list[str]]:
    return vocabulary_words(model.DEFAULT_DESK)


def vocabulary_words(desk: Desk) -> dict[str, list[str]]:
    """The words of a desk's vocabularies, in order: ``{"stances": [...], "kinds": [...]}``."""
    return {name: list(terms) for name, terms in desk_vocabularies(desk).items()}


@functools.cache
def _terms(cls: type) -> tuple[tuple[str, values.Term, bool], ...]:
    """The fields of ``cls`` that take a word of a vocabulary, or a list of them (desk.yml's `kind_order`)."""
    marks = ((field, *values.refers(annotation)) for field, annotation in typing.get_type_hints(cls, include_extras=True).items())
    return tuple((field, mark, many) for field, mark, many in marks if isinstance(mark, values.Term))


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path, vocabularies: dict[str, list[str]] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(vocabularies).items():
        path = out_dir / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def schema_dir_for(content_dir: Path) -> Path:
    """The schemas a content folder's files should name: its own, when ``schema --desk`` has
    written them, else the built-in ones."""
    own = content_dir / DESK_SCHEMA_FOLDER
    return own if (own / schema_name("positions.yml")).is_file() else SCHEMA_DIR


def schema_line(file: Path, schema_dir: Path = SCHEMA_DIR) -> str:
    """The first line of a content file: its schema, relative to where the file is."""
    relative = Path(os.path.relpath(schema_dir / schema_name(file.name), file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"
