"""``make bench-suite``: the test suite's time against an earlier commit's, both measured in one run.

    python -m bench.suite [--base COMMIT] [--rounds N] [--fast] [--pytest-args "-k links"]

The earlier commit (``--base``, a5ef377 by default: the suite before issue 22 made it faster) is
checked out in a temporary ``git worktree`` and set up as its own Makefile sets itself up: its
``make .venv/.ready`` makes its virtualenv. Zensical's virtualenv and ``node_modules/`` are this
checkout's when the lock files that pin them are the same in both (they are made by the same
recipe from the same pins), else the base's own ``make`` makes them. Then each checkout's own
``make test`` runs, alternated ``--rounds`` times (base, this checkout, base, …: a machine that
grows busier or quieter during the run weighs on both alike), and with ``--fast`` this
checkout's ``make test-fast`` too. ``--pytest-args`` reach every run through ``PYTEST_ADDOPTS``
(a ``-k`` filter, to try the script on a few tests).

Printed: for each run, its wall time, the CPU time of the run and every process it started and
waited for (which a busy machine inflates far less than the wall time), the machine's CPU time
during the run (``machine_cpu``: with the browsers, which no process of the run waits for), and
pytest's summary line; then this checkout's time as a share of the base's. The goal of issue
22: at most 0.5 for ``make test``, and ``make test-fast`` under a minute. The runs' output is kept in the folder printed at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import ROOT
from .machine import machine

BASE = "a5ef377"
# Made by `make` from pinned files: shared by the two checkouts when those files are the same.
SHARED_SETUP = {
    ".venv-zensical": ("requirements-zensical.lock",),
    "node_modules": ("package.json", "package-lock.json"),
}
# What each shared folder's recipe leaves to mark it made: `make -o` takes it as made.
MADE_MARKS = (".venv-zensical/.ready", "node_modules/.installed")
# pytest's last line: "=== 1234 passed, 2 skipped in 300.00s (0:05:00) ===".
SUMMARY = re.compile(r"^=+ (.* in [0-9.]+s\b.*?) =+$", re.MULTILINE)


@dataclass
class Run:
    label: str
    wall: float
    cpu: float
    machine: float | None
    status: int
    summary: str


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def set_up_base(commit: str, where: Path) -> Path:
    """The commit checked out in ``where`` (a detached worktree), set up as its Makefile does."""
    _git("worktree", "add", "--detach", str(where), commit)
    for folder, pins in SHARED_SETUP.items():
        same = all(_git("show", f"{commit}:{pin}") == (ROOT / pin).read_text(encoding="utf-8").strip() for pin in pins)
        if same and (ROOT / folder).exists():
            (where / folder).symlink_to(ROOT / folder)
    missing = [mark for mark in MADE_MARKS if not (where / mark).exists()]
    subprocess.run(["make", "-C", str(where), ".venv/.ready", *missing], check=True)
    return where


def remove_base(where: Path) -> None:
    """The worktree and its virtualenv gone, and the temporary folder holding them; the shared
    folders only unlinked."""
    for folder in SHARED_SETUP:
        if (where / folder).is_symlink():
            (where / folder).unlink()
    _git("worktree", "remove", "--force", str(where))
    shutil.rmtree(where.parent, ignore_errors=True)


def _as_from_a_terminal() -> None:
    """Each suite runs as from an editor's terminal, where Ctrl-C is not ignored, even when this
    script was started in a script's background, where it is (and stays, for every process
    started after). a5ef377's suite stops each `mkdocs serve` it starts with Ctrl-C and waits up
    to a minute for it: with Ctrl-C ignored, every stop waits out that minute (that suite took
    29 minutes so), which would flatter this checkout's, whose tests restore Ctrl-C themselves."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def timed(label: str, checkout: Path, target: str, pytest_args: str, log: Path) -> Run:
    """``make TARGET`` in ``checkout``, its set-up taken as done (``-o``): wall and CPU time."""
    env = {**os.environ, "PYTEST_ADDOPTS": pytest_args}
    command = ["make", "-C", str(checkout), target, *(f"-o{mark}" for mark in MADE_MARKS)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = machine_cpu()
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as output:
        status = subprocess.run(command, env=env, stdout=output, stderr=subprocess.STDOUT, preexec_fn=_as_from_a_terminal).returncode
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_after = machine_cpu()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    on_machine = None if machine_before is None or machine_after is None else machine_after - machine_before
    found = SUMMARY.findall(log.read_text(encoding="utf-8", errors="replace"))
    run = Run(label, wall, cpu, on_machine, status, found[-1] if found else "no pytest summary (see the log)")
    shown = "" if on_machine is None else f"{on_machine:8.1f} s"
    print(f"{label:<28} {wall:8.1f} s {cpu:8.1f} s CPU {shown:>10} on the machine   {run.summary}", flush=True)
    return run


def machine_cpu() -> float | None:
    """The CPU time the machine's every process has taken since it started (Linux's /proc/stat),
    in seconds; None where there is no /proc/stat. The run's own count misses the processes no
    process of the run waits for: Chromium, which Playwright's driver and Lighthouse's launcher
    start and leave to the system, took 751 of the 1,030 s of CPU of the browser tests alone
    (2026-12-07), none of it in that count."""
    try:
        first = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()
    except OSError:
        return None
    # cpu user nice system idle iowait irq softirq steal …: the time not idle nor waiting.
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, first[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def share(runs: list[Run], label: str, base: list[Run]) -> str:
    mine = [run for run in runs if run.label == label]
    wall = sum(r.wall for r in mine) / sum(r.wall for r in base)
    cpu = sum(r.cpu for r in mine) / sum(r.cpu for r in base)
    said = f"{label}: {wall:.2f} of the base's wall time, {cpu:.2f} of its CPU time"
    if all(r.machine for r in mine + base):
        said += f", {sum(r.machine for r in mine) / sum(r.machine for r in base):.2f} of the machine's"
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=BASE, help=f"the commit to compare with (default {BASE})")
    parser.add_argument("--rounds", type=int, default=1, help="how many times each suite runs, alternated (default 1)")
    parser.add_argument("--fast", action="store_true", help="time this checkout's `make test-fast` too")
    parser.add_argument("--pytest-args", default="", help="more pytest arguments for every run, as PYTEST_ADDOPTS takes them: \"-k 'links or search'\"")
    args = parser.parse_args(argv)

    commit = _git("rev-parse", "--short", args.base)
    logs = Path(tempfile.mkdtemp(prefix="bench-suite-logs-"))
    base = set_up_base(commit, Path(tempfile.mkdtemp(prefix=f"bench-suite-{commit}-")) / "checkout")
    facts = machine()
    print(f"{facts['CPU']}, {facts['Cores']} cores; base {commit}, this checkout {facts['Commit']}")
    print(f"{'run':<28} {'wall':>10} {'CPU':>14} {'machine CPU':>21}   pytest")
    runs: list[Run] = []
    try:
        for n in range(1, args.rounds + 1):
            runs.append(timed(f"make test at {commit}", base, "test", args.pytest_args, logs / f"base-{n}.log"))
            runs.append(timed("make test", ROOT, "test", args.pytest_args, logs / f"test-{n}.log"))
            if args.fast:
                runs.append(timed("make test-fast", ROOT, "test-fast", args.pytest_args, logs / f"test-fast-{n}.log"))
    finally:
        remove_base(base)
    baseline = [run for run in runs if run.label.endswith(commit)]
    print(share(runs, "make test", baseline) + " (goal: at most 0.50)")
    if args.fast:
        fast = [run for run in runs if run.label == "make test-fast"]
        print(f"make test-fast: {sum(r.wall for r in fast) / len(fast):.1f} s wall on average (goal: under 60 s)")
    print(f"output of every run: {logs}")
    return 1 if any(run.status for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
