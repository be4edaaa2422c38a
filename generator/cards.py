"""Share cards: a validated desk → one 1200 × 630 PNG per explainer, ``{path in the site: bytes}``.

The picture a link preview shows when someone shares an explainer: the desk's name, the
headline, the standfirst and the first key number, drawn at build time by Pillow with the DejaVu
Sans font of Debian's ``fonts-dejavu-core`` package (`make` installs it), so a build needs no
network. DejaVu writes Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic; Pillow's
Raqm layout (with FriBiDi, Debian's ``libfribidi0``) joins Arabic letters and orders
right-to-left text, which is then set flush right; a card in a language written right to left
is mirrored whole (all its text flush right, the number panel's edge on the right). Scripts DejaVu lacks (Chinese, Japanese,
Korean, Indic scripts) would show as empty boxes.

Text always fits: each block is wrapped at spaces and set in the largest size at which it fits
its lines; at the smallest size, what still does not fit ends with "…" at a word boundary, and
a single word wider than a line is broken with a hyphen. Nothing is cut silently: the desk's
name is its short title when the whole title does not fit the band, and `check` warns of a
headline, or a desk's name with no short title, that the card cuts (checks/card_text.py).

The same text and fonts give the same bytes: the PNG carries no date or other metadata. Cards
are cached by their text for the life of the process, so a preview redraws only the cards
whose text changed.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from . import urls
from .diagnostics import ContentError, Diagnostic
from .messages import filled
from .templating import BREAKING_SPACE
from .validated_desk import Content, Explainer
from .wording import Wording

WIDTH, HEIGHT = 1200, 630
# Where Debian's fonts-dejavu-core puts the fonts; other systems' DejaVu packages after it.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/share/fonts/dejavu"),  # Alpine
)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
FONT_PACKAGE = "fonts-dejavu-core"

# Colours: the site's indigo (Material's), and text dark enough on white for WCAG AA.
INDIGO = (48, 63, 159)
TINT = (232, 234, 246)
INK = (26, 26, 26)
GREY = (66, 66, 66)
WHITE = (255, 255, 255)
Colour = tuple[int, int, int]

MARGIN = 64
BAND = 88  # the band across the top, with the desk's name
PANEL = 136  # the panel across the bottom, with the key number
ELLIPSIS = "…"


@dataclasses.dataclass(frozen=True)
class Card:
    """What a card says, as plain text."""

    desk: str
    headline: str
    standfirst: str
    # The first key number as worded on the pages ("12,000 bodies"), what it counts, and how
    # settled it is ("Agreed").
    number: str | None = None
    number_label: str = ""
    number_status: str = ""
    # The language's direction: right to left, the card is laid out mirrored, all of its text
    # set flush right.
    direction: str = "ltr"

    def alt(self, w: Wording) -> str:
        """The card in words, for readers who do not see it (``og:image:alt``)."""
        text = filled(w.CARD_ALT, desk=self.desk, headline=self.headline, standfirst=self.standfirst)
        if self.number:
            text += filled(w.CARD_ALT_NUMBER, value=self.number, label=self.number_label, status=self.number_status)
        return " ".join(text.split())


def card(w: Wording, content: Content, x: Explainer) -> Card:
    """The card of one explainer, in ``w``'s language (laid out in its direction)."""
    story = x.story
    desk = desk_name(content.desk.title, content.desk.short_title)
    key = next((f for f in x.figures.values() if f.key), None)
    if key is None:
        return Card(desk, story.title, story.standfirst, direction=w.direction)
    return Card(desk, story.title, story.standfirst, w.figure_value(key), key.label, w.status(key.status), direction=w.direction)


def desk_name(title: str, short_title: str | None) -> str:
    """The desk's name as the cards' band shows it: its title, or its short title when the
    band has no room for the whole title (the header on a phone does the same)."""
    return short_title if short_title and desk_shown(title) is not None else title


def cards(w: Wording, content: Content) -> dict[str, bytes]:
    """Every explainer's card as PNG, keyed by its path in the site."""
    fonts()  # a missing font is one problem, not one per explainer
    return {urls.download("explainer-card", slug=slug): draw(card(w, content, x)) for slug, x in content.explainers.items()}


def meta(w: Wording, content: Content, x: Explainer, here: str, site_url: str | None) -> dict[str, object]:
    """What an explainer's pages say of its card in their front matter (link-preview tags)."""
    target = urls.download("explainer-card", slug=x.slug)
    return {"image": urls.absolute(site_url, here, target), "alt": card(w, content, x).alt(w), "width": WIDTH, "height": HEIGHT}


# -- fonts ----------------------------------------------------------------------------------


@functools.cache
def fonts() -> tuple[Path, Path]:
    """The regular and bold font files, or ContentError saying how to install them."""
    for folder in FONT_DIRS:
        regular, bold = folder / REGULAR, folder / BOLD
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise ContentError([Diagnostic(
        str(FONT_DIRS[0] / BOLD), 0, 0, "error",
        f"the share cards' font is missing (expected DejaVu Sans, from Debian's {FONT_PACKAGE} package: "
        f"`make` installs it, or run `apt-get install {FONT_PACKAGE}`)",
    )])


# Raqm shapes Arabic and orders right-to-left text; without it Pillow's basic layout sets
# characters one by one, left to right.
LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@functools.lru_cache(maxsize=64)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts()[1 if bold else 0]), size, layout_engine=LAYOUT)


# -- setting text ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Block:
    """A paragraph set in one size: its lines, and how far apart their tops are."""

    font: ImageFont.FreeTypeFont
    lines: tuple[str, ...]
    leading: int
    direction: str
    # Whether the lines leave some of the text out (a sentence or more, or words after "…").
    cut: bool = False

    @property
    def height(self) -> int:
        return self.leading * len(self.lines)


def direction(text: str) -> str:
    """``rtl`` when the text's first letter is of a right-to-left script, as Unicode's
    bidirectional algorithm decides a paragraph's direction; else ``ltr``."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def words(text: str) -> list[str]:
    """The words of ``text``, where a line may break: at any space but the no-break ones the
    wording puts inside a number ("CHF 300", "12 000")."""
    return [word for word in BREAKING_SPACE.split(text) if word]


def _width(font: ImageFont.FreeTypeFont, text: str, way: str) -> float:
    return font.getlength(text, direction=way) if LAYOUT == ImageFont.Layout.RAQM else font.getlength(text)


def _break(word: str, font: ImageFont.FreeTypeFont, width: int, way: str) -> list[str]:
    """A word wider than a line, in pieces that fit, each but the last ending in a hyphen."""
    pieces, piece = [], ""
    for ch in word:
        if piece and _width(font, piece + ch + "-", way) > width:
            pieces.append(piece + "-")
            piece = ch
        else:
            piece += ch
    return [*pieces, piece]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, way: str) -> tuple[list[tuple[str, int]], bool]:
    """Lines of at most ``width`` pixels, broken at spaces, each with the index of the word it
    starts with; and whether a word had to be broken."""
    lines: list[tuple[str, int]] = []
    line, start = "", 0
    broke = False
    for i, word in enumerate(words(text)):
        candidate = f"{line} {word}" if line else word
        if _width(font, candidate, way) <= width:
            line, start = candidate, (start if line else i)
            continue
        if line:
            lines.append((line, start))
        if _width(font, word, way) <= width:
            line, start = word, i
        else:
            broke = True
            *whole, last = _break(word, font, width, way)
            lines += [(piece, i) for piece in whole]
            line, start = last, i
    if line:
        lines.append((line, start))
    return lines, broke


def _shorten(words: list[str], font: ImageFont.FreeTypeFont, width: int, way: str) -> str:
    """A last line that says there is more: as many whole words as fit before "…" (or, when not
    even the first does, as much of it as fits)."""
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if _width(font, candidate + ELLIPSIS, way) > width:
            break
        line = candidate
    if not line and words:
        for ch in words[0]:
            if _width(font, line + ch + ELLIPSIS, way) > width:
                break
            line += ch
    return line + ELLIPSIS


# Where a text may be cut short and still read as written: after a sentence, which then ends as
# it did, or after a clause (a comma, a semicolon, a colon, before a dash), marked "…".
_SENTENCE_END = (".", "!", "?")
_CLAUSE_END = (",", ";", ":")
_DASHES = ("—", "–")


def boundaries(found: list[str]) -> list[str]:
    """The texts ``found`` (its words) can be cut to at a sentence or clause boundary, longest
    first: ``["A, b; c.", "A, b…", "A…"]`` of ``A, b; c. D``."""
    cuts = []
    for i, word in enumerate(found[:-1]):
        head = " ".join(found[: i + 1])
        if word.endswith(_SENTENCE_END):
            cuts.append(head)
        elif word.endswith(_CLAUSE_END):
            cuts.append(head[:-1] + ELLIPSIS)
        elif found[i + 1] in _DASHES:
            cuts.append(head + ELLIPSIS)
    return cuts[::-1]


def fit(text: str, bold: bool, sizes: tuple[int, ...], width: int, height: int, spacing: float, most_lines: int) -> Block:
    """``text`` in the largest of ``sizes`` at which all of it fits ``width`` × ``height`` (in at
    most ``most_lines`` lines) without breaking a word; else in the smallest size, shortened at
    the last sentence or clause boundary that fits (never mid-phrase, "a fraction of the…"),
    or, when no boundary leaves a line of it, after as many whole words as fit."""
    found = words(text)
    text = " ".join(found)
    way = direction(text)
    for size in sizes:
        font = _font(bold, size)
        leading = round(size * spacing)
        room = min(most_lines, height // leading)
        lines, broke = wrap(text, font, width, way)
        if room >= 1 and len(lines) <= room and not broke:
            return Block(font, tuple(line for line, _ in lines), leading, way)
    if room < 1:  # no room for one line: not so on the card, whose blocks all have room for two
        return Block(font, (), leading, way)
    kept = [line for line, _ in lines]
    if len(lines) > room:
        for cut in boundaries(found):
            cut_lines, broke = wrap(cut, font, width, way)
            if len(cut_lines) <= room and not broke:
                return Block(font, tuple(line for line, _ in cut_lines), leading, way, cut=True)
        # The last line holds what it can of the rest, from its first word on, then "…".
        kept = kept[: room - 1] + [_shorten(found[lines[room - 1][1]:], font, width, way)]
        return Block(font, tuple(kept), leading, way, cut=True)
    return Block(font, tuple(kept), leading, way)


def _set(image: Image.Image, block: Block, top: int, text: tuple[Colour, Colour], mirrored: bool = False) -> int:
    """Draws a block from ``top``, flush left (or right, for right-to-left text or on a
    ``mirrored`` card), in ``text``'s colour on its background; returns its bottom."""
    ink, ground = text
    # The letters' coverage (how much of each pixel they cover), with room below the last
    # line for its descenders, then each covered pixel in the palette's blend for it.
    coverage = Image.new("L", (WIDTH, min(HEIGHT - top, block.height + block.leading)))
    pen = ImageDraw.Draw(coverage)
    for i, line in enumerate(block.lines):
        y = i * block.leading
        if block.direction == "rtl" or mirrored:
            pen.text((WIDTH - MARGIN, y), line, font=block.font, fill=255, anchor="ra", **_way(block))
        else:
            pen.text((MARGIN, y), line, font=block.font, fill=255, anchor="la", **_way(block))
    image.paste(coverage.point(_ramp(ink, ground)), (0, top), coverage.point(_COVERED))
    return top + block.height


def _way(block: Block) -> dict[str, str]:
    return {"direction": block.direction} if LAYOUT == ImageFont.Layout.RAQM else {}


# -- the card -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def draw(card: Card) -> bytes:
    """The card as PNG bytes. No date, no text chunks: the same card is the same bytes."""
    out = io.BytesIO()
    picture(card).save(out, format="PNG", compress_level=1)
    return out.getvalue()


# The card is drawn in a palette, not in full colour: its plain colours and, for each kind of
# text, the blends from the text's background to its colour that the edges of antialiased
# letters take, in steps of 1/32 (a difference no eye sees). Encoding was most of a card's
# cost, and a build draws every card: such a PNG takes a fifth of the time of a full-colour
# one, in half the bytes.
STEPS = 32
# Each kind of text: its colour, and the background it is set on.
DESK_TEXT = (WHITE, INDIGO)
HEADLINE_TEXT = (INK, WHITE)
STANDFIRST_TEXT = (GREY, WHITE)
VALUE_TEXT = (INDIGO, TINT)
LABEL_TEXT = (INK, TINT)


def _blend(ink: Colour, ground: Colour, step: int) -> Colour:
    return tuple(round(g + (i - g) * step / STEPS) for i, g in zip(ink, ground))


_COLOURS = list(dict.fromkeys(
    _blend(ink, ground, step)
    for ink, ground in (DESK_TEXT, HEADLINE_TEXT, STANDFIRST_TEXT, VALUE_TEXT, LABEL_TEXT)
    for step in range(STEPS + 1)
))
_INDEX = {colour: i for i, colour in enumerate(_COLOURS)}
_COVERED = [0] + [255] * 255


@functools.cache
def _ramp(ink: Colour, ground: Colour) -> tuple[int, ...]:
    """A letter's coverage of a pixel (0–255) → the palette's entry for that pixel."""
    return tuple(_INDEX[_blend(ink, ground, round(a * STEPS / 255))] for a in range(256))


HEADLINE_TOP = BAND + 44


def _bottom(with_number: bool) -> int:
    """Where the headline and standfirst must end: above the number's panel, if the card has one."""
    return HEIGHT - (PANEL if with_number else 0) - 40


def _headline(text: str, with_number: bool) -> Block:
    return fit(text, True, (64, 58, 52, 46, 40), WIDTH - 2 * MARGIN, _bottom(with_number) - HEADLINE_TOP, 1.18, 3)


def _band(text: str) -> Block:
    return fit(text, True, (30, 27, 24), WIDTH - 2 * MARGIN, BAND, 1.2, 1)


# Both kept for the life of the process, as the cards are: a preview's check measures only the
# texts that changed since the last save.
@functools.lru_cache(maxsize=64)
def desk_shown(title: str) -> str | None:
    """What the band across the top of a card shows of a desk's ``title`` when it cannot show all
    of it; None when all of it fits. Raises ContentError when the font is missing."""
    fonts()
    block = _band(title)
    return " ".join(block.lines) if block.cut else None


@functools.lru_cache(maxsize=1024)
def headline_shown(headline: str) -> str | None:
    """What a card shows of ``headline`` when it cannot show all of it ("A headline that…"); None
    when all of it fits. Measured on a card with a key number's panel, which leaves the headline
    the least room (three lines either way, as the sizes stand). Raises ContentError when the
    font is missing."""
    fonts()
    block = _headline(headline, with_number=True)
    return " ".join(block.lines) if block.cut else None


def picture(card: Card) -> Image.Image:
    """The card, drawn in the palette; mirrored for a language written right to left."""
    # Drawn as palette entries in a grey image (Pillow would convert a grey image pasted into
    # a palette one as grey), which becomes the palette image at the end.
    image = Image.new("L", (WIDTH, HEIGHT), _INDEX[WHITE])
    pen = ImageDraw.Draw(image)
    text_width = WIDTH - 2 * MARGIN
    mirrored = card.direction == "rtl"

    pen.rectangle((0, 0, WIDTH, BAND), fill=_INDEX[INDIGO])
    desk = _band(card.desk)
    _set(image, desk, (BAND - desk.height) // 2 + 4, DESK_TEXT, mirrored)

    bottom = _bottom(bool(card.number))
    headline = _headline(card.headline, bool(card.number))
    y = _set(image, headline, HEADLINE_TOP, HEADLINE_TEXT, mirrored) + 20
    standfirst = fit(card.standfirst, False, (30, 28, 26, 24), text_width, bottom - y, 1.35, 6)
    _set(image, standfirst, y, STANDFIRST_TEXT, mirrored)

    if card.number:
        pen.rectangle((0, HEIGHT - PANEL, WIDTH, HEIGHT), fill=_INDEX[TINT])
        # The panel's edge, where its lines start.
        edge = (WIDTH - 12, WIDTH) if mirrored else (0, 12)
        pen.rectangle((edge[0], HEIGHT - PANEL, edge[1], HEIGHT), fill=_INDEX[INDIGO])
        value = fit(card.number, True, (46, 42, 38, 34, 30), text_width, 56, 1.2, 1)
        # What the number counts and how settled it is: punctuation alone, in every language.
        words = f"{card.number_label} · {card.number_status}"
        label = fit(words, False, (26, 24, 22), text_width, 34, 1.25, 1)
        y = _set(image, value, HEIGHT - PANEL + 22, VALUE_TEXT, mirrored)
        _set(image, label, y + 4, LABEL_TEXT, mirrored)

    paletted = Image.frombytes("P", image.size, image.tobytes())
    paletted.putpalette([channel for colour in _COLOURS for channel in colour])
    return paletted
