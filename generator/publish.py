"""Putting a freshly built site in place of the old one: never a moment without ``site/``.

A build writes into a folder beside ``site/`` (``.site-building-<pid>-…``), which replaces
``site/`` only once the build has succeeded, so a failed build costs nothing. That folder gets
the mode a plain ``mkdocs build`` gives ``site/`` (``0o777`` less the umask: 0755 as a rule),
so that a web server running as another user, ``cp -a`` and ``rsync -a`` can read it. Where
``site/`` is a symbolic link (to a web server's root), the folder it points to is the one
replaced, the same way, beside it; the link stays. The replacement
is one atomic exchange of the two folders where the system has one (Linux's
``renameat2(RENAME_EXCHANGE)``, macOS's ``renamex_np(RENAME_SWAP)``): ``site/`` stays a real
folder throughout, as every way of publishing it expects (a web server's root, ``rsync``,
``ghp-import``, a Git checkout), which a symbolic link swapped into place would not be. Where
there is no exchange, two renames are used and the next build puts back a ``site/`` that a
kill between them left as ``.site-previous``.

What MkDocs keeps in ``site/`` when it builds in place is kept too: entries whose name starts
with a dot (``.git``, ``.nojekyll``, ``.well-known/``). They are linked (or copied) into the new
folder before the exchange, so at every moment one complete copy is ``site/``. A killed build's
folder is removed by the next build.

Where ``site/`` is a mount point (a container's volume), the folder itself cannot move: its
files are replaced one by one instead, each copied to a temporary name in its folder and
renamed over the old one, new files added, and only then the old site's leftovers removed, so
that a kill at any moment leaves every page readable, old or new. The room this needs is
checked first: a new site that cannot fit is refused, and the old one is left untouched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import signal
import stat
import sys
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic
from .load import display_path

# Names beside site/: a build in progress, and site/ between the two renames of the fallback.
_BUILDING = "-building-"
_PREVIOUS = "-previous"
# A test hook: the name of a step (see _step) at which the build kills itself, as `kill -9`
# would, so that tests can stop a build at its worst moments on a real filesystem.
KILL_AT = "EXPLAINER_TEST_KILL_AT"
# errno values of a full disk: no room left, or none left to this user.
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def _step(name: str) -> None:
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class PublishError(Exception):
    """The new site cannot be put in place; the last good one is left as it was."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def disk_full(error: OSError, site: Path) -> Diagnostic | None:
    """What a build that ran out of room says (``None`` for other errors): which folder, that
    its disk is full, and that the last good site was kept."""
    if error.errno not in DISK_FULL:
        return None
    where = _real(site).parent
    return Diagnostic(
        display_path(site), 0, 0, "error",
        f"the disk holding {display_path(where)} is full: the new site could not be written there "
        "and the last good site was kept (expected room for a second copy of the site: free some space and build again)",
    )


def _real(site: Path) -> Path:
    """The folder ``site`` names: where a symbolic link points, as its own name is not the site."""
    return Path(os.path.realpath(site))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def staging(site: Path) -> Path:
    """A new, empty folder beside ``site`` (beside the folder it points to, if it is a
    symbolic link) for a build to write into; first cleans up after builds that were killed
    (see ``recover``)."""
    site = _real(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    recover(site)
    folder = Path(tempfile.mkdtemp(prefix=f".{site.name}{_BUILDING}{os.getpid()}-", dir=site.parent))
    # mkdtemp's folder is its owner's alone (0700); site/ is everybody's to read, as MkDocs makes it.
    folder.chmod(0o777 & ~_umask())
    return folder


def recover(site: Path) -> None:
    """Undoes what a killed build left: its staging folder goes, and a ``site/`` that the
    fallback swap had moved aside comes back."""
    previous = site.with_name(f".{site.name}{_PREVIOUS}")
    if previous.is_dir():
        if site.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(previous, site)
    for leftover in site.parent.glob(f".{site.name}{_BUILDING}*"):
        if leftover.is_dir() and not _running(leftover.name[len(f".{site.name}{_BUILDING}"):]):
            shutil.rmtree(leftover, ignore_errors=True)


def _running(tail: str) -> bool:
    """Whether the build that made a staging folder (named ``<pid>-<random>``) is still running."""
    pid = tail.split("-", 1)[0]
    if not pid.isdigit():
        return False  # not one of ours, or from an older version: a leftover either way
    if int(pid) == os.getpid():
        return False  # this process starts one build at a time
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def put_in_place(built: Path, site: Path) -> None:
    """Makes ``built`` the new ``site``, keeping ``site``'s dot-entries, and removes the old one.

    Raises PublishError, leaving the old site as it was, when ``site`` is a mount point that
    the new site cannot fit on."""
    named, site = site, _real(site)
    _step("built")
    if not site.exists():
        os.rename(built, site)
        return
    if os.path.ismount(site):
        _replace_on_mount(built, site, named)
        return
    _keep_dot_entries(site, built)
    _step("kept")
    try:
        exchanged = _exchange(built, site)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EBUSY):
            raise
        # A mount point that ismount cannot tell (a bind mount from the same file system).
        _replace_on_mount(built, site, named)
        return
    if exchanged:
        _step("exchanged")
        shutil.rmtree(built, ignore_errors=True)  # the old site, now under the staging name
        return
    previous = site.with_name(f".{site.name}{_PREVIOUS}")
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(site, previous)
    _step("moved-aside")
    os.rename(built, site)
    shutil.rmtree(previous, ignore_errors=True)


def _keep_dot_entries(old: Path, new: Path) -> None:
    """Entries of ``old`` whose name starts with a dot, into ``new``: hard links where the file
    system allows (instant, and no second copy of a large .git), else copies. What the new
    build wrote itself wins."""

    def link(source: str, target: str) -> None:
        if os.path.lexists(target):
            return
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            shutil.copy2(source, target, follow_symlinks=False)

    for entry in os.scandir(old):
        if not entry.name.startswith("."):
            continue
        target = new / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, target, symlinks=True, copy_function=link, dirs_exist_ok=True)
        else:
            link(entry.path, str(target))


# -- a mount point: file by file ------------------------------------------------------------------


def _replace_on_mount(built: Path, site: Path, named: Path) -> None:
    """Replaces the contents of ``site``, a mount point, with ``built``'s, file by file, after
    checking they fit; then removes ``built``."""
    folders, files = _tree(built)
    needed, free = _room(built, site, folders, files)
    if needed > free:
        raise PublishError(Diagnostic(
            display_path(named), 0, 0, "error",
            f"the new site does not fit on the disk mounted there: it needs {_size(needed)} more "
            f"and {_size(free)} is free, so the last good site was kept (expected room for the new "
            "site beside the old: free some space, or make the volume larger, and build again)",
        ))
    try:
        _copy_over(built, site, folders, files)
    except OSError as error:
        if error.errno not in DISK_FULL:
            raise
        # Only when something else fills the disk meanwhile: the room was checked.
        raise PublishError(Diagnostic(
            display_path(named), 0, 0, "error",
            "the disk mounted there filled up while the new site was copied in: its pages are part "
            "old, part new, each one whole (expected room for the new site: free some space and build again)",
        )) from None
    _remove_stale(site, set(folders) | set(files))
    shutil.rmtree(built, ignore_errors=True)


def _copy_over(built: Path, site: Path, folders: list[str], files: list[str]) -> None:
    """Each folder and file of ``built`` into ``site``: a file is copied to a temporary name
    in its folder, then renamed over the old one, so that it is never seen half written."""
    partial = f".{site.name}-partial-{os.getpid()}"
    for folder in folders:
        target = site / folder
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            target.unlink()
        if not target.is_dir():
            target.mkdir()
            shutil.copymode(built / folder, target)
    for number, file in enumerate(files, 1):
        target = site / file
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)  # a folder the new site has as a file
        temporary = target.with_name(partial)
        try:
            shutil.copy2(built / file, temporary, follow_symlinks=False)
            os.replace(temporary, target)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)
        if number == len(files) // 2:
            _step("half-replaced")


def _tree(root: Path) -> tuple[list[str], list[str]]:
    """The folders (parents first) and the other entries of ``root``, relative to it."""
    folders: list[str] = []
    files: list[str] = []
    for path, dirs, names in os.walk(root):
        dirs.sort()
        prefix = _prefix(root, path)
        folders.extend(prefix + name for name in dirs)
        files.extend(prefix + name for name in sorted(names))
    return folders, files


def _prefix(root: Path, path: str) -> str:
    """What goes before a name in ``path`` to make it relative to ``root``."""
    here = os.path.relpath(path, root)
    return "" if here == "." else here + os.sep


def _room(built: Path, site: Path, folders: list[str], files: list[str]) -> tuple[int, int]:
    """The room, in bytes, that replacing ``site``'s files with ``built``'s needs at most (each
    file's growth, a block per new folder, and a copy of the largest file while it is in two
    places), and the room free on ``site``'s disk."""
    disk = os.statvfs(site)
    block = disk.f_frsize or disk.f_bsize

    def blocks(path: Path) -> int:
        status = os.lstat(path)
        return -(-status.st_size // block) * block if stat.S_ISREG(status.st_mode) else 0

    growth = sum(block for folder in folders if not (site / folder).is_dir())
    twice = 0
    for file in files:
        new = blocks(built / file)
        old = blocks(site / file) if os.path.lexists(site / file) else 0
        growth += max(0, new - old)
        twice = max(twice, min(new, old))
    return growth + twice, disk.f_bavail * disk.f_frsize


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{-(-count // 1000)} kB"


def _remove_stale(site: Path, kept: set[str]) -> None:
    """Removes what the new site does not have, but for the dot-entries at the top (as MkDocs
    keeps them) that are not a killed build's temporary files."""
    partial = f".{site.name}-partial-"

    def stale(relative: str) -> bool:
        dot_entry = os.sep not in relative and relative.startswith(".") and not relative.startswith(partial)
        return relative not in kept and not dot_entry

    for path, dirs, names in os.walk(site):
        prefix = _prefix(site, path)
        for relative in filter(stale, [prefix + name for name in dirs + names]):
            entry = site / relative
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        # Down only into the new site's folders: a dot-entry at the top is kept whole.
        dirs[:] = [name for name in dirs if prefix + name in kept]


# -- an atomic exchange of two folders ---------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # Linux, <linux/fs.h>
_RENAME_SWAP = 2  # macOS, <stdio.h>
# errno values meaning "this system or file system cannot exchange": fall back to two renames.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)}


def _exchange(a: Path, b: Path) -> bool:
    """Swaps two folders in one step; False where the system cannot (then nothing happened)."""
    call = _exchange_call()
    if call is None:
        return False
    if call(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _exchange_call():
    libc_name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
    except OSError:
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        return lambda a, b: renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        renamex_np = libc.renamex_np
        renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        return lambda a, b: renamex_np(a, b, _RENAME_SWAP)
    return None
