"""Explainer generator: YAML content → Markdown pages for MkDocs.

Three pure steps, each usable alone: ``load`` (files → plain data with places),
``validate`` (plain data → a typed ``Content``), ``render`` (``Content`` → ``{path: Markdown}``).
Each raises ``ContentError`` carrying every ``Diagnostic`` it found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from .charts import PARTIALS
from .diagnostics import ContentError, Diagnostic
from .load import display_path, load
from .render import TEMPLATES, render
from .validate import Content, validate

__all__ = ["ContentError", "Content", "Diagnostic", "Generated", "PARTIALS", "TEMPLATES", "generate", "load", "render", "validate"]


@dataclasses.dataclass(frozen=True)
class Generated:
    """What a build needs: every page as Markdown, and the warnings to show beside it."""

    title: str
    pages: dict[str, str]
    warnings: tuple[Diagnostic, ...]


def generate(content_dir: Path, templates: Sequence[Path] = (TEMPLATES,), partials: Path = PARTIALS) -> Generated:
    """All three steps, or ContentError with every problem found."""
    content = validate(load(content_dir), display_path(content_dir))
    return Generated(content.explainer.title, render(content, templates, partials), content.warnings)
