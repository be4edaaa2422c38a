"""Pages a reader finishes, in a real browser: nothing dropped (what folds is in the page, found
by search and opened when a result leads there); each source is marked once per run of claims;
a stance table of twelve parties (a fictional desk) reads whole on a laptop, no column cut and
no word broken. That every page of the shipped desk fits six phone screens is measured with
the rest of a page on a phone (tests/test_phone.py), where every page is loaded anyway."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from generator import urls

from .conftest import FIXTURES, make_project, mkdocs, served
from .test_browser import ISTANBUL, TIMEOUT, search, settled
from .test_phone import every_page, finished

LAPTOP = {"width": 1280, "height": 900}


def pages_of(site: Path) -> list[str]:
    """Every page a reader reaches and finishes, by its address relative to the site's root."""
    found = [address for address in every_page(site) if finished(address)]
    assert len(found) > 40, "the shipped desk has dozens of pages: this test would prove little"
    return found


def test_a_source_is_marked_once_per_run_of_claims(built_site: Path):
    """No paragraph or list item shows the same source's marker twice, and the Istanbul
    overview, all of whose claims come from one report, no longer marks each of them."""
    for at in pages_of(built_site):
        soup = BeautifulSoup((built_site / at / "index.html").read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("article :is(p, li)"):
            own = [a["href"] for a in block.select("a.cite") if a.find_parent(["p", "li"]) is block]
            assert len(own) == len(set(own)), f"/{at}: the same source marked twice in: {block.get_text(' ', strip=True)[:120]}"
    overview = BeautifulSoup((built_site / urls.url(urls.path("explainer", slug=ISTANBUL)) / "index.html").read_text(encoding="utf-8"), "html.parser")
    claims = overview.select("article :is(p, li)")
    markers = overview.select("article a.cite")
    assert markers and len(markers) < len(claims) / 2, f"{len(markers)} markers for {len(claims)} paragraphs and items"
    # Every paragraph of what happened still ends in a source, its own or its run's.
    happened = overview.find(id="what-happened").find_next_siblings()
    runs = [tag for tag in happened[: next((i for i, t in enumerate(happened) if t.name == "h2"), len(happened))] if tag.name == "p" and not tag.has_attr("hidden")]
    assert runs[-1].select("a.cite"), "the last paragraph of a run carries its source"


def test_key_numbers_of_one_source_name_it_once_under_the_cards(built_site: Path):
    """The Istanbul key numbers all come from one report: one marker under the cards, not one
    on each; a card still says who states its number when that is an actor."""
    overview = BeautifulSoup((built_site / urls.url(urls.path("explainer", slug=ISTANBUL)) / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = overview.select_one("article ul.number-cards")
    assert len(cards.select("li.number-card")) > 1
    assert cards.select("a.cite") == [], "no marker on any card"
    shared = cards.find_next_sibling("p", class_="number-cards__source")
    assert shared is not None and len(shared.select("a.cite")) == 1
    assert shared.select_one("a.cite").get_text(" ", strip=True).startswith("Source: Reuters")
    voices = [p.get_text(" ", strip=True) for p in cards.select(".number-card__source")]
    assert "According to Russia and Ukraine" in voices


def test_folded_text_is_found_by_search_and_opened(browser: Browser, site_url: str, built_site: Path):
    issues = urls.path("explainer-issues", slug=ISTANBUL)
    at = urls.anchor("position", issue="ceasefire", actor="russia")
    soup = BeautifulSoup((built_site / urls.url(issues) / "index.html").read_text(encoding="utf-8"), "html.parser")
    fold = soup.find(id=at).find_parent("details")
    assert fold is not None and not fold.has_attr("open") and "sectors" in fold.get_text(), "the position must be folded"
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/", wait_until="load")
        search(page, "sectors")
        result = page.locator(f".md-search-result a[href*='/{urls.url(issues)}'][href$='#{at}']").first
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=TIMEOUT)
        settled(page.locator(".md-search-result__item a"))
        for more in page.locator(".md-search-result__more summary").all():
            more.click()
        result.click()
        opened = page.locator(f"details:has(#{at})")
        expect(opened).to_have_attribute("open", "", timeout=TIMEOUT)
        expect(opened.get_by_text("sectors of the front").first).to_be_visible(timeout=TIMEOUT)
    finally:
        context.close()


# -- twelve parties, on a fictional desk ----------------------------------------------------

# FICTIONAL: nine more invented blocs for the fictional climate desk (tests/fixtures/climate),
# with names of several long words, as negotiating blocs have.
MORE_BLOCS = [
    ("developed-countries", "Developed countries"),
    ("least-developed", "Least developed countries"),
    ("forest-nations", "Coalition for Rainforest Nations"),
    ("arid-states", "Arid and Dryland States"),
    ("mountain-group", "Mountain Partnership Group"),
    ("like-minded", "Like-minded Developing Countries"),
    ("environmental-integrity", "Environmental Integrity Group"),
    ("independent-alliance", "Independent Alliance of Latitudes"),
    ("petroleum-exporters", "Petroleum Exporting Economies"),
]


@pytest.fixture(scope="module")
def twelve_parties(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fictional climate desk, its deal now negotiated by twelve parties, each with a
    stance on each issue, built and served."""
    root = tmp_path_factory.mktemp("twelve")
    content = root / "content"
    shutil.copytree(FIXTURES / "climate", content)
    actors = content / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n# FICTIONAL: invented blocs, for a stance table of twelve parties.\n" + yaml.safe_dump([
        {"id": id, "name": name, "kind": "bloc", "role": "Negotiating bloc", "description": f"The {name}, an invented bloc.", "source": "wire-1124"}
        for id, name in MORE_BLOCS
    ], allow_unicode=True, sort_keys=False), encoding="utf-8")
    folder = content / "explainers" / "finance-deal"
    story = yaml.safe_load((folder / "explainer.yml").read_text(encoding="utf-8"))
    story["parties"] = story["parties"] + [id for id, _ in MORE_BLOCS]
    (folder / "explainer.yml").write_text("# FICTIONAL: an invented negotiation, not real news.\n" + yaml.safe_dump(story, allow_unicode=True, sort_keys=False), encoding="utf-8")
    issues = [i["id"] for i in yaml.safe_load((content / "issues.yml").read_text(encoding="utf-8"))]
    positions = folder / "positions.yml"
    stances = ["accepts", "calls-for", "took-note"]
    positions.write_text(positions.read_text(encoding="utf-8") + "\n# FICTIONAL: the invented blocs' stances.\n" + yaml.safe_dump([
        {"actor": id, "issue": issue, "stance": stances[(n + k) % len(stances)], "summary": f"The {name} took a stance.", "date": "2030-11-24", "source": "wire-1124"}
        for n, (id, name) in enumerate(MORE_BLOCS) for k, issue in enumerate(issues)
    ], allow_unicode=True, sort_keys=False), encoding="utf-8")
    project = make_project(root / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as address:
        yield address + "/" + urls.url(urls.path("explainer", slug="finance-deal"))


# For each word of the table's text, a Range: one rectangle if the word sits on one line.
BROKEN_WORDS = """() => {
  const broken = [];
  const table = document.querySelector('.stance-table');
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility()) continue;
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.length > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def test_a_stance_table_of_twelve_parties_reads_whole_on_a_laptop(browser: Browser, twelve_parties: str):
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        page.goto(twelve_parties, wait_until="load")
        table = page.locator(".stance-table").first
        expect(table).to_be_visible()
        names = page.locator(".stance-table tbody tr").first.locator("td .stance-who").all_inner_texts()
        assert len(names) == 12, names
        # Nothing cut: no sideways scroll inside the table's box, and every stance inside it.
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth"), "the table scrolls sideways: a column is cut"
        box = table.bounding_box()
        for cell in page.locator(".stance-table td").all():
            cell_box = cell.bounding_box()
            if cell_box:
                assert cell_box["x"] >= box["x"] - 1 and cell_box["x"] + cell_box["width"] <= box["x"] + box["width"] + 1
        assert page.evaluate(BROKEN_WORDS) == [], "words broken across lines"
    finally:
        context.close()
