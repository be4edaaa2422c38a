"""Live reload: how long from a saved YAML edit to the changed page served by ``mkdocs serve``.

Starts ``mkdocs serve`` on 127.0.0.1 in a throw-away project whose content is a copy of the
given desk, then several times: writes a unique marker into an actor's name in the registry's
actors.yml and polls that actor's page (every 20 ms) until it contains the marker. The clock
starts when the write returns. MkDocs' server holds a request while a rebuild is running, so the
time covers the whole path: noticing the change (MkDocs polls the watched folders every
0.5 s), its 0.1 s wait for further changes, the rebuild, and serving the page. The edits are
spread evenly over MkDocs' polling cycle, as editors' saves would be.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from generator import urls

from .machine import wait_for_quiet
from .project import free_port, make_project, mkdocs_env

POLL = 0.02
POLL_CYCLE = 0.5  # how often MkDocs' file watcher looks at the files
TIMEOUT = 15.0


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.read().decode("utf-8", "replace")


def _wait_for(url: str, marker: str, within: float) -> float | None:
    """Seconds until ``url`` contains ``marker``, or None if it never does within ``within``."""
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < within:
        try:
            if marker in _get(url):
                return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(POLL)
    return None


def measure(content: Path, *, actor_id: str, name: str, edits: int = 7, startup_timeout: float = 180) -> dict:
    """Median (and every) time from saving an edit of ``name`` to ``/actors/<actor_id>/`` showing it."""
    return measure_edit(
        content, file="actors.yml", old=f"name: {name}\n", new=f"name: {name} {{marker}}\n",
        page=urls.url(urls.path("actor", id=actor_id)), ready=name, edits=edits, startup_timeout=startup_timeout,
    )


def measure_edit(content: Path, *, file: str, old: str, new: str, page: str, ready: str, edits: int = 7,
                 args: tuple[str, ...] = (), startup_timeout: float = 300) -> dict:
    """Median (and every) time from saving ``file`` (in the content folder) with its first
    ``old`` replaced by ``new`` (whose ``{marker}`` is a unique word) to the served ``page``
    (its address in the site) showing the marker; the server is ``mkdocs serve`` with ``args``,
    ready once ``page`` shows ``ready``."""
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(content, copy)
        project = make_project(Path(tmp) / "project")
        log = Path(tmp) / "serve.log"
        probe_out = Path(tmp) / "probe.json"
        port = free_port()
        url = f"http://127.0.0.1:{port}/{page}"
        edited = copy / file
        original = edited.read_text(encoding="utf-8")
        if old not in original:
            raise ValueError(f"{edited} has no {old!r}")
        name = ready
        with log.open("w") as log_file:
            server = subprocess.Popen(
                # MkDocs' own command line, run through bench.probe to time each rebuild inside it.
                [sys.executable, "-m", "bench.probe", str(probe_out), "serve", *args, "--dev-addr", f"127.0.0.1:{port}"],
                cwd=project, env=mkdocs_env(copy), stdout=log_file, stderr=subprocess.STDOUT,
                # Started in a script's background, the bench ignores Ctrl-C and so would the
                # server: it takes it, as from an editor's terminal, to stop cleanly below.
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
            try:
                started = _wait_for(url, name, startup_timeout)
                if started is None:
                    raise RuntimeError(f"mkdocs serve did not serve {url} within {startup_timeout} s:\n{log.read_text()[-2000:]}")
                time.sleep(1.0)  # let the watcher take its first snapshot
                times: list[float | None] = []
                background: list[float] = []
                # MkDocs scans the files every 0.5 s. Pausing before each edit for a different
                # fraction of that cycle (evenly spread, in shuffled order) lands the edits at every
                # point of it, as editors' saves would, instead of at one point it happens to favour.
                pauses = [POLL_CYCLE * (i + 0.5) / edits for i in range(edits)]
                random.Random(edits).shuffle(pauses)
                for i in range(edits):
                    # Between rebuilds the server only polls a few folders: the CPU in use is other processes'.
                    seen = wait_for_quiet(within=5.0)
                    if seen is not None:
                        background.append(seen)
                    time.sleep(pauses[i])
                    marker = f"Reload{i}x{time.time_ns() % 10**8}"
                    edited.write_text(original.replace(old, new.format(marker=marker), 1), encoding="utf-8")
                    times.append(_wait_for(url, marker, TIMEOUT))
                    time.sleep(0.5)  # the next edit starts from a quiet server
            finally:
                # SIGINT is Ctrl-C: mkdocs serve stops cleanly and removes its temporary site.
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        # Written when the server exits; the first build is the one at start-up.
        probe = json.loads(probe_out.read_text()) if probe_out.exists() else {}
        rebuilds = probe.get("build", [])[1:]
        generate = probe.get("generate", [])[1:]
    done = [t for t in times if t is not None]
    return {
        "edits": edits,
        "times": times,
        "timeouts": len(times) - len(done),
        "median": statistics.median(done) if done else None,
        "min": min(done) if done else None,
        "max": max(done) if done else None,
        "startup": started,
        "rebuilds": rebuilds,
        "rebuild_median": statistics.median(rebuilds) if rebuilds else None,
        "first_build": probe.get("build", [None])[0],
        "generate_median": statistics.median(generate) if generate else None,
        "background": statistics.median(background) if background else None,
    }
