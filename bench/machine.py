"""The machine a benchmark runs on: its facts, and how busy other processes keep it."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
import time
from pathlib import Path

from . import ROOT

QUIET = 0.25  # cores' worth of CPU used by other processes below which the machine counts as quiet
QUIET_WAIT = 10.0  # seconds to wait for a quiet machine before each measurement, at most


def cpu_busy() -> float | None:
    """CPU seconds used by the whole machine since boot (all cores), from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(within: float | None = None) -> float | None:
    """Waits (a little: QUIET_WAIT seconds at most, or ``within`` if shorter) until other
    processes leave the CPUs alone; returns the load seen last, in cores.

    Nothing of ours runs meanwhile, so all the CPU used is other processes'. QUIET_WAIT is read
    at each call: the tests of the benchmarks' code set it to 0, as the suite's other workers
    never leave the machine quiet and they check what is measured, not how fast.
    """
    deadline = time.monotonic() + (QUIET_WAIT if within is None else min(within, QUIET_WAIT))
    while True:
        before, start = cpu_busy(), time.monotonic()
        time.sleep(0.5)
        after = cpu_busy()
        if before is None or after is None:
            return None
        others = (after - before) / (time.monotonic() - start)
        if others < QUIET or time.monotonic() > deadline:
            return others


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import yaml

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    try:
        commit = subprocess.run(
            ["git", "describe", "--always"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip() or "unknown"
        # Changed files make the code measured other than the commit's; the report itself,
        # written by the last run and not yet committed, does not.
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)BENCHMARKS.md"],
            cwd=ROOT, capture_output=True, text=True, timeout=10,
        ).stdout.strip()
        commit += "-dirty" if changed else ""
    except OSError:
        commit = "unknown"
    return {
        "CPU": cpu,
        "Cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "Memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "Material for MkDocs": version("mkdocs-material"),
        "PyYAML": f"{version('PyYAML')} (libyaml: {'yes' if getattr(yaml, '__with_libyaml__', False) else 'no'})",
        "Commit": commit,
    }
