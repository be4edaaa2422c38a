"""Where files go: the desk's own files at the top of the content folder, each explainer's in
a folder of its own, and a name for that folder that can be an address."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from .. import urls, values
from ..diagnostics import Diagnostic
from ..diagnostics import shown as _shown
from ..files import DESK, DESK_FILES, EXPLAINER_FILES, FILES, STORY, translation_of
from ..parsing import Document
from ..model import EXPLAINERS_FOLDER, Desk, Story
from .found import Checked, Folder, entries

_ALL = [f.name for f in FILES]
_DESK = [f.name for f in DESK_FILES]
_EXPLAINER = [f.name for f in EXPLAINER_FILES]


def layout(
    documents: dict[str, Document], folder: str, problems: list[Diagnostic], misnamed: set[str] | None = None,
    unreadable: frozenset[str] = frozenset(),
) -> tuple[dict[str, Document], list[Folder]]:
    """Sorts the documents into the registry and one group per explainer, reporting files that
    have no place. A content folder with ``explainer.yml`` at the top is a desk of one, as
    content folders were before desks: that explainer's files sit beside the registry's.

    ``misnamed`` gets the path each near miss (``actors.YML``) stands for, whose absence is
    then not reported again as a missing file. ``unreadable``: the files that are there but
    could not be read (``load``'s), which count as there."""
    misnamed = set() if misnamed is None else misnamed
    registry: dict[str, Document] = {}
    grouped: dict[str, dict[str, Document]] = defaultdict(dict)
    legacy = STORY.name in documents or STORY.name in unreadable
    top = set(_DESK) | (set(_EXPLAINER) if legacy else set())
    for path, document in documents.items():
        parts = path.split("/")
        # A translation (actors.bg.yml) goes where its original goes; checks/translations.py reads it.
        translated = translation_of(parts[-1])
        original = translated[0].name if translated else parts[-1]
        if len(parts) == 1 and original in top:
            (grouped[""] if original in _EXPLAINER else registry)[path] = document
        elif len(parts) == 1:
            problem, meant = _unexpected(document, path, [name for name in _ALL if name in top], "explainers/<slug>/")
            problems.append(problem)
            misnamed.add(meant)
        elif len(parts) == 2:
            problems.append(document.diagnostic((), "unexpected file (expected each explainer in a folder of its own: explainers/<slug>/explainer.yml)"))
        elif original in _EXPLAINER:
            grouped[parts[1]][parts[2]] = document
        else:
            problem, meant = _unexpected(document, parts[2], _EXPLAINER)
            problems.append(problem)
            misnamed.add(f"{EXPLAINERS_FOLDER}/{parts[1]}/{meant}")
    if legacy and len(grouped) > 1 and STORY.name in documents:
        problems.append(
            documents["explainer.yml"].diagnostic(
                (), f"explainer.yml beside an {EXPLAINERS_FOLDER}/ folder (expected every explainer in its own folder: "
                f"move this one and its positions, figures and events into {EXPLAINERS_FOLDER}/<slug>/)",
            )
        )
        grouped.pop("")
    if not grouped and not legacy and not any(name.startswith(f"{EXPLAINERS_FOLDER}/") for name in unreadable):
        problems.append(
            Diagnostic(f"{folder}/{EXPLAINERS_FOLDER}", 0, 0, "error",
                       "no explainers (expected a folder explainers/<slug>/ with an explainer.yml in it)")
        )
    folders = [
        Folder(slug, folder if slug == "" else f"{folder}/{EXPLAINERS_FOLDER}/{slug}", files)
        for slug, files in sorted(grouped.items())
    ]
    return registry, folders


def _unexpected(document: Document, name: str, expected: list[str], also: str = "") -> tuple[Diagnostic, str]:
    """The problem with a file the layout has no place for, and the name it is a near miss of ("" if none)."""
    options = ", ".join(expected) + (f", and {also}…" if also else "")
    visible = "".join(ch for ch in name if not (ch.isspace() or unicodedata.category(ch) == "Cf"))
    # Only a near miss is suggested (actor.yml, Figures.yml): notes.yml is not a misspelled desk.yml.
    close = [n for n in expected if n == visible.lower()] or difflib.get_close_matches(visible.lower(), expected, n=1, cutoff=0.8)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    odd = _odd_name(name)
    why = f": its name '{_shown(name)}' {odd}" if odd else ""
    return document.diagnostic((), f"unexpected file{why} (expected only: {options}{hint})"), close[0] if close else ""


def _odd_name(name: str) -> str:
    """What is wrong with a file name that looks right ("" if nothing): a space at either end,
    a character that shows as nothing or acts on the terminal, or a plain space inside it."""
    if name != name.strip():
        return f"{'ends' if name[-1:].isspace() else 'starts'} with a space"
    if any(unicodedata.category(ch) in ("Cc", "Cf") or (ch.isspace() and ch != " ") for ch in name):
        return "holds an invisible or control character"
    return "has a space in it" if " " in name else ""


def check_slugs(folders: list[Folder], problems: list[Diagnostic], desk: dict[str, Checked]) -> None:
    """An explainer's folder name is its id and the start of its addresses, which must not be
    the folder of another language's site (/bg/: the desk's languages after the first)."""
    taken = urls.taken("explainer")
    declared = entries(desk, DESK.name, Desk)
    sites = {code.lower(): code for code in declared[0][1].languages[1:]} if declared else {}
    for x in folders:
        if x.slug == "":
            # A desk of one names its explainer after its title, as Pelican names articles.
            story = x.entries(STORY.name, Story)
            x.slug = urls.slugify(story[0][1].title) if story else "explainer"
            continue
        problem = id_problem(x.slug, taken)
        if problem is None and x.slug in sites:
            problem = (f"'{x.slug}' is the code of one of the desk's languages, whose site is published at "
                       f"/{sites[x.slug]}/ (expected another name)")
        if problem:
            problems.append(Diagnostic(x.where, 0, 0, "error", f"folder name {problem}"))


def id_problem(id_: str, taken: frozenset[str]) -> str | None:
    if not re.fullmatch(values.SLUG_PATTERN, id_):
        return f"'{_shown(id_)}' is not an id (expected lowercase letters, digits and hyphens, e.g. 'istanbul-talks')"
    if len(id_) > values.MAX_ID_LENGTH:
        return f"'{_shown(id_)}' is {len(id_)} characters long (expected at most {values.MAX_ID_LENGTH})"
    if id_ in taken:
        return f"'{id_}' is the name of one of the site's own pages (expected another name)"
    if values.windows_device(id_):
        return values.windows_device_problem(id_, "name")
    return None
