"""What Babel's locale data (CLDR) knows of a language, by its code as desk.yml writes it: the
facts every layer asks (the values' checks, the wording), apart from the site's layout of its
languages (languages.py), which stands above the pages' addresses and the content's loading."""

from __future__ import annotations

import functools

import babel


@functools.cache
def locale(code: str) -> babel.Locale:
    """Babel's locale for a language code as desk.yml writes it ("bg", "pt-BR")."""
    return babel.Locale.parse(code, sep="-")


@functools.cache
def name(code: str) -> str:
    """The language's name as it writes it: "English", "Български"."""
    own = locale(code).get_display_name(locale(code)) or code
    return own[:1].upper() + own[1:]
