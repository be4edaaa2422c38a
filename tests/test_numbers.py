"""Property: a number as the site words it reads back to the value, within the precision the
words state.

A reader of "$1.3 trillion" takes it to mean 1.3 × 10¹² give or take 0.05 × 10¹²; of "12,000",
12,000 give or take 0.5. Hypothesis writes numbers of every size and sign (whole, decimal,
round millions, billions and trillions), amounts of money in several currencies, percentages
and ranges; each is worded by ``generator.wording`` and read back here by an independent
reader of English number words, which also holds the wording to the form newsrooms use: digits
grouped by threes with commas, a scale word only from a million up, the currency's symbol
before the digits, the percent sign after them.

The wordings of typical values are listed in tests/test_render.py.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import amounts, model, wording

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

SCALES = {"million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
# How newsrooms write each currency: a sign before the digits, or a name after the number.
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CHF": " Swiss francs", "INR": " rupees", "CNY": " yuan"}
# A name read back, in the singular or the plural: the plural stands for the currency.
NAMES = {"Swiss franc": "Swiss francs", "rupee": "rupees"}
EVERY_NAME = sorted({*NAMES, *(s.strip() for s in SYMBOLS.values() if s[0] == " ")}, key=len, reverse=True)

ONE = re.compile(
    r"(?P<sign>-)?(?P<symbol>[^\d\s,.%-]+\u00a0?)?"
    r"(?P<whole>[1-9]\d{0,2}(?:,\d{3})*|0)(?:\.(?P<fraction>\d+))?"
    r"(?: (?P<scale>million|billion|trillion))?(?P<percent>%)?"
    r"(?P<name> (?:" + "|".join(EVERY_NAME) + "))?"
)


def read(text: str) -> tuple[Decimal, Decimal, str, bool, str]:
    """(value, precision, symbol, percent, scale) of one worded number: the precision is one
    unit of its last digit, times its scale."""
    match = ONE.fullmatch(text)
    assert match, f"{text!r} is not a number as English writes it"
    fraction = match["fraction"] or ""
    scale = match["scale"] or ""
    digits = Decimal(match["whole"].replace(",", "") + (f".{fraction}" if fraction else ""))
    size = SCALES.get(scale, Decimal(1))
    if scale:
        # Words only from a million up, and only below a thousand of them.
        assert Decimal(1) <= digits < Decimal(1000), text
    value = digits * size * (-1 if match["sign"] else 1)
    if match["name"]:
        assert not match["symbol"] and not match["percent"], text
        name = match["name"].strip()
        return value, Decimal(10) ** -len(fraction) * size, " " + NAMES.get(name, name), False, scale
    return value, Decimal(10) ** -len(fraction) * size, match["symbol"] or "", bool(match["percent"]), scale


def read_span(text: str) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal], str, bool]:
    """Both ends of a range: ``2–3%``, ``$1.3–1.5 trillion`` (one sign, scale and percent for
    both), ``$500 billion–$1.3 trillion``, ``-5% to 3%``; a named currency once, after the
    high end: ``1.3–1.5 trillion yuan``."""
    named = next((f" {n}" for n in EVERY_NAME if text.endswith(f" {n}")), None)
    if named:
        low, high, symbol, percent = read_span(text.removesuffix(named))
        assert not symbol and not percent, text
        return low, high, " " + NAMES.get(named.strip(), named.strip()), False
    low, separator, high = text.partition(" to ") if " to " in text else text.partition("–")
    assert separator, f"{text!r} is not a range"
    _, _, low_symbol, low_percent, low_scale = read(low)
    _, _, high_symbol, percent, scale = read(high)
    if separator == "–" and not (low_scale or low_percent) and (scale or percent or not high_symbol):
        # One sign for both, before the low end; one scale word and percent, after the high end.
        assert not high_symbol, text
        low, high = low + (f" {scale}" if scale else "") + ("%" if percent else ""), low_symbol + high
    low_value, low_precision, low_symbol, low_percent, _ = read(low)
    high_value, high_precision, symbol, percent, _ = read(high)
    assert (low_symbol, low_percent) == (symbol, percent), text
    return (low_value, low_precision), (high_value, high_precision), symbol, percent


def close_enough(value: float, read_value: Decimal, precision: Decimal) -> bool:
    # The value as typed (its shortest decimal), not the binary float nearest it: with cents,
    # 281474976710656.6 is written .60, a hundredth from the float's .5625 and exact to the typing.
    return abs(Decimal(repr(float(value))) - read_value) <= precision / 2


ROUND = st.builds(lambda m, e: float(Decimal(m) * Decimal(10) ** e), st.integers(1, 9999), st.integers(-2, 13))
NUMBERS = st.one_of(
    st.integers(-(10**16), 10**16).map(float),
    st.floats(min_value=-1e16, max_value=1e16, allow_nan=False, allow_infinity=False).filter(lambda v: v == 0 or abs(v) >= 1e-6),
    ROUND,
    ROUND.map(lambda v: -v),
)


@settings(max_examples=500, deadline=None)
@given(value=NUMBERS)
@example(value=12000.0)
@example(value=1.2e6)
@example(value=3e11)
@example(value=1.3e12)
@example(value=-4.5e9)
@example(value=999_999.0)
@example(value=1_234_567.0)
@example(value=0.0000001)
@example(value=2035.0)
def test_a_number_reads_back_to_its_value(value):
    text = ENGLISH.number(value)
    read_value, precision, symbol, percent, _ = read(text)
    assert not symbol and not percent, text
    assert close_enough(value, read_value, precision), (value, text)


@settings(max_examples=300, deadline=None)
@given(value=st.floats(min_value=-model.MAX_VALUE, max_value=model.MAX_VALUE, allow_nan=False))
@example(value=1e25)  # once too many digits for Decimal's usual precision, with Babel's decimals
@example(value=model.MAX_VALUE)
@example(value=-model.MAX_VALUE)
@example(value=5e-324)
def test_every_value_the_model_accepts_is_written_in_full(value):
    # Never rounded: the words read back to the very number typed, however large or small.
    read_value, _, _, _, _ = read(ENGLISH.number(value))
    assert float(read_value) == value


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, currency=st.sampled_from(sorted(SYMBOLS)))
@example(value=3e11, currency="USD")
@example(value=4.5e9, currency="EUR")
@example(value=4.5, currency="USD")
@example(value=-4.5e9, currency="CHF")
def test_money_reads_back_to_its_value_in_its_currency(value, currency):
    text = ENGLISH.quantity(value, currency)
    read_value, precision, symbol, _, scale = read(text)
    assert symbol == SYMBOLS[currency], text
    assert close_enough(value, read_value, precision), (value, text)
    if not scale and Decimal(repr(value)) % 1 and currency != "JPY":
        # Cents, when there are any, as money is written: $4.50, not $4.5.
        assert len(text.rsplit(".", 1)[1]) >= 2, text


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS)
@example(value=18.0)
def test_a_percentage_reads_back_to_its_value(value):
    text = ENGLISH.quantity(value, percent=True)
    read_value, precision, symbol, percent, _ = read(text)
    assert percent and not symbol, text
    assert close_enough(value, read_value, precision), (value, text)


@settings(max_examples=300, deadline=None)
@given(
    ends=st.tuples(NUMBERS, NUMBERS).filter(lambda ab: ab[0] != ab[1]).map(sorted),
    currency=st.sampled_from([None, "USD", "EUR", "CHF", "CNY"]),
    percent=st.booleans(),
)
@example(ends=[2.0, 3.0], currency=None, percent=False)
@example(ends=[1.3e12, 1.5e12], currency="USD", percent=False)
@example(ends=[5e11, 1.3e12], currency="USD", percent=False)
@example(ends=[-5.0, 3.0], currency=None, percent=True)
def test_a_range_reads_back_to_both_ends(ends, currency, percent):
    low, high = ends
    percent = percent and currency is None
    text = ENGLISH.span(low, high, currency, percent)
    (low_read, low_precision), (high_read, high_precision), symbol, has_percent = read_span(text)
    assert symbol == (SYMBOLS[currency] if currency else ""), text
    assert has_percent == percent, text
    assert close_enough(low, low_read, low_precision), (low, text)
    assert close_enough(high, high_read, high_precision), (high, text)


@pytest.mark.parametrize("text", ["1,2345", "12 thousand", "1000 trillion", "1.3e+06 million", "2,035.0.1"])
def test_the_reader_refuses_what_newsrooms_do_not_write(text):
    with pytest.raises(AssertionError):
        read(text)
