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
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

# Names beside site/: a build in progress, and site/ between the two renames of the fallback.
_BUILDING = "-building-"
_PREVIOUS = "-previous"
# A test hook: the name of a step (see _step) at which the build kills itself, as `kill -9`
# would, so that tests can stop a build at its worst moments on a real filesystem.
KILL_AT = "EXPLAINER_TEST_KILL_AT"


def _step(name: str) -> None:
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


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
    """Makes ``built`` the new ``site``, keeping ``site``'s dot-entries, and removes the old one."""
    site = _real(site)
    _step("built")
    if not site.exists():
        os.rename(built, site)
        return
    _keep_dot_entries(site, built)
    _step("kept")
    try:
        exchanged = _exchange(built, site)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EBUSY):
            raise
        # site/ is a mount point (a container's volume): the folder itself cannot move, so its
        # contents are replaced, as MkDocs itself does.
        _replace_contents(built, site)
        shutil.rmtree(built, ignore_errors=True)
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


def _replace_contents(built: Path, site: Path) -> None:
    for entry in os.scandir(site):
        if not entry.name.startswith("."):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    for entry in os.scandir(built):
        if not os.path.lexists(site / entry.name):
            shutil.move(entry.path, site / entry.name)


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
