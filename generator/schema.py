"""JSON Schemas for the content files, derived from the model, for editors' YAML tooling.

Each content file names its schema in its first line, relative to where the file is
(``# yaml-language-server: $schema=../generator/schema/actors.schema.json``), so editors with a
YAML language server complete field names and flag wrong values while typing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .model import FILES, Desk, Story

SCHEMA_DIR = Path(__file__).parent / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(content_file: str) -> str:
    return content_file.rsplit(".", 1)[0] + ".schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """``{schema file name: schema}`` for every content file."""
    result = {}
    for name, cls in FILES.items():
        shape = cls if cls in (Story, Desk) else list[cls]  # type: ignore[valid-type]
        schema = {"$schema": DIALECT, "title": name, **TypeAdapter(shape).json_schema()}
        schema.setdefault("description", cls.__doc__)
        result[schema_name(name)] = schema
    return result


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out_dir / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def schema_line(file: Path, schema_dir: Path = SCHEMA_DIR) -> str:
    """The first line of a content file: its schema, relative to where the file is."""
    relative = Path(os.path.relpath(schema_dir / schema_name(file.name), file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"
