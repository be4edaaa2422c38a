"""What the Markdown and the HTML template environments share."""

from __future__ import annotations

import jinja2


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes, keyed by their source; None if unavailable.

    A fresh `mkdocs build` otherwise spends most of the generator's time compiling templates.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None
