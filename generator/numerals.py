"""Numbers as one language's pages write them, read back out of a page's text (search.py's
``terms``): "113,100" and "1.2 million" as the digits a reader types, 113100 and 1200000; in
Bulgarian "12 000" and "1,2 млн."; and English newsroom shorthand, "$300bn" for "$300 billion".
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

import babel.numbers

from .wording import Wording

# English newsrooms' shorthand for the scale words: $300bn, 1.3tn, 1.2m.
_SHORT_SCALES = {"million": "m", "billion": "bn", "trillion": "tn"}
# An amount in words, with its currency sign and the low end of a range ("$1.3–1.5 trillion").
_SIGNED_SCALED = re.compile(r"(?<![\d.,])([$€£¥]?)(?:(\d+(?:\.\d+)?)–)?(\d+(?:\.\d+)?) (million|billion|trillion)\b")
# The spaces a language that groups digits with a space may write between them.
_GROUP_SPACES = " \u00a0\u202f"


class Numerals:
    """How the pages of one language write numbers (its ``Wording``, by Babel), for finding
    them in a page's text: the digits' group separator and decimal mark, and the scale words
    of large numbers in every form the wording writes them ("1.2 million"; "1,2 милиона",
    "300 млрд.")."""

    def __init__(self, w: Wording):
        symbols = w.locale.number_symbols["latn"]
        self.group, self.decimal = symbols["group"], symbols["decimal"]
        # A language that groups digits with a (no-break) space is read with any space there.
        self.groups = _GROUP_SPACES if self.group.isspace() else self.group
        group, point = f"[{re.escape(self.groups)}]", re.escape(self.decimal)
        number = rf"\d{{1,3}}(?:{group}\d{{3}})*(?:{point}\d+)?"
        # Not followed by more digits of the number ("113,100" is no number followed by a comma
        # in English, whose groups the comma joins; "12 000 души" is one in Bulgarian).
        after = rf"(?![\d{re.escape(self.groups)}])" if not self.group.isspace() else rf"(?!\d|{group}\d)"
        # 113,100 and 1,200,000.5 (12 000, 1 200 000,5): digits grouped as the language writes them.
        # (Not preceded by a digit, separator or point either: checked by hand, which lets the
        # regex engine skip ahead to the next digit instead of trying a look-behind at every character.)
        # (\d\d{0,2}, not \d{1,3}: a pattern that starts with one digit is looked for by scanning
        # for a digit, a repeat at every character.)
        self.grouped = re.compile(rf"\d\d{{0,2}}(?:{group}\d{{3}})+(?:{point}\d+)?{after}")
        self.number_part = frozenset("0123456789.," + self.groups.strip())
        # 1.2 million, 300 billion (1,2 милиона, 300 млрд.): numbers in words, as the site writes large ones.
        self.scales = _scale_words(w)
        words = "|".join(map(re.escape, sorted(self.scales, key=len, reverse=True)))
        self.scaled = re.compile(rf"(?<![\d.,])(\d+(?:{point}\d+)?)[{_GROUP_SPACES}]({words})(?!\w)")
        # A number the theme's search would index glued to what precedes it ("$115.9", "–1.5"): it
        # splits words only at spaces and hyphens, and matches a typed word at the start of a word.
        # The sign is matched, not looked behind at: a pattern that starts with a look-behind is
        # tried at every character, one that starts with a sign only where there is one.
        self.glued = re.compile(rf"[$€£¥–]({number}{after}|\d+(?:{point}\d+)?(?![\d,.]))")
        self.short_scales = _SHORT_SCALES if w.language == "en" else {}

    @classmethod
    @functools.cache
    def of(cls, w: Wording) -> Numerals:
        return cls(w)

    def _bare(self, written: str) -> str:
        for group in self.groups:
            written = written.replace(group, "")
        return written.replace(self.decimal, ".")

    def digits(self, text: str) -> set[tuple[str, str]]:
        """Every number in ``text`` that is written with separators or in words, as bare digits,
        with the number as written: ``("113100", "113,100")``, ``("1200000", "1.2 million")``;
        and a number with a decimal comma as it is typed with a point, ``("1.2", "1,2")``."""
        found = {
            (self._bare(m.group()), m.group())
            for m in self.grouped.finditer(text)
            if not (m.start() and text[m.start() - 1] in self.number_part)
        }
        if not any(scale in text for scale in self.scales):
            return found
        for m in self.scaled.finditer(text):
            try:
                value = Decimal(self._bare(m.group(1))) * self.scales[m.group(2)]
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                continue
            found.add((format(value.normalize(), "f"), m.group()))
            if self.decimal != "." and self.decimal in m.group(1):
                found.add((self._bare(m.group(1)), m.group(1)))
        return found

    def shorthand(self, text: str) -> set[tuple[str, str]]:
        """Every amount in ``text`` written in words as English newsrooms shorten it, and every
        number glued to a currency sign or a dash as it is written, each with what it stands for:
        ``("300bn", "$300 billion")``, ``("$300bn", "$300 billion")``, ``("115.9", "$115.9")``."""
        found = {(m.group(1), m.group()) for m in self.glued.finditer(text)}
        if not any(scale in text for scale in self.short_scales):
            return found
        for m in _SIGNED_SCALED.finditer(text):
            sign, low, high, scale = m.groups()
            for number in (low, high) if low else (high,):
                short = number + self.short_scales[scale]
                found |= {(short, m.group()), (sign + short, m.group())}
        return found


def _scale_words(w: Wording) -> dict[str, int]:
    """The scale words the wording writes large numbers with, in each form, with their sizes:
    ``{"thousand": 1000, "million": 10**6, …}``; ``{"хиляди": 1000, "хил.": 1000, "милиона": 10**6, "млн.": 10**6, …}``."""
    found = {}
    for size in (10**3, 10**6, 10**9, 10**12):
        for style in {w.number_scale, w.money_scale}:
            for count in (1, 2, 5, 21, Decimal("1.5")):
                written = babel.numbers.format_compact_decimal(count * size, format_type=style, locale=w.locale, fraction_digits=2)
                word = written.replace("\u00a0", " ").rpartition(" ")[2]
                if word and not any(ch.isdigit() for ch in word):
                    found[word] = size
    return found
