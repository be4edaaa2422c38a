"""actors.yml as one block sequence nested 10,000 deep."""

from pathlib import Path


def make(content: Path) -> None:
    (content / "actors.yml").write_text("- " * 10000 + "x\n", encoding="utf-8")
