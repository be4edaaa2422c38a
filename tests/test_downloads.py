"""Get the data: the JSON and CSV downloads in the built site, and the links to them.

Expectations come from the content itself, loaded and validated by the generator's first two
steps and dumped here field by field, not from the export module under test.
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

from generator import load, validate
from generator.export import export
from generator.model import sort_key
from generator.validate import Content

from .conftest import CONTENT, FIXTURES

DOWNLOADS = ("data/explainer.json", "data/figures.csv", "data/positions.csv", "data/events.csv")


@pytest.fixture(scope="module")
def content() -> Content:
    return validate(load(CONTENT))


def read_csv(site: Path, name: str) -> list[dict[str, str]]:
    text = (site / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def listed(text: str) -> list[str]:
    return text.split("; ") if text else []


def number(text: str) -> float | None:
    return float(text) if text else None


def test_downloads_are_static_files_in_the_site(built_site):
    for path in DOWNLOADS:
        data = (built_site / path).read_bytes()
        assert data.endswith(b"\n") and not data.endswith(b"\n\n"), path
        assert b"\r" not in data, path
        data.decode("utf-8")


def test_json_is_the_whole_validated_model(built_site, content):
    expected = {
        "explainer": content.explainer.model_dump(mode="json"),
        **{
            name: [entry.model_dump(mode="json") for entry in entries]
            for name, entries in (
                ("sources", content.sources.values()),
                ("actors", content.actors.values()),
                ("issues", content.issues.values()),
                ("positions", content.positions),
                ("figures", content.figures.values()),
                ("events", content.events.values()),
            )
        },
    }
    data = json.loads((built_site / "data/explainer.json").read_text(encoding="utf-8"))
    assert data == expected
    assert list(data) == ["explainer", "sources", "actors", "issues", "positions", "figures", "events"]


def test_figures_csv_has_a_row_per_figure(built_site, content):
    rows = read_csv(built_site, "figures.csv")
    assert [r["id"] for r in rows] == list(content.figures)
    for row, f in zip(rows, content.figures.values(), strict=True):
        assert row["label"] == f.label
        assert number(row["value"]) == f.value
        assert number(row["value_max"]) == f.value_max
        assert "." not in row["value"] or not f.value.is_integer(), "whole numbers without .0"
        assert (row["unit"], row["qualifier"], row["scope"], row["status"]) == (f.unit, f.qualifier, f.scope, f.status)
        assert row["wording"] == (f.wording or "")
        assert listed(row["claimed_by"]) == f.claimed_by
        assert listed(row["claimed_by_names"]) == [content.actors[a].name for a in f.claimed_by]
        assert row["issue"] == (f.issue or "")
        assert row["issue_title"] == (content.issues[f.issue].title if f.issue else "")
        assert row["as_of"] == f.as_of
        assert row["note"] == (f.note or "")
        assert (row["source"], row["source_title"]) == (f.source, content.sources[f.source].title)


def test_positions_csv_has_a_row_per_position(built_site, content):
    rows = read_csv(built_site, "positions.csv")
    assert [(r["actor"], r["issue"]) for r in rows] == [(p.actor, p.issue) for p in content.positions]
    for row, p in zip(rows, content.positions, strict=True):
        assert row["actor_name"] == content.actors[p.actor].name
        assert row["issue_title"] == content.issues[p.issue].title
        assert (row["stance"], row["summary"], row["date"]) == (p.stance, p.summary, p.date)
        assert row["quote"] == (p.quote or "")
        assert row["said_by"] == (p.said_by or "")
        assert row["said_by_name"] == (content.actors[p.said_by].name if p.said_by else "")
        assert (row["source"], row["source_title"]) == (p.source, content.sources[p.source].title)


def test_events_csv_has_a_row_per_event_in_date_order(built_site, content):
    rows = read_csv(built_site, "events.csv")
    assert sorted(r["id"] for r in rows) == sorted(content.events)
    assert [sort_key(r["date"]) for r in rows] == sorted(sort_key(r["date"]) for r in rows)
    for row in rows:
        e = content.events[row["id"]]
        assert (row["date"], row["title"], row["summary"]) == (e.date, e.title, e.summary)
        assert listed(row["actors"]) == e.actors
        assert listed(row["actor_names"]) == [content.actors[a].name for a in e.actors]
        assert listed(row["issues"]) == e.issues
        assert listed(row["issue_titles"]) == [content.issues[i].title for i in e.issues]
        assert (row["source"], row["source_title"]) == (e.source, content.sources[e.source].title)


def test_sources_page_links_to_every_download(built_site, site_url):
    rel = "sources/index.html"
    soup = BeautifulSoup((built_site / rel).read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="get-the-data")
    assert heading is not None and heading.name == "h2"
    page = f"{site_url}/sources/"
    links = {}
    for a in heading.find_all_next("a", href=True):
        target = urllib.parse.urljoin(page, a["href"])
        path = urllib.parse.urlsplit(target).path.lstrip("/")
        if path.startswith("data/"):
            links[path] = target
    assert sorted(links) == sorted(DOWNLOADS)
    for path, url in links.items():
        with urllib.request.urlopen(url) as response:
            assert response.status == 200
            assert response.read() == (built_site / path).read_bytes(), path


def test_export_is_pure_and_deterministic():
    content = validate(load(FIXTURES / "minimal"))
    files = export(content)
    assert sorted(files) == sorted(DOWNLOADS)
    assert export(validate(load(FIXTURES / "minimal"))) == files


def test_csv_of_nothing_still_has_its_header():
    content = validate(load(FIXTURES / "minimal"))
    empty = dataclasses.replace(content, events={}, figures={}, positions=[])
    for name in ("figures", "positions", "events"):
        text = export(empty)[f"data/{name}.csv"]
        assert text.count("\n") == 1 and text.startswith(("id,", "actor,")), name
        assert text == export(content)[f"data/{name}.csv"].split("\n", 1)[0] + "\n"


def test_csv_quotes_what_needs_quoting():
    content = validate(load(FIXTURES / "minimal"))
    tricky = 'A "quoted", comma\nand a new line; with a semicolon'
    # Entries are frozen models: a changed copy.
    changed = {**content.events, "meeting": content.events["meeting"].model_copy(update={"summary": tricky})}
    rows = list(csv.DictReader(io.StringIO(export(dataclasses.replace(content, events=changed))["data/events.csv"], newline="")))
    assert next(r for r in rows if r["id"] == "meeting")["summary"] == tricky


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_text_that_a_spreadsheet_would_run_is_made_inert(text):
    content = validate(load(FIXTURES / "minimal"))
    changed = {**content.events, "meeting": content.events["meeting"].model_copy(update={"summary": text})}
    files = export(dataclasses.replace(content, events=changed))
    rows = list(csv.DictReader(io.StringIO(files["data/events.csv"], newline="")))
    assert next(r for r in rows if r["id"] == "meeting")["summary"] == "'" + text
    # The JSON is for programs and keeps the text exactly.
    assert text in [e["summary"] for e in json.loads(files["data/explainer.json"])["events"]]
