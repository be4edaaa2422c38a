"""Step 2, validate: loaded documents → a typed, cross-checked desk (``model.Content``).

Every problem is collected before anything is reported: files where the desk's layout has
none, wrong shapes and types (from the model), ids used twice anywhere in the desk, and
references to ids that do not exist, with did-you-mean suggestions over the whole desk.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import math
import re
import types
import typing
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from . import charts, model, urls, wording
from .diagnostics import ContentError, Diagnostic, shown_path
from .diagnostics import shown as _shown
from .load import Document, Key, reads_as_number
from .model import EXPLAINER, EXPLAINERS_FOLDER, OPTIONAL, REGISTRY, Content, Entry, Explainer, Story

# Which page each registry kind gets: its id may not take the name of another page there.
_PAGE_OF = {"actors.yml": "actor", "issues.yml": "issue"}


@dataclasses.dataclass
class _Folder:
    """The documents of one explainer, and what validation found in them."""

    slug: str
    where: str  # the folder, as diagnostics name it
    documents: dict[str, Document]
    entries: dict[str, list[tuple[Key, Entry]]] = dataclasses.field(default_factory=dict)


def validate(documents: dict[str, Document], folder: str = "content") -> Content:
    """Raises ContentError with every problem when the desk is not valid.

    ``documents`` are keyed by path within the content folder, as ``load`` gives them;
    ``folder`` names the content folder in diagnostics about files that are missing.
    """
    problems: list[Diagnostic] = []
    misnamed: set[str] = set()
    registry, folders = _layout(documents, folder, problems, misnamed)
    # Files with no place in the desk are left out, as entries with errors are (see below).
    misplaced = bool(problems)

    entries: dict[str, list[tuple[Key, Entry]]] = {}
    for name, cls in REGISTRY.items():
        if name in registry:
            entries[name] = list(_check_shape(registry[name], cls, problems))
        elif name not in OPTIONAL and name not in misnamed:
            problems.append(Diagnostic(f"{folder}/{name}", 0, 0, "error", f"file is missing (expected {_what(cls)})"))
    for x in folders:
        for name, cls in EXPLAINER.items():
            if name in x.documents:
                x.entries[name] = list(_check_shape(x.documents[name], cls, problems))
            elif name not in OPTIONAL and (f"{EXPLAINERS_FOLDER}/{x.slug}/{name}" if x.slug else name) not in misnamed:
                problems.append(Diagnostic(f"{x.where}/{name}", 0, 0, "error", f"file is missing (expected {_what(cls)})"))
            else:
                x.entries[name] = []
    _check_slugs(folders, problems)

    # Ids: each registry file's own, and figures' and events' across every explainer.
    ids: dict[str, dict[str, Key]] = {}
    # References that an id reported as invalid stands for ('south' for an id 'South'): that
    # one mistake is reported once, at the id, not again at every reference to it.
    meant: dict[str, set[str]] = defaultdict(set)
    for name in ("sources.yml", "actors.yml", "issues.yml", "documents.yml"):
        if name in entries and isinstance(registry[name].data, list):
            taken = urls.taken(_PAGE_OF[name]) if name in _PAGE_OF else frozenset()
            ids[name] = _check_unique_ids([(registry[name], entries[name])], problems, taken)
            # An entry with a wrong field is left out, but its id still exists for the editor:
            # counting it keeps one mistake from showing up as "unknown id" everywhere it is used.
            for key, raw_id in _ids_of_invalid_entries(registry[name], entries[name]):
                if _is_id(raw_id):
                    ids[name].setdefault(raw_id, key)
                else:
                    meant[name] |= _id_forms(raw_id)
    ids.update(_check_explainer_ids(folders, problems))
    for name in ("figures.yml", "events.yml"):
        for x in folders:
            if name in x.documents:
                for key, raw_id in _ids_of_invalid_entries(x.documents[name], x.entries[name]):
                    ids[name].setdefault(raw_id, key)
    words_in_use = _vocabularies(registry, entries, problems)

    incomplete = any(len(items) < _entry_count(registry[name]) for name, items in entries.items()) or any(
        len(items) < _entry_count(x.documents[name]) for x in folders for name, items in x.entries.items() if name in x.documents
    )
    referenced: dict[str, set[str]] = defaultdict(set)
    sources = [(registry[name], name, items) for name, items in entries.items()]
    sources += [(x.documents[name], name, items) for x in folders for name, items in x.entries.items() if name in x.documents]
    for document, name, items in sources:
        for key, entry in items:
            for ref_key, target, ref in _references(entry, key):
                if isinstance(target, model.Term):
                    words = words_in_use.get(target.vocabulary) if words_in_use is not None else None
                    if words is not None and ref not in words:
                        problems.append(document.diagnostic(ref_key, _not_in_vocabulary(ref, list(words))))
                    continue
                referenced[target.file].add(ref)
                known = ids.get(target.file)
                if known is not None and ref not in known and ref not in meant[target.file]:
                    problems.append(document.diagnostic(ref_key, _unknown(ref, target, known)))
    figures_of = {f.id: (x, key) for x in folders for key, f in x.entries.get("figures.yml", [])}  # type: ignore[attr-defined]
    for x in folders:
        problems.extend(_check_story(x, figures_of))
    ties = _tie_groups(registry, entries, folders)
    problems.extend(_check_cycles(ties))
    problems.extend(_check_nesting(ties))
    if not incomplete and not misplaced:
        problems.extend(_editorial_warnings(registry, entries, folders, referenced))

    if any(p.severity == "error" for p in problems) or not folders or words_in_use is None:
        raise ContentError(problems)
    return Content(
        desk=entries["desk.yml"][0][1] if entries.get("desk.yml") else model.DEFAULT_DESK,  # type: ignore[arg-type]
        sources={e.id: e for _, e in entries["sources.yml"]},  # type: ignore[attr-defined]
        actors={e.id: e for _, e in entries["actors.yml"]},  # type: ignore[attr-defined]
        issues={e.id: e for _, e in entries["issues.yml"]},  # type: ignore[attr-defined]
        explainers={x.slug: x for x in model.newest_first([_explainer(f) for f in folders])},
        warnings=tuple(sorted(problems)),
        stances=words_in_use["stances"],  # type: ignore[arg-type]
        kinds=words_in_use["kinds"],  # type: ignore[arg-type]
        documents={e.id: e for _, e in entries.get("documents.yml", [])},  # type: ignore[attr-defined]
    )


# -- the desk's vocabularies ------------------------------------------------------------------


def vocabularies(desk: model.Desk) -> dict[str, dict[str, model.StanceTerm] | dict[str, model.KindTerm]]:
    """The words a desk's positions and actors may use: desk.yml's stances, or the built-in
    ones; the built-in kinds of actor with those desk.yml adds (or rewords)."""
    return {
        "stances": {t.id: t for t in (desk.stances or wording.STANCES)},
        "kinds": {**{t.id: t for t in wording.KINDS}, **{t.id: t for t in desk.kinds}},
    }


def validate_desk(document: Document) -> model.Desk:
    """desk.yml alone, for what needs only the desk's vocabularies (``schema --desk``); raises
    ContentError with every problem in it."""
    problems: list[Diagnostic] = []
    entries = list(_check_shape(document, model.Desk, problems))
    _vocabularies({"desk.yml": document}, {"desk.yml": entries}, problems)
    if problems:
        raise ContentError(problems)
    return entries[0][1]  # type: ignore[return-value]


def _vocabularies(
    registry: dict[str, Document], entries: dict[str, list[tuple[Key, Entry]]], problems: list[Diagnostic]
) -> dict[str, dict[str, Any]]:
    """The desk's vocabularies. While desk.yml has errors, the ids it declares stand for its
    terms: one wrong icon then hides neither desk.yml's other problems nor the words the other
    files use that it does not declare."""
    if "desk.yml" not in registry:
        return vocabularies(model.DEFAULT_DESK)
    problems.extend(_second_terms(registry["desk.yml"]))
    if entries.get("desk.yml"):
        return vocabularies(entries["desk.yml"][0][1])  # type: ignore[arg-type]
    return _declared_vocabularies(registry["desk.yml"].data)


def _declared(data: Any, field: str) -> list[tuple[int, str]]:
    """Where in desk.yml's ``field`` (``stances``, ``kinds``) each term is, and its id: every
    term that gives an id, valid or not."""
    terms = data.get(field) if isinstance(data, dict) else None
    if not isinstance(terms, list):
        return []
    return [(i, term["id"]) for i, term in enumerate(terms) if isinstance(term, dict) and isinstance(term.get("id"), str)]


def _second_terms(document: Document) -> Iterator[Diagnostic]:
    for field, noun in (("stances", "stance"), ("kinds", "kind")):
        first: dict[str, int] = {}
        for i, id_ in _declared(document.data, field):
            if id_ in first:
                line, _ = document.place((field, first[id_], "id"))
                yield document.diagnostic((field, i, "id"), f"second {noun} '{_shown(id_)}' (first at line {line}; expected each {noun} once)")
            first.setdefault(id_, i)


def _declared_vocabularies(data: Any) -> dict[str, dict[str, Any]]:
    """The words desk.yml declares, by their ids alone, as ``vocabularies`` gives a valid desk's."""
    built_in = vocabularies(model.DEFAULT_DESK)
    stances = dict.fromkeys(id_ for _, id_ in _declared(data, "stances"))
    kinds = dict.fromkeys(id_ for _, id_ in _declared(data, "kinds"))
    return {"stances": stances or built_in["stances"], "kinds": {**built_in["kinds"], **kinds}}


def _not_in_vocabulary(word: str, words: list[str]) -> str:
    close = difflib.get_close_matches(word, words, n=1)
    tail = f"; did you mean '{close[0]}'?" if close else ""
    return f"'{_shown(word)}' is not allowed here (expected one of: {', '.join(words)}{tail})"


def _explainer(x: _Folder) -> Explainer:
    ((_, story),) = x.entries["explainer.yml"]
    return Explainer(
        slug=x.slug,
        story=story,  # type: ignore[arg-type]
        positions=tuple(e for _, e in x.entries["positions.yml"]),  # type: ignore[misc]
        figures={e.id: e for _, e in x.entries["figures.yml"]},  # type: ignore[attr-defined]
        events={e.id: e for _, e in x.entries["events.yml"]},  # type: ignore[attr-defined]
    )


# -- the desk's layout ----------------------------------------------------------------------


def _layout(
    documents: dict[str, Document], folder: str, problems: list[Diagnostic], misnamed: set[str] | None = None
) -> tuple[dict[str, Document], list[_Folder]]:
    """Sorts the documents into the registry and one group per explainer, reporting files that
    have no place. A content folder with ``explainer.yml`` at the top is a desk of one, as
    content folders were before desks: that explainer's files sit beside the registry's.

    ``misnamed`` gets the path each near miss (``actors.YML``) stands for, whose absence is
    then not reported again as a missing file."""
    misnamed = set() if misnamed is None else misnamed
    registry: dict[str, Document] = {}
    grouped: dict[str, dict[str, Document]] = defaultdict(dict)
    legacy = "explainer.yml" in documents
    top = set(REGISTRY) | (set(EXPLAINER) if legacy else set())
    for path, document in documents.items():
        parts = path.split("/")
        if len(parts) == 1 and path in top:
            (grouped[""] if path in EXPLAINER else registry)[path] = document
        elif len(parts) == 1:
            problem, meant = _unexpected(document, path, sorted(top, key=list(model.FILES).index), "explainers/<slug>/")
            problems.append(problem)
            misnamed.add(meant)
        elif len(parts) == 2:
            problems.append(document.diagnostic((), "unexpected file (expected each explainer in a folder of its own: explainers/<slug>/explainer.yml)"))
        elif parts[2] in EXPLAINER:
            grouped[parts[1]][parts[2]] = document
        else:
            problem, meant = _unexpected(document, parts[2], list(EXPLAINER))
            problems.append(problem)
            misnamed.add(f"{EXPLAINERS_FOLDER}/{parts[1]}/{meant}")
    if legacy and len(grouped) > 1:
        problems.append(
            documents["explainer.yml"].diagnostic(
                (), f"explainer.yml beside an {EXPLAINERS_FOLDER}/ folder (expected every explainer in its own folder: "
                f"move this one and its positions, figures and events into {EXPLAINERS_FOLDER}/<slug>/)",
            )
        )
        grouped.pop("")
    if not grouped and not legacy:
        problems.append(
            Diagnostic(f"{folder}/{EXPLAINERS_FOLDER}", 0, 0, "error",
                       "no explainers (expected a folder explainers/<slug>/ with an explainer.yml in it)")
        )
    folders = [
        _Folder(slug, folder if slug == "" else f"{folder}/{EXPLAINERS_FOLDER}/{slug}", files)
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


def _check_slugs(folders: list[_Folder], problems: list[Diagnostic]) -> None:
    """An explainer's folder name is its id and the start of its addresses."""
    taken = urls.taken("explainer")
    for x in folders:
        if x.slug == "":
            # A desk of one names its explainer after its title, as Pelican names articles.
            story = x.entries.get("explainer.yml")
            x.slug = urls.slugify(story[0][1].title) if story else "explainer"  # type: ignore[attr-defined]
            continue
        problem = id_problem(x.slug, taken)
        if problem:
            problems.append(Diagnostic(x.where, 0, 0, "error", f"folder name {problem}"))


def id_problem(id_: str, taken: frozenset[str]) -> str | None:
    if not re.fullmatch(model.SLUG_PATTERN, id_):
        return f"'{_shown(id_)}' is not an id (expected lowercase letters, digits and hyphens, e.g. 'istanbul-talks')"
    if len(id_) > model.MAX_ID_LENGTH:
        return f"'{_shown(id_)}' is {len(id_)} characters long (expected at most {model.MAX_ID_LENGTH})"
    if id_ in taken:
        return f"'{id_}' is the name of one of the site's own pages (expected another name)"
    if model.windows_device(id_):
        return model.windows_device_problem(id_, "name")
    return None


def _check_story(x: _Folder, figures_of: dict[str, tuple[_Folder, Key]]) -> Iterator[Diagnostic]:
    """What only makes sense within one explainer: one position per actor, issue and date, none
    after the explainer's last update, one who's-who entry per actor, no date or change after
    that update either, numbers for each party only where there are parties, and comparisons
    of this explainer's own, like numbers."""
    story_entries = x.entries.get("explainer.yml") or []
    story: Story | None = story_entries[0][1] if story_entries else None  # type: ignore[assignment]
    document = x.documents.get("positions.yml")
    first: dict[tuple[str, str, str], Key] = {}
    for key, position in x.entries.get("positions.yml", []):
        when = (position.actor, position.issue, position.date)  # type: ignore[attr-defined]
        if when in first and document is not None:
            line, _ = document.place(first[when])
            yield document.diagnostic(
                key, f"second position of '{when[0]}' on '{when[1]}' dated {when[2]} (first at line {line}; "
                "expected one position per actor, issue and date: give a changed position its own date)",
            )
        first.setdefault(when, key)
        if story and document is not None and _after(position.date, story.updated):  # type: ignore[attr-defined]
            yield document.diagnostic(
                (*key, "date"), f"position dated {position.date} is after the explainer's last update, {story.updated} "  # type: ignore[attr-defined]
                "(expected a date no later than 'updated' in explainer.yml, or a later 'updated')",
            )
    if story is not None:
        seen: dict[str, int] = {}
        for i, cast in enumerate(story.actors):
            if cast.actor in seen:
                line, _ = x.documents["explainer.yml"].place(("actors", seen[cast.actor]))
                yield x.documents["explainer.yml"].diagnostic(
                    ("actors", i, "actor"), f"second entry for '{cast.actor}' (first at line {line}; expected one entry per actor)"
                )
            seen.setdefault(cast.actor, i)
        yield from _check_story_dates(x.documents["explainer.yml"], story)
        figures = x.documents.get("figures.yml")
        for key, figure in x.entries.get("figures.yml", []):
            if figure.scope == "per-side" and not story.parties and figures is not None:  # type: ignore[attr-defined]
                yield figures.diagnostic(
                    (*key, "scope"), "scope per-side, but the explainer names no parties (expected `parties:` in "
                    "explainer.yml, or scope: per-actor with `actors:`)",
                )
        yield from _check_comparisons(x, story, figures_of)


def _check_story_dates(document: Document, story: Story) -> Iterator[Diagnostic]:
    """The explainer's date and its change log's dates, none after its last update: a change
    dated later would head the feeds for ever."""
    dated = [(("date",), "date", story.date)]
    dated += [(("changes", i, "date"), "change dated", change.date) for i, change in enumerate(story.changes)]
    for key, what, date in dated:
        if _after(date, story.updated):
            yield document.diagnostic(
                key, f"{what} {date} is after the explainer's last update, {story.updated} "
                "(expected a date no later than 'updated', or a later 'updated')",
            )


def _check_comparisons(x: _Folder, story: Story, figures_of: dict[str, tuple[_Folder, Key]]) -> Iterator[Diagnostic]:
    document = x.documents["explainer.yml"]
    seen: dict[str, int] = {}
    for i, comparison in enumerate(story.comparisons):
        if comparison.id in seen:
            line, _ = document.place(("comparisons", seen[comparison.id], "id"))
            yield document.diagnostic(
                ("comparisons", i, "id"), f"second comparison '{comparison.id}' (first at line {line}; expected each id once)"
            )
        seen.setdefault(comparison.id, i)
        first: model.Figure | None = None
        for j, figure_id in enumerate(comparison.figures):
            found = figures_of.get(figure_id)
            if found is None:
                continue  # an unknown figure: already said
            owner, key = found
            figure: model.Figure = next(f for k, f in owner.entries["figures.yml"] if k == key)  # type: ignore[assignment]
            where = ("comparisons", i, "figures", j)
            if owner is not x:
                yield document.diagnostic(
                    where, f"figure '{figure_id}' is in another explainer, {owner.slug} (expected one of this explainer's figures)"
                )
            elif first is None:
                first = figure
            elif _measure(figure) != _measure(first):
                yield document.diagnostic(
                    where, f"figure '{figure_id}' counts {_measure_words(figure)}, '{first.id}' counts {_measure_words(first)} "
                    "(expected numbers of the same unit, currency and rate, to compare like with like)",
                )


def _measure(figure: model.Figure) -> tuple[str | None, str | None, str | None]:
    return (figure.unit, figure.currency, figure.rate)


def _measure_words(figure: model.Figure) -> str:
    words = [w for w in (figure.currency, figure.unit, wording.RATES[figure.rate] if figure.rate else None) if w]
    return "'" + " ".join(words) + "'"


# A tie between two actors: (the file it is in, where in it, the member, the actor it belongs to).
_Tie = tuple[Document, Key, str, str]


def _tie_groups(registry: dict[str, Document], entries: dict[str, list[tuple[Key, Entry]]], folders: list[_Folder]) -> list[list[_Tie]]:
    """The ties each who's-who map draws: the desk's lasting ones, and for each explainer those
    with its own story's ties after them."""
    lasting: list[_Tie] = [
        (registry["actors.yml"], (*key, "memberships", i), actor.id, m.of)  # type: ignore[attr-defined]
        for key, actor in entries.get("actors.yml", [])
        for i, m in enumerate(actor.memberships)  # type: ignore[attr-defined]
    ]
    groups = [lasting]
    for x in folders:
        story = x.entries.get("explainer.yml") or []
        groups.append(lasting + [
            (x.documents["explainer.yml"], ("actors", i, "memberships", j), cast.actor, m.of)
            for _, s in story for i, cast in enumerate(s.actors)  # type: ignore[attr-defined]
            for j, m in enumerate(cast.memberships)
        ])
    return groups


def _check_nesting(groups: list[list[_Tie]]) -> Iterator[Diagnostic]:
    """Memberships nested deeper than the who's-who map can draw, each chain reported once, at
    the tie that goes one level too deep. An explainer's map draws the desk's lasting ties and
    its own story's ties together."""
    limit = charts.MAX_MEMBERSHIP_DEPTH
    reported: set[tuple[str, Key]] = set()
    for ties in groups:
        for (document, key, member, _), top in _too_deep(ties, limit):
            if (document.file, key) not in reported:
                reported.add((document.file, key))
                yield document.diagnostic(
                    (*key, "of"), f"'{member}' is {limit + 1} memberships below '{top}' "
                    f"(expected at most {limit}: the who's-who map draws no deeper)",
                )


def _check_cycles(groups: list[list[_Tie]]) -> Iterator[Diagnostic]:
    """Memberships that lead back to the actor they start from: the who's-who map draws each
    actor under the one it belongs to, so it would leave out everyone on such a circle. Each
    circle is reported once, at the tie that closes it."""
    reported: set[tuple[str, Key]] = set()
    for ties in groups:
        for (document, key, member, _), circle in _cycles(ties):
            if (document.file, key) not in reported:
                reported.add((document.file, key))
                if len(circle) == 2:
                    message = f"'{member}' is a member of itself (expected the id of another actor)"
                else:
                    message = "membership cycle " + " → ".join(f"'{a}'" for a in circle) + (
                        " (expected memberships that never lead back to the same actor: remove one of them)"
                    )
                yield document.diagnostic((*key, "of"), message)


def _cycles(ties: list[_Tie]) -> Iterator[tuple[_Tie, list[str]]]:
    """Each tie that closes a cycle, with the cycle from its member round to that member again.
    Ties are taken in the order they are written: a tie closes a cycle when its member can
    already be reached by going up from the actor it belongs to."""
    above: dict[str, list[str]] = defaultdict(list)
    for tie in ties:
        member, of = tie[2], tie[3]
        if of in above[member]:
            continue  # the same tie again (a story repeating a lasting one) adds no new way up
        way_up = _way_up(above, of, member)
        above[member].append(of)
        if way_up is not None:
            yield tie, [member, *way_up]


def _way_up(above: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of memberships from ``start`` up to ``goal`` (both included), if any."""
    came_from: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        actor = queue.popleft()
        if actor == goal:
            chain = [actor]
            while came_from[chain[-1]] is not None:
                chain.append(came_from[chain[-1]])  # type: ignore[arg-type]
            return chain[::-1]
        for parent in above.get(actor, ()):
            if parent not in came_from:
                came_from[parent] = actor
                queue.append(parent)
    return None


def _too_deep(ties: list[_Tie], limit: int) -> Iterator[tuple[_Tie, str]]:
    """The ties whose member is ``limit + 1`` levels below the top of its longest chain, with
    that top: one per chain, however long. Levels are counted from the top down, as the map
    draws them (Kahn's order); actors caught in a cycle of ties have no top and are left out."""
    below: dict[str, list[_Tie]] = defaultdict(list)
    waiting: dict[str, int] = defaultdict(int)
    for tie in ties:
        below[tie[3]].append(tie)
        waiting[tie[2]] += 1
    level = {actor: 0 for actor in below if not waiting[actor]}
    top = {actor: actor for actor in level}
    ready = list(level)
    while ready:
        parent = ready.pop()
        for tie in below[parent]:
            member = tie[2]
            if level[parent] == limit:
                yield tie, top[parent]
            if level[parent] + 1 > level.get(member, -1):
                level[member], top[member] = min(level[parent] + 1, limit + 1), top[parent]
            waiting[member] -= 1
            if not waiting[member]:
                ready.append(member)


def _after(date: str, updated: str) -> bool:
    """Whether ``date`` is later than ``updated``, as precisely as ``updated`` says: a position
    of 2025-03-05 is not after an update given only as 2025-03."""
    precision = updated.count("-") + 1
    return model.sort_key(date)[:precision] > model.sort_key(updated)[:precision]


def _entry_count(document: Document) -> int:
    if document.data is None:
        return 0
    return len(document.data) if isinstance(document.data, list) else 1


def _ids_of_invalid_entries(document: Document, valid: list[tuple[Key, Entry]]) -> Iterator[tuple[Key, str]]:
    valid_keys = {key for key, _ in valid}
    if isinstance(document.data, list):
        for i, raw in enumerate(document.data):
            if (i,) not in valid_keys and isinstance(raw, dict) and isinstance(raw.get("id"), str):
                yield (i,), raw["id"]


def _editorial_warnings(
    registry: dict[str, Document],
    entries: dict[str, list[tuple[Key, Entry]]],
    folders: list[_Folder],
    referenced: dict[str, set[str]],
) -> Iterator[Diagnostic]:
    """What is valid but probably not what the editor meant: loose ends readers can't reach.

    Entries left out for errors may hold the missing links, so these checks run only once every
    entry is valid: before that they would only repeat an error in other words.
    """

    def warn(file: str, key: Key, message: str) -> Diagnostic:
        return registry[file].diagnostic((*key, "id"), message, severity="warning")

    for key, actor in entries.get("actors.yml", []):
        if actor.id not in referenced["actors.yml"] and not actor.memberships:  # type: ignore[attr-defined]
            yield warn(
                "actors.yml", key,
                f"actor '{actor.id}' is not connected to anything (expected a position, figure, event, "  # type: ignore[attr-defined]
                "explainer or membership that names it, or a membership of its own)",
            )
    for key, source in entries.get("sources.yml", []):
        if source.id not in referenced["sources.yml"]:  # type: ignore[attr-defined]
            yield warn("sources.yml", key, f"source '{source.id}' is not cited by anything (expected it cited, or removed)")  # type: ignore[attr-defined]
    for key, document in entries.get("documents.yml", []):
        if document.id not in referenced["documents.yml"]:  # type: ignore[attr-defined]
            yield warn(
                "documents.yml", key,
                f"document '{document.id}' is not connected to anything (expected a position or figure that names it, or removed)",  # type: ignore[attr-defined]
            )
    for key, issue in entries.get("issues.yml", []):
        if issue.id not in referenced["issues.yml"]:  # type: ignore[attr-defined]
            yield warn(
                "issues.yml", key,
                f"issue '{issue.id}' is not connected to anything (expected a position, figure or event on it, or removed)",  # type: ignore[attr-defined]
            )
    for x in folders:
        story = x.entries.get("explainer.yml")
        if story and not story[0][1].summary:  # type: ignore[attr-defined]
            yield x.documents["explainer.yml"].diagnostic(
                (), "the explainer has no summary (expected at least one paragraph under 'summary:', so readers learn what happened)",
                severity="warning",
            )


def _what(cls: type[Entry]) -> str:
    if cls is Story:
        return "a mapping of the explainer's fields"
    if cls is model.Desk:
        return "a mapping of the desk's fields"
    return f"a list of {cls.__name__.lower()} entries"


def _check_shape(document: Document, cls: type[Entry], problems: list[Diagnostic]) -> Iterator[tuple[Key, Entry]]:
    """The entries of one file that match the model; the others become problems."""
    data = document.data
    mapping = cls in (Story, model.Desk)
    if data is None:
        if cls in (model.Position, model.Figure, model.Event):
            return  # an explainer with no positions, numbers or events (yet)
        problems.append(document.diagnostic((), f"the file is empty (expected {_what(cls)})"))
        return
    if mapping:
        items: list[tuple[Key, Any]] = [((), data)]
    elif isinstance(data, list):
        items = [((i,), item) for i, item in enumerate(data)]
    else:
        problems.append(document.diagnostic((), f"{_describe(data)} is not {_what(cls)} (expected {_what(cls)}, each starting with '- id:')"))
        return
    for key, item in items:
        if mapping and not isinstance(item, dict):
            problems.append(document.diagnostic((), f"{_describe(item)} is not {_what(cls)} (expected {_what(cls)}: 'title:', …)"))
            continue
        try:
            yield key, cls.model_validate(item)
        except ValidationError as error:
            problems.extend(_translate(document, cls, key, error))


def _check_unique_ids(
    files: list[tuple[Document, list[tuple[Key, Entry]]]], problems: list[Diagnostic], taken: frozenset[str] = frozenset()
) -> dict[str, Key]:
    """Each id once across ``files``; the first place of each id."""
    first: dict[str, tuple[Document, Key]] = {}
    for document, items in files:
        for key, entry in items:
            id_ = entry.id  # type: ignore[attr-defined]
            if id_ in taken:
                problems.append(document.diagnostic((*key, "id"), f"'{id_}' is the name of one of the site's own pages (expected another id)"))
            if id_ in first:
                problems.append(_duplicate(document, key, id_, *first[id_]))
            else:
                first[id_] = (document, key)
    return {id_: key for id_, (_, key) in first.items()}


def _duplicate(document: Document, key: Key, id_: str, first: Document, at: Key) -> Diagnostic:
    return document.diagnostic((*key, "id"), f"duplicate id '{id_}' (first defined at {_place(first, at)}; expected each id once)")


def _place(document: Document, key: Key) -> str:
    """``FILE:LINE:COL`` of an entry's id, as a message names another place."""
    line, col = document.place((*key, "id"))
    return f"{document.file}:{line}:{col}"


def _check_explainer_ids(folders: list[_Folder], problems: list[Diagnostic]) -> dict[str, dict[str, Key]]:
    """Each figure's and each event's id once across the desk; the first place of each id, by
    file. An id used in two explainers is blamed on the later one (by its date, then by its
    folder's name), wherever its folder sorts; a folder that repeats several ids of another, as
    a copied folder does, gets one message rather than one per id."""
    first: dict[str, dict[str, tuple[_Folder, Key]]] = {"figures.yml": {}, "events.yml": {}}
    # (later folder, earlier folder) → each id the later repeats: (its problem, the id, where it was first)
    repeats: dict[tuple[str, str], list[tuple[Diagnostic, str, str]]] = defaultdict(list)
    for x in sorted(folders, key=_publication_order):
        for name, places in first.items():
            if name not in x.documents:
                continue
            for key, entry in x.entries[name]:
                id_ = entry.id  # type: ignore[attr-defined]
                if id_ not in places:
                    places[id_] = (x, key)
                    continue
                owner, at = places[id_]
                problem = _duplicate(x.documents[name], key, id_, owner.documents[name], at)
                if owner is x:
                    problems.append(problem)
                else:
                    repeats[(x.slug, owner.slug)].append((problem, id_, _place(owner.documents[name], at)))
    for (slug, other), found in repeats.items():
        if len(found) == 1:
            problems.append(found[0][0])
        else:
            problems.append(_copied(slug, other, found))
    return {name: {id_: key for id_, (_, key) in places.items()} for name, places in first.items()}


def _publication_order(x: _Folder) -> tuple:
    """Explainers by their date, then their folder's name; one whose date is not known yet last."""
    story = x.entries.get("explainer.yml")
    return (0, model.sort_key(story[0][1].date), x.slug) if story else (1, (), x.slug)  # type: ignore[attr-defined]


def _copied(slug: str, other: str, found: list[tuple[Diagnostic, str, str]]) -> Diagnostic:
    """One problem for a folder that repeats several ids of another, at the first of them."""
    problem, id_, first = min(found)
    return dataclasses.replace(problem, message=(
        f"explainer folder '{slug}' repeats the ids of '{other}': {len(found)} of its figures and events have ids "
        f"used there, starting with '{id_}' (first defined at {first}; expected each id once: give the figures and "
        "events of a copied explainer new ids)"
    ))


def _unknown(ref: str, target: model.RefTo, known: dict[str, Key]) -> str:
    message = f"unknown {target.noun} '{_shown(ref)}' (expected the id of an entry in {target.file}"
    close = difflib.get_close_matches(ref, known, n=1)
    return message + (f"; did you mean '{_shown(close[0])}'?)" if close else ")")


def _is_id(text: str) -> bool:
    return len(text) <= model.MAX_ID_LENGTH and re.fullmatch(model.SLUG_PATTERN, text) is not None


def _id_forms(text: str) -> set[str]:
    """The ids an editor may have meant by an invalid one: ``South`` → ``south``; ``so uth`` →
    ``south``, ``so-uth``; ``sou\u200bth`` → ``south``."""
    lower = text.lower().strip()
    visible = "".join(ch for ch in lower if not unicodedata.category(ch).startswith(("C", "Z")))
    return {text, lower, visible, re.sub(r"\s+", "-", lower), urls.slugify(text)}


# -- references and vocabulary words, found from the model's annotations so a new field is
# checked automatically --


def _references(entry: BaseModel, key: Key) -> Iterator[tuple[Key, model.RefTo | model.Term, str]]:
    for name, annotation in _fields_that_may_refer(type(entry)):
        yield from _refs_in(getattr(entry, name), annotation, (*key, name))


@functools.cache
def _fields_that_may_refer(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    # Worked out once a model: walking every text and date of a desk of 40 explainers for
    # references, at each save of a preview, was a tenth of a second.
    fields = ((name, _field_annotation(cls, name)) for name in cls.model_fields)
    return tuple((name, annotation) for name, annotation in fields if _may_refer(annotation))


def _may_refer(annotation: Any) -> bool:
    """Whether a value of this type can hold a reference or vocabulary word: one marked so, a
    model (whose own fields are looked at), or a list, union… of such."""
    if _ref_target(annotation) or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return True
    return any(_may_refer(arg) for arg in typing.get_args(annotation))


@functools.cache
def _field_annotation(cls: type[BaseModel], name: str) -> Any:
    return typing.get_type_hints(cls, include_extras=True)[name]


def _refs_in(value: Any, annotation: Any, key: Key) -> Iterator[tuple[Key, model.RefTo | model.Term, str]]:
    if value is None:
        return
    target = _ref_target(annotation)
    if target:
        yield key, target, value
    elif isinstance(value, BaseModel):
        yield from _references(value, key)
    elif typing.get_origin(annotation) is typing.Annotated:
        yield from _refs_in(value, typing.get_args(annotation)[0], key)
    elif isinstance(value, list):
        (item_annotation,) = typing.get_args(annotation) or (Any,)
        for i, item in enumerate(value):
            yield from _refs_in(item, item_annotation, (*key, i))
    elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            if option is not type(None):
                yield from _refs_in(value, option, key)


def _ref_target(annotation: Any) -> model.RefTo | model.Term | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, (model.RefTo, model.Term)):
            return meta
    return None


# -- pydantic's errors, said the way an editor needs them --------------------------------


def _translate(document: Document, cls: type[BaseModel], key: Key, error: ValidationError) -> Iterator[Diagnostic]:
    for problem in error.errors(include_url=False):
        loc = tuple(problem["loc"])
        kind = problem["type"]
        where = (*key, *loc)
        if kind == "extra_forbidden":
            yield document.diagnostic(where, _unknown_field(cls, loc), of_key=True)
        elif kind == "missing":
            yield document.diagnostic(where[:-1], f"missing field '{loc[-1]}' ({_expected(cls, loc)})")
        else:
            yield document.diagnostic(where, _wrong_value(problem, cls, loc))


def _field(cls: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], str] | None:
    """The model class and field name that ``loc`` points at inside ``cls``."""
    owner: type[BaseModel] = cls
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if field is not None:
            inner = _model_in(_field_annotation(owner, field))
            if inner is None:
                return owner, field
            owner = inner
        if part not in owner.model_fields:
            return None
        field = part
    return (owner, field) if field else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _unknown_field(cls: type[BaseModel], loc: tuple) -> str:
    parent = _field(cls, loc[:-1]) if loc[:-1] else None
    owner = _model_in(_field_annotation(*parent)) if parent else cls
    names = list(owner.model_fields) if owner else []
    message = f"unknown field '{_shown(loc[-1])}' (expected one of: {', '.join(names)}"
    close = difflib.get_close_matches(str(loc[-1]), names, n=1)
    return message + (f"; did you mean '{close[0]}'?)" if close else ")")


def _expected(cls: type[BaseModel], loc: tuple) -> str:
    found = _field(cls, loc)
    if not found:
        return "expected a value"
    owner, name = found
    info = owner.model_fields[name]
    annotation = _field_annotation(owner, name)
    target = _ref_target(annotation)
    if isinstance(target, model.RefTo):
        return f"expected the id of an entry in {target.file}"
    # Every field is described (a test holds the model to that): the description says what belongs there.
    return f"expected {_lower_first((info.description or 'a value').rstrip('.'))}"


def _wrong_value(problem: dict, cls: type[BaseModel], loc: tuple) -> str:
    kind, value, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    got = _describe(value)
    if kind == "string_type":
        hint = " in quotes to keep it exactly as written" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {got}" + (f" (put it{hint})" if hint else "")
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        hint = ""
        if isinstance(value, str):
            hint = " (remove the quotes)" if _is_number(value) else " (write the number without commas or units, e.g. 12000)"
            if "_" in value and _is_number(value.replace("_", "")):
                hint = f" (write it without underscores: {value.replace('_', '')})"
        return f"expected a number, got {got}{hint}"
    if kind in ("less_than_equal", "greater_than_equal"):
        return _out_of_range(got, kind == "less_than_equal")
    if kind == "finite_number":
        if isinstance(value, float) and math.isinf(value):
            # 1e999 reads as infinity: what was typed is not "inf", but a number too large.
            return _out_of_range("the number", value > 0)
        return f"expected an ordinary number, got {got}"
    if kind == "bool_type":
        return f"expected true or false, got {got}"
    if kind == "list_type":
        return f"expected a list, got {got}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {got}"
    if kind == "literal_error":
        options = [str(o) for o in typing.get_args(_field_annotation(*_field(cls, loc)))] if _field(cls, loc) else []
        close = difflib.get_close_matches(str(value), options, n=1)
        tail = f"; did you mean '{close[0]}'?" if close else ""
        return f"'{_shown(value)}' is not allowed here (expected one of: {', '.join(options)}{tail})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == model.SLUG_PATTERN:
            return f"'{_shown(value)}' is not an id (expected lowercase letters, digits and hyphens, e.g. 'russian-delegation')"
        if pattern == model.TEXT_PATTERN:
            if isinstance(value, str) and value.strip():
                return f"is blank: '{_shown(value)}' holds only invisible characters (expected some visible text)"
            return "is blank (expected some text)"
        if pattern == model.DATE_PATTERN:
            return f"'{_shown(value)}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-06-02)"
        if pattern == model.ICON_PATTERN:
            return f"'{_shown(value)}' is not an icon name (expected a name from the theme's icon set, e.g. material-check-circle)"
        if pattern == model.CURRENCY_PATTERN:
            return f"'{_shown(value)}' is not a currency code (expected a three-letter ISO 4217 code, e.g. USD, EUR or GBP)"
        return f"'{_shown(value)}' is not an http(s) address (expected e.g. https://example.org/report)"
    if kind == "string_too_short":
        return "is empty (expected some text)"
    if kind == "string_too_long":
        return f"'{_shown(value)}' is {len(value):,} characters long (expected at most {ctx.get('max_length'):,})"
    if kind == "too_short":
        return f"has {len(value)} items (expected at least {ctx.get('min_length')})"
    if kind == "value_error":
        return str(ctx.get("error", problem["msg"]))
    return f"{problem['msg'][:1].lower()}{problem['msg'][1:]}, got {got}"


def _out_of_range(got: str, large: bool) -> str:
    zeros = model.MAX_VALUE_ZEROS
    if large:
        return f"{got} is too large (expected at most 1e{zeros})"
    return f"{got} is too small (expected at least -1e{zeros})"


def _is_number(text: str) -> bool:
    """Whether YAML would have read the text as a number, had it not been quoted (``1_000``
    and ``١٢`` are text to YAML, whatever Python's float() makes of them)."""
    return reads_as_number(text)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {_shown(value)}"
    if isinstance(value, str):
        return f"the text '{_shown(value)}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
