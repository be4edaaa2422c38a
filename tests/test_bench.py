"""The benchmarks' synthetic desks are real content: `check --strict` passes and the site builds.

Only correctness is tested here; `make bench` measures times and reports, it never fails a test.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
import sys
from pathlib import Path

import pytest
import yaml

from bench import synth
from bench.run import DESK_SIZES, count_entries
from generator import load, urls, validate
from generator.model import EXPLAINERS_FOLDER

from .conftest import ROOT, html_file, make_project, mkdocs, run_cli


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


# -- a desk of typical explainers (--explainers) ------------------------------------------------


def _desk(explainers: int, out: Path, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench.synth", "--explainers", str(explainers), *more, str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_synthetic_desk_passes_check_strict_with_explainers_of_typical_size(tmp_path: Path):
    made = _desk(6, tmp_path / "content")
    assert made.returncode == 0, made.stderr
    check = run_cli("--content", str(tmp_path / "content"), "check", "--strict")
    assert check.returncode == 0, check.stderr
    assert check.stderr == "", f"expected no warnings:\n{check.stderr}"

    content = validate(load(tmp_path / "content"))
    assert list(content.explainers) == [synth.desk_slug(k) for k in reversed(range(6))]  # newest first
    for x in content.explainers.values():
        named = set(x.story.parties) | {c.actor for c in x.story.actors}
        named |= {p.actor for p in x.positions} | {e for ev in x.events.values() for e in ev.actors}
        assert len(named) == synth.DESK_ACTORS
        assert len({p.issue for p in x.positions}) == synth.DESK_ISSUES
        assert len(x.positions) == synth.DESK_POSITIONS
        assert len(x.figures) == synth.DESK_FIGURES
        assert len(x.events) == synth.DESK_EVENTS
        assert x.story.summary


def test_the_largest_desk_make_bench_builds_passes_check(tmp_path: Path):
    """The desk of DESK_SIZES' most explainers, which `make bench` builds with --strict: its
    explainers, drawn one after another from one registry, never give one actor two stances on
    one issue on one day (which `check` refuses across the desk)."""
    synth.write(tmp_path / "content", explainers=max(DESK_SIZES))
    content = validate(load(tmp_path / "content"))
    assert len(content.explainers) == max(DESK_SIZES)
    assert not content.warnings


def test_synthetic_desk_actors_and_issues_recur_across_explainers(tmp_path: Path):
    synth.write(tmp_path / "content", explainers=8)
    content = validate(load(tmp_path / "content"))
    in_explainers: dict[str, set[str]] = defaultdict(set)
    on_issues: dict[str, set[str]] = defaultdict(set)
    for slug, x in content.explainers.items():
        for actor in {*x.story.parties, *(c.actor for c in x.story.actors), *(p.actor for p in x.positions)}:
            in_explainers[actor].add(slug)
        for p in x.positions:
            on_issues[p.issue].add(slug)
    parties = {a for x in content.explainers.values() for a in x.story.parties}
    # The same two parties in every explainer, as on a desk that follows one conflict…
    assert len(parties) == 2 and all(in_explainers[a] == set(content.explainers) for a in parties)
    # …other actors and issues that come back in several explainers, and some that appear once.
    recurring = [a for a in in_explainers if a not in parties and len(in_explainers[a]) > 1]
    assert len(recurring) >= 5
    assert any(len(found) == 1 for found in in_explainers.values())
    assert sum(len(found) > 1 for found in on_issues.values()) >= 3
    # One actor's stance on one issue, reported in several explainers at different dates: a history.
    dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x in content.explainers.values():
        for p in x.positions:
            dates[(p.actor, p.issue)].add(p.date)
    assert max(len(d) for d in dates.values()) >= 3
    # The registry holds what the explainers use (and whom they belong to), nothing else.
    assert not content.warnings


def test_synthetic_desk_is_seeded_and_each_explainer_is_the_same_in_a_larger_desk(tmp_path: Path):
    assert _desk(3, tmp_path / "a").returncode == 0
    assert _desk(3, tmp_path / "b").returncode == 0
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _desk(3, tmp_path / "other", "--seed", "2").returncode == 0
    assert _files(tmp_path / "other") != _files(tmp_path / "a")
    # A desk of 5 is the desk of 3 and two more explainers: desks of every size share their first explainers.
    assert _desk(5, tmp_path / "five").returncode == 0
    small, large = _files(tmp_path / "a"), _files(tmp_path / "five")
    for name, data in small.items():
        if name.startswith(f"{EXPLAINERS_FOLDER}/"):
            assert large[name] == data, name
    assert synth.synthesize_desk(3) == synth.synthesize_desk(3)


def test_synthetic_desk_needs_a_size(tmp_path: Path):
    made = subprocess.run([sys.executable, "-m", "bench.synth", str(tmp_path / "c")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert made.returncode == 2 and "--explainers" in made.stderr
    both = _desk(2, tmp_path / "c", "--actors", "20")
    assert both.returncode == 2 and "not allowed with" in both.stderr
    assert _desk(0, tmp_path / "c").returncode == 2


# -- the report's targets (bench/run.py) -------------------------------------------------------


def _measured(explainers: int, wall: float, largest: int, preview: float | None, title: float | None = None) -> dict:
    build = {"wall": wall, "cpu": wall, "peak_rss": 50_000_000, "others": 0.0}
    title = preview if title is None else title
    return {
        "explainers": explainers,
        "counts": {"actors": 15, "issues": 10, "positions": 30, "figures": 12, "events": 8},
        "build": {"builds": [build], "site_bytes": 1000 * explainers, "html_bytes": 1000 * explainers, "html_pages": 10,
                  "largest": [("actors/x/index.html", largest)], "home": 1000},
        "preview": {"median": preview, "min": preview, "max": preview, "rebuild_median": preview,
                    "generate_median": None, "first_build": 1.0, "timeouts": 0},
        "title_preview": {"median": title, "min": title, "max": title, "rebuild_median": title,
                          "generate_median": None, "first_build": 1.0, "timeouts": 0},
    }


def _targets(sizes: list[dict], project: float, plain: float, correction: float = 1.0, identical: bool = True,
             two_cores: float = 0.7) -> dict[str, bool]:
    from bench.run import _desk_report

    # The project on one core takes ``project``; on two, ``two_cores`` of that wall time, for a little more CPU.
    floor = {"explainers": 40, "project": [{"wall": project * two_cores, "cpu": project * 1.05, "peak_rss": 1}],
             "one_core": [{"wall": project, "cpu": project, "peak_rss": 1}],
             "plain": [{"wall": plain, "cpu": plain, "peak_rss": 1}], "html_pages": (10, 10)}
    fix = {"explainers": 40, "cold": [{"wall": project, "cpu": project, "peak_rss": 1}],
           "incremental": [{"wall": correction, "cpu": correction, "peak_rss": 1}], "files": 10,
           "identical": identical, "differing": [] if identical else ["index.html"]}
    targets: list[dict] = []
    text = "\n".join(_desk_report({"sizes": sizes, "floor": floor, "correction": fix}, targets))
    assert "## Desks of several explainers" in text and "| the project on one core |" in text
    assert ("the incremental build's, byte for byte" in text) == identical
    return {t["target"].split(":")[0]: t["met"] for t in targets}


PREVIEWS = ("preview independent of desk size, a standfirst edit", "preview independent of desk size, a title edit")
CORRECTION = "a one-explainer correction on a desk of 40 ≤ 0.15 × a cold build, and identical to it"
TWO_CORES = "a cold build on two cores / on one"


def test_the_desk_targets_follow_the_measurements():
    met = _targets([_measured(1, 1.0, 50_000, 1.0), _measured(5, 2.0, 60_000, 1.2), _measured(40, 16.0, 62_000, 1.4)], 11.0, 10.0,
                   correction=1.6)
    assert met == {"desk builds linear": True, "no page grows with the desk": True, **dict.fromkeys(PREVIEWS, True),
                   CORRECTION: True, "near the floor": True, TWO_CORES: True}
    # Slower than linear, a page that grows, a preview that slows down, far from the floor, a
    # correction that costs too much or differs from a cold build, two cores that gain too little.
    met = _targets([_measured(1, 1.0, 50_000, 1.0), _measured(5, 2.0, 60_000, 1.2), _measured(40, 18.0, 90_000, 1.6)], 12.0, 10.0,
                   correction=1.9, two_cores=0.9)
    assert met == {"desk builds linear": False, "no page grows with the desk": False, **dict.fromkeys(PREVIEWS, False),
                   CORRECTION: False, "near the floor": False, TWO_CORES: False}
    # Only the title edit slows down; a fast correction that is not the cold build's site.
    met = _targets([_measured(1, 1.0, 50_000, 1.0), _measured(5, 2.0, 60_000, 1.2), _measured(40, 16.0, 62_000, 1.4, 1.6)], 11.0,
                   10.0, correction=0.5, identical=False)
    assert (met[PREVIEWS[0]], met[PREVIEWS[1]], met[CORRECTION]) == (True, False, False)


def test_lighthouse_is_reported_as_not_run_with_the_reason_when_it_cannot_run():
    from bench.run import report

    raw_text, _ = report(
        facts={}, when="now", load_avg=(0.0, 0.0),
        first={"stages": {"pages": 1, "markdown_bytes": 1, "cold": {}, "warm": {}, "import": 0.1}, "repeat": 1,
               "counts": {"explainers": 1},
               "builds": [{"wall": 1.0, "cpu": 1.0, "generate": 0.01, "import": 0.01, "mkdocs_reported": 0.5,
                           "peak_rss": 1, "others": 0.0}],
               "site": {"site_bytes": 1, "theme_bytes": 1, "search_bytes": 1}},
        synthetic=[], live={"edits": 0, "median": None, "min": None, "max": None, "times": [], "rebuild_median": None,
                            "timeouts": 0, "background": None},
        elapsed=1.0, desk=None, performance={"missing": "no runner here"},
    )
    assert "Not measured: no runner here." in raw_text


LANGUAGES = "each language costs at most about one more site's build"


def test_the_languages_target_follows_the_measurements():
    from bench.run import _desk_report

    def met(one: float, two: float) -> bool:
        floor = {"explainers": 40, "project": [{"wall": 1, "cpu": 1, "peak_rss": 1}], "plain": [{"wall": 1, "cpu": 1, "peak_rss": 1}],
                 "html_pages": (10, 10)}
        runs = {"explainers": 40, "one": [{"wall": one, "cpu": one, "peak_rss": 1}], "two": [{"wall": two, "cpu": two, "peak_rss": 1}],
                "html_pages": [10, 20]}
        targets: list[dict] = []
        text = "\n".join(_desk_report({"sizes": [], "floor": floor, "languages": runs}, targets))
        assert "| two languages |" in text
        return {t["target"].split(":")[0]: t["met"] for t in targets}[LANGUAGES]

    assert met(10.0, 19.0) and not met(10.0, 23.0)


def test_the_languages_bench_builds_the_desk_in_one_language_and_in_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from bench import desks, machine

    monkeypatch.setattr(machine, "QUIET_WAIT", 0.0)  # the suite's other workers never leave the machine quiet

    content = desks.desk(1, tmp_path)
    measured = desks.languages(content, tmp_path, runs=1)
    assert len(measured["one"]) == len(measured["two"]) == 1 and all(run["cpu"] > 0 for run in measured["two"])
    one, two = measured["html_pages"]
    assert one > 10 and two == 2 * one  # every page in each language
    assert not (tmp_path / "languages-content").exists() and not (tmp_path / "project-languages").exists()


def test_the_floor_bench_builds_the_generators_pages_with_plain_mkdocs_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`make bench` sets the project's build beside plain MkDocs + Material building the same
    Markdown (``desks.floor``), both with --strict: the plain build must pass too."""
    from bench import desks, machine

    monkeypatch.setattr(machine, "QUIET_WAIT", 0.0)  # the suite's other workers never leave the machine quiet

    measured = desks.floor(desks.desk(1, tmp_path), tmp_path, runs=1)
    assert all(len(measured[build]) == 1 for build in ("project", "one_core", "plain"))
    project, plain = measured["html_pages"]
    assert plain == project > 10  # every page, in both


def test_the_preview_bench_serves_the_desks_side_by_side_and_they_take_turns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from bench import desks, machine

    monkeypatch.setattr(machine, "QUIET_WAIT", 0.0)  # the suite's other workers never leave the machine quiet
    contents = {n: desks.desk(n, tmp_path) for n in (1, 2)}
    measured = desks.previews(contents, edits=2, field="title")
    assert list(measured) == [1, 2]
    for n, result in measured.items():
        assert result["edits"] == 2 and result["timeouts"] == 0, (n, result)
        assert all(t is not None and t > 0 for t in result["times"]) and len(result["rebuilds"]) == 2, (n, result)
        # The server noted when its watcher looked at the content, so each save is known to have
        # waited for its next look (a chosen time, bench.reload._until_before_look).
        assert all(w is not None and 0 < w <= 1.0 for w in result["watcher_waits"]), (n, result["watcher_waits"])
    # One edit of each desk in turn: the first desk's first, the second's first, the first's second…
    saved = sorted((when, n) for n, result in measured.items() for when in result["saved"])
    assert [n for _, n in saved] == [1, 2, 1, 2]


# -- the suite's own measurement (bench/suite.py) ----------------------------------------------

# A process that starts a second one and ends without waiting for it, as Playwright's driver and
# Lighthouse's launcher leave Chromium: the second one burns a second of CPU, then says so.
LEFT_BEHIND = """
import os, sys, time
if os.fork() == 0:
    os.setsid()
    start = time.process_time()
    while time.process_time() - start < 1.0:
        pass
    with open(sys.argv[1], "w") as done:
        done.write(str(time.process_time()))
    os._exit(0)
"""


def test_the_suite_bench_counts_the_cpu_of_processes_no_one_waits_for(tmp_path: Path):
    import resource
    import time

    from bench import suite

    done = tmp_path / "done"
    machine = suite.machine_cpu()
    assert machine is not None, "this machine has no /proc/stat"
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", LEFT_BEHIND, str(done)], check=True, timeout=60)
    deadline = time.monotonic() + 120  # a hang guard: the burner is done once it has had its second of CPU
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert done.exists(), "the process left behind never finished"
    time.sleep(0.1)  # its last write reaches the file before it ends; the count, a tick later
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime - waited.ru_utime) + (after.ru_stime - waited.ru_stime)
    assert children < 0.5, "the process left behind was counted among the children waited for"
    assert suite.machine_cpu() - machine >= 0.95, "the machine's CPU time missed the process left behind"
