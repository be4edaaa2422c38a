"""The built site in a real browser (Debian's Chromium through Playwright): what a reader gets.

Each test opens its own browser context on the site served from 127.0.0.1 and waits only
with Playwright's bounded waits, never with sleeps.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from generator import load, validate
from generator.model import STANCES
from generator.validate import Content

from .conftest import CONTENT

TIMEOUT = 10_000  # ms: the longest any single wait may take
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def open_search(page: Page) -> None:
    """Open the header search the way a reader does: the search button, or the search box."""
    button = page.locator("label.md-header__button[for='__search']")
    query = page.locator("input[data-md-component=search-query]")
    if button.is_visible():
        button.click()
    else:
        query.click()
    expect(query).to_be_visible(timeout=TIMEOUT)
    expect(query).to_be_focused(timeout=TIMEOUT)


def search(page: Page, text: str) -> None:
    open_search(page)
    # Material reacts to key presses, so type like a person rather than fill().
    page.locator("input[data-md-component=search-query]").press_sequentially(text, delay=20)


def test_reading_the_site_requests_nothing_from_other_hosts(context: BrowserContext, site_url: str, content: Content):
    requests: list[str] = []
    failures: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failures.append(request.url))
    context.on("response", lambda response: response.status >= 400 and failures.append(f"{response.status} {response.url}"))
    page = context.new_page()

    first_party = list(content.explainer.parties)[0]
    first_issue = next(iter(content.issues))
    paths = [
        "",
        f"actors/{first_party}/",
        "actors/vladimir-medinsky/",
        f"issues/{first_issue}/",
        "issues/deported-children/",
        "positions/",
        "figures/",
        "timeline/",
        "sources/",
    ]
    for path in paths:
        page.goto(f"{site_url}/{path}", wait_until="load")
        expect(page.locator("article h1")).to_be_visible(timeout=TIMEOUT)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    # Searching loads the search worker and index too.
    search(page, "Medinsky")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT)

    assert requests, "no requests were recorded"
    hosts = {urllib.parse.urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    others = sorted(url for url in requests if urllib.parse.urlsplit(url).hostname not in (None, "127.0.0.1"))
    assert hosts == {"127.0.0.1"}, "requests to other hosts:\n" + "\n".join(others)
    assert not failures, "failed requests:\n" + "\n".join(failures)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_searching_medinsky_finds_his_page(browser, site_url: str, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/", wait_until="load")
        search(page, "Medinsky")
        results = page.locator(".md-search-result__item")
        expect(results.first).to_be_visible(timeout=TIMEOUT)
        to_medinsky = page.locator(".md-search-result__item a[href*='actors/vladimir-medinsky/']")
        expect(to_medinsky.first).to_be_visible(timeout=TIMEOUT)
        expect(to_medinsky.first).to_contain_text("Vladimir Medinsky", timeout=TIMEOUT)
        to_medinsky.first.click()
        page.wait_for_url("**/actors/vladimir-medinsky/**", timeout=TIMEOUT)
        # The heading also holds its permalink "¶"; search.highlight may mark the term.
        expect(page.locator("article h1")).to_contain_text("Vladimir Medinsky", timeout=TIMEOUT)
    finally:
        context.close()


def test_searching_a_number_finds_it(page: Page, site_url: str):
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "339")
    with_339 = page.locator(".md-search-result__item", has_text="339")
    expect(with_339.first).to_be_visible(timeout=TIMEOUT)


def test_searching_an_alias_finds_the_actor(page: Page, site_url: str):
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "Kiev")
    expect(page.locator(".md-search-result__item a[href*='actors/ukraine/']").first).to_be_visible(timeout=TIMEOUT)


def test_matrix_shows_stances_as_visible_words(page: Page, site_url: str, content: Content):
    page.goto(f"{site_url}/positions/", wait_until="load")
    table = page.locator("article table").first
    expect(table).to_be_visible(timeout=TIMEOUT)
    header = table.locator("thead th")
    expect(header.first).to_have_text("Issue")
    for name in [content.actors[a].name for a in content.explainer.parties]:
        expect(header.filter(has_text=name).first).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(len(content.issues))

    used = {p.stance for p in content.positions}
    for stance in sorted(used):
        label = STANCES[stance][0]
        cell = table.locator("tbody td a", has=page.locator(f".stance-{stance}")).first
        expect(cell).to_be_visible()
        expect(cell).to_have_text(label)  # the word, not just a coloured icon
        icon_box = cell.locator(".stance svg").bounding_box()
        assert icon_box and icon_box["width"] > 0 and icon_box["height"] > 0, f"{stance}: icon not drawn"

    # A cell takes the reader to that side's position on the issue's page.
    cell = table.locator("tbody td a[href$='issues/deported-children/#russia']")
    expect(cell).to_have_count(1)
    cell.click()
    page.wait_for_url("**/issues/deported-children/#russia", timeout=TIMEOUT)
    expect(page.locator("h3#russia")).to_be_in_viewport(timeout=TIMEOUT)
