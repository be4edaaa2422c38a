"""The built site, read the way a reader reads it: pages, tables, links, facts, search, hosts.

Everything is checked on the HTML of a real ``mkdocs build --strict`` (the ``built_site``
fixture), parsed structurally with BeautifulSoup. Expectations come from the content YAML,
loaded and validated by the generator's own first two steps, plus a few concrete facts a
reader of this explainer would look for.
"""

from __future__ import annotations

import calendar
import json
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator import load, validate
from generator.model import QUALIFIERS, STANCES, STATUSES
from generator.render import MATRIX_COLUMNS
from generator.validate import Content

from .conftest import CONTENT

BASE = "http://site.invalid/"  # a stand-in origin for resolving relative links
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, data:, //host
CDN_HOSTS = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "jsdelivr")
MONTHS = list(calendar.month_name)[1:]


# --------------------------------------------------------------------------- helpers


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
    words = [QUALIFIERS[f.qualifier], number, f.unit]
    text = " ".join(w for w in words if w)
    if f.scope == "per-side":
        text += " each side"
    return text


def who_says(f, content: Content) -> list[str]:
    """Who a figure is attributed to: its claimants, or the reporting agency."""
    if f.claimed_by:
        return [content.actors[a].name for a in f.claimed_by]
    source = content.sources[f.source]
    return [source.reported_by or source.publisher]


def article(soup: BeautifulSoup) -> Tag:
    found = soup.find("article")
    assert found is not None, "page has no <article>"
    return found


def visible(tag: Tag) -> str:
    """The text of ``tag`` a reader sees: no permalink pilcrows, icons or scripts."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for junk in tag.select("a.headerlink, svg, script, style"):
        junk.decompose()
    return norm(tag.get_text(" "))


def heading_text(tag: Tag) -> str:
    return visible(tag)


def section(soup: BeautifulSoup, anchor: str) -> list[Tag]:
    """The heading with id ``anchor`` and everything after it up to the next heading of its level or above."""
    heading = soup.find(id=anchor)
    assert heading is not None, f"no element with id={anchor!r}"
    assert re.fullmatch(r"h[1-6]", heading.name), f"#{anchor} is a <{heading.name}>, not a heading"
    level = int(heading.name[1])
    tags = [heading]
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        tags.append(sibling)
    return tags


def section_text(soup: BeautifulSoup, anchor: str) -> str:
    return norm(" ".join(visible(t) for t in section(soup, anchor)))


def section_links(rel: str, soup: BeautifulSoup, anchor: str) -> set[tuple[str, str]]:
    links = set()
    for tag in section(soup, anchor):
        for a in tag.find_all("a", href=True):
            if not EXTERNAL.match(a["href"]):
                links.add(resolve(rel, a["href"]))
    return links


def links_from(rel: str, soup: BeautifulSoup | Tag) -> set[tuple[str, str]]:
    """Every internal link in ``soup`` as (site file, fragment)."""
    return {resolve(rel, a["href"]) for a in soup.find_all("a", href=True) if not EXTERNAL.match(a["href"])}


def table_rows(table: Tag) -> tuple[list[Tag], list[list[Tag]]]:
    header = table.find("thead").find("tr").find_all(["th", "td"])
    rows = [tr.find_all(["td", "th"]) for tr in table.find("tbody").find_all("tr")]
    return header, rows


def actor_page(actor_id: str) -> str:
    return f"actors/{actor_id}/index.html"


def issue_page(issue_id: str) -> str:
    return f"issues/{issue_id}/index.html"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


@pytest.fixture(scope="module")
def html_files(built_site: Path) -> list[str]:
    return sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html"))


@pytest.fixture(scope="module")
def pages(built_site: Path, html_files: list[str]) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site, parsed, by its path in the site folder."""
    return {rel: BeautifulSoup((built_site / rel).read_text(encoding="utf-8"), "html.parser") for rel in html_files}


@pytest.fixture(scope="module")
def site_text(pages: dict[str, BeautifulSoup]) -> str:
    """The visible article text of every page, one string."""
    return " \n ".join(visible(article(soup)) for rel, soup in pages.items() if rel != "404.html")


def get(pages: dict[str, BeautifulSoup], rel: str) -> BeautifulSoup:
    assert rel in pages, f"the site has no page {rel}"
    return pages[rel]


def h1(soup: BeautifulSoup) -> str:
    headings = article(soup).find_all("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    return heading_text(headings[0])


# --------------------------------------------------------------------------- pages and titles


FIXED_PAGES = {
    "timeline/index.html": "Timeline",
    "positions/index.html": "Where they stand",
    "figures/index.html": "The numbers",
    "sources/index.html": "Sources",
    "actors/index.html": "Who's who",
    "issues/index.html": "The issues",
}


def test_home_page_has_the_explainer_title(pages, content):
    soup = get(pages, "index.html")
    assert h1(soup) == norm(content.explainer.title)
    assert norm(content.explainer.standfirst) in visible(article(soup))


def test_home_page_browser_title_names_the_explainer(pages, content):
    soup = get(pages, "index.html")
    assert norm(content.explainer.title) in norm(soup.title.get_text())


@pytest.mark.parametrize("rel, title", sorted(FIXED_PAGES.items()))
def test_fixed_page_exists_with_its_title(pages, rel, title):
    soup = get(pages, rel)
    assert h1(soup) == title
    assert soup.title.get_text().startswith(title)


def test_every_actor_has_a_page_titled_with_their_name(pages, content):
    for actor in content.actors.values():
        assert h1(get(pages, actor_page(actor.id))) == norm(actor.name), actor.id


def test_every_issue_has_a_page_titled_with_its_title(pages, content):
    for issue in content.issues.values():
        soup = get(pages, issue_page(issue.id))
        assert h1(soup) == norm(issue.title), issue.id
        assert norm(issue.question) in visible(article(soup))


def test_no_pages_for_things_not_in_the_content(html_files, content):
    actor_pages = {r for r in html_files if r.startswith("actors/") and r != "actors/index.html"}
    issue_pages = {r for r in html_files if r.startswith("issues/") and r != "issues/index.html"}
    assert actor_pages == {actor_page(a) for a in content.actors}
    assert issue_pages == {issue_page(i) for i in content.issues}


def test_index_pages_list_every_actor_and_issue(pages, content):
    actors_index = get(pages, "actors/index.html")
    linked = links_from("actors/index.html", article(actors_index))
    for actor in content.actors.values():
        assert (actor_page(actor.id), "") in linked, actor.id
    issues_index = get(pages, "issues/index.html")
    table = article(issues_index).find("table")
    _, rows = table_rows(table)
    assert [visible(r[0]) for r in rows] == [norm(i.title) for i in content.issues.values()]
    for row, issue in zip(rows, content.issues.values()):
        assert visible(row[1]) == norm(issue.question)
        count = sum(1 for p in content.positions if p.issue == issue.id)
        assert visible(row[2]) == str(count), issue.id


# --------------------------------------------------------------------------- the matrix


def matrix_actor_ids(content: Content) -> list[str]:
    """The parties first, then the other actors with positions, most positions first (file
    order among equals). The first explainer has few enough sides to show them all."""
    counts = Counter(p.actor for p in content.positions)
    parties = list(content.explainer.parties)
    others = sorted((a for a in content.actors if a in counts and a not in parties), key=lambda a: -counts[a])
    assert len(parties) + len(others) <= MATRIX_COLUMNS
    return parties + others


def position_of(content: Content, issue_id: str, actor_id: str):
    for p in content.positions:
        if p.issue == issue_id and p.actor == actor_id:
            return p
    return None


def check_stance_cell(cell: Tag, rel: str, position, pages) -> None:
    """A stance shown as icon + word, linked to that actor's position on the issue page."""
    if position is None:
        assert visible(cell) == "—"
        assert cell.find("a") is None
        return
    label = STANCES[position.stance][0]
    links = cell.find_all("a", href=True)
    assert len(links) == 1, f"{position.issue}/{position.actor}: expected one link in the cell"
    target, fragment = resolve(rel, links[0]["href"])
    assert (target, fragment) == (issue_page(position.issue), position.actor)
    # Never colour alone: an icon *and* the stance's word.
    icon = cell.find(class_="stance")
    assert icon is not None and icon.find("svg") is not None, f"{position.issue}/{position.actor}: no icon"
    assert f"stance-{position.stance}" in icon["class"]
    assert visible(cell) == label
    # The link's target exists and shows the same stance.
    target_soup = get(pages, target)
    assert target_soup.find(id=fragment) is not None, f"{target} has no #{fragment}"
    assert label in section_text(target_soup, fragment)


def test_matrix_is_a_table_of_actors_by_issues(pages, content):
    rel = "positions/index.html"
    soup = get(pages, rel)
    table = article(soup).find("table")
    assert table is not None, "the matrix is not a <table>"
    header, rows = table_rows(table)
    actor_ids = matrix_actor_ids(content)

    assert visible(header[0]) == "Issue"
    assert [visible(th) for th in header[1:]] == [norm(content.actors[a].name) for a in actor_ids]
    for th, actor_id in zip(header[1:], actor_ids):
        assert links_from(rel, th) == {(actor_page(actor_id), "")}

    assert [visible(r[0]) for r in rows] == [norm(i.title) for i in content.issues.values()]
    for row, issue in zip(rows, content.issues.values()):
        assert links_from(rel, row[0]) == {(issue_page(issue.id), "")}
        assert len(row) == len(actor_ids) + 1, issue.id
        for cell, actor_id in zip(row[1:], actor_ids):
            check_stance_cell(cell, rel, position_of(content, issue.id, actor_id), pages)


def test_every_position_is_in_the_matrix(pages, content):
    shown = set(matrix_actor_ids(content))
    assert {p.actor for p in content.positions} <= shown
    linked = links_from("positions/index.html", article(get(pages, "positions/index.html")))
    for p in content.positions:
        assert (issue_page(p.issue), p.actor) in linked, f"{p.actor} on {p.issue}"


def test_matrix_has_a_legend_for_every_stance(pages):
    text = section_text(get(pages, "positions/index.html"), "what-the-stances-mean")
    for name, (label, meaning) in STANCES.items():
        assert f"{label}: the side {meaning}" in text, name


def test_home_page_glance_table_shows_the_parties(pages, content):
    rel = "index.html"
    soup = get(pages, rel)
    tables = section(soup, "where-they-stand-at-a-glance")
    table = next(t for t in tables if t.name == "table")
    header, rows = table_rows(table)
    parties = list(content.explainer.parties)
    assert [visible(th) for th in header] == ["Issue"] + [norm(content.actors[a].name) for a in parties]
    assert [visible(r[0]) for r in rows] == [norm(i.title) for i in content.issues.values()]
    for row, issue in zip(rows, content.issues.values()):
        for cell, actor_id in zip(row[1:], parties):
            check_stance_cell(cell, rel, position_of(content, issue.id, actor_id), pages)


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


def test_every_page_is_reachable_by_links_from_the_home_page(pages):
    seen, todo = {"index.html"}, ["index.html"]
    while todo:
        rel = todo.pop()
        for target, _ in links_from(rel, pages[rel]):
            if target in pages and target not in seen:
                seen.add(target)
                todo.append(target)
    assert set(pages) - {"404.html"} <= seen


# --------------------------------------------------------------------------- actors ↔ issues ↔ figures ↔ events ↔ sources


def test_actor_pages_link_to_their_positions_memberships_figures_and_events(pages, content):
    for actor in content.actors.values():
        rel = actor_page(actor.id)
        soup = get(pages, rel)
        linked = links_from(rel, article(soup))
        text = visible(article(soup))
        for p in content.positions:
            if p.actor == actor.id:
                assert (issue_page(p.issue), "") in linked, f"{actor.id} → issue {p.issue}"
                assert (issue_page(p.issue), p.actor) in linked, f"{actor.id} → stance on {p.issue}"
                assert norm(p.summary) in text, f"{actor.id}: summary on {p.issue}"
            if p.said_by == actor.id and p.actor != actor.id:
                assert (issue_page(p.issue), "") in linked, f"{actor.id} spoke for {p.actor} on {p.issue}"
                assert (actor_page(p.actor), "") in linked
        for membership in actor.memberships:
            assert (actor_page(membership.of), "") in linked, f"{actor.id} → member of {membership.of}"
            assert norm(membership.role) in text
            other = links_from(actor_page(membership.of), article(get(pages, actor_page(membership.of))))
            assert (rel, "") in other, f"{membership.of} → member {actor.id}"
        for f in content.figures.values():
            if actor.id in f.claimed_by:
                assert ("figures/index.html", f.id) in linked, f"{actor.id} → figure {f.id}"
        for e in content.events.values():
            if actor.id in e.actors:
                assert ("timeline/index.html", e.id) in linked, f"{actor.id} → event {e.id}"
        assert ("sources/index.html", actor.source) in linked


def test_issue_pages_show_every_position_with_its_actor(pages, content):
    for issue in content.issues.values():
        rel = issue_page(issue.id)
        soup = get(pages, rel)
        linked = links_from(rel, article(soup))
        positions = [p for p in content.positions if p.issue == issue.id]
        table = section(soup, "where-each-side-stands")
        table = next(t for t in table if t.name == "table")
        _, rows = table_rows(table)
        assert sorted(visible(r[0]) for r in rows) == sorted(norm(content.actors[p.actor].name) for p in positions)
        for p in positions:
            assert (actor_page(p.actor), "") in linked, f"{issue.id} → actor {p.actor}"
            detail = section_text(soup, p.actor)
            assert detail.startswith(norm(content.actors[p.actor].name)), f"{issue.id}#{p.actor}"
            assert STANCES[p.stance][0] in detail
            assert expected_date(p.date) in detail
            assert norm(p.summary) in detail
            if p.quote:
                assert f"“{norm(p.quote)}”" in detail
            if p.said_by:
                assert norm(content.actors[p.said_by].name) in detail
                assert (actor_page(p.said_by), "") in section_links(rel, soup, p.actor)
            assert ("sources/index.html", p.source) in section_links(rel, soup, p.actor)
        for f in content.figures.values():
            if f.issue == issue.id:
                assert ("figures/index.html", f.id) in linked, f"{issue.id} → figure {f.id}"
        for e in content.events.values():
            if issue.id in e.issues:
                assert ("timeline/index.html", e.id) in linked, f"{issue.id} → event {e.id}"


def test_sources_page_lists_everything_citing_each_source(pages, content):
    rel = "sources/index.html"
    soup = get(pages, rel)
    for source in content.sources.values():
        text = section_text(soup, source.id)
        links = section_links(rel, soup, source.id)
        assert norm(source.title) in text
        assert norm(source.publisher) in text
        if source.reported_by:
            assert norm(source.reported_by) in text
        assert expected_date(source.date) in text
        for f in content.figures.values():
            if f.source == source.id:
                assert ("figures/index.html", f.id) in links, f"{source.id} → figure {f.id}"
        for p in content.positions:
            if p.source == source.id:
                assert (issue_page(p.issue), p.actor) in links, f"{source.id} → {p.actor} on {p.issue}"
        for e in content.events.values():
            if e.source == source.id:
                assert ("timeline/index.html", e.id) in links, f"{source.id} → event {e.id}"
        for a in content.actors.values():
            if a.source == source.id:
                assert (actor_page(a.id), "") in links, f"{source.id} → actor {a.id}"
        for i in content.issues.values():
            if i.source == source.id:
                assert (issue_page(i.id), "") in links, f"{source.id} → issue {i.id}"
        if source.url:
            external = [a["href"] for t in section(soup, source.id) for a in t.find_all("a", href=True)]
            assert source.url in external


def test_figures_page_shows_every_figure_with_value_and_status(pages, content):
    rel = "figures/index.html"
    soup = get(pages, rel)
    table = article(soup).find("table")
    header, rows = table_rows(table)
    assert [visible(th) for th in header] == ["Number", "What it counts", "Status", "Who says so"]
    figures = list(content.figures.values())
    assert len(rows) == len(figures)
    for row, f in zip(rows, figures):
        assert visible(row[0]) == norm(expected_value(f)), f.id
        assert visible(row[1]) == norm(f.label)
        assert links_from(rel, row[1]) == {(rel, f.id)}
        assert visible(row[2]) == STATUSES[f.status][0]
        assert row[2].find(class_=f"status-{f.status}") is not None, f"{f.id}: no status icon"
        for name in who_says(f, content):
            assert norm(name) in visible(row[3]), f.id
    for f in figures:
        text = section_text(soup, f.id)
        links = section_links(rel, soup, f.id)
        assert text.startswith(norm(f.label)), f.id
        assert norm(expected_value(f)) in text
        assert STATUSES[f.status][0] in text
        assert f"as of {expected_date(f.as_of)}" in text
        if f.note:
            assert norm(f.note) in text
        if f.issue:
            assert (issue_page(f.issue), "") in links
        for actor_id in f.claimed_by:
            assert (actor_page(actor_id), "") in links
        assert ("sources/index.html", f.source) in links


def test_figures_page_explains_every_status(pages):
    text = section_text(get(pages, "figures/index.html"), "what-the-statuses-mean")
    for name, (label, meaning) in STATUSES.items():
        assert f"{label}: {meaning}" in text, name


def test_timeline_lists_every_event_in_date_order(pages, content):
    soup = get(pages, "timeline/index.html")
    event_ids = set(content.events)
    headings = [h for h in article(soup).find_all("h2") if h.get("id") in event_ids]
    expected = sorted(content.events.values(), key=lambda e: date_order(e.date))
    assert [h["id"] for h in headings] == [e.id for e in expected]
    for heading, e in zip(headings, expected):
        assert heading_text(heading) == f"{expected_date(e.date)}: {norm(e.title)}"
        text = section_text(soup, e.id)
        assert norm(e.summary) in text
        links = section_links("timeline/index.html", soup, e.id)
        for actor_id in e.actors:
            assert (actor_page(actor_id), "") in links, f"{e.id} → {actor_id}"
        for issue_id in e.issues:
            assert (issue_page(issue_id), "") in links, f"{e.id} → {issue_id}"
        assert ("sources/index.html", e.source) in links


def test_timeline_shows_partial_dates_in_words(pages, content):
    text = visible(article(get(pages, "timeline/index.html")))
    for e in content.events.values():
        assert e.date not in text, f"raw date {e.date} shown"
    headings = [heading_text(h) for h in article(get(pages, "timeline/index.html")).find_all("h2")]
    assert "June 2024: Putin sets out his conditions for ending the war" in headings
    assert any(h.startswith("March 2022: ") for h in headings)


# --------------------------------------------------------------------------- concrete facts a reader looks for


def test_home_page_key_numbers(pages, content):
    rel = "index.html"
    soup = get(pages, rel)
    table = next(t for t in section(soup, "key-numbers") if t.name == "table")
    _, rows = table_rows(table)
    key = [f for f in content.figures.values() if f.key]
    assert [visible(r[0]) for r in rows] == [norm(expected_value(f)) for f in key]
    assert [links_from(rel, r[1]) for r in rows] == [{("figures/index.html", f.id)} for f in key]
    numbers = [visible(r[0]) for r in rows]
    assert "12,000 bodies" in numbers
    assert "6,000 bodies each side" in numbers
    assert "339 children's names" in numbers


def test_figure_formats_a_reader_would_recognise(pages):
    text = visible(article(get(pages, "figures/index.html")))
    for expected in ("12,000 bodies", "1.2 million", "2–3 days", "less than 1 hour", "just under a fifth", "about 113,100 km²"):
        assert expected in text


def test_medinsky_has_a_page_linked_to_the_russian_delegation(pages):
    rel = actor_page("vladimir-medinsky")
    soup = get(pages, rel)
    assert h1(soup) == "Vladimir Medinsky"
    part_of = section_text(soup, "part-of")
    assert "Head of delegation: Russian delegation" in part_of
    assert (actor_page("russian-delegation"), "") in section_links(rel, soup, "part-of")
    delegation = actor_page("russian-delegation")
    assert (rel, "") in links_from(delegation, article(get(pages, delegation)))


def test_deported_children_shows_both_sides_and_medinskys_quote(pages):
    rel = issue_page("deported-children")
    soup = get(pages, rel)
    table = next(t for t in section(soup, "where-each-side-stands") if t.name == "table")
    _, rows = table_rows(table)
    by_side = {visible(r[0]): r for r in rows}
    assert {"Russia", "Ukraine"} <= by_side.keys()
    assert visible(by_side["Russia"][1]) == "Disputes"
    assert visible(by_side["Ukraine"][1]) == "Demands"
    assert visible(by_side["Russia"][2]) == "“rescued” (Vladimir Medinsky)"
    quote = [t for t in section(soup, "russia") if t.name == "blockquote"]
    assert [visible(q) for q in quote] == ["“rescued” — Vladimir Medinsky"]
    assert "339" in visible(article(soup))


# --------------------------------------------------------------------------- every fact is findable


def facts(content: Content) -> Iterator[tuple[str, str]]:
    """(what, text) for every piece of text in the content a reader should find on the site."""
    x = content.explainer
    yield "explainer title", x.title
    yield "standfirst", x.standfirst
    for i, note in enumerate([*x.summary, *x.unknowns, *x.next]):
        yield f"explainer note {i}", note.text
    for change in x.changes:
        yield f"change {change.date}", change.text
    for a in content.actors.values():
        yield f"actor {a.id} name", a.name
        yield f"actor {a.id} role", a.role
        yield f"actor {a.id} description", a.description
        for alias in a.aliases:
            yield f"actor {a.id} alias", alias
    for i in content.issues.values():
        yield f"issue {i.id} title", i.title
        yield f"issue {i.id} question", i.question
        yield f"issue {i.id} description", i.description
    for p in content.positions:
        yield f"position {p.actor}/{p.issue} summary", p.summary
        if p.quote:
            yield f"position {p.actor}/{p.issue} quote", f"“{p.quote}”"
    for f in content.figures.values():
        yield f"figure {f.id} label", f.label
        yield f"figure {f.id} value", expected_value(f)
        if f.note:
            yield f"figure {f.id} note", f.note
    for e in content.events.values():
        yield f"event {e.id} title", e.title
        yield f"event {e.id} summary", e.summary
    for s in content.sources.values():
        yield f"source {s.id} title", s.title


def test_every_fact_in_the_content_is_on_the_site(site_text, content):
    missing = [f"{what}: {text!r}" for what, text in facts(content) if norm(text) not in site_text]
    assert not missing, "not found in the site's visible text:\n" + "\n".join(missing)


def test_no_markup_leaks_into_visible_text(site_text):
    """Escaping must render as the typed characters, never as entity codes or raw Markdown."""
    for leak in ("&#", "&amp;", "{ #", "{ .", "](/", ":material-", "**"):
        assert leak not in site_text, leak


# --------------------------------------------------------------------------- search


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> list[dict]:
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data["docs"]


def indexed_text(docs: list[dict]) -> str:
    return norm(" ".join(BeautifulSoup(f"{d['title']} {d['text']}", "html.parser").get_text(" ") for d in docs))


def test_search_index_finds_people_numbers_and_aliases(search_index):
    text = indexed_text(search_index)
    for term in ("Medinsky", "339", "Kiev", "Kyiv", "12,000"):
        assert term in text, term
    medinsky = [d for d in search_index if d["location"].startswith("actors/vladimir-medinsky/")]
    assert medinsky and medinsky[0]["title"] == "Vladimir Medinsky"
    ukraine = indexed_text([d for d in search_index if d["location"].startswith("actors/ukraine/")])
    assert "Kiev" in ukraine and "Kyiv" in ukraine


def test_search_index_covers_every_actor_issue_and_alias(search_index, content):
    text = indexed_text(search_index)
    titles = {d["location"]: d["title"] for d in search_index}
    for issue in content.issues.values():
        assert titles.get(f"issues/{issue.id}/") == norm(issue.title), issue.id
    for actor in content.actors.values():
        assert titles.get(f"actors/{actor.id}/") == norm(actor.name), actor.id
        for alias in actor.aliases:
            assert norm(alias) in text, alias
    for f in content.figures.values():
        assert norm(f.label) in text, f.id


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
    found = cdn_mentions(built_site, (".html", ".css", ".json", ".xml", ".txt"))
    assert not found, "\n".join(found)


def test_cdn_addresses_are_only_materials_dormant_fallbacks(built_site):
    # Material's script bundle names unpkg.com for two fallbacks: a ResizeObserver polyfill for
    # old browsers and mermaid for pages with diagrams. No page here has a mermaid block, and
    # the browser tests show a current browser requests nothing from another host.
    found = cdn_mentions(built_site, None)
    assert all(re.match(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?: ", f) for f in found), found
    for page in built_site.rglob("*.html"):
        assert BeautifulSoup(page.read_text(), "html.parser").select(".mermaid") == [], page
