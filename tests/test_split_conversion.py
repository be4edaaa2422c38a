"""A build that reuses nothing converts its pages on two cores (generator/split_conversion.py):
the site and what the build logs are those of a build on one core (``EXPLAINER_JOBS=1``),
whatever the second process does."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from generator import split_conversion
from generator.build_cache import COLD
from generator.split_conversion import JOBS

from .conftest import CONTENT, make_project, mkdocs

SPLIT = re.compile(r"Pages converted by a second process, on another core: (\d+) of (\d+)")
# MkDocs' warnings and errors, as it prints them, in order.
SAID = re.compile(r"^(?:WARNING|ERROR) .*$", re.MULTILINE)


def _tree(site: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(site)): (stat.S_IMODE(p.stat().st_mode), p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def _project(where: Path) -> Path:
    """A project of the shipped desk, with hand-made pages beside it whose links lead nowhere:
    MkDocs warns of each as it converts it, in both processes' shares."""
    project = make_project(where)
    for n in range(6):
        (project / "docs" / f"note-{n}.md").write_text(f"# Note {n}\n\nSee [the missing page](missing-{n}.md).\n", encoding="utf-8")
    return project


def _build(project: Path, **env: str) -> tuple[dict, str]:
    """A cold build that logs and goes on (not --strict: the notes' warnings): its site and log."""
    result = mkdocs(project, "build", env={COLD: "1", **env})
    assert result.returncode == 0, result.stderr[-3000:]
    return _tree(project / "site"), result.stderr


@pytest.fixture(scope="module")
def one_core(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    return _build(_project(tmp_path_factory.mktemp("one-core")), **{JOBS: "1"})


def test_a_build_on_two_cores_is_the_build_on_one_byte_for_byte_and_says_the_same(tmp_path: Path, one_core):
    site, log = _build(_project(tmp_path))
    one_site, one_log = one_core
    split = SPLIT.search(log)
    assert split and int(split[1]) == int(split[2]) // 2 > 0, log[-3000:]
    assert not SPLIT.search(one_log)
    assert site == one_site
    said = SAID.findall(log)
    assert said == SAID.findall(one_log)
    # Every note's warning (once in each language's site), whichever process converted it.
    assert sorted(n for n in range(6) for line in said if f"'missing-{n}.md'" in line) == sorted([*range(6)] * 2), said


def test_pages_the_second_process_cannot_convert_are_converted_by_the_build(tmp_path: Path, one_core, monkeypatch):
    # The second process fails at its third page (the build, which forks it, never calls this).
    handed = []

    def failing(page):
        handed.append(page)
        if len(handed) == 3:
            raise RuntimeError("the second process fails")
        return converted(page)

    converted = split_conversion.engine.converted
    monkeypatch.setattr(split_conversion.engine, "converted", failing)
    site, log = _build(_project(tmp_path))
    split = SPLIT.search(log)
    assert split and int(split[1]) == 2, log[-3000:]  # the two it converted before it failed
    assert site == one_core[0]
    assert SAID.findall(log) == SAID.findall(one_core[1])
    assert "second process fails" not in log


def test_a_page_that_cannot_be_read_fails_the_build_as_on_one_core(tmp_path: Path):
    # A hand-made page that is not UTF-8, in the second process's share: MkDocs cannot read it,
    # there or here. The build converts it again itself, and fails as on one core, saying so once.
    project = _project(tmp_path / "project")
    (project / "docs" / "note-3.md").write_bytes(b"# Note 3\n\nCaf\xe9\n")
    said = {}
    for jobs in ("1", "2"):
        result = mkdocs(project, "build", env={COLD: "1", JOBS: jobs})
        said[jobs] = (result.returncode, SAID.findall(result.stderr))
    assert said["1"] == said["2"]
    assert said["2"][0] == 1 and [line for line in said["2"][1] if "note-3.md" in line], said
