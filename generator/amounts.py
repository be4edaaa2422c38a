"""How numbers and amounts are written for readers: ``6,000``, ``1.2 million``, ``$300
billion a year by 2035``, ``2–3%``; in Bulgarian ``6 000``, ``1,2 милиона``, ``300 млрд.
долара``. Every number on a page, a picture, a card or in the structured data is written here,
by Babel, with the conventions of the locale of the ``Wording`` it is part of, so that they all
agree; the words around them (qualifiers, scopes, rates) are that wording's too.
"""

from __future__ import annotations

import decimal
import functools
import re
import typing
from decimal import Decimal

import babel.core
import babel.numbers

from .messages import filled
from .model import Figure

if typing.TYPE_CHECKING:
    from .wording import Wording

# Large numbers are written in words from a million up, as newsrooms write them, when that
# says the number exactly in at most two decimals (1.25 million); otherwise in full digits.
_SCALES = (10**12, 10**9, 10**6)


# Decimal's usual 28 digits are too few to write 10^25 with the three decimals Babel keeps
# room for: numbers are written with room for any float in full (309 digits, and decimals).
_ROOM_FOR_ANY_FLOAT = decimal.Context(prec=400)


def _exact(value: float) -> Decimal:
    # The shortest decimal that is this float: the number as the editor typed it.
    return Decimal(repr(float(value)))


_FIRST_DIGIT = re.compile(r"\d")

# CLDR's minimumGroupingDigits, which Babel (2.18) does not read: in these locales a number's
# digits are grouped only from five up, "1000" but "10 000", as Bulgarian, Polish or Spanish
# newsrooms write them (and a translator writes them in the prose beside the cards). CLDR 48,
# as ICU 78 formats numbers; a locale not listed takes its parent's (es_MX from es_419, pt_AO
# from pt_PT), and the root's is 1.
_MINIMUM_GROUPING_DIGITS = {
    "be": 2, "bg": 2, "es": 2, "es_419": 1, "et": 2, "hu": 2, "hy": 2, "it": 2, "ka": 2,
    "lv": 2, "pl": 2, "pt_PT": 2, "sl": 2, "sq": 2,
}


@functools.cache
def _minimum_grouping_digits(locale: str) -> int:
    parents = babel.core.get_global("parent_exceptions")
    while locale:
        if locale in _MINIMUM_GROUPING_DIGITS:
            return _MINIMUM_GROUPING_DIGITS[locale]
        locale = parents.get(locale) or locale.rpartition("_")[0]
    return 1


def decimal_text(value: Decimal | float, locale: babel.Locale, **options: typing.Any) -> str:
    """Babel's ``format_decimal``, with the locale's digits grouped from where CLDR says (4
    digits: ``1000`` in Bulgarian, ``1,000`` in English)."""
    if _minimum_grouping_digits(str(locale)) > 1 and abs(value) < 10_000:
        options["group_separator"] = False
    return babel.numbers.format_decimal(value, locale=locale, **options)


def _is_percent(figure: Figure) -> bool:
    # "%" is written against the number ("18%"), any other unit after a space.
    return (figure.unit or "").strip() == "%" and not figure.currency


class Amounts:
    """The numbers of a ``Wording`` (its base class): ``self`` is the wording of one language."""

    # Called for every number on every page: the same few hundred values, each worded once.
    @functools.lru_cache(maxsize=1 << 14)
    def number(self: Wording, value: float, fraction_digits: int = 0, money: bool = False) -> str:
        """``6000.0`` → ``6,000``; ``1200000`` → ``1.2 million``; ``3e11`` → ``300 billion``;
        ``0.2`` → ``0.2``; ``-4500`` → ``-4,500``. Never rounded: a number is shown with every
        digit it has, so it reads back to exactly the value. ``fraction_digits`` is the least
        number of decimals a number with a fraction shows (2 for cents: ``4.50``); ``money``,
        whether it is an amount of money, which some languages shorten ("300 млрд.")."""
        with decimal.localcontext(_ROOM_FOR_ANY_FLOAT):
            return self._number(value, fraction_digits, self.money_scale if money else self.number_scale)

    def _number(self: Wording, value: float, fraction_digits: int, scale_style: str) -> str:
        exact = _exact(value) + 0  # never "-0"
        for size in _SCALES:
            if size <= abs(exact) < 1000 * size:
                mantissa = exact / size
                if mantissa == mantissa.quantize(Decimal("0.01")):
                    return babel.numbers.format_compact_decimal(exact, format_type=scale_style, locale=self.locale, fraction_digits=2)
                break
        if fraction_digits and exact != exact.to_integral_value():
            # At least `fraction_digits` decimals, and every one the number has.
            more = max(-exact.as_tuple().exponent - fraction_digits, 0)  # type: ignore[operator]
            pattern = "#,##0." + "0" * fraction_digits + "#" * more
            return decimal_text(exact, self.locale, format=pattern)
        return decimal_text(exact, self.locale, decimal_quantization=False)

    @staticmethod
    def _scale_word(text: str) -> str:
        """``million`` of ``1.2 million`` (``млрд.`` of ``300 млрд.``); empty for digits."""
        head, _, last = text.replace("\xa0", " ").rpartition(" ")
        return last if head and not any(ch.isdigit() for ch in last) else ""

    def _signed(self: Wording, currency: str | None) -> bool:
        """Whether a currency is written with its sign ("$300 billion"), not named ("177 billion yuan")."""
        return currency is not None and self.currency_styles.get(currency) == "sign"

    def currency_name(self: Wording, currency: str, count: float) -> str:
        """A named currency after an amount of it: ``yuan``, ``rupees``, ``Swiss francs``, ``Swiss franc`` (for one)."""
        # Babel counts 1.0 as not one ("1.0 rupees"): a whole number is counted as one.
        exact = abs(_exact(count))
        name = babel.numbers.get_currency_name(currency, count=int(exact) if exact == int(exact) else exact, locale=self.locale)
        return name.split(" ")[self.currency_word].lower() if self.currency_styles.get(currency) == "word" else name

    def _dress(self: Wording, digits: str, negative: bool, currency: str | None, percent: bool) -> str:
        """Digits with their sign and their currency's sign or percent sign, placed as the locale writes them."""
        if self._signed(currency):
            pattern = self.locale.currency_formats["standard"]
            symbol = babel.numbers.get_currency_symbol(currency, locale=self.locale)
            prefix, suffix = pattern.prefix[1 if negative else 0], pattern.suffix[1 if negative else 0]
            return prefix.replace("¤", symbol) + digits + suffix.replace("¤", symbol)
        sign = self.locale.number_symbols["latn"]["minusSign"] if negative else ""
        if percent:
            pattern = self.locale.percent_formats[None]
            return sign + pattern.prefix[0] + digits + pattern.suffix[0]
        return sign + digits

    @staticmethod
    def _fraction_digits(currency: str | None) -> int:
        return babel.numbers.get_currency_precision(currency) if currency else 0

    def quantity(self: Wording, value: float, currency: str | None = None, percent: bool = False) -> str:
        """One value as readers see it: ``$300 billion``, ``€4.5 billion``, ``177 billion yuan``, ``18%``, ``12,000``."""
        text = self._dress(self.number(abs(value), self._fraction_digits(currency), bool(currency)), value < 0, currency, percent)
        return text if not currency or self._signed(currency) else f"{text} {self.currency_name(currency, value)}"

    def span(self: Wording, low: float, high: float, currency: str | None = None, percent: bool = False) -> str:
        """A range: ``2–3``, ``$1.3–1.5 trillion``, ``$500 billion–$1.3 trillion``, ``-5 to 3%``,
        ``1.3–1.5 trillion yuan`` (a named currency once, at the end)."""
        if currency and not self._signed(currency):
            digits = self._fraction_digits(currency)
            bare = self._span(low, high, currency, False, lambda v: self._dress(self.number(abs(v), digits, True), v < 0, None, False), dressed=False)
            return f"{bare} {self.currency_name(currency, high)}"
        return self._span(low, high, currency, percent, lambda v: self.quantity(v, currency, percent))

    def _span(self: Wording, low: float, high: float, currency: str | None, percent: bool, one: typing.Callable[[float], str],
              dressed: bool = True) -> str:
        to = self.gettext("{low} to {high}")
        if low < 0:
            return filled(to, low=one(low), high=one(high))
        digits = self._fraction_digits(currency)
        a, b = self.number(low, digits, bool(currency)), self.number(high, digits, bool(currency))
        scale = self._scale_word(a)
        if scale == self._scale_word(b):
            # One scale word and one sign for both ends: "$1.3–1.5 trillion", "2–3%".
            low_digits = a.replace("\xa0", " ").removesuffix(" " + scale) if scale else a
            return self._dress(f"{low_digits}–{b}", False, currency if dressed else None, percent)
        if scale:
            return f"{one(low)}–{one(high)}"
        # "900,000–1.2 million" would read as 900,000 million: the low end has no scale word.
        return filled(to, low=one(low), high=one(high))

    def amount(self: Wording, figure: Figure) -> str:
        """The number as the source words it: ``about 113,100``, ``just under a fifth``, ``2–3``,
        ``$300 billion``, ``18%``."""
        percent = _is_percent(figure)
        if figure.wording:
            core = self._worded(figure.wording, figure.value, figure.currency)
        elif figure.value_max is not None:
            core = self.span(figure.value, figure.value_max, figure.currency, percent)
        else:
            core = self.quantity(figure.value, figure.currency, percent)
        qualifier = self.qualifiers[figure.qualifier] if figure.qualifier else ""
        return f"{qualifier} {core}" if qualifier else core

    def _worded(self: Wording, wording: str, value: float, currency: str | None) -> str:
        """The source's words for an amount of money, with the currency they leave to ``currency:``
        (the checker refuses a sign in a wording): ``nearly $300 billion``, ``nearly 177 billion
        yuan``, ``a fifth of a billion US dollars``."""
        if not currency:
            return wording
        digit = _FIRST_DIGIT.search(wording)
        if self._signed(currency) and digit:
            symbol = babel.numbers.get_currency_symbol(currency, locale=self.locale)
            return wording[: digit.start()] + symbol + wording[digit.start():]
        return f"{wording} {self.currency_name(currency, value)}"

    def figure_value(self: Wording, figure: Figure, each: bool = True) -> str:
        """The whole figure: ``6,000 bodies each``, ``just under a fifth of Ukraine's territory``,
        ``about $300 billion a year by 2035``, ``$115.9 billion in 2022``, ``177 billion yuan (about
        $24.5 billion)``; without ``each`` beside the name of one of those it is for (``each=False``)."""
        parts = [self.amount(figure)]
        if figure.equivalent:
            parts.append(filled(self.EQUIVALENT, amount=self.quantity(figure.equivalent.value, figure.equivalent.currency)))
        if figure.unit and not _is_percent(figure):
            parts.append(figure.unit)
        scope = self.scopes[figure.scope][0] if figure.scope else ""
        if figure.scope == "per-person":
            parts.append(scope)
        if figure.rate:
            parts.append(self.rates[figure.rate])
        if figure.period:
            parts.append(self.period(figure.period))
        if scope and figure.scope != "per-person" and each:
            parts.append(scope)
        if figure.by:
            parts.append(filled(self.gettext("by {date}"), date=self.date(figure.by)))
        return " ".join(parts)

    def equivalent(self: Wording, figure: Figure) -> str:
        """The equivalent in another currency with the date of its rate, for the number's own
        line: ``About $24.5 billion at the exchange rate of 31 December 2022.``; empty without one."""
        if figure.equivalent is None:
            return ""
        value = self.quantity(figure.equivalent.value, figure.equivalent.currency)
        return filled(self.EQUIVALENT_AS_OF, amount=value, date=self.date(figure.equivalent.as_of))

    def unit(self: Wording, figure: Figure) -> str:
        """What the number counts, in words, for data: ``bodies``, ``US dollars a year``, ``%``."""
        parts = [babel.numbers.get_currency_name(figure.currency, count=2, locale=self.locale)] if figure.currency else []
        parts += [figure.unit] if figure.unit else []
        parts += [self.rates[figure.rate]] if figure.rate else []
        return " ".join(parts)

    def figure_for(self: Wording, figure: Figure) -> str:
        """Who the number is for, on its own line: ``in total``, ``per person``, or ``for each of``,
        followed by those it is for. Nothing when the content does not say (a length of 30 hours
        is no total), nor for an amount per period, whose value says "a year" (a yearly sum is not
        a total)."""
        if figure.scope is None or (figure.scope == "total" and figure.rate):
            return ""
        return self.scopes[figure.scope][1]
