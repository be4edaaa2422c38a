"""``make bench``: measures the generator and the site builds, prints the tables, writes BENCHMARKS.md.

Every number comes from a fresh process: ``bench.stages`` for load, validate and render on
their own, ``bench.probe`` for each ``mkdocs build --strict`` (wall time and peak memory of
that process, and the generator's share inside it), ``bench.reload`` for ``mkdocs serve``,
``bench.lighthouse`` for Lighthouse's performance score of the shipped desk's pages on a phone.
The targets are computed from the measurements; a missed target is reported, never an error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from generator.model import EXPLAINERS_FOLDER

from . import CONTENT, ROOT, desks, lighthouse, reload, synth
from .machine import QUIET, QUIET_WAIT, cpu_busy, machine, wait_for_quiet
from .project import make_project, mkdocs_env, tree_size

SIZES = (100, 500, 2000)
DESK_SIZES = (1, 5, 40)
BUILD_TIMEOUT = 900

# The targets from the issue, on a 2-core machine.
GENERATOR_SHARE_MAX = 0.05
SCALING_MAX = 4.4  # t(2,000 actors) / t(500 actors)
LINEAR_SLACK = 1.10  # bytes per added actor may grow by at most this factor from 100→500 to 500→2,000
RELOAD_MAX = 1.0
DESK_SCALING_MAX = 8.8  # t(40 explainers) / t(5 explainers)
PAGE_GROWTH_MAX = 1.10  # the largest page of a desk of 40 against that of a desk of 5
PREVIEW_MAX = 1.5  # preview latency, desk of 40 / desk of 1
FLOOR_MAX = 1.15  # the project's build / plain MkDocs + Material's of the same Markdown
CORRECTION_MAX = 0.15  # a one-explainer correction reusing the last build / a cold build, desk of 40
# A cold build of the desk of 40 on two cores / on one, in wall time: converting and rendering
# the pages, most of the build, shared by two processes.
TWO_CORES_MAX = 0.85
LANGUAGES_MAX = 2.1  # a desk in two languages / in one: the second is one more site's build, no more

RELOAD_ACTOR = ("vladimir-medinsky", "Vladimir Medinsky")

# Lighthouse's performance score on its mobile preset, the goal for the home page (issue 12).
PERFORMANCE_MIN = 90
# What Lighthouse's performance report says of each page, by its audit ids.
PERFORMANCE_METRICS = {
    "first-contentful-paint": "First Contentful Paint",
    "largest-contentful-paint": "Largest Contentful Paint",
    "total-blocking-time": "Total Blocking Time",
    "cumulative-layout-shift": "Cumulative Layout Shift",
    "speed-index": "Speed Index",
    "total-byte-weight": "bytes transferred",
}


# -- measuring ---------------------------------------------------------------------------

def run_build(project: Path, content: Path) -> dict:
    """``mkdocs build --strict`` in a fresh process: wall time, peak memory, generator times."""
    with tempfile.TemporaryDirectory(prefix="bench-probe-") as tmp:
        probe_out = Path(tmp) / "probe.json"
        log = Path(tmp) / "build.log"
        wait_for_quiet()
        with log.open("w") as log_file:
            busy_before = cpu_busy()
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.probe", str(probe_out), "build", "--strict"],
                cwd=project, env=mkdocs_env(content), stdout=log_file, stderr=subprocess.STDOUT,
            )
            timer = threading.Timer(BUILD_TIMEOUT, process.kill)
            timer.start()
            # wait4: the resource usage of this one child, not the maximum over all children.
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            busy_after = cpu_busy()
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        output = log.read_text(errors="replace")
        times = json.loads(probe_out.read_text()) if probe_out.exists() else {}
    if process.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed for {content} (exit {process.returncode}):\n{output[-3000:]}")
    mkdocs_reported = None
    for line in output.splitlines():
        if "Documentation built in" in line:
            mkdocs_reported = float(line.rsplit("in ", 1)[1].split()[0])
    cpu = usage.ru_utime + usage.ru_stime
    pages = times.pop("pages", {})
    slowest = sorted(((sum(t), uri) for uri, t in pages.items()), reverse=True)[:3]
    return {
        "pages_total": sum(sum(t) for t in pages.values()),
        "slowest_pages": [(uri, seconds) for seconds, uri in slowest],
        "wall": wall,
        "peak_rss": usage.ru_maxrss * 1024,  # Linux reports kilobytes
        "cpu": cpu,
        # Cores' worth of CPU that other processes used meanwhile: how disturbed this run was.
        "others": None if busy_before is None or busy_after is None else max(0.0, (busy_after - busy_before - cpu) / wall),
        "mkdocs_reported": mkdocs_reported,
        "import": sum(times.get("import", [])),
        "generate": sum(times.get("generate", [])),
        **{key: sum(times.get(key, [])) for key in ("load", "validate", "render", "jinja_compile", "yaml_compose")},
    }


def site_stats(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    search = site / "search" / "search_index.json"
    return {
        "site_bytes": tree_size(site),
        "theme_bytes": tree_size(site / "assets") if (site / "assets").is_dir() else 0,
        "search_bytes": search.stat().st_size if search.exists() else 0,
        "html_pages": len(pages),
        "largest": [(str(p.relative_to(site).parent) + "/", p.stat().st_size) for p in pages[:3]],
    }


def run_stages(content: Path, repeat: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.stages", str(content), "--repeat", str(repeat)],
        cwd=ROOT, env=mkdocs_env(content), capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.stages failed for {content}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def count_entries(content: Path) -> dict[str, int]:
    """How many explainers a desk has, and its entries per kind of content file: the registry's
    files at the top (actors, issues, sources), each explainer's in ``explainers/<slug>/``
    (positions, figures, events), summed over the explainers. A folder in the old layout, with
    its explainer's files beside the registry's, is a desk of one."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def entries(path: Path) -> int:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) if path.exists() else []
        return len(data) if isinstance(data, list) else 0

    folders = [content] if (content / "explainer.yml").exists() else []
    explainers = content / EXPLAINERS_FOLDER
    if explainers.is_dir():
        folders += sorted(p for p in explainers.iterdir() if (p / "explainer.yml").is_file())
    counts = {"explainers": len(folders)}
    for what in ("actors", "issues", "positions", "figures", "events", "sources"):
        if what in ("positions", "figures", "events"):
            counts[what] = sum(entries(folder / f"{what}.yml") for folder in folders)
        else:
            counts[what] = entries(content / f"{what}.yml")
    return counts


def bench_builds(content: Path, runs: int, work: Path, label: str) -> tuple[list[dict], dict]:
    project = make_project(work / f"project-{label}")
    results = []
    for i in range(runs):
        log(f"  build {i + 1}/{runs} of {label} …")
        results.append(run_build(project, content))
        log(f"    {results[-1]['wall']:.2f} s wall, generator {results[-1]['generate'] * 1000:.0f} ms")
    stats = site_stats(project / "site")
    shutil.rmtree(project)
    return results, stats


def performance_pages() -> list[tuple[str, str]]:
    """(what it is, address) of the pages whose performance is reported: the desk's home, the
    newest explainer's overview (key numbers, charts), its positions (the largest table) and
    its who's who (the map)."""
    from generator import load, urls, validate

    content = validate(load(CONTENT))
    slug = next(iter(content.explainers))
    return [
        ("home (the desk)", ""),
        ("an explainer's overview", urls.url(urls.path("explainer", slug=slug))),
        ("an explainer's positions", urls.url(urls.path("explainer-positions", slug=slug))),
        ("an explainer's who's who", urls.url(urls.path("explainer-actors", slug=slug))),
    ]


def bench_lighthouse(work: Path) -> dict:
    """Lighthouse's performance category on the mobile preset (simulated slow 4G, a 4x slower
    CPU) for the shipped desk built with ``mkdocs build --strict``, served with compression."""
    try:
        version = lighthouse.installed()
    except lighthouse.Missing as missing:
        return {"missing": str(missing)}
    project = make_project(work / "project-lighthouse")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=mkdocs_env(CONTENT),
                            capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")
    pages = performance_pages()
    wait_for_quiet()
    found = lighthouse.run(project / "site", [address for _, address in pages], ["performance"])
    rows = []
    for label, address in pages:
        lhr = found[address]
        audits = lhr["audits"]
        score = lhr["categories"]["performance"]["score"]
        rows.append({
            "page": label, "address": "/" + address, "score": None if score is None else round(score * 100),
            "metrics": {key: audits[key].get("displayValue", "—") for key in PERFORMANCE_METRICS if key in audits},
        })
    shutil.rmtree(project)
    return {"version": version, "pages": rows}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the report --------------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f} ms"


def sec(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:,.2f} s"


def size(n: float) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:,.1f} MB"
    return f"{n / 1024:,.0f} KB"


def cores(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f} cores"


def pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    align = align or "l" + "r" * (len(header) - 1)
    marks = [":---" if a == "l" else "---:" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(facts: dict, when: str, load_avg: tuple, first: dict, synthetic: list[dict], live: dict, elapsed: float,
           desk: dict | None = None, performance: dict | None = None) -> tuple[str, list[dict]]:
    out = ["# Benchmarks", ""]
    out.append(
        f"Measured by `make bench` (the code in `bench/`) on {when}, in {elapsed / 60:.1f} minutes. "
        "Regenerate with `make bench`; do not edit by hand."
    )
    out += ["", "## Machine", ""]
    out.append(table(["", ""], [[k, v] for k, v in facts.items()] + [
        ["Load average (1 min) at start / end", f"{load_avg[0]:.2f} / {load_avg[1]:.2f}"],
    ], "ll"))
    out += ["", f"Before each measurement the benchmark waits up to {QUIET_WAIT:g} s for other processes to use less "
            f"than {QUIET:g} of a core."]

    # The shipped desk.
    stages, builds = first["stages"], first["builds"]
    counts = ", ".join(f"{n} {what if n != 1 else what[:-1]}" for what, n in first["counts"].items())
    fastest = min(builds, key=lambda b: b["wall"])
    share = fastest["generate"] / fastest["wall"]
    share_with_import = (fastest["generate"] + fastest["import"]) / fastest["wall"]
    out += ["", "## The shipped desk (`content/`)", ""]
    out.append(f"{counts}; {stages['pages']} pages, {size(stages['markdown_bytes'])} of Markdown.")
    out += ["", "Each step on its own (`bench/stages.py`: `generate()` run "
            f"{first['repeat']} times in a fresh process; cold is the first call, warm the median of the others):", ""]
    rows = []
    for key, label in [("load", "load"), ("validate", "validate"), ("render", "render"), ("generate", "all three (`generate()`)"),
                       ("yaml_compose", "of which parsing YAML (`yaml.compose`)"),
                       ("jinja_compile", "of which compiling Jinja templates")]:
        rows.append([label, ms(stages["cold"].get(key)), ms(stages["warm"].get(key))])
    rows.append(["importing the generator (pydantic, the model…), once per process", ms(stages["import"]), "—"])
    out.append(table(["step", "cold", "warm"], rows))
    out += ["", f"The full build: `mkdocs build --strict` in a fresh process, the fastest of {len(builds)} "
            f"(all: {', '.join(sec(b['wall']) for b in builds)}):", ""]
    site = first["site"]
    out.append(table(["", ""], [
        ["wall time, process start to exit", sec(fastest["wall"])],
        ["CPU time (user + system)", sec(fastest["cpu"])],
        ["MkDocs' own “Documentation built in”", sec(fastest["mkdocs_reported"])],
        ["generator inside it: `generate()` (load, validate, render)", f"{ms(fastest['generate'])} ({pct(share)})"],
        ["generator inside it: importing it", f"{ms(fastest['import'])} ({pct(fastest['import'] / fastest['wall'])})"],
        ["generator's share, import included", pct(share_with_import)],
        ["peak memory", size(fastest["peak_rss"])],
        ["site size (of which theme assets)", f"{size(site['site_bytes'])} ({size(site['theme_bytes'])})"],
        ["search index", size(site["search_bytes"])],
        ["other processes' CPU use meanwhile", cores(fastest["others"])],
    ], "lr"))

    # Synthetic explainers.
    out += ["", "## Synthetic explainers", ""]
    out.append(
        "Made by `python -m bench.synth --actors N OUT_DIR`, a desk of one explainer (per 100 actors: about 10 issues, 60 positions, "
        "30 figures, 40 events, 3 sources; seeded), each built with `mkdocs build --strict` in a fresh process; "
        "build time is wall time from process start to exit, the best of the runs; CPU time, peak memory (maximum "
        "resident set size) and the generator's time are that run's. Other processes' CPU use is what the rest of "
        "the machine used during that run, in cores (from /proc/stat): above zero, the times are inflated."
    )
    out.append("")
    rows = []
    for s in synthetic:
        best = min(s["builds"], key=lambda b: b["wall"])
        c = s["counts"]
        rows.append([
            f"{s['actors']:,}",
            f"{c['issues']} / {c['positions']} / {c['figures']} / {c['events']} / {c['sources']}",
            f"{s['site']['html_pages']:,}",
            sec(best["wall"]) + f" (best of {len(s['builds'])})" if len(s["builds"]) > 1 else sec(best["wall"]),
            sec(best["cpu"]),
            f"{sec(best['generate'])} ({pct(best['generate'] / best['wall'])})",
            size(s["site"]["site_bytes"]),
            size(s["site"]["search_bytes"]),
            size(best["peak_rss"]),
            cores(best["others"]),
        ])
    out.append(table(["actors", "issues / positions / figures / events / sources", "HTML pages", "build time", "CPU time",
                      "generator in it", "site size", "search index", "peak memory", "others' CPU use"], rows, "llrrrrrrrr"))
    out += ["", "Where the generator's time goes inside those builds:", ""]
    rows = []
    for s in synthetic:
        best = min(s["builds"], key=lambda b: b["wall"])
        rows.append([
            f"{s['actors']:,}", ms(best["load"]), ms(best["yaml_compose"]), ms(best["validate"]), ms(best["render"]),
            ms(best["jinja_compile"]),
        ])
    out.append(table(["actors", "load", "of which parsing YAML", "validate", "render", "of which compiling templates"], rows))
    out += ["", "Where MkDocs' time goes, per page: Markdown to HTML, then the theme, the search index and writing "
            "the file (`_populate_page` and `_build_page`, timed in the same builds), and the largest pages:", ""]
    rows = []
    for s in synthetic:
        best = min(s["builds"], key=lambda b: b["wall"])
        rows.append([
            f"{s['actors']:,}",
            f"{sec(best['pages_total'])} ({pct(best['pages_total'] / best['wall'])})",
            ", ".join(f"`{uri}` {sec(t)} ({pct(t / best['wall'])})" for uri, t in best["slowest_pages"]),
            ", ".join(f"`{path}` {size(n)}" for path, n in s["site"]["largest"]),
        ])
    out.append(table(["actors", "all pages", "slowest pages (share of the build)", "largest HTML pages"], rows, "lrll"))

    # Live reload.
    out += ["", "## Live reload", ""]
    out.append(
        f"`mkdocs serve` on 127.0.0.1 with a copy of the shipped desk; {live['edits']} edit(s) of an actor's name in "
        "`actors.yml`, each timed from the end of the write until `GET /actors/vladimir-medinsky/` (polled every 20 ms) "
        "contains the new name. This includes MkDocs' file watcher, which polls every 0.5 s (each edit is saved a "
        "chosen time before its next look, by the looks the server notes, the times evenly spread over the cycle) "
        "and then waits 0.1 s for further changes, "
        "and the full rebuild, also timed on its own inside the server (`bench/probe.py`)."
    )
    out.append("")
    out.append(table(["", ""], [
        ["median, save to page served", sec(live["median"])],
        ["fastest / slowest", f"{sec(live['min'])} / {sec(live['max'])}"],
        ["every edit", ", ".join(sec(t) if t is not None else "timeout" for t in live["times"])],
        ["the rebuild alone, median", sec(live["rebuild_median"])],
        ["of which the generator (`generate()`), median", ms(live.get("generate_median"))],
        ["edits that timed out (15 s)", str(live["timeouts"])],
        ["other processes' CPU use before the edits, median", cores(live["background"])],
    ], "lr"))

    targets = []
    if desk is not None:
        out += _desk_report(desk, targets)

    # Lighthouse.
    home_score = None
    if performance:
        out += ["", "## Performance on a phone (Lighthouse)", ""]
        if "missing" in performance:
            out.append(f"Not measured: {performance['missing']}.")
        else:
            out.append(
                f"Lighthouse {performance['version']} (`bench/lighthouse.py`), its performance category with its default "
                "settings, the mobile preset: a phone's screen, simulated slow 4G and a 4× slower CPU. The shipped desk "
                "built with `mkdocs build --strict`, served from 127.0.0.1 with gzip and caching as a static host serves "
                "it (`bench/host.py`), Debian's Chromium. Scores vary by a few points from run to run."
            )
            out.append("")
            rows = [[p["page"], f"`{p['address']}`", "—" if p["score"] is None else str(p["score"]),
                     *[p["metrics"].get(key, "—").removeprefix("Total size was ") for key in PERFORMANCE_METRICS]] for p in performance["pages"]]
            out.append(table(["page", "address", "score", *PERFORMANCE_METRICS.values()], rows, "llrrrrrrr"))
            home_score = performance["pages"][0]["score"]

    # Targets.
    by_size = {s["actors"]: s for s in synthetic}
    targets.append({
        "target": f"generator ≤ {pct(GENERATOR_SHARE_MAX)} of a full build of the shipped desk",
        "measured": f"{pct(share)} (`generate()` {ms(fastest['generate'])} of {sec(fastest['wall'])}); "
        f"{pct(share_with_import)} counting its import",
        "met": share <= GENERATOR_SHARE_MAX,
    })
    if 500 in by_size and 2000 in by_size:
        t500 = min(b["wall"] for b in by_size[500]["builds"])
        t2000 = min(b["wall"] for b in by_size[2000]["builds"])
        ratio = t2000 / t500
        cpu_ratio = min(b["cpu"] for b in by_size[2000]["builds"]) / min(b["cpu"] for b in by_size[500]["builds"])
        targets.append({
            "target": f"t(2,000 actors) / t(500 actors) ≤ {SCALING_MAX}",
            "measured": f"{ratio:.2f} ({sec(t2000)} / {sec(t500)}); in CPU time {cpu_ratio:.2f}",
            "met": ratio <= SCALING_MAX,
        })
    if all(n in by_size for n in (100, 500, 2000)):
        s100, s500, s2000 = (by_size[n]["site"]["site_bytes"] for n in (100, 500, 2000))
        low, high = (s500 - s100) / 400, (s2000 - s500) / 1500
        targets.append({
            "target": f"site size growing linearly (bytes per added actor, 500→2,000 vs 100→500, ≤ {LINEAR_SLACK:.2f}×)",
            "measured": f"{high / low:.2f}× ({size(high)} vs {size(low)} per actor)",
            "met": high / low <= LINEAR_SLACK,
        })
    if live["median"] is not None:
        targets.append({
            "target": f"live reload ≤ {RELOAD_MAX:g} s on the shipped desk",
            "measured": f"{sec(live['median'])} median",
            "met": live["median"] <= RELOAD_MAX and not live["timeouts"],
        })
    if performance and "missing" not in performance:
        targets.append({
            "target": f"Lighthouse performance ≥ {PERFORMANCE_MIN} on the home page, mobile preset",
            "measured": "—" if home_score is None else str(home_score),
            "met": home_score is not None and home_score >= PERFORMANCE_MIN,
        })
    out += ["", "## Targets", ""]
    out.append("Ratios, not absolute times: the same machine varies 2–3× from day to day. Each ratio compares "
               "measurements of one run; the builds' ratios compare CPU time (user + system) of each build's own "
               "process, which other processes on the machine inflate far less than wall time.")
    out.append("")
    out.append(table(["target", "measured", "met"], [[t["target"], t["measured"], "yes" if t["met"] else "**no**"] for t in targets], "lll"))
    met = sum(t["met"] for t in targets)
    out += ["", f"{met} of {len(targets)} targets met."]
    return "\n".join(out) + "\n", targets


def _desk_report(desk: dict, targets: list[dict]) -> list[str]:
    out = ["", "## Desks of several explainers", ""]
    out.append(
        "Made by `python -m bench.synth --explainers E OUT_DIR` (each explainer about 15 actors, 10 issues, 30 positions, "
        "12 figures and 8 events, drawn from one shared registry; seeded; a desk of 5 is the first 5 of a desk of 40). "
        "Each desk built with `mkdocs build --strict` in a fresh process, the best of the runs; the largest HTML page of "
        "each desk shows that no page grows with the desk (shared lists go on over pages, the navigation lists a fixed number)."
    )
    out.append("")
    rows = []
    sizes = desk["sizes"]
    for d in sizes:
        best = min(d["build"]["builds"], key=lambda b: b["wall"])
        c = d["counts"]
        rows.append([
            str(d["explainers"]),
            f"{c['actors']} / {c['issues']} / {c['positions']} / {c['figures']} / {c['events']}",
            f"{d['build']['html_pages']:,}",
            sec(best["wall"]) + f" (best of {len(d['build']['builds'])})",
            sec(best["cpu"]),
            size(d["build"]["site_bytes"]),
            ", ".join(f"`{path}` {size(n)}" for path, n in d["build"]["largest"][:2]),
            size(d["build"]["home"]),
            size(best["peak_rss"]),
            cores(best["others"]),
        ])
    out.append(table(["explainers", "actors / issues / positions / figures / events", "HTML pages", "build time", "CPU time",
                      "site size", "largest pages", "home page", "peak memory", "others' CPU use"], rows, "llrrrrlrrr"))
    out += ["", "The preview: `mkdocs serve --dirty` (what `make serve` runs) on each desk, the desks served side by side "
            "and taking turns, edit by edit, after the same pause (a machine that grows busier or quieter weighs on "
            "each alike, as in the floor's alternated builds); each edit writes a new word into the standfirst of one "
            "explainer in the middle of the desk "
            "(`explainers/<slug>/explainer.yml`) and is timed from the end of the write until that explainer's page, "
            "polled every 20 ms, shows it. This includes MkDocs' file watcher (it looks every 0.5 s, then waits 0.1 s; "
            "each edit is saved a chosen time before its next look, by the looks the server notes, the times evenly "
            "spread over the cycle and the same for every desk: left to chance, where each save fell in the cycle "
            "moved the ratio of two desks' medians by 0.3 between runs), the generator's rebuild (only the pages the "
            "edit can change) "
            "and MkDocs' (only pages whose Markdown changed), and serving the page.", ""]
    rows = []
    for d in sizes:
        p = d["preview"]
        rows.append([
            str(d["explainers"]),
            sec(p["median"]),
            f"{sec(p['min'])} / {sec(p['max'])}",
            sec(p["rebuild_median"]),
            ms(p.get("generate_median")),
            sec(p.get("first_build")),
            str(p["timeouts"]),
        ])
    out.append(table(["explainers", "save to page served, median", "fastest / slowest", "the rebuild alone, median",
                      "of which the generator", "first build at start-up", "timeouts (15 s)"], rows))
    out += ["", "The same for an edit of the explainer's title (`title: \"…`), which reaches more pages: the hub, the actor "
            "and issue pages that list the explainer, and search.", ""]
    rows = []
    for d in sizes:
        p = d.get("title_preview")
        if p:
            rows.append([str(d["explainers"]), sec(p["median"]), f"{sec(p['min'])} / {sec(p['max'])}", sec(p["rebuild_median"]),
                         ms(p.get("generate_median")), str(p["timeouts"])])
    out.append(table(["explainers", "save to page served, median", "fastest / slowest", "the rebuild alone, median",
                      "of which the generator", "timeouts (15 s)"], rows))
    correction = desk.get("correction")
    if correction:
        cold_cpu = min(b["cpu"] for b in correction["cold"])
        fix_cpu = min(b["cpu"] for b in correction["incremental"])
        out += ["", f"A correction published: the desk of {correction['explainers']} explainers built by `mkdocs build "
                "--strict` with no cache (a fresh checkout), then again after one explainer's standfirst was corrected, "
                "reusing that build's cache in `.cache/explainer` (`generator/build_cache.py`); alternated, the best of "
                f"{len(correction['cold'])} each. Then a cold build (`EXPLAINER_COLD_BUILD=1`) of the same corrected "
                f"content: its {correction['files']:,} files are "
                + ("the incremental build's, byte for byte." if correction["identical"]
                   else f"**not** the incremental build's (first differing: {', '.join(correction['differing'])})."), ""]
        out.append(table(["", "wall time", "CPU time", "peak memory"], [
            ["cold build", sec(min(b["wall"] for b in correction["cold"])), sec(cold_cpu),
             size(min(b["peak_rss"] for b in correction["cold"]))],
            ["the correction", sec(min(b["wall"] for b in correction["incremental"])), sec(fix_cpu),
             size(min(b["peak_rss"] for b in correction["incremental"]))],
        ], "lrrr"))
        targets.append({
            "target": f"a one-explainer correction on a desk of {correction['explainers']} ≤ {CORRECTION_MAX} × a cold build, "
                      "and identical to it",
            "measured": f"{fix_cpu / cold_cpu:.2f} in CPU time ({sec(fix_cpu)} / {sec(cold_cpu)}); "
                        + ("identical" if correction["identical"] else "**not identical**"),
            "met": fix_cpu / cold_cpu <= CORRECTION_MAX and correction["identical"],
        })
    floor = desk["floor"]
    # The ratios compare CPU time (user + system) of the build's own process (and of the process
    # it converts pages in, which it waits for): on a machine that other work keeps busy, wall
    # time says as much about the others as about the build. What the generator costs over the
    # floor is the project's build on one core: on two, it costs a little more CPU for less time.
    one_core = floor.get("one_core") or floor["project"]
    project = min(b["cpu"] for b in one_core)
    plain = min(b["cpu"] for b in floor["plain"])
    out += ["", f"The floor: the desk of {floor['explainers']} explainers built by the project (`mkdocs build --strict`, the "
            "plugin running the generator), as it builds by default, each page's work on two cores "
            "(`generator/two_cores.py`), and on one (`EXPLAINER_JOBS=1`), and by plain MkDocs + Material with no "
            "plugin but search, from the Markdown the generator wrote beforehand (`python -m generator render --config`), "
            f"with the same theme, stylesheets and navigation; alternated, the best of {len(floor['project'])} each. "
            "CPU time counts both processes of a build on two cores. The project converts its pages with only the "
            "Markdown its templates write (`generator/syntax.py`), and keeps Python's cycle collector out of the "
            "build's way (`generator/collector.py`); plain MkDocs does neither.", ""]
    rows = [["the project", floor["project"], floor["html_pages"][0]]]
    if floor.get("one_core"):
        rows.append(["the project on one core", floor["one_core"], floor["html_pages"][0]])
    rows.append(["plain MkDocs + Material", floor["plain"], floor["html_pages"][1]])
    out.append(table(["", "wall time", "CPU time", "peak memory", "HTML pages"], [
        [label, sec(min(b["wall"] for b in runs)), sec(min(b["cpu"] for b in runs)), size(min(b["peak_rss"] for b in runs)),
         f"{pages:,}"] for label, runs, pages in rows
    ], "lrrrr"))
    if floor.get("one_core"):
        two_wall, one_wall = (min(b["wall"] for b in runs) for runs in (floor["project"], floor["one_core"]))
        targets.append({
            "target": f"a cold build on two cores / on one: wall time ≤ {TWO_CORES_MAX}",
            "measured": f"{two_wall / one_wall:.2f} ({sec(two_wall)} / {sec(one_wall)}, {floor['explainers']} explainers, "
                        f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()} cores usable)",
            "met": two_wall / one_wall <= TWO_CORES_MAX,
        })

    in_languages = desk.get("languages")
    if in_languages:
        one, two = (min(b["cpu"] for b in in_languages[count]) for count in ("one", "two"))
        out += ["", f"Languages: the desk of {in_languages['explainers']} explainers published in one language and in two "
                "(desk.yml's `languages: [en, bg]`: the other language's site, under `/bg/`, is one more build of the same "
                f"mkdocs.yml), each built cold; alternated, the best of {len(in_languages['one'])} each.", ""]
        out.append(table(["", "wall time", "CPU time", "peak memory", "HTML pages"], [
            [label, sec(min(b["wall"] for b in found)), sec(min(b["cpu"] for b in found)), size(min(b["peak_rss"] for b in found)),
             f"{pages:,}"]
            for label, found, pages in (("one language", in_languages["one"], in_languages["html_pages"][0]),
                                        ("two languages", in_languages["two"], in_languages["html_pages"][1]))
        ], "lrrrr"))
        targets.append({
            "target": f"each language costs at most about one more site's build: two languages / one ≤ {LANGUAGES_MAX}",
            "measured": f"{two / one:.2f} in CPU time ({sec(two)} / {sec(one)}, {in_languages['explainers']} explainers)",
            "met": two / one <= LANGUAGES_MAX,
        })
    by = {d["explainers"]: d for d in sizes}
    if 5 in by and 40 in by:
        t5 = min(b["cpu"] for b in by[5]["build"]["builds"])
        t40 = min(b["cpu"] for b in by[40]["build"]["builds"])
        bytes5, bytes40 = by[5]["build"]["html_bytes"], by[40]["build"]["html_bytes"]
        targets.append({
            "target": f"desk builds linear: t(40 explainers) / t(5) ≤ {DESK_SCALING_MAX}, and the pages' bytes too",
            "measured": f"CPU time {t40 / t5:.2f} ({sec(t40)} / {sec(t5)}); HTML bytes {bytes40 / bytes5:.2f} ({size(bytes40)} / {size(bytes5)})",
            "met": t40 / t5 <= DESK_SCALING_MAX and bytes40 / bytes5 <= DESK_SCALING_MAX,
        })
        big5, big40 = by[5]["build"]["largest"][0], by[40]["build"]["largest"][0]
        targets.append({
            "target": f"no page grows with the desk: the largest page of 40 explainers ≤ {PAGE_GROWTH_MAX:.2f}× that of 5",
            "measured": f"{big40[1] / big5[1]:.2f}× (`{big40[0]}` {size(big40[1])} / `{big5[0]}` {size(big5[1])}); "
                        f"home page {size(by[40]['build']['home'])} / {size(by[5]['build']['home'])}",
            "met": big40[1] / big5[1] <= PAGE_GROWTH_MAX,
        })
    for key, edit in (("preview", "standfirst"), ("title_preview", "title")):
        if 1 in by and 40 in by and (by[1].get(key) or {}).get("median") and (by[40].get(key) or {}).get("median"):
            p1, p40 = by[1][key]["median"], by[40][key]["median"]
            targets.append({
                "target": f"preview independent of desk size, a {edit} edit: save to served, 40 explainers / 1 ≤ {PREVIEW_MAX}",
                "measured": f"{p40 / p1:.2f} ({sec(p40)} / {sec(p1)}, medians)",
                "met": p40 / p1 <= PREVIEW_MAX and not by[40][key]["timeouts"],
            })
    targets.append({
        "target": f"near the floor: the project's build on one core / plain MkDocs + Material's of the same Markdown ≤ {FLOOR_MAX}",
        "measured": f"{project / plain:.2f} in CPU time ({sec(project)} / {sec(plain)}, {floor['explainers']} explainers)",
        "met": project / plain <= FLOOR_MAX,
    })
    return out


def _desks(work: Path, sizes: tuple[int, ...], runs: int, edits: int, floor_runs: int) -> dict:
    found = []
    contents: dict[int, Path] = {}
    for explainers in sizes:
        content = contents[explainers] = desks.desk(explainers, work)
        log(f"Desk of {explainers} explainer(s): builds …")
        build = desks.builds(content, work, f"desk-{explainers}", runs)
        log(f"    best {min(b['wall'] for b in build['builds']):.2f} s")
        found.append({"explainers": explainers, "counts": count_entries(content), "build": build})
    for key, field in (("preview", "standfirst"), ("title_preview", "title")):
        log(f"Desks of {', '.join(map(str, sizes))} explainers side by side: {edits} {field} edits each, "
            "taking turns, under mkdocs serve --dirty …")
        measured = desks.previews(contents, edits, field)
        for entry in found:
            entry[key] = measured[entry["explainers"]]
            log(f"    {entry['explainers']}: median {entry[key]['median']}")
    largest = max(sizes)
    log(f"Desk of {largest} explainers: a correction published, against a cold build …")
    correction = {"explainers": largest, **desks.correction(desks.desk(largest, work), largest, work, runs)}
    log(f"Desk of {largest} explainers: the project's build against plain MkDocs + Material …")
    floor = {"explainers": largest, **desks.floor(desks.desk(largest, work), work, floor_runs)}
    log(f"Desk of {largest} explainers: in two languages against one …")
    in_languages = {"explainers": largest, **desks.languages(desks.desk(largest, work), work, runs)}
    return {"sizes": found, "floor": floor, "correction": correction, "languages": in_languages}


# -- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="synthetic explainer sizes, in actors")
    parser.add_argument("--builds", type=int, default=5, help="builds of the shipped desk (the fastest counts)")
    parser.add_argument("--synth-builds", type=int, default=2, help="builds of each synthetic explainer (the fastest counts)")
    parser.add_argument("--edits", type=int, default=11, help="live-reload edits (median)")
    parser.add_argument("--desks", type=int, nargs="*", default=list(DESK_SIZES), help="synthetic desk sizes, in explainers")
    parser.add_argument("--desk-builds", type=int, default=2, help="builds of each synthetic desk (the fastest counts)")
    parser.add_argument("--floor-builds", type=int, default=5,
                        help="builds of the largest desk by the project and by plain MkDocs, alternated (the best of each counts)")
    parser.add_argument("--desk-edits", type=int, default=11, help="preview edits on each synthetic desk (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the report")
    parser.add_argument("--raw", type=Path, help="also write every measurement to this JSON file")
    parser.add_argument("--report-from", type=Path, metavar="RAW", help="only write the report again from a --raw file")
    args = parser.parse_args(argv)
    if args.report_from:
        raw = json.loads(args.report_from.read_text())
        text, _ = report(**raw)
        args.out.write_text(text, encoding="utf-8")
        print(text)
        return 0

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    facts = machine()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        log("Shipped desk: load, validate, render …")
        repeat = 20
        first = {"repeat": repeat, "counts": count_entries(CONTENT), "stages": run_stages(CONTENT, repeat)}
        log("Shipped desk: full builds …")
        first["builds"], first["site"] = bench_builds(CONTENT, args.builds, work, "first")

        log("Shipped desk: Lighthouse performance on a phone …")
        performance = bench_lighthouse(work)

        log(f"Live reload: {args.edits} edits under mkdocs serve …")
        live = reload.measure(CONTENT, actor_id=RELOAD_ACTOR[0], name=RELOAD_ACTOR[1], edits=args.edits)

        synthetic = []
        for actors in args.sizes:
            content = work / f"synth-{actors}"
            log(f"Synthetic desk of one explainer, {actors} actors …")
            synth.write(content, actors)
            builds, stats = bench_builds(content, args.synth_builds, work, f"synth-{actors}")
            synthetic.append({"actors": actors, "counts": count_entries(content), "builds": builds, "site": stats})
            shutil.rmtree(content)

        desk = _desks(work, tuple(args.desks), args.desk_builds, args.desk_edits, args.floor_builds) if args.desks else None

    raw = {"facts": facts, "when": when, "load_avg": (load_start, os.getloadavg()[0]), "first": first,
           "synthetic": synthetic, "live": live, "elapsed": time.perf_counter() - started, "desk": desk,
           "performance": performance}
    if args.raw:
        args.raw.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    text, targets = report(**raw)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    log(f"wrote {args.out}")
    return 0
