"""Every kind of page on a phone, 360 × 740 CSS pixels, in a real browser: what a reader gets.

For each desk (the shipped one and the fictional fixtures tests/fixtures/desk and
tests/fixtures/climate), every page the build wrote, the 404 page among them:

- nothing scrolls sideways: not the page, and no box inside it (a table, a picture);
- nothing in the article is wider than the screen, and no citation marker runs out of its box;
- the text of every picture (charts, the who's-who map) is at least 12 px as drawn;
- every target in the article and the header is at least 24 × 24 px, or exempt as WCAG 2.2
  (2.5.8) allows: a link inside a sentence, or one with room enough around it; citations and
  stances are never exempt;
- an explainer's first screen holds its headline, standfirst, why it matters and its key
  numbers;
- every page a reader finishes on the shipped desk (not an embed, which other sites frame,
  nor the 404 page) takes at most six screens. Another language's page is the same page in
  longer words (the shipped desk's Bulgarian runs 3–19% longer than its English, and longer
  words wrap sooner on a phone): it may take a fifth more.

Pages are picked through the site's URL scheme; Chromium is Debian's, driven by Playwright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator import load, urls, validate
from generator.validated_desk import Content

from .conftest import CONTENT, FIXTURES, Pages, served

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

PHONE = {"width": 360, "height": 740}
# A phone's browser: its screen, two device pixels to a CSS pixel, touch (Playwright's new_context).
PHONE_SCREEN = {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SMALLEST_TEXT = 12  # px: picture text, as the site's standards ask
TARGET = 24  # px: WCAG 2.2, 2.5.8 Target Size (Minimum)
SCREENS = 6  # the most a page of the shipped desk may take, in phone screens
TRANSLATED = 1.2  # what a page in another language than the default may take more
TIMEOUT = 10_000  # ms

DESKS = {"shipped": CONTENT, "desk": FIXTURES / "desk", "climate": FIXTURES / "climate"}
SHARDS = 6  # tests per desk for its every page: as many as keep the workers busy


def page_types(content: Content) -> list[str]:
    """One page of every kind: the desk's own, an actor's (a party of the newest explainer, and
    a person), an issue's, every page of every explainer; and the page for a missing address."""
    first = next(iter(content.explainers.values()))
    people = [a.id for a in content.actors.values() if a.kind == "person"]
    paths = [urls.path(kind) for kind, pattern in urls.PAGES.items() if "{" not in pattern]
    paths += [urls.path("actor", id=a) for a in dict.fromkeys([first.story.parties[0], *people[:1]])]
    paths += [urls.path("issue", id=next(iter(content.issues)))]
    paths += [urls.path(kind, slug=slug) for slug in content.explainers for kind in urls.PAGES if "{slug}" in urls.PAGES[kind]]
    return [urls.url(path) for path in paths] + ["404.html"]


def every_page(site: Path) -> list[str]:
    """Every page the build wrote, by its address: ``""``, ``actors/russia/``, ``404.html``."""
    found = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        found.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return found


@pytest.fixture(scope="module", params=list(DESKS))
def desk(request, shared_build) -> Iterator[tuple[str, str, Content, list[str], Path]]:
    """(name, address of the built site, content, every page's address, the site folder) for
    each desk, built with mkdocs --strict (once a run, whichever worker comes first)."""
    name = request.param
    site = shared_build(DESKS[name])
    content = validate(load(DESKS[name]))
    pages = every_page(site)
    # Every kind of page is among them.
    assert set(page_types(content)) <= set(pages), set(page_types(content)) - set(pages)
    with served(site) as base:
        yield name, base + "/", content, pages, site


@pytest.fixture
def phone(pages: Pages, request: pytest.FixtureRequest) -> Page:
    """A page on a phone's screen, in the browser context kept for the phone and the site the
    test reads (its ``desk``, or else the shipped desk's ``site_url``)."""
    site = request.getfixturevalue("desk")[1] if "desk" in request.fixturenames else request.getfixturevalue("site_url")
    page = pages.new(site, **PHONE_SCREEN)
    page.set_default_timeout(TIMEOUT)
    return page


def open_page(page: Page, address: str) -> None:
    page.goto(address, wait_until="load")
    expect(page.locator("article h1")).to_be_visible()


MEASURE_JS = """
([targetSize]) => {
  const width = document.documentElement.clientWidth;
  const seen = e => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 1 && r.height > 1;
  };
  const name = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''}`;
  const article = document.querySelector('article');
  const found = {width, scrollWidth: document.documentElement.scrollWidth, scrollers: [], wide: [], text: [], targets: []};

  // Boxes that scroll sideways, and what sticks out of the screen. An explainer's section bar
  // is one row that scrolls within itself by design, faded at its edges (tests/test_chrome.py).
  const bar = e => e.closest('.explainer-sections');
  for (const e of document.querySelectorAll('body *')) {
    const s = getComputedStyle(e);
    if (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1 && seen(e) && !bar(e))
      found.scrollers.push(`${name(e)}: ${e.scrollWidth} px of content in ${e.clientWidth} px`);
  }
  for (const e of article.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (seen(e) && !bar(e) && (r.right > width + 0.5 || r.left < -0.5))
      found.wide.push(`${name(e)}: from ${Math.round(r.left)} to ${Math.round(r.right)} px`);
  }

  // Markers that run out of the box they sit in, past its edge into the next (a citation
  // naming a long outlet in a key number's narrow card).
  found.spills = [];
  for (const e of article.querySelectorAll('a.cite')) {
    const box = e.parentElement.closest('p, li, td, th, dd, figcaption, .number-card');
    if (!box || !seen(e)) continue;
    const r = e.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (r.right > b.right + 0.5 || r.left < b.left - 0.5)
      found.spills.push(`${name(e)} "${e.textContent.trim().slice(0, 40)}": ${Math.round(r.left)}–${Math.round(r.right)} px in ${name(box)} at ${Math.round(b.left)}–${Math.round(b.right)} px`);
  }

  // Picture text as drawn: its font size in the picture's units, times the picture's scale.
  for (const t of article.querySelectorAll('svg text')) {
    if (!seen(t)) continue;
    const ctm = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    found.text.push({text: t.textContent, px});
  }

  // Targets: every link, button and field a finger can reach, in the article and the header.
  const targets = [...document.querySelectorAll(
    'article a[href], article button, article input, article summary, header a[href], header label[for], header button')]
    .filter(seen);
  const boxes = targets.map(e => e.getBoundingClientRect());
  targets.forEach((e, i) => {
    const r = boxes[i];
    if (r.width >= targetSize - 0.5 && r.height >= targetSize - 0.5) return;
    const strict = e.matches('a.cite, a.stance-link');
    // In a sentence: an inline link in a block with other text around it.
    const block = e.closest('p, li, td, th, dd, figcaption');
    const inSentence = !strict && getComputedStyle(e).display === 'inline' && block &&
      block.textContent.replace(e.textContent, '').trim().length > 0;
    // Room enough: a 24 px circle on its centre touches no other target.
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2, radius = targetSize / 2;
    const spaced = !strict && boxes.every((o, j) => {
      if (j === i) return true;
      const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
      return Math.hypot(dx, dy) >= radius;
    });
    if (!inSentence && !spaced)
      found.targets.push(`${name(e)} "${e.textContent.trim().slice(0, 40)}": ${r.width.toFixed(1)} × ${r.height.toFixed(1)} px`);
  });
  return found;
}
"""


def measure(phone: Page, base: str, address: str, where: str) -> tuple[list[str], int]:
    """What does not fit a phone on one page, and how many picture texts were measured."""
    open_page(phone, base + address)
    found = phone.evaluate(MEASURE_JS, [TARGET])
    problems = []
    if found["scrollWidth"] > found["width"]:
        problems.append(f"{where}: the page scrolls sideways ({found['scrollWidth']} px in {found['width']} px)")
    problems += [f"{where}: scrolls sideways: {s}" for s in found["scrollers"]]
    problems += [f"{where}: wider than the screen: {w}" for w in found["wide"][:5]]
    problems += [f"{where}: runs out of its box: {w}" for w in found["spills"][:5]]
    problems += [f"{where}: picture text {t['text']!r} at {t['px']:.1f} px" for t in found["text"] if t["px"] < SMALLEST_TEXT]
    problems += [f"{where}: target too small: {t}" for t in found["targets"]]
    return problems, len(found["text"])


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_fits_a_phone(desk, phone: Page, shard: int):
    """Each desk's pages in SHARDS tests (every SHARDS-th page from the shard's number), so that
    the test workers share a desk's pages; together they are every page."""
    name, base, content, pages, _ = desk
    others = tuple(content.desk.languages[1:])
    problems = []
    for address in pages[shard::SHARDS]:
        problems += measure(phone, base, address, f"{name}: /{address}")[0]
        # Measured on the page as loaded for the checks above: each page is loaded once.
        if name == "shipped" and finished(address):
            height = phone.evaluate("document.documentElement.scrollHeight")
            screens = SCREENS * (TRANSLATED if address.split("/")[0] in others else 1)
            if height > screens * PHONE["height"]:
                problems.append(f"{name}: /{address}: {height / PHONE['height']:.1f} screens long (at most {screens:.1f})")
    assert not problems, f"{len(problems)} problems at 360 × 740:\n" + "\n".join(problems)


def finished(address: str) -> bool:
    """A page a reader reaches and reads to its end: not an embed (other sites frame it), not
    the 404 page."""
    return not address.endswith(".html") and "embed" not in address.split("/")


def test_picture_text_is_measured_on_a_phone(desk, phone: Page):
    """The shipped desk and the climate desk draw charts and maps: their text is measured (the
    pages whose HTML draws text in a picture, until one is measured)."""
    name, base, content, pages, site = desk
    drawn = [a for a in pages if "<text" in (site / (a + "index.html" if a == "" or a.endswith("/") else a)).read_text(encoding="utf-8")]
    pictures = 0
    for address in drawn:
        pictures = measure(phone, base, address, f"{name}: /{address}")[1]
        if pictures:
            break
    assert pictures or name == "desk", f"no picture text measured on the {name} desk"


FIRST_SCREEN_JS = """
() => {
  const box = s => { const e = document.querySelector(s); if (!e) return null; const r = e.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY}; };
  const cards = [...document.querySelectorAll('article .number-card')].map(e => { const r = e.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY}; });
  return {h1: box('article h1'), standfirst: box('article .standfirst'), why: box('article .why-it-matters'),
          heading: box('article #key-numbers'), cards};
}
"""


def test_an_explainers_first_screen_tells_the_story(desk, phone: Page):
    """On a phone, before any scrolling: the headline, the standfirst, why it matters, and the
    key numbers as cards, their first row whole."""
    name, base, content, _, _ = desk
    screen = PHONE["height"]
    for slug, x in content.explainers.items():
        open_page(phone, base + urls.url(urls.path("explainer", slug=slug)))
        found = phone.evaluate(FIRST_SCREEN_JS)
        where = f"{name}: {slug}"
        assert found["h1"]["bottom"] <= screen and found["standfirst"]["bottom"] <= screen, (where, found)
        if x.story.why_it_matters:
            assert found["why"] and found["why"]["bottom"] <= screen, (where, found)
        else:
            assert found["why"] is None, where
        if any(f.key for f in x.figures.values()):
            cards = found["cards"]
            assert cards, where
            assert found["heading"]["top"] < found["standfirst"]["bottom"] + screen / 2, (where, found)
            first_row = [c for c in cards if c["top"] == cards[0]["top"]]
            assert max(c["bottom"] for c in first_row) <= screen, f"{where}: the first row of key numbers ends below the first screen: {found}"
            assert len(first_row) >= min(2, len(cards)), f"{where}: one key number to a row on a phone: {found}"


CARDS_JS = """
() => [...document.querySelectorAll('article ul.number-cards')].map(list => ({
  list: list.getBoundingClientRect().width,
  cards: [...list.querySelectorAll(':scope > .number-card')].map(e => { const r = e.getBoundingClientRect(); return {top: r.top, width: r.width}; }),
}))
"""


def test_on_a_phone_a_lone_number_takes_the_row_and_more_share_it_two_by_two(site_url: str, phone: Page):
    """A list of numbers with one card fills the column's width, not half of it beside a gap;
    a list of several puts two to a row, each half of it."""
    content = validate(load(CONTENT))
    seen = set()
    for slug, x in content.explainers.items():
        open_page(phone, f"{site_url}/{urls.url(urls.path('explainer-figures', slug=slug))}")
        for found in phone.evaluate(CARDS_JS):
            cards, width = found["cards"], found["list"]
            if len(cards) == 1:
                assert cards[0]["width"] >= 0.99 * width, (slug, found)
            else:
                first_row = [c for c in cards if c["top"] == cards[0]["top"]]
                assert len(first_row) == 2 and all(0.4 * width < c["width"] < 0.5 * width for c in first_row), (slug, found)
            seen.add(min(len(cards), 2))
    assert seen == {1, 2}, "the shipped desk has a list of one number and a list of several"


def test_the_headline_is_the_strongest_text_on_the_first_screen(site_url: str, phone: Page):
    """The headline is bold and in the text's own colour, no weaker than the standfirst."""
    slug = next(iter(validate(load(CONTENT)).explainers))
    open_page(phone, f"{site_url}/{urls.url(urls.path('explainer', slug=slug))}")
    style = phone.evaluate(
        """() => ['article h1', 'article .standfirst', 'article p:not(.standfirst)'].map(s => {
             const c = getComputedStyle(document.querySelector(s));
             return {weight: +c.fontWeight, size: parseFloat(c.fontSize), color: c.color};
           })"""
    )
    headline, standfirst, text = style
    assert headline["weight"] >= 700 and headline["weight"] >= standfirst["weight"], style
    assert headline["size"] > standfirst["size"] >= text["size"], style
    assert headline["color"] == text["color"], style


def test_a_citation_names_its_source_in_a_marker_one_tap_from_the_full_reference(site_url: str, phone: Page):
    content = validate(load(CONTENT))
    slug, x = next(iter(content.explainers.items()))
    # The last of what happened: it ends the run of claims from its sources, so it has the marker.
    note = x.story.summary[-1]
    source = content.sources[note.source[0]]
    open_page(phone, f"{site_url}/{urls.url(urls.path('explainer', slug=slug))}")
    marker = phone.locator("article p", has_text=note.text[:40]).locator("a.cite").first
    expect(marker).to_be_visible()
    # Compact: whose report it is and who relayed it, on screen; the source's whole name, its
    # date too, for screen readers.
    shown = marker.evaluate("a => [...a.childNodes].filter(n => !n.classList?.contains('visually-hidden')).map(n => n.textContent).join('')")
    assert shown.strip() == (f"{source.reported_by} via {source.publisher}" if source.reported_by else source.publisher)
    # Its whole name, as a screen reader gets it. Chromium puts a space before the hidden rest
    # (", 2 June 2025"), which is drawn out of the line; a space before a comma is not read.
    whole = re.escape(f"Source: {ENGLISH.source_name(source)}").replace(",", r"\s?,")
    expect(marker).to_have_accessible_name(re.compile(f"^{whole}$"))
    box = marker.bounding_box()
    assert box and box["width"] >= TARGET and box["height"] >= TARGET, box
    # One tap: the source's entry on the explainer's sources page, in view.
    marker.tap()
    at = urls.anchor("source", id=source.id)
    phone.wait_for_url(f"**/{urls.url(urls.path('explainer-sources', slug=slug))}#{at}")
    entry = phone.locator(f"[id='{at}']")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(source.publisher)


# Where a fold's line is, against the header's bottom and the screen's: the page may still be
# scrolling there when first asked.
FOLD_LINE_JS = """
([id]) => {
  const fold = document.getElementById(id)?.closest('details.fold');
  if (!fold || !fold.open) return null;
  const summary = fold.querySelector(':scope > summary'), line = summary.getBoundingClientRect();
  // Nothing drawn over it (the theme's "Back to top" comes up when the page scrolls up).
  const seen = summary.contains(document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2));
  return {top: line.top, bottom: line.bottom, header: document.querySelector('header.md-header').getBoundingClientRect().bottom,
          screen: window.innerHeight, seen};
}
"""


def test_a_link_into_a_fold_shows_the_folds_line_below_the_header(desk, phone: Page):
    """A key number's card and a stance in the table at a glance lead into a fold on another
    page (the number in full, the position in full). On a phone the fold opens with its line
    (what it is, and its value or stance) whole on the screen below the header: the fold's
    heading, which the link names, is hidden, and the page must not scroll past the line to it."""
    name, base, content, _, _ = desk
    followed = []
    for slug in content.explainers:
        overview = base + urls.url(urls.path("explainer", slug=slug))
        for links in ("article .number-card a", "article .stance-table a.stance-link"):
            open_page(phone, overview)
            link = phone.locator(links).first
            if not link.count():
                continue
            fragment = link.get_attribute("href").partition("#")[2]
            link.click()
            phone.wait_for_url(f"**#{fragment}")
            placed = None
            for _ in range(50):  # a bounded poll: the page scrolls to the fold as it opens it
                placed = phone.evaluate(FOLD_LINE_JS, [fragment])
                if placed and placed["top"] >= placed["header"] - 0.5 and placed["bottom"] <= placed["screen"] and placed["seen"]:
                    break
                phone.wait_for_timeout(100)
            else:
                raise AssertionError(f"{name}: {slug}: {links} led to #{fragment}, whose fold's line is not below the header: {placed}")
            followed.append(links)
    assert followed, f"{name}: no explainer links into a fold"
