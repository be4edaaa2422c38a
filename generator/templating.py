"""What the Markdown and the HTML template environments share: where the HTML theme is, and
the cache of compiled templates."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2


@functools.cache
def theme() -> Path:
    """The HTML theme: ``overrides/`` in a checkout (or an editable install); an installed
    package carries the same folder as ``generator/theme`` (pyproject.toml maps it there). It
    holds no ``__init__.py``: Zensical would publish one, as it copies a theme's other files."""
    installed = Path(__file__).parent / "theme"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[1] / "overrides"


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes, keyed by their source; None if unavailable.

    A fresh `mkdocs build` otherwise spends most of the generator's time compiling templates.
    Jinja's default folder is shared by every checkout on the machine, which is safe: an entry
    is keyed by the template's full path, written whole (a temporary file renamed into place)
    and used only while its source is unchanged.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None
