"""Desks of several explainers (``bench.synth --explainers``): builds, the floor, the preview.

- ``builds``: ``mkdocs build --strict`` of desks of 1, 5 and 40 explainers, each in a fresh
  process (wall time, CPU time, peak memory), with the site's size and its largest pages, so the
  report can show that build time and bytes grow linearly and that no page grows with the desk.
- ``floor``: the same desk built three times: by the project (the plugin runs the generator) on
  two cores and on one (``EXPLAINER_JOBS=1``), and by plain MkDocs + Material with no plugin but
  search, from the Markdown the generator wrote beforehand (``python -m generator render
  --config``, as for other engines), with the same theme, stylesheets and navigation. The ratio
  of the project on one core to plain MkDocs is what the generator costs over the floor; that of
  two cores to one, what building on both cores gains (``generator/two_cores.py``).
- ``previews``: ``mkdocs serve --dirty`` (what ``make serve`` runs) on every desk at once, timing
  saves of one explainer's file until its page shows them, the desks taking turns
  (``bench.reload``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from generator import urls
from generator.build_cache import COLD
# The stylesheets the plugin adds to extra_css.
from generator.site_config import STYLESHEETS
from generator.two_cores import JOBS
from generator.model import EXPLAINERS_FOLDER

from . import reload, synth
from .machine import cpu_busy, wait_for_quiet
from .project import make_project, mkdocs_env, tree_size

TIMEOUT = 900


def explainer_to_edit(explainers: int) -> str:
    """The explainer whose file the preview's edits change: one in the middle of the desk, as
    likely as any to be named by shared pages."""
    return synth.desk_slug(explainers // 2)


def timed_process(command: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """One command in a fresh process: wall time, CPU time, peak memory (of that process)."""
    with tempfile.TemporaryFile() as output:
        wait_for_quiet()
        busy_before = cpu_busy()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        timer = threading.Timer(TIMEOUT, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        busy_after = cpu_busy()
        timer.cancel()
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{output.read().decode(errors='replace')[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_rss": usage.ru_maxrss * 1024,
        "others": None if busy_before is None or busy_after is None else max(0.0, (busy_after - busy_before - cpu) / wall),
    }


def page_sizes(site: Path) -> dict:
    """Sizes of the site's HTML pages: the largest of each kind of page (the hub, a shared actor
    page…), and the total."""
    pages = [p for p in site.rglob("*.html")]
    sizes = {str(p.relative_to(site)): p.stat().st_size for p in pages}
    return {
        "html_pages": len(pages),
        "html_bytes": sum(sizes.values()),
        "largest": sorted(sizes.items(), key=lambda item: item[1], reverse=True)[:3],
        "home": sizes.get("index.html", 0),
    }


def builds(content: Path, work: Path, label: str, runs: int) -> dict:
    project = make_project(work / f"project-{label}")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    results = [timed_process(command, project, mkdocs_env(content)) for _ in range(runs)]
    found = {"builds": results, "site_bytes": tree_size(project / "site"), **page_sizes(project / "site")}
    shutil.rmtree(project)
    return found


def floor(content: Path, work: Path, runs: int) -> dict:
    """The project's build and plain MkDocs + Material's of the same Markdown, alternated."""
    project = make_project(work / "project-floor")
    env = mkdocs_env(content)
    # The Markdown and downloads the plugin would give MkDocs, beside the site's own docs/, and
    # a configuration with the navigation and title it would set (as `make zensical` does).
    docs = project / "plain-docs"
    shutil.copytree(project / "docs", docs)
    written = subprocess.run(
        [sys.executable, "-m", "generator", "--content", str(content), "render", str(docs),
         "--config", "plain.yml", "--site-dir", "plain-site"],
        cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )
    if written.returncode != 0:
        raise RuntimeError(f"generator render failed:\n{written.stderr[-3000:]}")
    config = project / "plain.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    # No plugin but Material's search, configured as in mkdocs.yml; the plugin's stylesheets.
    settings["plugins"] = [{"search": {"fields": {"tags": {"boost": 1}}}}]
    settings["extra_css"] = list(STYLESHEETS)
    # The plugin gives MkDocs every page as left out of the navigation on purpose.
    settings["not_in_nav"] = "*"
    # The file is written for Zensical, whose INHERIT adds a list to mkdocs.yml's: it names the
    # toc extension again, with its permalink title. MkDocs' INHERIT replaces the list, which
    # would leave the pages without attr_list and the rest: mkdocs.yml's whole list it is.
    settings.pop("markdown_extensions", None)
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    project_runs, one_core_runs, plain_runs = [], [], []
    for _ in range(runs):
        project_runs.append(timed_process([sys.executable, "-m", "mkdocs", "build", "--strict"], project, env))
        one_core_runs.append(timed_process([sys.executable, "-m", "mkdocs", "build", "--strict"], project, {**env, JOBS: "1"}))
        plain_runs.append(timed_process([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "plain.yml"], project, env))
    pages = len(list((project / "site").rglob("*.html"))), len(list((project / "plain-site").rglob("*.html")))
    shutil.rmtree(project)
    return {"project": project_runs, "one_core": one_core_runs, "plain": plain_runs, "html_pages": pages}


# The edits the preview is timed with, in an explainer's explainer.yml: (what is written before
# it, what is written instead, with the marker the page is then polled for). The title reaches
# more pages than the standfirst: the hub, the actor and issue pages that list the explainer,
# and search.
PREVIEW_EDITS = {
    "standfirst": ("standfirst: ", "standfirst: {marker} "),
    "title": ('title: "', 'title: "{marker} '),
}


def preview_edit(explainers: int, field: str = "standfirst") -> reload.Edit:
    """The preview's edit of a desk of ``explainers``: a new word in one explainer's ``field``,
    timed until that explainer's page shows it, under ``mkdocs serve --dirty``."""
    slug = explainer_to_edit(explainers)
    old, new = PREVIEW_EDITS[field]
    return reload.Edit(
        file=f"{EXPLAINERS_FOLDER}/{slug}/explainer.yml", old=old, new=new,
        page=urls.url(urls.path("explainer", slug=slug)), ready="</html>", args=("--dirty",),
    )


def previews(contents: dict[int, Path], edits: int, field: str = "standfirst") -> dict[int, dict]:
    """The preview of each desk (by its number of explainers), the desks served side by side and
    taking turns edit by edit (``reload.measure_alternated``), so that their ratio is measured in
    one stretch of time."""
    sizes = list(contents)
    measured = reload.measure_alternated([(contents[n], preview_edit(n, field)) for n in sizes], edits)
    return dict(zip(sizes, measured))


_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def correction(content: Path, explainers: int, work: Path, runs: int) -> dict:
    """A correction published: ``mkdocs build --strict`` with no cache (the first build of a
    checkout), then again after one explainer's standfirst was corrected, reusing that build's
    cache (generator/build_cache.py); alternated, ``runs`` times. Then a cold build of the same
    corrected content, whose site must be the incremental build's, file for file."""
    copy = work / "correction-content"
    shutil.copytree(content, copy)
    story = copy / EXPLAINERS_FOLDER / explainer_to_edit(explainers) / "explainer.yml"
    original = story.read_text(encoding="utf-8")
    project = make_project(work / "project-correction")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    cold, incremental = [], []
    for i in range(runs):
        story.write_text(original, encoding="utf-8")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold.append(timed_process(command, project, mkdocs_env(copy)))
        # A new word each run, and no digits: a number no figure holds is a warning, and --strict fails.
        story.write_text(original.replace("standfirst: ", f"standfirst: Corrected, take {_WORDS[i % len(_WORDS)]}. ", 1), encoding="utf-8")
        incremental.append(timed_process(command, project, {**mkdocs_env(copy), COLD: ""}))
    built = _files(project / "site")
    timed_process(command, project, mkdocs_env(copy))
    cold_site = _files(project / "site")
    differing = sorted(path for path in built.keys() | cold_site.keys() if built.get(path) != cold_site.get(path))
    shutil.rmtree(project)
    shutil.rmtree(copy)
    return {"cold": cold, "incremental": incremental, "files": len(built), "differing": differing[:5],
            "identical": not differing}


def _files(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}



def languages(content: Path, work: Path, runs: int) -> dict:
    """The desk published in one language and in two (desk.yml's `languages: [en, bg]`: the
    other language's site is one more build, generator/other_sites.py), each `mkdocs build`
    cold, alternated, ``runs`` times. Not --strict: the synthetic desk has no translation files,
    so the second language warns of each file untranslated and shows its original words, which
    cost what translated ones would."""
    two = work / "languages-content"
    shutil.copytree(content, two)
    with (two / "desk.yml").open("a", encoding="utf-8") as desk_file:
        desk_file.write("\nlanguages: [en, bg]\n")
    project = make_project(work / "project-languages")
    command = [sys.executable, "-m", "mkdocs", "build"]
    one_runs, two_runs = [], []
    pages = []
    for _ in range(runs):
        for found, desk_content in ((one_runs, content), (two_runs, two)):
            found.append(timed_process(command, project, mkdocs_env(desk_content)))
            pages.append(len(list((project / "site").rglob("*.html"))))
    shutil.rmtree(project)
    shutil.rmtree(two)
    return {"one": one_runs, "two": two_runs, "html_pages": pages[-2:]}


def desk(explainers: int, work: Path) -> Path:
    content = work / f"desk-{explainers}"
    if not content.exists():
        synth.write(content, explainers=explainers)
    return content
