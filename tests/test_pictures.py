"""Charts, the who-is-who map and the timeline, as a reader (or a screen reader) gets them."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from generator import ContentError, load, validate
from generator.model import STATUSES
from generator.wording import amount, figure_value

from .conftest import CONTENT, FIXTURES


@pytest.fixture(scope="module")
def content():
    return validate(load(CONTENT))


def _page(site, path):
    return BeautifulSoup((site / path).read_text(), "html.parser")


def test_each_charted_figure_is_an_svg_with_a_text_alternative_and_its_status(built_site, content):
    charted = [f for f in content.figures.values() if f.chart]
    assert charted, "the first explainer charts its key exchanges and the share of territory"
    page = _page(built_site, "figures/index.html")
    for figure in charted:
        picture = page.find("figure", id=f"chart-{figure.id}")
        assert picture is not None, figure.id
        svg = picture.find("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text() == figure.label
        description = svg.find("desc", id=desc_id).get_text()
        assert amount(figure) in description
        label, meaning = STATUSES[figure.status]
        assert f"Status: {label.lower()}, {meaning}." in description
        # The status is written in the picture and under it, not left to colour or pattern.
        assert f"{label}: {meaning}" in svg.get_text(" ")
        assert label in picture.find("figcaption").get_text()
        source = content.sources[figure.source]
        assert f"Source: {source.reported_by} via {source.publisher}, " in picture.find("figcaption").get_text()


def test_per_side_chart_has_a_labelled_bar_for_each_party(built_site, content):
    figure = content.figures["bodies-per-side"]
    svg = _page(built_site, "figures/index.html").find("figure", id="chart-bodies-per-side").find("svg")
    texts = [t.get_text() for t in svg.find_all("text")]
    for party in content.explainer.parties:
        assert content.actors[party].name in texts
    assert texts.count(f"{amount(figure)} {figure.unit}") == len(content.explainer.parties)
    bars = svg.select("rect.chart-bar")
    assert len(bars) == len(content.explainer.parties)
    # Agreed, not yet handed over: drawn hatched, and the caption says what hatching means.
    assert all(bar["fill"].startswith("url(#chart-bodies-per-side-hatch") for bar in bars)
    assert "hatched: not yet carried out" in svg.find_parent("figure").figcaption.get_text()


def test_delivered_exchange_is_drawn_solid(built_site):
    svg = _page(built_site, "figures/index.html").find("figure", id="chart-prisoners-first-round").find("svg")
    assert {bar["fill"] for bar in svg.select("rect.chart-bar")} == {"currentColor"}


def test_share_chart_fills_its_part_of_the_whole(built_site, content):
    figure = content.figures["territory-share"]
    svg = _page(built_site, "figures/index.html").find("figure", id="chart-territory-share").find("svg")
    whole = float(svg.select_one("rect.chart-whole")["width"])
    part = float(svg.select_one("rect.chart-bar")["width"])
    assert part / whole == pytest.approx(figure.value)
    assert "just under a fifth" in svg.get_text(" ")
    assert figure_value(figure) in svg.find("desc").get_text()


def test_home_page_shows_the_charts_of_key_figures(built_site, content):
    page = _page(built_site, "index.html")
    shown = {f["id"] for f in page.select("figure.explainer-chart")}
    assert shown == {f"chart-{f.id}" for f in content.figures.values() if f.key and f.chart}


def test_actor_map_pictures_every_membership_and_lists_it_too(built_site, content):
    page = _page(built_site, "actors/index.html")
    picture = page.find("figure", id="actor-map")
    svg_text = picture.find("svg").get_text(" ")
    description = picture.find("desc").get_text()
    the_list = picture.find_next("ul")
    for actor in content.actors.values():
        for membership in actor.memberships:
            group = content.actors[membership.of]
            assert actor.name in svg_text and membership.role in svg_text
            assert f"{actor.name}: {membership.role}, {group.name}." in description
            # In the list, the member sits under the group it belongs to, linked to its page.
            group_item = next(
                li for li in the_list.find_all("li") if li.find("a") and li.find("a").get_text() == group.name
            )
            members = [a.get_text() for a in group_item.find("ul").find_all("a", recursive=True)]
            assert actor.name in members, (actor.id, group.id)


def test_timeline_is_in_date_order_with_partial_dates_worded_honestly(built_site, content):
    page = _page(built_site, "timeline/index.html")
    headings = page.select("h2.timeline-event")
    assert [h["id"] for h in headings] == [e.id for e in sorted(content.events.values(), key=lambda e: e.date)]
    words = [" ".join(h.get_text(" ").split()).replace(" ¶", "") for h in headings]
    assert any(w.startswith("June 2024:") for w in words)
    assert any(w.startswith("March 2022:") for w in words)
    assert any(w.startswith("24 February 2022:") for w in words)


def test_only_per_side_numbers_and_shares_can_be_charted(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    figures = folder / "figures.yml"
    figures.write_text(figures.read_text().replace("  as_of: 2025\n", "  as_of: 2025\n  chart: true\n"))
    with pytest.raises(ContentError) as raised:
        validate(load(folder))
    assert [d.message for d in raised.value.diagnostics] == [
        "only per-side numbers and shares can be drawn (expected scope: per-side, or a value from 0 to 1)"
    ]
