"""Accessibility of the built site in a real browser: axe-core on every page type in both
palettes, the stance matrix as a real table a keyboard can work, and the print stylesheet.

axe-core comes from npm (package.json pins it; ``make test`` runs ``npm ci``) and is injected
into each page by Playwright; nothing is fetched from elsewhere. Chromium is Debian's, as in
test_browser.py.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator import load, urls, validate
from generator.validated_desk import Content

from .conftest import CONTENT, ROOT, Pages, served

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT = 60_000  # ms: a hang guard for any single wait, generous so that a busy machine passes
DESKTOP = {"width": 1280, "height": 900}
# The printable width of A4 paper with print.css's 12 mm side margins, in CSS pixels (96 per inch).
PAPER = {"width": round((210 - 2 * 12) / 25.4 * 96), "height": 1000}
BLOCKING = ("serious", "critical")

# Material's palettes in mkdocs.yml follow prefers-color-scheme; the scheme each one sets.
SCHEMES = {"light": "default", "dark": "slate"}
CONTENT_NOW = validate(load(CONTENT))
SLUGS = list(CONTENT_NOW.explainers)
# Every kind of page the site has (generator/urls.py): the desk's own pages, an actor's and an
# issue's, and each kind of explainer page for every explainer, as "kind" or "kind:slug".
PAGE_TYPES = [
    kind if "{slug}" not in pattern else f"{kind}:{slug}"
    for kind, pattern in urls.PAGES.items()
    for slug in (SLUGS if "{slug}" in pattern else [None])
]


@pytest.fixture(scope="module")
def content() -> Content:
    return CONTENT_NOW


def address(page: str) -> str:
    """Where a page file (``actors/russia.md``) is served, relative to the site's root."""
    return urls.url(page)


def page_path(kind: str, content: Content) -> str:
    """The site path of one page of each type; actor and issue pages take the first party of
    the newest explainer and the first issue."""
    kind, _, slug = kind.partition(":")
    variable = urls.variable(kind)
    if variable == "slug":
        return address(urls.path(kind, slug=slug))
    if kind == "actor":
        return address(urls.path(kind, id=next(iter(content.explainers.values())).story.parties[0]))
    if kind == "issue":
        return address(urls.path(kind, id=next(iter(content.issues))))
    assert not variable, kind
    return address(urls.path(kind))


def matrix_path(slug: str) -> str:
    return address(urls.path("explainer-positions", slug=slug))


def test_every_kind_of_page_is_audited():
    assert {t.partition(":")[0] for t in PAGE_TYPES} == set(urls.PAGES)
    assert len(PAGE_TYPES) == len(urls.PAGES) + (len(SLUGS) - 1) * sum("{slug}" in p for p in urls.PAGES.values())


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: `make test` installs it (npm ci, from package-lock.json)")
    return AXE.read_text(encoding="utf-8")


def open_page(pages: Pages, url: str, *, color_scheme: str = "light", viewport=DESKTOP) -> Page:
    """The page at ``url``, loaded and quiet, in the palette and on the screen asked for."""
    page = pages.open(url, viewport=viewport, color_scheme=color_scheme)
    expect(page.locator("article h1")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    return page


@pytest.fixture(params=SLUGS)
def matrix_page(pages: Pages, site_url: str, request) -> Page:
    return open_page(pages, f"{site_url}/{matrix_path(request.param)}")


def describe(violations: list[dict]) -> str:
    """Every violation with every node it names, as a reader of the failure needs them."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:300]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"       {summary[:600]}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- axe-core


def axe_in_each_palette(page: Page, axe_source: str) -> dict[str, dict]:
    """axe-core's results for the loaded ``page`` in each palette, by palette: the light one
    it was loaded in (Material picks it from prefers-color-scheme), then the dark one, switched
    with the header's toggle as a reader switches it. One load serves both: the site's styles
    key their colours on the palette Material sets, never on the system's preference. The
    palette the toggle stores for the next pages is forgotten after."""
    page.add_script_tag(content=axe_source)
    found = {}
    try:
        for n, (scheme, attribute) in enumerate(SCHEMES.items()):
            if n:
                page.locator(f"label[for='__palette_{n}']").click()
            body = page.locator("body")
            expect(body).to_have_attribute("data-md-color-scheme", attribute, timeout=TIMEOUT)
            # Material turns transitions off while it switches, until the next frame.
            expect(body).not_to_have_attribute("data-md-color-switching", "", timeout=TIMEOUT)
            found[scheme] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.evaluate("() => localStorage.clear()")
    return found


def serious_in_each_palette(page: Page, axe_source: str, where: str) -> list[str]:
    """What axe-core finds serious or critical on the loaded ``page`` (at ``where``), in each
    palette (``axe_in_each_palette``): a message for each palette with any, the less severe
    findings with it, for information."""
    problems = []
    for scheme, results in axe_in_each_palette(page, axe_source).items():
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
        others = [v for v in results["violations"] if v["impact"] not in BLOCKING]
        if blocking:
            problems.append(
                f"axe-core {results['testEngine']['version']} on {where} ({scheme} palette):\n"
                + describe(blocking)
                + ("\nLess severe, for information:\n" + describe(others) if others else "")
            )
    return problems


# Each page a test of its own, audited in both palettes: the workers share them.
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_violations(pages: Pages, site_url: str, content: Content, axe_source: str, kind: str):
    path = page_path(kind, content)
    problems = serious_in_each_palette(open_page(pages, f"{site_url}/{path}"), axe_source, f"/{path} ({kind})")
    assert not problems, "\n\n".join(problems)


# Relative luminance and contrast ratio, WCAG 2.x; the background is the nearest opaque one.
CONTRAST_JS = """
els => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return els.map(el => {
    const fg = rgb(getComputedStyle(el).color), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return {cls: el.className.baseVal ?? el.className, color: getComputedStyle(el).color,
            background: `rgb(${bg.join(", ")})`, ratio: (a + 0.05) / (b + 0.05)};
  });
}
"""


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_stance_colours_have_contrast(pages: Pages, site_url: str, scheme: str):
    """axe checks text, not icons; the stance icons take their colour from explainer.css.

    WCAG asks 3:1 of graphics (1.4.11); they are held to text's 4.5:1, which they meet."""
    measured = []
    for slug in SLUGS:
        page = open_page(pages, f"{site_url}/{matrix_path(slug)}", color_scheme=scheme)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme], timeout=TIMEOUT)
        # The table and its legend show each stance the explainer gives.
        found = page.locator("article .stance").evaluate_all(CONTRAST_JS)
        assert found, f"no stance icons on {slug}'s matrix page"
        measured += found
    # A stance's colour is its tone's: the explainers show every tone of the desk's vocabulary.
    tones = {name for m in measured for name in m["cls"].split() if name.startswith("tone-")}
    assert tones == {f"tone-{t.tone}" for t in CONTENT_NOW.stances.values()}, tones
    low = sorted(
        {f"{m['cls']}: {m['color']} on {m['background']} is {m['ratio']:.2f}:1" for m in measured if m["ratio"] < 4.5}
    )
    assert not low, f"stance colours below 4.5:1 in the {scheme} palette:\n" + "\n".join(low)


# --------------------------------------------------------------------------- the matrix


def test_matrix_is_a_table_with_column_headers(matrix_page: Page):
    page = matrix_page
    table = page.locator("article table").first
    expect(table).to_be_visible()
    columns = table.locator("tbody tr").first.locator("td, th").count()
    assert columns >= 3, "the matrix has an issue column and at least two sides"
    # Header cells in a thead (or with scope=col), one for every column ...
    headers = table.locator("thead th, tr > th[scope=col]")
    assert headers.count() == columns
    # ... that assistive technology reads as column headers of a table.
    expect(page.get_by_role("table").first.get_by_role("columnheader")).to_have_count(columns)
    for text in headers.all_inner_texts():
        assert text.strip(), "a column header is empty"


FOCUSED_JS = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  return {
    href: e.getAttribute('href'),
    inMatrix: !!e.closest('article table'),
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== 'none',
    style: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}`,
  };
}
"""


def is_position_link(href: str, content: Content) -> bool:
    """A stance cell's link: to one side's position on an issue, in the explainer's issues page."""
    page, _, fragment = href.partition("#")
    pairs = {urls.anchor("position", issue=i, actor=a) for i in content.issues for a in content.actors}
    return page.endswith(address("issues.md")) and fragment in pairs


def test_matrix_works_with_the_keyboard(matrix_page: Page, content: Content):
    page = matrix_page
    table = page.locator("article table").first
    hrefs = table.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, "the matrix has no links"
    # A stance cell: a link to a side's position on an issue.
    cell_index = next(i for i, h in enumerate(hrefs) if is_position_link(h, content))

    # From the top of the page (nothing focused yet), Tab reaches the matrix ...
    assert page.evaluate(FOCUSED_JS) is None
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused and focused["inMatrix"]:
            break
    else:
        pytest.fail("300 presses of Tab never reached the matrix")

    # ... then every one of its links, in reading order (row by row), with visible focus.
    for i, href in enumerate(hrefs):
        if i:
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED_JS)
        assert focused and focused["inMatrix"], f"Tab number {i + 1} in the matrix left it: {focused}"
        assert focused["href"] == href, f"Tab number {i + 1} in the matrix reached {focused['href']}, expected {href}"
        assert focused["outline"] or focused["shadow"], f"focus on {href} is invisible: {focused['style']}"
        if i == cell_index:
            # The focus ring is drawn, not only declared: the link and the space around it look
            # different once it loses focus. Then focus goes back to it, to go on with Tab.
            box = page.evaluate("() => (window.__cell = document.activeElement).getBoundingClientRect().toJSON()")
            pad = 8
            clip = {"x": box["x"] - pad, "y": box["y"] - pad, "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
            focused_look = page.screenshot(clip=clip)
            page.evaluate("() => window.__cell.blur()")
            changed = page.screenshot(clip=clip) != focused_look
            assert changed, f"focusing {href} changes nothing on screen"
            page.evaluate("() => window.__cell.focus()")
    page.keyboard.press("Tab")
    assert not (page.evaluate(FOCUSED_JS) or {}).get("inMatrix"), "Tab after the last link should leave the matrix"

    # Back to a stance cell with Shift+Tab; Enter opens that side's position on the issue page.
    for _ in range(len(hrefs) - cell_index):
        page.keyboard.press("Shift+Tab")
    focused = page.evaluate(FOCUSED_JS) or {}
    assert focused.get("href") == hrefs[cell_index], f"Shift+Tab reached {focused}, expected {hrefs[cell_index]}"
    target = urllib.parse.urljoin(page.url, hrefs[cell_index])
    page.keyboard.press("Enter")
    page.wait_for_url(target, timeout=TIMEOUT)
    anchor = urllib.parse.urlsplit(target).fragment
    # The position folds under one line: it opens, and that line is in view.
    fold = page.locator(f"details:has([id='{anchor}'])")
    expect(fold).to_have_attribute("open", "", timeout=TIMEOUT)
    expect(fold.locator("summary")).to_be_in_viewport(timeout=TIMEOUT)


# --------------------------------------------------------------------------- print


@pytest.mark.parametrize("slug", SLUGS)
def test_matrix_prints_whole_on_paper(pages: Pages, site_url: str, tmp_path: Path, slug: str):
    page = open_page(pages, f"{site_url}/{matrix_path(slug)}", viewport=PAPER)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    table = page.locator("article table").first
    expect(table).to_be_visible()
    fit = table.evaluate(
        """t => {
          const box = t.parentElement.closest('.md-typeset__scrollwrap') || t.parentElement;
          return {
            tableScroll: t.scrollWidth, tableRight: t.getBoundingClientRect().right,
            boxWidth: box.clientWidth, boxOverflow: getComputedStyle(box).overflowX,
            pageWidth: document.documentElement.clientWidth,
            header: getComputedStyle(t.querySelector('thead')).display,
            rowBreak: getComputedStyle(t.querySelector('tbody tr')).breakInside,
          };
        }"""
    )
    assert fit["tableScroll"] <= fit["boxWidth"] or fit["boxOverflow"] == "visible", fit
    assert fit["tableRight"] <= fit["pageWidth"], f"the matrix runs off the paper: {fit}"
    assert fit["header"] == "table-header-group", fit
    assert fit["rowBreak"] == "avoid", fit
    pdf = tmp_path / "positions.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert pdf.stat().st_size > 0

    # A link to another site prints its address after its text; a link within the site
    # does not. The content may cite no web page, so one is added to the article here.
    after = page.evaluate(
        """() => {
          const p = document.createElement('p');
          p.innerHTML = '<a href="https://example.org/report">the report</a>';
          document.querySelector('article').append(p);
          const internal = document.querySelector('article table a');
          return [getComputedStyle(p.firstChild, '::after').content,
                  getComputedStyle(internal, '::after').content];
        }"""
    )
    assert "https://example.org/report" in after[0], after
    assert after[1] in ("none", "normal", ""), after


OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .map(e => `${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} ends at ${Math.round(e.getBoundingClientRect().right)}px`);
  return {width, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10)};
}
"""


def test_every_page_type_fits_the_paper(browser: Browser, site_url: str, content: Content):
    """Nothing on any kind of page is wider than A4 paper, so nothing is cut off or shrunk."""
    context = browser.new_context(viewport=PAPER)
    context.set_default_timeout(TIMEOUT)
    problems = []
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        for kind in PAGE_TYPES:
            path = page_path(kind, content)
            page.goto(f"{site_url}/{path}", wait_until="load")
            expect(page.locator("article h1")).to_be_visible()
            expect(page.locator(".md-sidebar--primary")).to_be_hidden()
            fit = page.evaluate(OVERFLOW_JS)
            if fit["scrollWidth"] > fit["width"] or fit["wide"]:
                problems.append(f"/{path} ({kind}): {fit}")
    finally:
        context.close()
    assert not problems, "wider than the paper in print:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- pictures on a phone

PHONE = {"width": 360, "height": 740}
# The smallest text a picture may show, in CSS pixels, as the site's standards ask.
SMALLEST_TEXT = 12


@pytest.fixture(scope="module")
def climate_url(climate_site: Path) -> Iterator[str]:
    """The fictional climate-finance desk (tests/fixtures/climate), built and served: it draws
    a comparison of several numbers and a number for each of several actors."""
    with served(climate_site) as base:
        yield base


SVG_TEXT_PX = """
() => [...document.querySelectorAll('article .explainer-chart--bars svg text')].map(t => {
  const svg = t.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale};
})
"""


@pytest.mark.parametrize("which", ["shipped", "climate"])
def test_bar_charts_keep_their_text_readable_on_a_phone(pages: Pages, site_url: str, climate_url: str, which: str):
    """Bars under their words (a number for each actor, a share, a comparison) are drawn at most
    at their own size, so that on a 360 px phone no word in them is smaller than 12 px and the
    page does not scroll sideways."""
    charted = next(slug for slug, x in CONTENT_NOW.explainers.items() if any(f.chart for f in x.figures.values()))
    base, slug = (site_url, charted) if which == "shipped" else (climate_url, "finance-deal")
    page = open_page(pages, f"{base}/{address(urls.path('explainer-figures', slug=slug))}", viewport=PHONE)
    texts = page.evaluate(SVG_TEXT_PX)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert texts, f"no bar charts on the {which} desk's numbers page"
    small = [f"{t['text']!r}: {t['px']:.1f} px" for t in texts if t["px"] < SMALLEST_TEXT]
    assert not small, "picture text below 12 px at 360 px:\n" + "\n".join(small)
    assert scroll <= PHONE["width"]


@pytest.mark.parametrize("kind", ["explainer", "explainer-figures", "explainer-positions", "explainer-sources"])
def test_axe_finds_nothing_serious_on_a_desk_of_another_kind(pages: Pages, climate_url: str, axe_source: str, kind: str):
    url = f"{climate_url}/{address(urls.path(kind, slug='finance-deal'))}"
    problems = serious_in_each_palette(open_page(pages, url), axe_source, f"the climate desk's {kind}")
    assert not problems, "\n\n".join(problems)
