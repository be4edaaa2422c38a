"""A throw-away MkDocs project: the site's configuration copied next to any content folder."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

from generator.build_cache import COLD

from . import ROOT


def make_project(where: Path) -> Path:
    """Copies mkdocs.yml, overrides/ and docs/ into ``where``, as a builder would have them."""
    where.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, where / name)
        elif source.exists():
            shutil.copy(source, where / name)
    (where / "docs").mkdir(exist_ok=True)
    return where


def mkdocs_env(content: Path) -> dict[str, str]:
    """The environment for an ``mkdocs`` command that builds ``content``."""
    # Every build cold (generator/build_cache.py), as the build after a clone is: a build that
    # reuses the last one's pages is measured on its own, as a correction (bench.desks).
    env = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", COLD: "1"}
    # The bench package must be importable from the project folder (for bench.probe).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_size(folder: Path, *, exclude: tuple[str, ...] = ()) -> int:
    """Total bytes of the files under ``folder``, leaving out the top-level entries in ``exclude``."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and path.relative_to(folder).parts[0] not in exclude:
            total += path.stat().st_size
    return total
