"""Live reload: how long from a saved YAML edit to the changed page served by ``mkdocs serve``.

Starts ``mkdocs serve`` on 127.0.0.1 in a throw-away project whose content is a copy of the
given desk, then several times: writes a unique marker into a content file (an actor's name in
the registry's actors.yml, an explainer's standfirst or title) and polls the page that shows it
(every 20 ms) until it contains the marker. The clock starts when the write returns. MkDocs'
server holds a request while a rebuild is running, so the time covers the whole path: noticing
the change (MkDocs polls the watched folders every 0.5 s), its 0.1 s wait for further changes,
the rebuild, and serving the page. The edits are spread evenly over MkDocs' polling cycle, as
editors' saves would be: the server (run through ``bench.probe``) notes each time the watcher
has looked at the content, and each edit is saved a chosen time before its next look, the
times evenly spread over the cycle. Left to chance, where in the cycle each save fell moved a
median of eleven edits by a tenth of a second, and the ratio of two desks' medians by 0.3.

Desks compared with each other (``measure_alternated``) are served side by side and take turns,
edit by edit, as the floor's builds alternate: a machine that grows busier or quieter during the
run weighs on every desk alike, instead of on whichever was measured last.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
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
from collections.abc import Sequence
from pathlib import Path

from generator import urls

from .machine import wait_for_quiet
from .probe import polls_file
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


@dataclasses.dataclass(frozen=True)
class Edit:
    """What is saved and where it shows: in ``file`` (of the content folder) the first ``old``
    becomes ``new``, whose ``{marker}`` is a unique word, until the served ``page`` (its address
    in the site) shows the marker; the server is ``mkdocs serve`` with ``args``, ready once
    ``page`` shows ``ready``."""

    file: str
    old: str
    new: str
    page: str
    ready: str
    args: tuple[str, ...] = ()


def _pauses(edits: int) -> list[float]:
    """MkDocs scans the files every 0.5 s. Saving each edit a different time before its next
    scan (evenly spread over the cycle, in shuffled order) lands the edits at every point of
    it, as editors' saves would, instead of at one point it happens to favour."""
    pauses = [POLL_CYCLE * (i + 0.5) / edits for i in range(edits)]
    random.Random(edits).shuffle(pauses)
    return pauses


def _looks(polls: Path) -> list[float]:
    """When the server's watcher looked at the content, as ``bench.probe`` notes it."""
    try:
        return [float(line) for line in polls.read_text(encoding="utf-8").split()]
    except (OSError, ValueError):
        return []


def _until_before_look(polls: Path, ahead: float) -> None:
    """Sleeps until ``ahead`` seconds before the watcher's next look at the content, by the looks
    the server notes (its cycle: 0.5 s and the look itself); when it notes none, for ``ahead``."""
    looks = _looks(polls)[-6:]
    if len(looks) < 2:
        time.sleep(ahead)
        return
    cycle = statistics.median(later - earlier for earlier, later in zip(looks, looks[1:]))
    # The first look far enough ahead to save ``ahead`` before it (20 ms to get ready).
    k = max(1, math.ceil((time.time() + ahead + 0.02 - looks[-1]) / cycle))
    time.sleep(max(0.0, looks[-1] + k * cycle - ahead - time.time()))


@contextlib.contextmanager
def _served(content: Path, edit: Edit, startup_timeout: float):
    """``mkdocs serve`` of a copy of ``content``, once it serves the edited page: a ``_Served``."""
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(content, copy)
        project = make_project(Path(tmp) / "project")
        log = Path(tmp) / "serve.log"
        probe_out = Path(tmp) / "probe.json"
        polls = polls_file(probe_out)
        port = free_port()
        url = f"http://127.0.0.1:{port}/{edit.page}"
        edited = copy / edit.file
        original = edited.read_text(encoding="utf-8")
        if edit.old not in original:
            raise ValueError(f"{edited} has no {edit.old!r}")
        with log.open("w") as log_file:
            server = subprocess.Popen(
                # MkDocs' own command line, run through bench.probe to time each rebuild inside it.
                [sys.executable, "-m", "bench.probe", str(probe_out), "serve", *edit.args, "--dev-addr", f"127.0.0.1:{port}"],
                cwd=project, env=mkdocs_env(copy), stdout=log_file, stderr=subprocess.STDOUT,
                # Started in a script's background, the bench ignores Ctrl-C and so would the
                # server: it takes it, as from an editor's terminal, to stop cleanly below.
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
            served = _Served(edit, edited, original, url, polls)
            try:
                served.started = _wait_for(url, edit.ready, startup_timeout)
                if served.started is None:
                    raise RuntimeError(f"mkdocs serve did not serve {url} within {startup_timeout} s:\n{log.read_text()[-2000:]}")
                time.sleep(1.0)  # let the watcher take its first snapshot
                yield served
            finally:
                # SIGINT is Ctrl-C: mkdocs serve stops cleanly and removes its temporary site.
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        # Written when the server exits; the first build is the one at start-up.
        served.probe = json.loads(probe_out.read_text()) if probe_out.exists() else {}
        served.looks = _looks(polls)


@dataclasses.dataclass
class _Served:
    """One served desk: its edits' times, and when each was saved (for the order of turns)."""

    edit: Edit
    edited: Path
    original: str
    url: str
    polls: Path
    started: float | None = None
    times: list[float | None] = dataclasses.field(default_factory=list)
    saved: list[float] = dataclasses.field(default_factory=list)
    background: list[float] = dataclasses.field(default_factory=list)
    probe: dict = dataclasses.field(default_factory=dict)
    looks: list[float] = dataclasses.field(default_factory=list)

    def save(self, ahead: float) -> None:
        """One edit, saved ``ahead`` seconds before the watcher's next look, timed until its page
        shows it."""
        # Between rebuilds a server only polls a few folders: the CPU in use is other processes'.
        seen = wait_for_quiet(within=5.0)
        if seen is not None:
            self.background.append(seen)
        _until_before_look(self.polls, ahead)
        marker = f"Reload{len(self.times)}x{time.time_ns() % 10**8}"
        self.edited.write_text(self.original.replace(self.edit.old, self.edit.new.format(marker=marker), 1), encoding="utf-8")
        self.saved.append(time.time())
        self.times.append(_wait_for(self.url, marker, TIMEOUT))
        time.sleep(0.5)  # the next edit starts from a quiet server

    def result(self) -> dict:
        rebuilds = self.probe.get("build", [])[1:]
        generate = self.probe.get("generate", [])[1:]
        done = [t for t in self.times if t is not None]
        return {
            "edits": len(self.times),
            "times": self.times,
            "saved": self.saved,
            "timeouts": len(self.times) - len(done),
            "median": statistics.median(done) if done else None,
            "min": min(done) if done else None,
            "max": max(done) if done else None,
            "startup": self.started,
            "rebuilds": rebuilds,
            "rebuild_median": statistics.median(rebuilds) if rebuilds else None,
            "first_build": self.probe.get("build", [None])[0],
            "generate_median": statistics.median(generate) if generate else None,
            "background": statistics.median(self.background) if self.background else None,
            # How long each save waited for the watcher's next look: spread over its cycle.
            "watcher_waits": [next((look - saved for look in self.looks if look > saved), None) for saved in self.saved],
        }


def measure_alternated(desks: Sequence[tuple[Path, Edit]], edits: int = 7, startup_timeout: float = 300) -> list[dict]:
    """Each desk's ``Edit`` timed ``edits`` times, the desks served side by side and taking
    turns (the first desk's first edit, the second's, …, the first's second edit…), each turn
    after the same pause: per desk, the median (and every) time from the save to the page."""
    pauses = _pauses(edits)
    with contextlib.ExitStack() as stack:
        served = [stack.enter_context(_served(content, edit, startup_timeout)) for content, edit in desks]
        for pause in pauses:
            for one in served:
                one.save(pause)
    return [one.result() for one in served]


def measure_edit(content: Path, *, file: str, old: str, new: str, page: str, ready: str, edits: int = 7,
                 args: tuple[str, ...] = (), startup_timeout: float = 300) -> dict:
    """Median (and every) time from saving ``file`` with its first ``old`` replaced by ``new``
    to the served ``page`` showing the marker (see ``Edit``)."""
    return measure_alternated([(content, Edit(file, old, new, page, ready, args))], edits, startup_timeout)[0]


def measure(content: Path, *, actor_id: str, name: str, edits: int = 7, startup_timeout: float = 180) -> dict:
    """Median (and every) time from saving an edit of ``name`` to ``/actors/<actor_id>/`` showing it."""
    return measure_edit(
        content, file="actors.yml", old=f"name: {name}\n", new=f"name: {name} {{marker}}\n",
        page=urls.url(urls.path("actor", id=actor_id)), ready=name, edits=edits, startup_timeout=startup_timeout,
    )
