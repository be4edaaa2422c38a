"""The benchmarks' synthetic explainers are real content: `check` passes and the site builds.

Only correctness is tested here; `make bench` measures times and reports, it never fails a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from bench import synth

from .conftest import ROOT, make_project, mkdocs, run_cli


def _synth(actors: int, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench.synth", "--actors", str(actors), str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_synthetic_explainer_passes_check_and_builds(tmp_path: Path):
    content = tmp_path / "content"
    made = _synth(20, content)
    assert made.returncode == 0, made.stderr

    check = run_cli("--content", str(content), "check")
    assert check.returncode == 0, check.stderr
    assert check.stderr == "", f"expected no warnings:\n{check.stderr}"
    assert "no problems found" in check.stdout

    project = make_project(tmp_path / "project")
    build = mkdocs(project, "build", "--strict", content=content)
    assert build.returncode == 0, build.stderr
    site = project / "site"
    actors = yaml.safe_load((content / "actors.yml").read_text(encoding="utf-8"))
    issues = yaml.safe_load((content / "issues.yml").read_text(encoding="utf-8"))
    assert len(actors) == 20
    for actor in actors:
        assert (site / "actors" / actor["id"] / "index.html").is_file()
    for issue in issues:
        assert (site / "issues" / issue["id"] / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()


def test_synthetic_explainers_are_deterministic_and_in_proportion(tmp_path: Path):
    assert synth.synthesize(100) == synth.synthesize(100)
    assert synth.synthesize(100) != synth.synthesize(100, seed=2)
    counts = synth.write(tmp_path / "content", 100)
    assert counts == {
        "explainer": 1, "sources": 3, "actors": 100, "issues": 10, "positions": 60, "figures": 30, "events": 40,
    }
    first = {p.name: p.read_bytes() for p in (tmp_path / "content").iterdir()}
    synth.write(tmp_path / "again", 100)
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "again").iterdir()}


def test_too_few_actors_is_a_usage_error(tmp_path: Path):
    made = _synth(3, tmp_path / "content")
    assert made.returncode == 2
    assert "at least" in made.stderr
