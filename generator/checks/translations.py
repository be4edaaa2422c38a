"""Translation files (``actors.bg.yml`` beside ``actors.yml``) against their originals: each
translates a file that exists into a language the desk declares, gives only the text fields
(``translations.text_fields``) of entries the original has, as the originals' rules allow
them; every text of the original it leaves untranslated is a warning (at its empty place in
the translation, else at the original's line), and so is a translation whose original changed since (its fingerprint no longer matches), and,
once per file, texts that record no fingerprint (written by hand, not with `translate`)."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..diagnostics import Diagnostic
from ..diagnostics import shown as _shown
from ..files import DESK, ContentFile, translation_name, translation_of
from ..model import EXPLAINERS_FOLDER, Desk, Entry, Story
from ..parsing import Document, Key
from ..translations import BESIDE, FINGERPRINT_DIGITS, ORIGINAL, TextField, aligned, fingerprint, given, key_fields, key_of, text_fields
from .found import Checked, Folder
from .shape import describe, wrong_value
from .card_text import translated_problem
from .story import QUOTED, in_quotation_marks

_FINGERPRINT = re.compile(f"[0-9a-f]{{{FINGERPRINT_DIGITS}}}")
# What check_translations gives Content: by language, (slug or "", original's name) → data.
Found = dict[str, dict[tuple[str, str], Any]]


def check_translations(desk: dict[str, Checked], folders: list[Folder], top: dict[str, Document],
                       problems: list[Diagnostic], complete: bool, unreadable: frozenset[str] = frozenset(),
                       misspelt: dict[str, dict[str, str]] | None = None) -> Found:
    """Checks every translation file; returns what they hold, by language. Their content is
    checked only when the originals are ``complete`` (every entry valid): before that an entry
    left out for its errors would make its translation's key look unknown. ``unreadable``: the
    files that are there but could not be read (``load``'s). ``misspelt``: by desk file, the ids
    misspelt where they are defined, each with the id meant (``references.Target.misspelt``): a
    translation keyed by the id meant is that entry's, not a key to correct to the typo."""
    if DESK.name in unreadable:
        return {}  # which languages desk.yml declares is not known
    checked_desk = desk.get(DESK.name)
    desks = checked_desk.of(Desk) if checked_desk else []
    if checked_desk and not desks:
        return {}  # desk.yml has errors of its own: which languages it declares is not known
    languages = desks[0][1].languages if desks else DESK.default.languages  # type: ignore[union-attr]
    found: Found = {language: {} for language in languages[1:]}
    groups = [("", top, desk), *((x.slug, x.documents, x.checked) for x in folders)]
    # A draft is translated once it is written: what it lacks in another language is not yet a warning.
    drafts = {x.slug for x in folders if any(story.draft for _, story in x.entries("explainer.yml", Story))}
    for where, documents, checked in groups:
        folder = f"{EXPLAINERS_FOLDER}/{where}/" if where else ""
        for name, document in documents.items():
            translated = translation_of(name)
            if not translated:
                continue
            file, language = translated
            problem = _misplaced(document, file, language, languages, documents, (folder + file.name) in unreadable)
            if problem:
                problems.append(problem)
            elif complete:
                original = checked.get(file.name)
                if original is not None:
                    found[language][(where, file.name)] = document.data
                    meant = (misspelt or {}).get(file.name, {}) if not where else {}
                    _File(original, document, language, problems, warn=where not in drafts, meant=meant).check()
        if complete:
            for file_name, original in checked.items():
                for language in languages[1:]:
                    if translation_name(file_name, language) not in documents and _has_text(original) and where not in drafts:
                        problems.append(_untranslated_file(original, language))
    return found


def _misplaced(document: Document, file: ContentFile, language: str, languages: list[str],
               documents: dict[str, Document], original_unreadable: bool) -> Diagnostic | None:
    """The problem of a translation that has no place: into a language the desk does not
    declare (or its default one), or of a file that is not there (and not just unreadable)."""
    if language == languages[0]:
        others = ", ".join(languages[1:])
        expected = f"a translation into one of its other languages: {others}" if others else (
            "the other languages it is published in listed after it under `languages:` in desk.yml"
        )
        return Diagnostic(document.file, 1, 1, "error", f"a translation into '{language}', the desk's default language, "
                          f"the one its originals are written in (expected {expected})")
    if language not in languages:
        return Diagnostic(document.file, 1, 1, "error", f"a translation into '{_shown(language)}', a language the desk "
                          f"does not declare (expected one of the languages desk.yml lists under `languages:`: {', '.join(languages)})")
    if file.name not in documents and not original_unreadable:
        return Diagnostic(document.file, 1, 1, "error", f"translates {file.name}, which does not exist here "
                          f"(expected {file.name} beside its translation)")
    return None


def _has_text(checked: Checked) -> bool:
    return any(given(getattr(entry, name)) for _, entry in checked.entries for name in text_fields(type(entry)))


def _untranslated_file(original: Checked, language: str) -> Diagnostic:
    name = translation_name(original.file.name, language)
    return Diagnostic(original.document.file, 0, 0, "warning", f"not translated into {language} "
                      f"(expected {name} beside it: `python -m generator translate {language}` writes it)")


@dataclasses.dataclass
class _File:
    """One translation file and its original, checked together."""

    original: Checked
    translation: Document
    language: str
    problems: list[Diagnostic]
    # Whether an untranslated field is a warning: not in a draft.
    warn: bool = True
    # Where a translated text records no fingerprint of its original.
    unrecorded: list[Key] = dataclasses.field(default_factory=list)
    # The original's misspelt ids, each with the id meant, which the translation may be keyed by.
    meant: dict[str, str] = dataclasses.field(default_factory=dict)

    def check(self) -> None:
        self._check()
        if self.unrecorded and self.warn:
            # Written by hand, not with `translate`: nothing would tell when an original changes.
            count = len(self.unrecorded)
            what = (f"{count} translated texts record no fingerprint of their originals, this one first, so changes to those originals"
                    if count > 1 else "this translated text records no fingerprint of its original, so a change to the original")
            self.warning(
                self.unrecorded[0], f"{what} would go unnoticed (expected {'each' if count > 1 else 'it'} recorded under "
                f"'{ORIGINAL}:', which `python -m generator translate {self.language}` writes once the translation is checked)",
            )

    def _check(self) -> None:
        data, model = self.translation.data, self.original.file.model
        if self.original.file.mapping:
            entries = self.original.entries
            self._entry(model, entries[0][1] if entries else None, data or {}, (), (), "")
            return
        if data is not None and not isinstance(data, dict):
            self.error((), f"{describe(data)} is not a translation (expected a mapping from each entry's key to its text fields, "
                       f"e.g. '{self._example()}:')")
            return
        self._keyed(model, self.original.entries, data or {}, (), self.original.file.name, f"{model.__name__.lower()} ")

    def _example(self) -> str:
        return key_of(self.original.entries[0][1]) if self.original.entries else "id"

    def error(self, key: Key, message: str, *, of_key: bool = False) -> None:
        self.problems.append(self.translation.diagnostic(key, message, of_key=of_key))

    def warning(self, key: Key, message: str, *, of_key: bool = False) -> None:
        self.problems.append(self.translation.diagnostic(key, message, severity="warning", of_key=of_key))

    def untranslated(self, key: Key, what: str, at: Key | None = None) -> None:
        """A text left to translate: said where the translator types it when the translation
        has its place already (``translate`` writes one for each), else at the original."""
        if not self.warn:
            return
        if at is not None and at in self.translation.key_places:
            line, _ = self.original.document.place(key, of_key=True)
            self.warning(at, f"{what} is not translated into {self.language} yet (expected its translation here, of "
                         f"{self.original.file.name}:{line})", of_key=True)
            return
        self.problems.append(self.original.document.diagnostic(
            key, f"{what} is not translated into {self.language} "
            f"(expected its translation in {translation_name(self.original.file.name, self.language)})",
            severity="warning", of_key=True,
        ))

    def _keyed(self, cls: type[Entry], entries: list[tuple[Key, Entry]], data: dict, tkey: Key, where: str, noun: str = "") -> None:
        """Entries by key: the translation's keys are some of the original's."""
        keys: dict[str, tuple[Key, Entry]] = {}
        for okey, entry in entries:
            # A second entry of one key is an error of the original's: the translation is the first's.
            keys.setdefault(key_of(entry), (okey, entry))
        raw = {str(key): key for key in data}
        if not tkey:
            for typo, meant in self.meant.items():
                if meant in raw and typo in keys and typo not in raw:
                    raw[typo] = raw.pop(meant)
        for key in raw:
            if key not in keys:
                # Shown nowhere, so harmless to the pages: an entry the original renamed (a
                # position's date corrected) must not stop the build in every language.
                self.warning((*tkey, raw[key]), _unknown_key(cls, key, list(keys), where), of_key=True)
        for key, (okey, entry) in keys.items():
            self._entry(cls, entry, data.get(raw.get(key, key)), (*tkey, raw.get(key, key)), okey, f"{noun}'{key}'")

    def _entry(self, cls: type[Entry], entry: Entry | None, data: Any, tkey: Key, okey: Key, what: str) -> None:
        fields = text_fields(cls)
        if entry is None:
            return
        if data is None:
            if any(given(getattr(entry, name)) for name in fields):
                self.untranslated(okey, what)
            return
        if not isinstance(data, dict):
            self.error(tkey, f"expected a mapping of text fields ({', '.join(fields)}), got {describe(data)}")
            return
        for name in data:
            if name != ORIGINAL and name not in fields:
                self.error((*tkey, name), _not_text(cls, name), of_key=True)
        recorded = data.get(ORIGINAL)
        for field in fields.values():
            original, given_value = getattr(entry, field.name), data.get(field.name)
            at, of = (*tkey, field.name), (*okey, field.name)
            if not given(original):
                if given(given_value):
                    self.error(at, f"'{field.name}' has no original to translate (expected it only where "
                               f"{self.original.file.name} gives '{field.name}:')", of_key=True)
            elif field.is_text:
                self._text(entry, field, given_value, at, of, recorded)
            elif field.kind == "entry":
                self._entry(field.of, original, given_value, at, of, f"'{field.name}'")
            elif given_value is None:
                self.untranslated(of, f"'{field.name}'")
            elif field.kind == "keyed":
                if isinstance(given_value, dict):
                    self._keyed(field.of, [((*of, i), item) for i, item in enumerate(original)], given_value, at, f"'{field.name}'",
                                f"the entry of '{field.name}' ")
                else:
                    self.error(at, f"expected a mapping from each entry's key ({'/'.join(key_fields(field.of))}) "
                               f"to its text fields, got {describe(given_value)}")
            elif not isinstance(given_value, list):
                self.error(at, f"'{field.name}' has {describe(given_value)} (expected a list of {len(original)}, one for each "
                           f"item of '{field.name}' in {self.original.file.name}, in the same order)")
            elif (order := aligned(field.of, original, given_value)) is None:
                # The original's list grew or shrank, and not every translated item records
                # which it translates: shown untranslated until lined up.
                count = len(given_value)
                if self.warn:
                    self.warning(
                        at, f"'{field.name}' has {count} item{'' if count == 1 else 's'}, while {self.original.file.name} has "
                        f"{len(original)}, and they cannot be matched, so none is shown (expected one for each item, in the "
                        f"same order: `python -m generator translate {self.language}` lines up those that record their "
                        f"original's fingerprint)", of_key=True,
                    )
            else:
                for i, (item, j) in enumerate(zip(original, order)):
                    self._entry(field.of, item, None if j is None else given_value[j], (*at, i if j is None else j), (*of, i),
                                f"item {i + 1} of '{field.name}'")
        self._fingerprints(fields, recorded, (*tkey, ORIGINAL))

    def _text(self, entry: Entry, field: TextField, value: Any, at: Key, of: Key, recorded: Any) -> None:
        cls, original = type(entry), getattr(entry, field.name)
        if not given(value):
            self.untranslated(of, f"'{field.name}'", at)
            return
        items = list(enumerate(value)) if field.kind == "words" and isinstance(value, list) else [(None, value)]
        if field.kind == "words" and not isinstance(value, list):
            self.error(at, f"expected a list of texts, as in the original, got {describe(value)}")
            return
        for i, item in items:
            try:
                _adapter(field.of).validate_python(item, strict=True)
            except ValidationError as error:
                self.error(at if i is None else (*at, i), wrong_value(error.errors(include_url=False)[0], cls, (field.name,)))
            else:
                # A quote (the field whose translation is shown beside it) has no marks of its own.
                if (cls, field.name) in BESIDE and in_quotation_marks(item):
                    self.error(at, QUOTED)
                # This language's share cards show the translated headline and desk name.
                if problem := translated_problem(entry, field.name, self.translation, at, item):
                    self.problems.append(problem)
        now = fingerprint(original)
        then = recorded.get(field.name) if isinstance(recorded, dict) else None
        if isinstance(then, str) and _FINGERPRINT.fullmatch(then) and then != now:
            self.warning(
                (*at[:-1], ORIGINAL, field.name),
                f"the translation of '{field.name}' is stale: its original changed since it was translated "
                f"(expected the translation checked against the original, then '{field.name}: {now}' under '{ORIGINAL}:')",
            )
        elif then is None:
            self.unrecorded.append(at)

    def _fingerprints(self, fields: dict[str, TextField], recorded: Any, at: Key) -> None:
        if recorded is None:
            return
        texts = [name for name, field in fields.items() if field.is_text]
        if not isinstance(recorded, dict):
            self.error(at, f"expected a mapping from each translated field to the fingerprint of its original, "
                       f"e.g. '{texts[0]}: 1a2b3c4d', got {describe(recorded)}")
            return
        for name, value in recorded.items():
            if name not in texts:
                self.error((*at, name), _unknown(name, texts), of_key=True)
            elif not (isinstance(value, str) and _FINGERPRINT.fullmatch(value)):
                self.error((*at, name), f"{describe(value)} is not a fingerprint (expected {FINGERPRINT_DIGITS} hexadecimal digits, "
                           "e.g. 1a2b3c4d, in quotes when they read as a number, as `python -m generator translate` writes them)")


@functools.cache
def _adapter(text_type: Any) -> TypeAdapter:
    """The validator of a kind of text (``Text``, ``ShortTitle``): made once, used for every value."""
    return TypeAdapter(text_type)


def _unknown(name: Any, names: list[str]) -> str:
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown field '{_shown(name)}' (expected one of: {', '.join(names)}{hint})"


def _not_text(cls: type[Entry], name: Any) -> str:
    texts = [*text_fields(cls), ORIGINAL]
    if name in cls.model_fields:
        return f"'{name}' is not text to translate (expected only its text fields, {', '.join(texts[:-1])}, and '{ORIGINAL}:')"
    return _unknown(name, texts)


def _unknown_key(cls: type[Entry], key: str, keys: list[str], where: str) -> str:
    close = difflib.get_close_matches(key, keys, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    shape = "/".join(key_fields(cls)).upper() if len(key_fields(cls)) > 1 else f"the {key_fields(cls)[0]}"
    return f"unknown key '{_shown(key)}': {where} has no such entry, so this translation is shown nowhere (expected {shape} of one of its entries{hint})"
