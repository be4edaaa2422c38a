"""Shared pages that do not grow with the desk: a list longer than a page goes on over numbered
pages (urls.PAGED, paging.PER_PAGE), and every entry is on exactly one of them.

A synthetic desk (bench.synth) is built with the real ``mkdocs build --strict``, in a process of
its own whose page sizes are set small, so that a desk of a few explainers already fills several
pages of each list; ``--strict`` also fails on any link or anchor that leads nowhere, so every
pager link and every link into a later page (a citation to the desk's sources, an actor's
position to its issue's history) is checked by MkDocs itself. What each test expects is worked
out from the desk's YAML, through the model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench import synth
from generator import load, messages, render, urls, validate
from generator.paging import PER_PAGE
from generator.validated_desk import Content
from generator.wording import Wording
from generator.values import sort_key

from .conftest import ROOT, make_project
from .test_desk import _history, address, article, json_ld, read, section, stance_label, target, text

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

SMALL = {"desk": 2, "desk-timeline": 10, "desk-actors": 20, "desk-issues": 10, "desk-sources": 5, "actor": 2, "issue": 2}
# Items of a secondary list shown before the rest is counted (lookups.SHOWN), set as small.
SHOWN = 3
EXPLAINERS = 5
# Builds the site with MkDocs' own command line, as `mkdocs build --strict` does, after setting the
# page sizes given as JSON: the generator is the installed one, only its constants differ.
BUILD = """
import json, sys
import generator.lookups
import generator.paging
generator.paging.PER_PAGE.update(json.loads(sys.argv[1]))
generator.lookups.SHOWN = int(sys.argv[2])
import mkdocs.__main__
mkdocs.__main__.cli.main(args=["build", "--strict"], prog_name="mkdocs")
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Content]:
    tmp = tmp_path_factory.mktemp("paged")
    synth.write(tmp / "content", explainers=EXPLAINERS)
    project = make_project(tmp / "project")
    env = {**os.environ, "EXPLAINER_CONTENT": str(tmp / "content"), "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-c", BUILD, json.dumps(SMALL), str(SHOWN)], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert built.returncode == 0, built.stderr
    return project / "site", validate(load(tmp / "content"))


def pages_of(site: Path, first: str) -> list[tuple[str, BeautifulSoup]]:
    """A paged list's pages, read as a reader goes through them: from ``first``, following
    "Next page" until there is none. Each page's pager names it and links every page it shows."""
    found = []
    here = first
    while True:
        soup = read(site, here)
        found.append((here, soup))
        pager = article(soup).select_one("p.explainer-pager")
        if pager is None:
            assert len(found) == 1, f"{here} has no pager"
            return found
        current = [text(s) for s in pager.select("strong")]
        assert current == [str(len(found))], f"{here}: the pager marks page {current}"
        following = [a for a in pager.select("a") if text(a) == messages.PAGER["next"]]
        if not following:
            return found
        here = page_path(target(here, following[0]["href"]))


def page_path(address_: str) -> str:
    """The page file of an address in the site: ``actors/x/page/2/`` → ``actors/x/page/2.md``."""
    address_ = address_.split("#", 1)[0]
    return "index.md" if address_ == "" else address_.rstrip("/") + ".md" if "/page/" in address_ else _known(address_)


def _known(address_: str) -> str:
    for candidate in (address_.rstrip("/") + ".md", address_ + "index.md"):
        if urls.url(candidate) == address_:
            return candidate
    raise AssertionError(address_)


def h1(soup: BeautifulSoup) -> str:
    return text(article(soup).select_one("h1"))


def test_the_home_page_lists_every_explainer_once_newest_first_over_its_pages(desk):
    site, content = desk
    pages = pages_of(site, urls.path("desk"))
    assert len(pages) == -(-EXPLAINERS // SMALL["desk"])
    listed = []
    for n, (here, soup) in enumerate(pages, 1):
        headings = article(soup).select("h3[id^='explainer-']")
        assert 0 < len(headings) <= SMALL["desk"]
        listed += [h["id"].removeprefix("explainer-") for h in headings]
        assert h1(soup) == ENGLISH.paged(content.desk.title, n, len(pages))
        assert here == urls.path("desk", page=n)
        # The desk's JSON-LD names the explainers of this page.
        assert [target(here, part["@id"]) for part in json_ld(soup)["hasPart"]] == [
            address(urls.path("explainer", slug=h["id"].removeprefix("explainer-"))) for h in headings
        ]
        # What changed lately and the way to the desk's other pages are on the first page only.
        assert (article(soup).select_one(f"#{urls.anchor('changes')}") is not None) == (n == 1)
    assert listed == list(content.explainers)
    # The last page leads back to the one before it.
    last_here, last = pages[-1]
    back = [a for a in article(last).select("p.explainer-pager a") if text(a) == messages.PAGER["previous"]]
    assert target(last_here, back[0]["href"]) == address(urls.path("desk", page=len(pages) - 1))


def test_an_actor_in_every_explainer_lists_them_over_pages_and_its_positions_lead_to_their_history(desk):
    site, content = desk
    party = next(iter(content.explainers.values())).story.parties[0]
    pages = pages_of(site, urls.path("actor", id=party))
    assert len(pages) == -(-EXPLAINERS // SMALL["actor"])
    listed = []
    for n, (here, soup) in enumerate(pages, 1):
        page = article(soup)
        headings = page.select("h3[id^='explainer-']")
        assert 0 < len(headings) <= SMALL["actor"]
        slugs = [h["id"].removeprefix("explainer-") for h in headings]
        listed += slugs
        assert h1(soup) == ENGLISH.paged(content.actors[party].name, n, len(pages))
        assert [thing["headline"] for thing in json_ld(soup)["subjectOf"]] == [content.explainers[s].story.title for s in slugs]
        for heading, slug in zip(headings, slugs):
            x = content.explainers[slug]
            # (The words they said for others, each a list item around the quote, are listed apart.)
            items = [item for block in section(heading) if block.name == "ul" for item in block.find_all("li", recursive=False)
                     if not item.find("blockquote")]
            assert len(items) == len([p for p in x.positions if p.actor == party])
            for item in items:
                # The issue's history, on the page of it that holds this explainer's report.
                link = item.select_one("strong a")
                goal = target(here, link["href"])
                issue_page = page_path(goal)
                history = article(read(site, issue_page))
                side = history.select_one(f"h3#{goal.split('#', 1)[1]}")
                assert side is not None and text(side) == content.actors[party].name
                reports = [text(e) for e in section(side)]
                assert any(r.endswith(f"In {x.story.title}.") for r in reports), (goal, slug)
    assert listed == list(content.explainers)


def test_an_issue_in_several_explainers_shows_every_report_once_over_its_pages(desk):
    site, content = desk
    covering: dict[str, set[str]] = defaultdict(set)
    for slug, x in content.explainers.items():
        for p in x.positions:
            covering[p.issue].add(slug)
    issue_id = max(covering, key=lambda i: (len(covering[i]), i))
    assert len(covering[issue_id]) > SMALL["issue"], "the synthetic desk has no issue in enough explainers"
    expected = _history(content, issue_id)
    pages = pages_of(site, urls.path("issue", id=issue_id))
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for n, (here, soup) in enumerate(pages, 1):
        page = article(soup)
        explainers = [li for li in page.select("h2#in-the-explainers + ul li")]
        assert 0 < len(explainers) <= SMALL["issue"]
        for heading in page.select("h3[id^='stances-']"):
            actor_id = heading["id"].removeprefix("stances-")
            body = section(heading)
            for i, e in enumerate(body):
                if "stance-history" in (e.get("class") or []):
                    for report in body[i + 1 :]:
                        # The next stance line, or the words only search reads (hidden), end the reports.
                        if {"stance-history", "search-only"} & set(report.get("class") or []) or report.name != "p":
                            break
                        seen[actor_id].append((text(e), text(report)))
    # Every position on the issue, in every explainer, is on exactly one page, with its stance
    # line as the whole history has it ("was:" included, even when the earlier one is on another page).
    for actor_id, entries in expected.items():
        wanted = sorted(
            (f"{stance_label(p.stance)} · {ENGLISH.date(p.date)}" + (f" · {was}" if was else ""), content.explainers[slug].story.title)
            for slug, p, was in entries
        )
        got = sorted((line, report.rsplit("In ", 1)[1].rstrip(".")) for line, report in seen[actor_id])
        assert got == wanted, actor_id
    assert set(seen) == set(expected)


def test_the_desk_timeline_holds_the_latest_events_first_each_page_in_order(desk):
    site, content = desk
    events = sorted((e for x in content.explainers.values() for e in x.events.values()), key=lambda e: sort_key(e.date))
    pages = pages_of(site, urls.path("desk-timeline"))
    per_page = []
    for _, soup in pages:
        ids = [h["id"].removeprefix("event-") for h in article(soup).select("h2[id^='event-']")]
        assert 0 < len(ids) <= SMALL["desk-timeline"]
        dates = [sort_key(next(e.date for e in events if e.id == i)) for i in ids]
        assert dates == sorted(dates)
        per_page.append(ids)
    # Page 1 holds the latest; read from the last page back to the first, it is the whole timeline.
    assert per_page[0] == [e.id for e in events[-len(per_page[0]) :]]
    assert [i for ids in reversed(per_page) for i in ids] == [e.id for e in events]


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("desk-actors", lambda c: sorted(c.actors)),
        ("desk-issues", lambda c: sorted(c.issues)),
        ("desk-sources", lambda c: sorted(c.sources)),
    ],
)
def test_the_desks_lists_hold_everything_once_over_their_pages(desk, kind, expected):
    site, content = desk
    pages = pages_of(site, urls.path(kind))
    assert len(pages) > 1
    found = []
    for here, soup in pages:
        page = article(soup)
        if kind == "desk-sources":
            ids = [h["id"].removeprefix("source-") for h in page.select("h2[id^='source-']")]
        else:
            prefix = "actors/" if kind == "desk-actors" else "issues/"
            ids = [target(here, a["href"]).removeprefix(prefix).rstrip("/") for a in page.select("li > strong > a:first-child")]
        assert 0 < len(ids) <= SMALL[kind]
        found += ids
    assert sorted(found) == expected(content)
    # The data to download is on the sources' first page, which other pages link to.
    if kind == "desk-sources":
        assert pages[0][1].select_one(f"#{urls.anchor('data')}") is not None
        assert all(soup.select_one(f"#{urls.anchor('data')}") is None for _, soup in pages[1:])


def test_a_citation_on_a_shared_page_leads_to_the_sources_page_that_holds_it(desk):
    site, content = desk
    party = next(iter(content.explainers.values())).story.parties[0]
    here = urls.path("actor", id=party)
    cites = article(read(site, here)).select("a.cite")
    assert cites
    later = 0
    for a in cites:
        goal = target(here, a["href"])
        page, anchor = goal.split("#", 1)
        later += "/page/" in page
        assert read(site, page_path(page)).select_one(f"h2#{anchor}") is not None, goal
    assert later, "no citation on the actor's page leads past the sources' first page"


def test_with_the_shipped_page_sizes_a_desk_of_a_few_explainers_is_one_page_each():
    # The fixtures and the shipped desk read as before: one page per list, no pager anywhere.
    content = validate(load(ROOT / "content"))
    pages = render(content)
    assert not [path for path in pages if "/page/" in path or path.startswith("page/")]
    assert not [path for path, markdown in pages.items() if "explainer-pager" in markdown]
    assert PER_PAGE["desk"] >= 10 and PER_PAGE["actor"] >= len(content.explainers)


def test_a_source_cited_by_many_lists_the_first_and_counts_the_others(desk):
    site, content = desk
    source_id = max(content.sources, key=lambda s: sum(s in a.source for a in content.actors.values()))
    citing = [a for a in content.actors.values() if source_id in a.source]
    assert len(citing) > SHOWN, "the synthetic desk has no source cited by enough actors"
    here = urls.path("desk-sources")
    pages = pages_of(site, here)
    found = [(here_, soup) for here_, soup in pages if soup.select_one(f"h2#{urls.anchor('source', id=source_id)}")]
    assert len(found) == 1
    page_here, soup = found[0]
    heading = soup.select_one(f"h2#{urls.anchor('source', id=source_id)}")
    line = next(p for p in section(heading) if p.name == "p" and text(p).startswith("People and groups:"))
    # The first SHOWN in the registry's order, each a link to its page; the others counted.
    assert [target(page_here, a["href"]) for a in line.select("a")] == [
        address(urls.path("actor", id=a.id)) for a in citing[:SHOWN]
    ]
    assert text(line).endswith(f"and {len(citing) - SHOWN} more people and groups")
