"""Step 1, load: content files → plain Python data, with the place of every value.

The desk's YAML files are found (at the top of the content folder and in each explainer's
folder), read with limits on size, and parsed by ``parsing.py``.
"""

from __future__ import annotations

import gc
import os
import unicodedata
from pathlib import Path

from .diagnostics import ContentError, Diagnostic
from .model import EXPLAINERS_FOLDER
from .parsing import NOT_PRINTABLE, Document, Key, line_col, parse

# Document, Key, parse and NOT_PRINTABLE are parsing.py's, named here too: what ``load`` gives
# is what the other steps read.
__all__ = [
    "MAX_FILE_BYTES", "NOT_PRINTABLE", "Document", "Key", "Unreadable", "display_path", "is_yaml_name", "link_outside", "load",
    "load_file", "parse",
]


class Unreadable(ContentError):
    """Raised by ``load`` when some files could not be read: their problems, with the
    ``documents`` of the files that were read and the names of those that were not (``files``),
    so that what the others hold is checked too (``validate.validated``)."""

    def __init__(self, diagnostics: list[Diagnostic], documents: dict[str, Document], files: frozenset[str]):
        super().__init__(diagnostics)
        self.documents, self.files = documents, files


# Bigger than any explainer will be; keeps a pasted dump from exhausting memory.
MAX_FILE_BYTES = 8 * 1024 * 1024


def display_path(path: Path) -> str:
    """The path as the editor knows it: relative to where they run the command."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def load(content_dir: Path, cache: dict[Path, tuple[bytes, str, Document]] | None = None) -> dict[str, Document]:
    """Every YAML file of a desk, keyed by its path in ``content_dir`` (``actors.yml``,
    ``explainers/talks/positions.yml``): the files at the top and those in each explainer's
    folder. Other folders (images, notes) are not read.

    ``cache`` (kept by the caller from one call to the next, as a preview does) saves parsing
    again a file whose bytes have not changed since.

    Raises ContentError listing the problems of every file, not just the first: Unreadable,
    with what the others hold, when the folder could be listed.
    """
    documents: dict[str, Document] = {}
    problems: list[Diagnostic] = []
    unreadable: set[str] = set()
    if not content_dir.is_dir():
        problem = "is not a folder" if content_dir.exists() else "content folder not found"
        raise ContentError([Diagnostic(display_path(content_dir), 0, 0, "error", f"{problem} (expected a folder of .yml files)")])
    try:
        files = _yaml_files(content_dir)
    except OSError as error:
        # A folder that cannot be listed (no permission), or one deleted while it was read.
        where = display_path(Path(error.filename)) if error.filename else display_path(content_dir)
        raise ContentError([Diagnostic(where, 0, 0, "error", f"cannot be read: {error.strerror} (expected a readable folder)")]) from None
    # Parsing makes many small objects and no cycles; left on, the garbage collector's passes
    # over them made large explainers load in more than linear time.
    collecting = gc.isenabled()
    gc.disable()
    root = os.path.realpath(content_dir)
    # Each file named as display_path names it, from the folder's name worked out once (a
    # preview reads every file of the desk at every save).
    shown = display_path(content_dir)
    # Each folder's real path worked out once: a file that is no link is where its folder is.
    real_folders: dict[Path, str] = {}
    try:
        for path in files:
            name = path.relative_to(content_dir).as_posix()
            real = None
            if not path.is_symlink():
                folder = real_folders.get(path.parent)
                if folder is None:
                    folder = real_folders[path.parent] = os.path.realpath(path.parent)
                real = os.path.join(folder, path.name)
            escape = link_outside(path, content_dir, real=real, root=root)
            if escape is not None:
                # Said once for a linked folder, however many files it holds.
                if escape not in problems:
                    problems.append(escape)
                unreadable.add(name)
                continue
            if not path.is_file():
                # A folder, a broken link or a pipe: never opened, since a pipe would block.
                problems.append(Diagnostic(display_path(path), 0, 0, "error", "is not a readable file (expected a YAML file)"))
                unreadable.add(name)
                continue
            try:
                documents[name] = load_file(path, cache, shown=name if shown == "." else f"{shown}/{name}")
            except ContentError as error:
                problems.extend(error.diagnostics)
                unreadable.add(name)
            except OSError as error:
                problems.append(Diagnostic(display_path(path), 0, 0, "error", f"cannot be read: {error.strerror} (expected a readable file)"))
                unreadable.add(name)
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise Unreadable(problems, documents, frozenset(unreadable))
    return documents


def is_yaml_name(name: str) -> bool:
    """Whether a file name is meant as a YAML file: ``actors.YML`` and ``actors.yml `` (with a
    space after it) are, so that they are reported as misnamed rather than left out unsaid."""
    if name.isascii() and "".join(name.split()) == name:  # most names: nothing to take out
        visible = name
    else:
        visible = "".join(ch for ch in name if not (ch.isspace() or unicodedata.category(ch) == "Cf"))
    return os.path.splitext(visible)[1].lower() in (".yml", ".yaml")


def _yaml_files(content_dir: Path) -> list[Path]:
    """The YAML files of a desk, sorted: at the top, in ``explainers/`` and in each folder there."""
    explainers = content_dir / EXPLAINERS_FOLDER
    folders = [content_dir]
    if explainers.is_dir():
        folders += [explainers, *sorted(explainers / e.name for e in _entries(explainers) if e.is_dir() and not e.name.startswith("."))]
    return [
        folder / entry.name
        for folder in folders
        for entry in _entries(folder)
        # Editors' lock and backup files, such as Emacs's .#actors.yml, are not content.
        if not entry.name.startswith(".") and is_yaml_name(entry.name) and not (folder == explainers and entry.is_dir())
    ]


def _entries(folder: Path) -> list[os.DirEntry]:
    """A folder's entries, sorted by name. They tell a folder from a file without asking the
    disk again for each, as Path.iterdir() and is_dir() do."""
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def link_outside(path: Path, content_dir: Path, *, real: str | None = None, root: str | None = None) -> Diagnostic | None:
    """The problem of a file reached through a symbolic link that leads out of the content
    folder (the file's own, or a folder's on its way), named by the link: such a file is never
    read, since a pull request can carry a link to /etc/passwd and the error would quote it.
    ``real`` and ``root``, when known, are the real paths of the file and of the content folder."""
    root = root or os.path.realpath(content_dir)
    if _within(real or os.path.realpath(path), root):
        return None
    link = content_dir
    for part in path.relative_to(content_dir).parts:
        link = link / part
        if link.is_symlink() and not _within(os.path.realpath(link), root):
            break
    what = "file" if link == path else "folder"
    return Diagnostic(
        display_path(link), 0, 0, "error",
        f"is a symbolic link that points outside the content folder, so it is not read "
        f"(expected the {what} itself, or a link to a {what} inside the content folder)",
    )


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def load_file(path: Path, cache: dict[Path, tuple[bytes, str, Document]] | None = None, shown: str | None = None) -> Document:
    """One YAML file, named in messages as ``shown`` (by default, as ``display_path`` names it)."""
    file = shown or display_path(path)
    # The size is checked before reading, so a huge file is never read whole; reading at most
    # one byte more than the limit also catches a file that grows in between.
    size = path.stat().st_size
    if size <= MAX_FILE_BYTES:
        with path.open("rb") as f:
            # Asked for the size found, and a byte more: asking for the limit would set aside
            # that much memory at each read (8 MB a file, at every save of a preview).
            raw = f.read(size + 1)
            if len(raw) > size:  # it grew in between
                raw += f.read(MAX_FILE_BYTES + 1 - len(raw))
        size = len(raw)
    if size > MAX_FILE_BYTES:
        mb = size / 1024 / 1024
        raise ContentError([Diagnostic(file, 0, 0, "error", f"file is {mb:.1f} MB (expected at most {MAX_FILE_BYTES // 1024 // 1024} MB)")])
    known = cache.get(path) if cache is not None else None
    if known is not None and known[0] == raw and known[1] == file:
        return known[2]
    if _utf16(raw):
        raise ContentError([Diagnostic(file, 1, 1, "error", "the file is saved as UTF-16 (expected UTF-8: save it again "
                                       "with the encoding UTF-8, from the editor's Save As or Encoding menu)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = line_col(raw[: error.start].decode("utf-8", "replace"))
        raise ContentError(
            [Diagnostic(file, line, col, "error", f"byte 0x{raw[error.start]:02x} is not UTF-8 text (expected the file saved as UTF-8)")]
        ) from None
    document = parse(text, file)
    if cache is not None:
        cache[path] = (raw, file, document)
    return document


def _utf16(raw: bytes) -> bool:
    """Whether a file's bytes are UTF-16 text, as Windows tools save "Unicode": a byte-order mark,
    or, without one, zero bytes in every other place (beside each ASCII character, as YAML's keys
    are). UTF-8 text has no zero byte."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    start = raw[:200]
    zeros = sorted((start[0::2].count(0), start[1::2].count(0)))
    # Zeros in one of the two places only: a file zeroed by a crash has them in both.
    return len(start) >= 4 and zeros[1] >= len(start) // 4 and zeros[0] < len(start) // 20
