"""How numbers are worded for readers, shared by the Markdown pages and the charts."""

from __future__ import annotations

from .model import QUALIFIERS, Figure, Source, format_date


def number(value: float) -> str:
    """``6000.0`` → ``6,000``; ``1200000`` → ``1.2 million``; ``0.2`` → ``0.2``."""
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def amount(figure: Figure) -> str:
    """The number as the source words it: ``about 113,100``, ``just under a fifth``, ``2–3``."""
    if figure.wording:
        core = figure.wording
    elif figure.value_max is not None:
        core = f"{number(figure.value)}–{number(figure.value_max)}"
    else:
        core = number(figure.value)
    qualifier = QUALIFIERS[figure.qualifier]
    return f"{qualifier} {core}" if qualifier else core


def figure_value(figure: Figure) -> str:
    """The whole figure: ``6,000 bodies each side``, ``just under a fifth of Ukraine's territory``."""
    text = f"{amount(figure)} {figure.unit}"
    return f"{text} each side" if figure.scope == "per-side" else text


def source_name(source: Source) -> str:
    """``Reuters via BTA, 2 June 2025``: who reported it, through whom, and when."""
    via = f"{source.reported_by} via " if source.reported_by else ""
    return f"{via}{source.publisher}, {format_date(source.date)}"
