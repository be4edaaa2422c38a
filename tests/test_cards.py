"""Share cards: each explainer's 1200 × 630 PNG, the tags that point link previews at it, and
how its text is set.

The built sites come from ``mkdocs build --strict``; the pictures are opened with Pillow and
looked at pixel by pixel where it matters (nothing drawn outside the margins, right-to-left text
set flush right). One build runs with the network cut off, and a probe proves the cut works.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageFont

from generator import ContentError, cards, generate, load, urls, validate, wording
from generator.validated_desk import Content

from .conftest import CONTENT, FIXTURES, build, html_file, make_project, mkdocs, run_cli, served

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

SITE_URL = "https://news.example/explainers/"
FOLDERS = {"shipped desk": CONTENT, "desk fixture": FIXTURES / "desk", "climate fixture": FIXTURES / "climate"}
BASE = "http://site.invalid/"  # a stand-in origin for resolving relative addresses


@pytest.fixture(scope="module", params=list(FOLDERS))
def built(request, shared_build) -> tuple[Content, Path]:
    content = FOLDERS[request.param]
    return validate(load(content)), shared_build(content)


def meta(soup: BeautifulSoup, key: str) -> str | None:
    attr = "property" if key.startswith("og:") else "name"
    tags = soup.find_all("meta", attrs={attr: key})
    assert len(tags) <= 1, key
    return tags[0]["content"] if tags else None


def site_file(rel_page: str, address: str) -> str:
    """The file of the site an address on page ``rel_page`` (an HTML file) leads to."""
    base = BASE + rel_page.removesuffix("index.html")
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, address))
    assert (parts.scheme, parts.netloc) == ("http", "site.invalid"), address
    return parts.path.lstrip("/")


# -- the card and the tags that point to it -------------------------------------------------------


def test_each_explainer_has_a_1200_by_630_png_card(built):
    content, site = built
    seen = set()
    for slug in content.explainers:
        path = site / urls.download("explainer-card", slug=slug)
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), slug
            pixels = image.convert("RGB")
            # The desk's band across the top, and text on the white below it.
            assert pixels.getpixel((5, 5)) == cards.INDIGO
            body = pixels.crop((cards.MARGIN, cards.BAND + 20, 1200 - cards.MARGIN, 630 - cards.PANEL))
            assert len(body.getcolors(1 << 16)) > 10, f"{slug}: no text under the band"
        seen.add(path.read_bytes())
    assert len(seen) == len(content.explainers)  # each explainer its own card


def test_explainer_pages_point_link_previews_at_their_card(built):
    content, site = built
    for slug, x in content.explainers.items():
        card = urls.download("explainer-card", slug=slug)
        key = next((f for f in x.figures.values() if f.key), None)
        for kind in urls.PAGES:
            if not kind.startswith("explainer"):
                continue
            rel = html_file(urls.path(kind, slug=slug))
            soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
            image = meta(soup, "og:image")
            assert image and site_file(rel, image) == card, rel
            assert meta(soup, "twitter:image") == image
            assert meta(soup, "twitter:card") == "summary_large_image"
            assert (meta(soup, "og:image:width"), meta(soup, "og:image:height"), meta(soup, "og:image:type")) == ("1200", "630", "image/png")
            # The card in words: the desk, the headline, the standfirst and the key number.
            alt = meta(soup, "og:image:alt")
            assert meta(soup, "twitter:image:alt") == alt
            assert alt.startswith(f"{content.desk.title}: {x.story.title}. {x.story.standfirst}"), rel
            if key:
                assert f"Key number: {ENGLISH.figure_value(key)}, {key.label}" in alt, rel


def test_other_pages_have_no_card_and_a_small_summary(built):
    content, site = built
    slugs = tuple(f"{urls.url(urls.path('explainer', slug=slug))}" for slug in content.explainers)
    # Each language's site under /<code>/ has the same pages.
    roots = tuple(f"{code}/" for code in content.desk.languages[1:])
    checked = 0
    for file in site.rglob("*.html"):
        rel = file.relative_to(site).as_posix()
        if rel.removeprefix(next((r for r in roots if rel.startswith(r)), "")).startswith(slugs):
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        assert meta(soup, "og:image") is None and meta(soup, "twitter:card") == "summary", rel
        checked += 1
    assert checked > 5


def test_with_a_site_url_the_card_has_its_full_address(tmp_path: Path):
    site = build(tmp_path / "project", FIXTURES / "climate", env={"SITE_URL": SITE_URL})
    (slug,) = validate(load(FIXTURES / "climate")).explainers
    for kind in ("explainer", "explainer-figures"):
        soup = BeautifulSoup((site / html_file(urls.path(kind, slug=slug))).read_text(encoding="utf-8"), "html.parser")
        assert meta(soup, "og:image") == SITE_URL + urls.download("explainer-card", slug=slug)
        assert meta(soup, "twitter:image") == meta(soup, "og:image")


# -- made with no network ---------------------------------------------------------------------------

# Loaded first by every Python started with this folder on PYTHONPATH: no socket can connect.
BLOCK_SOCKETS = '''\
import socket

def _refuse(*args, **kwargs):
    raise OSError("network blocked by the test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''
# Fetches an address; exit status 0 if it answered.
PROBE = "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=10); print('reached')"


def offline(where: Path) -> tuple[tuple[str, ...], dict[str, str]]:
    """How to run a command with the network cut off: in a network namespace of its own (no
    interface but a loopback that is down) where ``unshare`` may make one, and always with
    Python's sockets refusing to connect."""
    folder = where / "offline"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(BLOCK_SOCKETS, encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(folder), *filter(None, [os.environ.get("PYTHONPATH")])])}
    for prefix in (("unshare", "--net"), ("unshare", "--net", "--map-root-user")):
        if shutil.which(prefix[0]) and subprocess.run([*prefix, "true"], capture_output=True, timeout=60).returncode == 0:
            return prefix, env
    return (), env


def test_a_build_with_the_network_cut_off_makes_the_same_cards(tmp_path: Path, built_site: Path):
    content = validate(load(CONTENT))
    prefix, env = offline(tmp_path)
    # The proof that the cut works: a server on this machine answers the probe, but not when
    # the probe runs as the build will.
    with served(tmp_path) as base:
        address = base + "/"
        online = subprocess.run([sys.executable, "-c", PROBE, address], capture_output=True, text=True, timeout=60)
        cut = subprocess.run([*prefix, sys.executable, "-c", PROBE, address], capture_output=True, text=True, timeout=60,
                             env={**os.environ, **env})
    assert (online.returncode, online.stdout) == (0, "reached\n"), online.stderr
    assert cut.returncode != 0 and "reached" not in cut.stdout, cut.stdout

    result = mkdocs(make_project(tmp_path / "project"), "build", "--strict", content=CONTENT, env=env, prefix=prefix)
    assert result.returncode == 0, result.stderr
    for slug in content.explainers:
        card = urls.download("explainer-card", slug=slug)
        assert (tmp_path / "project" / "site" / card).read_bytes() == (built_site / card).read_bytes(), slug


# -- setting the text -------------------------------------------------------------------------------

LONG = (
    "An extraordinarily long headline that goes on and on about the negotiations between the parties, "
    "their many conditions, counter-proposals and the deadlines they keep missing while everyone waits"
)
WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsgebäudereinigung"
CYRILLIC = "Переговоры России и Украины в Стамбуле: что согласовали и чего нет"
ARABIC = "محادثات السلام في إسطنبول"
MISSING = "\U0010fffd"  # a private-use character no font has: drawn as the font's empty box


def pixels(card: cards.Card) -> Image.Image:
    cards.draw.cache_clear()
    with Image.open(io.BytesIO(cards.draw(card))) as image:
        return image.convert("RGB")


def has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    """Whether the font draws ``ch`` as itself, not as its box for a missing letter."""
    return (font.getbbox(ch), bytes(font.getmask(ch))) != (font.getbbox(MISSING), bytes(font.getmask(MISSING)))


def margins_are_clear(image: Image.Image, has_number: bool) -> list[str]:
    """Everything drawn where nothing may be: in the side margins, or below the text above the panel."""
    found = []
    width, height = image.size
    panel = height - cards.PANEL if has_number else height
    columns = [*range(0, cards.MARGIN - 8), *range(width - cards.MARGIN + 8, width)]
    for y in range(height):
        background = cards.INDIGO if y <= cards.BAND else cards.WHITE if y < panel else cards.TINT
        for x in columns:
            if y >= panel and x <= 12:
                continue  # the panel's own stripe
            if image.getpixel((x, y)) != background:
                found.append(f"({x}, {y})")
                break
    if has_number:
        for y in range(panel - 16, panel):
            if any(image.getpixel((x, y)) != cards.WHITE for x in range(width)):
                found.append(f"row {y} above the panel")
    return found


def test_long_text_shrinks_wraps_and_says_where_it_was_shortened():
    card = cards.Card("A desk whose name is far too long for the band across the top of any share card at all", LONG, LONG + " " + LONG,
                      "just under a fifth of the territory held by the other side " * 2, "What it counts " * 10, "Claimed")
    assert margins_are_clear(pixels(card), has_number=True) == []
    width = cards.WIDTH - 2 * cards.MARGIN
    block = cards.fit(LONG, True, (64, 58, 52, 46, 40), width, 300, 1.18, 3)
    assert block.font.size == 40 and len(block.lines) == 3
    words = LONG.split()
    shown = " ".join(block.lines).removesuffix(cards.ELLIPSIS).split()
    # Whole words, in order, from the start, cut after a clause (its comma replaced by the mark).
    assert shown[:-1] == words[: len(shown) - 1] and len(shown) < len(words)
    assert words[len(shown) - 1] == shown[-1] + ","
    assert block.lines[-1].endswith(cards.ELLIPSIS) and block.cut
    assert all(block.font.getlength(line) <= width for line in block.lines)


STANDFIRST = (
    "Island states walked out, came back and let the text pass; the goal of $300 billion a year by 2035 is a "
    "fraction of the $1.3 trillion developing countries called for, and far from what they say they need."
)


@pytest.mark.parametrize(
    ("text", "lines", "shown"),
    [
        # At a clause, its comma or semicolon giving way to the mark; never "a fraction of the…".
        (STANDFIRST, 2, "Island states walked out, came back and let the text pass…"),
        # At a sentence, which ends as written.
        ("The talks ended a day late. The goal of $300 billion a year by 2035 is a fraction of what developing countries "
         "called for", 1, "The talks ended a day late."),
        # Before a dash.
        ("The goal is set — the $300 billion a year by 2035 is a fraction of what developing countries called for", 1,
         "The goal is set…"),
        # No boundary leaves a line of it: as many whole words as fit.
        ("The goal of $300 billion a year by 2035 is a fraction of the $1.3 trillion developing countries called for", 1,
         "The goal of $300 billion a year by 2035 is a fraction of the $1.3…"),
    ],
)
def test_a_standfirst_is_shortened_at_a_sentence_or_clause_boundary(text: str, lines: int, shown: str):
    leading = round(30 * 1.35)
    block = cards.fit(text, False, (30,), cards.WIDTH - 2 * cards.MARGIN, leading * lines, 1.35, lines)
    assert " ".join(block.lines) == shown


def test_short_text_keeps_the_largest_size_and_is_not_marked():
    block = cards.fit("Harbour talks", True, (64, 58, 52), 1072, 300, 1.18, 3)
    assert block.font.size == 64 and block.lines == ("Harbour talks",) and not block.cut


def test_a_word_wider_than_a_line_is_broken_with_hyphens():
    card = cards.Card("Desk", WORD, "Short.")
    assert margins_are_clear(pixels(card), has_number=False) == []
    block = cards.fit(WORD, True, (64, 52, 40), 1072, 300, 1.18, 3)
    assert len(block.lines) > 1
    assert all(line.endswith("-") for line in block.lines[:-1])
    assert "".join(line.removesuffix("-") for line in block.lines) == WORD and not block.cut


def test_a_number_is_never_split_at_its_no_break_space():
    # The wording keeps a currency code and its number together ("CHF 300 billion"), as should a card.
    text = "A goal of CHF\u00a0300 billion a year was agreed by every delegation at the talks"
    for width in range(300, 1072, 37):
        block = cards.fit(text, True, (40,), width, 600, 1.2, 10)
        assert not any(line.endswith("CHF") or line.startswith("300") for line in block.lines), (width, block.lines)


@pytest.mark.parametrize("headline", [CYRILLIC, ARABIC, "Erdoğan, Zelensky and Łukasz meet in İstanbul — «Ça va?»"], ids=["cyrillic", "arabic", "accents"])
def test_headlines_in_other_scripts_are_drawn_with_real_letters(headline: str):
    font = cards._font(True, 64)
    assert [ch for ch in headline if not ch.isspace() and not has_glyph(font, ch)] == []
    assert not has_glyph(font, "漢")  # the check can fail: DejaVu has no Chinese
    card = cards.Card("Desk", headline, "Standfirst.", "12,000", "Label", "Agreed")
    assert margins_are_clear(pixels(card), has_number=True) == []


def test_right_to_left_text_is_joined_and_set_flush_right():
    # Raqm (with FriBiDi) shapes Arabic: without it the letters would stand apart, unjoined.
    assert cards.LAYOUT == ImageFont.Layout.RAQM
    font = cards._font(True, 64)
    joined = font.getlength(ARABIC, direction="rtl")
    apart = sum(font.getlength(ch, direction="rtl") for ch in ARABIC)
    assert joined < apart
    image = pixels(cards.Card("مكتب", ARABIC, "نص قصير."))
    # The headline's one line: ink reaches the right margin, and leaves the left margin far behind.
    top = cards.BAND + 44
    row = image.crop((0, top, cards.WIDTH, top + 64))
    ink = [x for x in range(cards.WIDTH) if any(row.getpixel((x, y)) != cards.WHITE for y in range(0, 64, 2))]
    assert cards.WIDTH - cards.MARGIN - 8 <= max(ink) <= cards.WIDTH - cards.MARGIN
    assert min(ink) > cards.MARGIN + 100


def chunks(png: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    found, at = [], 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        found.append(kind.decode("ascii"))
        at += 12 + length
    return found


def test_the_same_text_gives_the_same_bytes_with_no_date_in_them():
    card = cards.Card("Desk", CYRILLIC, LONG, "12,000 bodies", "Bodies", "Agreed")
    cards.draw.cache_clear()
    first = cards.draw(card)
    cards.draw.cache_clear()
    assert cards.draw(card) == first
    # The header, the palette, the pixels, the end: no date, no text.
    assert set(chunks(first)) == {"IHDR", "PLTE", "IDAT", "IEND"}


def test_a_missing_font_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cards, "FONT_DIRS", (tmp_path,))
    for cached in (cards.fonts, cards._font, cards.draw):
        cached.cache_clear()
    try:
        with pytest.raises(ContentError) as raised:
            generate(FIXTURES / "desk")
    finally:
        monkeypatch.undo()
        for cached in (cards.fonts, cards._font, cards.draw):
            cached.cache_clear()
    (problem,) = raised.value.diagnostics
    assert problem.severity == "error"
    assert str(problem) == textwrap.dedent(f"""\
        {tmp_path / cards.BOLD}: error: the share cards' font is missing (expected DejaVu Sans, from Debian's \
fonts-dejavu-core package: `make` installs it, or run `apt-get install fonts-dejavu-core`)""")


# A headline the card shows whole in its three lines at the smallest size, and one it cannot.
FITS = "Harbour towns agree to share the quay, split the dredging bill and meet again in spring"
TOO_LONG = (
    "Harbour towns agree to share the quay and split the dredging bill, but the fishermen of both towns say the "
    "deal leaves their boats without moorings for the whole of the winter season"
)


def _check(content: Path):
    result = run_cli("--content", "content", "check", cwd=content.parent)
    assert "Traceback" not in result.stderr
    return result


def test_a_headline_the_card_would_cut_is_a_warning_saying_what_the_card_shows(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    story = content / "explainer.yml"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("title: Harbour talks\n", f"title: {FITS}\n", 1), encoding="utf-8")
    fits = _check(content)
    assert (fits.returncode, fits.stderr) == (0, ""), fits.stderr

    story.write_text(text.replace("title: Harbour talks\n", f"title: {TOO_LONG}\n", 1), encoding="utf-8")
    result = _check(content)
    line = text.splitlines().index("title: Harbour talks") + 1
    # A warning: the build goes on (check --strict, and so `make build`, refuses it).
    assert result.returncode == 0
    (said, count) = result.stderr.splitlines()
    prefix = f'content/explainer.yml:{line}:8: warning: the headline is too long for the share card, which shows only "'
    assert said.startswith(prefix) and count == "1 warning in 1 file", result.stderr
    shown, expected = said.removeprefix(prefix).split('" (', 1)
    assert expected == "expected a shorter headline, which the card can show whole in three lines)"
    # What the card shows: the headline's first words, cut after a clause and marked.
    assert shown == "Harbour towns agree to share the quay and split the dredging bill…"
    assert shown == " ".join(cards._headline(TOO_LONG, with_number=True).lines)


def _card_warnings_translating(tmp_path: Path, name: str, title: str) -> tuple[int, list[str]]:
    """The minimal fixture published in English and Bulgarian, ``title`` written as the title in
    its translation file ``name``: that line, and what `check` says of the share cards."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    (content / "desk.yml").write_text("title: Harbour desk (fictional)\nlanguages: [en, bg]\n", encoding="utf-8")
    assert run_cli("--content", "content", "translate", "bg", cwd=tmp_path).returncode == 0
    text = (content / name).read_text(encoding="utf-8")
    assert text.count("title:\n") == 1  # the one left to translate, as `translate` writes it
    (content / name).write_text(text.replace("title:\n", f"title: {title}\n"), encoding="utf-8")
    return text.splitlines().index("title:") + 1, [s for s in _check(content).stderr.splitlines() if "share card" in s]


def test_a_translated_headline_the_card_would_cut_is_a_warning_in_its_translation(tmp_path: Path):
    long_bulgarian = ("Пристанищните градове се договарят да делят кея и сметката за драгиране, но рибарите и от двата "
                      "града казват, че сделката оставя лодките им без място за цялата зима")
    line, said = _card_warnings_translating(tmp_path, "explainer.bg.yml", long_bulgarian)
    assert said == [
        f'content/explainer.bg.yml:{line}:8: warning: the headline is too long for the share card, which shows only '
        '"Пристанищните градове се договарят да делят кея и сметката за драгиране, но рибарите и от двата града '
        'казват…" (expected a shorter headline, which the card can show whole in three lines)'
    ]


DESK_NAME = "The Harbour Gazette explainers on the talks between the two harbour towns and their neighbours (fictional)"


def test_a_desk_name_the_band_cannot_hold_is_shortened_to_its_short_title_or_is_a_warning(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    (content / "desk.yml").write_text(f"title: {DESK_NAME}\n", encoding="utf-8")
    result = _check(content)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        'content/desk.yml:1:8: warning: the desk\'s name is too long for the band across the top of the share cards, which '
        'show only "The Harbour Gazette explainers on the talks between the two harbour towns…" (expected a shorter title, '
        "or a short_title, which the cards then show)",
        "1 warning in 1 file",
    ]
    desk = validate(load(content))
    (x,) = desk.explainers.values()
    assert cards.card(ENGLISH, desk, x).desk == DESK_NAME

    # A short title stands in on the cards, as in the header on a phone: nothing to warn of.
    (content / "desk.yml").write_text(f"title: {DESK_NAME}\nshort_title: Harbour Gazette\n", encoding="utf-8")
    assert _check(content).stderr == ""
    desk = validate(load(content))
    assert cards.card(ENGLISH, desk, desk.explainers[x.slug]).desk == "Harbour Gazette"
    # A desk whose whole name fits keeps it on its cards, short title or not.
    (content / "desk.yml").write_text("title: Harbour Gazette explainers (fictional)\nshort_title: Gazette\n", encoding="utf-8")
    desk = validate(load(content))
    assert cards.card(ENGLISH, desk, desk.explainers[x.slug]).desk == "Harbour Gazette explainers (fictional)"


def test_a_translated_desk_name_the_band_cannot_hold_is_a_warning_in_its_translation(tmp_path: Path):
    long_name = "Обясненията на „Пристанищен вестник“ за преговорите между двата пристанищни града и техните съседи"
    line, said = _card_warnings_translating(tmp_path, "desk.bg.yml", long_name)
    assert said == [
        f'content/desk.bg.yml:{line}:8: warning: the desk\'s name is too long for the band across the top of the share '
        'cards, which show only "Обясненията на „Пристанищен вестник“ за преговорите между двата…" (expected a shorter '
        "title, or a short_title, which the cards then show)"
    ]
