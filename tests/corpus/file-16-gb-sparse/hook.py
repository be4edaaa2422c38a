"""A 16 GB sparse events.yml."""

from pathlib import Path


def make(content: Path) -> None:
    with (content / "events.yml").open("r+b") as file:
        file.truncate(16 * 1024 ** 3)
