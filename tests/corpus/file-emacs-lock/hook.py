"""The lock file Emacs makes next to a file with unsaved changes."""

import os
from pathlib import Path


def make(content: Path) -> None:
    os.symlink("editor@host.4242:1700000000", content / ".#actors.yml")
