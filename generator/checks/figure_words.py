"""Figures bent to say what their fields are for: money or a period written into `unit:`
("USD", "dollars", "a year"), which `currency:` and `rate:` say, so that pages, charts and
downloads can write and compare them; and a `wording:` holding a currency sign or a number
other than the figure's value, which readers would then see instead of the value."""

from __future__ import annotations

import re
from collections.abc import Iterator

import babel.numbers

from ..diagnostics import Diagnostic, shown
from ..model import Figure
from ..messages import RATES
from .found import Folder
from .prose import held, numbers, same

# Words and signs of money, beside the ISO 4217 codes written in capitals ("USD").
_MONEY_WORDS = r"dollars?|euros?|yuan|renminbi|yen|rupees?|roubles?|rubles?|francs?|pesos?|[$€£¥₹₽]"
_CODES = "|".join(sorted(babel.numbers.list_currencies()))
_MONEY = re.compile(rf"(?<!\w)(?:{_MONEY_WORDS}|(?-i:{_CODES}))(?!\w)", re.IGNORECASE)
_SIGN = re.compile(r"[$€£¥₹₽¢₩₦₱₺₴]")
# Each period a unit may hold, by the rate that says it.
_PERIODS = {
    "year": r"an?\s+year|per\s+year|(?:per|a)\s+annum|p\.?\s?a\.|annually|yearly|/\s*(?:year|yr)",
    "month": r"an?\s+month|per\s+month|monthly|/\s*month",
    "week": r"an?\s+week|per\s+week|weekly|/\s*week",
    "day": r"an?\s+day|per\s+day|daily|/\s*day",
    "hour": r"an?\s+hour|per\s+hour|hourly|/\s*(?:hour|hr)",
}
_PERIOD = {rate: re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE) for rate, words in _PERIODS.items()}


def check_figure_words(x: Folder) -> Iterator[Diagnostic]:
    document = x.documents.get("figures.yml")
    if document is None:
        return
    for key, figure in x.entries("figures.yml", Figure):
        for field, message in [*_bent_unit(figure.unit or ""), *_bent_wording(figure, figure.wording or "")]:
            yield document.diagnostic((*key, field), message)


def _bent_unit(unit: str) -> Iterator[tuple[str, str]]:
    money = _MONEY.search(unit)
    if money:
        yield "unit", (
            f"unit '{shown(unit)}' holds money, '{money.group()}' (expected `currency:` with the currency's "
            "ISO 4217 code, e.g. `currency: USD`, and `unit:` only for what else is counted)"
        )
    period = next(((rate, found) for rate, pattern in _PERIOD.items() if (found := pattern.search(unit))), None)
    if period:
        rate, found = period
        yield "unit", (
            f"unit '{shown(unit)}' holds a period, '{found.group()}' (expected `rate: {rate}`, which pages write "
            f"“{RATES[rate]}”, and the unit without it)"
        )


def _bent_wording(figure: Figure, wording: str) -> Iterator[tuple[str, str]]:
    sign = _SIGN.search(wording)
    if sign:
        yield "wording", (
            f"wording '{shown(wording)}' holds a currency sign, '{sign.group()}' (expected the source's words for "
            "the number alone, e.g. `a fifth`: the currency is `currency:`'s)"
        )
    values = held(figure)
    for written, value in numbers(wording):
        if not any(same(value, v) for v in values):
            yield "wording", (
                f"wording '{shown(wording)}' says '{shown(written)}', but the value is {figure.value:g} "
                "(expected words for the value itself, or the value that they say)"
            )
