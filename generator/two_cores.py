"""`mkdocs build` does its work for the pages it builds again (all of them in a cold build) on
two cores (see ``SecondProcess``); ``EXPLAINER_JOBS=1`` keeps it to one."""

from __future__ import annotations

import copy
import dataclasses
import gc
import logging
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from .engine_internals import page_steps, search_index

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

# Set to 1: the build does every page's work itself, on one core.
JOBS = "EXPLAINER_JOBS"
# The only plugins whose work for a page is known to come back from the other process (what
# Material's search gathers from it, what this one sets on it) and to be kept by the build
# cache: any other may gather something from every page it is shown, so a site with one is
# built on one core, and whole.
KNOWN_PLUGINS = frozenset({"search", "material/search", "explainer"})
# Fewer pages than this, and starting a second process costs more than it saves.
MIN_PAGES = 16
# How long the build waits for the other process's next page before doing the rest itself: far
# longer than any page takes; it only keeps a stuck process from hanging the build.
PATIENCE = 300.0
# MkDocs' two steps for each page, as ``Shared`` counts them.
CONVERTED, RENDERED = "converted", "rendered"
# Each page's answer on the pipe: its length, then the pickled answer.
_LENGTH = struct.Struct("!Q")
# Linux lets a pipe hold 1 MB (F_SETPIPE_SZ): the other process can then run a few pages ahead.
_PIPE_SIZE = 1 << 20


def two_cores() -> bool:
    """Whether this build may use two cores: not told otherwise, and it has them."""
    if os.environ.get(JOBS, "").strip() == "1" or not hasattr(os, "fork"):
        return False
    return len(os.sched_getaffinity(0)) >= 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) >= 2


def known_plugins(config: MkDocsConfig) -> bool:
    """Whether the site is built by the theme and plugins whose work for a page is known."""
    return config.theme.name == "material" and set(config.plugins) <= KNOWN_PLUGINS


@dataclasses.dataclass
class Answer:
    """What the other process's work for a page handed back."""

    value: object


class SecondProcess:
    """MkDocs' build does two steps for each page, one page after another: it converts every
    page (``_populate_page``: Markdown to HTML, about half of a cold build), then renders each
    with the theme and writes it (``_build_page``). No page's step reads another page's of the
    same kind. A second process, forked at the first page of a step (all the build knows by
    then is the same in both), does that step for every other page, and hands back what it
    left that this process needs (for a conversion, what it set on the page; for a rendering,
    the page's search entries, its HTML written already) with what it logged
    meanwhile. This process does the rest; at each of the other's pages, in MkDocs' order, it
    takes the answer and logs the page's messages then. The site and the log are those of a
    build on one core.

    Whenever the other process cannot answer for a page (it failed, or stopped answering), this
    one does that page and the rest itself: a page whose step fails then fails here, as it
    would have on one core. The other process writes nothing but its answers and the pages it
    renders, and ends with the step (``stop``)."""

    def __init__(self, theirs: dict[str, int], pid: int, answers: int) -> None:
        self.theirs = theirs  # the pages the other process does, each by its place in its turn
        self.pid: int | None = pid
        self.answers: int | None = answers
        self.received = b""
        self.next = 0  # the place of the other process's next answer

    @classmethod
    def start(cls, files: Sequence[File], work: Callable[[Page], object], page_of: Callable[[File], Page]) -> SecondProcess | None:
        """``work`` (a step, and what it left to hand back) for every other page of ``files``
        done by a second process; None when the build is better off on one core."""
        if len(files) < MIN_PAGES or not two_cores():
            return None
        theirs = list(files[1::2])
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            # What the build holds stays out of this process's collector: its passes would
            # touch every object, and make this process copy the memory it shares with the build.
            gc.freeze()
            os.close(read_end)
            _work(theirs, work, page_of, write_end)
        os.close(write_end)
        try:
            import fcntl

            fcntl.fcntl(read_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_SIZE)
        except OSError:
            pass  # the pipe's own size: the other process waits for this one more often
        return cls({file.src_uri: n for n, file in enumerate(theirs)}, pid, read_end)

    def take(self, page: Page) -> Answer | None:
        """The other process's answer for the page, its messages logged; None: this process must
        do the page's step."""
        place = self.theirs.get(page.file.src_uri)
        if place is None:
            return None
        found = self._answer(place)
        if found is None:
            self.stop()  # this page and the rest are done here
            return None
        value, records = found
        for record in records:
            logging.getLogger(record.name).handle(record)
        return Answer(value)

    def _answer(self, place: int) -> tuple[object, list[logging.LogRecord]] | None:
        """The other process's answer for the page at ``place`` of its own (they come in order),
        or None when it gives none."""
        while self.answers is not None and self.next <= place:
            length = self._read(_LENGTH.size)
            found = self._read(_LENGTH.unpack(length)[0]) if length is not None else None
            if found is None:
                return None
            self.next += 1
            if self.next > place:
                return pickle.loads(found)
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
        """The other process ended (at once, if it is still at work) and its pipe closed."""
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


class Shared:
    """MkDocs' two steps (``CONVERTED``, ``RENDERED``) for the pages one build does, each
    shared with a second process started at the step's first page (``SecondProcess``), with
    how many pages of each that process did."""

    def __init__(self) -> None:
        self.second: SecondProcess | None = None
        self.steps: dict[str, list[int]] = {CONVERTED: [0, 0], RENDERED: [0, 0]}  # by step: apart, of all

    def converted(self, page: Page, step: Callable[..., None], config: MkDocsConfig, files,
                  todo: Callable[[], Sequence[File]]) -> bool:
        """Whether the second process converted the page (``step(page)``, MkDocs' own), which is
        then as that process left it; if not, the caller converts it."""

        def work(other: Page) -> dict:
            step(other)
            return page_steps.converted(other)

        taken = self._taken(CONVERTED, page, work, lambda file: page_steps.new_page(file, config), todo)
        return taken is not None and page_steps.restore_converted(page, taken.value, files)

    def rendered(self, page: Page, step: Callable[..., None], config: MkDocsConfig,
                 todo: Callable[[], Sequence[File]]) -> bool:
        """Whether the second process rendered the page: its HTML written there, its search
        entries handed back and added to this build's index; if not, the caller renders it."""

        def work(other: Page) -> list[dict] | None:
            found = search_index.search_entries(config)
            start = len(found) if found is not None else 0
            step(other)
            return found[start:] if found is not None else None

        taken = self._taken(RENDERED, page, work, lambda file: file.page, todo)
        if taken is not None and taken.value is not None:
            search_index.add_search_entries(config, taken.value)
        return taken is not None

    def _taken(self, step: str, page: Page, work: Callable[[Page], object], page_of: Callable[[File], Page],
               todo: Callable[[], Sequence[File]]) -> Answer | None:
        """The second process's answer for the page; that process started at the step's first
        page, for every other page of ``todo()`` (the pages the build does in that step)."""
        done = self.steps[step]
        if done[1] == 0:
            self.stop()
            self.second = SecondProcess.start(todo(), work, page_of)
        done[1] += 1
        taken = self.second.take(page) if self.second is not None else None
        done[0] += taken is not None
        return taken

    def said(self) -> str | None:
        """What the second process did, for the build's log; None if nothing."""
        if not any(apart for apart, _ in self.steps.values()):
            return None
        done = ", ".join(f"{apart} of {all_} {step}" for step, (apart, all_) in self.steps.items())
        return f"Pages done by a second process, on another core: {done}"

    def stop(self) -> None:
        if self.second is not None:
            self.second.stop()
            self.second = None


def _work(files: Sequence[File], work: Callable[[Page], object], page_of: Callable[[File], Page], answers: int) -> NoReturn:
    """The second process: does the work for each file's page and writes its answer, and the log
    records it made, to ``answers``. It stops at the first failure (the build does that
    page again, and logs its error); it never returns, nor runs the parent's exit code."""
    status = 1
    try:
        records: list[logging.LogRecord] = []
        # Every message is kept for the build to log at its page's turn, after this process's
        # loggers' filters (the build's run them again, with the same outcome).
        logging.Logger.callHandlers = lambda logger, record: records.append(record)  # type: ignore[method-assign]
        for file in files:
            page = page_of(file)
            records.clear()
            found = pickle.dumps((work(page), [_portable(r) for r in records]), pickle.HIGHEST_PROTOCOL)
            data = memoryview(_LENGTH.pack(len(found)) + found)
            while data:
                data = data[os.write(answers, data):]
        status = 0
    except BaseException:  # noqa: BLE001 - any failure: the build does the rest itself
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
