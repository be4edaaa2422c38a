"""Which way a language is written: the way the pictures are drawn and the share cards laid out.

The pages' own direction (``<html dir>``) comes from the theme, which knows it for each of its
languages; the pictures drawn here follow the same language. Babel's locale data says which
languages are written right to left (Arabic, Hebrew, Persian, Urdu…).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import babel

if TYPE_CHECKING:
    from .model import Content


@functools.cache
def direction(language: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    return "rtl" if babel.Locale.parse(language, sep="-").character_order == "right-to-left" else "ltr"


def of(content: Content, language: str | None = None) -> str:
    """The direction of ``language``, or of the desk's default language when None."""
    return direction(language or content.desk.languages[0])
