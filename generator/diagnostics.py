"""The one type every step uses to report a problem in the content."""

from __future__ import annotations

import dataclasses
import os
import traceback
import unicodedata
from collections.abc import Iterable
from typing import Any, Literal

Severity = Literal["error", "warning"]

# Values quoted back in a message are cut to this many characters: a 1 MB name is quoted by its start.
SHOWN_LENGTH = 40
# A file name part longer than this is shown by its start and its end.
SHOWN_NAME_LENGTH = 60
# Characters that a terminal would act on or that show as nothing (controls, format characters
# such as U+200B or the right-to-left override, separators other than the space): in a message
# they are written as escapes, so a value or a file name can neither hide, nor clear the
# screen, nor forge a line of output.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str, backslash: bool) -> str:
    out = []
    for char in text:
        if char == "\\" and backslash:
            out.append("\\\\")
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char != " " and unicodedata.category(char) in _HIDDEN:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return "".join(out)


def shown(value: Any, limit: int = SHOWN_LENGTH) -> str:
    """A value as quoted back to the editor: short, on one line, every invisible character
    written as an escape (``sou\\u200bth``)."""
    text = str(value)
    text = text if len(text) <= limit else text[: limit - 3] + "…"
    return _escape(text, backslash=True)


def shown_path(path: str) -> str:
    """A file's path as a message names it: escaped like a value, each overlong part shortened."""
    parts = []
    for part in path.split("/"):
        if len(part) > SHOWN_NAME_LENGTH:
            part = part[: SHOWN_NAME_LENGTH // 2] + "…" + part[-(SHOWN_NAME_LENGTH // 2 - 1):]
        parts.append(_escape(part, backslash=False))
    return "/".join(parts)


@dataclasses.dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a content file, printed as ``FILE:LINE:COL: error: message``.

    ``line`` and ``col`` are 1-based, as editors count; 0 means the problem belongs to the
    whole file (a missing file, bytes that are not UTF-8 text).
    """

    file: str
    line: int
    col: int
    severity: Severity
    message: str

    @property
    def place(self) -> str:
        """``FILE:LINE:COL``, or ``FILE`` for the whole file; the file name escaped and shortened."""
        file = shown_path(self.file)
        return f"{file}:{self.line}:{self.col}" if self.line else file

    def __str__(self) -> str:
        # Values in messages are quoted with shown(); escaping the whole message again is a
        # safety net for words from elsewhere (the YAML parser's, the operating system's).
        return f"{self.place}: {self.severity}: {_escape(self.message, backslash=False)}"


class ContentError(Exception):
    """Raised by a step when the content has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__(summary(self.diagnostics))


def failure(error: BaseException, where: str) -> Diagnostic:
    """An error nobody expected (a bug, or the machine's), as a problem of ``where`` rather than a
    traceback: the command line and the preview report it like any other, and go on."""
    frames = traceback.extract_tb(error.__traceback__)
    at = f" in {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return Diagnostic(
        where, 0, 0, "error",
        f"the generator failed{at}: {type(error).__name__}: {shown(error, 200)} "
        "(expected no such failure: please report it, with the content that caused it)",
    )


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """One line for the end of a report: ``3 errors, 1 warning in 2 files``."""
    diagnostics = list(diagnostics)
    if not diagnostics:
        return "no problems found"
    n_errors = len(errors(diagnostics))
    n_warnings = len(diagnostics) - n_errors
    n_files = len({d.file for d in diagnostics})
    parts = [_count(n_errors, "error")] if n_errors else []
    if n_warnings:
        parts.append(_count(n_warnings, "warning"))
    return f"{', '.join(parts)} in {_count(n_files, 'file')}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
