"""Replace North's name with a million characters."""

from pathlib import Path


def make(content: Path) -> None:
    actors = content / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("name: North", "name: " + "N" * 1024 * 1024), encoding="utf-8")
