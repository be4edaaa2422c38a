"""Search a reader can trust, in a real browser on the built shipped desk: the theme's own search
(lunr in the browser) answers to words as a reader types them, not only as the page spells them.

- accents folded both ways: "Erdogan" and "Erdoğan" find Erdoğan's page (named Erdogan, with
  Erdoğan among his other names) and the pages that speak of him;
- a number typed without separators finds it written with them: "113100" finds "113,100";
- the source's own spelling finds a page that uses another: "Kiev" finds the explainer that
  writes "Kyiv" and does not say "Kiev" anywhere a reader sees;
- each result from an explainer's page says which explainer it comes from (its tag);
- newsroom shorthand finds amounts written in words: "$300bn", "1.3tn", "€4.5bn", "1.2m", and
  decimals as written, "1.3" and "115.9", though the page writes "$1.3" and "$115.9".

Pages are picked through the site's URL scheme; the words come from the shipped content.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from generator import urls

from .conftest import served
from .test_browser import CONTENT_NOW, TIMEOUT, address, search, settled
from .test_browser import context, page  # noqa: F401 - the fixtures: a desktop browser context and a page in it

RESULT = ".md-search-result__item"
ERDOGAN = "recep-tayyip-erdogan"
PEACE_TERMS = "what-each-side-wants"


def results_linking_to(page: Page, path: str):
    """Results that lead to that page itself (or a section of it), not to the pages under it."""
    at = address(path)
    return page.locator(f"{RESULT} a.md-search-result__link:is([href$='/{at}'], [href*='/{at}#'], [href*='/{at}?'])")


@pytest.mark.parametrize("typed", ["Erdogan", "Erdoğan", "erdogan"])
def test_accents_are_folded(page: Page, site_url: str, typed: str):
    erdogan = CONTENT_NOW.actors[ERDOGAN]
    assert "ğ" not in erdogan.name and "Erdoğan" in erdogan.aliases, "the content changed: pick another name"
    page.goto(f"{site_url}/", wait_until="load")
    search(page, typed)
    expect(results_linking_to(page, urls.path("actor", id=ERDOGAN)).first).to_be_visible(timeout=TIMEOUT)
    # The Istanbul talks' overview says "Erdogan" only: it is found by either spelling too.
    istanbul = next(slug for slug, x in CONTENT_NOW.explainers.items() if ERDOGAN in [a.actor for a in x.story.actors])
    expect(results_linking_to(page, urls.path("explainer", slug=istanbul)).first).to_be_visible(timeout=TIMEOUT)


def test_a_number_typed_without_separators_finds_it_written_with_them(page: Page, site_url: str):
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "113100")
    found = page.locator(RESULT, has_text="113,100")
    expect(found.first).to_be_visible(timeout=TIMEOUT)
    # Among them the pages that say it: the peace terms' overview and Russia's page.
    expect(results_linking_to(page, urls.path("explainer", slug=PEACE_TERMS)).first).to_be_visible(timeout=TIMEOUT)
    expect(results_linking_to(page, urls.path("actor", id="russia")).first).to_be_visible(timeout=TIMEOUT)


def test_the_sources_spelling_finds_a_page_that_spells_it_otherwise(page: Page, site_url: str):
    overview = urls.path("explainer", slug=PEACE_TERMS)
    page.goto(f"{site_url}/{address(overview)}", wait_until="load")
    seen = page.locator("article").inner_text()
    assert "Kyiv" in seen and "Kiev" not in seen, "the page must say Kyiv, never Kiev, for this test to mean anything"
    search(page, "Kiev")
    to_overview = results_linking_to(page, overview)
    expect(to_overview.first).to_be_visible(timeout=TIMEOUT)
    # The result says which explainer it is from.
    expect(to_overview.first.locator(".md-tag")).to_have_text(CONTENT_NOW.explainers[PEACE_TERMS].story.title)


def test_a_result_shows_the_pages_words_never_the_hidden_ones(page: Page, site_url: str):
    """Found by a word the page spells otherwise, a result still shows the page's own words:
    the hidden list of words a section answers to makes the match but is never shown."""
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "Kiev")
    at = address(urls.path("explainer", slug=PEACE_TERMS))
    item = page.locator(RESULT, has=page.locator(f"a:is([href$='/{at}'], [href*='/{at}#'], [href*='/{at}?'])")).first
    expect(item).to_be_visible(timeout=TIMEOUT)
    expect(item).to_contain_text("Kyiv")
    href = item.locator("a.md-search-result__link").first.get_attribute("href") or ""
    assert urllib.parse.urlsplit(href).path.strip("/").split("/")[0] == PEACE_TERMS
    shown = page.locator(RESULT).all_inner_texts()
    assert shown and not any("Kiev (Kyiv)" in text or "(Moscow)" in text for text in shown), shown


@pytest.fixture(scope="module")
def hidden_lines(built_site: Path) -> set[str]:
    """Every line of words only search reads, on every page of the site, and the words drawn
    in the who's-who maps."""
    found = set()
    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        found |= {p.get_text() for p in soup.select("p.search-only")}
        # A picture's text, as an indexer that flattens it would read it.
        found |= {" ".join(t.get_text() for t in svg.select("text")) for svg in soup.select(".explainer-map svg")}
    assert any(" · " in line for line in found) and any("(" not in line for line in found)
    return found


@pytest.mark.parametrize("typed", ["113100", "Kiev", "Medinsky"])
def test_no_result_shows_a_hidden_word_line_or_a_pictures_text(page: Page, site_url: str, hidden_lines: set[str], typed: str):
    """A result's text is the page's own: never the line of words only search reads ("113100
    (113,100) · Kiev (Kyiv)"), never the words drawn in a picture (the who's-who map)."""
    page.goto(f"{site_url}/", wait_until="load")
    search(page, typed)
    expect(page.locator(RESULT).first).to_be_visible(timeout=TIMEOUT)
    settled(page.locator(f"{RESULT} a"))
    # Every result, the ones folded under "more" too.
    for more in page.locator(".md-search-result__more summary").all():
        more.click()
    shown = [" ".join(p.split()) for p in page.locator(f"{RESULT} p").all_inner_texts()]
    assert shown
    for text in shown:
        assert not any(line in text for line in hidden_lines), text
        assert "Who belongs to whom" not in text, text


# -- newsroom shorthand: "$300bn", "1.3tn", "1.2m", and decimals glued to a currency sign ---------


@pytest.fixture(scope="module")
def climate_url(climate_site: Path) -> Iterator[str]:
    """The fictional climate-finance desk (tests/fixtures/climate), served: money in billions."""
    with served(climate_site) as url:
        yield url


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("$300bn", "$300 billion"),
        ("300bn", "$300 billion"),
        ("1.3tn", "$1.3 trillion"),
        ("€4.5bn", "€4.5 billion"),
        # Decimals as written: the theme's search sees "$1.3" and "$115.9" as words of their own.
        ("1.3", "$1.3 trillion"),
        ("115.9", "$115.9 billion"),
    ],
)
def test_newsroom_shorthand_finds_the_amount(page: Page, climate_url: str, typed: str, written: str):
    page.goto(f"{climate_url}/", wait_until="load")
    search(page, typed)
    expect(page.locator(RESULT, has_text=written).first).to_be_visible(timeout=TIMEOUT)
    expect(results_linking_to(page, urls.path("explainer-figures", slug="finance-deal")).first).to_be_visible(timeout=TIMEOUT)


def test_millions_in_shorthand_find_them_in_words(page: Page, site_url: str):
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "1.2m")
    expect(page.locator(RESULT, has_text="1.2 million").first).to_be_visible(timeout=TIMEOUT)
