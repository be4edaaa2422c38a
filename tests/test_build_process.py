"""What a build leaves behind in the process that ran it: `mkdocs serve` builds again and again
in one process. The plugin keeps the objects alive during a build out of the cycle collector's
way (``gc.freeze``) and makes the collector pass less often; every build, good or failed, must
hand both back, or a preview would never collect what each rebuild left and would grow with
every save."""

from __future__ import annotations

import gc
import shutil
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import templating

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


def collector_as_before(threshold: tuple[int, int, int]) -> bool:
    return gc.get_freeze_count() == 0 and gc.get_threshold() == threshold


def test_good_and_failed_builds_leave_the_collector_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = make_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "climate", content)
    # Not Python's default, so that a build that put the default back would be seen too.
    before = (900, 11, 12)
    threshold = gc.get_threshold()
    gc.set_threshold(*before)
    try:
        check_builds(project, content, monkeypatch, before)
    finally:
        gc.set_threshold(*threshold)


def check_builds(project: Path, content: Path, monkeypatch: pytest.MonkeyPatch, before: tuple[int, int, int]) -> None:
    assert collector_as_before(before)

    build_in_process(project, content, monkeypatch)
    assert (project / "site" / "index.html").is_file()
    assert collector_as_before(before)

    # Content with an error: the build stops right after the generator.
    actors = content / "actors.yml"
    good = actors.read_text(encoding="utf-8")
    actors.write_text(good + "\n- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(project, content, monkeypatch)
    assert collector_as_before(before)
    actors.write_text(good, encoding="utf-8")

    # Good content, and builds that fail later: a strict build aborting on a warning, at its
    # very end...
    extra = project / "docs" / "extra.md"
    extra.write_text("[a link to nowhere](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_in_process(project, content, monkeypatch)
    assert collector_as_before(before)
    extra.unlink()

    # ...and a theme template that raises while the pages are written.
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ 1 // 0 }}"), encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        build_in_process(project, content, monkeypatch)
    assert collector_as_before(before)


class _Compiled(list):
    """The names of the templates Jinja compiled since the last ``clear()``; called, those of
    the theme's (its words, partials/language*.html, among them: Material's search reads them
    in environments of its own)."""

    def __call__(self) -> list[str]:
        return [name for name in self if name and name.endswith((".html", ".xml"))]


def spy_on_compiling(monkeypatch: pytest.MonkeyPatch) -> _Compiled:
    compiled = _Compiled()
    real = jinja2.Environment.compile

    def compiling(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compiling)
    return compiled


def test_the_themes_templates_are_compiled_once_a_process_and_again_once_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_machine: Path):
    """MkDocs makes the theme's environment anew for each build (each save of the preview, each
    language's site): its templates are compiled by the process's first build, and again only
    once edited."""
    project = make_project(tmp_path / "project")
    theme = spy_on_compiling(monkeypatch)
    build_in_process(project, FIXTURES / "minimal", monkeypatch)
    theme.clear()
    build_in_process(project, FIXTURES / "minimal", monkeypatch)
    assert theme() == []
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!-- edited -->"), encoding="utf-8")
    build_in_process(project, FIXTURES / "minimal", monkeypatch)
    assert theme() == ["main.html"]
    assert "<!-- edited -->" in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def new_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Nothing compiled in memory and Jinja's folder of compiled templates empty, in a folder of
    the test's own, as in a new process on a new machine: where Jinja makes that folder."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    templating._compiled.cache_clear()
    yield tmp_path / "tmp"
    templating._compiled.cache_clear()  # the next test finds the machine's folder again


def test_a_new_process_finds_the_templates_compiled_in_any_copy_of_the_project_unless_its_settings_differ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_machine: Path):
    """Every `mkdocs build` and `mkdocs serve` is a new process: the templates one compiles are
    kept on disk (in Jinja's folder of compiled templates, here a folder of the test's own) and
    the next finds them compiled. They are kept by their source, so that another copy of the
    project (each test's) finds its own templates (overrides/, Markdown templates) compiled too
    and adds none. An error in one then names the copy's own file. An environment whose
    settings are compiled in differently compiles its own."""
    first = make_project(tmp_path / "first")

    def kept() -> set[Path]:
        return set(new_machine.glob("_jinja2-cache-*/__jinja2_*.cache"))

    theme = spy_on_compiling(monkeypatch)
    build_in_process(first, FIXTURES / "minimal", monkeypatch)
    assert "main.html" in theme() and "partials/explainer-footer.html" in theme()
    assert len(kept()) >= len(set(theme())), kept()
    found = kept()

    # As a new process, in another copy of the project: nothing compiled, nothing added.
    second = make_project(tmp_path / "second")
    templating._compiled.cache_clear()
    theme.clear()
    build_in_process(second, FIXTURES / "minimal", monkeypatch)
    assert theme() == [] and kept() == found
    assert "Harbour" in (second / "site" / "index.html").read_text(encoding="utf-8")

    # A template raising in one copy, compiled there, then found compiled by the other,
    # whose error names its own file.
    main = second / "overrides" / "main.html"
    broken = main.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ 1 // 0 }}")
    for project in (first, second):
        (project / "overrides" / "main.html").write_text(broken, encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        build_in_process(first, FIXTURES / "minimal", monkeypatch)
    templating._compiled.cache_clear()
    theme.clear()
    with pytest.raises(ZeroDivisionError) as raised:
        build_in_process(second, FIXTURES / "minimal", monkeypatch)
    assert theme() == []
    files = [frame.filename for frame in traceback.extract_tb(raised.value.__traceback__)]
    assert str(main) in files, files
    assert not [name for name in files if name.startswith(str(first))], files

    # One of the theme's templates, compiled by one process and found by the next; not by
    # an environment that compiles whitespace otherwise.
    def load(**settings) -> None:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(templating.theme_templates())]), **settings)
        templating.keep_compiled(env)
        env.get_template("partials/palette.html")

    load()
    templating._compiled.cache_clear()
    theme.clear()
    load()
    assert theme() == []
    load(trim_blocks=True)
    assert theme() == ["partials/palette.html"]
