"""A desk of several explainers (issue 9): the fictional Riverton budget dispute in
tests/fixtures/desk, told in three explainers that share actors, issues and sources.

The site is built with the real ``mkdocs build --strict`` and read as HTML; what each test
expects is worked out from the fixture's YAML (through the model), not from the generator's own
cross-references. Every page path comes from ``generator.urls``.
"""

from __future__ import annotations

import ast
import datetime
import json
import os
import re
import shutil
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator import load, messages, render, urls, validate
from generator.files import PLACEHOLDERS
from generator.model import Position
from generator.validated_desk import Content
from generator.values import sort_key
from generator.render import NAV_EXPLAINERS

from .conftest import FIXTURES, MINIMAL, ROOT, address, article, html_file, make_project, mkdocs, read, run_cli, section, served, target
from .test_embeds import expected_embeds

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

FIXTURE = FIXTURES / "desk"
GOLDEN = Path(__file__).parent / "golden" / "desk"
# UPDATE_GOLDEN=1 rewrites the expected page; review the diff like code.
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# The fixture's explainers, newest first, as a reader of the hub expects them.
NEWEST_FIRST = ["budget-deal", "budget-strike", "budget-first-reading"]
TIMEOUT = 60_000  # ms: the longest any single browser wait may take; a hang guard, not a pace


# -- helpers -----------------------------------------------------------------------------


def text(element: Tag, seen: bool = False) -> str:
    """What a reader reads: whitespace collapsed, headings' permalink signs and the words only
    search reads left out; with ``seen``, what a reader sees on a wide screen: no text only for
    screen readers (a citation's full name, a stance's) or shown only on a phone."""
    copy = BeautifulSoup(str(element), "html.parser")
    for permalink in copy.select("a.headerlink, [hidden]" + (", .visually-hidden, .stance-who" if seen else "")):
        permalink.decompose()
    # Inline elements are joined by a space: "In <a>x</a>." reads "In x.", not "In x .".
    return re.sub(r"\s+([,.:;)])", r"\1", re.sub(r"\s+", " ", copy.get_text(" "))).strip()


def json_ld(soup: BeautifulSoup) -> dict:
    (script,) = soup.select("script[type='application/ld+json']")
    return json.loads(script.string)


def stance_label(stance: str) -> str:
    return next(t.label for t in messages.STANCES if t.id == stance)


def citations(element: Tag, page: str) -> list[tuple[str, str]]:
    """The citations in an element: (what a screen reader reads of each, where it leads)."""
    return [(text(a), target(page, a["href"])) for a in element.select("a.cite")]


def positions_of(x_positions: tuple[Position, ...], issue: str, actor: str) -> list[Position]:
    """One actor's positions on one issue, latest first."""
    found = [p for p in x_positions if p.issue == issue and p.actor == actor]
    return sorted(found, key=lambda p: sort_key(p.date), reverse=True)


def nav_links(soup: BeautifulSoup) -> list[str]:
    """The links of Material's primary navigation, without the current page's own table of
    contents, which Material nests in it, and without an explainer's own pages, which the menu
    lists first on each of them (a fixed number, messages.SECTIONS)."""
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None, "the page has no primary navigation"
    return [
        a.get("href") for a in nav.select("a")
        if a.find_parent("nav", class_="md-nav--secondary") is None and a.find_parent(class_="explainer-menu") is None
    ]


def line_col(file: Path, line_text: str, value: str) -> tuple[int, int]:
    """1-based line and column of ``value`` on the only line of ``file`` that holds ``line_text``."""
    lines = file.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines) if line_text in line]
    assert len(found) == 1, f"{line_text!r} is on {len(found)} lines of {file}"
    return found[0] + 1, lines[found[0]].index(value) + 1


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(FIXTURE))


@pytest.fixture(scope="module")
def site(desk_site: Path) -> Path:
    """The fictional desk, built with ``mkdocs build --strict``."""
    return desk_site


@pytest.fixture(scope="module")
def desk_url(site: Path) -> Iterator[str]:
    with served(site) as base:
        yield base


# -- the fixture itself --------------------------------------------------------------------


def test_the_fixture_is_a_valid_desk_with_no_warnings():
    result = run_cli("--content", str(FIXTURE), "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_every_fixture_file_names_its_schema_and_says_it_is_fictional():
    files = sorted(FIXTURE.rglob("*.yml"))
    assert len(files) == 4 + 3 * 4
    for file in files:
        first, second = file.read_text(encoding="utf-8").splitlines()[:2]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), file
        schema = (file.parent / first[len(prefix):]).resolve()
        assert schema == ROOT / "generator" / "schema" / (file.stem + ".schema.json"), file
        assert schema.is_file(), file
        assert second.startswith("# FICTIONAL:"), file
    assert "fictional" in (FIXTURE / "desk.yml").read_text(encoding="utf-8").split("description:", 1)[1].lower()


def test_the_fixture_has_what_the_desk_tests_need(content: Content):
    # The checks below are only meaningful if the fixture keeps these properties.
    assert list(content.explainers) == NEWEST_FIRST
    roles = {slug: {c.actor: c.role for c in x.story.actors} for slug, x in content.explainers.items()}
    for actor in ("city-workers-union", "dana-okafor", "riverton-council", "priya-lund"):
        assert len({roles[slug][actor] for slug in NEWEST_FIRST}) == 3, actor
    union = [positions_of(content.explainers[s].positions, "pay-offer", "city-workers-union") for s in NEWEST_FIRST]
    assert [[p.stance for p in ps] for ps in union] == [["agrees"], ["conditional", "opposes"], ["opposes"]]
    mayor = [positions_of(content.explainers[s].positions, "pay-offer", "dana-okafor") for s in reversed(NEWEST_FIRST)]
    assert [[p.stance for p in ps] for ps in mayor] == [["proposes"], ["supports"], ["supports"]]
    assert any(len(p.source) == 2 for x in content.explainers.values() for p in x.positions)
    figures = [f for x in content.explainers.values() for f in x.figures.values()]
    assert any(f.key for f in figures) and not all(f.key for f in figures)
    assert [f.id for f in figures if f.chart and f.scope == "per-side"] == ["negotiators"]
    assert all(s.url for s in content.sources.values())
    assert len({s.publisher for s in content.sources.values()}) == 3


# -- the hub -------------------------------------------------------------------------------


def test_hub_lists_every_explainer_newest_first(site: Path, content: Content):
    here = urls.path("desk")
    page = article(read(site, here))
    headings = page.select("h3[id^='explainer-']")
    assert [h["id"] for h in headings] == [urls.anchor("explainer", slug=s) for s in NEWEST_FIRST]
    dates = [sort_key(content.explainers[s].story.date) for s in NEWEST_FIRST]
    assert dates == sorted(dates, reverse=True)
    for heading, slug in zip(headings, NEWEST_FIRST):
        story = content.explainers[slug].story
        (link,) = heading.select("a:not(.headerlink)")
        assert text(link) == story.title
        assert target(here, link["href"]) == address(urls.path("explainer", slug=slug))
        standfirst, *number, dateline = [e for e in section(heading) if e.name == "p" and not e.has_attr("hidden")]
        assert text(standfirst) == story.standfirst
        # The first key number, when it has one, between the standfirst and the dateline.
        key = [f for f in content.explainers[slug].figures.values() if f.key][:1]
        assert [text(n).startswith(f"{ENGLISH.figure_value(f)} {f.label} ") for n, f in zip(number, key)] == [True] * len(key)
        assert len(number) == len(key) and all(n.select("a.cite") for n in number)
        assert "front-dateline" in dateline["class"]
        # The fixture's stories were each updated after their date ("Last updated" is left out
        # otherwise: tests/test_site.py, the shipped desk's).
        assert story.updated != story.date
        assert text(dateline) == f"{story.place}, {ENGLISH.date(story.date)} · Last updated {ENGLISH.date(story.updated)}"


def test_hub_lists_what_changed_lately_across_explainers_newest_first(site: Path, content: Content):
    here = urls.path("desk")
    page = article(read(site, here))
    heading = page.select_one(f"h2#{urls.anchor('changes')}")
    assert heading is not None
    (listing,) = [e for e in section(heading) if e.name == "ul"]
    expected = sorted(
        ((x, change) for x in content.explainers.values() for change in x.story.changes),
        key=lambda xc: sort_key(xc[1].date),
        reverse=True,
    )
    items = listing.find_all("li", recursive=False)
    assert len(items) == len(expected) == 6
    for item, (x, change) in zip(items, expected):
        correction = "Correction: " if change.correction else ""
        assert text(item) == f"{ENGLISH.date(change.date)}, {x.story.title}: {correction}{change.text}"
        (link,) = item.select("a")
        assert target(here, link["href"]) == address(urls.path("explainer", slug=x.slug), urls.anchor("changes"))
        marked = [text(s) for s in item.select("strong")]
        assert ("Correction:" in marked) == change.correction
    assert sum(change.correction for _, change in expected) == 2


# -- an actor across explainers --------------------------------------------------------------


@pytest.mark.parametrize(
    "actor_id, appears_in",
    [
        ("city-workers-union", NEWEST_FIRST),
        ("dana-okafor", NEWEST_FIRST),
        # Not in the deal: only in the strike's cast, and speaking and rallying at first reading.
        ("tom-reyes", ["budget-strike", "budget-first-reading"]),
    ],
)
def test_actor_page_has_a_section_per_explainer_with_its_role_and_positions_there(
    site: Path, content: Content, actor_id: str, appears_in: list[str]
):
    here = urls.path("actor", id=actor_id)
    soup = read(site, here)
    page = article(soup)
    headings = page.select("h3[id^='explainer-']")
    assert [h["id"] for h in headings] == [urls.anchor("explainer", slug=s) for s in appears_in]
    for heading, slug in zip(headings, appears_in):
        x = content.explainers[slug]
        (link,) = heading.select("a:not(.headerlink)")
        assert text(link) == x.story.title
        assert target(here, link["href"]) == address(urls.path("explainer", slug=slug))
        body = section(heading)
        cast = {c.actor: c for c in x.story.actors}.get(actor_id)
        # Their role in this story; their lasting role is said once, at the top of the page.
        role = cast.role if cast else None
        # With no description of what they did, the role carries the sources itself.
        cited = "".join(f" Source: {ENGLISH.source_name(content.sources[s])}" for s in cast.source) if cast and not cast.description else ""
        assert text(body[0]) == ENGLISH.date(x.story.date) + (f" · {role}" if role else "") + cited
        if cast:
            assert [text(s) for s in body[0].select("strong")] == [role]
        # Its positions in this explainer, each dated and linked to the issue's history.
        expected = [p for p in x.positions if p.actor == actor_id]
        # (The words they said for others, each a list item around the quote, are listed apart.)
        items = [li for ul in body if ul.name == "ul" for li in ul.find_all("li", recursive=False)
                 if li.select("p > strong > a") and not li.find("blockquote")]
        assert len(items) == len(expected)
        shown = set()
        for item in items:
            head, summary = item.find_all("p", recursive=False)
            (issue_link,) = head.select("strong a")
            # Its sources, or those of the run of positions from the same sources it is in.
            shown.add((target(here, issue_link["href"]), text(head), text(summary).split(" Source: ", 1)[0]))
        assert not items or items[-1].find_all("p", recursive=False)[1].select("a.cite"), "a run of positions ends with its sources"
        assert shown == {
            (
                address(urls.path("issue", id=p.issue), urls.anchor("stances", id=actor_id)),
                f"{content.issues[p.issue].title}: {stance_label(p.stance)} · {ENGLISH.date(p.date)}",
                # Their own quote ends the summary.
                p.summary + (f" “{p.quote}”" + (f" — {content.actors[p.said_by].name}" if p.said_by else "") if p.quote else ""),
            )
            for p in expected
        }
    # The union and the mayor have a different role in each story.
    if actor_id in ("city-workers-union", "dana-okafor"):
        roles = [text(section(h)[0]) for h in headings]
        assert len(set(roles)) == len(roles)
    # Its JSON-LD says which explainers it is the subject of.
    subject_of = json_ld(soup)["subjectOf"]
    assert [thing["headline"] for thing in subject_of] == [content.explainers[s].story.title for s in appears_in]
    assert [target(here, thing["@id"]) for thing in subject_of] == [address(urls.path("explainer", slug=s)) for s in appears_in]


# -- an issue's history across explainers ------------------------------------------------


def _history(content: Content, issue_id: str) -> dict[str, list[tuple[str, Position, str | None]]]:
    """actor → (explainer slug, position, "was: …" or None), latest first, from the YAML."""
    said: dict[str, list[tuple[str, Position]]] = defaultdict(list)
    for slug, x in content.explainers.items():
        for p in x.positions:
            if p.issue == issue_id:
                said[p.actor].append((slug, p))
    history = {}
    for actor_id, found in said.items():
        found.sort(key=lambda sp: sort_key(sp[1].date))
        entries = []
        for i, (slug, p) in enumerate(found):
            before = found[i - 1][1] if i else None
            was = f"was: {stance_label(before.stance)}, {ENGLISH.date(before.date)}" if before and before.stance != p.stance else None
            entries.append((slug, p, was))
        history[actor_id] = list(reversed(entries))
    return history


@pytest.mark.parametrize("issue_id", ["pay-offer", "property-tax", "library-hours"])
def test_issue_page_shows_each_sides_stances_latest_first_marking_each_change(site: Path, content: Content, issue_id: str):
    here = urls.path("issue", id=issue_id)
    page = article(read(site, here))
    expected = _history(content, issue_id)
    sides = page.select("h3[id^='stances-']")
    assert {h["id"] for h in sides} == {urls.anchor("stances", id=a) for a in expected}
    for heading in sides:
        actor_id = heading["id"].removeprefix("stances-")
        assert text(heading) == content.actors[actor_id].name
        body = section(heading)
        entries = [i for i, e in enumerate(body) if "stance-history" in (e.get("class") or [])]
        assert len(entries) == len(expected[actor_id])
        for n, (i, (slug, p, was)) in enumerate(zip(entries, expected[actor_id])):
            line = f"{stance_label(p.stance)} · {ENGLISH.date(p.date)}" + (f" · {was}" if was else "")
            assert text(body[i]) == line
            assert ("was:" in text(body[i])) == (was is not None)
            # The stance has its icon too, never its word alone.
            assert body[i].select_one(f".stance.stance-{p.stance}") is not None
            report = body[i + 1]
            # The position, its sources (on the desk's sources page) and the explainer it is from.
            assert citations(report, here) == [
                (f"Source: {ENGLISH.source_name(content.sources[s])}", address(urls.path("desk-sources"), urls.anchor("source", id=s)))
                for s in p.source
            ]
            assert text(report).startswith(p.summary)
            x = content.explainers[slug]
            assert text(report).endswith(f"In {x.story.title}.")
            from_link = report.select("a")[-1]
            assert text(from_link) == x.story.title
            assert target(here, from_link["href"]) == address(
                urls.path("explainer-issues", slug=slug), urls.anchor("position", issue=issue_id, actor=actor_id)
            )


def test_pay_offer_history_reads_as_the_dispute_went(site: Path):
    # The same facts as above, spelled out: the union opposed, then (within the strike) set
    # conditions, then agreed; the mayor proposed, then supported.
    page = article(read(site, urls.path("issue", id="pay-offer")))

    def lines(actor_id: str) -> list[str]:
        heading = page.select_one(f"h3#{urls.anchor('stances', id=actor_id)}")
        return [text(e) for e in section(heading) if "stance-history" in (e.get("class") or [])]

    assert lines("city-workers-union") == [
        "Agreed · 14 April 2026 · was: Conditional, 25 March 2026",
        "Conditional · 25 March 2026 · was: Opposes, 24 March 2026",
        "Opposes · 24 March 2026",
        "Opposes · 4 March 2026",
    ]
    assert lines("dana-okafor") == [
        "Supports · 14 April 2026",
        "Supports · 25 March 2026 · was: Proposes, 3 March 2026",
        "Proposes · 3 March 2026",
    ]


def test_issue_history_golden_markdown(content: Content):
    path = urls.path("issue", id="pay-offer")
    markdown = render(content)[path]
    golden = GOLDEN / path
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8"), f"{path} differs from tests/golden/desk/{path}"


# -- each explainer's own matrix -------------------------------------------------------------


@pytest.mark.parametrize("slug", NEWEST_FIRST)
def test_explainer_matrix_shows_its_own_latest_positions_and_what_they_were(site: Path, content: Content, slug: str):
    here = urls.path("explainer-positions", slug=slug)
    (table,) = article(read(site, here)).select("table")
    actors = [target(here, a["href"]) for a in table.select("thead th a")]
    actor_ids = [a.removeprefix("actors/").rstrip("/") for a in actors]
    assert actors == [address(urls.path("actor", id=a)) for a in actor_ids]
    x = content.explainers[slug]
    changed = 0
    for row in table.select("tbody tr"):
        issue_cell, *cells = row.find_all(["th", "td"])
        assert issue_cell.name == "th" and issue_cell["scope"] == "row"
        issue_id = target(here, issue_cell.a["href"]).split("#issue-", 1)[1]
        for actor_id, cell in zip(actor_ids, cells):
            mine = positions_of(x.positions, issue_id, actor_id)
            if not mine:
                # No dash: a blank cell (its words for screen readers only).
                assert text(cell, seen=True) == "" and "stance-none" in cell["class"]
                continue
            latest = mine[0]
            was = next((p for p in mine[1:] if p.stance != latest.stance), None)
            expected = stance_label(latest.stance)
            if was:
                expected += f" (was: {stance_label(was.stance)}, {ENGLISH.date(was.date)})"
                changed += 1
            assert text(cell, seen=True) == expected, (slug, issue_id, actor_id)
            assert target(here, cell.a["href"]) == address(
                urls.path("explainer-issues", slug=slug), urls.anchor("position", issue=issue_id, actor=actor_id)
            )
    # Only the strike changes a stance within itself; the deal's union cell says nothing of the
    # desk's earlier stances.
    assert changed == (1 if slug == "budget-strike" else 0)


def test_strike_and_deal_matrices_spelled_out(site: Path):
    def cell(slug: str, issue_id: str, actor_id: str) -> str:
        here = urls.path("explainer-positions", slug=slug)
        table = article(read(site, here)).select_one("table")
        columns = [target(here, a["href"]) for a in table.select("thead th a")]
        column = columns.index(address(urls.path("actor", id=actor_id)))
        for row in table.select("tbody tr"):
            issue_cell, *cells = row.find_all(["th", "td"])
            if target(here, issue_cell.a["href"]).endswith(urls.anchor("issue", id=issue_id)):
                return text(cells[column], seen=True)
        raise AssertionError(f"no row for {issue_id}")

    assert cell("budget-strike", "pay-offer", "city-workers-union") == "Conditional (was: Opposes, 24 March 2026)"
    assert cell("budget-deal", "pay-offer", "city-workers-union") == "Agreed"
    assert cell("budget-first-reading", "pay-offer", "city-workers-union") == "Opposes"
    assert cell("budget-first-reading", "pay-offer", "dana-okafor") == "Proposes"
    assert cell("budget-strike", "pay-offer", "dana-okafor") == "Supports"


# -- a claim with two sources ------------------------------------------------------------------


def test_a_claim_with_two_sources_cites_both_wherever_it_appears(site: Path, content: Content):
    slug = "budget-first-reading"
    (claim,) = [p for p in content.explainers[slug].positions if len(p.source) == 2]
    names = [f"Source: {ENGLISH.source_name(content.sources[s])}" for s in claim.source]

    # The explainer's issues page: both, on the explainer's own sources page.
    here = urls.path("explainer-issues", slug=slug)
    heading = article(read(site, here)).select_one(f"#{urls.anchor('position', issue=claim.issue, actor=claim.actor)}")
    (paragraph,) = [e for e in section(heading) if claim.summary in text(e)]
    sources = urls.path("explainer-sources", slug=slug)
    assert citations(paragraph, here) == [(n, address(sources, urls.anchor("source", id=s))) for n, s in zip(names, claim.source)]

    # The issue's page across the desk: both, on the desk's sources page.
    here = urls.path("issue", id=claim.issue)
    heading = article(read(site, here)).select_one(f"#{urls.anchor('stances', id=claim.actor)}")
    (paragraph,) = [e for e in section(heading) if e.name == "p" and text(e).startswith(claim.summary)]
    sources = urls.path("desk-sources")
    assert citations(paragraph, here) == [(n, address(sources, urls.anchor("source", id=s))) for n, s in zip(names, claim.source)]

    # The actor's page: both, in that explainer's list of its positions.
    here = urls.path("actor", id=claim.actor)
    heading = article(read(site, here)).select_one(f"h3#{urls.anchor('explainer', slug=slug)}")
    (row,) = [li for t in section(heading) if t.name == "ul" for li in t.select("li") if claim.summary in text(li)]
    assert citations(row, here) == [(n, address(sources, urls.anchor("source", id=s))) for n, s in zip(names, claim.source)]

    # Each source's section of the explainer's sources page lists the claim.
    here = urls.path("explainer-sources", slug=slug)
    page = article(read(site, here))
    # Under its issue, named once; dated only when older than the explainer, as its issues page dates it.
    listed = content.actors[claim.actor].name
    if content.explainers[slug].story.date[: len(claim.date)] > claim.date:
        listed += f" ({ENGLISH.date(claim.date)})"
    for source_id in claim.source:
        heading = page.select_one(f"h2#{urls.anchor('source', id=source_id)}")
        (positions,) = [e for e in section(heading) if text(e).startswith("Positions:")]
        groups = dict(group.strip().partition(": ")[::2] for group in text(positions).removeprefix("Positions:").split(";"))
        assert listed in [entry.strip() for entry in groups[content.issues[claim.issue].title].split(",")], groups
        links = [target(here, a["href"]) for a in positions.select("a")]
        assert address(urls.path("explainer-issues", slug=slug), urls.anchor("position", issue=claim.issue, actor=claim.actor)) in links

    # The structured data names both as where the claim appears.
    soup = read(site, urls.path("explainer-positions", slug=slug))
    (found,) = [c for c in json_ld(soup)["itemListElement"] if c["text"] == claim.summary]
    assert [a["name"] for a in found["appearance"]] == [content.sources[s].title for s in claim.source]


# -- the desk's timeline and sources ---------------------------------------------------------


def test_desk_timeline_lists_every_event_in_date_order_naming_its_explainer(site: Path, content: Content):
    here = urls.path("desk-timeline")
    page = article(read(site, here))
    events = sorted(((x, e) for x in content.explainers.values() for e in x.events.values()), key=lambda xe: sort_key(xe[1].date))
    headings = page.select("h2.timeline-event")
    assert [h["id"] for h in headings] == [urls.anchor("event", id=e.id) for _, e in events]
    assert {x.slug for x, _ in events} == set(NEWEST_FIRST)
    for heading, (x, e) in zip(headings, events):
        assert text(heading) == f"{ENGLISH.date(e.date)}: {e.title}"
        (within,) = [p for p in section(heading) if text(p).startswith("In ")]
        assert text(within).startswith(f"In {x.story.title}")
        link = within.select_one("a")
        assert target(here, link["href"]) == address(urls.path("explainer", slug=x.slug))


def test_desk_sources_page_links_into_each_explainers_sources_page(site: Path, content: Content):
    here = urls.path("desk-sources")
    page = article(read(site, here))
    reached = set()
    for source_id in content.sources:
        heading = page.select_one(f"h2#{urls.anchor('source', id=source_id)}")
        assert heading is not None, source_id
        citing = [
            x.slug for x in content.explainers.values()
            if any(source_id in item.source for item in [
                *x.story.actors, *x.positions, *x.figures.values(), *x.events.values(),
                *x.story.summary, *x.story.unknowns, *x.story.next,
            ])
        ]
        (cited_in,) = [e for e in section(heading) if text(e).startswith("Cited in:")]
        links = [target(here, a["href"]) for a in cited_in.select("a")]
        anchor = urls.anchor("source", id=source_id)
        assert links == [address(urls.path("explainer-sources", slug=s), anchor) for s in citing]
        for slug in citing:
            # The link lands on that source's section of the explainer's sources page.
            assert article(read(site, urls.path("explainer-sources", slug=slug))).select_one(f"#{anchor}") is not None
            reached.add(slug)
    assert reached == set(NEWEST_FIRST)
    # One source is cited in two explainers.
    heading = page.select_one(f"h2#{urls.anchor('source', id='wire-0324')}")
    (cited_in,) = [e for e in section(heading) if text(e).startswith("Cited in:")]
    assert len(cited_in.select("a")) == 2


# -- search ------------------------------------------------------------------------------------


def test_search_index_has_every_page_tagged_with_its_explainer(site: Path, content: Content):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = defaultdict(list)
    for doc in index["docs"]:
        by_location[doc["location"].split("#", 1)[0]].append(doc)
    pages = render(content)
    # Every page but the embed pages, which are for other sites' frames, not for searching.
    embeds = set(expected_embeds(content))
    assert embeds and embeds <= pages.keys()
    assert set(by_location) == {urls.url(p) for p in pages if p not in embeds}
    explainer_of = {
        urls.url(urls.path(kind, slug=slug)): content.explainers[slug].story.title
        for slug in content.explainers
        for kind in urls.PAGES
        if kind.startswith("explainer")
    }
    assert len(explainer_of) == 7 * len(NEWEST_FIRST)
    for location, docs in by_location.items():
        for doc in docs:
            if location in explainer_of:
                assert doc.get("tags") == [explainer_of[location]], doc["location"]
            else:
                # A shared page belongs to no one explainer.
                assert "tags" not in doc, doc["location"]


def test_searching_a_word_in_two_explainers_shows_which_explainer_each_result_is_from(browser, desk_url: str, content: Content):
    from playwright.sync_api import expect

    word = "Millbrook"
    having = [x for x in content.explainers.values() if any(word in note.text for note in x.story.summary)]
    assert len(having) == 2
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(f"{desk_url}/", wait_until="load")
        query = page.locator("input[data-md-component=search-query]")
        button = page.locator("label.md-header__button[for='__search']")
        if button.is_visible():
            button.click()
        else:
            query.click()
        expect(query).to_be_focused(timeout=TIMEOUT)
        # Material reacts to key presses, so type like a person rather than fill().
        query.press_sequentially(word, delay=20)
        items = page.locator(".md-search-result__item")
        expect(items).to_have_count(len(having), timeout=TIMEOUT)
        for i in range(len(having)):
            expect(items.nth(i)).to_contain_text(word, timeout=TIMEOUT)
        shown = set()
        for i in range(len(having)):
            item = items.nth(i)
            expect(item.locator(".md-tag").first).to_be_visible(timeout=TIMEOUT)
            # The page and each matching section of it: every one names the explainer.
            results = item.locator("article")
            pages = {urllib.parse.urlsplit(href)[2] for href in item.locator("a").evaluate_all("links => links.map(a => a.href)")}
            assert len(pages) == 1, pages
            tags = {tuple(results.nth(n).locator(".md-tag").all_inner_texts()) for n in range(results.count())}
            shown.add((pages.pop(), *tags))
    finally:
        context.close()
    assert shown == {("/" + address(urls.path("explainer", slug=x.slug)), (x.story.title,)) for x in having}


# -- navigation ----------------------------------------------------------------------------------


def test_navigation_stays_short_however_many_explainers(site: Path, minimal_site: Path, content: Content):
    one = validate(load(MINIMAL))
    pages = {
        "desk": (urls.path("desk"), urls.path("desk")),
        "actor": (urls.path("actor", id="city-workers-union"), urls.path("actor", id="north")),
        "issue": (urls.path("issue", id="pay-offer"), urls.path("issue", id="harbour")),
        "explainer": (urls.path("explainer-figures", slug="budget-strike"), urls.path("explainer-figures", slug=next(iter(one.explainers)))),
    }
    desk_counts = {kind: len(nav_links(read(site, mine))) for kind, (mine, _) in pages.items()}
    one_counts = {kind: len(nav_links(read(minimal_site, theirs))) for kind, (_, theirs) in pages.items()}
    # The same on every page, whatever the page and however many actors and issues the desk has;
    # an explainer's pages add its own pages, the same few whatever the explainer.
    assert len(set(desk_counts.values())) == 1, desk_counts
    menu = read(site, pages["explainer"][0]).select("nav.md-nav--primary .explainer-menu a")
    assert len(menu) == len(messages.SECTIONS)
    assert len(set(one_counts.values())) == 1, one_counts
    more = desk_counts["desk"] - one_counts["desk"]
    assert more == min(len(content.explainers), NAV_EXPLAINERS) - min(len(one.explainers), NAV_EXPLAINERS)
    assert 0 <= more <= NAV_EXPLAINERS
    # The newest explainers are the ones listed.
    links = [target(urls.path("desk"), h) for h in nav_links(read(site, urls.path("desk")))]
    for slug in NEWEST_FIRST[:NAV_EXPLAINERS]:
        assert address(urls.path("explainer", slug=slug)) in links


# -- a desk of one, and a new explainer ---------------------------------------------------------


def test_a_desk_of_one_in_the_old_layout_builds_its_explainer_under_its_slug(minimal_site: Path):
    slug = urls.slugify("Harbour talks")
    assert slug == "harbour-talks"
    overview = urls.path("explainer", slug=slug)
    assert urls.url(overview) == "harbour-talks/"
    soup = read(minimal_site, overview)
    assert text(article(soup).select_one("h1")) == "Harbour talks"
    for kind in urls.PAGES:
        if kind.startswith("explainer"):
            assert (minimal_site / html_file(urls.path(kind, slug=slug))).is_file(), kind
    hub = urls.path("desk")
    links = [target(hub, a["href"]) for a in article(read(minimal_site, hub)).select("h3 a:not(.headerlink)")]
    assert links == [address(overview)]


def test_a_new_explainer_shows_on_the_hub_and_in_search(tmp_path: Path):
    desk = tmp_path / "desk"
    shutil.copytree(FIXTURE, desk)
    slug = "budget-review"
    result = run_cli("--content", str(desk), "new", slug)
    assert result.returncode == 0, result.stderr
    # It starts as a draft: the editor writes its texts and publishes it.
    written = desk / "explainers" / slug / "explainer.yml"
    text_ = written.read_text(encoding="utf-8").replace("draft: true\n", "")
    for field, placeholder in PLACEHOLDERS.items():
        text_ = text_.replace(placeholder, f"The real {field}.")
    written.write_text(text_, encoding="utf-8")
    story = validate(load(desk)).explainers[slug].story
    assert story.date == datetime.date.today().isoformat()

    project = make_project(tmp_path / "project")
    # Not --strict: the new explainer has no summary yet, which is a warning.
    result = mkdocs(project, "build", content=desk)
    assert result.returncode == 0, result.stderr
    assert "the explainer has no summary" in result.stderr
    site = project / "site"

    here = urls.path("desk")
    heading = article(read(site, here)).select_one(f"h3#{urls.anchor('explainer', slug=slug)}")
    assert heading is not None
    link = heading.select_one("a:not(.headerlink)")
    assert text(link) == story.title
    assert target(here, link["href"]) == address(urls.path("explainer", slug=slug))

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    overview = [d for d in index["docs"] if d["location"] == urls.url(urls.path("explainer", slug=slug))]
    assert len(overview) == 1
    assert overview[0]["title"] == story.title
    assert overview[0]["tags"] == [story.title]


# -- errors that cross explainers ----------------------------------------------------------------


def test_cross_desk_reference_errors_are_reported_exactly(tmp_path: Path):
    desk = tmp_path / "desk"
    shutil.copytree(FIXTURE, desk)
    x = desk / "explainers"

    # An unknown actor in one explainer's positions: the suggestion comes from actors.yml.
    positions = x / "budget-deal" / "positions.yml"
    text_ = positions.read_text(encoding="utf-8")
    assert text_.count("actor: dana-okafor") == 1
    positions.write_text(text_.replace("actor: dana-okafor", "actor: dana-okafur"), encoding="utf-8")
    actor_at = line_col(positions, "actor: dana-okafur", "dana-okafur")

    # A figure id that another explainer already uses.
    figures = x / "budget-strike" / "figures.yml"
    with figures.open("a", encoding="utf-8") as f:
        f.write(
            "\n- id: budget-gap\n  label: Gap left by the strike\n  value: 1000000\n  currency: USD\n"
            "  status: estimate\n  as_of: 2026-03-25\n  source: ledger-0325\n"
        )
    first_at = line_col(x / "budget-first-reading" / "figures.yml", "- id: budget-gap", "budget-gap")
    second_at = line_col(figures, "- id: budget-gap", "budget-gap")

    # An unknown source in a cast entry.
    story = x / "budget-strike" / "explainer.yml"
    lines = story.read_text(encoding="utf-8").splitlines(keepends=True)
    cast_start = next(i for i, line in enumerate(lines) if line.strip() == "- actor: priya-lund")
    source_line = next(i for i in range(cast_start, len(lines)) if lines[i].strip().startswith("source:"))
    lines[source_line] = "    source: evening-post\n"
    story.write_text("".join(lines), encoding="utf-8")
    source_at = (source_line + 1, lines[source_line].index("evening-post") + 1)

    result = run_cli("--content", "desk", "check", cwd=tmp_path)
    assert result.returncode == 1
    where = "desk/explainers"
    expected = [
        f"{where}/budget-deal/positions.yml:{actor_at[0]}:{actor_at[1]}: error: unknown actor 'dana-okafur' "
        "(expected the id of an entry in actors.yml; did you mean 'dana-okafor'?)",
        f"{where}/budget-strike/explainer.yml:{source_at[0]}:{source_at[1]}: error: unknown source 'evening-post' "
        "(expected the id of an entry in sources.yml)",
        f"{where}/budget-strike/figures.yml:{second_at[0]}:{second_at[1]}: error: duplicate id 'budget-gap' "
        f"(first defined at {where}/budget-first-reading/figures.yml:{first_at[0]}:{first_at[1]}; expected each id once)",
        "3 errors in 3 files",
    ]
    assert result.stderr.splitlines() == expected


# -- one URL scheme --------------------------------------------------------------------------------

# Strings that spell a page's path: folders of shared pages, explainer page files, index pages.
PAGE_PATH = re.compile(r"\b(actors|issues)/|\b(timeline|figures|sources|positions|actors|issues)\.md\b|\bindex\.md\b")


def _path_literals(file: Path) -> list[str]:
    if file.suffix == ".py":
        tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    else:
        strings = [file.read_text(encoding="utf-8")]
    return [m.group() for s in strings for m in PAGE_PATH.finditer(s)]


def test_page_paths_are_spelled_only_in_the_registry_and_urls_py():
    generator = ROOT / "generator"
    files = sorted(generator.rglob("*.py")) + sorted(p for p in (generator / "templates").rglob("*") if p.is_file())
    # The URL scheme: the registry of page kinds declares each kind's path, urls.py the rest.
    scheme = {generator / "kinds.py", generator / "urls.py"}
    assert scheme <= set(files) and len(files) > 20
    # The check finds what it looks for: the registry spells every page's path.
    assert _path_literals(generator / "kinds.py")
    found = {
        str(f.relative_to(ROOT)): hits
        for f in files
        if f not in scheme and (hits := _path_literals(f))
    }
    assert found == {}, f"page paths spelled outside generator/kinds.py and urls.py: {found}"
