"""A YAML file with a 250-character name."""

from pathlib import Path


def make(content: Path) -> None:
    (content / ("notes-" + "n" * 240 + ".yml")).write_text("- id: x\n", encoding="utf-8")
