"""Keeps `mkdocs serve` watching folders that are deleted, replaced or only created while it runs
(see ``Watcher``)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .engine_internals.live_server import observing, served_folder, watch_again, watched

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

# How often, in seconds, the preview looks whether a watched folder was deleted or replaced.
WATCH_POLL = 0.5


class Watcher:
    """Keeps `mkdocs serve` watching folders that are deleted, replaced or only created while it
    runs. MkDocs' watcher stops for good when a watched folder disappears, even for a moment (a
    `git checkout`, a sync tool replacing the folder), and ignores folders that do not exist
    yet; this looks every WATCH_POLL seconds, watches the folder again once it is back, and
    asks for a rebuild whenever one comes or goes, so the preview says what happened."""

    def __init__(self, server: LiveReloadServer, folders: list[Path]):
        self.server = server
        self.folders = [os.path.abspath(folder) for folder in dict.fromkeys(folders)]
        self.present = {folder: os.path.isdir(folder) for folder in self.folders}
        for folder in self.folders:
            if self.present[folder]:
                server.watch(folder)
        # Writing a file here is how a rebuild is asked for: MkDocs rebuilds on any change in a
        # watched folder, and this one is the preview's own, in the folder MkDocs serves (which
        # its builds empty of everything but dot-entries, and which it removes when it stops).
        self.trigger = str(served_folder(server) / ".explainer-rebuild")
        os.makedirs(self.trigger, exist_ok=True)
        server.watch(self.trigger)
        self.asked = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="explainer-watcher", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(WATCH_POLL):
            if not observing(self.server):
                continue  # not serving yet, or no longer
            for folder in self.folders:
                present = os.path.isdir(folder)
                if present and not watched(self.server, folder):
                    watch_again(self.server, folder)
                    self._rebuild()
                elif not present and self.present[folder]:
                    self._rebuild()
                self.present[folder] = present

    def _rebuild(self) -> None:
        self.asked += 1
        Path(self.trigger, "rebuild").write_text(str(self.asked), encoding="utf-8")

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=10)
