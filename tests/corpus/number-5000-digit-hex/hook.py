"""A value of 0x and 5,000 hex digits."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "figures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 1000", "value: 0x" + "f" * 5000), encoding="utf-8")
