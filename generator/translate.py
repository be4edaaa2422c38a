"""``python -m generator translate LANG``: the translation files of a language, written or
refreshed beside their originals (``actors.bg.yml`` beside ``actors.yml``).

Every text field of the originals gets its place: a field not yet there is added empty, with
the original text as a comment above it, in the model's order; a field translated without a
fingerprint gets one under ``original:``, the fingerprint of the text it now stands for. A
translator's text, and their comments, are never dropped nor rewritten: the files are read and
written back by ruamel.yaml, which keeps them.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

from .diagnostics import ContentError, Diagnostic
from .files import DESK, DESK_FILES, EXPLAINER_FILES, ContentFile, translation_name
from .load import display_path
from .model import EXPLAINERS_FOLDER, Entry
from .parsing import reads_as_number
from .schema import schema_dir_for, schema_line
from .translations import ORIGINAL, aligned, fingerprint, given, key_of, records, text_fields
from .validate import validated
from .validated_desk import Content

# The columns the writer indents by: nested mappings by 2, list items' "- " by 2 more.
_MAPPING, _OFFSET = 2, 2


def write_translations(content_dir: Path, language: str) -> list[Path]:
    """Writes or refreshes ``language``'s translation files; raises ContentError when the
    content has errors (a file with errors is not rewritten) or the desk does not declare it."""
    content = validated(content_dir, drafts=True)[1]
    languages = content.desk.languages
    if language not in languages[1:]:
        others = ", ".join(languages[1:]) or "none yet: list them after the default under `languages:`"
        why = "the desk's default language, the one its originals are written in" if language == languages[0] else "not a language the desk declares"
        raise ContentError([Diagnostic(display_path(content_dir / DESK.name), 0, 0, "error",
                                       f"'{language}' is {why} (expected one of its other languages: {others})")])
    written = []
    for file, folder, entries in _originals(content_dir, content):
        path = folder / translation_name(file.name, language)
        if _refresh(path, file, entries, language, content_dir):
            written.append(path)
    return written


def _originals(content_dir: Path, content: Content) -> list[tuple[ContentFile, Path, list[Entry]]]:
    """Each content file that exists, with its folder and its entries in the file's order."""
    found = [(f, content_dir, _entries(f, getattr(content, f.attribute))) for f in DESK_FILES]
    one = (content_dir / "explainer.yml").is_file()  # a desk of one: its explainer's files at the top
    for slug, x in content.explainers.items():
        folder = content_dir if one else content_dir / EXPLAINERS_FOLDER / slug
        found += [(f, folder, _entries(f, getattr(x, f.attribute))) for f in EXPLAINER_FILES]
    return [(f, folder, entries) for f, folder, entries in found if (folder / f.name).is_file() and entries]


def _entries(file: ContentFile, held: Any) -> list[Entry]:
    if file.mapping:
        return [held]
    return list(held.values() if isinstance(held, dict) else held)


def _yaml() -> Any:
    from ruamel.yaml import YAML  # only this command needs it

    yaml = YAML()
    yaml.indent(mapping=_MAPPING, sequence=_MAPPING + _OFFSET, offset=_OFFSET)
    yaml.width = 1 << 16  # a translation stays on the line it was written on
    yaml.preserve_quotes = True
    return yaml


def _refresh(path: Path, file: ContentFile, entries: list[Entry], language: str, content_dir: Path) -> bool:
    """Writes the file if it changes; whether it did."""
    from ruamel.yaml.comments import CommentedMap

    yaml = _yaml()
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    data = yaml.load(before) if before else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    if file.mapping:
        _fill(file.model, entries[0], data, 0)
    else:
        _keyed(file.model, entries, data, 0)
    if not (before or "").strip():  # a new file, or one with nothing in it yet
        header = (f"{schema_line(path, schema_dir_for(content_dir))}\n"
                  f"The text of {file.name} in '{language}': `python -m generator translate {language}` adds what is missing.")
        data.yaml_set_start_comment(header.removeprefix("# "))
    text = _dumped(yaml, data)
    # Read back and written again, as the next refresh will: a new file is then already in the
    # layout ruamel keeps (a comment before a list item moves once), and a refresh changes nothing.
    text = _dumped(yaml, yaml.load(text))
    if text == before:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def _dumped(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _keyed(cls: type[Entry], entries: list[Entry], node: Any, column: int) -> None:
    """Entries by key: each original entry has its mapping, in the original's order."""
    from ruamel.yaml.comments import CommentedMap

    keys = {str(key): key for key in node}
    wanted = {key_of(entry) for entry in entries}
    orphans = [key for key in keys if key not in wanted]
    for index, entry in enumerate(entries):
        key = key_of(entry)
        renamed = None if key in keys else next((old for old in orphans if records(cls, entry, node[keys[old]])), None)
        if renamed is not None:
            # The original's key changed (a position's date corrected), its texts did not.
            orphans.remove(renamed)
            place = list(node).index(keys[renamed])
            comments = node.ca.items.pop(keys[renamed], None)
            node.insert(place, key, node.pop(keys[renamed]))
            if comments is not None:
                node.ca.items[key] = comments
            keys[key] = key
        elif key not in keys:
            node.insert(min(index, len(node)), key, CommentedMap())
            keys[key] = key
        elif node[keys[key]] is None:
            node[keys[key]] = CommentedMap()
        # The comment that follows an entry (a section's heading, above the next entry) is
        # kept by ruamel after the entry's last value: it stays last when fields are added.
        after = _take_trailing_comment(node[keys[key]])
        _fill(cls, entry, node[keys[key]], column + _MAPPING)
        _put_trailing_comment(node[keys[key]], after)


def _last(node: Any) -> tuple[Any, Any] | None:
    """The innermost mapping or list that ends an entry, and its last key or index."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        at = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        if not isinstance(node[at], (CommentedMap, CommentedSeq)) or not len(node[at]):
            return node, at
        node = node[at]
    return None


# Where ruamel keeps the comment after a value: the third place of a mapping key's, the first
# of a list item's.
def _comment_slot(container: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


def _take_trailing_comment(node: Any) -> Any:
    last = _last(node)
    if last is None:
        return None
    container, at = last
    slots = container.ca.items.get(at)
    slot = _comment_slot(container)
    if not slots or len(slots) <= slot or slots[slot] is None:
        return None
    comment = slots[slot]
    # One token holds the comment at the end of the value's line, if any, and the lines after:
    # the first stays with the value, the lines move.
    line_end, _, after = comment.value.partition("\n")
    if not after.strip():
        return None
    if line_end:
        moved = copy.copy(comment)
        comment.value, moved.value = line_end + "\n", "\n" + after
        return moved
    slots[slot] = None
    return comment


def _put_trailing_comment(node: Any, comment: Any) -> None:
    last = _last(node) if comment is not None else None
    if last is not None:
        container, at = last
        slots = container.ca.items.setdefault(at, [None, None, None, None])
        slots[_comment_slot(container)] = comment


def _fill(cls: type[Entry], entry: Entry, node: Any, column: int, item: bool = False) -> None:
    """One entry's mapping: every text field of the original given a place, every translated
    one its fingerprint. An ``item`` of a list has its first comment above its "- "."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    fields = [field for field in text_fields(cls).values() if given(getattr(entry, field.name))]
    recorded = node.get(ORIGINAL)
    for position, field in enumerate(fields):
        original = getattr(entry, field.name)
        if field.name not in node:
            at = _place(node, fields[:position])
            node.insert(at, field.name, None)
            if field.is_text:
                indent = column - _OFFSET if item and at == 0 else column
                node.yaml_set_comment_before_after_key(field.name, before=_as_comment(original), indent=indent)
        value = node[field.name]
        if field.is_text:
            if given(value) and isinstance(recorded, dict) and field.name not in recorded:
                recorded[field.name] = _fingerprint(original)
            elif given(value) and recorded is None:
                recorded = node[ORIGINAL] = CommentedMap()
                recorded[field.name] = _fingerprint(original)
        elif field.kind == "entry":
            if value is None:
                value = node[field.name] = CommentedMap()
            _fill(field.of, original, value, column + _MAPPING)
        elif field.kind == "keyed":
            if value is None:
                value = node[field.name] = CommentedMap()
            _keyed(field.of, original, value, column + _MAPPING)
        else:
            if value is None:
                value = node[field.name] = CommentedSeq([CommentedMap() for _ in original])
            order = aligned(field.of, original, value)
            if order is None:
                continue  # not to be lined up: `check` says so, and the translator's items stay as they are
            if len(value) != len(original):
                _line_up(node, field.name, order, field.of, original, column)
            for index, part in enumerate(original):
                if value[index] is None:
                    value[index] = CommentedMap()
                _fill(field.of, part, value[index], column + _MAPPING + _OFFSET, item=True)
    if ORIGINAL in node and list(node)[-1] != ORIGINAL:
        node.move_to_end(ORIGINAL)


def _line_up(node: Any, name: str, order: list[int | None], cls: type[Entry], originals: list[Entry], column: int) -> None:
    """The translated list ``node[name]`` made to match its original's items one for one
    (``aligned`` gives ``order``): the places with no text yet go, and an empty place is made
    where each new item of the original is, under its original text as a comment, as in a new
    file. The comments above the items that stay move with them: ruamel keeps them by the
    list's index, the first one also with the key of the list."""
    from ruamel.yaml.comments import CommentedMap

    items = node[name]
    above = {index: slots[1] for index, slots in items.ca.items.items() if len(slots) > 1}
    if items.ca.comment and len(items.ca.comment) > 1:
        above[0] = items.ca.comment[1]
    kept = list(items)
    fields = [field for field in text_fields(cls).values() if field.is_text]
    del items[:]
    items.ca.comment = None
    items.ca.items.clear()
    for index, at in enumerate(order):
        if at is not None:
            items.append(kept[at])
            if above.get(at):
                if index == 0:
                    items.ca.comment = [None, above[at]]
                else:
                    items.ca.items[index] = [None, above[at], None, None]
            continue
        # The fields written already, so that _fill adds no comment of its own inside the item.
        given_fields = [field for field in fields if given(getattr(originals[index], field.name))]
        items.append(CommentedMap((field.name, None) for field in given_fields))
        if given_fields:
            items.yaml_set_comment_before_after_key(index, before=_as_comment(getattr(originals[index], given_fields[0].name)),
                                                    indent=column + _MAPPING)
    first = items.ca.comment[1] if items.ca.comment and len(items.ca.comment) > 1 else None
    slots = node.ca.items.setdefault(name, [None, None, None, None])
    slots[3] = first


def _as_comment(original: str | list[str]) -> str:
    """An original text as the comment above the place of its translation."""
    return original if isinstance(original, str) else ", ".join(original)


def _place(node: Any, before: list[Any]) -> int:
    """Where a new field goes: after the fields that come before it in the model."""
    names = [field.name for field in before]
    return max((i + 1 for i, key in enumerate(node) if key in names), default=0)


def _fingerprint(text: Any) -> Any:
    """A fingerprint as written: in quotes when YAML would read it as a number (``12345678``)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    found = fingerprint(text)
    return DoubleQuotedScalarString(found) if reads_as_number(found) else found
