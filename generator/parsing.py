"""Parsing one content file: YAML text → plain Python data, with the place of every value.

Scalars are read by the YAML 1.2 core schema, not PyYAML's YAML 1.1 one, and the YAML 1.1
forms that other tools read differently (``no`` as false, ``1:30`` as 90) are errors, so an
editor never gets a silently different value from the one they typed. Dates stay text: the
model decides what a date is (``2024-06`` is a fine partial date). Syntax errors are reported
where the mistake was made, with what to do about it.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from typing import Any

import yaml

from .diagnostics import ContentError, Diagnostic, shown

_TAG = "tag:yaml.org,2002:"
# Every plain (unquoted) scalar gets this tag, so that _Builder alone decides what it means,
# by YAML 1.2 rules, and an explicit !!str can still be told apart from a plain scalar.
_PLAIN = "tag:explainer,2025:plain"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML has it (several times faster), with no YAML 1.1 guessing."""

    yaml_implicit_resolvers: dict = {}


_Loader.add_implicit_resolver(_PLAIN, re.compile(r".*", re.DOTALL), None)

Key = tuple[str | int, ...]

# Deeper than any content file needs; stops pathological nesting early.
MAX_DEPTH = 64

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_YAML11_BOOL = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_YAML11_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
# The letters a null, a boolean (YAML 1.2's or 1.1's) or a special float can start with: a
# plain scalar starting with any other letter is text. (Numbers start with a digit, a sign or a point.)
_MAY_BE_A_WORD_OF_YAML = frozenset("nNtTfFyYoO")
# 01000: a YAML 1.2 reader takes it as 1000, a YAML 1.1 reader as octal (512).
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
# 12.000: a number to YAML (twelve), but twelve thousand where a point groups thousands
# (German, Bulgarian, Turkish…), as an editor copying from such a report may mean.
_POINT_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}(\.[0-9]{3})")
# A '#' right after text, with no space after it ("Town #1"): YAML reads it as the start of a
# comment and cuts the text there, but nobody writes a comment that way.
_COMMENT_IN_TEXT = re.compile(r"[ \t]+(#\S.*)")
# What a content file may hold: YAML's printable characters (YAML 1.2, 5.1), tab and ordinary
# line breaks. NEL, U+2028 and U+2029 are refused too: libyaml counts them as line breaks
# where editors do not, which would put every later diagnostic on the wrong line.
NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n]")
# Only so many of one kind are listed: a file of a million NUL bytes needs one line, not a million.
MAX_LISTED = 10
# Longer numbers are not figures anyone means; Python also refuses to read decimals of 4,300+ digits.
MAX_DIGITS = 30
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}
# The lines git writes around a merge conflict, always at the start of a line: "<<<<<<< HEAD",
# "||||||| base" (diff3), "=======" and ">>>>>>> their-branch". Inside a quoted text YAML takes
# them for words of the text, so they are looked for in the raw text, before YAML reads it.
_CONFLICT_MARKER = re.compile(r"(?:<{7}|\|{7}|>{7})(?: .*)?|={7}")


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


def reads_as_number(text: str) -> bool:
    """Whether YAML reads this text as a number when it is not in quotes."""
    return bool(_INT.fullmatch(text) or _FLOAT.fullmatch(text))


def parse(text: str, file: str) -> Document:
    """Parse one file's text; ``file`` is the name used in diagnostics."""
    unprintable = _unprintable(text, file)
    if unprintable:
        raise ContentError(unprintable)
    conflicts = _conflict_markers(text, file)
    if conflicts:
        raise ContentError(conflicts)
    root = _composed(text, file)
    builder = _Builder(file, text)
    data = builder.build(root) if root is not None else None
    if builder.reused:
        builder.problems.extend(_aliases(text, file))
    if builder.problems:
        raise ContentError(builder.problems)
    return Document(file, data, builder.value_places, builder.key_places)


def syntax_problem(text: str, file: str) -> Diagnostic | None:
    """The YAML syntax mistake in ``text``, said as ``parse`` says a content file's, or None.
    For mkdocs.yml, whose tags (``!ENV``…) only MkDocs reads: its syntax alone is read."""
    try:
        _composed(text, file)
    except ContentError as error:
        return error.diagnostics[0]
    return None


def _composed(text: str, file: str) -> yaml.Node | None:
    """The YAML's node tree, its tags not yet read; a syntax mistake raised as a ContentError."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line, col, message = _syntax_error(error, text)
        raise ContentError([Diagnostic(file, line, col, "error", message)]) from None
    except (yaml.YAMLError, RecursionError) as error:
        problem = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise ContentError([Diagnostic(file, 0, 0, "error", f"YAML syntax: {problem}")]) from None


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


# libyaml's words where they are half a sentence or its own jargon, in an editor's.
_SYNTAX_WORDS = {
    "but found another document": "a second document starts here",
    "did not find expected <document start>": "text after the end of the document",
}


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """Where a syntax error is and what to do about it: (line, col, message), 1-based.

    libyaml reports where it gave up, which is often a line after the mistake; the usual
    mistakes are looked for where they were made, and reported there.
    """
    mark = error.problem_mark or error.context_mark
    lines = _LINE_BREAK.split(text)
    problem = error.problem or error.context or "invalid YAML"
    opened = error.context_mark
    candidates = [mark.line] + ([opened.line] if opened else []) + ([mark.line - 1] if mark.line else [])
    for at in candidates:
        found = _odd_indentation(lines[at] if at < len(lines) else "")
        if found:
            col, what = found
            return at + 1, col + 1, f"YAML syntax: the indentation holds {what} (expected spaces only)"
    # An unclosed quote: libyaml says where the text ran out, or where a later quote ended the
    # value by accident; the mistake is on the line that opened it, often a curly closing quote.
    quoted = bool(error.context and opened and "quoted" in error.context)
    first = opened.line if quoted else max(0, mark.line - _LOOK_BACK)
    for at in range(min(mark.line, len(lines) - 1), first - 1, -1):
        curly = _CURLY_CLOSE.search(lines[at])
        if curly and (not quoted or at == opened.line):
            quote = curly.group(1)
            return at + 1, curly.start(1) + 1, (
                f"YAML syntax: the {quote} opened here is never closed: {curly.group(2)} is a curly quote, "
                f"which YAML does not count (expected a straight {quote} to close it)"
            )
    if problem in ("could not find expected ':'", "mapping values are not allowed in this context"):
        for at in candidates[1:] + candidates[:1]:
            glued = _GLUED_KEY.match(lines[at]) if at < len(lines) else None
            if glued:
                key, value = glued.group(2), glued.group(3)
                return at + 1, glued.start(2) + 1, (
                    f"YAML syntax: '{shown(key + ':' + value)}' has no space after the colon "
                    f"(expected '{shown(key)}: {shown(value)}')"
                )
    if problem == "mapping values are not allowed in this context":
        indented = _indented_too_far(lines, mark.line)
        if indented:
            return indented
    if quoted and opened.line != mark.line:
        return opened.line + 1, opened.column + 1, "YAML syntax: the quote opened here is never closed (expected a closing quote)"
    line, col = mark.line + 1, mark.column + 1
    if error.context and opened and opened.line != mark.line and "flow" in error.context:
        # The parser gives up where a bracket should have closed: say where it opened.
        bracket = "[" if "sequence" in error.context else "{"
        return line, col, f"YAML syntax: {problem} (for the {bracket} opened at line {opened.line + 1})"
    start = text[mark.index: mark.index + 1]
    if problem.startswith("found character") and start == "\t":
        return line, col, "YAML syntax: a tab character here (expected spaces, not tabs)"
    if problem in ("found character that cannot start any token", "found undefined alias") and start in _RESERVED:
        value = lines[mark.line][mark.column:].split(" #", 1)[0].strip()
        return line, col, f"YAML syntax: a value cannot start with {start} (expected the text in quotes: \"{shown(value)}\")"
    hint = _SYNTAX_HINTS.get(problem)
    return line, col, f"YAML syntax: {_SYNTAX_WORDS.get(problem, problem)}" + (f" ({hint})" if hint else "")


# How many lines above a syntax error an unclosed quote is looked for.
_LOOK_BACK = 20
# Characters YAML keeps for itself at the start of a plain value.
_RESERVED = "@`%*"
# A value opened with a straight quote and ended with a curly one: "North” or 'North’.
_CURLY_CLOSE = re.compile(r"""(?:^|[:\-\[,{]\s*)(["'])[^"']*?([\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb])\s*(?:#.*)?$""")
# A line that starts a key ("  stance:"), and one that gives a key its value on the same line
# ("  issue: ceasefire", "- actor: russia"), for indentation mistakes.
_KEY = re.compile(r"^( *)([A-Za-z_][\w-]*):(?:\s|$)")
_KEY_WITH_VALUE = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*): +[^\s#]")
# key:value with no space after the colon, at the start of a line or after "- ".
_GLUED_KEY = re.compile(r"^(\s*-?\s*)([A-Za-z_][\w-]*):(\S.*?)\s*$")
_INDENT_NAMES = {"\t": "a tab", "\u00a0": "a no-break space (U+00A0)", "\ufeff": "a byte order mark (U+FEFF), which is invisible"}


def _indented_too_far(lines: list[str], at: int) -> tuple[int, int, str] | None:
    """A key indented further than the key above it, which has a value of its own: YAML reads
    the line as more of that value, then stops at its colon. Said at the key, with where it
    belongs."""
    key = _KEY.match(lines[at]) if at < len(lines) else None
    above = next((line for line in reversed(lines[:at]) if line.strip() and not line.lstrip().startswith("#")), None)
    held = _KEY_WITH_VALUE.match(above) if above is not None else None
    if key is None or held is None:
        return None
    column = len(held.group(1)) + len(held.group(2) or "")
    if len(key.group(1)) <= column:
        return None
    return at + 1, len(key.group(1)) + 1, (
        f"YAML syntax: '{key.group(2)}:' is indented further than '{held.group(3)}:' above it, which has a value already "
        f"(expected '{key.group(2)}:' at column {column + 1}, lined up with '{held.group(3)}:')"
    )


def _odd_indentation(line: str) -> tuple[int, str] | None:
    """The first character in a line's indentation that is not a plain space, and its name."""
    for col, char in enumerate(line):
        if char == " ":
            continue
        if char in _INDENT_NAMES:
            return col, _INDENT_NAMES[char]
        if unicodedata.category(char) in ("Zs", "Cf"):
            return col, f"an invisible or unusual space (U+{ord(char):04X})"
        return None
    return None


def _aliases(text: str, file: str) -> list[Diagnostic]:
    """Where each alias stands; the composed tree only knows where its anchor was."""
    return [
        Diagnostic(file, e.start_mark.line + 1, e.start_mark.column + 1, "error",
                   f"alias '*{shown(e.anchor)}' is not supported (expected the value written out in full)")
        for e in yaml.parse(text, Loader=_Loader)
        if isinstance(e, yaml.AliasEvent)
    ]


def _unprintable(text: str, file: str) -> list[Diagnostic]:
    found = []
    for count, match in enumerate(NOT_PRINTABLE.finditer(text)):
        if count == MAX_LISTED:
            rest = len(NOT_PRINTABLE.findall(text, match.start()))
            found.append(Diagnostic(file, *line_col(text[: match.start()]), "error", f"{rest} more characters that are not allowed follow (expected printable text)"))
            break
        found.append(Diagnostic(file, *line_col(text[: match.start()]), "error", f"{_character(match.group())} is not allowed (expected printable text)"))
    return found


def _conflict_markers(text: str, file: str) -> list[Diagnostic]:
    """A line left by a merge conflict, each one: YAML would either publish it as words of a
    quoted text or stop with a syntax error that does not say what happened."""
    lines = (line.rstrip(" \t") for line in _LINE_BREAK.split(text))
    return [
        Diagnostic(file, number, 1, "error", f"merge conflict marker '{shown(line)}' "
                   "(expected the conflict resolved: keep the lines you want and delete the marker lines)")
        for number, line in enumerate(lines, 1)
        if _CONFLICT_MARKER.fullmatch(line)
    ]


def _character(char: str) -> str:
    names = {"\x85": "NEL", "\u2028": "line separator", "\u2029": "paragraph separator"}
    return f"character {ord(char):#x}" + (f" ({names[char]})" if char in names else "")


def line_col(before: str) -> tuple[int, int]:
    """1-based line and column of the character after ``before``, counting lines as editors do."""
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - line_start + 1


class _Builder:
    """Turns a composed node tree into plain data, recording places and problems."""

    def __init__(self, file: str, text: str = ""):
        self.file = file
        self.lines = _LINE_BREAK.split(text)
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
            self.problem(node, f"tag '{shown(node.tag, 100)}' is not allowed (expected plain text, numbers, lists and mappings)")
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
                self.problem(key_node, f"duplicate key '{shown(name)}' (first at line {first_seen[name]}; expected each key once)")
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
            bad = NOT_PRINTABLE.search(value)
            if bad:
                self.problem(node, f"{_character(bad.group())}, written as an escape, is not allowed (expected printable text)")
                return None
            return value
        if node.tag != _PLAIN:
            self.problem(node, f"tag '{shown(node.tag, 100)}' is not allowed (expected plain text, numbers, lists and mappings)")
            return None
        if value[:1].isalpha() and value[0] not in _MAY_BE_A_WORD_OF_YAML:
            # Most plain scalars (names, titles, summaries): text, whatever follows the letter.
            self._comment_after(node)
            return value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _YAML11_BOOL.fullmatch(value):
            self.problem(node, f"'{value}' is ambiguous: some YAML readers take it as true/false (expected \"{value}\" in quotes for text, or true or false)")
            return None
        if _YAML11_SEXAGESIMAL.fullmatch(value):
            self.problem(node, f"'{shown(value)}' is ambiguous: some YAML readers take it as a base-60 number (expected \"{shown(value)}\" in quotes for text, or else one number, such as 90)")
            return None
        if _LEADING_ZERO.fullmatch(value) and len(value) <= MAX_DIGITS:
            self.problem(
                node, f"'{value}' is ambiguous: some YAML readers take a number with a leading zero as octal "
                f"(expected {int(value)} without the zero, or \"{value}\" in quotes for text)",
            )
            return None
        if _POINT_GROUPED.fullmatch(value):
            self.problem(
                node, f"'{value}' is ambiguous: it reads as {float(value):g}, but where a point groups thousands it is "
                f"{value.replace('.', '')} (expected {value.replace('.', '')} for thousands, or else {float(value):g})",
            )
            return None
        if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
            if sum(c.isalnum() for c in value) > MAX_DIGITS:
                self.problem(node, f"a number of {len(value)} characters is too long (expected at most {MAX_DIGITS} digits)")
                return None
        if _INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.fullmatch(value):
            number = float(value)
            if math.isinf(number):
                # 1e999, or a text that looks like one (a fingerprint such as 0123e567), which
                # would otherwise reach the checks as "the number inf".
                self.problem(node, f"'{value}' is too large to be a number (expected at most 1e{MAX_DIGITS}, "
                                   f"or \"{value}\" in quotes for text)")
                return None
            return number
        if value.lower() in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value.lower()]
        self._comment_after(node)
        return value

    def _comment_after(self, node: yaml.ScalarNode) -> None:
        """Text that YAML cut at a '#' on its line ("Town #1" is read as "Town")."""
        end = node.end_mark
        if end.line >= len(self.lines):
            return
        cut = _COMMENT_IN_TEXT.match(self.lines[end.line], end.column)
        if cut:
            comment = cut.group(1)
            self.problems.append(Diagnostic(
                self.file, end.line + 1, cut.start(1) + 1, "error",
                f"YAML reads '{shown(comment)}' as a comment, so the text ends before it "
                f"(expected the whole text in quotes: \"{shown(node.value)} {shown(comment)}\")",
            ))
