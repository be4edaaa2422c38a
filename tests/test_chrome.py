"""The site's chrome as a reader meets it, in a real browser at 360 × 740 and 1280 × 900: a
newsroom's, not a manual's.

- every page of an explainer has a bar of the explainer's own pages at its top, the current one
  marked (aria-current), within the first screen and without making the page scroll sideways;
  the opened phone menu lists the same pages first; "Next" goes through them in order;
- the home page is a front: a card per explainer, newest first, with its headline, standfirst,
  first key number and when it was last updated, the shipped desk's within two phone screens;
- the footer names who publishes the desk (desk.yml's `publisher`), not the theme;
- the header shows the desk's name whole, or on a phone the `short_title` it declares.

The shipped desk is built once (conftest's built_site); the fictional fixture desk
(tests/fixtures/desk), which declares a short_title and a publisher with an address, here.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator import load, messages, translated, urls, validate
from generator.validated_desk import Content
from generator.values import sort_key

from .conftest import CONTENT, FIXTURES, Pages, served

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
TIMEOUT = 60_000  # ms: a hang guard for any single wait, generous so that a busy machine passes

SHIPPED = validate(load(CONTENT))
FIXTURE = FIXTURES / "desk"
SECTION_KINDS = list(messages.SECTIONS)


def address(page: str) -> str:
    return urls.url(page)


def resolved(base: str, href: str) -> str:
    """A link's target as an address relative to the site's root."""
    return urllib.parse.urlsplit(href).path.removeprefix(urllib.parse.urlsplit(base).path).lstrip("/")


@pytest.fixture(scope="module")
def fixture_site(desk_site: Path) -> Iterator[tuple[str, Content]]:
    with served(desk_site) as base:
        yield base, validate(load(FIXTURE))


@pytest.fixture(scope="module")
def climate_served(climate_site: Path) -> Iterator[tuple[str, Content]]:
    """The climate fixture's site, whose desk declares no short title."""
    with served(climate_site) as base:
        yield base, validate(load(FIXTURES / "climate"))


def open_page(pages: Pages, viewport: dict, url: str, page: Page | None = None) -> Page:
    """The page at ``url`` on the screen asked for: ``page``, of the same site and screen, taken
    there (a third cheaper in Chromium than a new page), or a new page."""
    if page is None:
        page = pages.open(url, viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    else:
        page.goto(url)
    expect(page.locator("article h1")).to_be_visible(timeout=TIMEOUT)
    return page


BAR_JS = """
nav => {
  const list = nav.querySelector('ul'), s = getComputedStyle(list), box = list.getBoundingClientRect();
  const current = nav.querySelector('[aria-current]').getBoundingClientRect();
  return {page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth,
          scrollWidth: list.scrollWidth, clientWidth: list.clientWidth, mask: s.maskImage || s.webkitMaskImage,
          fade: list.scrollWidth > list.clientWidth ? parseFloat(s.paddingRight) : 0,
          bar: [box.left, box.right], current: [current.left, current.right]};
}
"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("slug", list(SHIPPED.explainers))  # each a test of its own: the workers share them
def test_every_page_of_an_explainer_opens_with_a_bar_of_its_pages(site_url: str, pages: Pages, slug: str, viewport: str):
    size = VIEWPORTS[viewport]
    page = None
    for kind in SECTION_KINDS:
        here = address(urls.path(kind, slug=slug))
        page = open_page(pages, size, f"{site_url}/{here}", page)
        bar = page.get_by_role("navigation", name=messages.SECTIONS_LABEL)
        links = bar.get_by_role("link")
        expect(links).to_have_text(list(messages.SECTIONS.values()))
        targets = [resolved(site_url, page.evaluate("a => a.href", link)) for link in links.element_handles()]
        assert targets == [address(urls.path(k, slug=slug)) for k in SECTION_KINDS], (here, targets)
        # This page, and only this one, is marked as the current one.
        current = bar.locator("[aria-current='page']")
        expect(current).to_have_count(1)
        expect(current).to_have_text(messages.SECTIONS[kind])
        # At the top: whole within the first screen, above the headline.
        box, headline = bar.bounding_box(), page.locator("article h1").bounding_box()
        assert box and headline and box["y"] + box["height"] <= min(size["height"], headline["y"]), (here, viewport, box)
        # Between the bar and the headline of every page but the first (whose headline it is),
        # the explainer's title, leading to that first page: "Timeline" is the desk's page too.
        kicker = page.locator("article .explainer-kicker a")
        if kind == SECTION_KINDS[0]:
            expect(kicker).to_have_count(0)
        else:
            expect(kicker).to_have_text(SHIPPED.explainers[slug].story.title)
            assert resolved(site_url, kicker.evaluate("a => a.href")) == address(urls.path(SECTION_KINDS[0], slug=slug)), here
            line = kicker.bounding_box()
            assert line and box["y"] + box["height"] <= line["y"] and line["y"] + line["height"] <= headline["y"], (here, line)
        # The page never scrolls sideways. On a laptop every tab is in view; on a phone the bar
        # is one row that scrolls within itself, faded at its edges where more tabs follow,
        # with the current tab in view, clear of the fade.
        found = page.evaluate(BAR_JS, bar.element_handle())
        assert found["page"] <= found["screen"], (here, viewport, found)
        if viewport == "desktop":
            assert found["scrollWidth"] <= found["clientWidth"], (here, found)
        else:
            assert found["scrollWidth"] > found["clientWidth"] and "gradient" in found["mask"], (here, found)
        assert found["bar"][0] <= found["current"][0] and found["current"][1] <= found["bar"][1] - found["fade"], (here, viewport, found)
    page.close()


def test_the_opened_phone_menu_lists_the_explainers_pages_first(site_url: str, pages: Pages):
    slug = next(iter(SHIPPED.explainers))
    page = None
    for kind in SECTION_KINDS:
        page = open_page(pages, PHONE, f"{site_url}/{address(urls.path(kind, slug=slug))}", page)
        page.locator("label.md-header__button[for='__drawer']").click()
        menu = page.get_by_role("navigation", name="Navigation", exact=True)
        group = menu.locator(".explainer-menu")
        expect(group).to_be_in_viewport()
        expect(group.get_by_role("link")).to_have_text(list(messages.SECTIONS.values()))
        expect(group.locator("[aria-current='page']")).to_have_text(messages.SECTIONS[kind])
        # First: above the desk's own pages (Home, the latest explainers…), which are named as
        # the site's: both groups have a Timeline, a Who's who and Sources.
        items = menu.locator(":scope > ul > li")
        expect(items.first).to_have_class("md-nav__item explainer-menu")
        expect(items.nth(1)).to_have_text(messages.THEME_WORDS["across"])
        expect(items.nth(1)).to_be_visible()
        home = items.nth(2).bounding_box()
        assert home and group.bounding_box()["y"] < items.nth(1).bounding_box()["y"] < home["y"]
    page.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_next_goes_through_an_explainers_pages_in_order_and_previous_comes_back(site_url: str, pages: Pages, viewport: str):
    slug = next(iter(SHIPPED.explainers))
    order = [address(urls.path(kind, slug=slug)) for kind in SECTION_KINDS]
    page = open_page(pages, VIEWPORTS[viewport], f"{site_url}/{order[0]}")
    visited = [resolved(site_url, page.url)]
    expect(page.locator("footer a[rel='prev']")).to_have_count(0)
    while page.locator("footer a[rel='next']").count():
        page.locator("footer a[rel='next']").click()
        expect(page.locator("article h1")).to_be_visible()
        visited.append(resolved(site_url, page.url))
        assert len(visited) <= len(order), visited
    assert visited == order
    page.locator("footer a[rel='prev']").click()
    page.wait_for_url(f"{site_url}/{order[-2]}")
    page.close()


CARDS_JS = """
() => [...document.querySelectorAll('article h3.front-headline')].map(h => {
  const card = [h];
  for (let e = h.nextElementSibling; e && !e.matches('h2, h3'); e = e.nextElementSibling)
    if (e.matches('.front-standfirst, .front-number, .front-dateline')) card.push(e);
  const text = c => card.find(e => e.matches(c))?.innerText.trim() ?? null;
  return {id: h.id, headline: h.innerText.trim(), link: h.querySelector('a')?.href,
          standfirst: text('.front-standfirst'), number: text('.front-number'), dateline: text('.front-dateline'),
          cites: card.find(e => e.matches('.front-number'))?.querySelectorAll('a.cite').length};
})
"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_home_page_is_a_front_of_explainer_cards_newest_first(site_url: str, pages: Pages, viewport: str):
    page = open_page(pages, VIEWPORTS[viewport], f"{site_url}/")
    cards = page.evaluate(CARDS_JS)
    assert [card["id"] for card in cards] == [urls.anchor("explainer", slug=slug) for slug in SHIPPED.explainers]
    # Newest first, by the day each tells of.
    dates = [sort_key(x.story.date) for x in SHIPPED.explainers.values()]
    assert dates == sorted(dates, reverse=True)
    for card, x in zip(cards, SHIPPED.explainers.values()):
        key = next(f for f in x.figures.values() if f.key)
        assert card["headline"] == x.story.title
        assert resolved(site_url, card["link"]) == address(urls.path("explainer", slug=x.slug))
        assert card["standfirst"] == x.story.standfirst
        # The number, what it counts, and its sources, as everywhere a number is shown.
        assert card["number"].startswith(f"{ENGLISH.figure_value(key)}\n{key.label} "), card
        assert card["cites"] == len(key.source), card
        # "Last updated" only for a story updated after its date: else the date would be said twice.
        later = f" · Last updated {ENGLISH.date(x.story.updated)}" if x.story.updated != x.story.date else ""
        place = f"{x.story.place}, " if x.story.place else ""
        assert card["dateline"] == f"{place}{ENGLISH.date(x.story.date)}{later}", card
    # Each card is one box: its blocks are as wide as one another and follow without a gap.
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('article :is(.front-headline, .front-standfirst, .front-number, .front-dateline)')]
                 .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })"""
    )
    assert len({(left, right) for left, right, _, _ in boxes}) == 1, boxes
    page.close()


def test_the_shipped_front_fits_two_phone_screens(site_url: str, pages: Pages):
    page = open_page(pages, PHONE, f"{site_url}/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * PHONE["height"], f"the home page is {height} px tall at 360 × 740"
    page.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_footer_names_who_publishes_the_desk(site_url: str, fixture_site, pages: Pages, viewport: str):
    fixture_base, fixture = fixture_site
    shipped = SHIPPED.desk.publisher
    for base, desk, page_path in (
        (site_url, SHIPPED.desk, ""),
        (site_url, SHIPPED.desk, address(urls.path("explainer-figures", slug=next(iter(SHIPPED.explainers))))),
        (fixture_base, fixture.desk, address(urls.path("desk-actors"))),
    ):
        page = open_page(pages, VIEWPORTS[viewport], f"{base}/{page_path}")
        footer = page.locator("footer .md-copyright")
        expect(footer).to_have_text(f"{messages.PUBLISHED_BY} {desk.publisher.name}")
        expect(footer).not_to_contain_text("Made with")
        if desk.publisher.url:
            expect(footer.get_by_role("link", name=desk.publisher.name)).to_have_attribute("href", desk.publisher.url)
        else:
            expect(footer.get_by_role("link")).to_have_count(0)
        page.close()
    assert shipped is not None and shipped.url is None


TITLE_JS = """
() => {
  const e = document.querySelector('.md-header__topic:first-child > .md-ellipsis');
  return {text: e.innerText.trim(), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
          bottom: e.getBoundingClientRect().bottom, header: document.querySelector('.md-header').getBoundingClientRect().bottom};
}
"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_header_shows_the_desks_name_whole_or_its_short_title_on_a_phone(site_url: str, fixture_site, climate_served,
                                                                               pages: Pages, viewport: str):
    fixture_base, fixture = fixture_site
    climate_base, climate = climate_served
    slug = next(iter(SHIPPED.explainers))
    bulgarian = translated(SHIPPED, "bg").desk
    for base, desk, page_path in (
        (site_url, SHIPPED.desk, ""),
        (site_url, SHIPPED.desk, address(urls.path("explainer-positions", slug=slug))),
        # The Bulgarian site's header, its names translated.
        (site_url, bulgarian, "bg/" + address(urls.path("explainer-positions", slug=slug))),
        (fixture_base, fixture.desk, ""),
        (climate_base, climate.desk, ""),
    ):
        page = open_page(pages, VIEWPORTS[viewport], f"{base}/{page_path}")
        found = page.evaluate(TITLE_JS)
        shown = desk.short_title if desk.short_title and viewport == "phone" else desk.title
        assert " ".join(found["text"].split()) == shown, found
        # Not cut short: nothing of it hidden sideways, and all of it within the header.
        assert found["scrollWidth"] <= found["clientWidth"] and found["bottom"] <= found["header"], (viewport, found)
        page.close()
    assert SHIPPED.desk.short_title and bulgarian.short_title != SHIPPED.desk.short_title and climate.desk.short_title is None
