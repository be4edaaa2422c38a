"""A failed build leaves the previous site/ exactly as it was, and no half-built folder behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import urls

from .conftest import FIXTURES, make_project, mkdocs


def _snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _break_with_a_warning(content: Path) -> None:
    with (content / "sources.yml").open("a") as f:
        f.write("- id: unused\n  publisher: Nobody\n  title: Never cited\n  date: 2025\n")


def _break_with_an_error(content: Path) -> None:
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("kind: state", "kind: empire", 1))


def _break_a_template(project: Path) -> None:
    (project / "templates").mkdir()
    # The template of every explainer's timeline page, replaced by the builder's broken one.
    (project / "templates" / "explainer-timeline.md.j2").write_text("# Timeline\n\n{{ no_such_variable }}\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "content: !ENV [EXPLAINER_CONTENT, content]", "content: !ENV [EXPLAINER_CONTENT, content]\n      templates: templates"
    ))


@pytest.mark.parametrize("breakage", ["warning in strict mode", "content error", "template error"])
def test_failed_build_keeps_the_last_good_site(tmp_path, breakage):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    before = _snapshot(project / "site")
    assert "index.html" in before

    if breakage == "warning in strict mode":
        _break_with_a_warning(content)
    elif breakage == "content error":
        _break_with_an_error(content)
    else:
        _break_a_template(project)
    result = mkdocs(project, "build", "--strict", content=content)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["docs", "mkdocs.yml", "overrides", "site"] + (
        ["templates"] if breakage == "template error" else []
    )


def test_a_good_build_replaces_the_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("name: North", "name: Northland"))
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    north = urls.url(urls.path("actor", id="north")) + "index.html"
    assert "Northland" in (project / "site" / north).read_text()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]
