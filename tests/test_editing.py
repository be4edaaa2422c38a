"""The editor's workflow: schemas that match the model, the generated guide, warnings, change log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator import load, validate
from generator.guide import render_guide
from generator.model import FILES
from generator.schema import SCHEMA_DIR, schema_name, schemas

from .conftest import CONTENT, FIXTURES, make_project, mkdocs, run_cli


def test_committed_schemas_match_the_model():
    # Fails when the model changes without `python -m generator schema` being run.
    generated = schemas()
    committed = {p.name: json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == generated


def test_committed_guide_matches_the_model():
    # Fails when the model changes without `python -m generator guide` being run.
    assert (CONTENT / "README.md").read_text() == render_guide()


@pytest.mark.parametrize("name", FILES)
def test_every_content_file_names_its_schema_first(name):
    first_line = (CONTENT / name).read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../generator/schema/{schema_name(name)}"
    assert (CONTENT / name).parent.joinpath(first_line.split("=", 1)[1]).resolve().is_file()


@pytest.mark.parametrize("name", FILES)
def test_schema_accepts_the_real_content(name):
    documents = load(CONTENT)
    jsonschema.validate(documents[name].data, schemas()[schema_name(name)])


BROKEN = [
    ("actors.yml", lambda d: d[0].update(kind="empire")),
    ("actors.yml", lambda d: d[0].update(nmae="typo")),
    ("actors.yml", lambda d: d[0].pop("name")),
    ("actors.yml", lambda d: d[0].update(id="Russia")),
    ("actors.yml", lambda d: d[0].update(aliases="Moscow")),
    ("figures.yml", lambda d: d[0].update(value="12,000")),
    ("figures.yml", lambda d: d[0].update(key="yes")),
    ("events.yml", lambda d: d[0].update(date="2 June 2025")),
    ("positions.yml", lambda d: d[0].update(stance="suports")),
    ("sources.yml", lambda d: d[0].update(url="javascript:alert(1)")),
    ("explainer.yml", lambda d: d.update(title=42)),
]


@pytest.mark.parametrize(("name", "breakage"), BROKEN)
def test_schema_and_check_reject_the_same_mistakes(tmp_path, name, breakage):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    data = load(content)[name].data
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schemas()[schema_name(name)])
    (content / name).write_text(json.dumps(data))  # JSON is YAML: the same data, for check
    result = run_cli("--content", str(content), "check")
    assert result.returncode == 1
    assert f"{name}:" in result.stderr and ": error: " in result.stderr


def _minimal_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    return content


def test_loose_ends_are_warnings_with_a_summary(tmp_path):
    content = _minimal_copy(tmp_path)
    with (content / "actors.yml").open("a") as f:
        f.write("- id: hermit\n  name: Hermit\n  kind: person\n  role: Nobody\n  description: Unconnected.\n  source: gazette\n")
    with (content / "sources.yml").open("a") as f:
        f.write("- id: unused\n  publisher: Nobody\n  title: Never cited\n  date: 2025\n")
    with (content / "issues.yml").open("a") as f:
        f.write("- id: lonely\n  title: Lonely\n  question: Who cares?\n  description: Nobody.\n  source: gazette\n")

    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/actors.yml:23:7: warning: actor 'hermit' is not connected to anything (expected a position, "
        "figure, event or membership that names it, or a membership of its own)",
        "content/issues.yml:6:7: warning: issue 'lonely' has 0 positions (expected at least 2, so readers see "
        "more than one side; use stance 'not-stated' where the source gives none)",
        "content/sources.yml:7:7: warning: source 'unused' is not cited by anything (expected it cited, or removed)",
        "3 warnings in 3 files",
    ]
    assert run_cli("check", "--strict", cwd=tmp_path).returncode == 1

    project = make_project(tmp_path / "project")
    build = mkdocs(project, "build", "--strict", content=content)
    assert build.returncode == 1
    assert "warning: actor 'hermit' is not connected" in build.stderr


def test_errors_and_warnings_are_counted_together(tmp_path):
    content = _minimal_copy(tmp_path)
    positions = content / "positions.yml"
    positions.write_text(positions.read_text().replace("actor: south", "actor: sooth"))
    with (content / "sources.yml").open("a") as f:
        f.write("- id: unused\n  publisher: Nobody\n  title: Never cited\n  date: 2025\n")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "1 error, 1 warning in 2 files"


def test_every_page_says_when_it_was_updated_and_corrections_are_marked(tmp_path):
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=FIXTURES / "minimal")
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        article = BeautifulSoup(page.read_text(), "html.parser").find("article")
        assert "Last updated 5 March 2025" in article.get_text(" "), page

    home = BeautifulSoup((project / "site/index.html").read_text(), "html.parser")
    changes = home.find(id="what-changed").find_next("ul").find_all("li")
    assert [" ".join(li.get_text(" ").split()) for li in changes] == [
        "5 March 2025: Correction: Corrected the number of boats.",
        "4 March 2025: First published.",
    ]


def test_every_field_is_described():
    # The guide lists these descriptions, and "missing field" messages say what was expected with them.
    from generator import model

    classes = [*FILES.values(), model.Note, model.Change, model.Membership]
    undescribed = [f"{cls.__name__}.{name}" for cls in classes for name, info in cls.model_fields.items() if not info.description]
    assert undescribed == []
