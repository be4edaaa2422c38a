"""The built desk, read the way a reader reads it: pages, tables, links, facts, search, hosts.

Everything is checked on the HTML of a real ``mkdocs build --strict`` of the shipped desk (the
``built_site`` fixture), parsed structurally with BeautifulSoup. Expectations come from the
content YAML, loaded and validated by the generator's own first two steps, plus a few concrete
facts a reader of these explainers would look for. Page addresses and anchors come from
``generator.urls``, the one place the site's URL scheme is written down.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import shutil
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator import load, urls, validate
from generator.desk_index import RECENT_CHANGES
from generator.lookups import MATRIX_COLUMNS, SHOWN
from generator.model import Position
from generator.messages import KINDS, QUALIFIERS, STANCES, STATUSES
from generator.validated_desk import Content, Explainer

from .conftest import CONTENT, FIXTURES, appears_in, covered_issues, html_file, make_project, mkdocs, named_with_parents
from .conftest import expected_dateline as worked_out_dateline
from .test_embeds import expected_embeds
from .test_structured import json_ld, walk

BASE = "http://site.invalid/"  # a stand-in origin for resolving relative links
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, data:, //host
CDN_HOSTS = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "jsdelivr")
MONTHS = list(calendar.month_name)[1:]

DESK_PAGES = {"desk-timeline": "Timeline", "desk-actors": "Who's who", "desk-issues": "The issues", "desk-sources": "Sources"}
EXPLAINER_PAGES = {
    "explainer-timeline": "Timeline",
    "explainer-actors": "Who's who",
    "explainer-issues": "The issues",
    "explainer-positions": "Where they stand",
    "explainer-figures": "The numbers",
    "explainer-sources": "Sources",
}
# Every explainer of the shipped desk, for parametrized tests (newest first).
SLUGS = list(validate(load(CONTENT)).explainers)
# The desk's languages but the first, whose sites are under /<code>/.
OTHER_LANGUAGES = tuple(validate(load(CONTENT)).desk.languages[1:])


# --------------------------------------------------------------------------- helpers: the site


def page_of(kind: str, **params: str) -> str:
    return html_file(urls.path(kind, **params))


def norm(text: str) -> str:
    """Whitespace collapsed, as a reader sees text."""
    return re.sub(r"\s+", " ", text).strip()


def page_url(rel: str) -> str:
    """The URL a page file is served at: ``actors/russia/index.html`` → ``…/actors/russia/``."""
    if rel.endswith("index.html"):
        return BASE + rel[: -len("index.html")]
    return BASE + rel


def resolve(rel: str, href: str) -> tuple[str, str]:
    """(site file, fragment) an internal link on page ``rel`` points to."""
    url = urllib.parse.urljoin(page_url(rel), href)
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, urllib.parse.unquote(parts.fragment)


def expected_date(date: str) -> str:
    """A date as a reader should see it: ``2024-06`` → ``June 2024``, ``2025-06-02`` → ``2 June 2025``."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"


def expected_dateline(story, unless_titled: bool = False) -> str | None:
    """A story's dateline (conftest.expected_dateline), its dates worded apart from the generator."""
    return worked_out_dateline(story, expected_date, unless_titled=unless_titled)


def date_order(date: str) -> tuple[int, int, int]:
    parts = [int(p) for p in date.split("-")]
    return tuple((parts + [0, 0])[:3])  # type: ignore[return-value]


def expected_number(value: float) -> str:
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def expected_value(f) -> str:
    """A figure's value as printed: qualifier words, number or the source's wording, unit, scope."""
    if f.wording:
        number = f.wording
    else:
        number = expected_number(f.value)
        if f.value_max is not None:
            number += "–" + expected_number(f.value_max)
    words = [QUALIFIERS[f.qualifier] if f.qualifier else "", number, f.unit]
    text = " ".join(w for w in words if w)
    if f.scope in ("per-side", "per-actor"):
        text += " each"
    return text


def source_name(content: Content, source_id: str) -> str:
    s = content.sources[source_id]
    return f"{s.reported_by + ' via ' if s.reported_by else ''}{s.publisher}, {expected_date(s.date)}"


def who_says(f, content: Content) -> list[str]:
    """Who a figure is attributed to: its claimants, or the outlets whose reports state it."""
    if f.claimed_by:
        return [content.actors[a].name for a in f.claimed_by]
    return [content.sources[s].reported_by or content.sources[s].publisher for s in f.source]


STANCE_LABELS = {t.id: t.label for t in STANCES}


def set_out_in(content: Content, p: Position) -> str:
    """What follows a position's summary where a document sets it out (as ``visible`` reads it)."""
    return f" Set out in {norm(content.documents[p.document].title)} ." if p.document else ""


def said(content: Content, p: Position) -> str:
    """What follows a position's summary on its holder's page where it has a quote."""
    if not p.quote:
        return ""
    return f" “{norm(p.quote)}”" + (f" — {norm(content.actors[p.said_by].name)}" if p.said_by else "")


def label(stance: str) -> str:
    return STANCE_LABELS[stance]


def article(soup: BeautifulSoup) -> Tag:
    found = soup.find("article")
    assert found is not None, "page has no <article>"
    return found


# What no reader gets: permalink pilcrows, icons, scripts, and the words a section answers to
# in search (hidden: generator/search.py).
UNREAD = "a.headerlink, svg, script, style, [hidden]"
# What a screen reader gets but no one sees: the rest of a citation's name, a stance's full name;
# and what is shown only on a phone: the actor beside each stance of a stacked table.
UNSEEN = ".visually-hidden, .stance-who"


def visible(tag: Tag) -> str:
    """The text of ``tag`` a reader gets: no permalink pilcrows, icons, scripts or search-only
    words. Citations read in full, "Source: Reuters via BTA, 2 June 2025", as screen readers
    read them."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for junk in tag.select(UNREAD):
        junk.decompose()
    # A citation's parts are one name: "Reuters via BTA" and ", 2 June 2025" meet without a space.
    for cite in tag.select("a.cite"):
        cite.string = cite.get_text("")
    return norm(tag.get_text(" "))


def reported_before(x: Explainer, date: str) -> bool:
    """Whether a stance of ``date`` was reported before the story's day, as precisely as its
    date says ("2025-03" is not before 4 March 2025)."""
    return date_order(date) < date_order(x.story.date) and not x.story.date.startswith(date)


def stance_date(x: Explainer, date: str) -> str:
    """A stance's date after it on the line that folds it: only when reported before the story's day."""
    return f" · {expected_date(date)}" if reported_before(x, date) else ""


def lead(soup: BeautifulSoup, anchor: str) -> str:
    """The first paragraph of a section, as ``line`` reads it ("" when it has none)."""
    return next((line(t) for t in section(soup, anchor) if t.name == "p"), "")


def line(tag: Tag) -> str:
    """One line of text as a reader reads it: inline markup (bold, links) adds no spaces."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for junk in tag.select(UNREAD):
        junk.decompose()
    return norm(tag.get_text(""))


def on_screen(tag: Tag) -> str:
    """What a reader sees of ``tag`` on a wide screen: no text meant only for screen readers."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for junk in tag.select(f"{UNREAD}, {UNSEEN}"):
        junk.decompose()
    return norm(tag.get_text(""))


def section(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    """The heading with id ``anchor`` and everything after it up to the next heading of its level or above."""
    heading = soup.find(id=anchor)
    assert heading is not None, f"no element with id={anchor!r}"
    assert re.fullmatch(r"h[1-6]", heading.name), f"#{anchor} is a <{heading.name}>, not a heading"
    level = int(heading.name[1])
    # In a fold, the line it folds under comes first: what a reader sees before opening it.
    tags = [heading.parent.summary, heading] if heading.parent.name == "details" else [heading]
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        tags.append(sibling)
    return tags


def h3s(tags: list[Tag]) -> list[Tag]:
    """The subheadings among ``tags``, those in folds too (an actor's position on an issue)."""
    return [h for t in tags for h in ([t] if t.name == "h3" else t.find_all("h3"))]


def section_text(soup: BeautifulSoup, anchor: str) -> str:
    return norm(" ".join(visible(t) for t in section(soup, anchor)))


def section_links(rel: str, soup: BeautifulSoup, anchor: str) -> set[tuple[str, str]]:
    links = set()
    for tag in section(soup, anchor):
        links |= links_from(rel, tag)
    return links


def section_items(soup: BeautifulSoup, anchor: str) -> list[str]:
    """The text of each list item in a section, as a reader reads it."""
    return [line(li) for tag in section(soup, anchor) for li in tag.find_all("li")]


def section_tables(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    return [t for tag in section(soup, anchor) for t in ([tag] if tag.name == "table" else tag.find_all("table"))]


def section_cards(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    return [card for tag in section(soup, anchor) for card in tag.select(".number-card")]


def links_from(rel: str, soup: BeautifulSoup | Tag) -> set[tuple[str, str]]:
    """Every internal link in ``soup`` as (site file, fragment), but a heading's permalink to itself."""
    return {
        resolve(rel, a["href"])
        for a in soup.find_all("a", href=True)
        if not EXTERNAL.match(a["href"]) and "headerlink" not in (a.get("class") or [])
    }


def table_rows(table: Tag) -> tuple[list[Tag], list[list[Tag]]]:
    header = table.find("thead").find("tr").find_all(["th", "td"])
    rows = [tr.find_all(["td", "th"]) for tr in table.find("tbody").find_all("tr")]
    return header, rows


def stance_table(table: Tag) -> tuple[list[Tag], list[list[Tag]]]:
    """A table of stances: every column headed by a header cell for the column, every row by one
    for the row; the cells of the rows, their header first."""
    header, rows = table_rows(table)
    assert all(th.name == "th" and th.get("scope") == "col" for th in header), header
    for row in rows:
        assert row[0].name == "th" and row[0].get("scope") == "row", row[0]
        assert all(td.name == "td" for td in row[1:])
    return header, rows


def cited(content: Content, ids: list[str]) -> str:
    """What a claim's citations read, one per source: "Source: Reuters via BTA, 2 June 2025"."""
    return " ".join(f"Source: {source_name(content, s)}" for s in ids)


def card_parts(card: Tag) -> dict[str, Tag]:
    """A number's card, by part: its value, label, status and source."""
    return {part: card.select_one(f".number-card__{part}") for part in ("value", "label", "status", "source")}


def check_card(card: Tag, rel: str, f, x: Explainer, content: Content) -> None:
    """A number as a card: its value as the source words it, what it counts linked to its own
    section of the numbers page, its status in a word beside its icon, who says so and its
    sources, linked to the explainer's sources page."""
    parts = card_parts(card)
    assert visible(parts["value"]) == norm(expected_value(f)), f.id
    assert visible(parts["label"]) == norm(f.label), f.id
    assert links_from(rel, parts["label"]) == {(page_of("explainer-figures", slug=x.slug), urls.anchor("figure", id=f.id))}
    assert visible(parts["status"]) == STATUSES[f.status][0], f.id
    assert parts["status"].find(class_=f"status-{f.status}").find("svg") is not None, f"{f.id}: no status icon"
    # "6,000 bodies each" says each of whom on the card too.
    whom = card.select_one(".number-card__for")
    if f.scope in ("per-side", "per-actor"):
        ids = x.story.parties if f.scope == "per-side" else f.actors
        assert whom is not None and visible(whom) == norm("for each of " + " and ".join(
            [", ".join(content.actors[a].sentence_name for a in ids[:-1]), content.actors[ids[-1]].sentence_name]
            if len(ids) > 1 else [content.actors[ids[0]].sentence_name])), f.id
    else:
        assert whom is None, f.id
    # Cards that all have the same sources name them once, in one line under the cards.
    shared = card.find_parent("ul").find_next_sibling("p", class_="number-cards__source")
    cites = shared if shared is not None else parts["source"]
    if f.claimed_by or f.document:
        for name in who_says(f, content):
            assert norm(name) in visible(parts["source"]), f.id
    assert visible(cites).endswith(cited(content, f.source)), f.id
    assert links_from(rel, cites) == {
        (page_of("explainer-sources", slug=x.slug), urls.anchor("source", id=s)) for s in f.source
    }, f.id


def list_items(soup: BeautifulSoup | Tag) -> list[Tag]:
    """The items of the lists that name one thing each, in bold: an actor, an issue, a position."""
    return [li for li in soup.find_all("li") if li.find("strong") and li.find("strong").find("a")]


# --------------------------------------------------------------------------- helpers: what the content says


def explainer_pages(slug: str) -> dict[str, str]:
    """kind → HTML file of each of an explainer's pages."""
    return {kind: page_of(kind, slug=slug) for kind in urls.PAGES if kind.startswith("explainer")}


def latest_first(positions: list[Position]) -> list[Position]:
    return sorted(positions, key=lambda p: date_order(p.date), reverse=True)


def positions_of(x: Explainer, issue_id: str, actor_id: str) -> list[Position]:
    """One side's positions on an issue in one explainer, latest first."""
    return latest_first([p for p in x.positions if p.issue == issue_id and p.actor == actor_id])


def current(x: Explainer, issue_id: str, actor_id: str) -> Position | None:
    found = positions_of(x, issue_id, actor_id)
    return found[0] if found else None


def earlier_stance(x: Explainer, issue_id: str, actor_id: str) -> Position | None:
    """The latest earlier position with another stance, when the side's stance changed."""
    found = positions_of(x, issue_id, actor_id)
    return next((p for p in found[1:] if p.stance != found[0].stance), None) if found else None



def whos_who_order(content: Content, x: Explainer) -> list[str]:
    """The story's cast first, in its order, then everyone else in the registry's order."""
    cast = [c.actor for c in x.story.actors]
    return cast + [a for a in content.actors if a not in cast]




def cast_of(x: Explainer, actor_id: str):
    return next((c for c in x.story.actors if c.actor == actor_id), None)


def history(content: Content, issue_id: str) -> dict[str, list[tuple[str, str, list[tuple[Explainer, Position]]]]]:
    """actor → the stances they took on an issue across the desk, latest first:
    (date, stance, [(explainer, position) reporting it]); actors in the registry's order."""
    said: dict[str, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
    for x in content.explainers.values():
        for p in x.positions:
            if p.issue == issue_id:
                said[p.actor][(p.date, p.stance)].append((x, p))
    return {
        actor_id: [(d, s, reports) for (d, s), reports in sorted(said[actor_id].items(), key=lambda i: date_order(i[0][0]), reverse=True)]
        for actor_id in content.actors
        if actor_id in said
    }


def stance_lines(stances: list[tuple[str, str, list]]) -> list[str]:
    """Each stance as an issue's page shows it, latest first, with what it was when it changed."""
    lines = []
    for i, (date, stance, _) in enumerate(stances):
        text = f"{label(stance)} · {expected_date(date)}"
        if i + 1 < len(stances) and stances[i + 1][1] != stance:
            before = stances[i + 1]
            text += f" · was: {label(before[1])}, {expected_date(before[0])}"
        lines.append(text)
    return lines


def citing(x: Explainer) -> Iterator[tuple[str, object]]:
    """(kind, item) for everything in an explainer that cites a source."""
    story = x.story
    for kind, items in (
        ("cast", story.actors),
        ("positions", x.positions),
        ("figures", x.figures.values()),
        ("events", x.events.values()),
        ("notes", [*story.summary, *story.unknowns, *story.next]),
    ):
        for item in items:
            yield kind, item


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


@pytest.fixture(scope="module")
def html_files(built_site: Path) -> list[str]:
    """The default language's pages: this module reads the English site (each other language's,
    under /<code>/, has the same pages: test_the_site_has_exactly_the_pages_of_the_content)."""
    return sorted(rel for p in built_site.rglob("*.html")
                  if (rel := p.relative_to(built_site).as_posix()).split("/")[0] not in OTHER_LANGUAGES)


@pytest.fixture(scope="module")
def pages(built_site: Path, html_files: list[str]) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site, parsed, by its path in the site folder."""
    return {rel: BeautifulSoup((built_site / rel).read_text(encoding="utf-8"), "html.parser") for rel in html_files}


@pytest.fixture(scope="module")
def page_texts(pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    """The visible article text of every page."""
    return {rel: visible(article(soup)) for rel, soup in pages.items() if rel != "404.html"}


@pytest.fixture(scope="module")
def site_text(page_texts: dict[str, str]) -> str:
    """The visible article text of every page, one string."""
    return " \n ".join(page_texts.values())


def get(pages: dict[str, BeautifulSoup], rel: str) -> BeautifulSoup:
    assert rel in pages, f"the site has no page {rel}"
    return pages[rel]


def h1(soup: BeautifulSoup) -> str:
    headings = article(soup).find_all("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    return visible(headings[0])


# --------------------------------------------------------------------------- pages and titles


def test_home_page_is_the_desk_hub(pages, content):
    soup = get(pages, page_of("desk"))
    assert h1(soup) == norm(content.desk.title)
    assert norm(content.desk.description) in visible(article(soup))
    assert norm(soup.title.get_text()) == norm(content.desk.title)


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_overview_has_the_explainer_title(pages, content, slug):
    x = content.explainers[slug]
    soup = get(pages, page_of("explainer", slug=slug))
    assert h1(soup) == norm(x.story.title)
    text = visible(article(soup))
    assert norm(x.story.standfirst) in text
    # The place and date under the title, unless the title gives them ("…in Istanbul, 2 June 2025").
    dateline = article(soup).find_all(class_="explainer-dateline")
    assert [visible(d) for d in dateline] == [d for d in [expected_dateline(x.story, unless_titled=True)] if d]
    assert norm(soup.title.get_text()) == f"{norm(x.story.title)} - {norm(content.desk.title)}"


@pytest.mark.parametrize("kind, title", sorted(DESK_PAGES.items()))
def test_desk_page_exists_with_its_title(pages, content, kind, title):
    soup = get(pages, page_of(kind))
    assert h1(soup) == title
    assert norm(soup.title.get_text()) == f"{title} - {norm(content.desk.title)}"


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("kind, title", sorted(EXPLAINER_PAGES.items()))
def test_explainer_page_exists_with_its_title_and_its_explainer(pages, content, slug, kind, title):
    """Each of an explainer's pages is titled for what it is and names its explainer in the browser's title."""
    x = content.explainers[slug]
    soup = get(pages, page_of(kind, slug=slug))
    assert h1(soup) == title
    assert norm(soup.title.get_text()) == f"{title} · {norm(x.story.title)} - {norm(content.desk.title)}"


def test_every_actor_has_a_page_titled_with_their_name(pages, content):
    for actor in content.actors.values():
        assert h1(get(pages, page_of("actor", id=actor.id))) == norm(actor.name), actor.id


def test_every_issue_has_a_page_titled_with_its_title(pages, content):
    for issue in content.issues.values():
        soup = get(pages, page_of("issue", id=issue.id))
        assert h1(soup) == norm(issue.title), issue.id
        assert norm(issue.question) in visible(article(soup))


def test_the_site_has_exactly_the_pages_of_the_content(html_files, content, built_site):
    expected = {page_of(kind) for kind, pattern in urls.PAGES.items() if "{" not in pattern}
    expected |= {page_of("actor", id=a) for a in content.actors}
    expected |= {page_of("issue", id=i) for i in content.issues}
    for slug in content.explainers:
        expected |= set(explainer_pages(slug).values())
    # And an embed page for each of its pictures and tables (tests/test_embeds.py says which).
    expected |= {urls.url(path) + "index.html" for path in expected_embeds(content)}
    assert set(html_files) == expected | {"404.html"}
    # The same pages in each other language, under /<code>/.
    for code in OTHER_LANGUAGES:
        assert {p.relative_to(built_site / code).as_posix() for p in (built_site / code).rglob("*.html")} == expected | {"404.html"}


def _in_explainers(n: int) -> str:
    # An actor or issue of the shared registry that no explainer names yet is said so in words.
    return f"in {n} explainer{'s' if n != 1 else ''}" if n else "in no explainer yet"


def test_desk_index_pages_list_every_actor_and_issue(pages, content):
    rel = page_of("desk-actors")
    soup = get(pages, rel)
    by_page = {}
    for item in list_items(article(soup)):
        (target,) = links_from(rel, item)
        by_page[target] = item
    assert set(by_page) == {(page_of("actor", id=a), "") for a in content.actors}
    for actor in content.actors.values():
        item = by_page[(page_of("actor", id=actor.id), "")]
        n = len(appears_in(content, actor.id))
        assert line(item) == f"{norm(actor.name)}: {norm(actor.role or actor.description)} · {_in_explainers(n)}"

    rel = page_of("desk-issues")
    items = list_items(article(get(pages, rel)))
    assert [visible(item.find("strong")) for item in items] == [norm(i.title) for i in content.issues.values()]
    for item, issue in zip(items, content.issues.values()):
        assert links_from(rel, item) == {(page_of("issue", id=issue.id), "")}
        # "Not stated" (a stance of tone unknown) is no position.
        unknown = {t.id for t in content.stances.values() if t.tone == "unknown"}
        sides = len({p.actor for x in content.explainers.values() for p in x.positions if p.issue == issue.id and p.stance not in unknown})
        covering = len([x for x in content.explainers.values() if issue.id in covered_issues(content, x)])
        assert line(item) == (
            f"{norm(issue.title)}: {norm(issue.question)} · "
            f"{f'{sides} actor' + ('s' if sides != 1 else '') if sides else 'no actor'} with a position, {_in_explainers(covering)}"
        ), issue.id


# --------------------------------------------------------------------------- the desk's home page


def test_hub_lists_every_explainer_newest_first(pages, content):
    rel = page_of("desk")
    soup = get(pages, rel)
    explainers = list(content.explainers.values())
    # Newest first: by the date of the events, then by the last update.
    keys = [(date_order(x.story.date), date_order(x.story.updated)) for x in explainers]
    assert keys == sorted(keys, reverse=True)
    anchors = [urls.anchor("explainer", slug=x.slug) for x in explainers]
    listed = [h["id"] for h in article(soup).find_all("h3") if h.get("id", "").startswith("explainer-")]
    assert listed == anchors
    for x, anchor in zip(explainers, anchors):
        story = x.story
        heading = soup.find(id=anchor)
        assert visible(heading) == norm(story.title)
        assert links_from(rel, heading) == {(page_of("explainer", slug=x.slug), "")}
        text = section_text(soup, anchor)
        assert norm(story.standfirst) in text
        dateline = [t for t in section(soup, anchor) if "front-dateline" in (t.get("class") or [])]
        assert [line(t) for t in dateline] == [expected_dateline(story)]


def test_hub_lists_the_recent_changes_newest_first(pages, content):
    rel = page_of("desk")
    soup = get(pages, rel)
    changes = [(x, c) for x in content.explainers.values() for c in x.story.changes]
    changes.sort(key=lambda xc: date_order(xc[1].date), reverse=True)
    assert changes, "the shipped desk has a change log"
    expected = changes[:RECENT_CHANGES]
    items = [li for t in section(soup, urls.anchor("changes")) for li in t.find_all("li")]
    assert [line(li) for li in items] == [
        f"{expected_date(c.date)}, {norm(x.story.title)}: {'Correction: ' if c.correction else ''}{norm(c.text)}" for x, c in expected
    ]
    for li, (x, _) in zip(items, expected):
        assert links_from(rel, li) == {(page_of("explainer", slug=x.slug), urls.anchor("changes"))}


def test_hub_links_to_every_desk_page(pages):
    rel = page_of("desk")
    linked = links_from(rel, article(get(pages, rel)))
    for kind in DESK_PAGES:
        assert (page_of(kind), "") in linked, kind


# --------------------------------------------------------------------------- the matrix and the glance table


def held(content: Content, x: Explainer, issue_ids: list[str], actor_ids: list[str]) -> tuple[list[str], list[str]]:
    """The issues and actors a stance table shows: those with a position in it, "Not stated"
    (tone unknown) being none. The rest are named once under it, not drawn as rows or columns
    of empty cells or of "Not stated" alone."""

    def gives(i: str, a: str) -> bool:
        p = current(x, i, a)
        return p is not None and content.stances[p.stance].tone != "unknown"

    return (
        [i for i in issue_ids if any(gives(i, a) for a in actor_ids)],
        [a for a in actor_ids if any(gives(i, a) for i in issue_ids)],
    )


def matrix_actor_ids(content: Content, x: Explainer) -> list[str]:
    """The parties first, then the other sides with positions, most issues first (who's-who
    order among equals). The shipped explainers have few enough sides to show them all."""
    counts = Counter(actor for _, actor in {(p.issue, p.actor) for p in x.positions})
    parties = list(x.story.parties)
    others = [a for a in whos_who_order(content, x) if a in counts and a not in parties]
    others.sort(key=lambda a: -counts[a])
    assert len(parties) + len(others) <= MATRIX_COLUMNS
    return parties + others


def check_stance_cell(cell: Tag, rel: str, x: Explainer, issue_id: str, actor_id: str, pages, content: Content) -> None:
    """A stance shown as icon + word, linked to that side's position on the explainer's issues
    page, and what it was when it changed."""
    position = current(x, issue_id, actor_id)
    where = f"{x.slug}: {actor_id} on {issue_id}"
    actor, issue = content.actors[actor_id], content.issues[issue_id]
    # Whose stance it is, shown beside it where the table is stacked (on a phone).
    assert visible(cell.find(class_="stance-who")) == norm(actor.name), where
    if position is None:
        # No dash: blank in the table, left out of a phone's card, whose header names it.
        assert on_screen(cell) == "" and "stance-none" in cell["class"], where
        # Said in full, whose and on what: a stacked table may not read as a table.
        assert visible(cell.find(class_="visually-hidden")) == f"{norm(actor.name)} on {norm(issue.title)}: no position reported", where
        assert cell.find("a") is None, where
        return
    word = label(position.stance)
    links = cell.find_all("a", href=True)
    assert len(links) == 1, f"{where}: expected one link in the cell"
    target, fragment = resolve(rel, links[0]["href"])
    assert (target, fragment) == (page_of("explainer-issues", slug=x.slug), urls.anchor("position", issue=issue_id, actor=actor_id))
    # Named in full for a screen reader, which hears the link's name out of the table too.
    assert links[0]["aria-label"] == f"{norm(actor.name)} on {norm(issue.title)}: {word}", where
    # Never colour alone: an icon *and* the stance's word.
    icon = cell.find(class_="stance")
    assert icon is not None and icon.find("svg") is not None, f"{where}: no icon"
    assert f"stance-{position.stance}" in icon["class"]
    before = earlier_stance(x, issue_id, actor_id)
    # In brackets: its date when it was reported before the story's, and what it was.
    notes = [expected_date(position.date)] if reported_before(x, position.date) else []
    notes += [f"was: {label(before.stance)}, {expected_date(before.date)}"] if before else []
    assert on_screen(cell) == (f"{word} ({'; '.join(notes)})" if notes else word), where
    # The link's target exists and shows the same stance (dated as the cell is).
    target_soup = get(pages, target)
    text = section_text(target_soup, fragment)
    assert f"{norm(actor.name)}: {word}{stance_date(x, position.date)}" in text, where


@pytest.mark.parametrize("slug", SLUGS)
def test_matrix_is_a_table_of_sides_by_issues(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer-positions", slug=slug)
    soup = get(pages, rel)
    tables = article(soup).find_all("table")
    assert len(tables) == 1, "the matrix is not one <table>"
    header, rows = stance_table(tables[0])
    issues, actor_ids = held(content, x, covered_issues(content, x), matrix_actor_ids(content, x))

    assert visible(header[0]) == "Issue"
    assert [visible(th) for th in header[1:]] == [norm(content.actors[a].name) for a in actor_ids]
    for th, actor_id in zip(header[1:], actor_ids):
        assert links_from(rel, th) == {(page_of("actor", id=actor_id), "")}

    assert [visible(r[0].a) for r in rows] == [norm(content.issues[i].title) for i in issues]
    for row, issue_id in zip(rows, issues):
        assert links_from(rel, row[0]) == {(page_of("explainer-issues", slug=slug), urls.anchor("issue", id=issue_id))}
        assert len(row) == len(actor_ids) + 1, issue_id
        for cell, actor_id in zip(row[1:], actor_ids):
            check_stance_cell(cell, rel, x, issue_id, actor_id, pages, content)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_position_is_in_the_matrix(pages, content, slug):
    x = content.explainers[slug]
    shown = set(matrix_actor_ids(content, x))
    assert {p.actor for p in x.positions} <= shown
    rel = page_of("explainer-positions", slug=slug)
    linked = links_from(rel, article(get(pages, rel)))
    for p in x.positions:
        target = (page_of("explainer-issues", slug=slug), urls.anchor("position", issue=p.issue, actor=p.actor))
        assert target in linked, f"{p.actor} on {p.issue}"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_matrix_legend_gives_each_stance_the_explainer_uses_and_no_other(pages, content, slug):
    text = section_text(get(pages, page_of("explainer-positions", slug=slug)), "what-the-stances-mean")
    used = {p.stance for p in content.explainers[slug].positions}
    # Each stance the explainer gives once, in the vocabulary's order, as "label: legend."
    said = [term for term in STANCES if f"{term.label}: {term.legend}." in text]
    assert [term.id for term in said] == [term.id for term in STANCES if term.id in used]
    assert [text.index(f"{term.label}: {term.legend}.") for term in said] == sorted(text.index(f"{term.label}: {term.legend}.") for term in said)
    assert "No stance shown: no position reported on this issue." in text
    # It points below the table only when something is named there.
    named_below = article(get(pages, page_of("explainer-positions", slug=slug))).select(".stance-table__left-out")
    assert ("is named below the stances" in text) == bool(named_below)


def test_a_number_drawn_as_a_chart_is_unfolded_and_every_other_folded(pages):
    # The numbers page folds each number in full under its line; a chart folded away would
    # never be seen, so the fold that holds one is open from the start.
    drawn = 0
    for slug in SLUGS:
        folds = get(pages, page_of("explainer-figures", slug=slug)).select("article details.fold")
        assert folds, slug
        for fold in folds:
            chart = fold.select_one("figure[id^='chart-']")
            assert fold.has_attr("open") == bool(chart), (slug, fold.find("summary").get_text())
            drawn += bool(chart)
    assert drawn, "the shipped desk draws a number"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_numbers_legend_gives_each_status_the_explainer_uses_and_no_other(pages, content, slug):
    text = section_text(get(pages, page_of("explainer-figures", slug=slug)), "what-the-statuses-mean")
    used = {f.status for f in content.explainers[slug].figures.values()}
    assert [name for name, (label, meaning) in STATUSES.items() if f"{label}: {meaning}." in text] == [
        name for name in STATUSES if name in used
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_overview_glance_table_shows_the_parties(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer", slug=slug)
    soup = get(pages, rel)
    tables = section_tables(soup, "where-they-stand-at-a-glance")
    assert len(tables) == 1
    header, rows = stance_table(tables[0])
    issues, parties = held(content, x, covered_issues(content, x), list(x.story.parties))
    assert [visible(th) for th in header] == ["Issue"] + [norm(content.actors[a].name) for a in parties]
    assert [visible(r[0].a) for r in rows] == [norm(content.issues[i].title) for i in issues]
    for row, issue_id in zip(rows, issues):
        assert len(row) == len(parties) + 1
        assert links_from(rel, row[0]) == {(page_of("explainer-issues", slug=slug), urls.anchor("issue", id=issue_id))}
        for cell, actor_id in zip(row[1:], parties):
            check_stance_cell(cell, rel, x, issue_id, actor_id, pages, content)
    # An issue no party gives a stance on ("Not stated" by both, or no position at all) is named
    # once below the table, not drawn as a row of nothing to see.
    below = " ".join(norm(t.get_text(" ")) for tag in section(soup, "where-they-stand-at-a-glance")
                     for t in ([tag] if "stance-table__left-out" in (tag.get("class") or []) else tag.select(".stance-table__left-out")))
    left_out = [i for i in covered_issues(content, x) if i not in issues]
    assert ("No position reported" in below) == bool(left_out), below
    assert all(norm(content.issues[i].title) in below for i in left_out), (left_out, below)
    # It says whose stances it lacks when someone else gives one: "for Russia or Ukraine", not
    # that there is none (the United States threatens sanctions).
    others = {a for i in left_out for a in {p.actor for p in x.positions} - set(x.story.parties)
              if (p := current(x, i, a)) and content.stances[p.stance].tone != "unknown"}
    if left_out:
        names = " or ".join(norm(content.actors[a].name) for a in x.story.parties)
        assert (f"No position reported for {names} on:" in below) == bool(others), below
        assert ("No position reported on:" in below) == (not others), below


# --------------------------------------------------------------------------- links


def test_every_internal_link_and_fragment_resolves(built_site, pages):
    problems = []
    for rel, soup in pages.items():
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                href = element[attr]
                if EXTERNAL.match(href):
                    continue
                target, fragment = resolve(rel, href)
                if not (built_site / target).is_file():
                    problems.append(f"{rel}: <{tag} {attr}={href!r}> → missing {target}")
                    continue
                if fragment and target.endswith(".html"):
                    target_soup = pages[target]
                    if target_soup.find(id=fragment) is None and target_soup.find(attrs={"name": fragment}) is None:
                        problems.append(f"{rel}: <{tag} {attr}={href!r}> → {target} has no #{fragment}")
    assert not problems, "\n".join(problems)


def test_every_page_is_reachable_by_links_from_the_home_page(pages, content):
    home = page_of("desk")
    seen, todo = {home}, [home]
    while todo:
        rel = todo.pop()
        for target, _ in links_from(rel, pages[rel]):
            if target in pages and target not in seen:
                seen.add(target)
                todo.append(target)
    # Embed pages are for other sites' frames: the code beside each block leads to them
    # (tests/test_embeds.py), no link does.
    embeds = {urls.url(path) + "index.html" for path in expected_embeds(content)}
    assert embeds and not embeds & seen
    assert set(pages) - {"404.html"} - embeds <= seen


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_pages_link_to_each_other(pages, slug):
    files = explainer_pages(slug)
    for kind, rel in files.items():
        linked = links_from(rel, article(get(pages, rel)))
        for other_kind, other in files.items():
            if other_kind != kind:
                assert (other, "") in linked, f"{kind} → {other_kind}"


# --------------------------------------------------------------------------- actors ↔ issues ↔ figures ↔ events ↔ sources


def test_actor_pages_say_who_they_are_and_whom_they_belong_to(pages, content):
    for actor in content.actors.values():
        rel = page_of("actor", id=actor.id)
        soup = get(pages, rel)
        linked = links_from(rel, article(soup))
        text = visible(article(soup))
        assert norm(actor.description) in text, actor.id
        if actor.role:
            assert norm(actor.role) in text, actor.id
        for alias in actor.aliases:
            assert norm(alias) in text, actor.id
        for source_id in actor.source:
            assert (page_of("desk-sources"), urls.anchor("source", id=source_id)) in linked, actor.id
        for membership in actor.memberships:
            other = page_of("actor", id=membership.of)
            # Its role there, unless it is the role the page opens with: said once.
            said = norm(content.actors[membership.of].name) if membership.role == actor.role else f"{norm(membership.role)}: {norm(content.actors[membership.of].name)}"
            assert said in section_items(soup, "part-of")
            assert (other, "") in section_links(rel, soup, "part-of"), f"{actor.id} → member of {membership.of}"
            other_soup = get(pages, other)
            assert (rel, "") in section_links(other, other_soup, "members-and-representatives"), f"{membership.of} → member {actor.id}"
            assert f"{norm(actor.name)}: {norm(membership.role)}" in section_items(other_soup, "members-and-representatives")


def test_actor_page_lists_every_explainer_it_appears_in_with_its_role_and_positions(pages, content):
    for actor in content.actors.values():
        rel = page_of("actor", id=actor.id)
        soup = get(pages, rel)
        expected = appears_in(content, actor.id)
        listed = [h["id"] for h in article(soup).find_all("h3") if h.get("id", "").startswith("explainer-")]
        assert listed == [urls.anchor("explainer", slug=x.slug) for x in expected], actor.id
        for x in expected:
            slug, anchor = x.slug, urls.anchor("explainer", slug=x.slug)
            where = f"{actor.id} in {slug}"
            heading = soup.find(id=anchor)
            assert visible(heading) == norm(x.story.title), where
            assert links_from(rel, heading) == {(page_of("explainer", slug=slug), "")}, where
            text = section_text(soup, anchor)
            links = section_links(rel, soup, anchor)
            # The explainer's date, said once: first under its title, unless the title gives it.
            date = expected_date(x.story.date)
            after_title = text.removeprefix(norm(x.story.title)).lstrip()
            assert after_title.startswith(date) == (date not in norm(x.story.title)), where
            cast = cast_of(x, actor.id)
            # The role it had in this story; their lasting role is said once, at the top of the
            # page, and not again at the start of this one ("Kremlin adviser and head of …").
            if cast and cast.role == actor.role:
                # Their role here is the one at the top of the page: not said again. With no
                # date and no description either, the line says the story names them, before
                # its sources, rather than the sources alone.
                assert norm(actor.role) not in text, where
                named = not cast.description and date in norm(x.story.title)
                assert after_title.startswith("Named in this explainer. Source:") == named, where
            elif cast:
                role = cast.role.removeprefix(f"{actor.role} and ") if actor.role else cast.role
                assert norm(role[:1].upper() + role[1:]) in text, where
            if cast:
                if cast.description:
                    assert norm(cast.description) in text, where
                for source_id in cast.source:
                    assert (page_of("desk-sources"), urls.anchor("source", id=source_id)) in links, where
                for membership in cast.memberships:
                    assert f"{norm(membership.role)}: {norm(content.actors[membership.of].name)}" in text, where
                    assert (page_of("actor", id=membership.of), "") in links, where

            # Their dated positions in this explainer: issue, stance and date, then the summary
            # and its sources.
            own = [p for p in x.positions if p.actor == actor.id]
            # (The words they said for others, each a list item around the quote, are listed
            # apart, after them; their own positions' quotes end those positions' summaries.)
            items = [li for t in section(soup, anchor) for li in list_items(t) if not li.find("blockquote")]
            assert len(items) == len(own), where
            voiced = [p for p in x.positions if p.quote and p.said_by == actor.id != p.actor]
            quotes = [visible(q) for t in section(soup, anchor) for q in t.find_all("blockquote")]
            assert len(quotes) == len(voiced) and all(f"“{norm(p.quote)}”" in q for p, q in zip(voiced, quotes)), where
            # Each with its sources, or the run of positions from the same sources it ends.
            summaries = [visible(li.find("p").find_next_sibling("p")) for li in items]
            assert not items or items[-1].find("p").find_next_sibling("p").select("a.cite"), where
            shown = sorted((line(li.find("p")), s) for li, s in zip(items, summaries))
            wanted = sorted(
                (f"{norm(content.issues[p.issue].title)}: {label(p.stance)} · {expected_date(p.date)}",
                 # The document that sets it out, when there is one, then its sources.
                 f"{norm(p.summary)}{set_out_in(content, p)}{said(content, p)}")
                for p in own
            )
            markers = {" " + cited(content, p.source) for p in own}
            bare = sorted((head, next((s.removesuffix(m) for m in markers if s.endswith(m)), s)) for head, s in shown)
            assert bare == wanted, where
            order = list(content.issues)
            titles = {norm(i.title): i.id for i in content.issues.values()}
            positions_order = [order.index(titles[visible(li.find("strong"))]) for li in items]
            assert positions_order == sorted(positions_order), f"{where}: issues out of the registry's order"
            for li in items:
                issue_id = titles[visible(li.find("strong"))]
                assert links_from(rel, li.find("strong")) == {(page_of("issue", id=issue_id), urls.anchor("stances", id=actor.id))}, where
                assert li.find("p").find(class_="stance").find("svg") is not None, where
            for p in x.positions:
                if p.said_by == actor.id and p.actor != actor.id:
                    assert (page_of("actor", id=p.actor), "") in links, f"{where}: spoke for {p.actor} on {p.issue}"
                    assert (page_of("issue", id=p.issue), urls.anchor("stances", id=p.actor)) in links, where
                    assert f"({label(p.stance)}, {expected_date(p.date)})" in text, where
            for f in x.figures.values():
                if actor.id in f.claimed_by:
                    assert (page_of("explainer-figures", slug=slug), urls.anchor("figure", id=f.id)) in links, f"{where} → {f.id}"
                    # The number, then what it counts: its label as the figures page writes it
                    # (a label starts with a capital, so it follows a " · ", not a comma).
                    assert f"{norm(expected_value(f))} · {norm(f.label)}" in text, where
            for e in x.events.values():
                if actor.id in e.actors:
                    assert (page_of("explainer-timeline", slug=slug), urls.anchor("event", id=e.id)) in links, f"{where} → {e.id}"


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_pages_keep_readers_within_the_explainer(pages, content, slug):
    """On an explainer's pages an actor leads to their page across the desk; an issue to its
    section on the explainer's issues page (only that page also leads to the issue's page across
    the desk); a number, an event or a source to this explainer's own pages, never another's."""
    others = [urls.url(urls.path("explainer", slug=s)) for s in content.explainers if s != slug]
    actor_pages = {page_of("actor", id=a) for a in content.actors}
    issue_pages = {page_of("issue", id=i) for i in content.issues}
    within = {"figure-": "explainer-figures", "event-": "explainer-timeline", "source-": "explainer-sources", "issue-": "explainer-issues"}
    kinds = Counter()
    for kind, rel in explainer_pages(slug).items():
        for target, fragment in links_from(rel, article(get(pages, rel))):
            where = f"{rel} → {target}#{fragment}"
            assert not any(target.startswith(other) for other in others), where
            for prefix, page_kind in within.items():
                if fragment.startswith(prefix):
                    assert target == page_of(page_kind, slug=slug), where
                    kinds[prefix] += 1
            if target in actor_pages:
                assert fragment == "", where
                kinds["actor"] += 1
            if target in issue_pages:
                assert (kind, fragment) == ("explainer-issues", ""), where
    assert set(kinds) == {*within, "actor"}, kinds


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_whos_who_names_everyone_in_the_story(pages, content, slug):
    """The story's who's who names everyone in it, by kind, with what they are in this story,
    each linked to their page across the desk."""
    x = content.explainers[slug]
    rel = page_of("explainer-actors", slug=slug)
    soup = get(pages, rel)
    items = list_items(article(soup))
    names = [a for a in whos_who_order(content, x) if a in named_with_parents(content, x)]
    by_actor = {}
    for item in items:
        (target,) = links_from(rel, item)
        by_actor[target[0]] = item
    kinds = [k.id for k in KINDS]
    in_order = sorted(names, key=lambda a: kinds.index(content.actors[a].kind))  # stable: who's-who order within a kind
    assert list(by_actor) == [page_of("actor", id=a) for a in in_order]
    for actor_id in names:
        item = by_actor[page_of("actor", id=actor_id)]
        actor = content.actors[actor_id]
        cast = cast_of(x, actor_id)
        role = cast.role if cast else actor.role
        aliases = ", ".join(norm(a) for a in actor.aliases)
        assert line(item) == (
            norm(actor.name) + (f": {norm(role)}" if role else "") + (f" · also referred to as {aliases}" if aliases else "")
        ), actor_id


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_issues_page_shows_every_side_on_every_issue(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer-issues", slug=slug)
    soup = get(pages, rel)
    issues = covered_issues(content, x)
    listed = [h["id"] for h in article(soup).find_all("h2") if h.get("id", "").startswith("issue-")]
    assert listed == [urls.anchor("issue", id=i) for i in issues]
    party_order = list(x.story.parties) + [a for a in whos_who_order(content, x) if a not in x.story.parties]
    for issue_id in issues:
        issue = content.issues[issue_id]
        anchor = urls.anchor("issue", id=issue_id)
        text = section_text(soup, anchor)
        links = section_links(rel, soup, anchor)
        assert visible(soup.find(id=anchor)) == norm(issue.title)
        assert norm(issue.question) in text
        assert (page_of("issue", id=issue_id), "") in links, f"{issue_id}: no link to its page across the desk"
        sides = [a for a in party_order if current(x, issue_id, a)]
        subsections = [h["id"] for h in h3s(section(soup, anchor))]
        assert subsections == [urls.anchor("position", issue=issue_id, actor=a) for a in sides], issue_id
        for actor_id in sides:
            at = urls.anchor("position", issue=issue_id, actor=actor_id)
            where = f"{slug}: {actor_id} on {issue_id}"
            detail = section_text(soup, at)
            detail_links = section_links(rel, soup, at)
            found = positions_of(x, issue_id, actor_id)
            p = found[0]
            # Folded under one line: whose, their stance, its date when reported before the
            # story's day (and what it was).
            assert detail.startswith(f"{norm(content.actors[actor_id].name)}: "), where
            before = earlier_stance(x, issue_id, actor_id)
            status = f"{norm(content.actors[actor_id].name)}: {label(p.stance)}{stance_date(x, p.date)}"
            if before:
                status += f" · was: {label(before.stance)}, {expected_date(before.date)}"
            else:
                assert "was:" not in detail, where
            assert status in detail, where
            assert norm(p.summary) in detail, where
            if p.quote:
                assert f"“{norm(p.quote)}”" in detail, where
            if p.said_by:
                assert f"Said by {norm(content.actors[p.said_by].name)}" in detail, where
                assert (page_of("actor", id=p.said_by), "") in detail_links, where
            for source_id in p.source:
                assert (page_of("explainer-sources", slug=slug), urls.anchor("source", id=source_id)) in detail_links, where
            for earlier in found[1:]:
                assert f"{label(earlier.stance)} · {expected_date(earlier.date)}: {norm(earlier.summary)}" in detail, where
        for f in x.figures.values():
            if f.issue == issue_id:
                assert (page_of("explainer-figures", slug=slug), urls.anchor("figure", id=f.id)) in links, f"{issue_id} → figure {f.id}"
        for e in x.events.values():
            if issue_id in e.issues:
                assert (page_of("explainer-timeline", slug=slug), urls.anchor("event", id=e.id)) in links, f"{issue_id} → event {e.id}"


def test_issue_pages_show_each_sides_stances_latest_first(pages, content):
    for issue in content.issues.values():
        rel = page_of("issue", id=issue.id)
        soup = get(pages, rel)
        linked = links_from(rel, article(soup))
        sides = history(content, issue.id)
        items = [li for t in section(soup, "where-they-stand") for li in list_items(t)]
        if not sides:
            assert items == [], issue.id
            continue
        assert [visible(li.find("strong")) for li in items] == [norm(content.actors[a].name) for a in sides], issue.id
        # The explainers that report each side's latest stance, named once above the list when
        # the same ones report every side's, else on each line.
        reporters = {tuple(x.slug for x, _ in stances[0][2]) for stances in sides.values()}
        once = len(reporters) == 1
        if once:
            titles = "; ".join(norm(x.story.title) for x, _ in next(iter(sides.values()))[0][2])
            assert lead(soup, "where-they-stand") == f"As reported in {titles}:", issue.id
        else:
            assert "As reported in" not in section_text(soup, "where-they-stand"), issue.id
        # "Over time" only where someone's stance changed; else each side has one stance below.
        over_time = any(len(stances) > 1 for stances in sides.values())
        said = section_text(soup, "where-they-stand")
        assert ("Below, each one's stances over time, newest first" in said) == over_time, issue.id
        assert ("Below, each one's position in full, with where it was reported." in said) == (not over_time), issue.id
        for item, (actor_id, stances) in zip(items, sides.items()):
            date, stance, reports = stances[0]
            where = f"{issue.id}/{actor_id}"
            # "as of" its latest report, unless the title of an explainer that reports it gives that date.
            titles = [norm(x.story.title) for x, _ in reports]
            as_of = "" if any(re.search(rf"\b{expected_date(date)}\b", title) for title in titles) else f" as of {expected_date(date)}"
            assert line(item) == (
                f"{norm(content.actors[actor_id].name)}: {label(stance)}{as_of}" + ("" if once else " · reported in " + "; ".join(titles))
            ), where
            assert links_from(rel, item) == {
                (page_of("actor", id=actor_id), ""), (rel, urls.anchor("stances", id=actor_id)),
                *(() if once else ((page_of("explainer", slug=x.slug), "") for x, _ in reports)),
            }, where
            assert item.find(class_=f"stance-{stance}").find("svg") is not None, where

        for actor_id, stances in sides.items():
            at = urls.anchor("stances", id=actor_id)
            where = f"{issue.id}/{actor_id}"
            detail = section_text(soup, at)
            links = section_links(rel, soup, at)
            assert detail.startswith(norm(content.actors[actor_id].name)), where
            history_lines = [line(t) for t in section(soup, at) if "stance-history" in (t.get("class") or [])]
            assert history_lines == stance_lines(stances), where
            assert ("was:" in detail) == any(" · was: " in text for text in stance_lines(stances)), where
            for _, _, reports in stances:
                for x, p in reports:
                    assert norm(p.summary) in detail, where
                    if p.quote:
                        assert f"“{norm(p.quote)}”" in detail, where
                    if p.said_by:
                        assert norm(content.actors[p.said_by].name) in detail, where
                        assert (page_of("actor", id=p.said_by), "") in links, where
                    for source_id in p.source:
                        assert (page_of("desk-sources"), urls.anchor("source", id=source_id)) in links, where
                    target = (page_of("explainer-issues", slug=x.slug), urls.anchor("position", issue=issue.id, actor=actor_id))
                    assert target in links, f"{where}: no link to its position in {x.slug}"

        for x in content.explainers.values():
            for f in x.figures.values():
                if f.issue == issue.id:
                    assert (page_of("explainer-figures", slug=x.slug), urls.anchor("figure", id=f.id)) in linked, f"{issue.id} → figure {f.id}"
            for e in x.events.values():
                if issue.id in e.issues:
                    assert (page_of("explainer-timeline", slug=x.slug), urls.anchor("event", id=e.id)) in linked, f"{issue.id} → event {e.id}"
            if issue.id in covered_issues(content, x):
                assert (page_of("explainer", slug=x.slug), "") in section_links(rel, soup, "in-the-explainers"), issue.id
                # Each explainer by its title and date, the date said once when the title has it.
                date = expected_date(x.story.date)
                listed = [line(li) for li in soup.select("h2#in-the-explainers + ul li") if norm(x.story.title) in line(li)]
                assert listed == [norm(x.story.title) if date in x.story.title else f"{norm(x.story.title)}, {date}"], issue.id


def test_territory_lists_both_of_russias_dated_stances_without_a_change(pages, content):
    """Russia demanded the same on territory in June 2024 and on 2 June 2025: both dates are
    listed, newest first, and nothing says its stance changed."""
    rel = page_of("issue", id="territory")
    soup = get(pages, rel)
    at = urls.anchor("stances", id="russia")
    history_lines = [line(t) for t in section(soup, at) if "stance-history" in (t.get("class") or [])]
    assert history_lines == ["Demands · 2 June 2025", "Demands · June 2024"]
    assert "was:" not in section_text(soup, at)
    items = [li for t in section(soup, "where-they-stand") for li in list_items(t)]
    russia = next(li for li in items if visible(li.find("strong")) == "Russia")
    # As of the latest report, 2 June 2025, not "since" the first, which asked for something
    # else: both explainers report it, and the Istanbul one's title, named above, gives the date.
    assert line(russia) == "Russia: Demands"
    assert lead(soup, "where-they-stand") == "As reported in What each side wants for peace; Russia–Ukraine talks in Istanbul, 2 June 2025:"
    # The explainer that reports both shows the latest, with the earlier one below it.
    slug = "what-each-side-wants"
    x_rel = page_of("explainer-issues", slug=slug)
    detail = section_text(get(pages, x_rel), urls.anchor("position", issue="territory", actor="russia"))
    assert detail.startswith("Russia: Demands Russia") and "was:" not in detail
    assert "Earlier: Demands · June 2024: Among his initial conditions" in detail
    header, matrix_rows = stance_table(article(get(pages, page_of("explainer-positions", slug=slug))).find("table"))
    column = [visible(th) for th in header].index("Russia")
    territory = next(r for r in matrix_rows if visible(r[0].a) == "Territory")
    assert on_screen(territory[column]) == "Demands"


def test_a_changed_stance_is_marked_with_what_it_was(tmp_path):
    """When a side's stance changes, its issue page, the explainer's issues page, the matrix and
    the glance table all say what it was, and when."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    slug = "what-each-side-wants"
    positions = content / "explainers" / slug / "positions.yml"
    old = "issue: territory\n  stance: demands\n  summary: Among his initial conditions"
    text = positions.read_text(encoding="utf-8")
    assert text.count(old) == 1
    positions.write_text(text.replace(old, old.replace("demands", "conditional")), encoding="utf-8")
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"

    def soup_of(rel: str) -> BeautifulSoup:
        return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")

    issue = soup_of(page_of("issue", id="territory"))
    at = urls.anchor("stances", id="russia")
    history_lines = [line(t) for t in section(issue, at) if "stance-history" in (t.get("class") or [])]
    assert history_lines == ["Demands · 2 June 2025 · was: Conditional, June 2024", "Conditional · June 2024"]
    issues = soup_of(page_of("explainer-issues", slug=slug))
    detail = section_text(issues, urls.anchor("position", issue="territory", actor="russia"))
    assert detail.startswith("Russia: Demands · was: Conditional, June 2024 Russia")
    for kind, table in (
        ("explainer-positions", lambda soup: article(soup).find("table")),
        ("explainer", lambda soup: section_tables(soup, "where-they-stand-at-a-glance")[0]),
    ):
        header, rows = stance_table(table(soup_of(page_of(kind, slug=slug))))
        column = [visible(th) for th in header].index("Russia")
        territory = next(r for r in rows if visible(r[0].a) == "Territory")
        assert on_screen(territory[column]) == "Demands (was: Conditional, June 2024)", kind


def test_a_figure_at_the_largest_value_reads_in_full_on_its_page_and_in_the_downloads(tmp_path):
    """1e30, the largest value a figure may hold, is written with every digit: on the page, in
    the structured data and in the spreadsheet, never as a float's nearest binary value."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    figures = content / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("value: 1000\n", "value: 1e30\n"), encoding="utf-8")
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    digits = "1" + "0" * 30
    page = BeautifulSoup((site / page_of("explainer-figures", slug="harbour-talks")).read_text(encoding="utf-8"), "html.parser")
    assert "1,000,000,000,000,000,000,000,000,000,000 boats each" in visible(article(page))
    observations = [thing for data in json_ld(page) for thing in walk(data) if thing.get("@type") == "Observation"]
    assert any(thing.get("value") == int(digits) for thing in observations)
    spreadsheet = (site / urls.download("explainer-data", slug="harbour-talks", name="figures.csv")).read_text(encoding="utf-8")
    boats = next(row for row in csv.DictReader(io.StringIO(spreadsheet)) if row["id"] == "boats")
    assert boats["value"] == digits


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_sources_page_lists_everything_citing_each_source(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer-sources", slug=slug)
    soup = get(pages, rel)
    cited = {source_id for _, item in citing(x) for source_id in item.source}
    listed = [h["id"] for h in article(soup).find_all("h2") if h.get("id", "").startswith("source-")]
    assert listed == [urls.anchor("source", id=s) for s in content.sources if s in cited]
    for source in content.sources.values():
        if source.id not in cited:
            continue
        at = urls.anchor("source", id=source.id)
        text = section_text(soup, at)
        links = section_links(rel, soup, at)
        assert norm(source.title) in text
        assert norm(source.publisher) in text
        if source.reported_by:
            assert norm(source.reported_by) in text
        assert expected_date(source.date) in text
        notes = 0
        for kind, item in citing(x):
            if source.id not in item.source:
                continue
            if kind == "figures":
                assert (page_of("explainer-figures", slug=slug), urls.anchor("figure", id=item.id)) in links, f"{source.id} → figure {item.id}"
            elif kind == "positions":
                target = (page_of("explainer-issues", slug=slug), urls.anchor("position", issue=item.issue, actor=item.actor))
                assert target in links, f"{source.id} → {item.actor} on {item.issue}"
                # Listed under its issue, which is named once ("Territory: Russia, Ukraine"),
                # the actor once, with the dates of the positions older than the explainer (the
                # story's date, to the position date's precision, is later), newest first, as
                # the explainer's issues page dates them ("Russia (also June 2024)").
                mine = sorted((p.date for p in x.positions if source.id in p.source and (p.issue, p.actor) == (item.issue, item.actor)), reverse=True)
                older = [expected_date(d) for d in mine if x.story.date[: len(d)] > d]
                entry = norm(content.actors[item.actor].name)
                if older:
                    dates = " and ".join([", ".join(older[:-1]), older[-1]] if len(older) > 1 else older)
                    entry += f" ({dates})" if len(older) == len(mine) else f" (also {dates})"
                listed = listed_positions(soup, at)
                issue = norm(content.issues[item.issue].title)
                assert entry in listed.get(issue, []), (source.id, issue, entry, listed)
            elif kind == "events":
                assert (page_of("explainer-timeline", slug=slug), urls.anchor("event", id=item.id)) in links, f"{source.id} → event {item.id}"
            elif kind == "cast":
                assert (page_of("actor", id=item.actor), "") in links, f"{source.id} → cast {item.actor}"
            else:
                notes += 1
        if notes:
            # The overview, linked, then how many of its paragraphs cite the source.
            assert re.search(rf"\bOverview ?: cited in {notes} paragraph{'s' if notes != 1 else ''}\b", text), text[-300:]
            assert (page_of("explainer", slug=slug), "") in links
        if any(kind == "positions" and source.id in item.source for kind, item in citing(x)):
            # Each actor named once under an issue, however many of its positions the source gives.
            for issue, entries in listed_positions(soup, at).items():
                names = [entry.split(" (")[0] for entry in entries]
                assert len(names) == len(set(names)), (source.id, issue, entries)
        if source.url:
            external = [a["href"] for t in section(soup, at) for a in t.find_all("a", href=True)]
            assert source.url in external
    assert (page_of("desk-sources"), "") in links_from(rel, article(soup))


def listed_positions(soup: BeautifulSoup, anchor: str) -> dict[str, list[str]]:
    """A source's "Positions:" list, as a reader reads it: each issue, once, with the entries
    listed for it ("Russia", "Russia (also June 2024)")."""
    (line,) = [t for t in section(soup, anchor) if norm(t.get_text(" ")).startswith("Positions:")]
    groups = [group.partition(": ") for group in norm(line.get_text()).removeprefix("Positions:").split(";")]
    issues = [norm(issue) for issue, _, _ in groups]
    assert len(issues) == len(set(issues)), f"an issue named twice: {issues}"
    # Entries are parted by commas outside brackets: a list of dates in brackets has its own.
    return {norm(issue): [norm(entry) for entry in re.split(r",(?![^()]*\))", entries)] for issue, _, entries in groups}


def test_desk_sources_page_links_back_into_each_explainers_sources(pages, content):
    rel = page_of("desk-sources")
    soup = get(pages, rel)
    listed = [h["id"] for h in article(soup).find_all("h2") if h.get("id", "").startswith("source-")]
    assert listed == [urls.anchor("source", id=s) for s in content.sources]
    for source in content.sources.values():
        at = urls.anchor("source", id=source.id)
        text = section_text(soup, at)
        links = section_links(rel, soup, at)
        assert norm(source.title) in text
        assert norm(source.publisher) in text
        assert expected_date(source.date) in text
        for x in content.explainers.values():
            claims = sum(1 for _, item in citing(x) if source.id in item.source)
            target = (page_of("explainer-sources", slug=x.slug), at)
            if claims:
                assert target in links, f"{source.id} → {x.slug}"
                assert f"{norm(x.story.title)} ({claims} citation{'s' if claims != 1 else ''})" in text
            else:
                assert target not in links
        # The registry entries citing the source, in the registry's order: the first
        # lookups.SHOWN linked, the others counted (so the page does not grow with the desk).
        citing_actors = [a for a in content.actors.values() if source.id in a.source]
        for n, a in enumerate(citing_actors):
            assert ((page_of("actor", id=a.id), "") in links) == (n < SHOWN), f"{source.id} → actor {a.id}"
        if len(citing_actors) > SHOWN:
            assert f"and {len(citing_actors) - SHOWN} more people and groups" in text
        citing_issues = [i for i in content.issues.values() if source.id in i.source]
        for n, i in enumerate(citing_issues):
            assert ((page_of("issue", id=i.id), "") in links) == (n < SHOWN), f"{source.id} → issue {i.id}"
        if len(citing_issues) > SHOWN:
            assert f"and {len(citing_issues) - SHOWN} more issues" in text
        if source.url:
            external = [a["href"] for t in section(soup, at) for a in t.find_all("a", href=True)]
            assert source.url in external


@pytest.mark.parametrize("slug", SLUGS)
def test_figures_page_shows_every_figure_with_value_and_status(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer-figures", slug=slug)
    soup = get(pages, rel)
    # Every number as a card, first; then each in a section of its own.
    cards = article(soup).select(".number-card")
    figures = list(x.figures.values())
    assert len(cards) == len(figures)
    for card, f in zip(cards, figures):
        check_card(card, rel, f, x, content)
    for f in figures:
        at = urls.anchor("figure", id=f.id)
        text = section_text(soup, at)
        links = section_links(rel, soup, at)
        assert text.startswith(norm(f.label)), f.id
        assert norm(expected_value(f)) in text
        assert STATUSES[f.status][0] in text
        assert f"as of {expected_date(f.as_of)}" in text
        if f.note:
            assert norm(f.note) in text
        if f.issue:
            assert (page_of("explainer-issues", slug=slug), urls.anchor("issue", id=f.issue)) in links
        for actor_id in f.claimed_by:
            assert (page_of("actor", id=actor_id), "") in links
        for source_id in f.source:
            assert (page_of("explainer-sources", slug=slug), urls.anchor("source", id=source_id)) in links


def test_a_name_inside_a_sentence_reads_as_a_sentence_says_it(pages, content):
    """Who gives a number is named as a sentence names them (actors.yml's `name_in_text`: "the
    United States"), on the number's card and in its section; the actor's own heading, and
    lists of names, keep the name."""
    us = content.actors["united-states"]
    assert us.name_in_text == "the United States"
    given = [(slug, f) for slug, x in content.explainers.items() for f in x.figures.values() if f.claimed_by == [us.id]]
    assert given, "the shipped desk has a number the United States gives"
    for slug, f in given:
        soup = get(pages, page_of("explainer-figures", slug=slug))
        text = section_text(soup, urls.anchor("figure", id=f.id))
        # The cards come first, one per number in the explainer's order.
        card = visible(article(soup).select(".number-card")[list(content.explainers[slug].figures).index(f.id)])
        for shown in (text, card):
            assert "According to the United States" in shown, f.id
            assert "According to United States" not in shown, f.id
    actor_page = get(pages, page_of("actor", id=us.id))
    assert visible(article(actor_page).find("h1")) == "United States"
    listed = [a.get_text(" ", strip=True) for a in article(get(pages, page_of("desk-actors"))).find_all("a")]
    assert "United States" in listed and "the United States" not in listed


@pytest.mark.parametrize("slug", SLUGS)
def test_timeline_lists_every_event_in_date_order(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer-timeline", slug=slug)
    soup = get(pages, rel)
    anchors = {urls.anchor("event", id=e) for e in x.events}
    headings = [h for h in article(soup).find_all("h2") if h.get("id") in anchors]
    expected = sorted(x.events.values(), key=lambda e: date_order(e.date))
    assert [h["id"] for h in headings] == [urls.anchor("event", id=e.id) for e in expected]
    for heading, e in zip(headings, expected):
        at = urls.anchor("event", id=e.id)
        assert visible(heading) == f"{expected_date(e.date)}: {norm(e.title)}"
        text = section_text(soup, at)
        assert norm(e.summary) in text
        links = section_links(rel, soup, at)
        for actor_id in e.actors:
            assert (page_of("actor", id=actor_id), "") in links, f"{e.id} → {actor_id}"
        for issue_id in e.issues:
            assert (page_of("explainer-issues", slug=slug), urls.anchor("issue", id=issue_id)) in links, f"{e.id} → {issue_id}"
        for source_id in e.source:
            assert (page_of("explainer-sources", slug=slug), urls.anchor("source", id=source_id)) in links
    assert (page_of("desk-timeline"), "") in links_from(rel, article(soup))


def test_desk_timeline_has_every_event_of_every_explainer_in_date_order(pages, content):
    rel = page_of("desk-timeline")
    soup = get(pages, rel)
    events = [(x, e) for x in content.explainers.values() for e in x.events.values()]
    expected = sorted(events, key=lambda xe: date_order(xe[1].date))
    anchors = {urls.anchor("event", id=e.id) for _, e in events}
    headings = [h for h in article(soup).find_all("h2") if h.get("id") in anchors]
    assert [h["id"] for h in headings] == [urls.anchor("event", id=e.id) for _, e in expected]
    assert [date_order(e.date) for _, e in expected] == sorted(date_order(e.date) for _, e in expected)
    for heading, (x, e) in zip(headings, expected):
        at = urls.anchor("event", id=e.id)
        assert visible(heading) == f"{expected_date(e.date)}: {norm(e.title)}"
        text = section_text(soup, at)
        links = section_links(rel, soup, at)
        assert norm(e.summary) in text
        # Each event names the explainer it comes from.
        assert f"In {norm(x.story.title)}" in text, e.id
        assert (page_of("explainer", slug=x.slug), "") in links, e.id
        for actor_id in e.actors:
            assert (page_of("actor", id=actor_id), "") in links, f"{e.id} → {actor_id}"
        for issue_id in e.issues:
            assert (page_of("issue", id=issue_id), "") in links, f"{e.id} → {issue_id}"
        for source_id in e.source:
            assert (page_of("desk-sources"), urls.anchor("source", id=source_id)) in links


def test_timelines_show_partial_dates_in_words(pages, content):
    for rel in [page_of("desk-timeline")] + [page_of("explainer-timeline", slug=s) for s in content.explainers]:
        text = visible(article(get(pages, rel)))
        for x in content.explainers.values():
            for e in x.events.values():
                assert e.date not in text, f"{rel}: raw date {e.date} shown"
    desk = [visible(h) for h in article(get(pages, page_of("desk-timeline"))).find_all("h2")]
    wants = [visible(h) for h in article(get(pages, page_of("explainer-timeline", slug="what-each-side-wants"))).find_all("h2")]
    istanbul = [visible(h) for h in article(get(pages, page_of("explainer-timeline", slug="istanbul-talks-2025-06-02"))).find_all("h2")]
    for headings in (desk, wants):
        assert "June 2024: Putin sets out his conditions for ending the war" in headings
    for headings in (desk, istanbul):
        assert any(h.startswith("March 2022: ") for h in headings)


# --------------------------------------------------------------------------- concrete facts a reader looks for


@pytest.mark.parametrize("slug", SLUGS)
def test_overview_key_numbers(pages, content, slug):
    x = content.explainers[slug]
    rel = page_of("explainer", slug=slug)
    soup = get(pages, rel)
    cards = section_cards(soup, "key-numbers")
    key = [f for f in x.figures.values() if f.key]
    assert len(cards) == len(key)
    for card, f in zip(cards, key):
        check_card(card, rel, f, x, content)


def test_istanbul_key_numbers_a_reader_looks_for(pages):
    soup = get(pages, page_of("explainer", slug="istanbul-talks-2025-06-02"))
    numbers = [visible(card_parts(card)["value"]) for card in section_cards(soup, "key-numbers")]
    assert "12,000 bodies" in numbers
    assert "6,000 bodies each" in numbers
    assert "339 children's names" in numbers


def test_figure_formats_a_reader_would_recognise(pages):
    text = visible(article(get(pages, page_of("explainer-figures", slug="istanbul-talks-2025-06-02"))))
    for expected in ("12,000 bodies", "1.2 million", "2–3 days", "less than 1 hour", "just under a fifth", "about 113,100 km²"):
        assert expected in text


def test_medinsky_has_a_page_linked_to_russia_and_the_russian_delegation(pages):
    rel = page_of("actor", id="vladimir-medinsky")
    soup = get(pages, rel)
    assert h1(soup) == "Vladimir Medinsky"
    # Lasting: a Kremlin adviser, said once, at the top (the role he has in Russia).
    assert norm(" ".join(visible(article(soup)).split())).count("Kremlin adviser") == 1
    assert section_items(soup, "part-of") == ["Russia"]
    assert (page_of("actor", id="russia"), "") in section_links(rel, soup, "part-of")
    russia = page_of("actor", id="russia")
    assert (rel, "") in section_links(russia, get(pages, russia), "members-and-representatives")
    # In the Istanbul talks: the head of Russia's delegation, who gave the 339 names.
    slug = "istanbul-talks-2025-06-02"
    at = urls.anchor("explainer", slug=slug)
    text = section_text(soup, at)
    links = section_links(rel, soup, at)
    assert "Head of Russia's delegation" in text
    assert "Head of delegation: Russian delegation" in text
    assert (page_of("actor", id="russian-delegation"), "") in links
    assert (page_of("explainer-figures", slug=slug), urls.anchor("figure", id="children-names")) in links
    assert "Russia on Return of children (Disputes, 2 June 2025)" in text
    # The story's who's who shows the tie both ways: the delegation, headed by Medinsky.
    who = page_of("explainer-actors", slug=slug)
    who_soup = get(pages, who)
    delegation = page_of("actor", id="russian-delegation")
    items = [li for t in section(who_soup, "who-belongs-to-whom") for li in t.find_all("li")]
    headed = [li for li in items if resolve(who, li.find("a")["href"]) == (delegation, "") and li.find("ul")]
    assert headed, "the Russian delegation has no members on the who's who"
    members = [line(sub) for li in headed for sub in li.find("ul").find_all("li", recursive=False)]
    assert "Vladimir Medinsky: Head of delegation" in members
    assert any((rel, "") in links_from(who, li.find("ul")) for li in headed)


def test_deported_children_shows_both_sides_and_medinskys_quote(pages):
    # On the Istanbul explainer's issues page…
    slug = "istanbul-talks-2025-06-02"
    rel = page_of("explainer-issues", slug=slug)
    soup = get(pages, rel)
    at = urls.anchor("issue", id="deported-children")
    sides = [h["id"] for h in h3s(section(soup, at))]
    assert sides == [urls.anchor("position", issue="deported-children", actor=a) for a in ("russia", "ukraine")]
    russia = urls.anchor("position", issue="deported-children", actor="russia")
    ukraine = urls.anchor("position", issue="deported-children", actor="ukraine")
    assert section_text(soup, russia).startswith("Russia: Disputes Russia Said by Vladimir Medinsky")
    assert section_text(soup, ukraine).startswith("Ukraine: Asks for Ukraine Said by Andriy Yermak")
    quote = [t for t in section(soup, russia) if t.name == "blockquote"]
    assert [visible(q) for q in quote] == ["“rescued” — Vladimir Medinsky"]
    assert "339" in section_text(soup, at)

    # …and on the issue's page across the desk.
    rel = page_of("issue", id="deported-children")
    soup = get(pages, rel)
    items = [li for t in section(soup, "where-they-stand") for li in list_items(t)]
    by_side = {visible(li.find("strong")): line(li) for li in items}
    assert {"Russia", "Ukraine"} <= by_side.keys()
    # The explainer that reports both is named once, above them; its title gives their date,
    # which is not said again as "as of…".
    assert lead(soup, "where-they-stand") == "As reported in Russia–Ukraine talks in Istanbul, 2 June 2025:"
    assert by_side["Russia"] == "Russia: Disputes"
    assert by_side["Ukraine"] == "Ukraine: Asks for"
    quote = [t for t in section(soup, urls.anchor("stances", id="russia")) if t.name == "blockquote"]
    assert [visible(q) for q in quote] == ["“rescued” — Vladimir Medinsky"]
    assert "339" in visible(article(soup))


# --------------------------------------------------------------------------- every fact is findable


def facts(content: Content) -> Iterator[tuple[str, str, str | None]]:
    """(what, text, where) for every piece of text in the content a reader should find on the
    site; ``where`` is the prefix of the pages it must be on (an explainer's folder or an actor's
    page), or None for anywhere."""
    yield "desk title", content.desk.title, None
    if content.desk.description:
        yield "desk description", content.desk.description, None
    for a in content.actors.values():
        home = page_of("actor", id=a.id)
        yield f"actor {a.id} name", a.name, home
        if a.role:
            yield f"actor {a.id} role", a.role, home
        yield f"actor {a.id} description", a.description, home
        for alias in a.aliases:
            yield f"actor {a.id} alias", alias, home
        for m in a.memberships:
            yield f"actor {a.id} membership", m.role, home
    for i in content.issues.values():
        home = page_of("issue", id=i.id)
        yield f"issue {i.id} title", i.title, home
        yield f"issue {i.id} question", i.question, home
        yield f"issue {i.id} description", i.description, home
    for s in content.sources.values():
        yield f"source {s.id} title", s.title, page_of("desk-sources")
    for x in content.explainers.values():
        story, own = x.story, urls.url(urls.path("explainer", slug=x.slug))
        yield f"{x.slug} title", story.title, own
        yield f"{x.slug} standfirst", story.standfirst, own
        if story.place:
            yield f"{x.slug} place", story.place, own
        for n, note in enumerate([*story.summary, *story.unknowns, *story.next]):
            yield f"{x.slug} note {n}", note.text, own
        for change in story.changes:
            yield f"{x.slug} change {change.date}", change.text, own
        for cast in story.actors:
            yield f"{x.slug} cast {cast.actor} role", cast.role, own
            # Their lasting role, at the top of their page, is not said again at its start.
            lasting = content.actors[cast.actor].role
            role = cast.role.removeprefix(f"{lasting} and ") if lasting else cast.role
            yield f"{x.slug} cast {cast.actor} role on the actor's page", role[:1].upper() + role[1:], page_of("actor", id=cast.actor)
            if cast.description:
                yield f"{x.slug} cast {cast.actor} description", cast.description, page_of("actor", id=cast.actor)
            for m in cast.memberships:
                yield f"{x.slug} cast {cast.actor} membership", m.role, page_of("actor", id=cast.actor)
        for p in x.positions:
            yield f"{x.slug} position {p.actor}/{p.issue}/{p.date} summary", p.summary, own
            if p.quote:
                yield f"{x.slug} position {p.actor}/{p.issue}/{p.date} quote", f"“{p.quote}”", own
        for f in x.figures.values():
            yield f"{x.slug} figure {f.id} label", f.label, own
            yield f"{x.slug} figure {f.id} value", expected_value(f), own
            if f.note:
                yield f"{x.slug} figure {f.id} note", f.note, own
        for e in x.events.values():
            yield f"{x.slug} event {e.id} title", e.title, own
            yield f"{x.slug} event {e.id} summary", e.summary, own


def test_every_fact_in_the_content_is_on_the_site(page_texts, site_text, content):
    missing = []
    for what, text, where in facts(content):
        haystack = site_text if where is None else " \n ".join(t for rel, t in page_texts.items() if rel.startswith(where))
        if norm(text) not in haystack:
            missing.append(f"{what}: {text!r} (on {where or 'any page'})")
    assert not missing, "not found in the site's visible text:\n" + "\n".join(missing)


def test_no_markup_leaks_into_visible_text(site_text):
    """Escaping must render as the typed characters, never as entity codes or raw Markdown."""
    for leak in ("&#", "&amp;", "{ #", "{ .", "](/", "](", ":material-", "**"):
        assert leak not in site_text, leak


# --------------------------------------------------------------------------- search


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> list[dict]:
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data["docs"]


def indexed_text(docs: list[dict]) -> str:
    return norm(" ".join(BeautifulSoup(f"{d['title']} {d['text']} {d.get('terms', '')}", "html.parser").get_text(" ") for d in docs))


def test_search_index_finds_people_numbers_and_aliases(search_index):
    text = indexed_text(search_index)
    for term in ("Medinsky", "339", "Kiev", "Kyiv", "12,000"):
        assert term in text, term
    medinsky = [d for d in search_index if d["location"] == urls.url(urls.path("actor", id="vladimir-medinsky"))]
    assert len(medinsky) == 1 and medinsky[0]["title"] == "Vladimir Medinsky"
    ukraine_page = urls.url(urls.path("actor", id="ukraine"))
    ukraine = indexed_text([d for d in search_index if d["location"].startswith(ukraine_page)])
    assert "Kiev" in ukraine and "Kyiv" in ukraine


def test_search_index_covers_every_actor_issue_and_alias(search_index, content):
    text = indexed_text(search_index)
    titles = {d["location"]: d["title"] for d in search_index}
    for issue in content.issues.values():
        assert titles.get(urls.url(urls.path("issue", id=issue.id))) == norm(issue.title), issue.id
    for actor in content.actors.values():
        assert titles.get(urls.url(urls.path("actor", id=actor.id))) == norm(actor.name), actor.id
        for alias in actor.aliases:
            assert norm(alias) in text, alias
    for x in content.explainers.values():
        assert titles.get(urls.url(urls.path("explainer", slug=x.slug))) == norm(x.story.title), x.slug
        for f in x.figures.values():
            assert norm(f.label) in text, f.id


def test_search_entries_of_an_explainer_carry_its_title_in_tags(search_index, content):
    """A search result from an explainer's pages says which explainer it comes from; the desk's
    shared pages belong to no one explainer."""
    folders = {urls.url(urls.path("explainer", slug=s)): x for s, x in content.explainers.items()}
    for folder, x in folders.items():
        docs = [d for d in search_index if d["location"].startswith(folder)]
        locations = {d["location"] for d in docs}
        for kind in EXPLAINER_PAGES | {"explainer": ""}:
            assert urls.url(urls.path(kind, slug=x.slug)) in locations, f"{x.slug}: {kind} is not in the index"
        for d in docs:
            assert d.get("tags") == [x.story.title], d["location"]
    shared = [d for d in search_index if not any(d["location"].startswith(f) for f in folders)]
    assert shared
    for d in shared:
        assert not d.get("tags"), d["location"]


# --------------------------------------------------------------------------- self-contained


def external(url: str) -> bool:
    return bool(re.match(r"^\s*(?:https?:)?//", url, re.IGNORECASE))


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def test_html_loads_nothing_from_other_hosts(pages):
    problems = []
    loaders = {
        "script": ["src"],
        "link": ["href"],
        "img": ["src", "srcset"],
        "source": ["src", "srcset"],
        "iframe": ["src"],
        "video": ["src", "poster"],
        "audio": ["src"],
        "embed": ["src"],
        "object": ["data"],
        "image": ["href", "xlink:href"],
        "use": ["href", "xlink:href"],
    }
    for rel, soup in pages.items():
        for name, attrs in loaders.items():
            for tag in soup.find_all(name):
                for attr in attrs:
                    value = tag.get(attr)
                    if value and any(external(v.split()[0]) for v in value.split(",") if v.strip()):
                        problems.append(f"{rel}: <{name} {attr}={value!r}>")
        for tag in soup.find_all("link", href=True):
            if external(tag["href"]):
                problems.append(f"{rel}: <link rel={tag.get('rel')} href={tag['href']!r}>")
        for tag in soup.find_all(style=True):
            problems += [f"{rel}: style url({u})" for u in css_urls(tag["style"]) if external(u)]
        for tag in soup.find_all("style"):
            problems += [f"{rel}: <style> url({u})" for u in css_urls(tag.get_text()) if external(u)]
    assert not problems, "\n".join(sorted(set(problems)))


def test_external_links_are_only_plain_anchors(pages):
    """The only other-host addresses in the HTML are links a reader chooses to follow."""
    for rel, soup in pages.items():
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                if tag.name == "a" and attr == "href":
                    continue
                if attr in ("xmlns", "xmlns:xlink"):
                    continue  # SVG namespace names, never fetched
                values = value if isinstance(value, list) else [value]
                for v in values:
                    assert not external(v), f"{rel}: <{tag.name} {attr}={v!r}>"


def test_css_loads_nothing_from_other_hosts(built_site):
    sheets = list(built_site.rglob("*.css"))
    assert sheets
    problems = [f"{p.relative_to(built_site)}: {u}" for p in sheets for u in css_urls(p.read_text(encoding="utf-8")) if external(u)]
    assert not problems, "\n".join(problems)


def cdn_mentions(built_site: Path, suffixes: tuple[str, ...] | None) -> list[str]:
    found = []
    for path in sorted(built_site.rglob("*")):
        if not path.is_file() or (suffixes and path.suffix not in suffixes):
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        for host in CDN_HOSTS:
            for match in re.finditer(re.escape(host) + r"[^\s\"'`)]*", text):
                found.append(f"{path.relative_to(built_site)}: {match.group()}")
    return found


def test_no_web_fonts_or_cdns_in_pages_styles_or_data(built_site):
    found = cdn_mentions(built_site, (".html", ".css", ".json", ".xml", ".txt", ".csv"))
    assert not found, "\n".join(found)


def test_cdn_addresses_are_only_materials_dormant_fallbacks(built_site):
    # Material's script bundle names unpkg.com for two fallbacks: a ResizeObserver polyfill for
    # old browsers and mermaid for pages with diagrams. No page here has a mermaid block, and
    # the browser tests show a current browser requests nothing from another host.
    found = cdn_mentions(built_site, None)
    # Each language's site has the theme's assets of its own.
    roots = "|".join(f"{code}/" for code in OTHER_LANGUAGES)
    assert all(re.match(rf"(?:{roots})?assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?: ", f) for f in found), found
    for page in built_site.rglob("*.html"):
        assert BeautifulSoup(page.read_text(), "html.parser").select(".mermaid") == [], page
