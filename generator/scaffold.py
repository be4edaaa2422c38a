"""``python -m generator new SLUG``: a new explainer's folder, as ``hugo new`` starts a post.

Each file begins with its schema line and says what it holds; ``explainer.yml`` has the
fields a build needs, filled in so that the desk builds at once, and every file shows each
field as a commented example (the guide's examples, from ``files.py``, so they are valid).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from . import model, urls
from .checks.layout import id_problem
from .diagnostics import ContentError, Diagnostic
from .files import EXPLAINER_FILES, PLACEHOLDERS, STORY
from .load import display_path
from .schema import SCHEMA_DIR, schema_line


def new_explainer(content_dir: Path, slug: str, today: datetime.date, schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Writes ``content_dir/explainers/SLUG/``; raises ContentError if it cannot."""
    folder = content_dir / model.EXPLAINERS_FOLDER / slug
    where = display_path(folder)
    problem = None
    if not content_dir.is_dir():
        problem = f"{display_path(content_dir)}: content folder not found (expected a desk's folder, with actors.yml, issues.yml and sources.yml)"
    elif (content_dir / "explainer.yml").exists():
        problem = (
            f"{display_path(content_dir / 'explainer.yml')}: this content folder is a desk of one explainer "
            f"(expected that explainer moved into {model.EXPLAINERS_FOLDER}/<slug>/ first, with its positions, figures and events)"
        )
    elif not slug:
        # `new ""` would otherwise name the explainers' folder itself, which exists.
        problem = f"{where}: the new explainer's name is empty (expected lowercase letters, digits and hyphens, e.g. 'budget-talks-2026')"
    elif found := id_problem(slug, urls.taken("explainer")):
        # Before the folder is looked for: `new ..` names a folder that exists, but not a new explainer.
        problem = f"{where}: folder name {found}"
    elif folder.exists():
        problem = f"{where}: already exists (expected a new name)"
    if problem:
        file, message = problem.split(": ", 1)
        raise ContentError([Diagnostic(file, 0, 0, "error", message)])

    folder.mkdir(parents=True)
    written = []
    for file in EXPLAINER_FILES:
        path = folder / file.name
        text = f"{schema_line(path, schema_dir)}\n# {file.header}\n"
        if file is STORY:
            starter = _starter(slug, today)
            text += starter + _commented(_without(file.example, starter), entries=False)
        else:
            text += _commented(file.example, entries=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _starter(slug: str, today: datetime.date) -> str:
    title = slug.replace("-", " ").capitalize()
    return (
        "# A draft: `make serve` shows it, marked “Draft”; `make build` leaves it out. Delete this line to publish it.\n"
        "draft: true\n"
        f"title: {title}\n"
        + "".join(f"{field}: {text}\n" for field, text in PLACEHOLDERS.items())
        + f"date: {today.isoformat()}\n"
        f"updated: {today.isoformat()}\n"
        "changes:\n"
        f"  - date: {today.isoformat()}\n"
        "    text: First published.\n"
    )


def _without(example: str, starter: str) -> str:
    """The example's top-level fields that the starter does not already have."""
    have = {line.split(":", 1)[0] for line in starter.splitlines() if line[:1].isalpha()}
    kept, keep = [], True
    for line in example.splitlines():
        if line[:1].isalpha():
            keep = line.split(":", 1)[0] not in have
        if keep:
            kept.append(line)
    return "\n".join(kept)


def _commented(example: str, entries: bool) -> str:
    intro = "\n# More fields, with examples (a fictional story): uncomment the ones you need and change them.\n"
    if entries:
        intro = "\n# An example entry with every field (a fictional story): uncomment and change it.\n"
    return intro + "".join(f"# {line}\n" for line in example.splitlines())
