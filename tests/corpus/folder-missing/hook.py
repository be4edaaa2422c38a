"""Remove the content folder."""

import shutil
from pathlib import Path


def make(content: Path) -> None:
    shutil.rmtree(content)
