"""A failed build leaves the previous site/ exactly as it was, and no half-built folder behind;
a good one keeps what MkDocs keeps in site/, leaves it readable by everybody, and updates the
folder a linked site/ points to; a build killed at any moment leaves a whole site/.

Builds are killed for real, at each step of replacing site/ (a test hook in
generator/publish.py makes the build kill itself there, as `kill -9` would), on the real
filesystem of a temporary folder. Small disks of their own (tmpfs, mounted when the tests run
as root, skipped otherwise) stand for a container's volume mounted as site/ and a disk that
fills up during a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import publish, urls

from .conftest import FIXTURES, make_project, mkdocs, own_templates


def python(project: Path, code: str, *, content: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a Python script in ``project`` as mkdocs() runs MkDocs: same content, same guard."""
    variables = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-c", code], cwd=project, env=variables, capture_output=True, text=True, timeout=300)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _break_with_a_warning(content: Path) -> None:
    with (content / "sources.yml").open("a") as f:
        f.write("- id: unused\n  publisher: Nobody\n  title: Never cited\n  date: 2025\n")


def _break_with_an_error(content: Path) -> None:
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("kind: state", "kind: empire", 1))


def _break_a_template(project: Path) -> None:
    # The template of every explainer's timeline page, replaced by the builder's broken one.
    (own_templates(project) / "explainer-timeline.md.j2").write_text("# Timeline\n\n{{ no_such_variable }}\n")


@pytest.mark.parametrize("breakage", ["warning in strict mode", "content error", "template error"])
def test_failed_build_keeps_the_last_good_site(tmp_path, breakage):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    before = _snapshot(project / "site")
    assert "index.html" in before

    if breakage == "warning in strict mode":
        _break_with_a_warning(content)
    elif breakage == "content error":
        _break_with_an_error(content)
    else:
        _break_a_template(project)
    result = mkdocs(project, "build", "--strict", content=content)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(project / "site") == before
    # Nothing left of the failed build; .cache/ is the good build's cache (generator/build_cache.py).
    assert sorted(p.name for p in project.iterdir()) == [".cache", "docs", "mkdocs.yml", "overrides", "site"] + (
        ["templates"] if breakage == "template error" else []
    )


def test_a_good_build_replaces_the_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("name: North", "name: Northland"))
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    north = urls.url(urls.path("actor", id="north")) + "index.html"
    assert "Northland" in (project / "site" / north).read_text()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


# -- what MkDocs keeps, and never a moment without site/ -------------------------------------------


def _dot_entries(site: Path) -> None:
    """What publishing tools keep in site/: a Git checkout (GitHub Pages), .nojekyll, .well-known/."""
    (site / ".git" / "refs" / "heads").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".git" / "refs" / "heads" / "gh-pages").write_text("0" * 40 + "\n")
    (site / ".git" / "current").symlink_to("HEAD")
    (site / ".nojekyll").write_text("")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: mailto:desk@example.org\n")


def _dots(site: Path) -> dict[str, bytes | str]:
    """The dot-entries of site/, file by file; a symbolic link by where it points."""
    found: dict[str, bytes | str] = {}
    for path in sorted(site.rglob("*")):
        name = str(path.relative_to(site))
        if not name.startswith("."):
            continue
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def _rename_north(content: Path, name: str) -> None:
    actors = content / "actors.yml"
    text = actors.read_text()
    assert text.startswith("- id: north\n  name: ")
    first, rest = text.split("\n  name: ", 1)
    actors.write_text(f"{first}\n  name: {name}\n{rest.split(chr(10), 1)[1]}")


NORTH = urls.url(urls.path("actor", id="north")) + "index.html"


def test_a_good_build_keeps_what_mkdocs_keeps(tmp_path):
    # MkDocs, building in place, empties site/ but for entries whose name starts with a dot.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    _dot_entries(project / "site")
    kept = _dots(project / "site")
    assert len(kept) == 5

    _rename_north(content, "Northland")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    assert _dots(project / "site") == kept
    assert "Northland" in (project / "site" / NORTH).read_text()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


# The steps of replacing site/ at which a build is killed (generator/publish.py): the new site
# is built, its dot-entries are copied in, the two folders are exchanged.
STEPS = {"built": "old", "kept": "old", "exchanged": "new"}


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_a_whole_site_and_the_next_build_cleans_up(tmp_path, step):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    site = project / "site"
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    _dot_entries(site)
    kept = _dots(site)
    old = _snapshot(site)

    _rename_north(content, "Northland")
    killed = mkdocs(project, "build", "--strict", content=content, env={publish.KILL_AT: step})
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    # site/ is whole: the old site before the exchange, the new one after; its dot-entries too.
    now = _snapshot(site)
    if STEPS[step] == "old":
        assert now == old
    else:
        assert "Northland" in now[NORTH].decode()
        assert {name for name in now if not name.startswith(".")} == {name for name in old if not name.startswith(".")}
    assert _dots(site) == kept
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".site-building-"), leftovers

    _rename_north(content, "Northmost")
    again = mkdocs(project, "build", "--strict", content=content)
    assert again.returncode == 0, again.stderr
    assert "Northmost" in (site / NORTH).read_text()
    assert _dots(site) == kept
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


# A system with no atomic exchange of folders (see generator/publish.py): the build moves
# site/ aside, then moves the new site in. Killed between the two, site/ is missing until the
# next build, which puts it back before anything else.
WITHOUT_EXCHANGE = """\
import sys
from mkdocs.__main__ import cli
from generator import publish
publish._exchange = lambda a, b: False
sys.exit(cli(["build", "--strict"]))
"""


def test_without_an_atomic_exchange_the_next_build_puts_back_a_site_a_kill_moved_aside(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    project = make_project(tmp_path / "project")
    site = project / "site"
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    _dot_entries(site)
    old = _snapshot(site)

    _rename_north(content, "Northland")
    killed = python(project, WITHOUT_EXCHANGE, content=content, env={publish.KILL_AT: "moved-aside"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not site.exists()
    assert _snapshot(project / ".site-previous") == old

    # A build that fails still puts the old site back, as it was.
    _break_with_an_error(content)
    failed = python(project, WITHOUT_EXCHANGE, content=content)
    assert failed.returncode == 1, failed.stderr
    assert _snapshot(site) == old
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


def test_a_killed_builds_folder_is_removed_but_not_a_running_ones(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    killed = tmp_path / f".site-building-{_a_finished_pid()}-x1y2z3"
    (killed / "assets").mkdir(parents=True)
    running = tmp_path / f".site-building-{os.getppid()}-a1b2c3"
    running.mkdir()
    staging = publish.staging(site)
    assert staging.parent == tmp_path and staging.name.startswith(f".site-building-{os.getpid()}-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", running.name, staging.name])


def _a_finished_pid() -> int:
    """The id of a process that has ended (and, its parent having reaped it, is free)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, timeout=60)
    return int(done.stdout)


# -- what a web server sees: modes, a symbolic link to its root ----------------------------------


def _minimal(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the minimal desk and a project to build it in."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    return content, make_project(tmp_path / "project")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _modes(site: Path) -> dict[str, int]:
    """The permission bits of site/ itself ("") and of everything in it."""
    return {str(p.relative_to(site)) if p != site else "": stat.S_IMODE(p.lstat().st_mode) for p in [site, *site.rglob("*")]}


def test_site_gets_the_mode_a_plain_mkdocs_build_gives_it(tmp_path):
    # A web server running as another user, `cp -a` and `rsync -a` can read every file.
    content, project = _minimal(tmp_path)
    site = project / "site"
    folder, file = 0o777 & ~_umask(), 0o666 & ~_umask()
    expected = lambda: {name: folder if (site / name).is_dir() else file for name in _modes(site)}  # noqa: E731

    assert mkdocs(project, "build", "--strict", content=content).returncode == 0  # site/ is new
    assert _modes(site) == expected() and _modes(site)[""] == folder
    site.chmod(0o700)  # as builds before this one left it
    assert mkdocs(project, "build", "--strict", content=content).returncode == 0  # site/ is exchanged
    assert _modes(site) == expected() and _modes(site)[""] == folder


def test_a_site_that_is_a_symbolic_link_updates_the_folder_it_points_to(tmp_path):
    content, project = _minimal(tmp_path)
    root = tmp_path / "www" / "html"
    root.mkdir(parents=True)
    (root / "old.html").write_text("an old page")
    (root / ".well-known").mkdir()
    (root / ".well-known" / "security.txt").write_text("Contact: mailto:desk@example.org\n")
    (project / "site").symlink_to("../www/html")

    assert mkdocs(project, "build", "--strict", content=content).returncode == 0
    _rename_north(content, "Northland")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr

    assert os.readlink(project / "site") == "../www/html"
    assert "Northland" in (root / NORTH).read_text()
    assert not (root / "old.html").exists()
    assert (root / ".well-known" / "security.txt").read_text() == "Contact: mailto:desk@example.org\n"
    assert stat.S_IMODE(root.stat().st_mode) == 0o777 & ~_umask()
    assert sorted(p.name for p in root.parent.iterdir()) == ["html"]
    assert sorted(p.name for p in project.iterdir()) == [".cache", "docs", "mkdocs.yml", "overrides", "site"]  # .cache: build_cache.py


# -- a small disk: site/ as a mount point, a disk that fills up -----------------------------------


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small disk of its own (tmpfs) mounted at ``folder``: only as root, so the test skips
    otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _tree_hash(site: Path) -> str:
    """One hash of every path, mode and byte under ``site``."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        digest.update(f"{path.relative_to(site)}\0{path.lstat().st_mode}\0".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


NO_ROOM = re.compile(
    r"ERROR   -  site: error: the new site does not fit on the disk mounted there: it needs \d+\.\d MB more "
    r"and \d+\.\d MB is free, so the last good site was kept \(expected room for the new site beside the "
    r"old: free some space, or make the volume larger, and build again\)"
)


def test_on_a_mount_point_a_site_that_fits_is_published_and_one_that_does_not_is_refused(tmp_path):
    content, project = _minimal(tmp_path)
    with _tmpfs(project / "site", "8m") as site:
        (site / ".nojekyll").write_text("")
        (site / "old.html").write_text("a page the new site no longer has")
        assert mkdocs(project, "build", "--strict", content=content).returncode == 0
        _rename_north(content, "Northland")
        result = mkdocs(project, "build", "--strict", content=content)
        assert result.returncode == 0, result.stderr
        assert "Northland" in (site / NORTH).read_text()
        assert (site / ".nojekyll").exists() and not (site / "old.html").exists()
        assert not [p for p in site.rglob(".site-partial-*")]
        before = _tree_hash(site)

        # The new site would have 6 MB more than the old, and 8 MB hold both.
        (project / "docs" / "large.bin").write_bytes(os.urandom(6_000_000))
        _rename_north(content, "Northmost")
        refused = mkdocs(project, "build", "--strict", content=content)
        assert refused.returncode == 1, refused.stderr
        assert "Traceback" not in refused.stderr
        errors = [line for line in refused.stderr.splitlines() if "ERROR" in line]
        assert len(errors) == 1 and NO_ROOM.fullmatch(errors[0]), refused.stderr
        assert _tree_hash(site) == before
        assert sorted(p.name for p in project.iterdir()) == [".cache", "docs", "mkdocs.yml", "overrides", "site"]  # .cache: build_cache.py


def test_on_a_mount_point_a_kill_midway_leaves_every_page_whole_old_or_new(tmp_path):
    content, project = _minimal(tmp_path)
    with _tmpfs(project / "site", "8m") as site:
        assert mkdocs(project, "build", "--strict", content=content).returncode == 0
        old = _snapshot(site)

        _rename_north(content, "Northland")
        killed = mkdocs(project, "build", "--strict", content=content, env={publish.KILL_AT: "half-replaced"})
        assert killed.returncode == -signal.SIGKILL, killed.stderr

        # The killed build's own folder still holds the whole new site, as it was copied from.
        (staging,) = [p for p in project.iterdir() if p.name.startswith(".site-building-")]
        new = _snapshot(staging)
        now = _snapshot(site)
        pages = {name: data for name, data in now.items() if name.endswith(".html")}
        assert set(pages) == {name for name in new if name.endswith(".html")}
        assert all(data in (old.get(name), new[name]) for name, data in pages.items())
        changed = [name for name in new if old.get(name) != new[name]]
        assert {now.get(name) == new[name] for name in changed} == {True, False}  # midway indeed

        # What a kill while a file was being copied leaves: its temporary copy, removed next time.
        (site / ".site-partial-1").write_text("<html")
        (site / "assets" / ".site-partial-1").write_text("<html")
        again = mkdocs(project, "build", "--strict", content=content)
        assert again.returncode == 0, again.stderr
        assert _snapshot(site) == new
        assert not [p for p in project.iterdir() if p.name.startswith(".site")]


DISK_FULL = re.compile(
    r"ERROR   -  (\S+): error: the disk holding (\S+) is full: the new site could not be written there and "
    r"the last good site was kept \(expected room for a second copy of the site: free some space and build again\)"
)


def test_a_full_disk_is_one_line_and_the_last_good_site_is_kept(tmp_path):
    content, project = _minimal(tmp_path)
    # Room for one site (about 3 MB) and not for the second copy that a build writes beside it.
    with _tmpfs(tmp_path / "disk", "5m") as disk:
        site = disk / "site"
        assert mkdocs(project, "build", "--strict", "--site-dir", str(site), content=content).returncode == 0
        before = _tree_hash(site)

        _rename_north(content, "Northland")
        full = mkdocs(project, "build", "--strict", "--site-dir", str(site), content=content)
        assert full.returncode == 1, full.stderr
        assert "Traceback" not in full.stderr
        errors = [line for line in full.stderr.splitlines() if "ERROR" in line]
        assert len(errors) == 1 and DISK_FULL.fullmatch(errors[0]).groups() == (str(site), str(disk)), full.stderr
        assert _tree_hash(site) == before
        assert sorted(p.name for p in disk.iterdir()) == ["site"]
