"""Step 1, load: content files → plain Python data, with the place of every value.

Scalars are read by the YAML 1.2 core schema, not PyYAML's YAML 1.1 one, and the YAML 1.1
forms that other tools read differently (``no`` as false, ``1:30`` as 90) are errors, so an
editor never gets a silently different value from the one they typed. Dates stay text: the
model decides what a date is (``2024-06`` is a fine partial date).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import ContentError, Diagnostic
from .model import EXPLAINERS_FOLDER

_TAG = "tag:yaml.org,2002:"
# Every plain (unquoted) scalar gets this tag, so that _Builder alone decides what it means,
# by YAML 1.2 rules, and an explicit !!str can still be told apart from a plain scalar.
_PLAIN = "tag:explainer,2025:plain"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML has it (several times faster), with no YAML 1.1 guessing."""

    yaml_implicit_resolvers: dict = {}


_Loader.add_implicit_resolver(_PLAIN, re.compile(r".*", re.DOTALL), None)

Key = tuple[str | int, ...]

# Bigger than any explainer will be; keeps a pasted dump from exhausting memory.
MAX_FILE_BYTES = 8 * 1024 * 1024
# Deeper than any content file needs; stops pathological nesting early.
MAX_DEPTH = 64

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_YAML11_BOOL = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_YAML11_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
# What a content file may hold: YAML's printable characters (YAML 1.2, 5.1), tab and ordinary
# line breaks. NEL, U+2028 and U+2029 are refused too: libyaml counts them as line breaks
# where editors do not, which would put every later diagnostic on the wrong line.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n]")
# Only so many of one kind are listed: a file of a million NUL bytes needs one line, not a million.
MAX_LISTED = 10
# Longer numbers are not figures anyone means; Python also refuses to read decimals of 4,300+ digits.
MAX_DIGITS = 30
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}


@dataclasses.dataclass(frozen=True)
class Document:
    """One content file: its plain data and where each value and key stands in it."""

    file: str
    data: Any
    value_places: dict[Key, tuple[int, int]]
    key_places: dict[Key, tuple[int, int]]

    def place(self, key: Key, *, of_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at ``key``, or of the nearest enclosing one."""
        places = self.key_places if of_key else self.value_places
        for end in range(len(key), -1, -1):
            found = places.get(key[:end]) or self.value_places.get(key[:end])
            if found:
                return found
        return (1, 1)

    def diagnostic(self, key: Key, message: str, *, severity="error", of_key=False) -> Diagnostic:
        line, col = self.place(key, of_key=of_key)
        return Diagnostic(self.file, line, col, severity, message)


def display_path(path: Path) -> str:
    """The path as the editor knows it: relative to where they run the command."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def load(content_dir: Path) -> dict[str, Document]:
    """Every YAML file of a desk, keyed by its path in ``content_dir`` (``actors.yml``,
    ``explainers/talks/positions.yml``): the files at the top and those in each explainer's
    folder. Other folders (images, notes) are not read.

    Raises ContentError listing the problems of every file, not just the first.
    """
    documents: dict[str, Document] = {}
    problems: list[Diagnostic] = []
    if not content_dir.is_dir():
        problem = "is not a folder" if content_dir.exists() else "content folder not found"
        raise ContentError([Diagnostic(display_path(content_dir), 0, 0, "error", f"{problem} (expected a folder of .yml files)")])
    # Parsing makes many small objects and no cycles; left on, the garbage collector's passes
    # over them made large explainers load in more than linear time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in _yaml_files(content_dir):
            if not path.is_file():
                # A folder, a broken link or a pipe: never opened, since a pipe would block.
                problems.append(Diagnostic(display_path(path), 0, 0, "error", "is not a readable file (expected a YAML file)"))
                continue
            try:
                documents[path.relative_to(content_dir).as_posix()] = load_file(path)
            except ContentError as error:
                problems.extend(error.diagnostics)
            except OSError as error:
                problems.append(Diagnostic(display_path(path), 0, 0, "error", f"cannot be read: {error.strerror} (expected a readable file)"))
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise ContentError(problems)
    return documents


def _yaml_files(content_dir: Path) -> list[Path]:
    """The YAML files of a desk, sorted: at the top, in ``explainers/`` and in each folder there."""
    explainers = content_dir / EXPLAINERS_FOLDER
    folders = [content_dir]
    if explainers.is_dir():
        folders += [explainers, *sorted(p for p in explainers.iterdir() if p.is_dir() and not p.name.startswith("."))]
    return [
        path
        for folder in folders
        for path in sorted(folder.iterdir())
        # Editors' lock and backup files, such as Emacs's .#actors.yml, are not content.
        if not path.name.startswith(".") and path.suffix.lower() in (".yml", ".yaml") and not (path.is_dir() and folder == explainers)
    ]


def load_file(path: Path) -> Document:
    file = display_path(path)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        mb = len(raw) / 1024 / 1024
        raise ContentError([Diagnostic(file, 0, 0, "error", f"file is {mb:.1f} MB (expected at most {MAX_FILE_BYTES // 1024 // 1024} MB)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _line_col(raw[: error.start].decode("utf-8", "replace"))
        raise ContentError(
            [Diagnostic(file, line, col, "error", f"byte 0x{raw[error.start]:02x} is not UTF-8 text (expected the file saved as UTF-8)")]
        ) from None
    return parse(text, file)


def parse(text: str, file: str) -> Document:
    """Parse one file's text; ``file`` is the name used in diagnostics."""
    unprintable = _unprintable(text, file)
    if unprintable:
        raise ContentError(unprintable)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError([Diagnostic(file, mark.line + 1, mark.column + 1, "error", _syntax_message(error, text))]) from None
    except (yaml.YAMLError, RecursionError) as error:
        problem = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise ContentError([Diagnostic(file, 0, 0, "error", f"YAML syntax: {problem}")]) from None
    builder = _Builder(file)
    data = builder.build(root) if root is not None else None
    if builder.reused:
        builder.problems.extend(_aliases(text, file))
    if builder.problems:
        raise ContentError(builder.problems)
    return Document(file, data, builder.value_places, builder.key_places)


# libyaml's words for a problem, and what the editor most likely needs to do about it.
_SYNTAX_HINTS = {
    "but found another document": "expected one document per file: remove the '---' line",
    "did not find expected <document start>": "expected one document per file",
    "could not find expected ':'": "expected 'key: value'; text running over several lines must be indented or quoted",
    "did not find expected key": "expected 'key: value' lines at the same indentation; check the indentation and quotes above",
    "did not find expected '-' indicator": "expected every item of the list to start with '- ' at the same indentation",
    "mapping values are not allowed in this context": "expected text that contains ': ' to be in quotes",
    "found a tab character that violates indentation": "expected spaces, not tabs, for indentation",
    "exceeded maximum nesting depth": "expected a flat structure",
}


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    opened = error.context_mark
    if error.context and opened and opened.line != mark.line and ("flow" in error.context or "quoted" in error.context):
        # The parser gives up where a bracket or quote should have closed: say where it opened.
        if "quoted" in error.context:
            return f"YAML syntax: the quote opened at line {opened.line + 1} is never closed (expected a closing quote)"
        bracket = "[" if "sequence" in error.context else "{"
        return f"YAML syntax: {problem} (for the {bracket} opened at line {opened.line + 1})"
    if problem.startswith("found character") and text[mark.index: mark.index + 1] == "\t":
        return "YAML syntax: a tab character here (expected spaces, not tabs)"
    hint = _SYNTAX_HINTS.get(problem)
    return f"YAML syntax: {problem}" + (f" ({hint})" if hint else "")


def _aliases(text: str, file: str) -> list[Diagnostic]:
    """Where each alias stands; the composed tree only knows where its anchor was."""
    return [
        Diagnostic(file, e.start_mark.line + 1, e.start_mark.column + 1, "error",
                   f"alias '*{e.anchor}' is not supported (expected the value written out in full)")
        for e in yaml.parse(text, Loader=_Loader)
        if isinstance(e, yaml.AliasEvent)
    ]


def _unprintable(text: str, file: str) -> list[Diagnostic]:
    found = []
    for count, match in enumerate(_NOT_PRINTABLE.finditer(text)):
        if count == MAX_LISTED:
            rest = len(_NOT_PRINTABLE.findall(text, match.start()))
            found.append(Diagnostic(file, *_line_col(text[: match.start()]), "error", f"{rest} more characters that are not allowed follow (expected printable text)"))
            break
        found.append(Diagnostic(file, *_line_col(text[: match.start()]), "error", f"{_character(match.group())} is not allowed (expected printable text)"))
    return found


def _character(char: str) -> str:
    names = {"\x85": "NEL", "\u2028": "line separator", "\u2029": "paragraph separator"}
    return f"character {ord(char):#x}" + (f" ({names[char]})" if char in names else "")


def _line_col(before: str) -> tuple[int, int]:
    """1-based line and column of the character after ``before``, counting lines as editors do."""
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - line_start + 1


class _Builder:
    """Turns a composed node tree into plain data, recording places and problems."""

    def __init__(self, file: str):
        self.file = file
        self.value_places: dict[Key, tuple[int, int]] = {}
        self.key_places: dict[Key, tuple[int, int]] = {}
        self.problems: list[Diagnostic] = []
        # A node seen twice was reached through an alias: refusing aliases outright keeps
        # "billion laughs" documents from expanding exponentially.
        self._seen: set[int] = set()
        self.reused = False

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Diagnostic(self.file, mark.line + 1, mark.column + 1, "error", message))

    def build(self, node: yaml.Node, key: Key = ()) -> Any:
        if len(key) > MAX_DEPTH:
            self.problem(node, f"nested more than {MAX_DEPTH} levels deep (expected a flat structure)")
            return None
        if id(node) in self._seen:
            self.reused = True  # reported once per alias, where each alias stands
            return None
        self._seen.add(id(node))
        self.value_places[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            self.problem(node, f"tag '{node.tag}' is not allowed (expected plain text, numbers, lists and mappings)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, key: Key) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            known_problems = len(self.problems)
            name = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if len(self.problems) > known_problems:
                continue  # the key itself was the problem, already reported
            if not isinstance(name, str):
                self.problem(key_node, "a key must be a plain name (expected text such as 'name:')")
                continue
            line = key_node.start_mark.line + 1
            if name in first_seen:
                self.problem(key_node, f"duplicate key '{name}' (first at line {first_seen[name]}; expected each key once)")
                continue
            first_seen[name] = line
            self.key_places[(*key, name)] = (line, key_node.start_mark.column + 1)
            result[name] = self.build(value_node, (*key, name))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        if node.tag == _TAG + "str":
            # Quoted, block (| >) or explicitly !!str: always text. Escapes such as "\e" in
            # double quotes can still produce characters a file may not hold.
            bad = _NOT_PRINTABLE.search(value)
            if bad:
                self.problem(node, f"{_character(bad.group())}, written as an escape, is not allowed (expected printable text)")
                return None
            return value
        if node.tag != _PLAIN:
            self.problem(node, f"tag '{node.tag}' is not allowed (expected plain text, numbers, lists and mappings)")
            return None
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _YAML11_BOOL.fullmatch(value):
            self.problem(node, f"'{value}' is ambiguous: some YAML readers take it as true/false (expected true or false, or \"{value}\" in quotes for text)")
            return None
        if _YAML11_SEXAGESIMAL.fullmatch(value):
            self.problem(node, f"'{value}' is ambiguous: some YAML readers take it as a base-60 number (expected \"{value}\" in quotes)")
            return None
        if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
            if sum(c.isalnum() for c in value) > MAX_DIGITS:
                self.problem(node, f"a number of {len(value)} characters is too long (expected at most {MAX_DIGITS} digits)")
                return None
        if _INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value.lower() in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value.lower()]
        return value

