"""Save events.yml as UTF-16LE, no byte-order mark, with an accented letter in it."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "events.yml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("First meeting", "First meeting in Portø").encode("utf-16-le"))
