"""`mkdocs serve` stopped by `kill` or by its terminal closing ends as Ctrl-C ends it (see
``LikeCtrlC``)."""

from __future__ import annotations

import signal
import threading
from types import FrameType

# `kill` and process managers (`docker stop`, systemd) send SIGTERM; a closed terminal or a
# dropped SSH session sends SIGHUP.
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class LikeCtrlC:
    """While it is open, SIGTERM and SIGHUP end the preview as Ctrl-C does. MkDocs serves the
    site from a temporary folder of its own, which it removes only when Ctrl-C (Python's
    KeyboardInterrupt) ends it: these signals' default ends the process at once and leaves the
    folder behind, a whole site each time. A signal someone chose to handle or ignore (`nohup`
    ignores SIGHUP) is left as it was."""

    def __init__(self) -> None:
        self.replaced: dict[int, object] = {}
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set handlers; MkDocs' `serve` runs there
        for number in SIGNALS:
            if signal.getsignal(number) is signal.SIG_DFL:
                self.replaced[number] = signal.signal(number, _interrupt)

    def close(self) -> None:
        for number, handler in self.replaced.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self.replaced = {}


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(number).name)
