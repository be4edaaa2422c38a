"""Charts, the who-is-who map and the timelines, as a reader (or a screen reader) gets them.

Each explainer draws its own pictures on its own pages: its charted figures on its numbers
page (and the key ones on its overview), its map of who belongs to whom on its who's-who page.
Pages are found through the site's URL scheme (generator/urls.py).
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from generator import ContentError, load, urls, validate
from generator.validated_desk import Content, Explainer
from generator.values import sort_key
from generator.messages import STATUSES
from generator.charts import drawn

from .conftest import CONTENT, FIXTURES, html_file, named

from generator.wording import Wording

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

ISTANBUL = "istanbul-talks-2025-06-02"
SLUGS = list(validate(load(CONTENT)).explainers)


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


def _page(site, kind: str, **params: str) -> BeautifulSoup:
    return BeautifulSoup((site / html_file(urls.path(kind, **params))).read_text(), "html.parser")


def chart_svg(picture):
    """The picture itself in a chart's figure (the other SVGs are the icons of its labels)."""
    found = picture.find_all("svg", attrs={"role": "img"})
    assert len(found) == 1, picture
    return found[0]



def ties_in(x: Explainer, content: Content) -> list[tuple[str, str, str]]:
    """(member, group, role): the lasting ties (actors.yml) of the actors the explainer names,
    and the ties its own cast entries add; a cast's tie to a group the actor already belongs to
    gives that tie the story's role."""
    ties = {}
    for actor_id in sorted(named(x)):
        ties |= {(actor_id, m.of): m.role for m in content.actors[actor_id].memberships}
    for cast in x.story.actors:
        ties |= {(cast.actor, m.of): m.role for m in cast.memberships}
    return [(member, group, role) for (member, group), role in ties.items()]


def test_each_charted_figure_is_an_svg_with_a_text_alternative_and_its_status(built_site, content):
    charted = {slug: [f for f in x.figures.values() if drawn(f)] for slug, x in content.explainers.items()}
    assert charted[ISTANBUL], "the Istanbul talks chart the share of territory"
    for slug, figures in charted.items():
        page = _page(built_site, "explainer-figures", slug=slug)
        assert len(page.select("figure.explainer-chart")) == len(figures), slug
        for figure in figures:
            picture = page.find("figure", id=f"chart-{figure.id}")
            assert picture is not None, (slug, figure.id)
            svg = chart_svg(picture)
            title_id, desc_id = svg["aria-labelledby"].split()
            assert svg.find("title", id=title_id).get_text() == figure.label
            description = svg.find("desc", id=desc_id).get_text()
            assert ENGLISH.amount(figure) in description
            label, meaning = STATUSES[figure.status]
            assert f"Status: {label.lower()}, {meaning}." in description
            # Headed by what it counts, its status a label with what it means: in words, not
            # left to colour or pattern.
            head = picture.select_one(".chart-head")
            assert head is not None and head.find_next_sibling("svg") is svg, (slug, figure.id)
            assert " ".join(head.select_one(".chart-title").get_text().split()) == figure.label
            assert " ".join(head.select_one(".chart-status-label").get_text().split()) == label
            assert head.select_one(".chart-status-meaning").get_text() == meaning
            caption = picture.find("figcaption").get_text()
            # Every source of the figure is named in the caption, after "Source: ".
            assert "Source: " in caption
            for source_id in figure.source:
                source = content.sources[source_id]
                via = f"{source.reported_by} via " if source.reported_by else ""
                assert f"{via}{source.publisher}, " in caption.split("Source: ", 1)[1], (slug, figure.id, source_id)
            # The chart sits in the figure's own section of the numbers page.
            heading = picture.find_previous(["h2"])
            assert heading is not None and heading.get("id") == urls.anchor("figure", id=figure.id)


@pytest.mark.parametrize("id", ["bodies-per-side", "prisoners-first-round"])
def test_a_number_for_each_side_is_said_not_drawn(built_site, content, id):
    """Bars all of one length (6,000 and 6,000) would take a screen to say "the same": the
    number is its sentence, "6,000 bodies each", for each of the parties."""
    x = content.explainers[ISTANBUL]
    figure = x.figures[id]
    assert figure.chart and figure.scope == "per-side", "the content changed: pick another number"
    page = _page(built_site, "explainer-figures", slug=ISTANBUL)
    assert page.find("figure", id=f"chart-{id}") is None
    fold = page.find(id=urls.anchor("figure", id=id)).find_parent("details")
    said = " ".join(fold.get_text(" ").split())
    assert f"{ENGLISH.amount(figure)} {figure.unit} each" in said
    assert "for each of " + " and ".join(content.actors[p].name for p in x.story.parties) in said


def test_share_chart_fills_its_part_of_the_whole(built_site, content):
    figure = content.explainers[ISTANBUL].figures["territory-share"]
    page = _page(built_site, "explainer-figures", slug=ISTANBUL)
    svg = chart_svg(page.find("figure", id="chart-territory-share"))
    whole = float(svg.select_one("rect.chart-whole")["width"])
    part = float(svg.select_one("rect.chart-bar")["width"])
    assert part / whole == pytest.approx(figure.value)
    assert "just under a fifth" in svg.get_text(" ")
    assert ENGLISH.figure_value(figure) in svg.find("desc").get_text()


@pytest.mark.parametrize("slug", SLUGS)
def test_overview_shows_the_charts_of_its_key_figures(built_site, content, slug):
    page = _page(built_site, "explainer", slug=slug)
    shown = [f["id"] for f in page.select("figure.explainer-chart")]
    figures = content.explainers[slug].figures.values()
    assert shown == [f"chart-{f.id}" for f in figures if f.key and drawn(f)]


def test_the_istanbul_numbers_have_charts_and_the_desk_hub_has_none(built_site):
    assert _page(built_site, "explainer-figures", slug=ISTANBUL).select("figure.explainer-chart")
    assert not _page(built_site, "desk").select("figure")


@pytest.mark.parametrize("slug", SLUGS)
def test_actor_map_pictures_every_membership_and_lists_it_too(built_site, content, slug):
    x = content.explainers[slug]
    ties = ties_in(x, content)
    assert ties, f"{slug} names actors with ties"
    page = _page(built_site, "explainer-actors", slug=slug)
    picture = page.find("figure", id="actor-map")
    assert picture is not None, slug
    # A box for each group, each a picture named by the group, described by its members.
    boxes = picture.find_all("svg", attrs={"role": "img"})
    groups = {group for _, group, _ in ties}
    assert len(boxes) == len({g for g in groups if not any(m == g for m, _, _ in ties)}), slug
    for box in boxes:
        title_id, desc_id = box["aria-labelledby"].split()
        assert box.find("title", id=title_id) is not None and box.find("desc", id=desc_id) is not None
    svg_text = " ".join(" ".join(box.get_text(" ") for box in boxes).split())
    description = "Who belongs to whom. " + " ".join(box.find("desc").get_text() for box in boxes)
    the_list = picture.find_next("ul")
    # The list follows the map folded, one line a reader opens, as the map already shows it.
    fold = picture.find_next_sibling()
    assert fold.name == "details" and not fold.has_attr("open") and the_list in fold.find_all("ul"), (slug, fold.name)
    assert " ".join(fold.summary.get_text(" ").split()) == "Who belongs to whom, as a list", slug
    for member_id, group_id, role in ties:
        actor, group = content.actors[member_id], content.actors[group_id]
        assert actor.name in svg_text and role in svg_text
        assert f"{actor.name}: {role}, {group.name}." in description
        # In the list, the member sits under the group it belongs to, linked to its page.
        group_item = next(
            li for li in the_list.find_all("li") if li.find("a") and li.find("a").get_text() == group.name
        )
        members = [a.get_text() for a in group_item.find("ul").find_all("a", recursive=True)]
        assert actor.name in members, (slug, member_id, group_id)
    # Only this explainer's own members: the ties of actors it does not name are left out.
    in_story = named(x)
    for actor in content.actors.values():
        if actor.id not in in_story:
            for membership in actor.memberships:
                group = content.actors[membership.of]
                assert f"{actor.name}: {membership.role}, {group.name}." not in description, (slug, actor.id)
    # And nothing but them: one sentence per tie.
    rest = description
    for member_id, group_id, role in ties:
        sentence = f"{content.actors[member_id].name}: {role}, {content.actors[group_id].name}."
        assert sentence in rest, (slug, sentence)
        rest = rest.replace(sentence, "", 1)
    assert " ".join(rest.split()) == "Who belongs to whom.", (slug, rest)


def test_a_story_tie_shows_only_on_its_own_explainers_map(built_site, content):
    """Medinsky heads Russia's delegation in the Istanbul talks (a tie of that story): that map
    shows it, the other explainer's map, which names him too, does not."""
    sentence = "Vladimir Medinsky: Head of delegation, Russian delegation."
    for slug, x in content.explainers.items():
        picture = _page(built_site, "explainer-actors", slug=slug).find("figure", id="actor-map")
        description = " ".join(desc.get_text() for desc in picture.find_all("desc"))
        has_tie = any(m.role == "Head of delegation" for c in x.story.actors if c.actor == "vladimir-medinsky" for m in c.memberships)
        assert "vladimir-medinsky" in named(x)
        assert (sentence in description) == has_tie, slug
    assert any(
        m.role == "Head of delegation" for c in content.explainers[ISTANBUL].story.actors if c.actor == "vladimir-medinsky"
        for m in c.memberships
    )


def _words(heading) -> str:
    return " ".join(heading.get_text(" ").split()).replace(" ¶", "")


@pytest.mark.parametrize("slug", SLUGS)
def test_timeline_is_in_date_order_with_partial_dates_worded_honestly(built_site, content, slug):
    x = content.explainers[slug]
    page = _page(built_site, "explainer-timeline", slug=slug)
    headings = page.select("h2.timeline-event")
    ordered = sorted(x.events.values(), key=lambda e: sort_key(e.date))
    assert [h["id"] for h in headings] == [urls.anchor("event", id=e.id) for e in ordered]
    words = [_words(h) for h in headings]
    expected = {ISTANBUL: ["March 2022:", "24 February 2022:"], "what-each-side-wants": ["June 2024:"]}[slug]
    for start in expected:
        assert any(w.startswith(start) for w in words), (slug, start, words)


def test_desk_timeline_holds_every_explainers_events_in_date_order(built_site, content):
    page = _page(built_site, "desk-timeline")
    headings = page.select("h2.timeline-event")
    events = {urls.anchor("event", id=e.id): (x, e) for x in content.explainers.values() for e in x.events.values()}
    assert sorted(h["id"] for h in headings) == sorted(events)
    dates = [sort_key(events[h["id"]][1].date) for h in headings]
    assert dates == sorted(dates)
    words = [_words(h) for h in headings]
    for start in ("June 2024:", "March 2022:", "24 February 2022:"):
        assert any(w.startswith(start) for w in words), start
    # Each event says which explainer it comes from, linked to it.
    for h in headings:
        x, _ = events[h["id"]]
        after = h.find_next_sibling("p").find_next_sibling("p")
        links = {a.get_text(): a["href"] for a in after.find_all("a")}
        assert x.story.title in links, (h["id"], after.get_text())


def test_only_numbers_for_each_of_several_actors_and_shares_can_be_charted(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    figures = folder / "figures.yml"
    figures.write_text(figures.read_text().replace("  as_of: 2025\n", "  as_of: 2025\n  chart: true\n"))
    with pytest.raises(ContentError) as raised:
        validate(load(folder))
    assert [d.message for d in raised.value.diagnostics] == [
        "only numbers for each of several actors and shares can be drawn (expected scope: per-actor or per-side, "
        "or a value from 0 to 1; to compare numbers, use `comparisons:` in explainer.yml)"
    ]


def test_a_densely_tied_desk_lists_each_tie_once_per_row_of_its_parent(tmp_path):
    """Layers of actors, each a member of every actor in the layer above: listing an actor's
    members again under each of its parents would draw 12^7 rows. Each actor's members are
    listed under its first row only, so the map and the list hold one row per tie."""
    import yaml

    from generator import lookups, render
    from generator.charts import MAX_MEMBERSHIP_DEPTH, actor_map

    content_dir = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    width, layers = 12, 7
    actors = yaml.safe_load((content_dir / "actors.yml").read_text())
    story = yaml.safe_load((content_dir / "explainer.yml").read_text())
    for layer in range(1, layers + 1):
        for k in range(width):
            parents = ["north"] if layer == 1 else [f"a{layer - 1}-{j}" for j in range(width)]
            actors.append({
                "id": f"a{layer}-{k}", "name": f"Actor {layer}-{k}", "kind": "group", "description": "Fictional.",
                "memberships": [{"of": p, "role": "Member"} for p in parents], "source": "gazette",
            })
            story.setdefault("actors", []).append({"actor": f"a{layer}-{k}", "role": "Member", "source": "gazette"})
    (content_dir / "actors.yml").write_text(yaml.safe_dump(actors, sort_keys=False))
    (content_dir / "explainer.yml").write_text(yaml.safe_dump(story, sort_keys=False))

    content = validate(load(content_dir))
    x = next(iter(content.explainers.values()))
    view = lookups.view(content, x)
    north = content.actors["north"]
    ties_below_north = width + (min(layers, MAX_MEMBERSHIP_DEPTH) - 1) * width * width
    rows = view.member_rows(north, MAX_MEMBERSHIP_DEPTH)
    assert len(rows) <= ties_below_north + len(content.actors)  # one row per tie, not per path
    drawn = actor_map(ENGLISH, view, content)
    assert sum(len(box.rows) for box in drawn.boxes) < 5 * len(rows)
    page = render(content)[urls.path("explainer-actors", slug=x.slug)]
    assert page.count("\n    ") < 5 * len(rows)
