"""Ids and references: each id once across the desk, and every reference to an id, or word
of a vocabulary, found from the model's marks (``values.RefTo``, ``values.Term``) so that a
new field is checked without a word here, with did-you-mean suggestions over the whole desk."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import types
import typing
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .. import urls, values
from ..diagnostics import Diagnostic
from ..diagnostics import shown as _shown
from ..files import EXPLAINER_FILES, STORY
from ..parsing import Document, Key
from ..model import Entry, Story
from ..values import RefTo, Term, sort_key
from .found import Checked, Folder
from .vocabulary import not_in_vocabulary, term_labels


@dataclasses.dataclass
class Target:
    """The entries of one file as references see them."""

    # Each id, at its first place; None when the file gives no list of entries to look in.
    known: dict[str, Key] | None = None
    # What the invalid ids stand for ('south' for an id 'South'): that one mistake is reported
    # once, at the id, not again at every reference to it.
    meant: set[str] = dataclasses.field(default_factory=set)
    # The ids something refers to.
    referenced: set[str] = dataclasses.field(default_factory=set)
    # Ids most likely misspelt where they are defined ('ukriane'), each with the id every
    # reference gives ('ukraine'): reported once there, so that nothing else speaks of them.
    misspelt: dict[str, str] = dataclasses.field(default_factory=dict)


def id_of(entry: Entry) -> str:
    """The id of an entry of a file with ids (``ContentFile.has_ids``)."""
    return str(getattr(entry, "id"))


def targets(desk: dict[str, Checked], folders: list[Folder], problems: list[Diagnostic]) -> dict[str, Target]:
    """What references can name, by file: each of the desk's files' own ids, and figures' and
    events' across every explainer. Each id must be used once."""
    found: dict[str, Target] = defaultdict(Target)
    for checked in desk.values():
        if checked.file.has_ids and isinstance(checked.document.data, list):
            taken = urls.taken(checked.file.page) if checked.file.page else frozenset()
            target = found[checked.file.name]
            known = target.known = _unique_ids(checked, problems, taken)
            # An entry with a wrong field is left out, but its id still exists for the editor:
            # counting it keeps one mistake from showing up as "unknown id" everywhere it is used.
            for key, raw_id in _ids_of_invalid_entries(checked):
                if _is_id(raw_id):
                    known.setdefault(raw_id, key)
                else:
                    target.meant |= _id_forms(raw_id)
    for name, known in _explainer_ids(folders, problems).items():
        found[name].known = known
        for x in folders:
            if name in x.checked:
                for key, raw_id in _ids_of_invalid_entries(x.checked[name]):
                    known.setdefault(raw_id, key)
    return found


@dataclasses.dataclass
class FileReferences:
    """The references a file's entries make, each where it is, and the ids and words it refers
    to, by the file or vocabulary they belong to."""

    found: list[tuple[Key, RefTo | Term, str]]
    ids: dict[str, set[str]]
    words: dict[str, set[str]]
    # The entries its valid entries name, as (file, id): what it cites, whom it names.
    named: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, checked: Checked) -> FileReferences:
        valid = [ref for key, entry in checked.entries for ref in references(entry, key)]
        found = valid + [ref for key, entry in checked.partial for ref in references(entry, key)]
        ids: dict[str, set[str]] = defaultdict(set)
        words: dict[str, set[str]] = defaultdict(set)
        for _, target, ref in found:
            (words[target.vocabulary] if isinstance(target, Term) else ids[target.file]).add(ref)
        named = frozenset((target.file, ref) for _, target, ref in valid if isinstance(target, RefTo))
        return cls(found, dict(ids), dict(words), named)

    def all_known(self, found: dict[str, Target], words: dict[str, dict[str, Any]]) -> bool:
        """Whether every id and word it refers to exists (nothing to say about it)."""
        for file, ids in self.ids.items():
            named = found[file]
            if named.known is not None and ids.difference(named.known, named.meant):
                return False
        for name, used in self.words.items():
            vocabulary = words.get(name)
            if vocabulary is not None and used.difference(vocabulary):
                return False
        return True


def file_references(checked: Checked) -> FileReferences:
    """The references a file's entries make, looked for once a ``Checked`` (a preview keeps the
    Checked of an unchanged file from one save to the next, validate.Kept)."""
    if checked.references is None:
        checked.references = FileReferences.of(checked)
    return checked.references


def check_references(files: list[Checked], found: dict[str, Target], words: dict[str, dict[str, Any]]) -> Iterator[Diagnostic]:
    """Every reference names an entry that exists, and every vocabulary word is the desk's;
    notes in ``found`` what each reference names. A file whose ids and words all exist is
    checked a set at a time, not a reference at a time (a desk of 40 explainers makes some
    20,000)."""
    # Unknown ids, by file and id: what each reference to one would say.
    unknown: dict[tuple[RefTo, str], list[Diagnostic]] = defaultdict(list)
    for checked in files:
        refs = file_references(checked)
        for file, ids in refs.ids.items():
            found[file].referenced |= ids
        if refs.all_known(found, words):
            continue
        for ref_key, target, ref in refs.found:
            if isinstance(target, Term):
                vocabulary = words.get(target.vocabulary)
                if vocabulary is not None and ref not in vocabulary:
                    yield checked.document.diagnostic(ref_key, not_in_vocabulary(ref, list(vocabulary), term_labels(vocabulary)))
                continue
            named = found[target.file]
            if named.known is not None and ref not in named.known and ref not in named.meant:
                unknown[(target, ref)].append(checked.document.diagnostic(ref_key, _unknown(ref, target, named.known)))
    yield from _misspelt_ids(unknown, found, files)


def _misspelt_ids(unknown: dict[tuple[RefTo, str], list[Diagnostic]], found: dict[str, Target],
                  files: list[Checked]) -> Iterator[Diagnostic]:
    """The references to each unknown id, or one message at the id they mean: where several
    references name an id no entry has ('ukraine'), and one of the desk's own files has an
    entry whose id is close to it and that nothing names ('ukriane'), the typo is most likely
    there, and fixing it fixes every reference. Their messages would have asked to copy it."""
    desk = {checked.file.name: checked for checked in files if checked.file.where == "desk"}
    for (target, ref), said in unknown.items():
        named, defined = found[target.file], desk.get(target.file)
        close = difflib.get_close_matches(ref, named.known, n=1) if named.known is not None and len(said) > 1 else []
        if not close or close[0] in named.referenced or defined is None:
            yield from said
            continue
        named.misspelt[close[0]] = ref
        yield defined.document.diagnostic(
            (*named.known[close[0]], "id"), f"nothing names {target.noun} '{_shown(close[0])}', while {len(said)} references name "
            f"'{_shown(ref)}', which no entry of {target.file} has (expected id: {_shown(ref)}, if this is the entry they mean)",
        )


def _unique_ids(checked: Checked, problems: list[Diagnostic], taken: frozenset[str]) -> dict[str, Key]:
    """Each id once in one file; the first place of each id."""
    document = checked.document
    first: dict[str, Key] = {}
    for key, entry in checked.entries:
        id_ = id_of(entry)
        if id_ in taken:
            problems.append(document.diagnostic((*key, "id"), f"'{id_}' is the name of one of the site's own pages (expected another id)"))
        if id_ in first:
            problems.append(_duplicate(document, key, id_, document, first[id_]))
        else:
            first[id_] = key
    return first


def _duplicate(document: Document, key: Key, id_: str, first: Document, at: Key) -> Diagnostic:
    return document.diagnostic((*key, "id"), f"duplicate id '{id_}' (first defined at {_place(first, at)}; expected each id once)")


def _place(document: Document, key: Key) -> str:
    """``FILE:LINE:COL`` of an entry's id, as a message names another place."""
    line, col = document.place((*key, "id"))
    return f"{document.file}:{line}:{col}"


def _explainer_ids(folders: list[Folder], problems: list[Diagnostic]) -> dict[str, dict[str, Key]]:
    """Each figure's and each event's id once across the desk; the first place of each id, by
    file. An id used in two explainers is blamed on the later one (by its date, then by its
    folder's name), wherever its folder sorts; a folder that repeats several ids of another, as
    a copied folder does, gets one message rather than one per id."""
    first: dict[str, dict[str, tuple[Folder, Key]]] = {f.name: {} for f in EXPLAINER_FILES if f.has_ids}
    # (later folder, earlier folder) → each id the later repeats: (its problem, the id, where it was first)
    repeats: dict[tuple[str, str], list[tuple[Diagnostic, str, str]]] = defaultdict(list)
    for x in sorted(folders, key=_publication_order):
        for name, places in first.items():
            checked = x.checked.get(name)
            if checked is None:
                continue
            for key, entry in checked.entries:
                id_ = id_of(entry)
                if id_ not in places:
                    places[id_] = (x, key)
                    continue
                owner, at = places[id_]
                problem = _duplicate(checked.document, key, id_, owner.documents[name], at)
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


def _publication_order(x: Folder) -> tuple:
    """Explainers by their date, then their folder's name; one whose date is not known yet last."""
    story = x.entries(STORY.name, Story)
    return (0, sort_key(story[0][1].date), x.slug) if story else (1, (), x.slug)


def _copied(slug: str, other: str, found: list[tuple[Diagnostic, str, str]]) -> Diagnostic:
    """One problem for a folder that repeats several ids of another, at the first of them."""
    problem, id_, first = min(found)
    return dataclasses.replace(problem, message=(
        f"explainer folder '{slug}' repeats the ids of '{other}': {len(found)} of its figures and events have ids "
        f"used there, starting with '{id_}' (first defined at {first}; expected each id once: give the figures and "
        "events of a copied explainer new ids)"
    ))


def _unknown(ref: str, target: RefTo, known: dict[str, Key]) -> str:
    message = f"unknown {target.noun} '{_shown(ref)}' (expected the id of an entry in {target.file}"
    close = difflib.get_close_matches(ref, known, n=1)
    return message + (f"; did you mean '{_shown(close[0])}'?)" if close else ")")


def _is_id(text: str) -> bool:
    return len(text) <= values.MAX_ID_LENGTH and re.fullmatch(values.SLUG_PATTERN, text) is not None


def _id_forms(text: str) -> set[str]:
    """The ids an editor may have meant by an invalid one: ``South`` → ``south``; ``so uth`` →
    ``south``, ``so-uth``; ``sou\u200bth`` → ``south``."""
    lower = text.lower().strip()
    visible = "".join(ch for ch in lower if not unicodedata.category(ch).startswith(("C", "Z")))
    return {text, lower, visible, re.sub(r"\s+", "-", lower), urls.slugify(text)}


def _ids_of_invalid_entries(checked: Checked) -> Iterator[tuple[Key, str]]:
    valid_keys = {key for key, _ in checked.entries}
    if isinstance(checked.document.data, list):
        for i, raw in enumerate(checked.document.data):
            if (i,) not in valid_keys and isinstance(raw, dict) and isinstance(raw.get("id"), str):
                yield (i,), raw["id"]


def named_only_by_drafts(desk: dict[str, Checked], published: list[Folder], drafts: list[Folder]) -> dict[str, set[str]]:
    """By file of the desk, the ids of its entries that only drafts lead to (named by a draft,
    or by such an entry: a draft's new actor, its party): a build for readers leaves them out
    with the drafts, so that a scoop's people and sources do not appear before it. An entry
    nothing names stays, as it is (a loose end ``check`` warns of)."""
    links: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for checked in desk.values():
        if checked.file.has_ids:
            for key, entry in checked.entries:
                links[(checked.file.name, id_of(entry))] = set(entries_named(entry, key))

    def reached(start: set[tuple[str, str]]) -> set[tuple[str, str]]:
        found, todo = set(), list(start)
        while todo:
            node = todo.pop()
            if node not in found:
                found.add(node)
                todo.extend(links.get(node, ()))
        return found

    def named_by(folders: list[Folder]) -> set[tuple[str, str]]:
        return {ref for x in folders for checked in x.checked.values() for ref in file_references(checked).named}

    by_drafts = reached(named_by(drafts))
    kept = reached(named_by(published) | (set(links) - by_drafts))
    only: dict[str, set[str]] = defaultdict(set)
    for file, id_ in by_drafts - kept:
        only[file].add(id_)
    return dict(only)


def entries_named(entry: BaseModel, key: Key) -> Iterator[tuple[str, str]]:
    """The entries of the desk's files an entry names, as (file, id)."""
    for _, target, ref in references(entry, key):
        if isinstance(target, RefTo):
            yield target.file, ref


def references(entry: BaseModel, key: Key) -> Iterator[tuple[Key, RefTo | Term, str]]:
    for name, annotation in _fields_that_may_refer(type(entry)):
        # (None where an entry with errors leaves the field unset: shape.partly.)
        yield from _refs_in(getattr(entry, name, None), annotation, (*key, name))


@functools.cache
def _fields_that_may_refer(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    # Worked out once a model: walking every text and date of a desk of 40 explainers for
    # references, at each save of a preview, was a tenth of a second.
    fields = ((name, values.annotation_of(cls, name)) for name in cls.model_fields)
    return tuple((name, annotation) for name, annotation in fields if _may_refer(annotation))


def _may_refer(annotation: Any) -> bool:
    """Whether a value of this type can hold a reference or vocabulary word: one marked so, a
    model (whose own fields are looked at), or a list, union… of such."""
    if values.marker(annotation) or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return True
    return any(_may_refer(arg) for arg in typing.get_args(annotation))


def _refs_in(value: Any, annotation: Any, key: Key) -> Iterator[tuple[Key, RefTo | Term, str]]:
    if value is None:
        return
    target = values.marker(annotation)
    if target:
        yield key, target, value
    elif isinstance(value, BaseModel):
        yield from references(value, key)
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
