"""Embeds: each chart, the who's-who map, the key numbers and each where-they-stand table on a
bare page of its own, for other sites' <iframe>s, and the "Embed" code to copy beside each.

What is checked is what a newsroom pasting the code, and its readers, would see: the embed page
shows the block and nothing of the site around it; it is the same block as on the explainer's
page; the code beside the block leads to it; pasted into a plain HTML page on another host, the
frame takes the height of its content with no scrollbar; the page passes axe in both palettes
and follows the reader's. Real MkDocs builds, real HTML parsing, Chromium through Playwright.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from generator import embeds, generate, load, urls, validate
from generator.lookups import view
from generator.validated_desk import Content

from .conftest import CONTENT, FIXTURES, html_file, served
from .test_accessibility import AXE, BLOCKING, describe

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

TIMEOUT = 60_000  # ms: a hang guard for any single wait, generous for a busy machine
SITE_URL = "https://news.example/explainers/"
CONTENT_NOW = validate(load(CONTENT))
BASE = "http://site.invalid/"  # a stand-in origin for resolving relative addresses


def expected_embeds(content: Content) -> dict[str, tuple[str, str | None]]:
    """Every embed page a desk should have, worked out from the model on its own: page → (block, id)."""
    found: dict[str, tuple[str, str | None]] = {}
    for slug, x in content.explainers.items():
        v = view(content, x)
        if any(f.key for f in x.figures.values()):
            found[urls.embed("key-numbers", slug)] = ("key-numbers", None)
        if x.story.parties and v.issues:
            found[urls.embed("glance", slug)] = ("glance", None)
        if v.issues and v.matrix_actors:
            found[urls.embed("positions", slug)] = ("positions", None)
        if v.roots:
            found[urls.embed("actor-map", slug)] = ("actor-map", None)
        for f in x.figures.values():
            # Drawn, so embeddable: a share of a whole; a number for each of several actors
            # would be bars all of one length, and is said instead.
            if f.chart and f.scope not in ("per-actor", "per-side"):
                found[urls.embed("figure-chart", slug, id=f.id)] = ("figure-chart", f.id)
        for c in v.comparisons:
            found[urls.embed("comparison-chart", slug, id=c.id)] = ("comparison-chart", c.id)
    return found


def block_of(soup: BeautifulSoup, block: str, id: str | None):
    """The picture or table an embed page shows: a chart or the map by its id, a table (or
    however the explainer's pages draw one) as what follows the title."""
    article = soup.select_one("article")
    if block == "figure-chart":
        return article.find("figure", id=urls.anchor("chart", id=id))
    if block == "comparison-chart":
        return article.find("figure", id=urls.anchor("comparison-chart", id=id))
    if block == "actor-map":
        return article.find("figure", id="actor-map")
    found = article.find("h1").find_next_sibling()
    return None if found is None or "explainer-embed-source" in (found.get("class") or []) else found


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def site_file(rel_page: str, address: str) -> str:
    """The file of the site an address on page ``rel_page`` (an HTML file) leads to."""
    base = BASE + rel_page.removesuffix("index.html")
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, address))
    assert (parts.scheme, parts.netloc) == ("http", "site.invalid"), address
    path = parts.path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


# -- which pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [CONTENT, FIXTURES / "climate", FIXTURES / "minimal"], ids=["shipped", "climate", "minimal"])
def test_every_chart_map_and_table_has_an_embed_page_and_nothing_else_does(folder: Path):
    content = validate(load(folder))
    pages = generate(folder).pages
    written = {path for path in pages if "/embed/" in path}
    assert written == set(expected_embeds(content))
    kinds = {block for block, _ in expected_embeds(content).values()}
    if folder == CONTENT:
        # The shipped desk has each kind but comparisons; the climate fixture has those.
        assert kinds >= {"key-numbers", "glance", "positions", "actor-map", "figure-chart"}
    if folder.name == "climate":
        assert "comparison-chart" in kinds


def test_embed_pages_name_the_bare_template_and_stay_out_of_search():
    pages = generate(CONTENT).pages
    for path in expected_embeds(CONTENT_NOW):
        front = pages[path].split("\n---\n", 1)[0]
        assert '"template": "embed.html"' in front, path
        assert '"search": {"exclude":true}' in front, path
        assert '"tags"' not in front, path  # tags would list it with the explainer's pages
        # Nor the hidden words search reads on other pages (search.py): no search reads them here.
        assert 'class="search-only"' not in pages[path], path
    # ...which the same blocks carry on the explainer's own pages.
    assert any('class="search-only"' in markdown for path, markdown in pages.items() if path not in expected_embeds(CONTENT_NOW))


# -- the built pages ------------------------------------------------------------------------------


def test_each_embed_page_has_its_block_title_source_and_way_back_and_no_site_chrome(built_site: Path):
    for path, (block, id) in expected_embeds(CONTENT_NOW).items():
        file = html_file(path)
        soup = BeautifulSoup((built_site / file).read_text(encoding="utf-8"), "html.parser")
        shown = block_of(soup, block, id)
        assert shown is not None, f"{file} does not show its {block}"
        x = CONTENT_NOW.explainers[path.split("/")[0]]
        if block == "key-numbers":
            assert all(f.label in words(shown) for f in x.figures.values() if f.key), file
        if block in ("glance", "positions"):
            assert all(CONTENT_NOW.issues[p.issue].title in words(shown) for p in x.positions), file
        assert soup.select_one("article h1").get_text(strip=True).removesuffix("¶"), file
        # No header, navigation, search, sidebars, footer, nor the theme's script.
        for chrome in ("header", "nav", "footer", ".md-search", ".md-sidebar", ".md-tabs", "form"):
            assert soup.select_one(chrome) is None, f"{file} has the site's {chrome}"
        assert not soup.select("script[src]"), f"{file} loads the theme's script"
        assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}), file
        # Its sources, said once, leading to the explainer's sources: by the block, as the
        # explainer's pages draw it (the key numbers' cards, a chart's caption), or else in a
        # line under it; and a link back to the explainer.
        line = soup.select_one(".explainer-embed-source")
        block = BeautifulSoup(str(soup.select_one("article")), "html.parser")
        for other in block.select(".explainer-embed-source, .explainer-embed-credit"):
            other.decompose()
        own = bool(block.select("a.cite")) or "Source:" in words(block)
        assert bool(line) != own, f"{file}: its sources are said {'twice' if line else 'nowhere'}"
        assert line is None or line.get_text().startswith("Source:"), file
        for a in (line or block).select("a.cite"):
            assert (built_site / site_file(file, a["href"]).split("#")[0]).is_file(), a["href"]
        back = soup.select_one(".explainer-embed-credit a")
        target = site_file(file, back["href"]).split("#")[0]
        assert target.startswith(path.split("/")[0] + "/") and (built_site / target).is_file(), back["href"]
        # Self-contained: everything it loads is the site's own.
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                if tag == "link" and element.get("rel") == ["canonical"]:
                    continue
                assert not urllib.parse.urlsplit(element[attr]).netloc, f"{file} loads {element[attr]}"


# Where each table is on an explainer's page (the pictures are found by their ids).
TABLES = {"key-numbers": "ul.number-cards", "glance": "#glance", "positions": "#matrix"}


def test_an_embed_shows_the_same_block_as_the_explainers_page(built_site: Path):
    # Drawn by the same templates: the same words, and links to the same places. On the
    # explainer's page, the block is found as on the embed page, or by where tables are.
    def resolved(file: str, block) -> tuple[str, list[str]]:
        return words(block), [site_file(file, a["href"]) for a in block.select("a[href]")]

    compared = 0
    for path, (block, id) in expected_embeds(CONTENT_NOW).items():
        embed_file = html_file(path)
        embed = block_of(BeautifulSoup((built_site / embed_file).read_text(encoding="utf-8"), "html.parser"), block, id)
        slug, name = path.split("/")[0], path.rsplit("/", 1)[1].removesuffix(".md")
        for kind in ("explainer", "explainer-positions", "explainer-actors", "explainer-figures"):
            page_file = html_file(urls.path(kind, slug=slug))
            page = BeautifulSoup((built_site / page_file).read_text(encoding="utf-8"), "html.parser")
            code = page.find("textarea", id=f"embed-{name}")
            if code is None:
                continue
            shown = page.select_one(f"article {TABLES[block]}") if block in TABLES else block_of(page, block, id)
            assert resolved(embed_file, embed) == resolved(page_file, shown), f"{path} and {page_file}"
            compared += 1
    assert compared >= len(expected_embeds(CONTENT_NOW))


def test_the_site_search_and_navigation_leave_embed_pages_out(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"], "the search index is empty: this test would prove nothing"
    assert not [d["location"] for d in index["docs"] if "/embed/" in d["location"]]
    overview = html_file(urls.path("explainer", slug=next(iter(CONTENT_NOW.explainers))))
    soup = BeautifulSoup((built_site / overview).read_text(encoding="utf-8"), "html.parser")
    assert soup.select("nav a[href]") and not [a["href"] for a in soup.select("nav a[href]") if "embed/" in a["href"]]


# -- the code to copy ------------------------------------------------------------------------------


def embed_codes(soup: BeautifulSoup) -> list[BeautifulSoup]:
    """The code in each "Embed" disclosure of a page, parsed as the host page would parse it."""
    return [BeautifulSoup(t.get_text(), "html.parser") for t in soup.select("details.explainer-embed textarea")]


def test_one_share_and_embed_disclosure_gives_a_frame_of_each_block(built_site: Path):
    for path, (block, id) in expected_embeds(CONTENT_NOW).items():
        slug = path.split("/")[0]
        offered = []
        for kind in ("explainer", "explainer-positions", "explainer-actors", "explainer-figures"):
            file = html_file(urls.path(kind, slug=slug))
            soup = BeautifulSoup((built_site / file).read_text(encoding="utf-8"), "html.parser")
            disclosures = soup.select("details.explainer-embed")
            assert len(disclosures) <= 1, f"{file}: more than one place for embed codes"
            for details in disclosures:
                assert details.find("summary").get_text(strip=True) == "Share and embed"
                # Relative to the page, as the note in it says, without a site_url.
                assert details.select_one(".explainer-embed__note")
                for textarea in details.find_all("textarea"):
                    assert details.find("label", attrs={"for": textarea["id"]}), "the code has no label"
                    code = BeautifulSoup(textarea.get_text(), "html.parser")
                    frame = code.find("iframe")
                    assert frame["loading"] == "lazy" and frame["title"].strip()
                    assert code.find("script"), "the code has no script to resize the frame"
                    if site_file(file, frame["src"]) == html_file(path):
                        offered.append(file)
        assert offered, f"no page offers the code for {path}"


def test_with_a_site_url_the_code_gives_the_full_address():
    pages = generate(CONTENT, site_url=SITE_URL).pages
    slug = next(iter(CONTENT_NOW.explainers))
    soup = BeautifulSoup(pages[urls.path("explainer", slug=slug)].split("\n---\n", 1)[1], "html.parser")
    frames = [code.find("iframe")["src"] for code in embed_codes(soup)]
    assert SITE_URL + urls.url(urls.embed("key-numbers", slug)) in frames
    assert all(src.startswith(SITE_URL) for src in frames)
    assert not soup.select(".explainer-embed__note")


def test_hostile_titles_stay_text_in_the_code(tmp_path: Path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    figures = yaml.safe_load((folder / "figures.yml").read_text(encoding="utf-8"))
    entries = figures if isinstance(figures, list) else figures["figures"]
    charted = next(f for f in entries if f.get("chart") and f.get("scope") not in ("per-actor", "per-side"))
    charted["label"] = '"></iframe><script>alert(1)</script> & co'
    (folder / "figures.yml").write_text(yaml.safe_dump(figures, allow_unicode=True), encoding="utf-8")
    pages = generate(folder).pages
    page = next(text for path, text in pages.items() if path.endswith("/figures.md"))
    soup = BeautifulSoup(page.split("\n---\n", 1)[1], "html.parser")
    assert not soup.find("script") and not soup.select("details iframe")
    titles = [code.find("iframe")["title"] for code in embed_codes(soup)]
    assert any(title.startswith('"></iframe><script>alert(1)</script> & co') for title in titles)
    for code in embed_codes(soup):
        assert len(code.find_all("iframe")) == 1 and len(code.find_all("script")) == 1


# -- in a browser: another site's page, with the code pasted in -------------------------------------


@pytest.fixture(scope="module")
def host_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Another site: a plain HTML page on another origin, where the tests paste embed codes."""
    folder = tmp_path_factory.mktemp("host")
    with served(folder, host="localhost") as base:
        yield base, folder


def pasted_code(built_site: Path, site_url: str, page_kind: str, slug: str, name: str) -> str:
    """The code of one "Embed" disclosure, as a newsroom copies it, its address made full."""
    page = urls.path(page_kind, slug=slug)
    soup = BeautifulSoup((built_site / html_file(page)).read_text(encoding="utf-8"), "html.parser")
    textarea = soup.find("textarea", id=f"embed-{name}")
    code = textarea.get_text()
    src = BeautifulSoup(code, "html.parser").find("iframe")["src"]
    full = urllib.parse.urljoin(f"{site_url}/{urls.url(page)}", src)
    return code.replace(f'src="{src}"', f'src="{full}"')


# Inside the frame (another origin than the host page's, as on a newsroom's site): how tall its
# content is, and whether anything scrolls.
INSIDE = """
() => {
  if (document.readyState !== "complete" || !document.querySelector("article")) return null;
  const root = document.scrollingElement;
  return {
    content: Math.ceil(document.body.getBoundingClientRect().height),
    scrollsDown: root.scrollHeight > root.clientHeight,
    scrollsSideways: root.scrollWidth > root.clientWidth,
    block: !!document.querySelector("article table, article figure, article .number-cards"),
  };
}
"""
# On the host page: the frame's height, once the host's script has set one.
FRAME_HEIGHT = "h => { const f = document.querySelector('iframe'); return Math.abs(f.getBoundingClientRect().height - h) <= 1; }"


def fits(page, frame) -> dict:
    """Waits (bounded polls) until the frame has loaded and the host page has given it its
    content's height, and then until what is inside has settled to that height (after a resize
    the frame's document lays itself out again a moment after the host sets the new height);
    returns what is inside as last seen, settled or not, for the test to say what is wrong."""
    inside = frame.wait_for_function(INSIDE, timeout=TIMEOUT).json_value()
    page.wait_for_function(FRAME_HEIGHT, arg=inside["content"], timeout=TIMEOUT)
    deadline = time.monotonic() + TIMEOUT / 1000
    while True:
        seen = {**(frame.evaluate(INSIDE) or {}), "frame": page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")}
        settled = "content" in seen and abs(seen["frame"] - seen["content"]) <= 1 and not seen["scrollsDown"]
        if settled or time.monotonic() > deadline:
            return seen
        page.wait_for_timeout(50)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(("page_kind", "name"), [("explainer", "key-numbers"), ("explainer-actors", "who-belongs-to-whom")])
def test_pasted_into_a_plain_page_the_frame_takes_its_contents_height(
    browser: Browser, built_site: Path, site_url: str, host_url, page_kind: str, name: str, width: int
):
    host, folder = host_url
    slug = next(iter(CONTENT_NOW.explainers))
    code = pasted_code(built_site, site_url, page_kind, slug, name)
    (folder / f"{name}.html").write_text(
        f"<!doctype html><html lang=en><meta charset=utf-8><title>A newsroom's article</title>"
        f"<body style='margin:8px'><p>Our article, then the explainer's block:</p>{code}<p>The article goes on.</p></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": width, "height": 740})
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(f"{host}/{name}.html", wait_until="load")
        page.locator("iframe").scroll_into_view_if_needed()  # loading="lazy": it loads near the screen
        frame = page.locator("iframe").element_handle().content_frame()
        fit = fits(page, frame)
        assert fit["block"], "the frame does not show the block"
        assert fit["frame"] != 400, "the frame kept the height the code starts it with"
        assert abs(fit["frame"] - fit["content"]) <= 1, fit
        assert not fit["scrollsDown"] and not fit["scrollsSideways"], fit
        # The host page itself does not scroll sideways either.
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        # Narrower, the block is laid out again (the map, drawn to the width, gets shorter): the
        # frame follows it.
        page.set_viewport_size({"width": width // 2 if width > 720 else 320, "height": 740})
        if name == "who-belongs-to-whom":
            frame.wait_for_function("h => Math.ceil(document.body.getBoundingClientRect().height) !== h", arg=fit["content"], timeout=TIMEOUT)
        after = fits(page, frame)
        assert abs(after["frame"] - after["content"]) <= 1 and not after["scrollsDown"], after
    finally:
        context.close()


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_an_embed_page_follows_the_readers_palette_and_passes_axe(browser: Browser, site_url: str, scheme: str, palette: str):
    # The site's own axe-core audit (tests/test_accessibility.py), on embed pages.
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci, from package-lock.json)")
    slug = next(iter(CONTENT_NOW.explainers))
    for path in (urls.embed("key-numbers", slug), urls.embed("actor-map", slug), urls.embed("positions", slug)):
        context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
        context.set_default_timeout(TIMEOUT)
        try:
            page = context.new_page()
            page.goto(f"{site_url}/{urls.url(path)}", wait_until="load")
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette, timeout=TIMEOUT)
            assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), f"{path} scrolls sideways at 360 px"
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        finally:
            context.close()
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
        assert not blocking, f"axe-core on /{urls.url(path)} ({scheme} palette):\n" + describe(blocking)


def test_the_disclosure_opens_to_code_that_fits_a_phone(browser: Browser, site_url: str):
    slug = next(iter(CONTENT_NOW.explainers))
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{urls.url(urls.path('explainer', slug=slug))}", wait_until="load")
        # One place on the page for every code, out of the reading: after the last section.
        summaries = page.locator("details.explainer-embed > summary")
        assert summaries.count() == 1
        assert page.locator("details.explainer-embed textarea").count() >= 2
        assert page.evaluate("() => !document.querySelector('details.explainer-embed ~ :is(h2, h3)')"), "a section follows the codes"
        summaries.first.click()
        expect(page.locator("details.explainer-embed textarea").first).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 360 px"
        # Built without a site_url, the codes give the embed pages' addresses in full, as the
        # page is published (here, the test's server), for another site to paste as they are;
        # the note asking the reader to write them in full is gone.
        for code in page.locator("details.explainer-embed textarea").all():
            frame = BeautifulSoup(code.input_value(), "html.parser").find("iframe")
            assert frame["src"].startswith(f"{site_url}/{slug}/embed/"), frame["src"]
        expect(page.locator(".explainer-embed__note")).to_be_hidden()
        # One click and Ctrl+A select the whole code, and only it.
        textarea = page.locator("details.explainer-embed textarea").first
        textarea.click()
        page.keyboard.press("Control+A")
        selected = page.evaluate("() => { const t = document.activeElement; return t.value.substring(t.selectionStart, t.selectionEnd); }")
        assert selected == textarea.input_value() and "<iframe" in selected
    finally:
        context.close()


def test_embeds_module_lists_what_the_pages_show():
    # The list the disclosures and pages come from is the one the model gives.
    for slug, x in CONTENT_NOW.explainers.items():
        listed = embeds.embeds(ENGLISH, view(CONTENT_NOW, x), CONTENT_NOW)
        assert {e.path for e in listed.values()} == {p for p in expected_embeds(CONTENT_NOW) if p.startswith(slug + "/")}
