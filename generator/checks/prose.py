"""Numbers in an explainer's prose that no figure of the desk holds: a figure changed in
figures.yml whose old value the standfirst, the summaries or a position still give.

A number counts when it is written with digits, in any way the site writes numbers
(``12,000``, ``12000``, ``12 000``, ``1.2 million``, ``$300bn``, ``18%``, ``2–3``); years and
the days of dates are not numbers of the story, and small counts written as words ("two") are
not read at all. A number matches a figure of the desk (an explainer may cite a sibling's)
when it is its value, the upper end of its range, or a share written as a percentage (``20%``
for ``0.2``).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, shown
from ..model import Event, Figure, Position, Story
from ..parsing import Document, Key
from ..messages import MONTHS
from ..wording import Wording
from .found import Folder

_DIGITS = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {"million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
_NUMBER = re.compile(
    rf"(?<![\w.,:\-–])(?P<sign>[$€£¥])?(?P<low>{_DIGITS})"
    rf"(?:(?:\s?[–-]\s?|\s+to\s+)[$€£¥]?(?P<high>{_DIGITS}))?"
    rf"(?:\s?(?P<scale>{'|'.join(_SCALES)})\b)?(?P<percent>\s?%|\s+per\s?cent\b)?(?!\w|[.,:]\d)",
    re.IGNORECASE,
)
# The months as pages write dates (wording.date): a day beside one is a date, not a count.
_MONTHS = "|".join(MONTHS)
_DAY_BEFORE_MONTH = re.compile(rf"\s+(?:{_MONTHS})\b", re.IGNORECASE)
_MONTH_BEFORE_DAY = re.compile(rf"\b(?:{_MONTHS})\s+$", re.IGNORECASE)
# Numbers that name rather than count: "Article 9.1", "resolution 2166", "round 3".
_NAMING = re.compile(
    r"\b(?:articles?|sections?|paragraphs?|chapters?|annex(?:es)?|resolutions?|rules?|pages?|no\.|round|phase)\s+$",
    re.IGNORECASE,
)
# How many figures a warning names as the nearest, and how far off one may be to be named at
# all: a figure ten times larger or smaller is no likely "meant this one" (a count of four
# regions for an area of 113,100 km²).
NEAREST = 2
NEAR = math.log(10)


def check_prose(folders: list[Folder]) -> Iterator[Diagnostic]:
    """A warning for each number of an explainer's prose that none of the desk's figures holds:
    its own, or another explainer's that it cites (the area a sibling story measured)."""
    holding: dict[str, list[tuple[Figure, list[float]]]] = {}
    for x in folders:
        holding[x.slug] = [(figure, held(figure)) for _, figure in x.entries("figures.yml", Figure)]
    every = {v for found in holding.values() for _, values in found for v in values}
    for x in folders:
        for _, story in x.entries("explainer.yml", Story):
            for document, key, field, text in _prose(x, story):
                for written, value in _numbers_in(text):
                    if not any(same(value, v) for v in every):
                        nearest = holding[x.slug] or [item for found in holding.values() for item in found]
                        yield document.diagnostic(key, _message(field, written, value, nearest), severity="warning")


def numbers(text: str) -> Iterator[tuple[str, float]]:
    """Each number of a text written with digits, as written and as a value; years and the days
    of dates left out, and numbers that name (``Article 9.1``, a time of day). Both ends of a
    range are numbers, with the range's scale."""
    for match in _NUMBER.finditer(text):
        scale = _SCALES[match["scale"].lower()] if match["scale"] else 1
        plain = not (match["sign"] or match["scale"] or match["percent"])
        for end in ("low", "high"):
            digits = match[end]
            if digits is None or (plain and (_is_date(digits, text, match) or _NAMING.search(text, 0, match.start()))):
                continue
            yield match.group().strip(), float(re.sub(r"[,\s]", "", digits)) * scale


@functools.lru_cache(maxsize=1 << 16)
def _numbers_in(text: str) -> tuple[tuple[str, float], ...]:
    """``numbers``, remembered: a preview checks the whole desk's prose at every save, and an
    edit changes a few texts of it."""
    return tuple(numbers(text))


def _is_date(digits: str, text: str, match: re.Match[str]) -> bool:
    if re.fullmatch(r"[12]\d{3}", digits):
        return True  # a year
    day = re.fullmatch(r"\d{1,2}", digits) and 1 <= int(digits) <= 31
    return bool(day and (_DAY_BEFORE_MONTH.match(text, match.end()) or _MONTH_BEFORE_DAY.search(text, 0, match.start())))


def held(figure: Figure) -> list[float]:
    """The numbers prose may write for a figure. Not those of several actors taken together
    (12,000 for 6,000 each of two): a total the prose gives is a figure of its own."""
    found = [figure.value] + ([figure.value_max] if figure.value_max is not None else [])
    return found + [v * 100 for v in found if 0 < abs(v) <= 1]


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _prose(x: Folder, story: Story) -> Iterator[tuple[Document, Key, str, str]]:
    """(document, place, field, text) of each text of the explainer's prose."""
    document = x.documents["explainer.yml"]
    for field in ("standfirst", "why_it_matters"):
        if getattr(story, field):
            yield document, (field,), field, getattr(story, field)
    for field in ("summary", "unknowns", "next"):
        for i, note in enumerate(getattr(story, field)):
            yield document, (field, i, "text"), field, note.text
    for name, cls, fields in (("positions.yml", Position, ("summary", "quote")), ("events.yml", Event, ("title", "summary"))):
        for key, entry in x.entries(name, cls):
            for field in fields:
                if getattr(entry, field):
                    yield x.documents[name], (*key, field), field, getattr(entry, field)


def _message(field: str, written: str, value: float, held: list[tuple[Figure, list[float]]]) -> str:
    def distance(item: tuple[Figure, list[float]]) -> float:
        return min((abs(math.log(abs(v) / abs(value))) for v in item[1] if v and value), default=math.inf)

    nearest = [item for item in sorted(held, key=distance) if distance(item) <= NEAR][:NEAREST]
    # Diagnostics are for editors, in English, as the content they check.
    english = Wording.of("en")
    named = "; ".join(f"'{figure.id}', {english.figure_value(figure)}" for figure, _ in nearest)
    expected = f"nearest: {named}; " if nearest else ""
    return (
        f"{field} says '{shown(written)}', a number none of the desk's figures holds "
        f"({expected}expected the prose to agree with figures.yml: correct the text, or the figure)"
    )
