"""What the Markdown and the HTML template environments share: where the HTML theme is, and
the cache of compiled templates."""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

import jinja2


@functools.cache
def theme() -> Path:
    """The HTML theme, ``overrides/`` in a checkout: installed as the package ``generator.theme``,
    so an installed generator finds it as a checkout does (pyproject.toml maps the folder)."""
    return Path(str(importlib.resources.files("generator.theme")))


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
