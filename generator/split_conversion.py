"""A cold `mkdocs build` converts its pages' Markdown on two cores (see ``SplitConversion``);
``EXPLAINER_JOBS=1`` keeps it to one."""

from __future__ import annotations

import copy
import logging
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from . import engine_internals as engine

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

# Set to 1: the build converts every page itself, on one core.
JOBS = "EXPLAINER_JOBS"
# Fewer pages than this to convert, and starting a second process costs more than it saves.
MIN_PAGES = 16
# How long the build waits for the other process's next page before converting the rest itself:
# far longer than any page takes; it only keeps a stuck process from hanging the build.
PATIENCE = 300.0
# Each page's result on the pipe: its length, then the pickled result.
_LENGTH = struct.Struct("!Q")
# Linux lets a pipe hold 1 MB (F_SETPIPE_SZ): the other process can then run a few pages ahead.
_PIPE_SIZE = 1 << 20


def two_cores() -> bool:
    """Whether this build may convert on two cores: not told otherwise, and it has them."""
    if os.environ.get(JOBS, "").strip() == "1" or not hasattr(os, "fork"):
        return False
    return len(os.sched_getaffinity(0)) >= 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) >= 2


class SplitConversion:
    """MkDocs converts each page's Markdown to HTML (``_populate_page``: about half of a cold
    build) one page after another, though no page's conversion reads another's. A second
    process, forked when the first page is converted (the site's files and navigation are
    known by then), converts every other page, and hands back what conversion leaves on each
    (``engine.converted``) and what it logged meanwhile. This process converts the rest; at each
    of the other's pages, in MkDocs' order, it takes the page as converted there and logs its
    messages then. The site and the log are those of a build on one core.

    Whenever the other process cannot give a page (it failed, or stopped answering), this one
    converts that page and the rest itself: a page whose conversion fails then fails here, as
    it would have on one core. The other process writes nothing but its answers, and ends with
    the build (``stop``)."""

    def __init__(self, theirs: dict[str, int], pid: int, answers: int) -> None:
        self.theirs = theirs  # the pages the other process converts, each by its place in its turn
        self.pid: int | None = pid
        self.answers: int | None = answers
        self.received = b""
        self.next = 0  # the place of the other process's next answer
        self.given = 0  # pages taken as the other process converted them

    @classmethod
    def start(cls, files: Files, convert: Callable[[Page], None], config: MkDocsConfig) -> SplitConversion | None:
        """The conversion of ``files``' pages shared with a second process that runs ``convert``
        on each of its own; None when the build is better off on one core."""
        pages = list(files.documentation_pages())
        if len(pages) < MIN_PAGES or not two_cores():
            return None
        theirs = pages[1::2]
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _convert(theirs, convert, config, write_end)
        os.close(write_end)
        try:
            import fcntl

            fcntl.fcntl(read_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_SIZE)
        except OSError:
            pass  # the pipe's own size: the other process waits for this one more often
        return cls({file.src_uri: n for n, file in enumerate(theirs)}, pid, read_end)

    def take(self, page: Page, files: Files) -> bool:
        """Whether the page is one the other process converted, and now is as it converted it,
        its messages logged; False: this process must convert it."""
        place = self.theirs.get(page.file.src_uri)
        if place is None:
            return False
        answer = self._answer(place)
        if answer is None:
            self.stop()  # this page and the rest are converted here
            return False
        found, records = answer
        if not engine.restore_converted(page, found, files):
            return False
        for record in records:
            logging.getLogger(record.name).handle(record)
        self.given += 1
        return True

    def _answer(self, place: int) -> tuple[dict, list[logging.LogRecord]] | None:
        """The other process's answer for the page at ``place`` of its own (they come in order),
        or None when it gives none."""
        while self.answers is not None and self.next <= place:
            length = self._read(_LENGTH.size)
            answer = self._read(_LENGTH.unpack(length)[0]) if length is not None else None
            if answer is None:
                return None
            self.next += 1
            if self.next > place:
                return pickle.loads(answer)
        return None

    def _read(self, size: int) -> bytes | None:
        while len(self.received) < size:
            ready, _, _ = select.select([self.answers], [], [], PATIENCE)
            chunk = os.read(self.answers, max(size - len(self.received), 1 << 16)) if ready else b""
            if not chunk:
                return None  # ended, failed or stuck
            self.received += chunk
        found, self.received = self.received[:size], self.received[size:]
        return found

    def stop(self) -> None:
        """The other process ended (at once, if it is still converting) and its pipe closed."""
        self.theirs = {}
        if self.answers is not None:
            os.close(self.answers)
            self.answers = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None


def _convert(files: Sequence[File], convert: Callable[[Page], None], config: MkDocsConfig, answers: int) -> NoReturn:
    """The second process: converts each file's page and writes what that left on the page, and
    the log records it made, to ``answers``. It stops at the first failure (the build converts
    that page again, and logs its error); it never returns, nor runs the parent's exit code."""
    status = 1
    try:
        records: list[logging.LogRecord] = []
        # Every message is kept for the build to log at its page's turn, after this process's
        # loggers' filters (the build's run them again, with the same outcome).
        logging.Logger.callHandlers = lambda logger, record: records.append(record)  # type: ignore[method-assign]
        for file in files:
            page = engine.new_page(file, config)
            records.clear()
            convert(page)
            answer = pickle.dumps((engine.converted(page), [_portable(r) for r in records]), pickle.HIGHEST_PROTOCOL)
            data = memoryview(_LENGTH.pack(len(answer)) + answer)
            while data:
                data = data[os.write(answers, data):]
        status = 0
    except BaseException:  # noqa: BLE001 - any failure: the build converts the rest itself
        pass
    finally:
        os._exit(status)


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message made text, as a logging queue sends one to another process."""
    record = copy.copy(record)
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record
