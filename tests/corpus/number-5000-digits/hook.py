"""A value of 5,000 digits: more than Python's 4,300-digit limit for int()."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "figures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 1000", "value: " + "7" * 5000), encoding="utf-8")
