"""South's position names an actor whose id is 100,000 characters long."""

from pathlib import Path


def make(content: Path) -> None:
    positions = content / "positions.yml"
    text = positions.read_text(encoding="utf-8")
    assert text.count("actor: south") == 1
    positions.write_text(text.replace("actor: south", "actor: " + "s" * 100_000), encoding="utf-8")
