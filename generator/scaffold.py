"""``python -m generator new SLUG``: a new explainer's folder, as ``hugo new`` starts a post.

Each file begins with its schema line and says what it holds; ``explainer.yml`` has the
fields a build needs, filled in so that the desk builds at once, and every file shows each
field as a commented example (the guide's examples, from ``files.py``, so they are valid).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from . import messages, model, urls
from .checks.layout import id_problem
from .checks.vocabulary import stances
from .diagnostics import ContentError, Diagnostic
from .files import DESK, EXPLAINER_FILES, PLACEHOLDERS, STORY
from .load import display_path, link_outside, load_file
from .schema import DESK_SCHEMA_FOLDER, SCHEMA_DIR, schema_dir_for, schema_line, vocabulary_words, write_schemas
from .validate import validate_desk


def new_explainer(content_dir: Path, slug: str, today: datetime.date, title: str | None = None) -> list[Path]:
    """Writes ``content_dir/explainers/SLUG/`` (and the desk's schemas, when its files could
    name no others: see ``_schema_dir``), dated ``today`` and headed ``title`` (by default the
    slug in words); raises ContentError if it cannot."""
    folder = content_dir / model.EXPLAINERS_FOLDER / slug
    # The name as typed, under the explainers' folder: a path would tidy `new ../evil` into
    # content/evil, a folder the editor never named.
    explainers = display_path(content_dir / model.EXPLAINERS_FOLDER)
    where = f"{explainers}/{slug}" if slug else explainers
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
    desk = _desk(content_dir)
    written = []
    schema_dir = schema_dir_for(content_dir)
    if schema_dir == SCHEMA_DIR and (desk.stances or desk.kinds or not _near(SCHEMA_DIR, content_dir)):
        # The built-in schemas would refuse the desk's own words, or lie outside the desk's
        # project (a path climbing to this machine's checkout): the desk gets its own.
        schema_dir = content_dir / DESK_SCHEMA_FOLDER
        written += write_schemas(schema_dir, vocabulary_words(desk))

    folder.mkdir(parents=True)
    for file in EXPLAINER_FILES:
        path = folder / file.name
        text = f"{schema_line(path, schema_dir)}\n# {file.header}\n"
        if file is STORY:
            starter = _starter(slug, today, title)
            text += starter + _commented(_without(file.example, starter), entries=False)
        else:
            text += _commented(_in_vocabulary(file.example, desk), entries=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _desk(content_dir: Path) -> model.Desk:
    """The desk's desk.yml, for its vocabularies (the built-in ones without it)."""
    path = content_dir / DESK.name
    if not path.is_file():
        return model.DEFAULT_DESK
    escape = link_outside(path, content_dir)
    if escape is not None:
        raise ContentError([escape])
    return validate_desk(load_file(path))


def _near(schema_dir: Path, content_dir: Path) -> bool:
    """Whether the package's schemas are in the project that holds the content folder (the
    folder of mkdocs.yml, as in this repository), so that a path to them stays in it."""
    return schema_dir.resolve().is_relative_to(content_dir.resolve().parent)


def _in_vocabulary(example: str, desk: model.Desk) -> str:
    """The example with the desk's own stances: each built-in one it uses becomes the desk's
    stance of the same tone, else one the example uses nowhere else."""
    if not desk.stances:
        return example
    tones = {term.id: term.tone for term in messages.STANCES}
    own = list(stances(desk).values())
    chosen: dict[str, str] = {}

    def replaced(match: re.Match[str]) -> str:
        word = match[2]
        if word not in chosen:
            free = [t for t in own if t.id not in chosen.values()] or own
            chosen[word] = next((t.id for t in free if t.tone == tones.get(word)), free[0].id)
        return match[1] + chosen[word]

    return re.sub(r"^(\s*-?\s*stance: )(\S+)$", replaced, example, flags=re.MULTILINE)


def _starter(slug: str, today: datetime.date, title: str | None = None) -> str:
    # In double quotes, as JSON writes it: a title may hold a colon, a hash or quotes of its own.
    headline = json.dumps(title.strip(), ensure_ascii=False) if title and title.strip() else slug.replace("-", " ").capitalize()
    return (
        "# A draft: `make serve` shows it, marked “Draft”; `make build` leaves it out. Delete this line to publish it.\n"
        "draft: true\n"
        f"title: {headline}\n"
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
