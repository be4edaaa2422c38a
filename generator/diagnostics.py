"""The one type every step uses to report a problem in the content."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Literal

Severity = Literal["error", "warning"]


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

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{place}: {self.severity}: {self.message}"


class ContentError(Exception):
    """Raised by a step when the content has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__(summary(self.diagnostics))


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
