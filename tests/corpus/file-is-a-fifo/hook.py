"""Make a named pipe called notes.yml in the content folder."""

import os
from pathlib import Path


def make(content: Path) -> None:
    os.mkfifo(content / "notes.yml")
