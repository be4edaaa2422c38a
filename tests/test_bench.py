"""The benchmarks' synthetic desks are real content: `check --strict` passes and the site builds.

Only correctness is tested here; `make bench` measures times and reports, it never fails a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from bench import synth
from bench.run import count_entries
from generator import load, urls, validate
from generator.model import EXPLAINERS_FOLDER

from .conftest import ROOT, make_project, mkdocs, run_cli


def _synth(actors: int, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench.synth", "--actors", str(actors), str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_explainer_passes_check_and_builds(tmp_path: Path):
    content = tmp_path / "content"
    made = _synth(20, content)
    assert made.returncode == 0, made.stderr

    # A desk of one explainer in the desk's layout: the registry at the top, the explainer in
    # explainers/<slug>/.
    slug = synth.slug_for(20)
    assert sorted(_files(content)) == sorted(
        ["desk.yml", "actors.yml", "issues.yml", "sources.yml"]
        + [f"{EXPLAINERS_FOLDER}/{slug}/{name}" for name in ("explainer.yml", "positions.yml", "figures.yml", "events.yml")]
    )

    check = run_cli("--content", str(content), "check", "--strict")
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
        assert (site / html_file(urls.path("actor", id=actor["id"]))).is_file()
    for issue in issues:
        assert (site / html_file(urls.path("issue", id=issue["id"]))).is_file()
    for kind, pattern in urls.PAGES.items():
        if "{slug}" in pattern:
            assert (site / html_file(urls.path(kind, slug=slug))).is_file(), kind
        elif "{" not in pattern:
            assert (site / html_file(urls.path(kind))).is_file(), kind
    assert (site / "search" / "search_index.json").is_file()


def html_file(page: str) -> str:
    """The HTML file a page file is built as: ``x.md`` and ``x/index.md`` → ``x/index.html``."""
    return urls.url(page) + "index.html"


def test_synthetic_desk_uses_what_the_desk_offers(tmp_path: Path):
    """Like the shipped desk, the synthetic one has who's-who entries with ties of the story,
    positions that changed over time, and claims with more than one source."""
    synth.write(tmp_path / "content", 100)
    content = validate(load(tmp_path / "content"))
    assert not content.warnings
    (x,) = content.explainers.values()
    assert x.slug == synth.slug_for(100) and x.story.summary
    assert len(x.story.actors) > len(content.actors) / 2
    assert any(cast.memberships for cast in x.story.actors)
    pairs = [(p.actor, p.issue) for p in x.positions]
    changed = {pair for pair in pairs if pairs.count(pair) > 1}
    assert changed, "no side's stance changed over time"
    for actor, issue in changed:
        stances = [p.stance for p in x.positions if (p.actor, p.issue) == (actor, issue)]
        assert len(set(stances)) == len(stances), (actor, issue, stances)
    claims = [*content.actors.values(), *content.issues.values(), *x.positions, *x.figures.values(), *x.events.values()]
    assert any(len(claim.source) > 1 for claim in claims)


def test_synthetic_explainers_are_deterministic_and_in_proportion(tmp_path: Path):
    assert synth.synthesize(100) == synth.synthesize(100)
    assert synth.synthesize(100) != synth.synthesize(100, seed=2)
    expected = {"explainers": 1, "sources": 3, "actors": 100, "issues": 10, "positions": 60, "figures": 30, "events": 40}
    counts = synth.write(tmp_path / "content", 100)
    assert counts == expected
    # The benchmark's report counts the same entries from the files.
    assert count_entries(tmp_path / "content") == expected
    first = _files(tmp_path / "content")
    synth.write(tmp_path / "again", 100)
    assert first == _files(tmp_path / "again")


def test_the_report_counts_the_shipped_desk():
    counts = count_entries(ROOT / "content")
    content = validate(load(ROOT / "content"))
    assert counts == {
        "explainers": len(content.explainers),
        "actors": len(content.actors),
        "issues": len(content.issues),
        "positions": sum(len(x.positions) for x in content.explainers.values()),
        "figures": sum(len(x.figures) for x in content.explainers.values()),
        "events": sum(len(x.events) for x in content.explainers.values()),
        "sources": len(content.sources),
    }


def test_too_few_actors_is_a_usage_error(tmp_path: Path):
    made = _synth(3, tmp_path / "content")
    assert made.returncode == 2
    assert "at least" in made.stderr
