"""The page for an address the site does not have, as a reader on a phone meets it, with the site
published in a folder of its host (https://example.org/news/explainers/), served like a real
host (bench.host: the site's 404.html, with status 404, for any missing address at any depth).

It must be a way on, not a dead end: it looks like the rest of the site (its stylesheets load
from the folder), it says what happened, its search box finds pages, and its links (the desk's
explainers, its own pages, home) lead to them, from any depth of missing address.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.host import serve
from generator import load, urls, validate

from .conftest import CONTENT, follow

FOLDER = "/news/explainers/"
PHONE = {"width": 360, "height": 740}
TIMEOUT = 60_000  # ms: a hang guard for any single wait
CONTENT_NOW = validate(load(CONTENT))


@pytest.fixture(scope="module")
def site_in_a_folder(shared_build) -> Iterator[str]:
    site = shared_build(CONTENT, env={"SITE_URL": f"https://example.org{FOLDER}"})
    with serve(site, FOLDER) as base:
        yield base


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("missing", ["no-such-page/", "what-each-side-wants/old/deep/page/", "gone.html"])
def test_a_missing_address_gets_a_page_with_a_way_on(site_in_a_folder: str, phone: Page, missing: str):
    failed: list[str] = []
    phone.on("response", lambda r: r.status >= 400 and r.url != site_in_a_folder + missing and failed.append(f"{r.status} {r.url}"))
    phone.on("requestfailed", lambda r: failed.append(r.url))
    response = phone.goto(site_in_a_folder + missing, wait_until="load")
    assert response is not None and response.status == 404
    expect(phone.locator("article h1")).to_have_text("Page not found")
    phone.wait_for_load_state("networkidle")
    # Every stylesheet, script and icon came from the site's folder.
    assert not failed, failed
    styled = phone.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position")
    assert styled in ("sticky", "fixed"), "the theme's stylesheet did not load"
    # Nothing scrolls sideways on a phone.
    assert phone.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    # Every explainer of the desk is listed, newest first, each link leading to it.
    article = phone.locator("article")
    for x in CONTENT_NOW.explainers.values():
        link = article.get_by_role("link", name=x.story.title, exact=True)
        expect(link).to_have_count(1)
        href = urllib.parse.urljoin(phone.url, link.get_attribute("href") or "")
        assert href == site_in_a_folder + urls.url(urls.path("explainer", slug=x.slug)), href
    # Home and the desk's own pages too.
    home = article.get_by_role("link", name="Home", exact=True)
    home.click()
    phone.wait_for_url(site_in_a_folder.rstrip("/") + "/**")
    assert urllib.parse.urlsplit(phone.url).path.rstrip("/.") + "/" == FOLDER, phone.url
    expect(phone.locator("article h1")).to_be_visible()


def test_the_search_box_finds_pages(site_in_a_folder: str, phone: Page):
    phone.goto(site_in_a_folder + "no/such/page/", wait_until="load")
    box = phone.get_by_role("searchbox", name="Search this site")
    box.fill("Medinsky")
    box.press("Enter")
    # The home page, in the site's folder, opens its search with the words.
    phone.wait_for_url(f"**{FOLDER}?q=Medinsky")
    medinsky = urls.url(urls.path("actor", id="vladimir-medinsky"))
    result = phone.locator(f".md-search-result__item a[href*='{medinsky}']").first
    expect(result).to_be_visible()
    follow(phone, result, f"**{FOLDER}{medinsky}**", TIMEOUT)
    expect(phone.locator("article h1")).to_contain_text("Vladimir Medinsky")

