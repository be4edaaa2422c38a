"""Explainer generator: YAML content → Markdown pages for MkDocs.

Three pure steps, each usable alone: ``load`` (files → plain data with places),
``validate`` (plain data → a typed ``Content``), ``render`` (``Content`` → ``{path: Markdown}``).
Each raises ``ContentError`` carrying every ``Diagnostic`` it found.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import ContentError, Diagnostic
from .load import load
from .render import TEMPLATES, render
from .validate import Content, validate

__all__ = ["ContentError", "Content", "Diagnostic", "TEMPLATES", "generate", "load", "render", "validate"]


def generate(content_dir: Path, templates: Path = TEMPLATES) -> dict[str, str]:
    """All three steps: the site's pages as Markdown, or ContentError."""
    return render(validate(load(content_dir)), templates)
