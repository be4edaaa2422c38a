"""Replace the content folder with a file of the same name."""

import shutil
from pathlib import Path


def make(content: Path) -> None:
    shutil.rmtree(content)
    content.write_text("title: Harbour talks\n", encoding="utf-8")
