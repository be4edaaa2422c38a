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
from .export import export
from .load import display_path, load
from .render import TEMPLATES, render
from .structured import page_descriptions, structured_data
from .validate import Content, validate

__all__ = ["ContentError", "Content", "Diagnostic", "Generated", "PARTIALS", "TEMPLATES", "generate", "load", "render", "validate"]


@dataclasses.dataclass(frozen=True)
class Generated:
    """What a build needs: every page as Markdown with its structured data, the downloads, and
    the warnings to show beside them."""

    title: str
    updated: str
    pages: dict[str, str]
    warnings: tuple[Diagnostic, ...]
    # By page path, as ``pages``: the schema.org object and the link-preview description.
    structured: dict[str, dict] = dataclasses.field(default_factory=dict)
    descriptions: dict[str, str] = dataclasses.field(default_factory=dict)
    # The data as files to download, by path in the site (``data/figures.csv``…).
    downloads: dict[str, str] = dataclasses.field(default_factory=dict)


def generate(content_dir: Path, templates: Sequence[Path] = (TEMPLATES,), partials: Path = PARTIALS) -> Generated:
    """All three steps, or ContentError with every problem found."""
    content = validate(load(content_dir), display_path(content_dir))
    return Generated(
        content.explainer.title,
        content.explainer.updated,
        render(content, templates, partials),
        content.warnings,
        structured=structured_data(content),
        descriptions=page_descriptions(content),
        downloads=export(content),
    )
