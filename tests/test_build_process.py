"""What a build leaves behind in the process that ran it: `mkdocs serve` builds again and again
in one process. The plugin keeps the objects alive during a build out of the cycle collector's
way (``gc.freeze``); every build, good or failed, must hand them back, or a preview would never
collect what each rebuild left and would grow with every save."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from .conftest import FIXTURES, make_project


def build_in_process(project: Path, content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_CONTENT", str(content))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_good_and_failed_builds_leave_nothing_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = make_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "climate", content)
    assert gc.get_freeze_count() == 0

    build_in_process(project, content, monkeypatch)
    assert (project / "site" / "index.html").is_file()
    assert gc.get_freeze_count() == 0

    # Content with an error: the build stops right after the generator.
    actors = content / "actors.yml"
    good = actors.read_text(encoding="utf-8")
    actors.write_text(good + "\n- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(project, content, monkeypatch)
    assert gc.get_freeze_count() == 0
    actors.write_text(good, encoding="utf-8")

    # Good content, and builds that fail later: a strict build aborting on a warning, at its
    # very end...
    extra = project / "docs" / "extra.md"
    extra.write_text("[a link to nowhere](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(project, content, monkeypatch)
    assert gc.get_freeze_count() == 0
    extra.unlink()

    # ...and a theme template that raises while the pages are written.
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ 1 // 0 }}"), encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        build_in_process(project, content, monkeypatch)
    assert gc.get_freeze_count() == 0
