"""A build shares the work for the pages it does again (all of them in a cold build) between two
cores (generator/two_cores.py): the site and what the build logs are those of a build on one
core (``EXPLAINER_JOBS=1``), whatever the second process does. So does a save under `mkdocs
serve`, for the pages it builds again."""

from __future__ import annotations

import gzip
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench import synth
from generator import two_cores, urls
from generator.engine_internals import page_steps, search_index
from generator.build_cache import COLD
from generator.model import EXPLAINERS_FOLDER
from generator.render import NAV_EXPLAINERS
from generator.two_cores import JOBS

from .conftest import CONTENT, in_one_language, make_project, mkdocs
from .test_serve import _wait_for, build_logged, served_folder, serving

REUSED = re.compile(r"Pages reused from the last build \(\.cache/explainer\): (\d+) of (\d+)")
SPLIT = re.compile(r"Pages done by a second process, on another core: (\d+) of (\d+) converted, (\d+) of (\d+) rendered")
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
    site, log = _build(_project(tmp_path), **{JOBS: "2"})
    one_site, one_log = one_core
    split = SPLIT.search(log)
    assert split and int(split[1]) == int(split[3]) == int(split[2]) // 2 > 0 and split[2] == split[4], log[-3000:]
    assert not SPLIT.search(one_log)
    assert site == one_site
    said = SAID.findall(log)
    assert said == SAID.findall(one_log)
    # Every note's warning (once in each language's site), whichever process converted it.
    assert sorted(n for n in range(6) for line in said if f"'missing-{n}.md'" in line) == sorted([*range(6)] * 2), said


@pytest.mark.parametrize("step, fault", [("converted", "fails"), ("rendered", "fails"), ("converted", "is stuck")])
def test_pages_the_second_process_cannot_do_are_done_by_the_build(tmp_path: Path, one_core, monkeypatch, step: str, fault: str):
    # The second process of a step fails at its third page (what it hands back of a converted
    # page, or the search entries of a rendered one, cannot be read there), or stops answering:
    # the build waits for it no longer than its patience, here five seconds.
    build = os.getpid()
    owner, name = (page_steps, "converted") if step == "converted" else (search_index, "search_entries")
    real = getattr(owner, name)
    done = []

    def failing(*args):
        if os.getpid() != build:
            done.append(1)  # once a page
            if len(done) == 3:
                if fault == "is stuck":
                    time.sleep(600)
                raise RuntimeError("the second process fails")
        return real(*args)

    monkeypatch.setattr(owner, name, failing)
    monkeypatch.setattr(two_cores, "PATIENCE", 5.0)
    site, log = _build(_project(tmp_path), **{JOBS: "2"})
    split = SPLIT.search(log)
    assert split, log[-3000:]
    # The two pages it did before it failed; the other step's process did its half.
    assert (int(split[1]), int(split[3])) == ((2, int(split[4]) // 2) if step == "converted" else (int(split[2]) // 2, 2))
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


def test_a_build_that_reuses_some_pages_shares_the_others_as_on_one_core(tmp_path: Path):
    # After an edit that reaches many pages but not all (a person's name, on every page that
    # names him), the pages built again are shared; the site is the one-core build's.
    content = in_one_language(CONTENT, tmp_path / "content")  # a translation would go stale
    projects = {jobs: make_project(tmp_path / f"project-{jobs}") for jobs in ("1", "2")}
    for jobs, project in projects.items():
        assert mkdocs(project, "build", "--strict", content=content, env={JOBS: jobs}).returncode == 0
    actors = content / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    assert "name: Vladimir Medinsky" in text
    actors.write_text(text.replace("name: Vladimir Medinsky", "name: Vladimir R. Medinsky"), encoding="utf-8")
    logs = {}
    for jobs, project in projects.items():
        result = mkdocs(project, "build", "--strict", content=content, env={JOBS: jobs})
        assert result.returncode == 0, result.stderr[-3000:]
        logs[jobs] = result.stderr
    reused, pages = map(int, REUSED.search(logs["2"]).groups())
    again = pages - reused
    assert 0 < reused and again >= two_cores.MIN_PAGES, logs["2"][-3000:]
    split = SPLIT.search(logs["2"])
    assert split and (int(split[1]), int(split[2]), int(split[3]), int(split[4])) == (again // 2, again, again // 2, again)
    assert REUSED.search(logs["1"]).groups() == (str(reused), str(pages)) and not SPLIT.search(logs["1"])
    assert _tree(projects["2"] / "site") == _tree(projects["1"] / "site")
    assert "Vladimir R. Medinsky" in (projects["2"] / "site" / "actors" / "vladimir-medinsky" / "index.html").read_text(encoding="utf-8")


def served_site(where: Path, content: Path, save: Callable[[str], None] | None = None) -> tuple[dict, str, str]:
    """The site `mkdocs serve --dirty` serves of ``content``, in a project in ``where``: each
    file's mode and bytes (compressed ones uncompressed), the server's own address in them made
    ``SERVED``, once ``save(address)`` (if given) saved an edit and the server built it again;
    what the server logged up to then (--verbose: with the folder it serves, and what the
    plugin did), and what it logged of that build."""
    log = where / "serve.log"
    with serving(make_project(where / "project"), content, log, ready=lambda body: "</html>" in body,
                 args=("--dirty", "--verbose")) as url:
        started = log.read_text()
        served = served_folder(started)
        said = ""
        if save is not None:
            save(url)
            said = build_logged(log, len(started))
        # The served pages name the server's own address (the sitemap compressed too): two servers' differ.
        site = {path: (mode, (gzip.decompress(data) if path.endswith(".gz") else data).replace(url.encode(), b"SERVED"))
                for path, (mode, data) in _tree(served).items()}
    return site, started, said


def _served_after_a_title_edit(where: Path, monkeypatch, jobs: str) -> tuple[dict, str]:
    """A desk of seven explainers under `mkdocs serve --dirty`, on ``jobs`` cores: the served
    site once a save of an explainer's title (one the navigation does not list, so that only
    the pages that list it are built again) is built, and what the server logged of that build."""
    content = where / "content"
    synth.write(content, explainers=NAV_EXPLAINERS + 2)
    slug = synth.desk_slug(1)  # the second oldest
    monkeypatch.setenv(JOBS, jobs)

    def retitle(url: str) -> None:
        story = content / EXPLAINERS_FOLDER / slug / "explainer.yml"
        story.write_text(story.read_text(encoding="utf-8").replace('title: "', 'title: "Zebra crossing: ', 1), encoding="utf-8")
        _wait_for(f"{url}/{urls.url(urls.path('explainer', slug=slug))}", lambda body: "Zebra crossing: " in body)

    site, _, said = served_site(where, content, retitle)
    return site, said


def test_a_save_under_serve_shares_the_pages_it_builds_again_and_serves_what_one_core_does(tmp_path: Path, monkeypatch):
    one_site, one_said = _served_after_a_title_edit(tmp_path / "one", monkeypatch, "1")
    site, said = _served_after_a_title_edit(tmp_path / "two", monkeypatch, "2")
    split = SPLIT.search(said)
    assert split, said[-3000:]
    again = int(split[2])
    # Only the pages that list the explainer, shared half and half, in both steps.
    assert two_cores.MIN_PAGES <= again < len([p for p in site if p.endswith(".html")]) / 2
    assert (int(split[1]), int(split[3]), int(split[4])) == (again // 2, again // 2, again)
    assert not SPLIT.search(one_said)
    # The site served, search index included, is the one-core server's, byte for byte.
    assert site == one_site
