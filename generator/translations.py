"""Content in other languages: which fields of the content are text readers read, and the
content with the text of a translation file (``actors.bg.yml`` beside ``actors.yml``) in place.

What is text is derived from the model (``model.py``): a field typed ``Text`` or
``ShortTitle``, a list of them (``aliases``), and the entries nested in a field whose own text
fields are translated the same way (``publisher``, ``actors``, ``summary``…). Ids, references,
dates, numbers, codes and addresses are never text, so a page has the same address in every
language. A translation file holds only text fields:

- a file of entries (``actors.yml``) becomes a mapping from each entry's key (its id; for a
  position ``ACTOR/ISSUE/DATE``) to its text fields;
- a file of one mapping (``desk.yml``, ``explainer.yml``) has its text fields at the top;
- nested entries with a key (``actors:`` in explainer.yml, keyed by actor) are a mapping by
  key; those without one (``summary:``…) a list of the same length, in the same order;
- each entry may carry ``original:``, the fingerprint of the original text each of its
  fields was translated from, so that a translation that fell behind is flagged.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from typing import Any, Literal

from . import model, values
from .checks import vocabulary
from .files import DESK_FILES, EXPLAINER_FILES, ContentFile
from .model import Entry
from .validated_desk import Content, Explainer

# The key under which an entry of a translation records what it was translated from.
ORIGINAL = "original"
TEXT_TYPES = (values.Text, values.ShortTitle)
# Words as published stay as published: a source's headline is the one it ran with.
_AS_PUBLISHED = frozenset({(model.Source, "headline")})
# Words as said stay as said: a translation file's quote is kept beside the quote (shown as a
# translation), never in its place.
BESIDE = {(model.Position, "quote"): "quote_translation"}
# The fields an entry without an id is known by, in a translation file (the others have ids,
# or are a list in the original's order).
_KEYS: dict[type[Entry], tuple[str, ...]] = {model.Position: ("actor", "issue", "date"), model.Cast: ("actor",)}

Kind = Literal["text", "words", "entry", "keyed", "listed"]


@dataclasses.dataclass(frozen=True)
class TextField:
    """A field of a model that a translation gives: ``text`` (one text), ``words`` (a list of
    texts), ``entry`` (one nested entry), ``keyed`` (nested entries by key) or ``listed``
    (nested entries in the original's order). ``of`` is the text's type, or the nested model."""

    name: str
    kind: Kind
    of: Any

    @property
    def is_text(self) -> bool:
        return self.kind in ("text", "words")


def _required(annotation: Any) -> Any:
    """``Text | None`` → ``Text``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def _is_entry(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Entry) and bool(text_fields(annotation))


@functools.cache
def text_fields(cls: type[Entry]) -> dict[str, TextField]:
    """The fields of a model a translation gives, in the model's order."""
    found: dict[str, TextField] = {}
    for name in cls.model_fields:
        annotation = _required(values.annotation_of(cls, name))
        if (cls, name) in _AS_PUBLISHED:
            continue
        if annotation in TEXT_TYPES:
            found[name] = TextField(name, "text", annotation)
        elif _is_entry(annotation):
            found[name] = TextField(name, "entry", annotation)
        elif typing.get_origin(annotation) is list:
            item = typing.get_args(annotation)[0]
            if item in TEXT_TYPES:
                found[name] = TextField(name, "words", item)
            elif _is_entry(item):
                found[name] = TextField(name, "keyed" if key_fields(item) else "listed", item)
    return found


def key_fields(cls: type[Entry]) -> tuple[str, ...]:
    """The fields an entry is known by in a translation file: its id, or ``_KEYS``'s."""
    return _KEYS.get(cls) or (("id",) if "id" in cls.model_fields else ())


def key_of(entry: Entry) -> str:
    """An entry's key in a translation file: ``russia``, ``russia/peace-terms/2025-06-02``."""
    return "/".join(str(getattr(entry, name)) for name in key_fields(type(entry)))


# How many hexadecimal digits of the original's SHA-256 a translation records: short enough to
# type, long enough that an edit going unnoticed (1 in 4 billion) does not happen on a desk.
FINGERPRINT_DIGITS = 8


def fingerprint(text: str | list[str] | tuple[str, ...]) -> str:
    """The short fingerprint of an original text a translation records: the first
    FINGERPRINT_DIGITS hex digits of the SHA-256 of its UTF-8 bytes (a list's items joined with
    a line break)."""
    joined = text if isinstance(text, str) else "\n".join(text)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]


def given(value: Any) -> bool:
    """Whether an original or a translation holds something: not left out, empty or blank."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(given(item) for item in value)
    return value is not None


def by_key(data: Any) -> dict[str, Any]:
    """A translation's mapping by key, the keys as text (YAML reads a key ``2025`` as a number)."""
    return {str(key): value for key, value in data.items()} if isinstance(data, dict) else {}


def aligned(cls: type[Entry], originals: list[Entry], translation: Any) -> list[int | None] | None:
    """Which item of a translated list translates each item of the original list (its index, or
    None when none does), or None when that cannot be told. Lists of one length are matched by
    position (an item whose original changed is then stale); otherwise each translated item is
    matched, in order, to the original whose texts its fingerprints (under ``original:``)
    record, and an item with no text yet to none: an editor who adds a change at the top of
    ``changes:``, or a paragraph, leaves every translation where it belongs."""
    if not isinstance(translation, list):
        return None
    if len(translation) == len(originals):
        return list(range(len(originals)))
    found: list[int | None] = [None] * len(originals)
    start = 0
    fields = text_fields(cls)
    for index, item in enumerate(translation):
        if not (isinstance(item, dict) and any(given(item.get(name)) for name in fields)):
            continue  # a place still to fill in holds nothing to keep
        match = next((i for i in range(start, len(originals)) if records(cls, originals[i], item)), None)
        if match is None:
            return None
        found[match], start = index, match + 1
    return found


def records(cls: type[Entry], original: Entry, translation: Any) -> bool:
    """Whether a translated entry records (under ``original:``) fingerprints, each of this
    original's text as it is now."""
    recorded = translation.get(ORIGINAL) if isinstance(translation, dict) else None
    fields = text_fields(cls)
    return isinstance(recorded, dict) and bool(recorded) and all(
        name in fields and fields[name].is_text and given(getattr(original, name))
        and fingerprint(getattr(original, name)) == str(value)
        for name, value in recorded.items()
    )


# -- applying a language ---------------------------------------------------------------------


def translated(content: Content, language: str | None) -> Content:
    """The content in ``language``: each text field the translation gives replaced by it (a
    quote's kept, with its translation beside it), the original where it gives none. Ids,
    references, dates and numbers are unchanged, so every page has the same address in every
    language. ``None``, or the desk's default language, is the content as written."""
    if language is None or language == content.desk.languages[0]:
        return content
    given_files = content.translations.get(language, {})

    def of(file: ContentFile, where: str, entries: Any) -> Any:
        data = given_files.get((where, file.name))
        if file.mapping:
            return _apply(file.model, entries, data)
        found = by_key(data)
        if isinstance(entries, dict):
            return {key: _apply(file.model, entry, found.get(key_of(entry))) for key, entry in entries.items()}
        return tuple(_apply(file.model, entry, found.get(key_of(entry))) for entry in entries)

    desk_files = {f.attribute: of(f, "", getattr(content, f.attribute)) for f in DESK_FILES}
    explainers = {
        slug: Explainer(slug=slug, **{f.attribute: of(f, slug, getattr(x, f.attribute)) for f in EXPLAINER_FILES})
        for slug, x in content.explainers.items()
    }
    desk = desk_files["desk"]
    return dataclasses.replace(
        content, **desk_files, explainers=explainers, stances=vocabulary.stances(desk), kinds=vocabulary.kinds(desk),
        language=language,
    )


def _apply(cls: type[Entry], entry: Any, data: Any) -> Any:
    if entry is None or not isinstance(data, dict):
        return entry
    update: dict[str, Any] = {}
    for field in text_fields(cls).values():
        original, translation = getattr(entry, field.name), data.get(field.name)
        if not given(original):
            continue
        if field.is_text:
            if given(translation):
                update[BESIDE.get((cls, field.name), field.name)] = translation
        elif field.kind == "entry":
            update[field.name] = _apply(field.of, original, translation)
        elif field.kind == "keyed":
            found = by_key(translation)
            update[field.name] = [_apply(field.of, item, found.get(key_of(item))) for item in original]
        else:
            order = aligned(field.of, original, translation) or [None] * len(original)
            update[field.name] = [_apply(field.of, item, None if at is None else translation[at]) for item, at in zip(original, order)]
    return entry.model_copy(update=update) if update else entry
