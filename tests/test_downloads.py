"""Get the data: the JSON and CSV downloads in the built site, and the links to them.

Each explainer has its own files and the desk has files for every explainer at once. The
expectations come from the content itself, loaded and validated by the generator's first two
steps and dumped here field by field, not from the export module under test; the paths come
from ``generator.urls``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import load, urls, validate
from generator.export import export
from generator.model import Source
from generator.validated_desk import Content, Explainer
from generator.values import sort_key

from .conftest import CONTENT, FIXTURES, cited_sources, covered_issues, html_file, named_in

EXPLAINER_FILES = ("explainer.json", "figures.csv", "positions.csv", "events.csv")
DESK_FILES = ("desk.json", "figures.csv", "positions.csv", "events.csv")
# Every explainer of the shipped desk, for parametrized tests (newest first).
SLUGS = list(validate(load(CONTENT)).explainers)


def explainer_download(slug: str, name: str) -> str:
    return urls.download("explainer-data", slug=slug, name=name)


def desk_download(name: str) -> str:
    return urls.download("desk-data", name=name)


def downloads(content: Content) -> list[str]:
    """Every download path a desk has: each explainer's, then the desk's."""
    paths = [explainer_download(slug, name) for slug in content.explainers for name in EXPLAINER_FILES]
    return paths + [desk_download(name) for name in DESK_FILES]


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


def read_csv(site: Path, path: str) -> list[dict[str, str]]:
    text = (site / path).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def listed(text: str) -> list[str]:
    return text.split("; ") if text else []


def number(text: str) -> float | None:
    return float(text) if text else None





def which(content: Content, scope: str) -> tuple[list[Explainer], callable]:
    """The explainers a download covers and the path of one of its files: ``desk`` or a slug."""
    if scope == "desk":
        return list(content.explainers.values()), desk_download
    return [content.explainers[scope]], lambda name: explainer_download(scope, name)


SCOPES = [*SLUGS, "desk"]


# --------------------------------------------------------------------------- the files


def test_downloads_are_static_files_in_the_site(built_site, content):
    for path in downloads(content):
        data = (built_site / path).read_bytes()
        assert data.endswith(b"\n") and not data.endswith(b"\n\n"), path
        assert b"\r" not in data, path
        data.decode("utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_json_is_the_validated_explainer(built_site, content, slug):
    x = content.explainers[slug]
    expected = {
        "slug": slug,
        "explainer": x.story.model_dump(mode="json"),
        "positions": [p.model_dump(mode="json") for p in x.positions],
        "figures": [f.model_dump(mode="json") for f in x.figures.values()],
        "events": [e.model_dump(mode="json") for e in x.events.values()],
        "actors": [content.actors[a].model_dump(mode="json") for a in named_in(content, x)],
        "issues": [content.issues[i].model_dump(mode="json") for i in covered_issues(content, x)],
        # The documents its positions and figures name, in documents.yml's order.
        "documents": [
            d.model_dump(mode="json") for d in content.documents.values()
            if any(item.document == d.id for item in [*x.positions, *x.figures.values()])
        ],
        "sources": [content.sources[s].model_dump(mode="json") for s in cited_sources(content, x)],
        # The stance vocabulary its positions are in, so that a stance can be read without the site.
        "stances": [t.model_dump(mode="json") for t in content.stances.values()],
    }
    data = json.loads((built_site / explainer_download(slug, "explainer.json")).read_text(encoding="utf-8"))
    assert data == expected
    assert list(data) == list(expected)


def test_desk_json_is_the_whole_validated_desk(built_site, content):
    expected = {
        "desk": content.desk.model_dump(mode="json"),
        **{
            name: [entry.model_dump(mode="json") for entry in entries]
            for name, entries in (
                ("sources", content.sources.values()),
                ("actors", content.actors.values()),
                ("issues", content.issues.values()),
                ("documents", content.documents.values()),
                ("stances", content.stances.values()),
                ("kinds", content.kinds.values()),
            )
        },
        "explainers": [
            {
                "slug": x.slug,
                "explainer": x.story.model_dump(mode="json"),
                "positions": [p.model_dump(mode="json") for p in x.positions],
                "figures": [f.model_dump(mode="json") for f in x.figures.values()],
                "events": [e.model_dump(mode="json") for e in x.events.values()],
            }
            for x in content.explainers.values()
        ],
    }
    data = json.loads((built_site / desk_download("desk.json")).read_text(encoding="utf-8"))
    assert data == expected
    assert list(data) == ["desk", "sources", "actors", "issues", "documents", "stances", "kinds", "explainers"]
    assert [d["id"] for d in data["documents"]] == ["russian-memorandum", "ukrainian-roadmap"]
    assert [x["slug"] for x in data["explainers"]] == list(content.explainers)


@pytest.mark.parametrize("scope", SCOPES)
def test_figures_csv_has_a_row_per_figure(built_site, content, scope):
    explainers, path = which(content, scope)
    rows = read_csv(built_site, path("figures.csv"))
    figures = [(x, f) for x in explainers for f in x.figures.values()]
    assert [(r["explainer"], r["id"]) for r in rows] == [(x.slug, f.id) for x, f in figures]
    for row, (x, f) in zip(rows, figures, strict=True):
        assert row["label"] == f.label
        assert number(row["value"]) == f.value
        assert number(row["value_max"]) == f.value_max
        assert "." not in row["value"] or not f.value.is_integer(), "whole numbers without .0"
        assert (row["unit"], row["qualifier"], row["scope"], row["status"]) == (f.unit or "", f.qualifier or "", f.scope or "", f.status)
        # Money and rates are columns of their own, never words in the unit.
        assert (row["currency"], row["rate"], row["by"]) == (f.currency or "", f.rate or "", f.by or "")
        each = x.story.parties if f.scope == "per-side" else f.actors
        assert listed(row["actors"]) == list(each)
        assert row["document"] == (f.document or "")
        assert row["wording"] == (f.wording or "")
        assert listed(row["claimed_by"]) == f.claimed_by
        assert listed(row["claimed_by_names"]) == [content.actors[a].name for a in f.claimed_by]
        assert row["issue"] == (f.issue or "")
        assert row["issue_title"] == (content.issues[f.issue].title if f.issue else "")
        assert row["as_of"] == f.as_of
        assert row["note"] == (f.note or "")
        # Every field is a column, true and false as in the YAML, and a replaced number's
        # replacement by its label too.
        assert (row["key"], row["chart"]) == (str(f.key).lower(), str(f.chart).lower())
        every = {g.id: g for y in content.explainers.values() for g in y.figures.values()}
        assert row["replaced_by_label"] == (every[f.replaced_by].label if f.replaced_by else "")
        assert listed(row["source"]) == f.source
        assert listed(row["source_title"]) == [content.sources[s].title for s in f.source]


@pytest.mark.parametrize("scope", SCOPES)
def test_positions_csv_has_a_row_per_position(built_site, content, scope):
    explainers, path = which(content, scope)
    rows = read_csv(built_site, path("positions.csv"))
    positions = [(x, p) for x in explainers for p in x.positions]
    assert [(r["explainer"], r["actor"], r["issue"], r["date"]) for r in rows] == [(x.slug, p.actor, p.issue, p.date) for x, p in positions]
    for row, (x, p) in zip(rows, positions, strict=True):
        assert row["actor_name"] == content.actors[p.actor].name
        assert row["issue_title"] == content.issues[p.issue].title
        assert (row["stance"], row["summary"], row["date"]) == (p.stance, p.summary, p.date)
        assert row["quote"] == (p.quote or "")
        assert row["said_by"] == (p.said_by or "")
        assert row["said_by_name"] == (content.actors[p.said_by].name if p.said_by else "")
        assert row["stance_label"] == content.stances[p.stance].label
        assert row["document"] == (p.document or "")
        assert row["document_title"] == (content.documents[p.document].title if p.document else "")
        assert listed(row["source"]) == p.source
        assert listed(row["source_title"]) == [content.sources[s].title for s in p.source]


@pytest.mark.parametrize("scope", SCOPES)
def test_events_csv_has_a_row_per_event_in_date_order(built_site, content, scope):
    explainers, path = which(content, scope)
    rows = read_csv(built_site, path("events.csv"))
    events = {(x.slug, e.id): e for x in explainers for e in x.events.values()}
    assert sorted((r["explainer"], r["id"]) for r in rows) == sorted(events)
    assert [sort_key(r["date"]) for r in rows] == sorted(sort_key(r["date"]) for r in rows)
    for row in rows:
        e = events[(row["explainer"], row["id"])]
        assert (row["date"], row["title"], row["summary"]) == (e.date, e.title, e.summary)
        assert listed(row["actors"]) == e.actors
        assert listed(row["actor_names"]) == [content.actors[a].name for a in e.actors]
        assert listed(row["issues"]) == e.issues
        assert listed(row["issue_titles"]) == [content.issues[i].title for i in e.issues]
        assert listed(row["source"]) == e.source
        assert listed(row["source_title"]) == [content.sources[s].title for s in e.source]


# --------------------------------------------------------------------------- Get the data


def check_get_the_data(built_site: Path, site_url: str, page: str, expected: list[str]) -> None:
    """The page's "Get the data" section links to exactly ``expected``, each served as built."""
    rel = html_file(page)
    soup = BeautifulSoup((built_site / rel).read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id=urls.anchor("data"))
    assert heading is not None and heading.name == "h2", rel
    assert heading.get_text(" ", strip=True).startswith("Get the data")
    address = f"{site_url}/{urls.url(page)}"
    links = {}
    for a in heading.find_all_next("a", href=True):
        if a.find_parent("article") is None:
            continue
        target = urllib.parse.urljoin(address, a["href"])
        path = urllib.parse.urlsplit(target).path.lstrip("/")
        if Path(path).suffix not in ("", ".html"):  # a file, not a page
            links[path] = target
    assert sorted(links) == sorted(expected), rel
    for path, url in links.items():
        with urllib.request.urlopen(url, timeout=60) as response:
            assert response.status == 200
            assert response.read() == (built_site / path).read_bytes(), path


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_sources_page_links_to_its_downloads(built_site, site_url, slug):
    page = urls.path("explainer-sources", slug=slug)
    check_get_the_data(built_site, site_url, page, [explainer_download(slug, name) for name in EXPLAINER_FILES])


def test_desk_sources_page_links_to_the_desks_downloads(built_site, site_url):
    check_get_the_data(built_site, site_url, urls.path("desk-sources"), [desk_download(name) for name in DESK_FILES])


# --------------------------------------------------------------------------- the pure step


def test_export_is_pure_and_deterministic():
    content = validate(load(FIXTURES / "minimal"))
    files = export(content)
    assert sorted(files) == sorted(downloads(content))
    assert export(validate(load(FIXTURES / "minimal"))) == files


def emptied(content: Content) -> Content:
    """The desk with every explainer's positions, figures and events taken out."""
    return dataclasses.replace(
        content,
        explainers={s: dataclasses.replace(x, positions=(), figures={}, events={}) for s, x in content.explainers.items()},
    )


def test_csv_of_nothing_still_has_its_header():
    content = validate(load(FIXTURES / "minimal"))
    (slug,) = content.explainers
    empty, full = export(emptied(content)), export(content)
    for name in ("figures.csv", "positions.csv", "events.csv"):
        for path in (explainer_download(slug, name), desk_download(name)):
            text = empty[path]
            assert text.count("\n") == 1 and text.startswith("explainer,"), path
            assert text == full[path].split("\n", 1)[0] + "\n"


def with_event(content: Content, event_id: str, **changes) -> Content:
    """The desk with one event changed (entries are frozen models: a changed copy)."""
    (slug,) = content.explainers
    x = content.explainers[slug]
    events = {**x.events, event_id: x.events[event_id].model_copy(update=changes)}
    return dataclasses.replace(content, explainers={slug: dataclasses.replace(x, events=events)})


def test_csv_quotes_what_needs_quoting():
    content = validate(load(FIXTURES / "minimal"))
    (slug,) = content.explainers
    tricky = 'A "quoted", comma\nand a new line; with a semicolon'
    files = export(with_event(content, "meeting", summary=tricky))
    for path in (explainer_download(slug, "events.csv"), desk_download("events.csv")):
        rows = parse_csv(files[path])
        assert next(r for r in rows if r["id"] == "meeting")["summary"] == tricky, path


def test_lists_of_sources_are_joined_with_semicolons():
    content = validate(load(FIXTURES / "minimal"))
    (slug,) = content.explainers
    second = Source(id="second-wire", publisher="Second Wire", title="Harbour talks, a second account", date="2025-03-05")
    content = dataclasses.replace(content, sources={**content.sources, second.id: second})
    first = content.explainers[slug].events["meeting"].source[0]
    files = export(with_event(content, "meeting", source=[first, second.id]))
    for path in (explainer_download(slug, "events.csv"), desk_download("events.csv")):
        row = next(r for r in parse_csv(files[path]) if r["id"] == "meeting")
        assert row["source"] == f"{first}; {second.id}", path
        assert row["source_title"] == f"{content.sources[first].title}; {second.title}", path
    data = json.loads(files[explainer_download(slug, "explainer.json")])
    assert next(e for e in data["events"] if e["id"] == "meeting")["source"] == [first, second.id]
    assert [s["id"] for s in data["sources"]] == [first, second.id]


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_text_that_a_spreadsheet_would_run_is_made_inert(text):
    content = validate(load(FIXTURES / "minimal"))
    (slug,) = content.explainers
    files = export(with_event(content, "meeting", summary=text))
    for path in (explainer_download(slug, "events.csv"), desk_download("events.csv")):
        rows = parse_csv(files[path])
        # A carriage return in a cell reads as the line break it is.
        assert next(r for r in rows if r["id"] == "meeting")["summary"] == "'" + text.replace("\r", "\n"), path
    # The JSON is for programs and keeps the text exactly.
    assert text in [e["summary"] for e in json.loads(files[explainer_download(slug, "explainer.json")])["events"]]
    assert text in [e["summary"] for x in json.loads(files[desk_download("desk.json")])["explainers"] for e in x["events"]]


@pytest.mark.parametrize("breaks", ["\r", "\r\n", "\n"])
def test_a_line_break_in_a_cell_cannot_start_a_row_with_a_formula(breaks):
    content = validate(load(FIXTURES / "minimal"))
    (slug,) = content.explainers
    text = f"The towns met.{breaks}=HYPERLINK(\"http://evil.test\",\"x\")"
    files = export(with_event(content, "meeting", summary=text))
    for path in (explainer_download(slug, "events.csv"), desk_download("events.csv")):
        rows = parse_csv(files[path])
        assert len(rows) == len(content.explainers[slug].events), path
        assert next(r for r in rows if r["id"] == "meeting")["summary"] == text.replace("\r\n", "\n").replace("\r", "\n"), path
        assert "\r" not in files[path], path
        for row in rows:
            assert not any(str(v).startswith(("=", "+", "-", "@")) for v in row.values()), (path, row)
