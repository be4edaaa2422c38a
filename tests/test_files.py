"""The content files' registry (generator/files.py), and the README's "How to add a field":
a field added to the model reaches the schemas, the guide and the downloads by itself."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator import files, urls, validate
from generator.export import TABLES, columns, export
from generator.guide import EXAMPLES
from generator.load import parse

from .conftest import FIXTURES, ROOT, run_cli

# The README's steps, followed in a copy of the generator: the field in the model, and the
# template that shows it. Nothing else is edited.
EVENT_SUMMARY = '    summary: Text = Field(description="What happened, in one to three sentences.")\n'
PLACE = '    place: Text | None = Field(None, description="Where it happened, e.g. `Portown`.")\n'
EVENT_TEXT = "{{ e.summary }} {{ m.cite(e.source) }}"
EVENT_TEXT_WITH_PLACE = "{{ e.summary }}{% if e.place %} In {{ e.place }}.{% endif %} {{ m.cite(e.source) }}"


def _with_a_new_field(where: Path) -> Path:
    """A copy of the generator whose events have an optional ``place``, and the minimal desk
    with a place for its first event; the folder to run them from."""
    shutil.copytree(ROOT / "generator", where / "generator", ignore=shutil.ignore_patterns("__pycache__", "schema"))
    shutil.copytree(ROOT / "overrides", where / "overrides")
    model = where / "generator" / "model.py"
    text = model.read_text(encoding="utf-8")
    event = text.index("class Event(Entry):")
    assert text.count(EVENT_SUMMARY, event) == 1
    model.write_text(text[:event] + text[event:].replace(EVENT_SUMMARY, EVENT_SUMMARY + PLACE, 1), encoding="utf-8")
    template = where / "generator" / "templates" / "_event.md.j2"
    text = template.read_text(encoding="utf-8")
    assert text.count(EVENT_TEXT) == 1
    template.write_text(text.replace(EVENT_TEXT, EVENT_TEXT_WITH_PLACE), encoding="utf-8")
    shutil.copytree(FIXTURES / "minimal", where / "content")
    events = where / "content" / "events.yml"
    events.write_text(events.read_text().replace("  summary: The towns met.\n", "  summary: The towns met.\n  place: Portown\n", 1))
    return where


def test_a_field_added_to_the_model_reaches_schemas_guide_and_downloads(tmp_path):
    project = _with_a_new_field(tmp_path)
    # The desk uses a field today's generator does not have: the check below is not empty.
    today = run_cli("--content", str(project / "content"), "check")
    assert today.returncode == 1 and "unknown field 'place'" in today.stderr

    # The changed copy of the generator runs in a process of its own: this one has imported its own.
    new = {**os.environ, "PYTHONPATH": str(project)}
    for command in (["render", "out"], ["schema", "schema"], ["guide"]):
        result = subprocess.run([sys.executable, "-m", "generator", "--content", "content", *command],
                                cwd=project, env=new, capture_output=True, text=True, timeout=300)
        assert (result.returncode, result.stderr) == (0, ""), command

    # The page shows it, through the template.
    slug = "harbour-talks"
    timeline = (project / "out" / f"{slug}/timeline.md").read_text(encoding="utf-8")
    assert "The towns met. In Portown." in timeline
    # The schema editors' tools read has it, with its description.
    schema = json.loads((project / "schema" / "events.schema.json").read_text(encoding="utf-8"))
    place = schema["$defs"]["Event"]["properties"]["place"]
    assert place["description"] == "Where it happened, e.g. `Portown`."
    assert "place" not in schema["$defs"]["Event"].get("required", [])
    # The guide lists it among the events' fields.
    guide = (project / "content" / "README.md").read_text(encoding="utf-8")
    assert "| `place` | no | text | Where it happened, e.g. `Portown`. |" in guide
    # The downloads carry it: the JSON and a column of the CSV files, the explainer's and the desk's.
    data = json.loads((project / "out" / urls.download("explainer-data", slug=slug, name="explainer.json")).read_text())
    assert [e.get("place") for e in data["events"]] == ["Portown", None]
    for path in (urls.download("explainer-data", slug=slug, name="events.csv"), urls.download("desk-data", name="events.csv")):
        rows = list(csv.DictReader(io.StringIO((project / "out" / path).read_text(encoding="utf-8"), newline="")))
        assert {row["id"]: row["place"] for row in rows} == {"meeting": "Portown", "founding": ""}, path


def test_every_file_is_declared_once_with_what_the_tools_need():
    names = [f.name for f in files.FILES]
    assert len(set(names)) == len(names)
    assert len({f.schema for f in files.FILES}) == len(names)
    assert len({f.model for f in files.FILES}) == len(names)
    # `new` writes each of an explainer's files with a header saying what it holds.
    assert all(f.header for f in files.EXPLAINER_FILES)
    # Each file an explainer cannot do without is one `new` writes.
    assert files.STORY.required and files.STORY in files.EXPLAINER_FILES


def test_each_csv_download_has_a_column_for_every_field_of_its_model():
    for file in TABLES:
        assert set(file.model.model_fields) <= set(columns(file)), file.name


def test_a_reference_in_a_download_has_what_readers_know_it_by_beside_it():
    # The guide's example desk: a number replaced by another, claimed by actors, on an issue.
    content = validate({path: parse(text, f"content/{path}") for path, text in EXAMPLES.items()})
    text = export(content)[urls.download("desk-data", name="figures.csv")]
    row = next(r for r in csv.DictReader(io.StringIO(text, newline="")) if r["id"] == "first-fund-offer")
    assert (row["replaced_by"], row["replaced_by_label"]) == ("repair-fund", "Harbour repair fund")
    assert (row["claimed_by"], row["claimed_by_names"]) == ("north", "North")
    assert (row["source"], row["source_title"]) == ("gazette", "Report on the first harbour talks")
