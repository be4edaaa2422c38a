"""The built site in a real browser (Debian's Chromium through Playwright): what a reader gets.

Each test opens its own browser context on the site served from 127.0.0.1 and waits only
with bounded waits: Playwright's, or a bounded poll. Pages are picked through the site's URL
scheme (generator/urls.py), never spelled out.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from generator import load, lookups, urls, validate
from generator.messages import STANCES
from generator.validated_desk import Content

from .conftest import CONTENT, follow

STANCE_LABELS = {t.id: t.label for t in STANCES}

TIMEOUT = 60_000  # ms: a hang guard for any single wait, generous so that a busy machine passes
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

CONTENT_NOW = validate(load(CONTENT))
SLUGS = list(CONTENT_NOW.explainers)
ISTANBUL = "istanbul-talks-2025-06-02"
# A word each explainer's pages hold, for the search that must say which explainer a result
# comes from: a number only the Istanbul talks give, a word from the peace terms.
EXPLAINER_QUERIES = {ISTANBUL: "339", "what-each-side-wants": "capitulate"}
DESK_KINDS = [kind for kind, pattern in urls.PAGES.items() if "{" not in pattern]
EXPLAINER_KINDS = [kind for kind, pattern in urls.PAGES.items() if "{slug}" in pattern]


def address(page: str, at: str | None = None) -> str:
    """Where a page file (``actors/russia.md``) is served, relative to the site's root."""
    return urls.url(page) + (f"#{at}" if at else "")


@pytest.fixture(scope="module")
def content() -> Content:
    return CONTENT_NOW


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
    # Material reacts to key presses, so type like a person rather than fill(). Playwright types a
    # letter its keyboard lacks (Cyrillic, Arabic) as text alone, with no key event: the End key
    # then stands for the last key a reader's own keyboard would send.
    query = page.locator("input[data-md-component=search-query]")
    query.press_sequentially(text, delay=20)
    query.press("End")


def settled(results: Locator, attribute: str = "href") -> list[str]:
    """An attribute of every search result, once the results stop changing. Material draws the
    results of each key press as its worker answers, so a list read item by item while an earlier
    answer is redrawn can lose items under the reader: the list is read whole, in one call, until
    two reads a moment apart agree (a bounded poll)."""
    script = f"items => items.map(item => item.getAttribute({attribute!r}))"
    deadline = time.monotonic() + TIMEOUT / 1000
    last: list[str] | None = None
    while True:
        now = results.evaluate_all(script)
        if now and now == last:
            return now
        assert time.monotonic() < deadline, f"the search results kept changing: {now}"
        last = now
        results.page.wait_for_timeout(300)


def every_page_type(content: Content) -> list[str]:
    """One page of each kind: the desk's own pages, the first party's and Medinsky's actor pages,
    the first issue's and the children's issue pages, and every page of every explainer."""
    first = next(iter(content.explainers.values()))
    paths = [urls.path(kind) for kind in DESK_KINDS]
    paths += [urls.path("actor", id=first.story.parties[0]), urls.path("actor", id="vladimir-medinsky")]
    paths += [urls.path("issue", id=next(iter(content.issues))), urls.path("issue", id="deported-children")]
    paths += [urls.path(kind, slug=slug) for slug in content.explainers for kind in EXPLAINER_KINDS]
    return paths


def test_reading_the_site_requests_nothing_from_other_hosts(context: BrowserContext, site_url: str, content: Content):
    requests: list[str] = []
    failures: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failures.append(request.url))
    context.on("response", lambda response: response.status >= 400 and failures.append(f"{response.status} {response.url}"))
    page = context.new_page()

    paths = every_page_type(content)
    assert len(paths) == len(DESK_KINDS) + 4 + len(EXPLAINER_KINDS) * len(content.explainers)
    for path in paths:
        page.goto(f"{site_url}/{address(path)}", wait_until="load")
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
    medinsky = address(urls.path("actor", id="vladimir-medinsky"))
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/", wait_until="load")
        search(page, "Medinsky")
        results = page.locator(".md-search-result__item")
        expect(results.first).to_be_visible(timeout=TIMEOUT)
        to_medinsky = page.locator(f".md-search-result__item a[href*='{medinsky}']")
        expect(to_medinsky.first).to_be_visible(timeout=TIMEOUT)
        expect(to_medinsky.first).to_contain_text("Vladimir Medinsky", timeout=TIMEOUT)
        follow(page, to_medinsky.first, f"**/{medinsky}**", TIMEOUT)
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
    ukraine = address(urls.path("actor", id="ukraine"))
    expect(page.locator(f".md-search-result__item a[href*='{ukraine}']").first).to_be_visible(timeout=TIMEOUT)


def test_every_explainer_has_a_search_word_here():
    assert set(EXPLAINER_QUERIES) == set(SLUGS), "pick a word for each explainer in EXPLAINER_QUERIES"


@pytest.mark.parametrize("slug", SLUGS)
def test_a_result_from_an_explainer_page_names_the_explainer(page: Page, site_url: str, content: Content, slug: str):
    """Several explainers share words: each result from an explainer's page shows, as a tag the
    reader sees, which explainer it comes from; results from the desk's shared pages show none."""
    page.goto(f"{site_url}/", wait_until="load")
    search(page, EXPLAINER_QUERIES[slug])
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=TIMEOUT)
    own = f"/{address(urls.path('explainer', slug=slug))}"
    # The results arrive from a worker: wait for one from this explainer before reading them all.
    expect(page.locator(f".md-search-result__item > a.md-search-result__link[href*='{own}']").first).to_be_visible(timeout=TIMEOUT)

    settled(page.locator(".md-search-result__item > a.md-search-result__link"))
    seen: list[tuple[str, list[str]]] = []
    for item in results.all():
        link = item.locator("a.md-search-result__link").first
        path = urllib.parse.urlsplit(link.get_attribute("href") or "").path.lstrip("/")
        top = path.split("/", 1)[0]
        # What the reader sees of the result's first part: its tags, if any.
        tags = link.locator(".md-tag")
        if top in content.explainers:
            expect(tags).to_have_count(1)
            expect(tags.first).to_be_visible()
            expect(tags.first).to_have_text(content.explainers[top].story.title)
        else:
            expect(tags).to_have_count(0)
        seen.append((path, [t.strip() for t in tags.all_inner_texts()]))
    assert any(path.startswith(own.lstrip("/")) for path, _ in seen), seen
    assert any(not path.split("/", 1)[0] in content.explainers for path, _ in seen), (
        f"expected '{EXPLAINER_QUERIES[slug]}' to find a shared page too: {seen}"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_matrix_shows_stances_as_visible_words(page: Page, site_url: str, content: Content, slug: str):
    x = content.explainers[slug]
    view = lookups.view(content, x)
    positions = urls.path("explainer-positions", slug=slug)
    page.goto(f"{site_url}/{address(positions)}", wait_until="load")
    table = page.locator("article table").first
    expect(table).to_be_visible(timeout=TIMEOUT)
    header = table.locator("thead th")
    expect(header.first).to_have_text("Issue")
    # Each stance shown is the latest of that side on that issue in this explainer.
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for p in x.positions:
        known = latest.get((p.issue, p.actor))
        if known is None or view_order(p.date) > view_order(known[0]):
            latest[(p.issue, p.actor)] = (p.date, p.stance)
    # The parties first, then the sides with the most positions; a side with no position on
    # any issue, and an issue nobody has a position on, are named below the stances instead.
    assert [a.id for a in view.matrix_actors][: len(x.story.parties)] == list(x.story.parties)
    shown = {a.id for a in view.matrix_actors} & {actor for _, actor in latest}
    columns = [a for a in view.matrix_actors if a.id in shown]
    expect(header).to_have_count(1 + len(columns))
    for i, actor in enumerate(columns, start=1):
        expect(header.nth(i)).to_have_text(actor.name)
    expect(table.locator("tbody tr")).to_have_count(len({issue for issue, actor in latest if actor in shown}))

    used = {stance for (_, actor), (_, stance) in latest.items() if actor in shown}
    assert used, "the matrix shows no stance"
    for stance in sorted(used):
        label = STANCE_LABELS[stance]
        cell = table.locator("tbody td a", has=page.locator(f".stance-{stance}")).first
        expect(cell).to_be_visible()
        expect(cell).to_have_text(label)  # the word, not just a coloured icon
        icon_box = cell.locator(".stance svg").bounding_box()
        assert icon_box and icon_box["width"] > 0 and icon_box["height"] > 0, f"{stance}: icon not drawn"

    # A stance's note ("was: Conditional, June 2024") is small, but never under 12 px.
    sizes = table.locator(".stance-note").evaluate_all("notes => notes.map(n => parseFloat(getComputedStyle(n).fontSize))")
    assert all(size >= 12 for size in sizes), sizes
    if len({(p.issue, p.actor) for p in x.positions}) < len(x.positions):  # a stance that changed: "was: …"
        assert sizes, "no stance note measured"

    # A cell takes the reader to that side's position in the explainer's issues page.
    issue_id, actor_id = next((i, a) for i in content.issues for a in x.story.parties if (i, a) in latest)
    at = urls.anchor("position", issue=issue_id, actor=actor_id)
    target = address(urls.path("explainer-issues", slug=slug), at)
    cell = table.locator(f"tbody td a[href$='{address('issues.md', at)}']")
    expect(cell).to_have_count(1)
    expect(cell).to_have_text(STANCE_LABELS[latest[(issue_id, actor_id)][1]])
    cell.click()
    page.wait_for_url(f"**/{target}", timeout=TIMEOUT)
    # The position is folded under its line: the link opens its fold, in view.
    fold = page.locator(f"details:has([id='{at}'])")
    expect(fold).to_have_attribute("open", "", timeout=TIMEOUT)
    expect(fold).to_be_in_viewport(timeout=TIMEOUT)
    expect(fold).to_contain_text(content.actors[actor_id].name)


def view_order(date: str) -> tuple[int, ...]:
    return tuple((list(map(int, date.split("-"))) + [0, 0])[:3])
