"""Right to left: the fictional Arabic desk (tests/fixtures/arabic), built as a desk in Arabic is
(the theme's language ``ar``), reads right to left.

- every page says it is Arabic, written right to left;
- at 360 × 740 no page scrolls sideways and no picture text is under 12 px (test_phone's checks);
- axe-core finds nothing serious on a page of every kind, and the Nu HTML Checker no error on any
  page (test_accessibility's and test_html_validity's);
- the pictures are mirrored, measured as Chromium draws them: bars grow from the right edge and
  their labels start there; the who-belongs-to-whom map's names start at the right;
- the share card is mirrored: its text flush right, the number panel's edge on the right;
- on a phone, an explainer's bar of pages scrolls and fades to its end on the left, each page's
  own tab in view.

English pages are unchanged: their pictures are in the golden Markdown (tests/golden/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Page

from generator import cards, load, urls, validate
from generator.wording import Wording

from .conftest import FIXTURES, Pages, digest, engine_inputs, html_file, make_project, mkdocs, served
from .test_accessibility import DESKTOP, axe_source, serious_in_each_palette  # noqa: F401 - a fixture
from .test_accessibility import open_page as open_audited
from .test_html_validity import ALLOWED, nu_errors
from .test_html_validity import describe as describe_errors
from .test_catalogs import english_words_on, tools_english_words, visible_text
from .test_chrome import SECTION_KINDS
from .test_phone import PHONE_SCREEN, every_page, measure, page_types

ARABIC = FIXTURES / "arabic"
CONTENT = validate(load(ARABIC))
SLUG = next(iter(CONTENT.explainers))


@pytest.fixture(scope="module")
def arabic_site(shared) -> Path:
    """The Arabic desk built with ``mkdocs build --strict`` and the theme's language set to
    Arabic, once a run (the site per language will set it from desk.yml's languages)."""

    def make(where: Path) -> None:
        project = make_project(where / "project")
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("\n  language: en\n", "\n  language: ar\n"), encoding="utf-8")
        result = mkdocs(project, "build", "--strict", content=ARABIC)
        assert result.returncode == 0, result.stderr

    return shared(f"mkdocs arabic {engine_inputs()} {digest(ARABIC)}", make) / "project" / "site"


@pytest.fixture(scope="module")
def arabic_url(arabic_site: Path) -> Iterator[str]:
    with served(arabic_site) as base:
        yield base + "/"


def test_a_language_written_right_to_left_is_known_from_babel():
    assert [Wording.of(code).direction for code in ("ar", "he", "fa", "ur")] == ["rtl"] * 4
    assert [Wording.of(code).direction for code in ("en", "bg", "de", "pt-BR")] == ["ltr"] * 4


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page the build wrote, by its address, parsed."""
    return {file.relative_to(site).as_posix(): BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            for file in sorted(site.rglob("*.html"))}


def test_every_page_is_arabic_written_right_to_left(arabic_site: Path):
    """The theme's words for Arabic give every page its language on <html> and its direction
    on <body>, which the whole page inherits."""
    found = pages(arabic_site)
    assert len(found) > 10
    wrong = [f"/{address}: <html lang={soup.html.get('lang')!r}>, <body dir={soup.body.get('dir')!r}>"
             for address, soup in found.items() if soup.html.get("lang") != "ar" or soup.body.get("dir") != "rtl"]
    assert not wrong, "\n".join(wrong)


def test_the_arabic_pages_say_none_of_the_tools_english_words(arabic_site: Path):
    """The tool's words come from its Arabic catalog: test_catalogs' check of the Bulgarian pages."""
    pages = [page for page in sorted(arabic_site.rglob("*.html")) if visible_text(page)]
    assert len(pages) > 10
    assert english_words_on(arabic_site, pages, tools_english_words(ARABIC)) == {}


def test_dates_numbers_quotes_and_commas_are_written_the_arabic_way(arabic_site: Path):
    """CLDR's Arabic dates: the day, the month's name, the year, in the Latin digits Arabic news
    sites use (Babel's for ``ar``); numbers grouped by commas; the Arabic comma between a place
    and its date, and words quoted in «»."""
    overview = visible_text(arabic_site / html_file(urls.path("explainer", slug=SLUG)))
    assert "بورتاون، 4 مارس 2025 · آخر تحديث: 5 مارس 2025" in overview
    figures = visible_text(arabic_site / html_file(urls.path("explainer-figures", slug=SLUG)))
    assert "1,000" in figures
    actor = visible_text(arabic_site / html_file(urls.path("actor", id="north")))
    assert "«لنا وحدنا»" in actor and "“" not in actor


@pytest.fixture
def phone(pages: Pages, arabic_url: str) -> Page:
    return pages.new(arabic_url, **PHONE_SCREEN)


ICONS_JS = """
() => [...document.querySelectorAll('article .twemoji svg')].map(svg => ({
  name: svg.parentElement.className,
  flips: svg.parentElement.classList.contains('flips'),
  mirrored: new DOMMatrixReadOnly(getComputedStyle(svg).transform).a < 0,
}))
"""


def test_every_page_fits_a_phone(arabic_site: Path, arabic_url: str, phone: Page):
    """test_phone's checks on every page of the Arabic desk: nothing scrolls sideways, nothing
    is wider than the screen, picture text is at least 12 px, targets are big enough; and
    icons that point a way are mirrored."""
    found = every_page(arabic_site)
    assert set(page_types(CONTENT)) <= set(found), set(page_types(CONTENT)) - set(found)
    problems, measured, mirrored = [], 0, 0
    for address in found:
        seen, texts = measure(phone, arabic_url, address, f"arabic: /{address}")
        problems += seen
        measured += texts
        # An icon that points a way (values.points_a_way) points the way the text reads; the others stay.
        for icon in phone.evaluate(ICONS_JS):
            if icon["flips"] != icon["mirrored"]:
                problems.append(f"arabic: /{address}: {icon['name']} {'not ' if icon['flips'] else ''}mirrored")
            mirrored += icon["mirrored"]
    assert measured, "no picture text measured on the Arabic desk"
    assert mirrored, "no icon that points a way on the Arabic desk"
    assert not problems, f"{len(problems)} problems at 360 × 740:\n" + "\n".join(problems)


# Each page a test of its own, in both palettes, as in test_accessibility: the workers share them.
@pytest.mark.parametrize("address", page_types(CONTENT), ids=lambda address: address or "home")
def test_axe_finds_nothing_serious(pages: Pages, arabic_url: str, axe_source: str, address: str):
    problems = serious_in_each_palette(open_audited(pages, arabic_url + address), axe_source, f"the Arabic desk's /{address}")
    assert not problems, "\n\n".join(problems)


def test_every_page_is_valid_html(arabic_site: Path):
    files = sorted(arabic_site.rglob("*.html"))
    errors = [e for e in nu_errors(files) if not any(a.matches(e) for a in ALLOWED)]
    assert not errors, f"Nu HTML Checker errors in {arabic_site}:\n" + describe_errors(errors, arabic_site)


# Where each picture's bars and words are as Chromium draws them, in CSS pixels from the left
# edge of their picture; a text's "start" and "end" are its left and right edges as drawn.
GEOMETRY_JS = """
(selector) => [...document.querySelectorAll(selector)].map(svg => {
  const box = svg.getBoundingClientRect();
  const place = e => { const r = e.getBoundingClientRect(); return {left: r.left - box.left, right: r.right - box.left}; };
  const all = s => [...svg.querySelectorAll(s)].map(e => ({...place(e), text: e.textContent, anchor: e.getAttribute('text-anchor')}));
  return {width: box.width, direction: getComputedStyle(svg).direction,
          bars: all('.chart-bar'), labels: all('.chart-label'), values: all('.chart-value'), markers: all('.chart-marker'),
          heads: all('.map-head-text'), names: all('.map-name'), roles: all('.map-role'), links: all('.map-link')};
})
"""
EDGE = 2  # px: how near an edge something drawn against it is


def pictures(pages: Pages, url: str, selector: str) -> list[dict]:
    return open_audited(pages, url, viewport=DESKTOP).evaluate(GEOMETRY_JS, selector)


def test_bars_grow_from_the_right_under_words_that_start_there(pages: Pages, arabic_url: str):
    charts = pictures(pages, arabic_url + f"{urls.url(urls.path('explainer-figures', slug=SLUG))}", "article .explainer-chart--bars > svg")
    kinds = []
    for chart in charts:
        width = chart["width"]
        assert chart["direction"] == "rtl"
        # Every bar (none of the desk's values is below zero) starts at the right edge.
        assert chart["bars"] and all(abs(bar["right"] - width) <= EDGE for bar in chart["bars"]), chart
        # The labels start at the right edge, anchored at their start, and run leftwards.
        assert chart["labels"] and all(abs(t["right"] - width) <= EDGE and t["left"] > EDGE for t in chart["labels"]), chart
        if chart["markers"]:  # a share: its marker where the part ends, its value written beside it
            kinds.append("share")
            (part,), (marker,), (value,) = chart["bars"], chart["markers"], chart["values"]
            assert abs(marker["left"] - part["left"]) <= EDGE, chart
            # Over the part (three fifths of the bar), just right of the marker, as it is just left of it in English.
            assert marker["left"] <= value["left"] <= marker["left"] + 2 * EDGE + 4 and value["right"] < width, chart
        else:
            kinds.append("bars")
            assert all(abs(t["right"] - width) <= EDGE for t in chart["values"]), chart
    assert sorted(kinds) == ["bars", "share"], kinds


def test_the_map_of_who_belongs_to_whom_is_mirrored(pages: Pages, arabic_url: str):
    boxes = pictures(pages, arabic_url + f"{urls.url(urls.path('explainer-actors', slug=SLUG))}", "article .explainer-map .map-boxes > svg")
    assert len(boxes) == 2
    for box in boxes:
        width = box["width"]
        # The group's name starts 12 units in from the right; a member's, 16, after its link line.
        assert [width - t["right"] for t in box["heads"]] == pytest.approx([12], abs=EDGE), box
        assert all(abs(width - t["right"] - 16) <= EDGE for t in box["names"] + box["roles"]), box
        assert all(link["left"] >= name["right"] for link in box["links"] for name in box["names"]), box


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """Where the dark letters are within ``box`` of a card: their bounding box, in the box."""
    return image.crop(box).convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()


def test_the_share_card_is_mirrored(arabic_site: Path):
    image = Image.open(arabic_site / urls.download("explainer-card", slug=SLUG)).convert("RGB")
    width, height = image.size
    # The headline's lines end against the right margin and leave room on the left.
    top = cards.BAND + 44
    left, _, right, _ = ink(image, (0, top, width, top + 80))
    assert abs(right - (width - cards.MARGIN)) <= 6 and left > 2 * cards.MARGIN, (left, right)
    # The number panel's coloured edge is on the right, not the left.
    middle = height - cards.PANEL // 2
    assert image.getpixel((width - 6, middle)) == cards.INDIGO and image.getpixel((6, middle)) == cards.TINT


TABS_JS = """
() => {
  const list = document.querySelector('.explainer-sections__list'), s = getComputedStyle(list);
  const box = list.getBoundingClientRect(), current = list.querySelector('[aria-current]').getBoundingClientRect();
  return {scrolls: list.scrollWidth > list.clientWidth, mask: s.maskImage || s.webkitMaskImage,
          fade: parseFloat(s.paddingLeft), bar: [box.left, box.right], current: [current.left, current.right]};
}
"""


@pytest.mark.parametrize("kind", SECTION_KINDS)
def test_on_a_phone_the_current_tab_is_in_view_clear_of_the_fade_on_the_left(arabic_url: str, phone: Page, kind: str):
    """The bar of an explainer's pages starts at the right and scrolls within itself to the
    left, where it fades out; each page's own tab is brought into view, clear of the fade."""
    phone.goto(arabic_url + urls.url(urls.path(kind, slug=SLUG)), wait_until="load")
    found = phone.evaluate(TABS_JS)
    assert found["scrolls"] and "to left" in found["mask"], found
    # Within a pixel: scrolled to its end, the row stops at a whole pixel, its tabs' edges need not.
    assert found["bar"][0] + found["fade"] - 1 <= found["current"][0] and found["current"][1] <= found["bar"][1], found
