"""A story that is not a two-sided war (issue 10): the fictional climate-finance negotiation in
tests/fixtures/climate, with blocs of countries, money in billions a year, a target year, an
old goal that was replaced, a call for far more, a walk-out, a "took note" stance in the
desk's own vocabulary, a court, a company, a claim citing two outlets and an adopted text as
who says so.

The site is built with the real ``mkdocs build --strict`` and read as HTML. What each test
expects is written out from the fixture (a reader's words: "$300 billion a year by 2035"), or
worked out from its YAML through the model, never from the generator's own cross-references.
Every page path comes from ``generator.urls``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import urllib.parse
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag

from generator import ContentError, load, messages, urls, validate
from generator.cards import card as share_card
from generator.load import load_file
from generator.schema import SCHEMA_DIR

from .conftest import FIXTURES, address, article, build_log, html_file, read, run_cli, section, target

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

FIXTURE = FIXTURES / "climate"
SLUG = "finance-deal"
CONTENT = validate(load(FIXTURE))


# -- helpers ------------------------------------------------------------------------------


def text(element: Tag, seen: bool = False) -> str:
    """What a reader reads: whitespace collapsed, permalink signs, pictures and the words only
    search reads left out; with ``seen``, what a reader sees on a wide screen: no text only for
    screen readers (a citation's full name, a stance's) or shown only on a phone."""
    copy = BeautifulSoup(str(element), "html.parser")
    for junk in copy.select("a.headerlink, svg, [hidden]" + (", .visually-hidden, .stance-who" if seen else "")):
        junk.decompose()
    return re.sub(r"\s+([,.:;)])", r"\1", re.sub(r"\s+", " ", copy.get_text(" "))).strip()


def section_text(soup: BeautifulSoup, at: str) -> str:
    heading = soup.find(id=at)
    assert heading is not None, f"no heading #{at}"
    return " ".join(text(e) for e in [heading, *section(heading)])


def table(soup: BeautifulSoup, index: int = 0) -> tuple[list[str], list[list[Tag]]]:
    """A table's column headers, and its rows, each row's header first."""
    found = article(soup).find_all("table")[index]
    header = [text(th) for th in found.find("thead").find_all("th")]
    return header, [row.find_all(["th", "td"]) for row in found.find("tbody").find_all("tr")]


def cards(soup: BeautifulSoup) -> dict[str, dict[str, Tag]]:
    """The numbers shown as cards, by figure id: each card's parts (value, label, status, source)."""
    found = {}
    for card in article(soup).select(".number-card"):
        parts = {part: card.select_one(f".number-card__{part}") for part in ("value", "label", "status", "source")}
        found[parts["label"].a["href"].rsplit("#figure-", 1)[1]] = parts
    return found


def who_says(source: Tag) -> str:
    """Whom a card's number is according to, as it reads on screen: the actors or document it
    names, or the outlets its citations name when the source states it itself."""
    named = BeautifulSoup(str(source), "html.parser")
    for cite in named.select("a.cite"):
        cite.decompose()
    who = text(named).removeprefix("According to").strip()
    return who or " and ".join(text(a, seen=True) for a in source.select("a.cite"))


def json_ld(soup: BeautifulSoup) -> dict:
    (script,) = soup.select("script[type='application/ld+json']")
    return json.loads(script.string)


def every_page(site: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))
    }


@pytest.fixture(scope="module")
def site(climate_site: Path) -> Path:
    """The fixture built as a reader gets it: ``mkdocs build --strict`` (no warning passes)."""
    assert "WARNING" not in build_log(climate_site), build_log(climate_site)
    return climate_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    return every_page(site)


# -- numbers as a newsroom writes them ---------------------------------------------------------

# Each number of the fixture as its figures page writes it, and who it is according to.
NUMBERS = {
    "new-goal": ("$300 billion a year by 2035", "Target", "the adopted text"),
    "old-goal": ("$100 billion a year by 2025", "Replaced", "The Harbour Ledger"),
    "wider-call": ("at least $1.3 trillion a year", "Called for", "the Southern Group and the Coral States Alliance"),
    "donor-pledges": ("€4.5 billion", "Proposed", "the Northern Donor Group"),
    "pledge-change": ("-$2.5 billion", "Reported", "The Harbour Ledger"),
    "private-share": ("about 40%", "Estimate", "Northwind Insurance"),
    "overrun": ("2–3 days", "Reported", "Global Wire"),
    "losses-per-person": ("$1,200 per person a year", "Estimate", "Northwind Insurance"),
    "board-seats": ("4 seats each", "Agreed", "the adopted text"),
    "provided-2022": ("$115.9 billion in 2022", "Delivered", "The Harbour Ledger"),
    "scale-up-call": ("$1.3 trillion a year by 2035", "Urged", "the adopted text"),
    "southern-own-finance": ("177 billion yuan (about $24.5 billion) in 2022", "Claimed", "the Southern Group"),
}


def test_the_fixture_is_every_case_the_issue_names():
    """The fixture holds what the story needs and nothing bends it: money with a currency and
    a rate, a target year, a replaced value, a call for more, a walk-out, a "took note"."""
    x = CONTENT.explainers[SLUG]
    assert set(NUMBERS) == set(x.figures)
    for f in x.figures.values():
        assert not re.search(r"\$|€|dollar|euro|billion|year|%", f.unit or "") or f.unit == "%", f.id
    assert {p.stance for p in x.positions} == {"accepts", "calls-for", "took-note", "walked-out"}
    assert {a.kind for a in CONTENT.actors.values()} == {"bloc", "state", "institution", "fund", "company", "court", "person"}


def test_figures_page_words_every_number_as_a_newsroom_would(pages):
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]
    shown = cards(soup)
    for figure_id, (value, status, according_to) in NUMBERS.items():
        card = shown[figure_id]
        assert (text(card["value"]), text(card["status"]), who_says(card["source"])) == (value, status, according_to), figure_id


def test_a_yearly_sum_is_not_called_a_total_and_a_number_for_each_names_whom(pages):
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]

    def fold(id: str) -> str:
        """A number in full: the line it folds under (its label and value), then the rest."""
        return text(soup.find(id=urls.anchor("figure", id=id)).find_parent("details"))

    new_goal = fold("new-goal")
    assert new_goal.startswith("New climate finance goal: $300 billion a year by 2035 New climate finance goal Target · as of 24 November 2030")
    assert "in total" not in new_goal
    seats = fold("board-seats")
    # For the two blocs the figure names, not for the explainer's three parties.
    assert seats.startswith("Seats on the fund's board: 4 seats each")
    assert "Agreed · for each of the Coral States Alliance and the Southern Group ·" in seats
    assert "Northern Donor Group" not in seats
    overrun = fold("overrun")
    assert overrun.startswith("Length of the overrun: 2–3 days") or ": 2–3 days " in overrun
    # A length is no total: "in total" only where the content says one is meant.
    assert "in total" not in overrun and "How long the talks ran over Reported · as of 24 November 2030" in overrun
    assert "Proposed · in total ·" in fold("donor-pledges")
    # Said by the outlet alone: its marker says who, once.
    assert re.search(r"According to (Source: )?Global Wire", overrun) and overrun.count("Global Wire") == 1
    losses = fold("losses-per-person")
    assert ": $1,200 per person a year " in losses and "Estimate · per person ·" in losses


def test_an_equivalent_in_dollars_follows_the_amount_with_the_date_of_its_rate(pages):
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]
    fold = text(soup.find(id=urls.anchor("figure", id="southern-own-finance")).find_parent("details"))
    assert fold.startswith(
        "Climate finance the Southern Group's members gave each other in 2022: 177 billion yuan (about $24.5 billion) in 2022 "
    )
    assert "About $24.5 billion at the exchange rate of 31 December 2022." in fold
    card = cards(soup)["southern-own-finance"]["value"]
    assert text(card.select_one(".number-card__amount")) == "177 billion yuan"


def test_a_replaced_value_leads_to_the_value_that_replaced_it(pages):
    page = urls.path("explainer-figures", slug=SLUG)
    soup = pages[html_file(page)]
    heading = soup.find(id=urls.anchor("figure", id="old-goal"))
    (paragraph,) = [p for p in section(heading) if text(p).startswith("Replaced by")]
    assert text(paragraph) == (
        "Replaced by New climate finance goal: $300 billion a year by 2035 "
        "Source: Global Wire, 24 November 2030 Source: The Harbour Ledger, 24 November 2030"
    )
    assert target(page, paragraph.a["href"]) == address(page, urls.anchor("figure", id="new-goal"))


def test_the_statuses_are_defined_without_sides(pages):
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]
    legend = section_text(soup, "what-the-statuses-mean")
    # The statuses its numbers have, and no other.
    used = {f.status for f in CONTENT.explainers[SLUG].figures.values()}
    for name, (label, meaning) in messages.STATUSES.items():
        assert (f"{label}: {meaning}." in legend) == (name in used), name
    assert "Target: a goal set for the future, not yet reached." in legend
    assert "Called for: asked for or demanded, not agreed." in legend
    # A call an adopted text makes on others: neither a goal set nor one side's demand.
    assert "Urged: called for in an adopted text, without binding anyone to it." in legend
    # Its icon beside its word, on the card and in the legend, as every status has.
    badge = cards(soup)["scale-up-call"]["status"]
    assert badge.find("svg") is not None and text(badge) == "Urged"
    assert "Replaced: an earlier value, since replaced by another." in legend
    assert not re.search(r"\b(side|sides|party|parties)\b", legend)


def test_downloads_keep_the_exact_value_with_unit_currency_and_rate_apart(site):
    rows = list(csv.DictReader(io.StringIO((site / urls.download("explainer-data", slug=SLUG, name="figures.csv")).read_text(encoding="utf-8"))))
    by_id = {r["id"]: r for r in rows}
    assert (by_id["new-goal"]["value"], by_id["new-goal"]["unit"], by_id["new-goal"]["currency"], by_id["new-goal"]["rate"], by_id["new-goal"]["by"]) == (
        "300000000000", "", "USD", "year", "2035",
    )
    assert (by_id["wider-call"]["value"], by_id["wider-call"]["qualifier"], by_id["wider-call"]["status"]) == ("1300000000000", "at-least", "demanded")
    # A qualifier only where the content gives one: the new goal's source says none.
    assert (by_id["new-goal"]["qualifier"], by_id["new-goal"]["scope"]) == ("", "")
    assert (by_id["pledge-change"]["value"], by_id["pledge-change"]["currency"]) == ("-2500000000", "USD")
    assert (by_id["private-share"]["value"], by_id["private-share"]["unit"]) == ("40", "%")
    assert (by_id["old-goal"]["status"], by_id["old-goal"]["replaced_by"]) == ("superseded", "new-goal")
    assert by_id["board-seats"]["actor_names"] == "Coral States Alliance; Southern Group"
    assert by_id["new-goal"]["document_title"] == "The adopted text"
    data = json.loads((site / urls.download("explainer-data", slug=SLUG, name="explainer.json")).read_text(encoding="utf-8"))
    new_goal = next(f for f in data["figures"] if f["id"] == "new-goal")
    assert (new_goal["value"], new_goal["currency"], new_goal["rate"], new_goal["by"], new_goal["unit"]) == (3e11, "USD", "year", "2035", None)
    assert (new_goal["qualifier"], new_goal["scope"]) == (None, None)


def test_structured_data_gives_the_number_its_currency(pages):
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]
    observations = {o["name"]: o for o in json_ld(soup)["itemListElement"]}
    goal = observations["New climate finance goal"]
    assert (goal["value"], goal["unitCode"], goal["unitText"]) == (300000000000, "USD", "US dollars a year")
    facts = {p["name"]: p["value"] for p in goal["additionalProperty"]}
    assert facts["as worded"] == "$300 billion a year by 2035"
    assert facts["according to"] == "The adopted text"


# -- the comparison of the old goal, the new goal and the call for more -------------------------


def comparison(soup: BeautifulSoup) -> Tag:
    found = soup.find("figure", id=urls.anchor("comparison-chart", id="finance-goals"))
    assert found is not None, "no comparison chart"
    return found


def test_the_comparison_draws_a_bar_for_each_number_on_one_scale(pages):
    picture = comparison(pages[html_file(urls.path("explainer-figures", slug=SLUG))])
    (svg,) = picture.find_all("svg", attrs={"role": "img"})
    bars = svg.select("rect.chart-bar")
    assert len(bars) == 3
    widths = [float(b["width"]) for b in bars]
    # One scale from zero: $100 billion, $300 billion and $1.3 trillion, in the order asked for.
    assert widths[2] == pytest.approx(float(svg["viewbox"].split()[2]))
    assert widths[0] / widths[2] == pytest.approx(100 / 1300, abs=0.01)
    assert widths[1] / widths[2] == pytest.approx(300 / 1300, abs=0.01)
    # The status of each bar is written beside it, not left to the pattern.
    words = [" ".join(t.get_text().split()) for t in svg.select("text.chart-value")]
    assert words == [
        "$100 billion a year by 2025 · Replaced",
        "$300 billion a year by 2035 · Target",
        "at least $1.3 trillion a year · Called for",
    ]
    assert [b["class"][1] for b in bars] == ["chart-bar--outlined", "chart-bar--hatched", "chart-bar--hatched"]
    assert bars[0]["fill"] == "none" and bars[1]["fill"].startswith("url(#")


def test_the_comparison_says_in_words_what_it_shows(pages):
    picture = comparison(pages[html_file(urls.path("explainer-figures", slug=SLUG))])
    (svg,) = picture.find_all("svg", attrs={"role": "img"})
    title_id, desc_id = svg["aria-labelledby"].split()
    assert picture.find("title", id=title_id).get_text() == "The old goal, the new goal and the call for more"
    assert picture.find("desc", id=desc_id).get_text() == (
        "Old climate finance goal: $100 billion a year by 2025, replaced (an earlier value, since replaced by another). "
        "New climate finance goal: $300 billion a year by 2035, target (a goal set for the future, not yet reached). "
        "What developing countries called for: at least $1.3 trillion a year, called for (asked for or demanded, not agreed)."
    )
    caption = text(picture.figcaption)
    assert "Hatched bars: not yet reached or carried out." in caption
    assert "Outlined bars: replaced by a later value." in caption
    assert caption.endswith("Source: The Harbour Ledger, 24 November 2030; Global Wire, 24 November 2030.")


def test_a_key_comparison_shows_on_the_overview_too(pages):
    soup = pages[html_file(urls.path("explainer", slug=SLUG))]
    assert comparison(soup) is not None
    assert [text(card["value"]) for card in cards(soup).values()] == ["$300 billion a year by 2035", "at least $1.3 trillion a year"]


def test_a_number_for_each_of_several_actors_is_said_not_drawn(pages):
    """Bars all of one length would say no more than "4 seats each": the number is said."""
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]
    assert soup.find("figure", id=urls.anchor("chart", id="board-seats")) is None
    assert soup.find("summary", string="Seats on the fund's board: 4 seats each")


def test_a_sum_in_one_year_compares_with_sums_a_year_each_bar_saying_which(pages):
    soup = pages[html_file(urls.path("explainer-figures", slug=SLUG))]
    picture = soup.find("figure", id=urls.anchor("comparison-chart", id="old-goal-met"))
    (svg,) = picture.find_all("svg", attrs={"role": "img"})
    words = [" ".join(t.get_text().split()) for t in svg.select("text.chart-value")]
    assert words == ["$100 billion a year by 2025 · Replaced", "$115.9 billion in 2022 · Delivered"]
    assert picture.find("desc").get_text().endswith("Climate finance provided in 2022: $115.9 billion in 2022, delivered (it has happened).")


def test_an_amount_in_a_period_is_worded_in_the_data_and_on_the_share_card(site):
    rows = list(csv.DictReader(io.StringIO((site / urls.download("explainer-data", slug=SLUG, name="figures.csv")).read_text(encoding="utf-8"))))
    provided = next(r for r in rows if r["id"] == "provided-2022")
    assert (provided["value"], provided["currency"], provided["rate"], provided["period"]) == ("115900000000", "USD", "", "2022")
    # The card shows the first key number: this one, made the first.
    x = CONTENT.explainers[SLUG]
    first = {"provided-2022": x.figures["provided-2022"].model_copy(update={"key": True})}
    x = dataclasses.replace(x, figures=first | {k: f for k, f in x.figures.items() if k not in first})
    assert share_card(ENGLISH, CONTENT, x).number == "$115.9 billion in 2022"


@pytest.mark.parametrize(
    ("period", "words"),
    [("2022", "in 2022"), ("2022-06", "in June 2022"), ("2022-06-02", "on 2 June 2022"), ("2020/2022", "in 2020–2022"),
     ("2020-06/2022-05", "from June 2020 to May 2022")],
)
def test_a_period_reads_as_a_newsroom_writes_it(period, words):
    figure = CONTENT.explainers[SLUG].figures["provided-2022"].model_copy(update={"period": period})
    assert ENGLISH.figure_value(figure) == f"$115.9 billion {words}"


def test_comparisons_refuse_numbers_of_different_kinds(tmp_path):
    folder = tmp_path / "climate"
    shutil.copytree(FIXTURE, folder)
    story = folder / "explainers" / SLUG / "explainer.yml"
    story.write_text(story.read_text().replace("[old-goal, new-goal, wider-call]", "[old-goal, donor-pledges, overrun]"))
    with pytest.raises(ContentError) as raised:
        validate(load(folder))
    same = "(expected numbers of the same unit and currency, and of the same rate where both have one, to compare like with like)"
    assert [d.message for d in raised.value.diagnostics] == [
        f"figure 'donor-pledges' counts 'EUR', 'old-goal' counts 'USD a year' {same}",
        f"figure 'overrun' counts 'days', 'old-goal' counts 'USD a year' {same}",
    ]


def test_comparisons_refuse_sums_a_year_beside_sums_a_month(tmp_path):
    folder = tmp_path / "climate"
    shutil.copytree(FIXTURE, folder)
    figures = folder / "explainers" / SLUG / "figures.yml"
    figures.write_text(figures.read_text().replace("  period: 2022\n", "  rate: month\n"))
    story = folder / "explainers" / SLUG / "explainer.yml"
    story.write_text(story.read_text().replace("[old-goal, provided-2022]", "[pledge-change, old-goal, provided-2022]"))
    with pytest.raises(ContentError) as raised:
        validate(load(folder))
    assert [d.message for d in raised.value.diagnostics] == [
        "figure 'provided-2022' counts 'USD a month', 'old-goal' counts 'USD a year' (expected numbers of the same unit and "
        "currency, and of the same rate where both have one, to compare like with like)",
    ]


# -- who says so ------------------------------------------------------------------------------


def test_an_adopted_text_says_so_and_leads_to_its_entry_with_a_link_to_it(pages):
    page = urls.path("explainer-figures", slug=SLUG)
    soup = pages[html_file(page)]
    # Its card names it; its section on the numbers page leads to its entry.
    assert who_says(cards(soup)["new-goal"]["source"]) == "the adopted text"
    (according,) = [p for p in section(soup.find(id=urls.anchor("figure", id="new-goal"))) if text(p).startswith("According to")]
    sources_page = urls.path("explainer-sources", slug=SLUG)
    assert target(page, according.a["href"]) == address(sources_page, urls.anchor("document", id="adopted-text"))
    entry = pages[html_file(sources_page)]
    heading = entry.find(id=urls.anchor("document", id="adopted-text"))
    assert text(heading) == "The adopted text"
    body = " ".join(text(e) for e in section(heading))
    assert "The finance decision the talks adopted on their last day." in body
    assert "Issued by The talks presidency, 24 November 2030. Read it" in body
    assert "Known from: Source: Global Wire, 24 November 2030 Source: The Harbour Ledger, 24 November 2030" in body
    assert "Numbers it states: New climate finance goal; Seats on the fund's board" in body
    # The position is as of the explainer's date: undated, as on the explainer's issues page.
    assert "Positions it sets out: The finance goal: Northern Donor Group" in body
    assert "Northern Donor Group (24 November 2030)" not in body
    links = [a["href"] for e in section(heading) for a in e.find_all("a", href=True)]
    assert "https://talks.example.org/decisions/finance.pdf" in links


def test_a_number_the_source_states_is_cited_to_the_outlet_never_said_to_be_reporting(pages):
    for name, soup in pages.items():
        assert "(reporting)" not in article(soup).get_text(), name
    soup = pages[html_file(urls.path("issue", id="finance-goal"))]
    numbers = section_text(soup, "the-numbers")
    # A number the outlet states on its own authority is cited, not said to be "according to"
    # it as well (as on the numbers page); a document's keeps its case mid-sentence, but for a
    # leading "The".
    assert "$100 billion a year by 2025: Old climate finance goal · Replaced Source: The Harbour Ledger, 24 November 2030" in numbers
    assert "according to the Harbour Ledger" not in numbers
    assert "$300 billion a year by 2035: New climate finance goal · Target · according to the adopted text" in numbers


def test_a_source_shows_its_author_original_headline_and_a_link_to_the_original(pages):
    soup = pages[html_file(urls.path("desk-sources"))]
    heading = soup.find(id=urls.anchor("source", id="wire-1124"))
    assert text(heading) == "Global Wire, 24 November 2030"
    body = [text(e) for e in section(heading)]
    assert body[0] == "Talks adopt a $300 billion goal after a walk-out · Read the original"
    assert body[1] == "Headline as published: “Finance deal struck in overtime as island states return”"
    assert body[2] == "By Ana Ruiz and Tom Weller. Published by Global Wire on 24 November 2030."
    original = section(heading)[0].find("a", string="Read the original")
    assert original["href"] == "https://wire.example.org/2030/11/24/finance-deal"


# -- a claim with two sources, on every page that shows it ------------------------------------


TWO_SOURCED = [
    ("position", "The donors accepted the $300 billion goal as adopted."),
    ("figure", "$300 billion a year by 2035"),
]


def _cited(element: Tag, url: str) -> set[str]:
    """The anchors of the sources an element cites; ``url`` is its page's address."""
    return {urllib.parse.urljoin("http://site.invalid/" + url, a["href"]).rsplit("#", 1)[1] for a in element.select("a.cite")}


def shows(element: Tag, kind: str, words: str) -> bool:
    """Whether an element shows the claim: a position's summary, or a number in bold, as every
    page shows numbers (a standfirst's own words about it are not the claim)."""
    if kind == "figure":
        return any(text(strong) == words for strong in element.find_all("strong"))
    return words in text(element)


def test_a_claim_with_two_sources_shows_both_on_every_page_that_shows_it(pages):
    both = {urls.anchor("source", id="wire-1124"), urls.anchor("source", id="ledger-1124")}
    for kind, words in TWO_SOURCED:
        showing = set()
        for name, soup in pages.items():
            url = name.removesuffix("index.html")
            # The smallest blocks that show the claim: its table row, paragraph or list item
            # (pictures, whose captions name their sources, are tested with the pictures).
            blocks = [
                e for e in article(soup).find_all(["tr", "p", "li"])
                if shows(e, kind, words) and not any(shows(c, kind, words) for c in e.find_all(["tr", "p", "li"]))
                and e.find_parent("figure") is None
            ]
            for block in blocks:
                showing.add(name)
                cited = _cited(block, url)
                if not cited and block.name == "p":
                    # A number heading its own section: the section's "Source:" line cites it.
                    heading = block.find_previous(re.compile("^h[1-6]$"))
                    cited = set().union(*(_cited(e, url) for e in section(heading)))
                assert both <= cited, f"{kind} on {name}: {text(block)}"
        # Its explainer's overview or issues page, the numbers page, the issue's and actor's pages…
        assert len(showing) >= 3, (kind, sorted(showing))


# -- the desk's own stance vocabulary --------------------------------------------------------


def test_the_legend_lists_the_desks_stances_the_explainer_uses_and_only_them(pages):
    soup = pages[html_file(urls.path("explainer-positions", slug=SLUG))]
    heading = soup.find(id="what-the-stances-mean")
    items = [text(li) for e in section(heading) for li in e.find_all("li")]
    # In the desk's words and order; no one objects in this story, so "Objects" is not explained.
    assert items == [
        "Accepts: has accepted the text as it stands.",
        "Calls for: asks for more than is on the table.",
        "Took note: took note of the text without endorsing it.",
        "Walked out: left the room rather than decide.",
        "No stance shown: no position reported on this issue. Whoever has no position on any issue, "
        "and any issue nobody has a position on, is named below the stances.",
    ]
    # Fossil fuels, which nobody's position is reported on, is named there.
    assert [text(p) for p in article(soup).select(".stance-table__left-out")] == ["No position reported on: Fossil fuels."]
    # Each with its icon, beside the word: never colour alone.
    assert all(li.find(class_="stance").find("svg") is not None for e in section(heading) for li in e.find_all("li")[:-1])


def test_the_matrix_reads_in_the_desks_words(pages):
    page = urls.path("explainer-positions", slug=SLUG)
    soup = pages[html_file(page)]
    header, rows = table(soup)
    assert header == ["Issue", "Southern Group", "Coral States Alliance", "Northern Donor Group"]
    # Each row by its issue (its header also names, on a phone's card, who has no position).
    cells = {text(r[0].find("a")): [text(c, seen=True) for c in r[1:]] for r in rows}
    assert cells["The finance goal"] == [
        "Took note (was: Calls for, 20 November 2030)",
        "Took note (was: Walked out, 23 November 2030)",
        "Accepts",
    ]
    # No dashes: an empty cell is blank, and an issue nobody's position is reported on is
    # left out of the table, named once under it.
    # A stance reported before the story's day (24 November) says when.
    assert cells["Loss and damage"] == ["", "Calls for (23 November 2030)", ""]
    assert "Fossil fuels" not in cells
    assert text(soup.select_one(".stance-table__left-out")) == "No position reported on: Fossil fuels."
    # The colour comes from the stance's tone, which the desk gives it; its icon and word say it.
    classes = {tuple(c.find(class_="stance")["class"]) for r in rows for c in r[1:] if c.find(class_="stance")}
    assert {("stance-took-note", "tone-neutral"), ("stance-accepts", "tone-for"), ("stance-calls-for", "tone-proposal")} == {
        tuple(next(c for c in cls if c.startswith(part)) for part in ("stance-", "tone-")) for cls in classes
    }
    everything = text(article(soup))
    for built_in in ("Supports", "Opposes", "Noncommittal", "Not stated"):
        assert built_in not in everything


def test_the_desks_schema_lists_its_stances_and_the_built_in_one_does_not(tmp_path):
    result = run_cli("--content", str(FIXTURE), "schema", "--desk", str(tmp_path))
    assert result.returncode == 0, result.stderr
    own = json.loads((tmp_path / "positions.schema.json").read_text())
    assert own["$defs"]["Position"]["properties"]["stance"]["enum"] == ["accepts", "calls-for", "took-note", "objects", "walked-out"]
    kinds = json.loads((tmp_path / "actors.schema.json").read_text())["$defs"]["Actor"]["properties"]["kind"]["enum"]
    # Its kinds in its own order (kind_order), the one its lists follow; desk.yml's list of them too.
    assert kinds == ["bloc", "state", "institution", "fund", "court", "organization", "company", "group", "delegation", "person"]
    desk = json.loads((tmp_path / "desk.schema.json").read_text())
    assert desk["properties"]["kind_order"]["items"]["enum"] == kinds
    built_in = json.loads((SCHEMA_DIR / "positions.schema.json").read_text())
    assert built_in["$defs"]["Position"]["properties"]["stance"]["enum"] == [t.id for t in messages.STANCES]
    # The fixture's files point at its own schemas, committed beside them and up to date.
    for written in tmp_path.glob("*.schema.json"):
        assert written.read_text() == (FIXTURE / "schema" / written.name).read_text(), written.name


@pytest.mark.parametrize("path", sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.yml")))
def test_every_fixture_file_is_valid_against_the_schema_its_first_line_names(path):
    file = FIXTURE / path
    first = file.read_text(encoding="utf-8").splitlines()[0]
    schema_path = (file.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema_path.is_relative_to((FIXTURE / "schema").resolve()), first
    # Read as YAML 1.2 reads it, as editors' language servers do: a date is text.
    jsonschema.validate(load_file(file).data, json.loads(schema_path.read_text()))


def test_a_stance_outside_the_desks_vocabulary_is_refused_with_a_suggestion(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    positions = folder / "explainers" / SLUG / "positions.yml"
    # "supports" is a built-in stance, but this desk has its own vocabulary.
    positions.write_text(positions.read_text().replace("stance: accepts", "stance: accept").replace("stance: objects", "stance: supports"))
    positions.write_text(positions.read_text().replace("stance: calls-for\n  summary: The bloc called", "stance: supports\n  summary: The bloc called"))
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert result.returncode == 1
    lines = positions.read_text().splitlines()
    accept = next(i for i, line in enumerate(lines) if line == "  stance: accept") + 1
    supports = next(i for i, line in enumerate(lines) if line == "  stance: supports") + 1
    vocabulary = "accepts, calls-for, took-note, objects, walked-out"
    assert result.stderr.splitlines() == [
        f"content/explainers/{SLUG}/positions.yml:{accept}:11: error: 'accept' is not allowed here (expected one of: {vocabulary}; did you mean 'accepts'?)",
        f"content/explainers/{SLUG}/positions.yml:{supports}:11: error: 'supports' is not allowed here (expected one of: {vocabulary})",
        "2 errors in 1 file",
    ]


# -- actors of any kind -----------------------------------------------------------------------


def test_whos_who_headings_read_naturally_for_every_kind_in_the_desks_order(pages):
    """desk.yml's kind_order puts blocs, states, institutions and the desk's own funds first;
    the kinds it leaves out follow in the built-in order. The explainer's cast follows it too."""
    assert CONTENT.desk.kind_order == ["bloc", "state", "institution", "fund"]
    soup = pages[html_file(urls.path("desk-actors"))]
    headings = [text(h) for h in article(soup).find_all("h2")]
    assert headings == ["Blocs and coalitions", "States", "Institutions", "Climate funds", "Courts", "Companies", "People"]
    soup = pages[html_file(urls.path("explainer-actors", slug=SLUG))]
    headings = [text(h) for h in article(soup).find_all("h2")]
    assert headings == ["Who belongs to whom", "Blocs and coalitions", "States", "Institutions", "Climate funds", "Courts", "Companies", "People"]


SCHEMA_TYPES = {
    "southern-group": "Organization",
    "vellmark": ["Country", "Organization"],
    "talks-presidency": "GovernmentOrganization",
    "sea-tribunal": "GovernmentOrganization",
    "northwind": "Corporation",
    "meridian-fund": "Organization",
    "lena-okoro": "Person",
}


@pytest.mark.parametrize("actor_id", SCHEMA_TYPES)
def test_each_kind_of_actor_has_its_schema_org_type(pages, actor_id):
    soup = pages[html_file(urls.path("actor", id=actor_id))]
    assert json_ld(soup)["@type"] == SCHEMA_TYPES[actor_id]


# Lena Okoro's words for the island states, in the fixture's positions.yml.
OKORO = "“this is not enough to keep us above water” — Lena Okoro"


@pytest.mark.parametrize("actor_id", ["lena-okoro", "coral-states"])
def test_an_actors_page_quotes_them_with_date_issue_and_source(pages, actor_id):
    """Who said the words and whom they spoke for both show them, as the issue's page does:
    the words and who said them, under the issue they are on, its date and the source."""
    page = urls.path("actor", id=actor_id)
    soup = pages[html_file(page)]
    # After the position it is part of (the holder's page), or in the list of words said for
    # others (the speaker's, a quote of its own): either way in an item naming the issue, the
    # date and the source.
    (item,) = [li for li in article(soup).find_all("li") if OKORO in text(li)]
    assert (item.find("blockquote") is not None) == (actor_id != "coral-states")
    assert "23 November 2030" in text(item, seen=True)
    links = [target(page, a["href"]) for a in item.find_all("a")]
    assert links[0] == address(urls.path("issue", id="finance-goal"), urls.anchor("stances", id="coral-states"))
    # A run of positions with one source shows its marker once, at the run's end.
    run = item.find_parent("ul") if actor_id == "coral-states" else item
    assert address(urls.path("desk-sources"), urls.anchor("source", id="radio-1123")) in [target(page, a["href"]) for a in run.find_all("a")]
    # Said once on the page: the holder's page has no list of quotes besides its positions.
    assert ("Quotes:" in text(article(soup))) == (actor_id != "coral-states")
    # The same words, worded the same, where the issue's page quotes them.
    issue = pages[html_file(urls.path("issue", id="finance-goal"))]
    assert OKORO in [text(q) for q in article(issue).find_all("blockquote")]


def test_an_actor_who_is_not_quoted_has_no_quotes(pages):
    soup = pages[html_file(urls.path("actor", id="donor-group"))]
    assert article(soup).find("blockquote") is None
    assert "Quotes:" not in text(article(soup))


def test_a_tie_the_story_states_refines_the_lasting_one_to_the_same_parent(pages):
    """actors.yml has Lena Okoro as the Coral States Alliance's lead negotiator, and the alliance
    in the Southern Group; the story says what she was to the alliance in it. The map and its
    list show her once under the alliance, two levels down, in the story's words."""
    registry, story = "Lead negotiator", "Led the walk-out and the return"
    assert [(m.of, m.role) for m in CONTENT.actors["lena-okoro"].memberships] == [("coral-states", registry)]
    assert [(m.of, m.role) for m in CONTENT.actors["coral-states"].memberships] == [("southern-group", "Member bloc")]
    (cast,) = [c for c in CONTENT.explainers[SLUG].story.actors if c.actor == "lena-okoro"]
    assert [(m.of, m.role) for m in cast.memberships] == [("coral-states", story)]

    soup = pages[html_file(urls.path("explainer-actors", slug=SLUG))]
    picture = soup.find("figure", id="actor-map")
    boxes = {text(box.find("title")): box for box in picture.find_all("svg", attrs={"role": "img"})}
    assert list(boxes) == ["Southern Group", "Vellmark"]
    box = boxes["Southern Group"]
    assert text(box.find("desc")) == f"Coral States Alliance: Member bloc, Southern Group. Lena Okoro: {story}, Coral States Alliance."
    drawn = [text(t) for t in box.find_all("text")]
    assert drawn == ["Southern Group", "Coral States Alliance", "Member bloc", "Lena Okoro", story]
    # The list after it: the same one row, nested under the alliance, nested under the group.
    (group,) = [li for li in picture.find_next("ul").find_all("li", recursive=False) if text(li.a) == "Southern Group"]
    (alliance,) = group.find("ul").find_all("li", recursive=False)
    assert text(alliance).startswith("Coral States Alliance: Member bloc")
    assert [text(li) for li in alliance.find("ul").find_all("li", recursive=False)] == [f"Lena Okoro: {story}"]

    # Her own page keeps the lasting tie, and says what she was in this story under it.
    own = article(pages[html_file(urls.path("actor", id="lena-okoro"))])
    assert section_text(own, "part-of") == f"Part of {registry}: Coral States Alliance"
    assert f"{story}: Coral States Alliance" in section_text(own, urls.anchor("explainer", slug=SLUG))


def test_an_explainers_issues_page_says_what_is_at_stake_in_each_issue_once(pages):
    """Under each issue's heading, its question opens on its description from issues.yml (a
    fold, as each position is), with its sources, which the explainer's sources page lists and
    leads back from; then the way to the issue's own page."""
    page = urls.path("explainer-issues", slug=SLUG)
    soup = pages[html_file(page)]
    sources_page = urls.path("explainer-sources", slug=SLUG)
    sources = pages[html_file(sources_page)]
    for issue in CONTENT.issues.values():
        heading = soup.find(id=urls.anchor("issue", id=issue.id))
        fold = section(heading)[0]
        assert fold.name == "details" and text(fold.summary) == issue.question, issue.id
        described, onward = fold.find_all("p")
        assert text(described, seen=True).startswith(issue.description + " "), issue.id
        assert target(page, onward.a["href"]) == address(urls.path("issue", id=issue.id)), issue.id
        assert text(article(soup)).count(issue.description) == 1, issue.id
        cites = described.select("a.cite")
        assert [target(page, a["href"]) for a in cites] == [address(sources_page, urls.anchor("source", id=s)) for s in issue.source]
        for source_id in issue.source:
            entry = sources.find(id=urls.anchor("source", id=source_id))
            (listed,) = [p for p in section(entry) if text(p).startswith("Issues:")]
            assert address(page, urls.anchor("issue", id=issue.id)) in [target(sources_page, a["href"]) for a in listed.find_all("a")]


# -- issues with fewer than two positions -----------------------------------------------------


def test_an_issue_with_one_position_says_whose_is_not_reported(pages):
    soup = pages[html_file(urls.path("explainer-issues", slug=SLUG))]
    loss = section_text(soup, urls.anchor("issue", id="loss-and-damage"))
    assert "This explainer reports no position on this for the Southern Group or the Northern Donor Group." in loss
    fossil = section_text(soup, urls.anchor("issue", id="fossil-fuels"))
    assert "This explainer reports no position on this for the Southern Group, the Coral States Alliance, or the Northern Donor Group." in fossil
    finance = section_text(soup, urls.anchor("issue", id="finance-goal"))
    assert "no position" not in finance


def test_the_shared_issue_page_says_so_too(pages):
    loss = text(article(pages[html_file(urls.path("issue", id="loss-and-damage"))]))
    assert "No position on this is reported for the Southern Group or the Northern Donor Group." in loss
    fossil = text(article(pages[html_file(urls.path("issue", id="fossil-fuels"))]))
    assert "No position on this is reported for the Southern Group, the Coral States Alliance, or the Northern Donor Group." in fossil


def test_the_fixture_builds_without_a_warning_though_issues_have_fewer_than_two_positions():
    assert CONTENT.warnings == ()
    per_issue = {i: {p.actor for p in CONTENT.explainers[SLUG].positions if p.issue == i} for i in CONTENT.issues}
    assert sorted(len(v) for v in per_issue.values()) == [0, 1, 3]


# -- no story-specific words ------------------------------------------------------------------


STORY_WORDS = re.compile(r"\b(sides?|parties|party|delegations?|reporting)\b", re.IGNORECASE)


def test_no_page_assumes_a_two_sided_story(pages):
    """The fixture's own text never uses these words: any on a page came from the generator."""
    for path in FIXTURE.rglob("*.yml"):
        # (`parties:` is the name of a field, not words on a page)
        assert not STORY_WORDS.search(re.sub(r"^parties:", "", path.read_text(encoding="utf-8"), flags=re.M)), path
    for name, soup in pages.items():
        found = STORY_WORDS.findall(text(article(soup)))
        assert not found, f"{name}: {found}"
        caption = soup.select_one("figure#actor-map figcaption")
        if caption is not None:
            assert not re.search(r"state or group|people and delegations", caption.get_text())


def test_the_generator_has_no_story_specific_words():
    """Templates, pictures and Python word things neutrally: "sides", "delegations" and the
    rest come from content, never from the generator (the `parties:` field and `per-side`
    scope are names editors write, kept so that older content still builds)."""
    root = Path(__file__).resolve().parents[1]
    allowed = re.compile(r"parties|per-side", re.IGNORECASE)
    words = re.compile(r"\bsides?\b|\bdelegations\b|\(reporting\)|Where each side|disagree on|state or group")
    files = [*root.glob("generator/**/*.py"), *root.glob("generator/templates/*.j2"), *root.glob("overrides/**/*.html")]
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            cleaned = allowed.sub("", line)
            assert not words.search(cleaned), f"{file.relative_to(root)}:{number}: {line.strip()}"


def test_a_new_explainer_of_a_desk_with_its_own_schemas_points_at_them(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    result = run_cli("--content", "content", "new", "next-round", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "content" / "explainers" / "next-round"
    for name in ("explainer.yml", "positions.yml", "figures.yml", "events.yml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{name.removesuffix('.yml')}.schema.json", name
    assert run_cli("--content", "content", "check", cwd=tmp_path).returncode == 0


def test_new_in_a_desk_with_its_own_stances_before_schema_desk_writes_its_schemas_and_its_stances(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content", ignore=shutil.ignore_patterns("schema"))
    result = run_cli("--content", "content", "new", "next-round", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "wrote content/schema/desk.schema.json"
    folder = tmp_path / "content" / "explainers" / "next-round"
    for name in ("explainer.yml", "positions.yml", "figures.yml", "events.yml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{name.removesuffix('.yml')}.schema.json", name
    # The desk's schema lists its own stances, and every example stance is one of them.
    schema = json.loads((tmp_path / "content" / "schema" / "positions.schema.json").read_text(encoding="utf-8"))
    own = ["accepts", "calls-for", "took-note", "objects", "walked-out"]
    assert schema["$defs"]["Position"]["properties"]["stance"]["enum"] == own
    examples = re.findall(r"^#\s+stance: (\S+)$", (folder / "positions.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert examples == ["calls-for", "accepts", "took-note"]
    assert run_cli("--content", "content", "check", "--strict", cwd=tmp_path).returncode == 0


def test_schema_for_the_desk_reads_no_desk_file_linked_from_outside_the_content_folder(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "content" / "desk.yml").unlink()
    (tmp_path / "content" / "desk.yml").symlink_to(secret)
    result = run_cli("--content", "content", "schema", "--desk", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/desk.yml: error: is a symbolic link that points outside the content folder, so it is not read "
        "(expected the file itself, or a link to a file inside the content folder)",
        "1 error in 1 file",
    ]
    assert not (tmp_path / "out").exists()


def test_schema_for_the_desk_reports_a_broken_desk_file_and_writes_nothing(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    desk = tmp_path / "content" / "desk.yml"
    desk.write_text(desk.read_text().replace("icon: material-bullhorn", "icon: bullhorn"))
    result = run_cli("--content", "content", "schema", "--desk", "out", cwd=tmp_path)
    assert result.returncode == 1
    line = next(i for i, text in enumerate(desk.read_text().splitlines(), 1) if "icon: bullhorn" in text)
    assert result.stderr.splitlines() == [
        f"content/desk.yml:{line}:11: error: 'bullhorn' is not an icon name (expected a name from the theme's icon set, e.g. material-check-circle)",
        "1 error in 1 file",
    ]
    assert not (tmp_path / "out").exists()


def test_a_source_dated_by_its_month_is_published_in_it_and_one_dated_by_its_day_on_it(site: Path):
    # "on July 2029" read wrong: the date says only the month.
    text = " ".join(article(read(site, urls.path("desk-sources"))).get_text(" ").split())
    assert "Published by The Harbour Ledger in July 2029." in text
    assert "Published by The Harbour Ledger on July 2029" not in text
    assert re.search(r"Published by [^.]+ on \d{1,2} \w+ \d{4}\.", text), text[:500]
