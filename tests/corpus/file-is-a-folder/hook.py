"""Make a folder whose name ends in .yml."""

from pathlib import Path


def make(content: Path) -> None:
    (content / "drafts.yml").mkdir()
