"""Reproducible builds: the same content gives the same site, byte for byte.

Each content folder is built with ``mkdocs build --strict`` in two project folders (so no
absolute path may leak into the output) with different hash seeds (so no set or dict order
may leak either), and every file of the two site/ trees is compared. The folders are the
minimal fixture (a folder in the old layout, built as a desk of one) and the shipped desk
(several explainers sharing one registry, where the order of explainers could leak too).

A build on another day must give the same bytes too: nothing in the content changed. That is
checked by running MkDocs with its clock set a year back (not with SOURCE_DATE_EPOCH, which
the plugin rightly lets win over the date it pins itself: the explainer's last update).
Without that pin, sitemap.xml.gz's gzip header held the day of the build.
"""

from __future__ import annotations

import datetime
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CONTENT, FIXTURES, build, make_project

MINIMAL = FIXTURES / "minimal"
FOLDERS = {"desk of one": MINIMAL, "desk": CONTENT}

# `python -c` program: MkDocs's command line, with MkDocs's clock at FAKE_TODAY (YYYY-MM-DD).
ON_ANOTHER_DAY = """\
import datetime, os, sys
import mkdocs.utils
from mkdocs.__main__ import cli

class Clock(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        day = datetime.datetime.fromisoformat(os.environ["FAKE_TODAY"]).replace(hour=12)
        return day.replace(tzinfo=tz) if tz else day

mkdocs.utils.datetime = Clock
sys.argv[0] = "mkdocs"
cli()
"""


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Each file that differs, and how: readable enough to act on."""
    found = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    found += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if a[name] == b[name]:
            continue
        if name.endswith(".gz") and gzip.decompress(a[name]) == gzip.decompress(b[name]):
            found.append(f"{name}: same content, different gzip header (MTIME {a[name][4:8].hex()} vs {b[name][4:8].hex()})")
            continue
        at = next(i for i, (x, y) in enumerate(zip(a[name], b[name])) if x != y) if len(a[name]) == len(b[name]) else 0
        found.append(f"{name}: differs from byte {at}: {a[name][max(at - 40, 0):at + 80]!r} vs {b[name][max(at - 40, 0):at + 80]!r}")
    return found


def build_copy(where: Path, content: Path, **env: str) -> Path:
    """A copy of ``content`` beside ``where`` built there with ``mkdocs build --strict`` (conftest's
    way): neither the project's nor the content's folder may show in the output."""
    content = Path(shutil.copytree(content, where.parent / "content"))
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build(where, content, env=env)


@pytest.fixture(scope="module", params=list(FOLDERS))
def first_build(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, bytes]]:
    content = FOLDERS[request.param]
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    site = build_copy(tmp_path_factory.mktemp("first") / "project", content, PYTHONHASHSEED="1")
    return content, today, site_files(site)


def test_two_builds_are_byte_identical(first_build, tmp_path):
    content, day, first = first_build
    second = site_files(build_copy(tmp_path / "elsewhere" / "project", content, PYTHONHASHSEED="2"))
    if datetime.datetime.now(datetime.timezone.utc).date().isoformat() != day:
        pytest.skip("the builds straddled midnight UTC: see test_a_build_on_another_day_is_byte_identical")
    assert len(first) > 20
    assert differences(first, second) == []


def test_a_build_on_another_day_is_byte_identical(first_build, tmp_path):
    content, day, first = first_build
    project = make_project(tmp_path / "project")
    a_year_ago = (datetime.date.fromisoformat(day) - datetime.timedelta(days=365)).isoformat()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(EXPLAINER_CONTENT=str(content), NO_MKDOCS_2_WARNING="1", FAKE_TODAY=a_year_ago, PYTHONHASHSEED="3")
    result = subprocess.run(
        [sys.executable, "-c", ON_ANOTHER_DAY, "build", "--strict"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert differences(first, site_files(project / "site")) == []
